import type { InitResult } from '../../app/init.js';

export function initText(r: InitResult): string {
  const lines = [`Thư mục làm việc: ${r.dir} (bộ cấu hình ${r.preset})`];
  for (const f of r.written) lines.push(`  đã ghi     ${f}`);
  for (const f of r.folders) lines.push(`  đã tạo     ${f}/`);
  for (const f of r.kept) lines.push(`  giữ nguyên ${f} (đã có; thêm --force để ghi đè)`);
  lines.push('', 'Tiếp theo: sửa bctd.yaml (người ký, nơi nhận) và units.yaml (danh sách đơn vị),');
  lines.push('rồi chạy "bctd template" để tạo biểu mẫu gửi các đơn vị.');
  return lines.join('\n');
}
