import { LINT_CHECKS, type CheckCode } from '../../issues/catalogue/lint.js';
import type { Parts, Line } from '../identify.js';
import type { DocModel, Paragraph, Run, Where } from '../model.js';

export type CheckStatus = 'pass' | 'fail' | 'not-checked';

export interface Finding {
  where: Where;
  /** The quoted text of the place (shortened). */
  text?: string;
  /** What the rule says, with its citation. */
  rule: string;
  found: string;
  fix: string;
}

export interface CheckResult {
  code: CheckCode;
  status: CheckStatus;
  findings: Finding[];
  /** Why a check is not-checked. */
  reason?: string;
}

/** What `--render` saw: page texts from `pdftotext -layout`, or why there are none. */
export type Layout = { pages: string[] } | { unavailable: string };

export interface LintContext {
  doc: DocModel;
  parts: Parts;
  layout: Layout;
}

export interface Check {
  code: CheckCode;
  run(ctx: LintContext): CheckResult;
}

export function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 90 ? t.slice(0, 87) + '…' : t;
}

export function at(x: Line | Paragraph, found: string, fix: string, code: CheckCode): Finding {
  const p = 'p' in x ? x.p : x;
  return { where: p.where, text: quote(x.text), rule: LINT_CHECKS[code].rule, found, fix };
}

export function result(code: CheckCode, findings: Finding[]): CheckResult {
  return { code, status: findings.length > 0 ? 'fail' : 'pass', findings };
}

export function notChecked(code: CheckCode, reason: string): CheckResult {
  return { code, status: 'not-checked', findings: [], reason };
}

/** Runs that show something (not only spaces). */
export function inked(runs: readonly Run[]): Run[] {
  return runs.filter((r) => r.text.trim() !== '');
}

export function pt(half: number): string {
  return `${String(half / 2).replace('.', ',')} pt`;
}

/** Distinct sizes of the visible runs, in half-points. */
export function sizes(runs: readonly Run[]): number[] {
  return [...new Set(inked(runs).map((r) => r.fmt.size))].sort((a, b) => a - b);
}

export const allBold = (runs: readonly Run[]): boolean => inked(runs).every((r) => r.fmt.bold);
export const anyBold = (runs: readonly Run[]): boolean => inked(runs).some((r) => r.fmt.bold);
export const anyItalic = (runs: readonly Run[]): boolean => inked(runs).some((r) => r.fmt.italic);
export const allItalic = (runs: readonly Run[]): boolean => inked(runs).every((r) => r.fmt.italic);

/** Checks the size of a line against allowed half-point values; returns a finding text or undefined. */
export function sizeProblem(runs: readonly Run[], allowed: readonly number[]): string | undefined {
  const s = sizes(runs);
  const bad = s.filter((x) => !allowed.includes(x));
  if (bad.length === 0) return undefined;
  return `cỡ chữ ${s.map(pt).join(', ')}`;
}

export const ALIGN: Record<string, string> = {
  left: 'canh trái',
  start: 'canh trái',
  right: 'canh phải',
  end: 'canh phải',
  center: 'canh giữa',
  both: 'canh đều hai lề',
  distribute: 'giãn đều',
};
export const alignName = (jc: string): string => ALIGN[jc] ?? jc;
export const isCentred = (p: Paragraph): boolean => p.fmt.jc === 'center';
export const ptList = (xs: readonly number[]): string =>
  xs.map((x) => String(x / 2)).join(' hoặc ');

/** A finding about the document as a whole (no line to quote). */
export function docFinding(
  code: CheckCode,
  found: string,
  fix: string,
  where: Where = { part: 'body' },
): Finding {
  return { where, rule: LINT_CHECKS[code].rule, found, fix };
}
