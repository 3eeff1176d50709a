/**
 * Vietnamese date and number forms of ND30 that the report prints. Kept here until
 * src/text/dates.ts exports the same (nd30Date, nd30DraftDate, docNumber).
 */
import type { ReportDate } from './model.js';

/** ND30 PL I, II.3.c: document numbers below 10 take a leading zero; 10 and above are not padded. */
export function docNumber(n: number | string): string {
  const s = String(n).trim();
  return /^[1-9]$/.test(s) ? `0${s}` : s;
}

/**
 * ND30 PL I, II.4.b: `ngày 05 tháng 7 năm 2022`: day below 10 and months 1-2 padded, March
 * onwards not (never `tháng 07`).
 */
export function nd30Date(date: { year: number; month: number; day: number }): string {
  const day = date.day < 10 ? `0${date.day}` : String(date.day);
  const month = date.month <= 2 ? `0${date.month}` : String(date.month);
  return `ngày ${day} tháng ${month} năm ${date.year}`;
}

/** Mẫu 1.4 before signing: day and month left blank for the clerk to write in. */
export function nd30DraftDate(year: number): string {
  return `ngày    tháng    năm ${year}`;
}

export function reportDate(date: ReportDate): string {
  return 'draft' in date ? nd30DraftDate(date.year) : nd30Date(date);
}

/** ND30 PL I, II.4.c: `Triệu Sơn, ngày 05 tháng 7 năm 2022`. */
export function placeDateLine(place: string, date: ReportDate): string {
  return `${place}, ${reportDate(date)}`;
}

/** The number and ký hiệu `125/BC-UBND`; a draft leaves six spaces before the slash (Mẫu 1.4). */
export function numberAndCode(num: string | null, code: string): string {
  return `${num === null ? '      ' : docNumber(num)}/${code}`;
}

/** ND30 PL I, II.3.c: `Số: 125/BC-UBND`, or `Số:      /BC-UBND` in a draft. */
export function soLine(num: string | null, code: string): string {
  return num === null ? `Số:${numberAndCode(num, code)}` : `Số: ${numberAndCode(num, code)}`;
}

/**
 * The appendix reference line of ND30 PL I, III.1.c:
 * `(Kèm theo Báo cáo số 125/BC-UBND ngày 05 tháng 7 năm 2022 của Ủy ban nhân dân huyện Triệu Sơn)`.
 * `documentType` is the tên loại in sentence case (`Báo cáo`); `issuer` the agency's full name.
 */
export function kemTheoLine(opts: {
  documentType: string;
  number: string | null;
  code: string;
  date: ReportDate;
  issuer: string;
}): string {
  const num = opts.number === null ? `    /${opts.code}` : numberAndCode(opts.number, opts.code);
  return `(Kèm theo ${opts.documentType} số ${num} ${reportDate(opts.date)} của ${opts.issuer})`;
}
