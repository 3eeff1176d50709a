import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import {
  sampleOutline,
  samplePeriod,
  sampleSubmission,
  SAMPLE_UNITS,
} from '../src/aggregate/sample.js';

describe('sums of decimal figures', () => {
  it('carry no binary noise into the roll-up (what scheduled jobs read as JSON)', () => {
    const [x1, x2, x3] = SAMPLE_UNITS;
    const value = (v: number) => ({ LD_QL: { tong: v, nu: 0, nam: v } });
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in binary floating point.
    const rollup = aggregate({
      outline: sampleOutline(),
      period: samplePeriod(),
      units: SAMPLE_UNITS,
      submissions: [
        sampleSubmission(x1!, value(0.1)),
        sampleSubmission(x2!, value(0.2)),
        sampleSubmission(x3!, value(0.3)),
      ],
    });
    expect(0.1 + 0.2 + 0.3).not.toBe(0.6);
    expect(rollup.values.LD_QL?.tong).toBe(0.6);
    expect(JSON.stringify(rollup)).not.toMatch(/\d\.\d{10,}/);
  });
});
