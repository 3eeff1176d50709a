import { cleanText } from './normalize.js';

/** A calendar date without time or zone: what a report date is. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real date of the Gregorian calendar with a four-digit year. */
export function isValidDate(d: CalendarDate): boolean {
  const { year, month, day } = d;
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * `ngày 05 tháng 7 năm 2022`, ND30 Phụ lục I, II.4.b: "đối với những số thể hiện ngày nhỏ hơn 10
 * và tháng 1, 2 phải ghi thêm số 0 phía trước", so `05`, `tháng 01`, `tháng 02`, but `tháng 7`
 * (never `tháng 07`). The place name and comma (`Triệu Sơn, `) are the caller's.
 */
export function nd30Date(d: CalendarDate): string {
  if (!isValidDate(d)) throw new RangeError(`nd30Date: not a valid date: ${JSON.stringify(d)}`);
  const month = d.month <= 2 ? pad2(d.month) : String(d.month);
  return `ngày ${pad2(d.day)} tháng ${month} năm ${d.year}`;
}

/**
 * The gap left for a handwritten day or month on a draft (Mẫu 1.4 prints dots there; paper
 * documents get their date at signing, ND30 Điều 15.2): eight no-break spaces, about 1 cm at
 * 14 pt, room for two handwritten digits. No-break spaces so that neither Word, LibreOffice nor
 * an HTML preview collapses the gap or breaks the line inside it.
 */
export const DRAFT_DATE_GAP = '\u00A0'.repeat(8);

/** `ngày ␣␣␣␣␣␣␣␣ tháng ␣␣␣␣␣␣␣␣ năm 2022` (gaps of `DRAFT_DATE_GAP` unless `gap` is given). */
export function nd30DraftDate(year: number, gap: string = DRAFT_DATE_GAP): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`nd30DraftDate: not a four-digit year: ${year}`);
  }
  return `ngày${gap}tháng${gap}năm ${year}`;
}

/** Document number: Arabic digits, a leading zero below 10 (ND30 PL I, II.3.c): `05`, `125`. */
export function docNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`docNumber: not a positive integer: ${n}`);
  return n < 10 ? pad2(n) : String(n);
}

/** `2022-07-05` -> { year: 2022, month: 7, day: 5 }; anything else, or a date that does not exist, -> null. */
export function parseIsoDate(s: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDate(d) ? d : null;
}

/** `YYYY-MM-DD`. */
export function formatIsoDate(d: CalendarDate): string {
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}

export interface SerialOptions {
  /** The workbook uses the 1904 date system (workbookPr date1904, old Mac workbooks). */
  date1904?: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Excel serial -> date. In the 1900 system Excel counts 29 Feb 1900, a day that never was
 * (Lotus 1-2-3 compatibility): serial 60 is that day and has no date; serials from 61 on are
 * one day ahead of a true count from 31 Dec 1899. The fraction (time of day) is dropped.
 */
export function fromExcelSerial(serial: number, options: SerialOptions = {}): CalendarDate | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  let ms: number;
  if (options.date1904) {
    if (whole < 0) return null;
    ms = Date.UTC(1904, 0, 1) + whole * DAY_MS;
  } else {
    if (whole < 1 || whole === 60) return null;
    ms = Date.UTC(1899, 11, whole < 60 ? 31 : 30) + whole * DAY_MS;
  }
  const date = new Date(ms);
  const d = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  return isValidDate(d) ? d : null;
}

/** Date -> Excel serial in the 1900 system (for writing templates and tests). */
export function toExcelSerial(d: CalendarDate): number {
  const days = (Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(1899, 11, 30)) / DAY_MS;
  return days < 61 ? days - 1 : days;
}

/**
 * A date typed in a sheet: `05/7/2022`, `5-7-2022`, `5.7.2022` (day first, as Vietnamese
 * write them, optionally after `ngày`), ISO `2022-07-05` (optionally with a time), the ND30 form
 * `ngày 05 tháng 7 năm 2022`, or an Excel serial number. Two-digit years are refused (`5/7/22`
 * could be 1922 or 2022). Null when it is not a real date.
 */
export function parseVnDate(
  raw: string | number,
  options: SerialOptions = {},
): CalendarDate | null {
  if (typeof raw === 'number') return fromExcelSerial(raw, options);
  const s = cleanText(raw).toLowerCase();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+z?)?$/.exec(s);
  const dmy = /^(?:ngày\s*)?(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/.exec(s);
  const words = /^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$/.exec(s);
  let d: CalendarDate | null = null;
  if (iso) d = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  else if (dmy) d = { year: Number(dmy[4]), month: Number(dmy[3]), day: Number(dmy[1]) };
  else if (words) d = { year: Number(words[3]), month: Number(words[2]), day: Number(words[1]) };
  return d && isValidDate(d) ? d : null;
}
