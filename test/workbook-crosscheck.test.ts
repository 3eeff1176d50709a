import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook, serialToDate } from '../src/workbook/index.js';
import type { RawCell, RawSheet, RawWorkbook } from '../src/workbook/index.js';
import { buildXlsx, loadWithExceljs } from './helpers/xlsx.js';
import type { CellSpec } from './helpers/xlsx.js';

function open(bytes: Uint8Array): RawWorkbook {
  const r = readWorkbook(bytes);
  if (!r.ok) throw new Error(`${r.problem}: ${r.detail}`);
  return r.workbook;
}

function sheet(wb: RawWorkbook, name: string): RawSheet {
  const s = wb.sheet(name);
  if (!s.ok) throw new Error(`${s.problem}: ${s.detail}`);
  return s;
}

/** What exceljs says a cell holds, in the reader's terms. */
function expected(c: ExcelJS.Cell): Partial<RawCell> {
  const v = c.value;
  const scalar = (x: unknown): Partial<RawCell> => {
    if (x instanceof Date) return { type: 'number', value: x.getTime() };
    if (typeof x === 'object' && x !== null && 'error' in x) {
      return { type: 'error', error: (x as ExcelJS.CellErrorValue).error };
    }
    if (typeof x === 'number') return { type: 'number', value: x };
    if (typeof x === 'boolean') return { type: 'boolean', value: x };
    if (typeof x === 'string') return { type: 'string', value: x };
    return { type: 'blank', value: null };
  };
  if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
    if ('richText' in v) {
      return { type: 'string', value: v.richText.map((r) => r.text).join('') };
    }
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      return {
        ...scalar(result),
        formula: c.formula,
        hasCachedValue: result !== undefined,
      };
    }
  }
  return scalar(v);
}

/** Compares every cell exceljs sees with the reader's; returns how many were compared. */
async function crossCheck(bytes: Uint8Array): Promise<number> {
  const ours = open(bytes);
  const theirs = await loadWithExceljs(bytes);
  const date1904 = Boolean(theirs.properties.date1904);
  expect(ours.date1904).toBe(date1904);
  expect(ours.sheets.map((s) => [s.name, s.state])).toEqual(
    theirs.worksheets.map((w) => [w.name, w.state]),
  );
  let compared = 0;
  for (const ws of theirs.worksheets) {
    const mine = sheet(ours, ws.name);
    const seen = new Set<string>();
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (c) => {
        // exceljs shows a merged range's value in every cell of it; the file stores it once.
        if (c.master.address !== c.address) return;
        const want = expected(c);
        if (want.type === 'blank' && want.formula === undefined) return;
        const got = mine.cells.get(c.address);
        expect(got, `${ws.name}!${c.address}`).toBeDefined();
        if (!got) return;
        seen.add(c.address);
        const gotComparable: Partial<RawCell> = { type: got.type };
        if (got.type === 'number' && typeof want.value === 'number' && c.value instanceof Date) {
          gotComparable.value = serialToDate(got.value as number, date1904).getTime();
        } else if (
          got.type === 'number' &&
          c.value !== null &&
          typeof c.value === 'object' &&
          (c.value as ExcelJS.CellFormulaValue).result instanceof Date
        ) {
          gotComparable.value = serialToDate(got.value as number, date1904).getTime();
        } else if (got.type !== 'error') gotComparable.value = got.value;
        if (got.error !== undefined) gotComparable.error = got.error;
        if (want.formula !== undefined) {
          gotComparable.formula = got.formula ?? '';
          gotComparable.hasCachedValue = got.hasCachedValue;
        }
        const wantComparable = { ...want };
        if (want.type === 'error') delete wantComparable.value;
        expect(gotComparable, `${ws.name}!${c.address}`).toEqual(wantComparable);
        if (c.numFmt && c.numFmt !== 'General') expect(got.numFmt, c.address).toBe(c.numFmt);
        const v = c.value;
        if (typeof v === 'object' && v !== null && 'richText' in v) {
          expect(got.runs?.map((r) => [r.text, r.font?.name])).toEqual(
            v.richText.map((r) => [r.text, r.font?.name]),
          );
        } else if (c.font?.name) expect(got.font?.name, c.address).toBe(c.font.name);
        compared++;
      });
    });
    // Nothing the reader keeps is unknown to exceljs.
    for (const addr of mine.cells.keys()) expect(seen.has(addr), `${ws.name}!${addr}`).toBe(true);
    expect([...mine.merges].sort()).toEqual(
      [...((ws.model as { merges?: string[] }).merges ?? [])].sort(),
    );
  }
  return compared;
}

