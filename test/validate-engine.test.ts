import { describe, expect, test } from 'vitest';
import type ExcelJS from 'exceljs';
import type { Issue } from '../src/issues/types.js';
import { makePeriod } from '../src/period/periods.js';
import type { Unit } from '../src/period/units.js';
import { validateWorkbook, type ValidateInput } from '../src/validate/index.js';
import { encodeLegacy } from '../src/text/legacy.js';
import { HOSTILE_FILES } from './helpers/hostile.js';
import {
  buildUnitWorkbook,
  GOOD_VALUES,
  layoutOf,
  testOutline,
  type Spec,
  type UnitWorkbookOptions,
} from './helpers/unit-workbook.js';

const outline = testOutline();
const lay = layoutOf(outline, 'xa');
const outlines = (id: string) => (id === outline.id ? outline : undefined);
const UNITS: Unit[] = [
  { code: '15664', name: 'Thị trấn Triệu Sơn', kind: 'xa' },
  {
    code: '15700',
    name: 'Xã Cũ',
    kind: 'xa',
    validTo: { year: 2021, month: 12, day: 31 },
  },
];

async function check(
  opts: UnitWorkbookOptions = {},
  extra: Partial<ValidateInput> = {},
): Promise<ReturnType<typeof validateWorkbook>> {
  const bytes = await buildUnitWorkbook(outline, {
    values: GOOD_VALUES,
    narratives: { I: 'Đã triển khai kế hoạch.' },
    ...opts,
  });
  return validateWorkbook({ bytes, file: 'don-vi.xlsx', outlines, units: UNITS, ...extra });
}

const codes = (issues: Issue[]) => issues.map((i) => i.code);
const pick = (issues: Issue[], code: string) => issues.filter((i) => i.code === code);

describe('a good workbook', () => {
  test('is valid, with its numbers, the computed derived member and the filled sections', async () => {
    const s = await check({ derivedFormulas: true });
    expect(s.issues).toEqual([]);
    expect(s.valid).toBe(true);
    expect(s.unit).toEqual({ code: '15664', name: 'Thị trấn Triệu Sơn', kind: 'xa' });
    expect(s.period).toBe('2022-6m');
    expect(s.outline).toEqual({ id: 'thu', version: '2022.1' });
    expect(s.preparedOn).toBe('2022-06-15');
    expect(s.values.SINH_SONG).toEqual({ tong: 120, nu: 58, nam: 62 });
    expect(s.values.CO_KE_HOACH).toEqual({ value: 1 });
    expect(s.values.TY_LE_NGHEO).toEqual({ value: 3.5 });
    expect(s.narrativesFilled).toEqual(['I']);
  });

  test('without units.yaml the unit checks are skipped, without a warning on the file', async () => {
    const s = await check({}, { units: undefined });
    expect(codes(s.issues)).toEqual([]);
    expect(s.valid).toBe(true);
  });
});

describe('the file', () => {
  test.each(HOSTILE_FILES.filter((h) => h.expect !== 'ok'))(
    '$label: its own error',
    ({ make, expect: want }) => {
      const { problem, sheet } = want as { problem: string; sheet?: string };
      const s = validateWorkbook({ bytes: make(), file: 'x.xlsx', outlines, outline });
      expect(s.valid).toBe(false);
      if (sheet === undefined) {
        // A file that cannot be read is one error, and validation stops there.
        expect(s.issues.map((i) => [i.code, i.severity])).toEqual([[`file-${problem}`, 'error']]);
      } else {
        // A hostile sheet part is met when validation reads that sheet.
        expect(s.issues.find((i) => i.code === `file-${problem}`)).toMatchObject({
          severity: 'error',
          sheet,
        });
      }
    },
  );
});

