/**
 * Chỉ tiêu computed AFTER aggregation (DHIS2: "calculations are based on the aggregated data
 * values available at each level"; anchors-and-pitfalls §1.2 point 5): the numerator and the
 * denominator are each evaluated over the district totals, then divided. Averaging the units'
 * own percentages would weigh a commune of 800 people like one of 20,000.
 */
import {
  evaluate,
  isDivisionByZero,
  references,
  type EvalResult,
  type Expr,
  type Lookup,
} from '../outline/expr.js';
import { nextTarget, targetFor, totalMember, type CompiledOutline } from '../outline/helpers.js';
import type { Direction, IndicatorDef, Outline, Target } from '../outline/schema.js';
import { roundTo } from '../text/numbers.js';
import { SINGLE } from '../validate/submission.js';
import type { Comparison, IndicatorResult, InputTotal, TargetAssessment } from './types.js';

export const ZERO_DENOMINATOR_TEXT = 'không phát sinh';
export const NOT_COMPUTABLE_TEXT = 'không tính được ở cấp huyện';
/** `~ 60` (khoảng 60) is met within this many points (units of the indicator) either side. */
export const ABOUT_TOLERANCE = 2;

/**
 * Looks values up in the totals. A bare reference means the set's total member (or the single
 * value); `count(X)` is the number of supplying units that reported X (answered, for yes/no).
 */
export function totalsLookup(outline: Outline, totals: Record<string, InputTotal>): Lookup {
  const defs = new Map(outline.inputs.map((i) => [i.code, i]));
  return (code, member, counted) => {
    const def = defs.get(code);
    const t = totals[code];
    if (def === undefined || t === undefined || !t.asked) return null;
    const m =
      member ?? totalMember(outline, def) ?? (def.categories === undefined ? SINGLE : undefined);
    if (m === undefined) return null;
    if (counted) return t.reported[m] ?? 0;
    return t.values[m] ?? null;
  };
}

type Evaluated = Pick<IndicatorResult, 'status' | 'value' | 'numerator' | 'denominator' | 'text'>;

const asNumber = (r: EvalResult): number | null =>
  typeof r === 'number' && Number.isFinite(r) ? r : null;

/** Evaluates one indicator over the totals (no target, no cùng kỳ). */
export function evaluateIndicator(
  def: IndicatorDef,
  compiled: { numerator?: Expr; denominator?: Expr; formula?: Expr } | undefined,
  lookup: Lookup,
): Evaluated {
  const zero = (numerator: number | null, denominator: number | null): Evaluated => ({
    status: 'zero-denominator',
    value: null,
    numerator,
    denominator,
    text: def.zero_denominator_text ?? ZERO_DENOMINATOR_TEXT,
  });
  const noData = (numerator: number | null, denominator: number | null): Evaluated => ({
    status: 'no-data',
    value: null,
    numerator,
    denominator,
  });
  if (!def.district_computable || compiled === undefined) {
    return {
      status: 'not-computable',
      value: null,
      numerator: null,
      denominator: null,
      text: def.note ?? NOT_COMPUTABLE_TEXT,
    };
  }
  if (compiled.formula !== undefined) {
    const r = evaluate(compiled.formula, lookup);
    if (isDivisionByZero(r)) return zero(null, null);
    const v = asNumber(r);
    return v === null
      ? noData(null, null)
      : { status: 'ok', value: v * def.scale, numerator: null, denominator: null };
  }
  if (compiled.numerator === undefined) return noData(null, null);
  const rn = evaluate(compiled.numerator, lookup);
  const rd =
    compiled.denominator === undefined ? undefined : evaluate(compiled.denominator, lookup);
  const n = asNumber(rn);
  const d = rd === undefined ? null : asNumber(rd);
  if (isDivisionByZero(rn) || (rd !== undefined && isDivisionByZero(rd))) return zero(n, d);
  if (rd === undefined) {
    // A count indicator (số vụ, số người): the numerator alone, scaled.
    return n === null
      ? noData(null, null)
      : { status: 'ok', value: n * def.scale, numerator: n, denominator: null };
  }
  if (d === 0) return zero(n, d);
  if (n === null || d === null) return noData(n, d);
  return { status: 'ok', value: (n / d) * def.scale, numerator: n, denominator: d };
}

