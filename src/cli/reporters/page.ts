import type { PageResult } from '../../app/page.js';

/** The JSON shape of `bctd page --format json`. */
export function pageJson(r: PageResult): Record<string, unknown> {
  return {
    path: r.path,
    title: r.title,
    // The same shape as generate and status: `chosen` when the period came from today's date.
    period: { id: r.period.id, label: r.period.label, chosen: r.periodChosen },
    outline: { id: r.outline.id, version: r.outline.version },
    units: r.units,
    bytes: r.bytes,
  };
}

export function pageText(r: PageResult): string {
  const chosen = r.periodChosen
    ? ' (chọn theo ngày hôm nay; chỉ rõ bằng --period và --year nếu cần kỳ khác)'
    : '';
  const kb = Math.max(1, Math.round(r.bytes / 1024));
  const lines = [
    `Đã ghi trang kiểm tra: ${r.path} (${kb} KB)`,
    `Tiêu đề: ${r.title}`,
    `Kỳ báo cáo: ${r.period.label} (${r.period.id})${chosen}`,
    `Đề cương: ${r.outline.id}, phiên bản ${r.outline.version}`,
    r.units === null
      ? 'Không có thư mục làm việc: trang không kiểm tra mã đơn vị (không có units.yaml).'
      : `Danh sách đơn vị: ${r.units} đơn vị (mã đơn vị trong tệp được kiểm tra).`,
    '',
    'Gửi tệp HTML này cho các đơn vị (thư điện tử, Zalo, USB). Đơn vị mở tệp bằng Chrome, Edge,',
    'Firefox hoặc Cốc Cốc, kéo thả tệp Excel vào trang để kiểm tra; không cần cài đặt, không cần mạng.',
  ];
  return lines.join('\n');
}
