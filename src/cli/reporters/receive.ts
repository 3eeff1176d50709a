import path from 'node:path';
import type { ReceiveResult } from '../../app/receive.js';

const rel = (base: string, p: string) => path.relative(base, p) || '.';

const WORD = { filed: 'đã nhận', replaced: 'thay thế', same: 'đã có', refused: 'từ chối' } as const;

export function receiveText(r: ReceiveResult, base: string): string {
  const lines: string[] = [];
  if (r.period && r.chosen)
    lines.push(`Kỳ báo cáo: ${r.period} (chọn theo ngày hôm nay vì không có --year).`);
  for (const f of r.files) {
    const who = f.unit ? `${f.unit.code} ${f.unit.name}` : path.basename(f.input);
    if (f.status === 'refused') {
      lines.push(`${WORD.refused}  ${path.basename(f.input)}: ${f.reason ?? ''}.`);
    } else {
      const state = f.valid
        ? 'hợp lệ'
        : `có ${f.issues.filter((i) => i.severity === 'error').length} lỗi`;
      lines.push(
        `${WORD[f.status]}  ${who} (kỳ ${f.period}) ← ${path.basename(f.input)} → ${rel(base, f.target ?? '')}: ${state}` +
          (f.status === 'same' ? ' (tệp giống hệt tệp đã nhận, không thay đổi)' : ''),
      );
      for (const s of f.superseded) lines.push(`      bản cũ chuyển vào ${rel(base, s)}`);
    }
    for (const i of f.issues) {
      const where = [i.sheet, i.cell].filter(Boolean).join('!');
      lines.push(
        `      ${i.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}${where ? ` ${where}` : ''}: ${i.message}`,
      );
    }
  }
  const refused = r.files.filter((f) => f.status === 'refused').length;
  const invalid = r.files.filter((f) => f.status !== 'refused' && !f.valid).length;
  lines.push(
    '',
    `${r.files.length} tệp: ${r.files.length - refused} đã lưu (${invalid} có lỗi), ${refused} bị từ chối. Sổ nhận: nhan.yaml trong thư mục kỳ.`,
  );
  return lines.join('\n');
}

export function receiveJson(r: ReceiveResult, base: string): Record<string, unknown> {
  return {
    period: r.period,
    receivedAt: r.receivedAt,
    files: r.files.map((f) => ({
      input: f.input,
      status: f.status,
      unit: f.unit,
      period: f.period,
      target: f.target ? rel(base, f.target) : null,
      superseded: f.superseded.map((s) => rel(base, s)),
      sha256: f.sha256,
      valid: f.valid,
      reason: f.reason,
      issues: f.issues,
    })),
    summary: {
      files: r.files.length,
      filed: r.files.filter((f) => f.status !== 'refused').length,
      refused: r.files.filter((f) => f.status === 'refused').length,
      invalid: r.files.filter((f) => f.status !== 'refused' && !f.valid).length,
    },
  };
}
