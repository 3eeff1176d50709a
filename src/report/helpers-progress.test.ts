import { describe, expect, it } from 'vitest';
import type { IndicatorResult } from '../aggregate/types.js';
import type { IndicatorDef } from '../outline/schema.js';
import { indicatorAssessment, indicatorProgress } from './helpers.js';

const def = { code: 'M1.CT1', unit: '%', decimals: 1 } as IndicatorDef;
const result = (value: number, target: IndicatorResult['target']): IndicatorResult => ({
  code: 'M1.CT1',
  status: 'ok',
  value,
  numerator: null,
  denominator: null,
  inputs: [],
  target,
  sameTimeLastYear: null,
});

describe('danh_gia in running text', () => {
  it('reads a target year still ahead as the distance left, not the target and value again', () => {
    const r = result(36.1, { kind: 'next', targetYear: 2025, op: '>=', value: 60, reached: false });
    expect(indicatorProgress(def, r)).toBe('còn thấp hơn mục tiêu năm 2025 là 23,9 điểm phần trăm');
    const down = { ...def, unit: 'bé trai/100 bé gái' } as IndicatorDef;
    const srb = result(113.2, {
      kind: 'next',
      targetYear: 2025,
      op: '<=',
      value: 111,
      reached: false,
    });
    expect(indicatorProgress(down, srb)).toBe(
      'còn cao hơn mục tiêu năm 2025 là 2,2 bé trai/100 bé gái',
    );
  });

  it('says the same as the appendix otherwise (reached, target of the year, no target)', () => {
    for (const target of [
      { kind: 'next', targetYear: 2025, op: '>=', value: 30, reached: true },
      { kind: 'year', targetYear: 2022, op: '>=', value: 30, met: true },
      { kind: 'none' },
    ] as IndicatorResult['target'][]) {
      const r = result(36.1, target);
      expect(indicatorProgress(def, r)).toBe(indicatorAssessment(def, r));
    }
  });
});
