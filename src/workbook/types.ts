/**
 * The data the bounded reader returns. Plain objects only: the reader runs in the CLI, in
 * worker threads and in the offline page, so nothing here holds a file handle or a library
 * object.
 */

/** What the bytes are, whatever the file is named. */
export type FileKind =
  'xlsx' | 'xls' | 'encrypted' | 'ods' | 'csv' | 'empty' | 'docx' | 'zip-other' | 'unknown';

/** Why a workbook (or one of its sheets) cannot be read. Each has its own message and fix. */
export type ReadProblem =
  | 'empty'
  | 'not-zip'
  | 'xls'
  | 'encrypted'
  | 'ods'
  | 'csv'
  | 'docx'
  | 'truncated'
  | 'corrupt'
  | 'too-large'
  | 'part-too-large'
  | 'total-too-large'
  | 'too-many-entries'
  | 'xml-dtd'
  | 'xml-malformed'
  | 'no-workbook'
  | 'missing-sheet-part'
  | 'no-content-types'
  | 'too-many-sheets'
  | 'too-many-rows'
  | 'too-many-columns'
  | 'too-many-cells'
  | 'cell-too-long';

export const READ_PROBLEMS: readonly ReadProblem[] = [
  'empty',
  'not-zip',
  'xls',
  'encrypted',
  'ods',
  'csv',
  'docx',
  'truncated',
  'corrupt',
  'too-large',
  'part-too-large',
  'total-too-large',
  'too-many-entries',
  'xml-dtd',
  'xml-malformed',
  'no-workbook',
  'missing-sheet-part',
  'no-content-types',
  'too-many-sheets',
  'too-many-rows',
  'too-many-columns',
  'too-many-cells',
  'cell-too-long',
];

/**
 * Hard limits applied while reading; every one can be changed in `bctd.yaml` (`limits:`).
 * The time per file is not here: a pure function cannot stop itself, so the worker that
 * calls the reader enforces it.
 */
export interface ReadLimits {
  /** Size of the file itself. */
  maxFileBytes: number;
  /** Inflated size of one zip part (a sheet, the shared strings). */
  maxPartBytes: number;
  /** Inflated size of all parts read from one file together. */
  maxTotalBytes: number;
  /** Entries the zip may list. */
  maxEntries: number;
  maxSheets: number;
  /** Rows that hold at least one value or formula, per sheet (styled empty rows do not count). */
  maxRows: number;
  /** Highest column that holds a value or formula, per sheet. */
  maxColumns: number;
  /** Cells with a value or formula, over all the sheets read from one workbook. */
  maxCells: number;
  /** Characters in one cell (Excel's own limit is 32 767). */
  maxCellChars: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 20 * 1024 * 1024,
  maxPartBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntries: 5_000,
  maxSheets: 100,
  maxRows: 20_000,
  maxColumns: 200,
  maxCells: 500_000,
  maxCellChars: 32_767,
});

export interface ReadFailure {
  ok: false;
  problem: ReadProblem;
  /** Short English detail for logs and `--format json`; never file content. */
  detail: string;
  /** Zip part where it happened, e.g. `xl/worksheets/sheet2.xml`. */
  part?: string;
  /** Sheet name, when the problem is inside one sheet. */
  sheet?: string;
  /** A1 address, when the problem is one cell (a cell too long). */
  cell?: string;
}

/** Something the reader worked around; the caller shows it as a warning. */
export interface ReadWarning {
  problem: ReadProblem;
  detail: string;
  part?: string;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetInfo {
  name: string;
  state: SheetState;
  /** Zip part of the sheet (`xl/worksheets/sheet1.xml`), or '' when the workbook names none. */
  path: string;
}

export interface FontInfo {
  name?: string;
  bold?: boolean;
  italic?: boolean;
}

export interface TextRun {
  text: string;
  font?: FontInfo;
}

export type CellType = 'number' | 'string' | 'boolean' | 'error' | 'blank';

export interface RawCell {
  /** A1 address, e.g. `F12`. */
  address: string;
  /** 1-based. */
  row: number;
  /** 1-based. */
  col: number;
  /** `blank` only for a formula without a stored result. */
  type: CellType;
  value: number | string | boolean | null;
  /** What the cell holds as text: the string, the number as stored (no format applied). */
  text: string;
  /** Formula without the leading `=`; shared-formula dependants get the formula moved to them. */
  formula?: string;
  /** False for a formula whose result was never stored (written by a program, never opened). */
  hasCachedValue: boolean;
  /** `#DIV/0!`, `#REF!`, ...: an error cell or a formula whose cached result is an error. */
  error?: string;
  /** Number format code (`0%`, `0.0%`, `dd/mm/yyyy`); absent for General. */
  numFmt?: string;
  /** Font of the cell's style. */
  font?: FontInfo;
  /** Rich-text runs with their own fonts (legacy TCVN3/VNI text is recognised by run font). */
  runs?: TextRun[];
  /** True when the cell was stored with type `d` (an ISO 8601 date string, kept as text). */
  isoDate?: boolean;
}

export interface RawSheet {
  ok: true;
  name: string;
  /** Cells with a value or a formula, keyed by A1 address. Styled empty cells are not kept. */
  cells: Map<string, RawCell>;
  /** Highest row / column holding a kept cell (0 when the sheet is empty), not `<dimension>`. */
  maxRow: number;
  maxCol: number;
  /** Merged ranges as written, e.g. `A1:C1`. */
  merges: string[];
  /** Rows holding at least one kept cell. */
  rowCount: number;
}

export interface RawWorkbook {
  sheets: SheetInfo[];
  date1904: boolean;
  /** Things the reader worked around (e.g. no `[Content_Types].xml`). */
  warnings: ReadWarning[];
  /**
   * Parses one sheet on first use and keeps the result. A name not in `sheets` gives
   * a `missing-sheet-part` failure.
   */
  sheet(name: string): RawSheet | ReadFailure;
}

export type ReadResult = { ok: true; workbook: RawWorkbook } | ReadFailure;
