import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import { assess, compareWith, meets } from '../src/aggregate/indicators.js';
import {
  SAMPLE_UNITS,
  sampleOutline,
  samplePeriod,
  sampleSubmission,
} from '../src/aggregate/sample.js';
import type { IndicatorDef } from '../src/outline/schema.js';
import type { Unit } from '../src/period/units.js';
import type { Submission } from '../src/validate/submission.js';

const outline = sampleOutline();
const unit = (code: string): Unit => SAMPLE_UNITS.find((u) => u.code === code) as Unit;
const indicator = (code: string): IndicatorDef =>
  outline.indicators.find((i) => i.code === code) as IndicatorDef;

function run(subs: Submission[], year = 2022, previous?: ReturnType<typeof aggregate>) {
  return aggregate({
    outline,
    period: samplePeriod(year),
    units: SAMPLE_UNITS,
    submissions: subs.map((s) => ({ ...s, period: `${year}-6m` })),
    ...(previous ? { previous } : {}),
  });
}

describe('indicators from aggregated numerators and denominators', () => {
  // A small commune with a high share and a large town with a low one.
  const subs = [
    sampleSubmission(unit('X01'), { LD_QL: { tong: 4, nu: 3, nam: 1 } }),
    sampleSubmission(unit('TT1'), { LD_QL: { tong: 96, nu: 24, nam: 72 } }),
  ];
  const r = run(subs);

  it('divides the summed numerator by the summed denominator, not the average of unit ratios', () => {
    const ind = r.indicators['M1.CT1'];
    expect(ind?.status).toBe('ok');
    expect(ind?.numerator).toBe(27);
    expect(ind?.denominator).toBe(100);
    expect(ind?.value).toBeCloseTo(27, 10);
    const averageOfRatios = ((3 / 4) * 100 + (24 / 96) * 100) / 2;
    expect(averageOfRatios).toBeCloseTo(50, 10);
    expect(ind?.value).not.toBeCloseTo(averageOfRatios, 1);
    expect(ind?.inputs).toEqual(['LD_QL']);
  });

  it('count(X) is the number of units that answered', () => {
    const yes = run([
      sampleSubmission(unit('X01'), { CO_LDCC_NU: { value: 1 } }),
      sampleSubmission(unit('X02'), { CO_LDCC_NU: { value: 0 } }),
      sampleSubmission(unit('X03'), { CO_LDCC_NU: { value: null } }),
      sampleSubmission(unit('TT1'), { CO_LDCC_NU: { value: 1 } }),
    ]);
    const ind = yes.indicators['M1.CT2'];
    expect([ind?.numerator, ind?.denominator]).toEqual([2, 3]);
    expect(ind?.value).toBeCloseTo(66.667, 2);
  });

  it('a zero denominator reads "không phát sinh"', () => {
    const z = run([
      sampleSubmission(unit('X01'), { BL_VU: { value: 0 }, BL_HO_TRO: { value: 0 } }),
    ]);
    expect(z.indicators['M2.CT1']).toMatchObject({
      status: 'zero-denominator',
      value: null,
      numerator: 0,
      denominator: 0,
      text: 'không phát sinh',
    });
    // The count indicator over the same input is a real 0, not "không phát sinh".
    expect(z.indicators['M2.CT2']).toMatchObject({ status: 'ok', value: 0 });
  });

  it("a zero denominator uses the outline's own text when it has one", () => {
    const custom = sampleOutline();
    const def = custom.indicators.find((i) => i.code === 'M2.CT1') as IndicatorDef;
    def.zero_denominator_text = 'không có vụ việc';
    const z = aggregate({
      outline: custom,
      period: samplePeriod(),
      units: SAMPLE_UNITS,
      submissions: [
        sampleSubmission(unit('X01'), { BL_VU: { value: 0 }, BL_HO_TRO: { value: 0 } }),
      ],
    });
    expect(z.indicators['M2.CT1']?.text).toBe('không có vụ việc');
  });

  it('missing data is no-data, keeping the side that is known', () => {
    const nd = run([sampleSubmission(unit('X01'), { BL_VU: { value: 4 } })]);
    expect(nd.indicators['M2.CT1']).toMatchObject({
      status: 'no-data',
      value: null,
      numerator: null,
      denominator: 4,
    });
    expect(run([]).indicators['M1.CT1']?.status).toBe('no-data');
  });

  it('district_computable: false is not-computable with its note', () => {
    expect(r.indicators['M4.CT2']).toMatchObject({
      status: 'not-computable',
      value: null,
      text: 'Số liệu do Sở Y tế tổng hợp',
      target: { kind: 'none' },
    });
  });

  it('respects the from supplier: the sex ratio at birth uses the health centre only', () => {
    const s = run([
      sampleSubmission(unit('X01'), { SINH: { tong: 100, trai: 70, gai: 30 } }),
      sampleSubmission(unit('TTYT'), { SINH: { tong: 400, trai: 212, gai: 188 } }),
    ]);
    expect(s.indicators['M4.CT1']?.value).toBeCloseTo((212 / 188) * 100, 10);
  });
});

