/**
 * The aggregation stage (issue 5, point 2): submissions + units + period -> roll-up. Pure: no
 * I/O, no clock; the receipts (ledger) and the previous year's roll-up come in as data.
 */
import { compileOutline } from '../outline/helpers.js';
import type { InputValues } from '../validate/submission.js';
import { attribute, type AttributeInput } from './completeness.js';
import { indicatorResults } from './indicators.js';
import { inputTotal, type CountedUnit } from './totals.js';
import type { AggregateWarning, InputTotal, Rollup, UnitRecord } from './types.js';

/** What attribution reads, and the previous year's roll-up. */
export interface AggregateInput extends AttributeInput {
  /** The same period of the previous year, for cùng kỳ. */
  previous?: Rollup;
}

/** Deep copy of a unit's numbers, keeping only finite numbers and nulls (JSON-safe). */
function copyValues(values: Record<string, InputValues>): Record<string, InputValues> {
  const out: Record<string, InputValues> = {};
  for (const code of Object.keys(values).sort()) {
    const src = values[code] as InputValues;
    const dst: InputValues = {};
    for (const m of Object.keys(src).sort()) {
      const v = src[m];
      dst[m] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
    out[code] = dst;
  }
  return out;
}

export function aggregate(input: AggregateInput): Rollup {
  const { outline, period } = input;
  const att = attribute({
    outline,
    period,
    units: input.units,
    submissions: input.submissions,
    ...(input.receipts !== undefined ? { receipts: input.receipts } : {}),
    ...(input.attribution !== undefined ? { attribution: input.attribution } : {}),
  });

  const counted: CountedUnit[] = [];
  const units: UnitRecord[] = att.units.map((a) => {
    const values = a.counted === null ? null : copyValues(a.counted.values);
    if (values !== null) counted.push({ unit: a.unit, values });
    const rec: UnitRecord = {
      code: a.unit.code,
      name: a.unit.name,
      kind: a.unit.kind,
      status: a.status,
      counted: values !== null,
      late: a.late,
      receivedOn: a.receipt.receivedOn,
      receiptSource: a.receipt.source,
      files: a.files,
      errors: a.errors,
      warnings: a.warnings,
      values,
    };
    if (a.unit.group !== undefined) rec.group = a.unit.group;
    return rec;
  });

  const totals: Record<string, InputTotal> = {};
  const values: Record<string, InputValues> = {};
  const warnings: AggregateWarning[] = [...att.warnings];
  for (const def of outline.inputs) {
    // Text inputs are read, not counted; the narratives document gathers them.
    if (def.type === 'text') continue;
    const r = inputTotal(outline, period, def, att.expected, counted);
    const before = input.previous?.values[def.code];
    if (before !== undefined) r.total.previous = { ...before };
    totals[def.code] = r.total;
    if (r.total.asked) values[def.code] = { ...r.total.values };
    warnings.push(...r.warnings);
  }

  const indicators = indicatorResults(
    outline,
    compileOutline(outline),
    totals,
    period.year,
    input.previous?.indicators,
  );

  return {
    format: 'bctd-rollup',
    version: 1,
    outline: { id: outline.id, version: outline.version },
    period: { ...period },
    values,
    inputs: totals,
    indicators,
    units,
    completeness: att.completeness,
    excluded: att.excluded,
    warnings,
    previousPeriod: input.previous?.period.id ?? null,
  };
}

/** Rows of a per-unit table (B08 style): every expected unit of these kinds, in units.yaml order. */
export function unitRows(rollup: Rollup, kinds: readonly string[]): UnitRecord[] {
  return rollup.units.filter((u) => kinds.includes(u.kind));
}

/** A unit's value for `CODE` / `CODE.member` (null when not counted or not reported). */
export function unitValue(unit: UnitRecord, code: string, member: string): number | null {
  return unit.values?.[code]?.[member] ?? null;
}
