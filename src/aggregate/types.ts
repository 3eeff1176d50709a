/**
 * The roll-up: what the aggregation stage returns (issue 5, point 2). Plain data, so it can be
 * written as JSON for scheduled jobs, read back as the `previous` roll-up for cùng kỳ, and used
 * as the basis of `--rollup` (its `values` have the shape of a unit's `Submission.values`, so the
 * next level validates and aggregates the district like one unit).
 */
import type { Issue } from '../issues/types.js';
import type { AggregationKind, TargetOp } from '../outline/schema.js';
import type { Period, YMD } from '../period/periods.js';
import type { InputValues } from '../validate/submission.js';

export type RollupPeriod = Period;

/** One input rolled up to the district. */
export interface InputTotal {
  code: string;
  kind: AggregationKind;
  /** Unit kinds whose values make the total (`over`, the `from` kind, or the reporters). */
  over: string[];
  /** False when the input is not asked in this period (`periods` in the outline). */
  asked: boolean;
  /** Member (or `value`) -> total; null when no supplying unit reported that member. */
  values: InputValues;
  /**
   * Member -> number of supplying units that reported a number (for `count_yes`: that
   * answered Có or Không). With `expected`: "12/34 xã báo cáo".
   */
  reported: Record<string, number>;
  /** Supplying units that reported at least one member. */
  reportedUnits: number;
  /** Expected supplying units: valid in the period, of the kinds in `over`. */
  expected: number;
  /** Expected supplying units per kind (the report names them: "34 xã, thị trấn"). */
  expectedByKind: Record<string, number>;
  /** The same input's totals in the previous roll-up (cùng kỳ), or null. */
  previous: InputValues | null;
}

export type IndicatorStatus = 'ok' | 'zero-denominator' | 'no-data' | 'not-computable';

/**
 * How the value stands against the targets.
 * - `year`: the indicator has a target for the report's year: `met` (đạt / chưa đạt), null
 *   when there is no value to compare.
 * - `next`: no target for the report's year, the next target year is shown as progress
 *   ("mục tiêu năm 2025: ≥ 60%; kỳ này đạt 45,2%"); `reached` says whether the value already
 *   meets it (the report may write "đã đạt mục tiêu năm 2025"), never a blanket "chưa đạt".
 * - `none`: no target on or after the report's year.
 * `value` is the target's number, `targetYear` its year.
 */
export type TargetAssessment =
  | { kind: 'year'; targetYear: number; op: TargetOp; value: number; met: boolean | null }
  | { kind: 'next'; targetYear: number; op: TargetOp; value: number; reached: boolean | null }
  | { kind: 'none' };

/**
 * Cùng kỳ: the same indicator (or input total) in the same period of the previous year.
 * `difference` = now - previous; `change` is that difference in points for percentages
 * (`changeKind: 'points'`) and the relative change in % for counts (`'percent'`; null when the
 * previous value is 0).
 */
export interface Comparison {
  previous: number;
  difference: number;
  change: number | null;
  changeKind: 'points' | 'percent';
}

export interface IndicatorResult {
  code: string;
  status: IndicatorStatus;
  /** numerator / denominator × scale (or formula × scale); null unless status is `ok`. */
  value: number | null;
  /** Evaluated from the aggregated inputs, kept for the appendix and the text. */
  numerator: number | null;
  denominator: number | null;
  /** Zero denominator: the outline's text or "không phát sinh"; not computable: the note. */
  text?: string;
  /** Input codes the indicator reads (for coverage: "số liệu của 12/34 xã"). */
  inputs: string[];
  target: TargetAssessment;
  /** Null when there is no previous roll-up or either value is missing. */
  sameTimeLastYear: Comparison | null;
}

/**
 * A unit's state for the period. Exclusive, one per expected unit:
 * - `chua-nop`: no file;
 * - `sai-dinh-dang`: a file that is not a readable template of this outline (or of another period);
 * - `co-loi`: a template with at least one error (not counted);
 * - `nhieu-tep`: two or more different files for the unit (not counted until the clerk keeps one);
 * - `hop-le`: valid, on time or with no date to judge;
 * - `nop-muon`: valid but received after the deadline (its numbers ARE counted: lateness is
 *   about timeliness, not about the data). An invalid late file keeps its invalid status and
 *   has `late: true`.
 */
