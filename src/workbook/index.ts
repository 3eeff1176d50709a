/** The bounded workbook reader: bytes in, plain data out (runs in Node and in the browser). */
export { readWorkbook } from './read.js';
export { sniff } from './sniff.js';
export { a1, cell, colName, colNumber, parseA1, parseRange, serialToDate } from './address.js';
export type { CellRange } from './address.js';
export { shiftFormula } from './formula.js';
export { BUILTIN_NUM_FMTS } from './styles.js';
export { DEFAULT_READ_LIMITS, READ_PROBLEMS } from './types.js';
export type {
  CellType,
  FileKind,
  FontInfo,
  RawCell,
  RawSheet,
  RawWorkbook,
  ReadFailure,
  ReadLimits,
  ReadProblem,
  ReadResult,
  ReadWarning,
  SheetInfo,
  SheetState,
  TextRun,
} from './types.js';
