import path from 'node:path';
import type { GenerateResult } from '../../app/generate.js';
import { completenessLine, periodLine, STATUS_LABEL } from './status.js';

const rel = (base: string, p: string) => path.relative(base, p) || '.';

export function generateText(r: GenerateResult, base: string): string {
  const lines = [periodLine(r.period, r.chosen)];
  if (!r.written) {
    lines.push(
      'Không ghi báo cáo (--strict): còn đơn vị chưa nộp hoặc tệp có lỗi:',
      ...r.leftOut.map((u) => `  ${u.code} ${u.name}: ${STATUS_LABEL[u.status]}`),
    );
  } else {
    lines.push(
      `Đã ghi báo cáo: ${rel(base, r.output ?? '')}` +
        (r.draft ? ' (dự thảo: để trống số, ngày, tháng)' : `, số ${r.number ?? '(trống)'}`),
    );
    if (r.listing)
      lines.push(
        `Đã ghi danh sách từng đơn vị: ${rel(base, r.listing)} (gửi kèm báo cáo; báo cáo dẫn tệp này).`,
      );
    if (r.narratives) lines.push(`Đã ghi tổng hợp nội dung các đơn vị: ${rel(base, r.narratives)}`);
    if (r.rollupFile) lines.push(`Đã ghi bảng tổng hợp gửi cấp trên: ${rel(base, r.rollupFile)}`);
    if (r.pdf) lines.push(`Đã ghi bản PDF: ${rel(base, r.pdf)}`);
    if (r.noiDung.created)
      lines.push(
        `Đã tạo ${rel(base, r.noiDung.file)}: viết nội dung của cơ quan dưới từng tiêu đề rồi chạy lại lệnh này.`,
      );
    else
      lines.push(
        `Nội dung của cơ quan: ${rel(base, r.noiDung.file)} (${r.noiDung.sections.length} mục có nội dung).`,
      );
  }
  lines.push(completenessLine(r.completeness));
  if (r.written && r.leftOut.length > 0) {
    lines.push('Không đưa vào số liệu tổng hợp:');
    for (const u of r.leftOut)
      lines.push(
        `  ${u.code} ${u.name}: ${STATUS_LABEL[u.status]}` +
          (u.errors > 0 ? ` (${u.errors} lỗi)` : '') +
          (u.files.length > 1 ? ` — ${u.files.map((f) => path.basename(f)).join(', ')}` : ''),
      );
  }
  if (r.previous) lines.push(`So sánh cùng kỳ với ${r.previous.period}.`);
  lines.push('Tệp đã đọc (sha256):');
  for (const f of r.inputs)
    lines.push(`  ${f.sha256}  ${rel(base, f.file)}${f.used ? '' : ' (không dùng)'}`);
  for (const f of r.previous?.inputs ?? [])
    lines.push(`  ${f.sha256}  ${rel(base, f.file)} (cùng kỳ)${f.used ? '' : ' (không dùng)'}`);
  for (const w of r.warnings) lines.push(`Cảnh báo: ${w}`);
  return lines.join('\n');
}

export function generateJson(r: GenerateResult, base: string): Record<string, unknown> {
  const files = (list: GenerateResult['inputs']) =>
    list.map((f) => ({
      file: rel(base, f.file),
      sha256: f.sha256,
      unit: f.unit,
      valid: f.valid,
      used: f.used,
    }));
  return {
    period: { id: r.period.id, label: r.period.label, chosen: r.chosen },
    written: r.written,
    output: r.output,
    draft: r.draft,
    number: r.number,
    date: r.date,
    completeness: r.completeness,
    totals: r.totals,
    inputs: files(r.inputs),
    previous: r.previous ? { period: r.previous.period, inputs: files(r.previous.inputs) } : null,
    leftOut: r.leftOut.map((u) => ({ ...u, files: u.files.map((f) => rel(base, f)) })),
    noiDung: { ...r.noiDung, file: rel(base, r.noiDung.file) },
    emptySections: r.emptySections,
    listing: r.listing,
    narratives: r.narratives,
    rollup: r.rollupFile,
    pdf: r.pdf,
    warnings: r.warnings,
  };
}
