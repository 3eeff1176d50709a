import type { ValidateResult } from '../../app/validate.js';
import type { Issue } from '../../issues/types.js';
import type { Submission } from '../../validate/submission.js';
import { periodLine } from './status.js';

/**
 * `bctd validate` output. Text: per file a heading with the unit, then each issue as
 * `Lỗi`/`Cảnh báo`, `Số liệu!F12`, the input's label, the value, what is wrong and the fix;
 * then one summary line. JSON: the documented shape (README, docs/ISSUE-CODES.md).
 */

export interface Counts {
  files: number;
  valid: number;
  invalid: number;
  errors: number;
  warnings: number;
}

/** A folder given without any workbook in it: its warning counts, but it is not a file. */
const isEmptyFolder = (f: Submission): boolean => f.issues.some((i) => i.code === 'folder-empty');

export function countOf(files: readonly Submission[]): Counts {
  let errors = 0;
  let warnings = 0;
  let valid = 0;
  let count = 0;
  for (const f of files) {
    for (const i of f.issues) {
      if (i.severity === 'error') errors++;
      else warnings++;
    }
    if (isEmptyFolder(f)) continue;
    count++;
    if (f.valid) valid++;
  }
  return { files: count, valid, invalid: count - valid, errors, warnings };
}

function issueJson(i: Issue): Record<string, unknown> {
  const o: Record<string, unknown> = {
    severity: i.severity,
    code: i.code,
    message: i.message,
    fix: i.fix,
  };
  if (i.sheet !== undefined) o.sheet = i.sheet;
  if (i.cell !== undefined) o.cell = i.cell;
  if (i.input !== undefined) o.input = i.input;
  if (i.label !== undefined) o.label = i.label;
  if (i.value !== undefined) o.value = i.value;
  return o;
}

export function validateJson(r: ValidateResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    files: r.files.map((f) => {
      const o: Record<string, unknown> = {
        path: f.file,
        unit: f.unit ? { code: f.unit.code, name: f.unit.name } : null,
        period: f.period,
        valid: f.valid,
        issues: f.issues.map(issueJson),
      };
      if (f.sha256 !== undefined) o.sha256 = f.sha256;
      if (f.outline) o.outline = f.outline;
      return o;
    }),
    summary: countOf(r.files),
    notes: r.notes,
    // The period the files were checked against (null: each file's own stamp decided).
    period: r.period ? { id: r.period.id, label: r.period.label, chosen: r.periodChosen } : null,
  };
  if (r.annotated.length > 0) out.annotated = r.annotated;
  return out;
}

const paint = (on: boolean, code: string, s: string): string =>
  on ? `\u001b[${code}m${s}\u001b[0m` : s;

const n = (x: number): string => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

export function summaryLine(c: Counts): string {
  return `${n(c.files)} tệp: ${n(c.valid)} hợp lệ, ${n(c.invalid)} có lỗi (${n(c.errors)} lỗi, ${n(c.warnings)} cảnh báo)`;
}

export function validateText(r: ValidateResult, color: boolean): string {
  const lines: string[] = [];
  if (r.period) lines.push(periodLine(r.period, r.periodChosen), '');
  for (const f of r.files) {
    if (isEmptyFolder(f)) {
      // Not "hợp lệ": there was nothing to check.
      lines.push(`${paint(color, '1', f.file)} (thư mục): không có bảng tính`);
    } else {
      const who = f.unit
        ? `${f.unit.code}${f.unit.name ? ` ${f.unit.name}` : ''}`
        : 'chưa rõ đơn vị';
      const when = f.period ? `, kỳ ${f.period}` : '';
      const state = f.valid ? paint(color, '32', 'hợp lệ') : paint(color, '31', 'có lỗi');
      lines.push(`${paint(color, '1', f.file)} (${who}${when}): ${state}`);
    }
    for (const i of f.issues) {
      const sev =
        i.severity === 'error' ? paint(color, '31', 'Lỗi') : paint(color, '33', 'Cảnh báo');
      const place =
        i.sheet !== undefined ? `${i.sheet}${i.cell !== undefined ? `!${i.cell}` : ''}` : '';
      const head = [
        sev,
        place,
        i.label ? `${i.input ? `${i.input} ` : ''}${i.label}` : (i.input ?? ''),
      ]
        .filter((x) => x !== '')
        .join(' · ');
      const value = i.value !== undefined ? ` [giá trị: "${i.value}"]` : '';
      lines.push(`  ${head}${value}`);
      lines.push(`    ${i.message}`);
      lines.push(`    Cách sửa: ${i.fix}`);
    }
  }
  if (r.annotated.length > 0) {
    lines.push('', 'Bản sao có đánh dấu ô lỗi:');
    for (const a of r.annotated) lines.push(`  ${a}`);
  }
  lines.push('');
  for (const n of r.notes) lines.push(`Ghi chú: ${n.message}`);
  lines.push(summaryLine(countOf(r.files)));
  return lines.join('\n');
}
