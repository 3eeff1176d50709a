import path from 'node:path';
import type { TemplateResult } from '../../app/template.js';

/** The documented JSON shape of `bctd template --format json`. */
export function templateJson(r: TemplateResult): Record<string, unknown> {
  return {
    // The same shape as generate and status: `chosen` when the period came from today's date.
    period: { id: r.period.id, label: r.period.label, chosen: r.periodChosen },
    outline: { id: r.outline.id, version: r.outline.version },
    dir: r.dir,
    files: r.files.map((f) => ({ unit: f.unit, path: f.path })),
    kept: r.kept.map((f) => ({ unit: f.unit, path: f.path })),
  };
}

export function templateText(r: TemplateResult): string {
  const lines: string[] = [];
  const chosen = r.periodChosen
    ? ' (chọn theo ngày hôm nay; chỉ rõ bằng --period và --year nếu cần kỳ khác)'
    : '';
  lines.push(`Kỳ báo cáo: ${r.period.label} (${r.period.id})${chosen}`);
  lines.push(`Đề cương: ${r.outline.id}, phiên bản ${r.outline.version}`);
  lines.push(`Thư mục: ${r.dir}`);
  for (const f of r.files) lines.push(`  đã ghi     ${path.basename(f.path)}  ${f.name}`);
  for (const f of r.kept)
    lines.push(`  giữ nguyên ${path.basename(f.path)} (đã có; thêm --force để ghi đè)`);
  lines.push('');
  const kept = r.kept.length > 0 ? `, giữ nguyên ${r.kept.length} biểu mẫu đã có` : '';
  lines.push(`Đã tạo ${r.files.length} biểu mẫu${kept}.`);
  if (r.files.length > 0) {
    lines.push(
      'Gửi mỗi đơn vị đúng tệp mang mã của mình, kèm trang kiểm tra ngoại tuyến tạo bằng',
      `"bctd page --period ${r.period.kind} --year ${r.period.year}": đơn vị điền xong mở trang đó trong trình duyệt để tự kiểm tra tệp trước khi gửi lại.`,
    );
  }
  return lines.join('\n');
}