const VN_ROWS: CellSpec[][] = [
  ['STT', 'Mã', 'Nội dung', 'Đơn vị tính', 'Tổng số', 'Nam', 'Nữ', 'Ghi chú'],
  [1, 'DS01', 'Dân số trung bình', 'Người', 12500, 6100, 6400, null],
  [2, 'DS02', 'Số trẻ em sinh ra', 'Trẻ', 210, 101, 109, 'Ước tính'],
  [3, 'TL01', 'Tỷ lệ hộ nghèo', '%', { value: 0.035, numFmt: '0.0%' }, null, null, null],
  [4, 'TL02', 'Tỷ lệ đi học', '%', { value: 0.98, numFmt: '0%' }, null, null, true],
  [
    5,
    'CT01',
    'Tổng (công thức)',
    'Người',
    { formula: 'E2+E3', result: 12710 },
    { formula: 'F2+F3', result: 6201 },
    { formula: 'G2+G3' },
    false,
  ],
  [
    6,
    'CT02',
    'Chia cho 0',
    '',
    { formula: 'E2/0', result: { error: '#DIV/0!' } },
    { error: '#REF!' },
    { formula: 'F2&"x"', result: '6100x' },
    null,
  ],
  [
    7,
    'NG01',
    'Ngày báo cáo',
    '',
    new Date(Date.UTC(2022, 5, 30)),
    { value: new Date(Date.UTC(2022, 0, 5)), numFmt: 'dd/mm/yyyy' },
    { formula: 'E8+1', result: new Date(Date.UTC(2022, 6, 1)) },
    null,
  ],
  [
    8,
    'TX01',
    'Văn bản dài',
    '',
    'Báo cáo tình hình kinh tế – xã hội 6 tháng đầu năm 2022 của UBND xã',
    -12.75,
    1e-7,
    123456789.125,
  ],
];