describe('the outline and the template', () => {
  test('no stamp and no --outline: an error saying to use --outline', async () => {
    const s = await check({ stamp: false });
    expect(codes(s.issues)).toEqual(['outline-missing']);
    expect(s.issues[0]?.fix).toContain('--outline');
  });

  test('no stamp with --outline: validated normally', async () => {
    const s = await check({ stamp: false }, { outline });
    expect(s.valid).toBe(true);
    expect(s.values.LAO_DONG).toEqual({ tong: 40, nam: 22, nu: 18 });
  });

  test('a stamp naming an outline bctd does not have', async () => {
    const s = await check({ stamp: { outline_id: 'khac' } });
    expect(codes(s.issues)).toEqual(['outline-unknown']);
  });

  test('a template of another outline is foreign', async () => {
    const s = await check({ stamp: { outline_id: 'khac' } }, { outline });
    expect(codes(s.issues)).toEqual(['template-foreign']);
    expect(s.valid).toBe(false);
  });

  test('an older layout is a warning, and the rows are still read by code', async () => {
    const s = await check({ stamp: { layout: 'deadbeef0000', outline_version: '2021.1' } });
    expect(codes(s.issues)).toEqual(['template-outdated']);
    expect(s.valid).toBe(true);
    expect(s.values.VU_BAO_LUC).toEqual({ value: 3 });
  });
});

describe('the layout', () => {
  test('sheets renamed slightly are still found', async () => {
    const s = await check({
      mutate: (wb) => {
        (wb.getWorksheet('Số liệu') as ExcelJS.Worksheet).name = 'so lieu';
        (wb.getWorksheet('Thông tin') as ExcelJS.Worksheet).name = 'THÔNG TIN ';
      },
    });
    expect(s.issues).toEqual([]);
    expect(s.values.SINH_SONG?.tong).toBe(120);
  });

  test('inserted and reordered rows are matched by Mã', async () => {
    const s = await check({
      mutate: (wb) => {
        const ws = wb.getWorksheet('Số liệu') as ExcelJS.Worksheet;
        ws.insertRow(5, [null, null, 'Dòng thêm của đơn vị']);
        // Swap the code and values of two rows.
        const a = ws.getRow(10);
        const b = ws.getRow(11);
        const av = (a.values as unknown[]).slice();
        a.values = (b.values as unknown[]).slice() as ExcelJS.CellValue[];
        b.values = av as ExcelJS.CellValue[];
      },
    });
    expect(s.issues).toEqual([]);
    expect(s.values.VU_BAO_LUC).toEqual({ value: 3 });
    expect(s.values.VU_XU_LY).toEqual({ value: 2 });
  });

  test('a deleted required row is an error naming the code', async () => {
    const s = await check({
      mutate: (wb) => (wb.getWorksheet('Số liệu') as ExcelJS.Worksheet).spliceRows(5, 1),
    });
    const [i] = pick(s.issues, 'input-missing');
    expect(i).toMatchObject({ severity: 'error', sheet: 'Số liệu', input: 'SINH_SONG' });
    expect(s.values.SINH_SONG).toBeUndefined();
  });

  test('a deleted optional row is a warning', async () => {
    const s = await check({
      mutate: (wb) => (wb.getWorksheet('Số liệu') as ExcelJS.Worksheet).spliceRows(6, 1),
    });
    expect(pick(s.issues, 'input-missing')[0]).toMatchObject({
      severity: 'warning',
      input: 'LAO_DONG',
    });
  });

  test.each([
    ['an unknown code', 'B7', 'TY_LE_NGHEOO', 'code-unknown', 'warning'],
    ['a duplicated code', 'B8', 'SINH_SONG', 'code-duplicate', 'error'],
    ['a code of another unit kind', 'B9', 'HOP_PHONG', 'code-not-for-unit', 'warning'],
  ])('%s', async (_label, cell, code, issue, severity) => {
    const s = await check({
      mutate: (wb) => {
        (wb.getWorksheet('Số liệu') as ExcelJS.Worksheet).getCell(cell).value = code;
      },
    });
    const found = pick(s.issues, issue)[0];
    expect(found).toMatchObject({ severity, sheet: 'Số liệu', cell, value: code });
  });

  test('an unknown code suggests the closest one', async () => {
    const s = await check({
      mutate: (wb) => {
        (wb.getWorksheet('Số liệu') as ExcelJS.Worksheet).getCell('B7').value = 'TY_LE_NGHEOO';
      },
    });
    expect(pick(s.issues, 'code-unknown')[0]?.message).toContain('TY_LE_NGHEO?');
  });

  test('numbers in a row without a code', async () => {
    const s = await check({
      mutate: (wb) => {
        const ws = wb.getWorksheet('Số liệu') as ExcelJS.Worksheet;
        ws.getCell('C20').value = 'Số liệu thêm';
        ws.getCell('E20').value = 5;
      },
    });
    expect(pick(s.issues, 'row-without-code')[0]).toMatchObject({
      cell: 'B20',
      severity: 'warning',
    });
  });

  test('a merged range over value cells', async () => {
    const s = await check({
      mutate: (wb) => (wb.getWorksheet('Số liệu') as ExcelJS.Worksheet).mergeCells('E6:G6'),
    });
    expect(pick(s.issues, 'merged-value-cells')[0]).toMatchObject({
      severity: 'error',
      cell: 'E6',
      sheet: 'Số liệu',
    });
  });

  test('a deleted member column', async () => {
    const s = await check({
      mutate: (wb) => (wb.getWorksheet('Số liệu') as ExcelJS.Worksheet).spliceColumns(7, 1),
    });
    const i = pick(s.issues, 'column-missing');
    expect(i).toHaveLength(1);
    expect(i[0]?.message).toContain('"Nữ"');
  });

  test('a sheet pasted into a new workbook is found by its header (with --outline)', async () => {
    const s = await check(
      {
        stamp: false,
        mutate: (wb) => {
          (wb.getWorksheet('Số liệu') as ExcelJS.Worksheet).name = 'Sheet1';
        },
      },
      { outline },
    );
    expect(s.valid).toBe(true);
    expect(s.values.SINH_SONG?.nu).toBe(58);
  });

  test('no Số liệu sheet at all', async () => {
    const s = await check({
      mutate: (wb) => wb.removeWorksheet((wb.getWorksheet('Số liệu') as ExcelJS.Worksheet).id),
    });
    expect(pick(s.issues, 'sheet-missing')[0]?.message).toContain('Số liệu');
  });
});

