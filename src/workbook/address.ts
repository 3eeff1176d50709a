import type { RawCell, RawSheet } from './types.js';

/** Column letters for a 1-based column: 1 -> A, 27 -> AA. */
export function colName(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = (n - 1 - r) / 26;
  }
  return s;
}

/** 1-based column number for letters (case-insensitive); 0 for anything else. */
export function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) return 0;
    n = n * 26 + (c - 96);
  }
  return n;
}

/** A1 address of a 1-based row and column. */
export function a1(row: number, col: number): string {
  return colName(col) + String(row);
}

/** Row and column (1-based) of an A1 address (`$` allowed), or undefined when it is not one. */
export function parseA1(addr: string): { row: number; col: number } | undefined {
  // Hand-rolled: this runs for every cell of every sheet read.
  let i = 0;
  const n = addr.length;
  while (i < n && addr.charCodeAt(i) === 32) i++;
  if (addr.charCodeAt(i) === 36) i++;
  let col = 0;
  const colStart = i;
  for (; i < n; i++) {
    const c = addr.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === colStart || i - colStart > 3) return undefined;
  if (addr.charCodeAt(i) === 36) i++;
  let row = 0;
  const rowStart = i;
  for (; i < n; i++) {
    const c = addr.charCodeAt(i);
    if (c < 48 || c > 57) break;
    row = row * 10 + (c - 48);
  }
  while (i < n && addr.charCodeAt(i) === 32) i++;
  if (i !== n || i === rowStart || row < 1 || row > 9_999_999) return undefined;
  return { row, col };
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `A1:C3` (or a single `B2`) as 1-based bounds, or undefined. */
export function parseRange(ref: string): CellRange | undefined {
  const [from, to = from] = ref.split(':');
  const a = parseA1(from ?? '');
  const b = parseA1(to ?? '');
  if (!a || !b) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** The kept cell at a 1-based row and column, if any. */
export function cell(sheet: RawSheet, row: number, col: number): RawCell | undefined {
  return sheet.cells.get(a1(row, col));
}

const DAY_MS = 86_400_000;
/** 1899-12-30: serial 0 in the 1900 system, once Excel's fictitious 1900-02-29 is skipped. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * The moment an Excel date serial stands for, as a UTC Date (Excel dates have no zone).
 * Serials below 61 in the 1900 system count from 1899-12-31 because Excel believes
 * 1900 was a leap year.
 */
export function serialToDate(serial: number, date1904 = false): Date {
  if (date1904) return new Date(EPOCH_1904 + Math.round(serial * DAY_MS));
  const s = serial < 61 ? serial + 1 : serial;
  return new Date(EPOCH_1900 + Math.round(s * DAY_MS));
}
