import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import {
  SAMPLE_UNITS,
  sampleOutline,
  samplePeriod,
  sampleSubmission,
} from '../src/aggregate/sample.js';
import type { Rollup, UnitRecord } from '../src/aggregate/types.js';
import type { Unit } from '../src/period/units.js';

const outline = sampleOutline();
const period = samplePeriod(); // deadline 20/6/2022
const unit = (code: string): Unit => SAMPLE_UNITS.find((u) => u.code === code) as Unit;
const ld = (tong: number) => ({ LD_QL: { tong, nu: 1, nam: tong - 1 } });
const on = (y: number, m: number, d: number) => ({ year: y, month: m, day: d });

const rollup = aggregate({
  outline,
  period,
  units: SAMPLE_UNITS,
  submissions: [
    // on time by the ledger, although the sheet says later
    sampleSubmission(unit('X01'), ld(10), { preparedOn: '2022-06-25' }),
    // late by the ledger
    sampleSubmission(unit('X02'), ld(20)),
    // no ledger entry: late by the date in its Thông tin sheet
    sampleSubmission(unit('X03'), ld(30), { preparedOn: '2022-06-21' }),
    // two different files for the thị trấn
    sampleSubmission(unit('TT1'), ld(40), { file: 'nop/2022-6m/TT1.xlsx', sha256: 'a' }),
    sampleSubmission(unit('TT1'), ld(41), { file: 'nop/2022-6m/TT1 (1).xlsx', sha256: 'b' }),
    // errors, and late
    sampleSubmission(unit('TTYT'), {}, { errors: 3, preparedOn: '2022-07-01' }),
    // a file that is not this outline's template
    sampleSubmission(unit('PNV'), {}, { outlineId: null, valid: false, errors: 1 }),
    // abolished before the period, and created after it: never counted, never expected
    sampleSubmission(unit('X04'), ld(1000)),
    sampleSubmission(unit('X05'), ld(2000)),
    sampleSubmission({ code: 'X99', name: 'Không rõ', kind: 'xa' }, ld(3000)),
  ],
  receipts: {
    X01: { receivedOn: on(2022, 6, 20), source: 'ledger' },
    X02: { receivedOn: on(2022, 6, 22), source: 'ledger' },
    // the ledger date applies to an invalid file too
    PNV: { receivedOn: on(2022, 6, 1), source: 'ledger' },
  },
});
const byCode = (r: Rollup, code: string): UnitRecord =>
  r.units.find((u) => u.code === code) as UnitRecord;