/** Value cases: input, member, what is typed -> the value kept and the issue (code, severity). */
const VALUE_CASES: Array<{
  name: string;
  input: string;
  member: string;
  spec: Spec;
  value?: number | null | 'absent';
  issue?: [string, 'error' | 'warning'];
}> = [
  {
    name: 'text 1.234 in a count',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: '1.234',
    value: 1234,
  },
  {
    name: 'text 1 234 in a count',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: '1 234',
    value: 1234,
  },
  { name: 'text 12,5 in money', input: 'KINH_PHI', member: 'value', spec: '12,5', value: 12.5 },
  {
    name: 'text 12,5% in a percent',
    input: 'TY_LE_NGHEO',
    member: 'value',
    spec: '12,5%',
    value: 12.5,
  },
  {
    name: '0.125 with a % format in a percent',
    input: 'TY_LE_NGHEO',
    member: 'value',
    spec: { value: 0.125, numFmt: '0.0%' },
    value: 12.5,
  },
  {
    name: 'text 1.234 in money reads two ways',
    input: 'KINH_PHI',
    member: 'value',
    spec: '1.234',
    value: 1234,
    issue: ['value-ambiguous', 'warning'],
  },
  { name: 'placeholder - is zero', input: 'VU_BAO_LUC', member: 'value', spec: '-', value: 0 },
  { name: 'placeholder KPS is zero', input: 'VU_BAO_LUC', member: 'value', spec: 'KPS', value: 0 },
  {
    name: 'placeholder không is zero',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: 'không',
    value: 0,
  },
  {
    name: 'placeholder x is not applicable',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: 'x',
    value: 'absent',
  },
  { name: 'zero is a reported zero', input: 'VU_BAO_LUC', member: 'value', spec: 0, value: 0 },
  {
    name: 'blank is not reported',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: null,
    value: null,
    issue: ['value-blank', 'warning'],
  },
  {
    name: 'blank in a required input is an error',
    input: 'SINH_SONG',
    member: 'nu',
    spec: null,
    value: null,
    issue: ['value-blank', 'error'],
  },
  {
    name: 'a negative count',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: -3,
    value: null,
    issue: ['value-negative', 'error'],
  },
  {
    name: 'a decimal count',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: 2.5,
    value: null,
    issue: ['value-not-integer', 'error'],
  },
  {
    name: 'text 12,5 in a count',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: '12,5',
    value: null,
    issue: ['value-not-integer', 'error'],
  },
  {
    name: 'words in a count',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: 'khoảng 3 vụ',
    value: null,
    issue: ['value-not-number', 'error'],
  },
  {
    name: 'a percent over 100',
    input: 'TY_LE_NGHEO',
    member: 'value',
    spec: 135,
    value: null,
    issue: ['value-percent-range', 'error'],
  },
  { name: 'Không in yes/no', input: 'CO_KE_HOACH', member: 'value', spec: 'Không', value: 0 },
  {
    name: 'rubbish in yes/no',
    input: 'CO_KE_HOACH',
    member: 'value',
    spec: 'chưa rõ',
    value: null,
    issue: ['value-yes-no', 'error'],
  },
  {
    name: 'a formula without a stored result',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: { formula: '1+2' },
    value: null,
    issue: ['value-formula-no-result', 'error'],
  },
  {
    name: 'a cached #DIV/0!',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: { formula: '1/0', result: { error: '#DIV/0!' } },
    value: null,
    issue: ['value-formula-error', 'error'],
  },
  {
    name: 'a #REF! error cell',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: { error: '#REF!' },
    value: null,
    issue: ['value-formula-error', 'error'],
  },
  {
    name: 'a formula with its result',
    input: 'VU_BAO_LUC',
    member: 'value',
    spec: { formula: '1+2', result: 3 },
    value: 3,
  },
];

