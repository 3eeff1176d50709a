/**
 * Input totals by the outline's aggregation kinds (DHIS2's per-element aggregation operator,
 * anchors-and-pitfalls §1.2 point 5). Each member is rolled up on its own from the units'
 * values, derived members included (validation computed them per unit): recomputing `nam =
 * tong - nu` from the totals would credit a unit that gave only `tong` with all men.
 */
import { formatNumber, roundTo } from '../text/numbers.js';
import { inputCells } from '../outline/helpers.js';
import type { InputDef, Outline } from '../outline/schema.js';
import type { Period } from '../period/periods.js';
import type { Unit } from '../period/units.js';
import { SINGLE, type InputValues } from '../validate/submission.js';
import { makeAggregateIssue } from '../issues/catalogue/aggregate.js';
import type { AggregateWarning, InputTotal } from './types.js';

/** Member keys of an input in column order (`value` for an input without categories). */
export function memberKeys(outline: Outline, input: InputDef): string[] {
  return inputCells(outline, input).map((c) => c.member ?? SINGLE);
}

/** Unit kinds whose values make the district total. */
export function supplyingKinds(input: InputDef): string[] {
  const agg = input.aggregate;
  return agg.kind === 'from' ? [agg.from] : (agg.over ?? input.reporters);
}

export function askedIn(input: InputDef, period: Period): boolean {
  return input.periods === undefined || input.periods.includes(period.kind);
}

/** A counted unit with its numbers, in units.yaml order. */
export interface CountedUnit {
  unit: Unit;
  values: Record<string, InputValues>;
}

const num = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/**
 * Rolls one member up. `sum` and `from` add the supplying units; `last` is a stock (số liệu thời
 * điểm): each unit's latest value, added over units; a unit has one value per period here, so
 * within one period it adds like `sum` (the latest-per-unit step belongs to merging periods);
 * `max` keeps the largest; `count_yes` counts units answering Có (any non-zero). A total over
 * zero reports is null, never 0.
 */
function combine(kind: InputDef['aggregate']['kind'], values: readonly number[]): number | null {
  if (values.length === 0) return null;
  switch (kind) {
    case 'sum':
    case 'from':
    case 'last':
      // Adding decimals in binary leaves noise (78.10000000000002 in the JSON for scheduled
      // jobs); no unit types more than 9 decimals, so the sum is cut back to that.
      return roundTo(
        values.reduce((s, v) => s + v, 0),
        9,
      );
    case 'max':
      return values.reduce((m, v) => (v > m ? v : m));
    case 'count_yes':
      return values.filter((v) => v !== 0).length;
  }
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function inputTotal(
  outline: Outline,
  period: Period,
  input: InputDef,
  expected: readonly Unit[],
  counted: readonly CountedUnit[],
): { total: InputTotal; warnings: AggregateWarning[] } {
  const kinds = supplyingKinds(input);
  const asked = askedIn(input, period);
  const members = memberKeys(outline, input);
  const expectedByKind: Record<string, number> = {};
  for (const k of kinds) expectedByKind[k] = 0;
  if (asked)
    for (const u of expected)
      if (kinds.includes(u.kind)) expectedByKind[u.kind] = (expectedByKind[u.kind] ?? 0) + 1;

  const suppliers = asked ? counted.filter((c) => kinds.includes(c.unit.kind)) : [];
  const values: InputValues = {};
  const reported: Record<string, number> = {};
  const reportingUnits = new Set<string>();
  for (const m of members) {
    const got: number[] = [];
    for (const s of suppliers) {
      const v = num(s.values[input.code]?.[m]);
      if (v === null) continue;
      got.push(v);
      reportingUnits.add(s.unit.code);
    }
    values[m] = combine(input.aggregate.kind, got);
    reported[m] = got.length;
  }

  const total: InputTotal = {
    code: input.code,
    kind: input.aggregate.kind,
    over: kinds,
    asked,
    values,
    reported,
    reportedUnits: reportingUnits.size,
    expected: Object.values(expectedByKind).reduce((s, n) => s + n, 0),
    expectedByKind,
    previous: null,
  };
  const warnings =
    asked && input.aggregate.kind === 'from'
      ? fromWarnings(outline, input, input.aggregate.from, members, values, counted)
      : [];
  return { total, warnings };
}

/**
 * `from`: other reporters' numbers are never added (a birth counted by the health centre and by
 * the commune is one birth), but when they differ from the supplier's the clerk is told, naming
 * the units, so the discrepancy can be reconciled before the report is signed.
 */
function fromWarnings(
  outline: Outline,
  input: InputDef,
  supplier: string,
  members: readonly string[],
  totals: InputValues,
  counted: readonly CountedUnit[],
): AggregateWarning[] {
  const others = counted.filter(
    (c) => c.unit.kind !== supplier && input.reporters.includes(c.unit.kind),
  );
  if (others.length === 0) return [];
  const rows: { member: string; supplier: number | null; others: Record<string, number> }[] = [];
  const units = new Set<string>();
  for (const m of members) {
    const byKind: Record<string, number> = {};
    const who: string[] = [];
    for (const o of others) {
      const v = num(o.values[input.code]?.[m]);
      if (v === null) continue;
      byKind[o.unit.kind] = (byKind[o.unit.kind] ?? 0) + v;
      who.push(o.unit.code);
    }
    const s = totals[m] ?? null;
    const differs = Object.values(byKind).some((v) => s === null || !sameNumber(v, s));
    if (!differs) continue;
    rows.push({ member: m, supplier: s, others: byKind });
    for (const w of who) units.add(w);
  }
  if (rows.length === 0) return [];
  const kindLabel = (k: string): string => outline.unit_kinds[k] ?? k;
  const otherKinds = [...new Set(rows.flatMap((r) => Object.keys(r.others)))].sort();
  const supplierMissing = rows.every((r) => r.supplier === null);
  const details = { input: input.code, supplier, members: rows, units: [...units] };
  const where = { input: input.code, label: input.label };
  if (supplierMissing) {
    return [
      {
        ...makeAggregateIssue(
          'from-supplier-missing',
          {
            label: input.label,
            supplier: kindLabel(supplier),
            others: otherKinds.map(kindLabel).join(', '),
          },
          where,
        ),
        code: 'from-supplier-missing',
        details,
      },
    ];
  }
  return [
    {
      ...makeAggregateIssue(
        'from-mismatch',
        {
          label: input.label,
          supplier: kindLabel(supplier),
          others: otherKinds.map(kindLabel).join(', '),
          units: namesForMessage(
            counted.filter((c) => units.has(c.unit.code)).map((c) => c.unit.name),
          ),
        },
        where,
      ),
      code: 'from-mismatch',
      details,
    },
  ];
}

/** Names a warning prints; `details.units` keeps every code for scheduled jobs. */
const NAMES_IN_MESSAGE = 10;

/**
 * A warning names the units that differ, but a country's roll-up can have thousands: the first
 * ten and how many more ("... và 9.976 đơn vị khác"), so the summary stays one readable line.
 */
export function namesForMessage(names: readonly string[]): string[] {
  if (names.length <= NAMES_IN_MESSAGE) return [...names];
  const shown = names.slice(0, NAMES_IN_MESSAGE);
  const more = formatNumber(names.length - NAMES_IN_MESSAGE, 0);
  shown[shown.length - 1] = `${shown[shown.length - 1] ?? ''} và ${more} đơn vị khác`;
  return shown;
}
