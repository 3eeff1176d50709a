/** Public API of the aggregation stage: submissions + units + period -> roll-up, and table rows. */
export * from './types.js';
export { aggregate, unitRows, unitValue } from './aggregate.js';
export type { AggregateInput } from './aggregate.js';
export {
  appendixTable,
  assessmentText,
  completenessTable,
  targetText,
  UNIT_STATUS_LABELS,
} from './appendix.js';
export type { AppendixRowsResult, Cell } from './appendix.js';
export {
  ABOUT_TOLERANCE,
  NOT_COMPUTABLE_TEXT,
  ZERO_DENOMINATOR_TEXT,
  assess,
  compareWith,
  evaluateIndicator,
  isRateUnit,
  meets,
  roundTo,
  totalsLookup,
} from './indicators.js';
export { memberKeys, supplyingKinds } from './totals.js';
export { parseIsoYmd } from './completeness.js';
export { AGGREGATE_ISSUES } from '../issues/catalogue/aggregate.js';