export type UnitStatus =
  'chua-nop' | 'sai-dinh-dang' | 'co-loi' | 'nhieu-tep' | 'hop-le' | 'nop-muon';

export type ReceiptSource = 'ledger' | 'sheet-date' | 'none';

export interface Receipt {
  receivedOn: YMD | null;
  source: ReceiptSource;
}

/** One expected unit (units.yaml order): its completeness and, when counted, its values. */
export interface UnitRecord {
  code: string;
  name: string;
  kind: string;
  group?: string;
  status: UnitStatus;
  /** Its numbers are in the totals (`hop-le` or `nop-muon`). */
  counted: boolean;
  /** Received after the deadline (any file status). */
  late: boolean;
  receivedOn: YMD | null;
  receiptSource: ReceiptSource;
  /** Files attributed to the unit, sorted. */
  files: string[];
  /** Issue counts over its files. */
  errors: number;
  warnings: number;
  /** Its own numbers when counted, whatever the aggregation kinds (B08-style tables). */
  values: Record<string, InputValues> | null;
}

export interface KindCompleteness {
  expected: number;
  received: number;
  valid: number;
}

/**
 * Counts over the expected units. expected = missing + valid + invalid + duplicates;
 * received = expected - missing; valid = onTime + late-and-valid + valid with no date.
 */
export interface Completeness {
  expected: number;
  received: number;
  valid: number;
  /** sai-dinh-dang + co-loi. */
  invalid: number;
  formatErrors: number;
  withErrors: number;
  duplicates: number;
  /** Units with a file received after the deadline (valid or not). */
  late: number;
  /** Valid and received on or before the deadline. */
  onTime: number;
  /** Received units with no receipt date (neither ledger nor sheet date). */
  undated: number;
  missing: number;
  /** Error issues over the invalid units' files. */
  errorIssues: number;
  byKind: Record<string, KindCompleteness>;
  /** Deadline used for timeliness. */
  deadline: YMD;
}

/**
 * no-unit: neither the workbook nor the app named a unit; unknown-unit: a code not in
 * units.yaml; unit-not-expected: a unit not valid in the period (abolished or created later).
 * A file of an expected unit is never excluded here: it gives the unit its status instead.
 */
export type ExclusionReason = 'no-unit' | 'unknown-unit' | 'unit-not-expected';

/** A file that is not about any expected unit of this period and outline. */
export interface ExcludedSubmission {
  file: string;
  unit: string | null;
  reason: ExclusionReason;
}

/** A warning about the totals, worded in `src/issues/catalogue/aggregate.ts`, with its numbers. */
export type AggregateWarning = Issue &
  (
    | {
        code: 'from-mismatch' | 'from-supplier-missing';
        details: {
          input: string;
          supplier: string;
          members: { member: string; supplier: number | null; others: Record<string, number> }[];
          /** Other-kind units whose numbers differ from the supplier's (not added). */
          units: string[];
        };
      }
    | {
        code: 'unit-not-expected' | 'unknown-unit';
        details: { file: string; unit: string };
      }
  );

export interface Rollup {
  format: 'bctd-rollup';
  version: 1;
  outline: { id: string; version: string };
  period: RollupPeriod;
  /** Totals in the shape of `Submission.values` (input code -> member -> number | null). */
  values: Record<string, InputValues>;
  /** Totals with their coverage, per input code (outline order). */
  inputs: Record<string, InputTotal>;
  /** Per indicator code (outline order). */
  indicators: Record<string, IndicatorResult>;
  /** Every expected unit, in units.yaml order. */
  units: UnitRecord[];
  completeness: Completeness;
  excluded: ExcludedSubmission[];
  warnings: AggregateWarning[];
  /** Period id of the previous roll-up used for cùng kỳ, or null. */
  previousPeriod: string | null;
}
