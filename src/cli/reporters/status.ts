import path from 'node:path';
import type { Completeness, UnitRecord } from '../../aggregate/types.js';
import type { StatusResult } from '../../app/status.js';
import type { Period } from '../../period/periods.js';

const rel = (base: string, p: string) => path.relative(base, p) || '.';

export const STATUS_LABEL: Record<UnitRecord['status'], string> = {
  'chua-nop': 'chưa nộp',
  'sai-dinh-dang': 'sai định dạng',
  'co-loi': 'có lỗi',
  'nhieu-tep': 'nhiều tệp',
  'hop-le': 'hợp lệ',
  'nop-muon': 'nộp muộn',
};

export function unitStatus(u: UnitRecord): string {
  let s = STATUS_LABEL[u.status];
  if (u.status === 'co-loi' || u.status === 'sai-dinh-dang') s += ` (${u.errors} lỗi)`;
  if (u.late && u.status !== 'nop-muon') s += ', nộp muộn';
  return s;
}

/** `Kỳ báo cáo: 6 tháng đầu năm 2022 (2022-6m), chọn theo ngày hôm nay; ...` */
export function periodLine(period: Period, chosen: boolean): string {
  return (
    `Kỳ báo cáo: ${period.label} (${period.id})` +
    (chosen
      ? ' — chọn theo ngày hôm nay vì không có --year; dùng --period và --year để chọn kỳ khác.'
      : '')
  );
}

const ddmm = (d: { day: number; month: number; year: number } | null) =>
  d === null
    ? ''
    : `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;

export function completenessLine(c: Completeness): string {
  return (
    `${c.expected} đơn vị phải nộp: ${c.received} đã nộp, ${c.valid} hợp lệ, ` +
    `${c.late} nộp muộn, ${c.invalid} có lỗi hoặc sai định dạng` +
    (c.duplicates > 0 ? `, ${c.duplicates} nhiều tệp` : '') +
    `, ${c.missing} chưa nộp (hạn nộp ${ddmm(c.deadline)}).`
  );
}

export function statusText(r: StatusResult, base: string): string {
  const lines = [periodLine(r.period, r.chosen), `Thư mục: ${rel(base, r.dir)}`, ''];
  const width = Math.max(...r.units.map((u) => u.code.length), 3);
  for (const u of r.units) {
    const when = u.receivedOn ? ` — nhận ${ddmm(u.receivedOn)}` : '';
    const src = u.receiptSource === 'sheet-date' ? ' (theo ngày lập, không có trong sổ nhận)' : '';
    lines.push(`  ${u.code.padEnd(width)}  ${u.name}: ${unitStatus(u)}${when}${src}`);
  }
  for (const x of r.excluded)
    lines.push(
      `  tệp ${rel(base, x.file)} không thuộc đơn vị nào phải nộp (${x.unit ?? 'không rõ mã'})`,
    );
  lines.push('', completenessLine(r.completeness));
  for (const n of r.notes) lines.push(`Lưu ý: ${n}`);
  return lines.join('\n');
}

export function statusJson(r: StatusResult, base: string): Record<string, unknown> {
  return {
    period: { id: r.period.id, label: r.period.label, chosen: r.chosen },
    folder: rel(base, r.dir),
    units: r.units.map((u) => ({
      code: u.code,
      name: u.name,
      kind: u.kind,
      status: u.status,
      late: u.late,
      errors: u.errors,
      warnings: u.warnings,
      receivedOn: u.receivedOn ? ddmm(u.receivedOn) : null,
      receiptSource: u.receiptSource,
      files: u.files.map((f) => rel(base, f)),
    })),
    totals: r.completeness,
    excluded: r.excluded.map((x) => ({ ...x, file: rel(base, x.file) })),
    notes: r.notes,
  };
}
