import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWorkbook, sniff } from '../src/workbook/index.js';
import type { RawSheet, ReadFailure, ReadResult } from '../src/workbook/index.js';
import {
  HOSTILE_FILES,
  cachedFormulaErrors,
  csvFile,
  docxFile,
  emptyFile,
  encryptedXlsx,
  externalEntity,
  formulaWithoutValue,
  hugeCell,
  hugeDimension,
  legacyXls,
  manyRows,
  noContentTypes,
  odsFile,
  randomFile,
  rawXlsx,
  truncatedZip,
  validXlsx,
  worksheetXml,
  zipBomb,
} from './helpers/hostile.js';

function opened(r: ReadResult) {
  if (!r.ok) throw new Error(`expected a workbook, got ${r.problem}: ${r.detail}`);
  return r.workbook;
}

function sheetOf(bytes: Uint8Array, name = 'Số liệu'): RawSheet {
  const s = opened(readWorkbook(bytes)).sheet(name);
  if (!s.ok) throw new Error(`expected a sheet, got ${s.problem}: ${s.detail}`);
  return s;
}

/** Everything a result holds, Maps included, as text. */
function dump(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? [...x.entries()] : x));
}

describe('hostile files end in their own problem', () => {
  for (const h of HOSTILE_FILES) {
    it(`${h.label} (${h.fileName})`, () => {
      const r = readWorkbook(h.make());
      if (h.expect === 'ok') {
        expect(r.ok ? 'ok' : `${r.problem}: ${r.detail}`).toBe('ok');
        return;
      }
      const want = h.expect;
      if (want.sheet === undefined) {
        expect(r.ok ? 'ok' : r.problem).toBe(want.problem);
        return;
      }
      const s = opened(r).sheet(want.sheet);
      expect(s.ok ? 'ok' : s.problem).toBe(want.problem);
      expect((s as ReadFailure).sheet).toBe(want.sheet);
    });
  }
});