describe('the reader agrees with exceljs on the same bytes', () => {
  it('numbers, shared strings, booleans, formulas with and without results, errors, percent and date formats', async () => {
    const bytes = await buildXlsx({ 'Số liệu': VN_ROWS });
    expect(await crossCheck(bytes)).toBeGreaterThan(60);
    const s = sheet(open(bytes), 'Số liệu');
    // Spot checks, so an empty comparison cannot pass.
    expect(s.cells.get('E4')).toMatchObject({ type: 'number', value: 0.035, numFmt: '0.0%' });
    expect(s.cells.get('E5')?.numFmt).toBe('0%');
    expect(s.cells.get('G6')).toMatchObject({
      type: 'blank',
      formula: 'G2+G3',
      hasCachedValue: false,
    });
    expect(s.cells.get('E7')).toMatchObject({ type: 'error', error: '#DIV/0!', formula: 'E2/0' });
    expect(s.cells.get('F7')).toMatchObject({
      type: 'error',
      error: '#REF!',
      hasCachedValue: true,
    });
    expect(s.cells.get('H3')).toMatchObject({ type: 'string', text: 'Ước tính' });
    expect(s.cells.get('H5')).toMatchObject({ type: 'boolean', value: true, text: 'TRUE' });
    expect(s.cells.get('F9')).toMatchObject({ type: 'number', value: -12.75, text: '-12.75' });
    expect(serialToDate(s.cells.get('E8')?.value as number).toISOString()).toBe(
      '2022-06-30T00:00:00.000Z',
    );
    expect(s.maxRow).toBe(9);
    expect(s.maxCol).toBe(8);
    expect(s.rowCount).toBe(9);
  });

  it('rich text with legacy Vietnamese fonts keeps each run and its font', async () => {
    const bytes = await buildXlsx({
      'Nội dung': [
        [
          'Mục',
          {
            richText: [
              { text: 'B¸o c¸o ', font: { name: '.VnTime' } },
              { text: 'tình hình', font: { name: 'Times New Roman', bold: true } },
              { text: ' Baùo caùo', font: { name: 'VNI-Times', italic: true } },
            ],
          },
        ],
        ['Ghi chú', { value: 'Toµn x·', font: { name: '.VnTimeH', bold: true } }],
      ],
    });
    expect(await crossCheck(bytes)).toBe(4);
    const s = sheet(open(bytes), 'Nội dung');
    expect(s.cells.get('B1')?.runs).toEqual([
      { text: 'B¸o c¸o ', font: { name: '.VnTime' } },
      { text: 'tình hình', font: { name: 'Times New Roman', bold: true } },
      { text: ' Baùo caùo', font: { name: 'VNI-Times', italic: true } },
    ]);
    expect(s.cells.get('B2')?.font).toEqual({ name: '.VnTimeH', bold: true });
  });

  it('merged ranges, hidden and very hidden sheets, styled empty cells', async () => {
    const bytes = await buildXlsx(
      {
        'Thông tin': [
          ['Đơn vị', 'UBND xã A'],
          ['Kỳ', '6 tháng 2022'],
        ],
        'Số liệu': [
          ['Mã', 'Tổng số', null, null],
          ['DS01', 5, 6, 7],
        ],
        _bctd: [
          ['outline', 'ubnd-xa'],
          ['version', 3],
        ],
      },
      {
        merges: { 'Thông tin': ['B1:D1'], 'Số liệu': ['B1:D1', 'A3:A5'] },
        states: { 'Số liệu': 'hidden', _bctd: 'veryHidden' },
        styledEmpty: { 'Số liệu': ['F10', 'G20', 'H30'] },
      },
    );
    expect(await crossCheck(bytes)).toBeGreaterThan(8);
    const wb = open(bytes);
    expect(wb.sheets.map((s) => s.state)).toEqual(['visible', 'hidden', 'veryHidden']);
    const s = sheet(wb, 'Số liệu');
    expect(s.merges).toEqual(['B1:D1', 'A3:A5']);
    // Styled empty cells are not kept and do not stretch the sheet.
    expect(s.cells.has('F10')).toBe(false);
    expect(s.maxRow).toBe(2);
    expect(sheet(wb, '_bctd').cells.get('B2')?.value).toBe(3);
  });

  it('dates in a 1904-based workbook', async () => {
    const bytes = await buildXlsx(
      { A: [[new Date(Date.UTC(2022, 11, 31)), 5]] },
      { date1904: true },
    );
    const wb = open(bytes);
    expect(wb.date1904).toBe(true);
    expect(await crossCheck(bytes)).toBe(2);
  });

  it('shared formulas are moved to each dependant cell', async () => {
    const bytes = await buildXlsx({
      A: [
        [1, 2, { formula: 'A1+$B$1*B1', result: 5 }],
        [3, 4, { sharedFormula: 'C1', result: 11 }],
        [5, 6, { sharedFormula: 'C1', result: 17 }],
      ],
    });
    await crossCheck(bytes);
    const s = sheet(open(bytes), 'A');
    expect(s.cells.get('C3')).toMatchObject({ formula: 'A3+$B$1*B3', value: 17 });
  });
});
