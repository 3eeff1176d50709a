import { describe, expect, it } from 'vitest';
import { aggregate, unitRows } from '../src/aggregate/aggregate.js';
import {
  SAMPLE_UNITS,
  sampleOutline,
  samplePeriod,
  sampleSubmission,
} from '../src/aggregate/sample.js';
import type { Unit } from '../src/period/units.js';

const outline = sampleOutline();
const period = samplePeriod();
const unit = (code: string): Unit => SAMPLE_UNITS.find((u) => u.code === code) as Unit;

function run(subs: ReturnType<typeof sampleSubmission>[]) {
  return aggregate({ outline, period, units: SAMPLE_UNITS, submissions: subs });
}

describe('totals by aggregation kind', () => {
  const subs = [
    sampleSubmission(unit('X01'), {
      LD_QL: { tong: 10, nu: 3, nam: 7 },
      SINH: { tong: 100, trai: 55, gai: 45 },
      CO_LDCC_NU: { value: 1 },
      CAN_BO: { value: 20 },
      THON_LON_NHAT: { value: 12 },
      BL_VU: { value: 2 },
    }),
    sampleSubmission(unit('X02'), {
      LD_QL: { tong: 8, nu: null, nam: null },
      SINH: { tong: 80, trai: 42, gai: 38 },
      CO_LDCC_NU: { value: 0 },
      CAN_BO: { value: 18 },
      THON_LON_NHAT: { value: 15 },
      BL_VU: { value: null },
    }),
    sampleSubmission(unit('TT1'), {
      LD_QL: { tong: 12, nu: 5, nam: 7 },
      CO_LDCC_NU: { value: 1 },
      CAN_BO: { value: 25 },
      THON_LON_NHAT: { value: 9 },
      BL_VU: { value: 1 },
    }),
    sampleSubmission(unit('TTYT'), { SINH: { tong: 400, trai: 212, gai: 188 } }),
    sampleSubmission(unit('PNV'), { LD_QL: { tong: 30, nu: 11, nam: 19 }, CAN_BO: { value: 40 } }),
  ];
  const r = run(subs);

  it.each([
    // [input, member, total, reported, expected reporters]
    ['LD_QL', 'tong', 60, 4, 5], // sum over xa, thi_tran, phong (X03 missing)
    ['LD_QL', 'nu', 19, 3, 5], // X02's blank is skipped, not read as 0
    ['LD_QL', 'nam', 33, 3, 5],
    ['SINH', 'tong', 400, 1, 1], // from trung_tam only: the communes' 180 are not added
    ['SINH', 'trai', 212, 1, 1],
    ['CO_LDCC_NU', 'value', 2, 3, 4], // count of Có among the 3 that answered
    ['CAN_BO', 'value', 63, 3, 4], // last over xa + thi_tran: the Phòng's 40 is not added
    ['THON_LON_NHAT', 'value', 15, 3, 4], // max
    ['BL_VU', 'value', 3, 2, 4],
  ])('%s.%s = %s from %s of %s reporters', (code, member, total, reported, expected) => {
    expect(r.inputs[code]?.values[member]).toBe(total);
    expect(r.values[code]?.[member]).toBe(total);
    expect(r.inputs[code]?.reported[member]).toBe(reported);
    expect(r.inputs[code]?.expected).toBe(expected);
  });

  it('counts expected reporters per kind, for "3/4 xã, thị trấn báo cáo"', () => {
    expect(r.inputs.CAN_BO?.expectedByKind).toEqual({ xa: 3, thi_tran: 1 });
    expect(r.inputs.CAN_BO?.reportedUnits).toBe(3);
    expect(r.inputs.SINH?.over).toEqual(['trung_tam']);
  });

  it('a total from zero reports is null, not 0', () => {
    expect(r.inputs.BL_HO_TRO?.values.value).toBeNull();
    expect(r.inputs.BL_HO_TRO?.reported.value).toBe(0);
    const empty = run([]);
    expect(empty.values.LD_QL).toEqual({ tong: null, nu: null, nam: null });
    expect(empty.values.CO_LDCC_NU).toEqual({ value: null });
  });

  it('an input not asked in this period has no total and is not in values', () => {
    expect(r.inputs.THANG_HANH_DONG?.asked).toBe(false);
    expect(r.inputs.THANG_HANH_DONG?.expected).toBe(0);
    expect(r.values.THANG_HANH_DONG).toBeUndefined();
    expect(r.inputs.GHI_CHU).toBeUndefined();
  });

  it('from: warns naming the other-kind units whose numbers differ, without adding them', () => {
    const w = r.warnings.filter((x) => x.code === 'from-mismatch');
    expect(w).toHaveLength(1);
    const first = w[0];
    if (first?.code !== 'from-mismatch') throw new Error('expected a from-mismatch warning');
    expect(first.details.input).toBe('SINH');
    expect(first.details.supplier).toBe('trung_tam');
    expect(first.details.units).toEqual(['X01', 'X02']);
    expect(first.details.members).toContainEqual({
      member: 'tong',
      supplier: 400,
      others: { xa: 180 },
    });
    expect(first.severity).toBe('warning');
    expect(first.message).toContain('Trung tâm Y tế');
    expect(first.message).toContain('Xã Dân Lực');
  });

  it('from: no warning when the others agree with the supplier', () => {
    const agree = run([
      sampleSubmission(unit('X01'), { SINH: { tong: 100, trai: 55, gai: 45 } }),
      sampleSubmission(unit('TTYT'), { SINH: { tong: 100, trai: 55, gai: 45 } }),
    ]);
    expect(agree.warnings).toEqual([]);
    expect(agree.values.SINH).toEqual({ tong: 100, trai: 55, gai: 45 });
  });

  it('from: the supplier missing gives a null total and a warning, never the others’ sum', () => {
    const missing = run([
      sampleSubmission(unit('X01'), { SINH: { tong: 100, trai: 55, gai: 45 } }),
    ]);
    expect(missing.values.SINH).toEqual({ tong: null, trai: null, gai: null });
    expect(missing.warnings.map((w) => w.code)).toEqual(['from-supplier-missing']);
  });

  it('invalid submissions are left out of the totals', () => {
    const withBad = run([
      ...subs,
      sampleSubmission(unit('X03'), { LD_QL: { tong: 1000, nu: 500, nam: 500 } }, { valid: false }),
    ]);
    expect(withBad.values.LD_QL?.tong).toBe(60);
  });

  it('per-unit rows keep every expected unit of the kinds in units.yaml order, null when not counted', () => {
    const rows = unitRows(r, ['xa', 'thi_tran']);
    expect(rows.map((u) => u.code)).toEqual(['X01', 'X02', 'X03', 'TT1']);
    expect(rows[0]?.values?.SINH).toEqual({ tong: 100, trai: 55, gai: 45 });
    expect(rows[2]?.values).toBeNull();
  });

  it('the roll-up is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
