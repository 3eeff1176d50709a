/** Public API of the outline stage: schema and types, loader, expression language, helpers. */
export * from './schema.js';
export * from './expr.js';
export { parseOutline, formatOutlineError, formatPath } from './load.js';
export type { OutlineError, ParseOutlineResult } from './load.js';
export * from './helpers.js';
export { checkOutline, inputRefProblem, OUTLINE_RULES } from './rules.js';
export type { NamedRule, RuleProblem, PathSegment } from './rules.js';
export * from './templates.js';
export * from './describe.js';
