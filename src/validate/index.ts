/** Public API of the validation stage (pure; runs in Node, workers and the offline page). */
export { validateWorkbook } from './engine.js';
export type { ValidateInput } from './engine.js';
export { SINGLE } from './submission.js';
export type { InputValues, Submission, SubmissionUnit } from './submission.js';
export { formatVnNumber } from './numbers.js';
export { interpretCell } from './cells.js';
