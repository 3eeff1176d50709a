import type { LintFileResult, LintRunResult } from '../../app/lint.js';
import { LINT_CHECKS } from '../../issues/catalogue/lint.js';
import { TYPES } from '../../lint/identify.js';
import type { Finding } from '../../lint/index.js';
import type { Where } from '../../lint/model.js';

/**
 * `bctd lint` output. JSON contract (stable): `{ files: [{ path, readable, type, conforms,
 * checks: [{ code, title, status, reason?, findings: [{ location, text, rule, found, fix }] }],
 * problem? }], summary: { files, conforming, failing, unreadable, render } }`.
 */

export function typeLabel(slug: string | null): string {
  if (slug === null) return 'không đọc được';
  if (slug === 'cong-van') return 'công văn';
  if (slug === 'khac') return 'không rõ loại văn bản';
  return TYPES.find((t) => t.slug === slug)?.name.toLowerCase() ?? slug;
}

export function whereText(w: Where): string {
  const part = w.part === 'header' ? 'Đầu trang' : w.part === 'footer' ? 'Chân trang' : '';
  const bits: string[] = part ? [part] : [];
  if (w.table !== undefined) {
    bits.push(`bảng ${w.table}`);
    if (w.row !== undefined) bits.push(`hàng ${w.row}`);
    if (w.cell !== undefined) bits.push(`ô ${w.cell}`);
    if (w.cellParagraph !== undefined) bits.push(`đoạn ${w.cellParagraph}`);
  } else if (w.paragraph !== undefined) bits.push(`đoạn ${w.paragraph}`);
  const s = bits.join(', ');
  return s ? s[0]!.toUpperCase() + s.slice(1) : 'Toàn văn bản';
}

function summary(r: LintRunResult) {
  const readable = r.files.filter((f) => f.readable);
  return {
    files: r.files.length,
    conforming: readable.filter((f) => f.readable && f.conforms).length,
    failing: readable.filter((f) => f.readable && !f.conforms).length,
    unreadable: r.files.length - readable.length,
    render: r.render,
  };
}

function findingJson(f: Finding) {
  return {
    location: f.where,
    ...(f.text !== undefined ? { text: f.text } : {}),
    rule: f.rule,
    found: f.found,
    fix: f.fix,
  };
}

function fileJson(f: LintFileResult) {
  if (!f.readable) {
    return {
      path: f.path,
      readable: false,
      type: null,
      conforms: false,
      checks: [],
      problem: { code: f.problem.code, message: f.problem.message, fix: f.problem.fix },
    };
  }
  return {
    path: f.path,
    readable: true,
    type: f.type,
    conforms: f.conforms,
    checks: f.checks.map((c) => ({
      code: c.code,
      title: LINT_CHECKS[c.code].title,
      status: c.status,
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      findings: c.findings.map(findingJson),
    })),
    ...(f.notes.length > 0 ? { notes: f.notes } : {}),
  };
}

export function lintJson(r: LintRunResult): Record<string, unknown> {
  return { files: r.files.map(fileJson), summary: summary(r) };
}

/** At most this many findings per check in text; JSON has them all. */
const TEXT_LIMIT = 15;

export function lintText(r: LintRunResult, color: boolean): string {
  const red = (s: string): string => (color ? `\u001b[31m${s}\u001b[39m` : s);
  const green = (s: string): string => (color ? `\u001b[32m${s}\u001b[39m` : s);
  const dim = (s: string): string => (color ? `\u001b[2m${s}\u001b[22m` : s);
  const out: string[] = [];
  for (const f of r.files) {
    if (!f.readable) {
      out.push(`${red('✗')} ${f.path}: KHÔNG ĐỌC ĐƯỢC`);
      out.push(`    ${f.problem.message}`);
      out.push(`    Cách sửa: ${f.problem.fix}`);
      out.push('');
      continue;
    }
    const failed = f.checks.filter((c) => c.status === 'fail');
    const skipped = f.checks.filter((c) => c.status === 'not-checked');
    const verdict = f.conforms ? green('ĐẠT') : red(`KHÔNG ĐẠT (${failed.length} quy tắc)`);
    out.push(`${f.conforms ? green('✓') : red('✗')} ${f.path} (${typeLabel(f.type)}): ${verdict}`);
    for (const c of failed) {
      out.push(`  ${red('✗')} ${LINT_CHECKS[c.code].title} [${c.code}]`);
      out.push(`    Quy định: ${LINT_CHECKS[c.code].rule}`);
      for (const x of c.findings.slice(0, TEXT_LIMIT)) {
        out.push(`    - ${whereText(x.where)}${x.text ? `: "${x.text}"` : ''}`);
        out.push(`      Thấy: ${x.found}`);
        out.push(`      Cách sửa: ${x.fix}`);
      }
      if (c.findings.length > TEXT_LIMIT) {
        out.push(
          `    ... và ${c.findings.length - TEXT_LIMIT} chỗ khác (xem đủ bằng --format json).`,
        );
      }
    }
    if (skipped.length > 0) {
      out.push(`  ${dim('Chưa kiểm tra (không tính là đạt):')}`);
      const byReason = new Map<string, string[]>();
      for (const c of skipped)
        byReason.set(c.reason ?? '', [...(byReason.get(c.reason ?? '') ?? []), c.code]);
      for (const [reason, codes] of byReason) out.push(`    - ${codes.join(', ')}: ${reason}`);
    }
    for (const n of f.notes) out.push(`  ${dim('Ghi chú:')} ${n}`);
    out.push('');
  }
  const s = summary(r);
  out.push(
    `Tổng cộng ${s.files} tệp: ${s.conforming} đạt, ${s.failing} không đạt, ${s.unreadable} không đọc được.`,
  );
  return out.join('\n');
}