describe('targets', () => {
  it('the target of the report year decides đạt / chưa đạt', () => {
    // M1.CT2 has a 2022 target ">= 50".
    const met = run([
      sampleSubmission(unit('X01'), { CO_LDCC_NU: { value: 1 } }),
      sampleSubmission(unit('X02'), { CO_LDCC_NU: { value: 0 } }),
    ]);
    expect(met.indicators['M1.CT2']?.target).toEqual({
      kind: 'year',
      targetYear: 2022,
      op: '>=',
      value: 50,
      met: true,
    });
    const notMet = run([
      sampleSubmission(unit('X01'), { CO_LDCC_NU: { value: 1 } }),
      sampleSubmission(unit('X02'), { CO_LDCC_NU: { value: 0 } }),
      sampleSubmission(unit('X03'), { CO_LDCC_NU: { value: 0 } }),
    ]);
    expect(notMet.indicators['M1.CT2']?.target).toMatchObject({ kind: 'year', met: false });
  });

  it('without a target that year, progress toward the next target year (never a blanket chưa đạt)', () => {
    const r = run([sampleSubmission(unit('TT1'), { LD_QL: { tong: 1000, nu: 452, nam: 548 } })]);
    expect(r.indicators['M1.CT1']?.value).toBeCloseTo(45.2, 10);
    expect(r.indicators['M1.CT1']?.target).toEqual({
      kind: 'next',
      targetYear: 2025,
      op: '>=',
      value: 60,
      reached: false,
    });
    // In 2026 the next target is 2030.
    const later = run(
      [sampleSubmission(unit('TT1'), { LD_QL: { tong: 10, nu: 8, nam: 2 } })],
      2026,
    );
    expect(later.indicators['M1.CT1']?.target).toMatchObject({
      kind: 'next',
      targetYear: 2030,
      reached: true,
    });
    // After the last target year: nothing to compare with.
    expect(run([], 2031).indicators['M1.CT1']?.target).toEqual({ kind: 'none' });
  });

  it('no value against a target of the year: met is null (không có số liệu), not false', () => {
    expect(run([]).indicators['M1.CT2']?.target).toMatchObject({ kind: 'year', met: null });
  });

  const about = { op: '~', value: 112 } as const;
  it.each([
    // value, direction, met
    [112, 'none', true],
    [113.9, 'none', true],
    [114, 'none', true], // exactly 2 points: within "khoảng"
    [114.1, 'none', false],
    [109.9, 'none', false],
    [105, 'down', true], // below "~ 112" is better when lower is better
    [115, 'down', false],
    [115, 'up', true],
    [109, 'up', false],
  ] as const)('~ 112 with %s (direction %s) -> %s', (value, direction, met) => {
    expect(meets(value, about, direction, 1)).toBe(met);
  });

  it.each([
    [59.96, { op: '>=', value: 60 }, 1, true], // prints 60,0: agrees with the printed number
    [59.94, { op: '>=', value: 60 }, 1, false],
    [111, { op: '<=', value: 111 }, 1, true],
    [111.06, { op: '<=', value: 111 }, 1, false],
    [42, { op: '<', value: 42 }, 0, false],
    [10, { op: '=', value: 10 }, 0, true],
  ] as const)('%s against %j (%s decimals) -> %s', (value, target, decimals, met) => {
    expect(meets(value, target, 'none', decimals)).toBe(met);
  });

  it('the sex-ratio target of the year with "~" and direction down', () => {
    const def = indicator('M4.CT1');
    expect(assess(def, 113.5, 2022)).toMatchObject({ kind: 'year', op: '~', met: true });
    expect(assess(def, 114.5, 2022)).toMatchObject({ kind: 'year', met: false });
    expect(assess(def, 100, 2022)).toMatchObject({ kind: 'year', met: true });
  });
});

describe('cùng kỳ', () => {
  const lastYear = run(
    [sampleSubmission(unit('TT1'), { LD_QL: { tong: 100, nu: 40, nam: 60 }, BL_VU: { value: 8 } })],
    2021,
  );
  const now = run(
    [
      sampleSubmission(unit('TT1'), {
        LD_QL: { tong: 100, nu: 42.5, nam: 57.5 },
        BL_VU: { value: 6 },
      }),
    ],
    2022,
    lastYear,
  );

  it('percentages change in points', () => {
    const c = now.indicators['M1.CT1']?.sameTimeLastYear;
    expect(c?.previous).toBeCloseTo(40, 10);
    expect(c?.changeKind).toBe('points');
    expect(c?.change).toBeCloseTo(2.5, 10);
    expect(now.previousPeriod).toBe('2021-6m');
  });

  it('counts change relatively', () => {
    expect(now.indicators['M2.CT2']?.sameTimeLastYear).toEqual({
      previous: 8,
      difference: -2,
      change: -25,
      changeKind: 'percent',
    });
  });

  it('no comparison without a previous roll-up or value', () => {
    expect(lastYear.indicators['M1.CT1']?.sameTimeLastYear).toBeNull();
    expect(now.indicators['M2.CT1']?.sameTimeLastYear).toBeNull();
    expect(compareWith(5, 0, false)).toEqual({
      previous: 0,
      difference: 5,
      change: null,
      changeKind: 'percent',
    });
  });
});
