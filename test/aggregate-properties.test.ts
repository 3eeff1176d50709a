import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import {
  SAMPLE_UNITS,
  sampleOutline,
  samplePeriod,
  sampleSubmission,
} from '../src/aggregate/sample.js';
import { expectedUnits } from '../src/period/units.js';
import type { Submission } from '../src/validate/submission.js';

/**
 * Aggregation invariants (issue 7, "Fuzzing and properties"): the total equals the sum over
 * units of the supplying kinds; an indicator equals its formula over the aggregated inputs;
 * the order of the files never changes the roll-up.
 */

const outline = sampleOutline();
const period = samplePeriod();
const expected = new Set(expectedUnits(SAMPLE_UNITS, period).map((u) => u.code));
const kindOf = new Map(SAMPLE_UNITS.map((u) => [u.code, u.kind]));

const cell = fc.option(fc.nat({ max: 5000 }), { nil: null, freq: 4 });
const yesNo = fc.option(fc.constantFrom(0, 1), { nil: null, freq: 4 });
const values = fc.record({
  LD_QL: fc.record({ tong: cell, nu: cell, nam: cell }),
  SINH: fc.record({ tong: cell, trai: cell, gai: cell }),
  CO_LDCC_NU: fc.record({ value: yesNo }),
  CAN_BO: fc.record({ value: cell }),
  THON_LON_NHAT: fc.record({ value: cell }),
  BL_VU: fc.record({ value: cell }),
  BL_HO_TRO: fc.record({ value: cell }),
});
const unitIndex = fc.nat({ max: SAMPLE_UNITS.length - 1 });
const entry = fc.record({ unit: unitIndex, values, valid: fc.boolean() });

interface Case {
  subs: Submission[];
  /** Units with exactly one valid file, expected in the period: what an oracle counts. */
  counted: Map<string, Submission>;
}

function build(entries: { unit: number; values: Submission['values']; valid: boolean }[]): Case {
  const subs = entries.map((e, i) => {
    const u = SAMPLE_UNITS[e.unit] as (typeof SAMPLE_UNITS)[number];
    return sampleSubmission(u, e.values, {
      file: `nop/${u.code}-${i}.xlsx`,
      sha256: `h${i}`,
      valid: e.valid,
    });
  });
  const byUnit = new Map<string, Submission[]>();
  for (const s of subs) byUnit.set(s.unit!.code, [...(byUnit.get(s.unit!.code) ?? []), s]);
  const counted = new Map<string, Submission>();
  for (const [code, list] of byUnit)
    if (expected.has(code) && list.length === 1 && list[0]!.valid) counted.set(code, list[0]!);
  return { subs, counted };
}

function oracle(c: Case, code: string, member: string, kinds: string[], op: 'sum' | 'max' | 'yes') {
  const got: number[] = [];
  for (const [unit, s] of c.counted) {
    if (!kinds.includes(kindOf.get(unit) as string)) continue;
    const v = s.values[code]?.[member];
    if (typeof v === 'number') got.push(v);
  }
  if (got.length === 0) return null;
  if (op === 'max') return Math.max(...got);
  if (op === 'yes') return got.filter((v) => v === 1).length;
  return got.reduce((a, b) => a + b, 0);
}

const cases = fc.array(entry, { maxLength: 14 }).map(build);

describe('aggregation properties', () => {
  it('each total equals the oracle over the units of the supplying kinds', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const r = aggregate({ outline, period, units: SAMPLE_UNITS, submissions: c.subs });
        const checks: [string, string, string[], 'sum' | 'max' | 'yes'][] = [
          ['LD_QL', 'tong', ['xa', 'thi_tran', 'phong'], 'sum'],
          ['LD_QL', 'nu', ['xa', 'thi_tran', 'phong'], 'sum'],
          ['SINH', 'trai', ['trung_tam'], 'sum'],
          ['CO_LDCC_NU', 'value', ['xa', 'thi_tran'], 'yes'],
          ['CAN_BO', 'value', ['xa', 'thi_tran'], 'sum'],
          ['THON_LON_NHAT', 'value', ['xa', 'thi_tran'], 'max'],
          ['BL_VU', 'value', ['xa', 'thi_tran'], 'sum'],
        ];
        for (const [code, member, kinds, op] of checks) {
          expect(r.values[code]?.[member]).toBe(oracle(c, code, member, kinds, op));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an indicator equals its formula over the aggregated inputs', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const r = aggregate({ outline, period, units: SAMPLE_UNITS, submissions: c.subs });
        const nu = r.values.LD_QL?.nu ?? null;
        const tong = r.values.LD_QL?.tong ?? null;
        const ind = r.indicators['M1.CT1'];
        if (tong === 0) expect(ind?.status).toBe('zero-denominator');
        else if (nu === null || tong === null) expect(ind?.status).toBe('no-data');
        else {
          expect(ind?.status).toBe('ok');
          expect(ind?.value).toBe((nu / tong) * 100);
        }
        const yes = r.values.CO_LDCC_NU?.value ?? null;
        const answered = r.inputs.CO_LDCC_NU?.reported.value ?? 0;
        const share = r.indicators['M1.CT2'];
        if (answered === 0) expect(share?.status).not.toBe('ok');
        else expect(share?.value).toBe(((yes as number) / answered) * 100);
      }),
      { numRuns: 300 },
    );
  });

  it('the order of the submissions never changes the roll-up', () => {
    fc.assert(
      fc.property(
        cases.chain((c) =>
          fc
            .array(fc.double({ noNaN: true }), {
              minLength: c.subs.length,
              maxLength: c.subs.length,
            })
            .map((keys) => ({ c, keys })),
        ),
        ({ c, keys }) => {
          const order = c.subs.map((s, i) => ({ s, k: keys[i] as number }));
          order.sort((a, b) => a.k - b.k);
          const shuffled = order.map((o) => o.s);
          const a = aggregate({ outline, period, units: SAMPLE_UNITS, submissions: c.subs });
          const b = aggregate({ outline, period, units: SAMPLE_UNITS, submissions: shuffled });
          expect(b).toEqual(a);
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('completeness always adds up', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { completeness: k } = aggregate({
          outline,
          period,
          units: SAMPLE_UNITS,
          submissions: c.subs,
        });
        expect(k.expected).toBe(k.missing + k.valid + k.invalid + k.duplicates);
        expect(k.received).toBe(k.expected - k.missing);
        expect(k.valid).toBe(c.counted.size);
      }),
      { numRuns: 200 },
    );
  });
});