// The rounding the report prints with, so a verdict never disagrees with the printed number.
export { roundTo };

/**
 * Is the target met? The value is first rounded to the indicator's decimals, so the verdict
 * agrees with the number the report prints (59,96 prints 60,0 and meets "≥ 60").
 * `=` and `~` (khoảng, within ±ABOUT_TOLERANCE points) also accept a value beyond the target
 * on the good side when the indicator has a direction ("~ 60" with direction up: 65 is đạt).
 */
export function meets(
  value: number,
  target: Target,
  direction: Direction,
  decimals: number,
): boolean {
  const v = roundTo(value, decimals);
  const t = target.value;
  switch (target.op) {
    case '>=':
      return v >= t;
    case '<=':
      return v <= t;
    case '>':
      return v > t;
    case '<':
      return v < t;
    case '=':
    case '~': {
      const tol = target.op === '~' ? ABOUT_TOLERANCE : 1e-9;
      if (Math.abs(v - t) <= tol + 1e-9) return true;
      return (direction === 'up' && v > t) || (direction === 'down' && v < t);
    }
  }
}

/** Against the report year's target, or as progress toward the next target year. */
export function assess(def: IndicatorDef, value: number | null, year: number): TargetAssessment {
  const own = targetFor(def, year);
  const verdict = (t: Target): boolean | null =>
    value === null ? null : meets(value, t, def.direction, def.decimals);
  if (own !== undefined)
    return { kind: 'year', targetYear: year, op: own.op, value: own.value, met: verdict(own) };
  const next = nextTarget(def, year);
  if (next !== undefined)
    return {
      kind: 'next',
      targetYear: next.year,
      op: next.op,
      value: next.value,
      reached: verdict(next),
    };
  return { kind: 'none' };
}

/** A percentage (or per-mille) moves in points; a count moves relatively. */
export function isRateUnit(unit: string): boolean {
  return /[%‰]|phần trăm|phần nghìn/i.test(unit);
}

export function compareWith(
  now: number | null,
  previous: number | null,
  rate: boolean,
): Comparison | null {
  if (now === null || previous === null) return null;
  const difference = now - previous;
  if (rate) return { previous, difference, change: difference, changeKind: 'points' };
  return {
    previous,
    difference,
    change: previous === 0 ? null : (difference / Math.abs(previous)) * 100,
    changeKind: 'percent',
  };
}

/** Input codes an indicator reads, in first-use order. */
export function indicatorInputs(
  compiled: { numerator?: Expr; denominator?: Expr; formula?: Expr } | undefined,
): string[] {
  if (compiled === undefined) return [];
  const out: string[] = [];
  for (const e of [compiled.formula, compiled.numerator, compiled.denominator]) {
    if (e === undefined) continue;
    for (const r of references(e)) if (!out.includes(r.code)) out.push(r.code);
  }
  return out;
}

export function indicatorResults(
  outline: Outline,
  compiled: CompiledOutline,
  totals: Record<string, InputTotal>,
  year: number,
  previous: Record<string, IndicatorResult> | undefined,
): Record<string, IndicatorResult> {
  const lookup = totalsLookup(outline, totals);
  const out: Record<string, IndicatorResult> = {};
  for (const def of outline.indicators) {
    const c = def.district_computable ? compiled.indicators.get(def.code) : undefined;
    const e = evaluateIndicator(def, c, lookup);
    const result: IndicatorResult = {
      code: def.code,
      status: e.status,
      value: e.value,
      numerator: e.numerator,
      denominator: e.denominator,
      inputs: indicatorInputs(compiled.indicators.get(def.code)),
      target: assess(def, e.value, year),
      sameTimeLastYear: compareWith(
        e.value,
        previous?.[def.code]?.value ?? null,
        isRateUnit(def.unit),
      ),
    };
    if (e.text !== undefined) result.text = e.text;
    out[def.code] = result;
  }
  return out;
}