describe('values', () => {
  test.each(VALUE_CASES)('$name', async (c) => {
    // VU_XU_LY <= VU_BAO_LUC would fire on some cases; give it a blank-safe value.
    const values = {
      ...GOOD_VALUES,
      VU_XU_LY: { value: 0 },
      [c.input]: { ...GOOD_VALUES[c.input], [c.member]: c.spec },
    };
    const s = await check({ values });
    const got = s.values[c.input]?.[c.member];
    if (c.value === 'absent') expect(got).toBeUndefined();
    else expect(got).toBe(c.value);
    const cell = lay.cellOf(c.input, c.member);
    const own = s.issues.filter((i) => i.cell === cell && !i.code.startsWith('rule'));
    if (c.issue) {
      expect(own.map((i) => [i.code, i.severity])).toEqual([c.issue]);
      expect(own[0]).toMatchObject({ sheet: 'Số liệu', input: c.input });
      expect(own[0]?.label).toBeTruthy();
    } else expect(own).toEqual([]);
  });

  test('the ambiguous value names both readings', async () => {
    const s = await check({ values: { ...GOOD_VALUES, KINH_PHI: { value: '1.234' } } });
    const [i] = pick(s.issues, 'value-ambiguous');
    expect(i?.message).toContain('1.234');
    expect(i?.message).toContain('1,234');
    expect(i?.value).toBe('1.234');
  });
});

describe('rules', () => {
  test('Nữ greater than Tổng số', async () => {
    const s = await check({ values: { ...GOOD_VALUES, SINH_SONG: { tong: 50, nu: 58 } } });
    const [i] = pick(s.issues, 'rule-failed');
    expect(i).toMatchObject({
      severity: 'error',
      cell: lay.cellOf('SINH_SONG', 'nu'),
      input: 'SINH_SONG',
    });
    expect(i?.message).toContain('Nữ: 58');
    expect(i?.message).toContain('Tổng số: 50');
  });

  test('Nam + Nữ must equal Tổng số when all are entered', async () => {
    const s = await check({ values: { ...GOOD_VALUES, LAO_DONG: { tong: 40, nam: 22, nu: 17 } } });
    const i = pick(s.issues, 'rule-failed');
    expect(i).toHaveLength(1);
    expect(i[0]?.cell).toBe(lay.cellOf('LAO_DONG', 'nam'));
  });

  test('the sum rule is skipped when a part is blank', async () => {
    const s = await check({ values: { ...GOOD_VALUES, LAO_DONG: { tong: 40, nu: 18 } } });
    expect(pick(s.issues, 'rule-failed')).toEqual([]);
    expect(pick(s.issues, 'value-blank')[0]?.cell).toBe(lay.cellOf('LAO_DONG', 'nam'));
  });

  test("an outline rule keeps the outline's severity and wording", async () => {
    const s = await check({
      values: { ...GOOD_VALUES, VU_BAO_LUC: { value: 2 }, VU_XU_LY: { value: 5 } },
    });
    const [i] = pick(s.issues, 'rule-failed');
    expect(i).toMatchObject({
      severity: 'warning',
      cell: lay.cellOf('VU_XU_LY'),
      input: 'VU_XU_LY',
    });
    expect(i?.message).toContain('Số vụ đã xử lý không được lớn hơn');
    expect(i?.fix).toBe('Kiểm tra lại hai dòng số vụ.');
    expect(s.valid).toBe(true);
  });

  test('a typed derived value that differs is a warning; the computed one is kept', async () => {
    const s = await check({
      derivedFormulas: true,
      values: { ...GOOD_VALUES, SINH_SONG: { tong: 120, nu: 58, nam: 70 } },
    });
    const [i] = pick(s.issues, 'derived-mismatch');
    expect(i).toMatchObject({ severity: 'warning', cell: lay.cellOf('SINH_SONG', 'nam') });
    expect(s.values.SINH_SONG?.nam).toBe(62);
  });
});