describe('sniff tells the kind from the bytes', () => {
  it.each([
    ['empty', emptyFile, 'empty'],
    ['random bytes', randomFile, 'unknown'],
    ['CSV', csvFile, 'csv'],
    ['a valid workbook', validXlsx, 'xlsx'],
    ['a truncated workbook (central directory lost)', truncatedZip, 'xlsx'],
    ['legacy .xls', legacyXls, 'xls'],
    ['password-protected .xlsx', encryptedXlsx, 'encrypted'],
    ['.ods', odsFile, 'ods'],
    ['.docx', docxFile, 'docx'],
  ] as const)('%s', (_label, make, kind) => {
    expect(sniff(make())).toBe(kind);
  });

  it('reads a UTF-16 CSV with a byte order mark as CSV, not as binary', () => {
    const text = '\ufeffMã;Tổng số\r\nDS01;12500\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[i * 2] = text.charCodeAt(i) & 0xff;
      bytes[i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
    expect(sniff(bytes)).toBe('csv');
    expect(readWorkbook(bytes)).toMatchObject({ ok: false, problem: 'csv' });
  });

  it('does not take an HTML page saved as .xls for CSV', () => {
    const html = new TextEncoder().encode(
      '<html><body><table><tr><td>1,2</td></tr></table></body></html>\n',
    );
    expect(sniff(html)).toBe('unknown');
  });
});

describe('details of hostile reads', () => {
  it('never reads a file an external entity names', () => {
    const secret = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:x:0:0';
    expect(secret.length).toBeGreaterThan(5);
    for (const where of ['sharedStrings', 'sheet'] as const) {
      const r = readWorkbook(externalEntity(where));
      const s = r.ok ? r.workbook.sheet('Số liệu') : r;
      expect(s.ok ? 'ok' : s.problem).toBe('xml-dtd');
      expect(dump(r)).not.toContain(secret);
      expect(dump(s)).not.toContain(secret);
      expect(dump(s)).not.toContain('root:');
    }
  });

  it('stops a zip bomb at the part cap and names the part', () => {
    const r = readWorkbook(zipBomb());
    expect(r).toMatchObject({ ok: false, problem: 'part-too-large', part: 'xl/sharedStrings.xml' });
  });

  it('reads the data under a million-row dimension and 200 000 styled empty rows', () => {
    const s = sheetOf(hugeDimension());
    expect(s.rowCount).toBe(3);
    expect(s.maxRow).toBe(3);
    expect(s.maxCol).toBe(2);
    expect([...s.cells.keys()]).toEqual(['A1', 'B1', 'A2', 'B2', 'A3', 'B3']);
    expect(s.cells.get('B2')?.value).toBe(12500);
  });

  it('counts rows of data, not row elements, against max rows', () => {
    expect(sheetOf(manyRows(20_000)).rowCount).toBe(20_000);
    const s = opened(readWorkbook(manyRows(20_001))).sheet('Số liệu');
    expect(s).toMatchObject({ ok: false, problem: 'too-many-rows', cell: 'A20001' });
  });

  it('names the cell that is too long', () => {
    for (const as of ['shared', 'inline'] as const) {
      const s = opened(readWorkbook(hugeCell(5 * 1024 * 1024, as))).sheet('Số liệu');
      expect(s).toMatchObject({
        ok: false,
        problem: 'cell-too-long',
        cell: 'C7',
        sheet: 'Số liệu',
      });
    }
    // Exactly at the limit is fine.
    expect(sheetOf(hugeCell(32_767)).cells.get('C7')?.text.length).toBe(32_767);
  });

  it('reads a package without [Content_Types].xml and says so in the warnings', () => {
    const wb = opened(readWorkbook(noContentTypes()));
    expect(wb.warnings).toEqual([
      { problem: 'no-content-types', detail: expect.any(String), part: '[Content_Types].xml' },
    ]);
    const s = wb.sheet('Số liệu');
    expect(s.ok && s.cells.get('B1')?.value).toBe(1);
    expect(opened(readWorkbook(validXlsx())).warnings).toEqual([]);
  });

  it('keeps cached formula errors and error values', () => {
    const s = sheetOf(cachedFormulaErrors());
    expect(s.cells.get('B1')).toMatchObject({
      type: 'error',
      error: '#DIV/0!',
      formula: '1/A1',
      hasCachedValue: true,
    });
    expect(s.cells.get('C1')).toMatchObject({ type: 'error', error: '#REF!', formula: '#REF!+1' });
    expect(s.cells.get('D1')).toMatchObject({ type: 'error', error: '#N/A', hasCachedValue: true });
    expect(s.cells.get('D1')?.formula).toBeUndefined();
    expect(s.cells.get('E1')?.error).toBe('#REF!');
  });

  it('marks formulas that have no stored value', () => {
    const s = sheetOf(formulaWithoutValue());
    expect(s.cells.get('C1')).toMatchObject({
      type: 'blank',
      value: null,
      formula: 'A1+B1',
      hasCachedValue: false,
    });
    // A text formula whose stored result is the empty string did compute.
    expect(s.cells.get('D1')).toMatchObject({ type: 'string', value: '', hasCachedValue: true });
  });

  it('refuses any DOCTYPE, even one without entities', () => {
    const xml = worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>').replace(
      '?>\n',
      '?>\n<!DOCTYPE worksheet>',
    );
    const s = opened(readWorkbook(rawXlsx([{ name: 'Số liệu', xml }]))).sheet('Số liệu');
    expect(s).toMatchObject({ ok: false, problem: 'xml-dtd', part: 'xl/worksheets/sheet1.xml' });
  });

  it('reports malformed XML and undefined entities as malformed', () => {
    const bad = rawXlsx([{ name: 'A', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></row>') }]);
    expect(opened(readWorkbook(bad)).sheet('A')).toMatchObject({
      ok: false,
      problem: 'xml-malformed',
    });
    const ent = rawXlsx([
      {
        name: 'A',
        xml: worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'),
      },
    ]);
    expect(opened(readWorkbook(ent)).sheet('A')).toMatchObject({
      ok: false,
      problem: 'xml-malformed',
    });
  });
});

describe('limits can be changed', () => {
  it('file size', () => {
    const bytes = validXlsx();
    expect(readWorkbook(bytes, { maxFileBytes: bytes.length - 1 })).toMatchObject({
      problem: 'too-large',
    });
    expect(readWorkbook(bytes, { maxFileBytes: bytes.length }).ok).toBe(true);
  });

  it('columns, cells, sheets and entries', () => {
    const row = Array.from(
      { length: 30 },
      (_, i) =>
        `<c r="${String.fromCharCode(65 + (i % 26))}${i < 26 ? '' : ''}${Math.floor(i / 26) + 1}"><v>${i}</v></c>`,
    ).join('');
    const bytes = rawXlsx([{ name: 'A', xml: worksheetXml(`<row>${row}</row>`) }]);
    expect(opened(readWorkbook(bytes, { maxCells: 10 })).sheet('A')).toMatchObject({
      problem: 'too-many-cells',
    });
    const wide = rawXlsx([
      {
        name: 'A',
        xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="GS1"><v>2</v></c></row>'),
      },
    ]);
    expect(opened(readWorkbook(wide)).sheet('A')).toMatchObject({
      problem: 'too-many-columns',
      cell: 'GS1',
    });
    expect(opened(readWorkbook(wide, { maxColumns: 201 })).sheet('A').ok).toBe(true);
    const two = rawXlsx([
      { name: 'A', xml: worksheetXml('') },
      { name: 'B', xml: worksheetXml('') },
    ]);
    expect(readWorkbook(two, { maxSheets: 1 })).toMatchObject({ problem: 'too-many-sheets' });
    expect(readWorkbook(two, { maxEntries: 3 })).toMatchObject({ problem: 'too-many-entries' });
  });

  it('total inflated size over all parts read', () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    const xml = worksheetXml(rows);
    const bytes = rawXlsx([
      { name: 'A', xml },
      { name: 'B', xml },
    ]);
    // Room for the small parts and one sheet, not for both sheets.
    const wb = opened(readWorkbook(bytes, { maxTotalBytes: Math.round(xml.length * 1.5) }));
    expect(wb.sheet('A').ok).toBe(true);
    expect(wb.sheet('B')).toMatchObject({ problem: 'total-too-large', sheet: 'B' });
  });
});
