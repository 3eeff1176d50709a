/**
 * The lines of ND30 that the report prints (Số, địa danh và ngày tháng, Kèm theo). The date and
 * number forms themselves are src/text/dates.ts's, so the report, the template and lint share one
 * rule for `ngày 05 tháng 7 năm 2022` and `Số: 05`.
 */
import {
  docNumber as textDocNumber,
  nd30Date,
  nd30DraftDate as textDraftDate,
} from '../text/dates.js';
import type { ReportDate } from './model.js';

export { nd30Date };

/**
 * ND30 PL I, II.3.c: `05`, `125`. The number arrives as the text of `--number`; anything that is
 * not a positive integer is printed as given rather than stopping the report.
 */
export function docNumber(n: number | string): string {
  const s = String(n).trim();
  return /^\d+$/.test(s) && Number(s) > 0 ? textDocNumber(Number(s)) : s;
}

/**
 * Four plain spaces for the handwritten day and month of a draft: what the report has always
 * printed (the generate test reads it back) and what lint's draft pattern accepts (any run of
 * spaces, no-break spaces or dots after `ngày` and `tháng`).
 */
export const REPORT_DRAFT_GAP = '    ';

/** Mẫu 1.4 before signing: day and month left blank for the clerk to write in. */
export function nd30DraftDate(year: number): string {
  return textDraftDate(year, REPORT_DRAFT_GAP);
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