describe('text', () => {
  test('TCVN3 text in a .VnTime cell is converted with one warning listing the cells', async () => {
    const legacy = encodeLegacy('Đã tổ chức tuyên truyền về bình đẳng giới', 'tcvn3');
    const s = await check({
      narratives: {},
      mutate: (wb) => {
        const ws = wb.getWorksheet('Nội dung') as ExcelJS.Worksheet;
        for (const addr of ['C4', 'C5']) {
          ws.getCell(addr).value = legacy;
          ws.getCell(addr).font = { name: '.VnTime' };
        }
      },
    });
    const i = pick(s.issues, 'text-legacy-converted');
    expect(i).toHaveLength(1);
    expect(i[0]?.message).toContain('Nội dung!C4, Nội dung!C5');
    expect(i[0]?.message).toContain('TCVN3');
    expect(s.narrativesFilled).toEqual(['I', 'I.1']);
  });

  test('a short TCVN3 text (a column heading) is converted and noted in every workbook that has it', async () => {
    const mutate = (wb: ExcelJS.Workbook): void => {
      const ws = wb.getWorksheet('Số liệu') as ExcelJS.Worksheet;
      ws.getCell('C4').value = encodeLegacy('Nội dung', 'tcvn3');
      ws.getCell('C4').font = { name: '.VnTime' };
    };
    // Twice: the second reading of the same label comes from the engine's memo.
    for (let k = 0; k < 2; k++) {
      const s = await check({ mutate });
      expect(pick(s.issues, 'header-missing')).toHaveLength(0);
      const i = pick(s.issues, 'text-legacy-converted');
      expect(i).toHaveLength(1);
      expect(i[0]?.message).toContain('Số liệu!C4');
    }
  });

  test('a required narrative section left empty', async () => {
    const s = await check({ narratives: { 'I.1': 'Có chỉ đạo' } });
    expect(pick(s.issues, 'section-empty')[0]).toMatchObject({
      severity: 'error',
      sheet: 'Nội dung',
      cell: 'C4',
    });
    expect(s.narrativesFilled).toEqual(['I.1']);
  });

  test('no narrative text is kept in the submission', async () => {
    const s = await check({ narratives: { I: 'Một đoạn văn dài của đơn vị.' } });
    expect(JSON.stringify(s)).not.toContain('Một đoạn văn');
  });
});

describe('who and when', () => {
  const period = makePeriod('6m', 2022);
  test('an unknown unit code suggests the closest', async () => {
    const s = await check({ unit: { code: '15665', name: 'X', kind: 'xa' } }, { period });
    expect(pick(s.issues, 'unit-unknown')[0]).toMatchObject({
      sheet: 'Thông tin',
      cell: 'B3',
      value: '15665',
    });
    expect(pick(s.issues, 'unit-unknown')[0]?.message).toContain('15664');
  });

  test('a unit not active in the period', async () => {
    const s = await check({ unit: { code: '15700', name: 'Xã Cũ', kind: 'xa' } }, { period });
    expect(codes(s.issues)).toContain('unit-inactive');
  });

  test('a workbook of another period', async () => {
    const s = await check({}, { period: makePeriod('year', 2022) });
    expect(pick(s.issues, 'period-mismatch')[0]).toMatchObject({ severity: 'error', cell: 'B6' });
  });

  test('an unreadable preparer date', async () => {
    const s = await check({ preparedOn: '31/02/2022' });
    expect(pick(s.issues, 'prepared-date-invalid')[0]).toMatchObject({
      cell: 'B9',
      severity: 'warning',
    });
    expect(s.preparedOn).toBeNull();
  });

  test('a real date cell', async () => {
    const s = await check({ preparedOn: { value: 44727, numFmt: 'dd/mm/yyyy' } });
    expect(s.preparedOn).toBe('2022-06-15');
  });
});
