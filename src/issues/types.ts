/**
 * Problems are data (STYLE.md habit 5): an issue is keyed by a stable `code` from the
 * catalogue, carries where it happened and the values involved; the Vietnamese wording
 * lives in the catalogue, never at the place that detects the problem.
 */
export type Severity = 'error' | 'warning';

/** Where a problem is. Every field is optional because a file-level problem has no cell. */
export interface Location {
  /** Path of the file as the user gave it (or its name in the browser). */
  file?: string;
  sheet?: string;
  /** A1-style address, e.g. `F12`. */
  cell?: string;
  /** Outline input code, e.g. `SINH_SONG`. */
  input?: string;
  /** For documents: paragraph or table index, quoted text. */
  paragraph?: number;
  table?: number;
  text?: string;
}

export interface Issue extends Location {
  code: string;
  severity: Severity;
  /** Vietnamese: what is wrong, naming the place. */
  message: string;
  /** Vietnamese: how to fix it. */
  fix: string;
  /** The value found, as the user typed it (for display). */
  value?: string;
  /** Label of the input (Nội dung) when there is one. */
  label?: string;
}