describe('completeness', () => {
  it('expects only units valid in the period, in units.yaml order', () => {
    expect(rollup.units.map((u) => u.code)).toEqual(['X01', 'X02', 'X03', 'TT1', 'TTYT', 'PNV']);
  });

  it.each([
    // code, status, late, source, counted
    ['X01', 'hop-le', false, 'ledger', true],
    ['X02', 'nop-muon', true, 'ledger', true],
    ['X03', 'nop-muon', true, 'sheet-date', true],
    ['TT1', 'nhieu-tep', false, 'none', false],
    ['TTYT', 'co-loi', true, 'sheet-date', false],
    ['PNV', 'sai-dinh-dang', false, 'ledger', false],
  ] as const)(
    '%s: %s (late %s, date from %s, counted %s)',
    (code, status, late, source, counted) => {
      const u = byCode(rollup, code);
      expect(u.status).toBe(status);
      expect(u.late).toBe(late);
      expect(u.receiptSource).toBe(source);
      expect(u.counted).toBe(counted);
    },
  );

  it('the ledger date wins over the sheet date', () => {
    expect(byCode(rollup, 'X01').receivedOn).toEqual(on(2022, 6, 20));
  });

  it('lists both files of a duplicate and counts issues', () => {
    expect(byCode(rollup, 'TT1').files).toEqual([
      'nop/2022-6m/TT1 (1).xlsx',
      'nop/2022-6m/TT1.xlsx',
    ]);
    expect(byCode(rollup, 'TTYT').errors).toBe(3);
  });

  it('sums the statuses into one set of numbers', () => {
    expect(rollup.completeness).toMatchObject({
      expected: 6,
      received: 6,
      valid: 3,
      invalid: 2,
      formatErrors: 1,
      withErrors: 1,
      duplicates: 1,
      late: 3,
      onTime: 1,
      undated: 1,
      missing: 0,
      errorIssues: 4,
      deadline: on(2022, 6, 20),
    });
    expect(rollup.completeness.byKind).toEqual({
      xa: { expected: 3, received: 3, valid: 3 },
      thi_tran: { expected: 1, received: 1, valid: 0 },
      trung_tam: { expected: 1, received: 1, valid: 0 },
      phong: { expected: 1, received: 1, valid: 0 },
    });
  });

  it('only valid, single files of expected units make the totals (late ones included)', () => {
    expect(rollup.values.LD_QL?.tong).toBe(60);
    expect(rollup.inputs.LD_QL?.expected).toBe(5);
  });

  it('excludes and warns about units not expected in the period or unknown', () => {
    expect(rollup.excluded).toEqual([
      { file: 'nop/2022-6m/X04.xlsx', unit: 'X04', reason: 'unit-not-expected' },
      { file: 'nop/2022-6m/X05.xlsx', unit: 'X05', reason: 'unit-not-expected' },
      { file: 'nop/2022-6m/X99.xlsx', unit: 'X99', reason: 'unknown-unit' },
    ]);
    expect(rollup.warnings.map((w) => w.code)).toEqual([
      'unit-not-expected',
      'unit-not-expected',
      'unknown-unit',
    ]);
  });

  it('missing units are chưa nộp; the same bytes twice are one file, not a duplicate', () => {
    const r = aggregate({
      outline,
      period,
      units: SAMPLE_UNITS,
      submissions: [
        sampleSubmission(unit('X01'), ld(10), { file: 'a/X01.xlsx', sha256: 'same' }),
        sampleSubmission(unit('X01'), ld(10), { file: 'b/X01.xlsx', sha256: 'same' }),
      ],
      // a ledger line for a unit whose file is no longer there: it has not submitted
      receipts: { X02: { receivedOn: on(2022, 6, 1), source: 'ledger' } },
    });
    expect(byCode(r, 'X01').status).toBe('hop-le');
    expect(byCode(r, 'X01').receiptSource).toBe('none');
    expect(r.completeness).toMatchObject({
      expected: 6,
      received: 1,
      valid: 1,
      missing: 5,
      undated: 1,
      onTime: 0,
    });
    expect(byCode(r, 'X02')).toMatchObject({
      status: 'chua-nop',
      files: [],
      values: null,
      receivedOn: null,
      late: false,
    });
  });

  it('a merged unit is expected in the year before the merger, and the new one is not', () => {
    const r2021 = aggregate({
      outline,
      period: samplePeriod(2021),
      units: SAMPLE_UNITS,
      submissions: [],
    });
    expect(r2021.units.map((u) => u.code)).toContain('X04');
    expect(r2021.units.map((u) => u.code)).not.toContain('X05');
    const r2023 = aggregate({
      outline,
      period: samplePeriod(2023),
      units: SAMPLE_UNITS,
      submissions: [],
    });
    expect(r2023.units.map((u) => u.code)).toContain('X05');
    expect(r2023.completeness.missing).toBe(7);
  });

  it('a file of another period is sai định dạng for its unit', () => {
    const r = aggregate({
      outline,
      period,
      units: SAMPLE_UNITS,
      submissions: [sampleSubmission(unit('X01'), ld(10), { period: '2021-6m' })],
    });
    expect(byCode(r, 'X01').status).toBe('sai-dinh-dang');
    expect(r.values.LD_QL?.tong).toBeNull();
  });

  it('an unreadable file is attributed by the app to its unit; with no unit at all it is excluded', () => {
    const unreadable = {
      ...sampleSubmission(unit('X02'), {}, { outlineId: null, valid: false }),
      unit: null,
    };
    const r = aggregate({
      outline,
      period,
      units: SAMPLE_UNITS,
      submissions: [unreadable],
      attribution: { [unreadable.file]: 'X02' },
    });
    expect(byCode(r, 'X02').status).toBe('sai-dinh-dang');
    const r2 = aggregate({ outline, period, units: SAMPLE_UNITS, submissions: [unreadable] });
    expect(r2.excluded).toEqual([{ file: unreadable.file, unit: null, reason: 'no-unit' }]);
    expect(byCode(r2, 'X02').status).toBe('chua-nop');
  });
});
