/**
 * Layout-conforming unit workbooks for validation tests (notes/template-layout.md), written
 * with exceljs until bctd's own template writer and `fill.ts` land. Only what validation reads:
 * Thông tin, Số liệu (header row 4, data from row 5), Nội dung (header row 3), _bctd.
 */
import ExcelJS from 'exceljs';
import {
  flattenSections,
  inputCells,
  inputsForKind,
  layoutFingerprint,
  parseOutline,
  sectionsForKind,
  type Outline,
} from '../../src/outline/index.js';

export type Spec =
  | string
  | number
  | boolean
  | null
  | { formula: string; result?: number | string | { error: string } }
  | { error: string }
  | { value: string | number; numFmt?: string; font?: string };

export interface UnitWorkbookOptions {
  unit?: { code: string; name: string; kind: string };
  period?: string;
  /** `values[CODE][member]` (member `value` for single inputs); undefined cells stay empty. */
  values?: Record<string, Record<string, Spec>>;
  /** Narrative text per full section number. */
  narratives?: Record<string, string>;
  /** Preparer's date cell. */
  preparedOn?: Spec;
  /** false: no _bctd sheet; an object overrides stamp keys. */
  stamp?: false | Record<string, string>;
  /** Derived members get a formula with this cached result (true: the right value). */
  derivedFormulas?: boolean;
  /** Last chance to change the workbook (insert rows, merge, rename sheets). */
  mutate?: (wb: ExcelJS.Workbook) => void;
}

export const DEFAULT_UNIT = { code: '15664', name: 'Thị trấn Triệu Sơn', kind: 'xa' };

/** Where each input's row and member columns are in the workbook built from `outline`. */
export function layoutOf(outline: Outline, kind: string, period = '6m') {
  const inputs = inputsForKind(outline, kind, period as never);
  const labels: string[] = [];
  for (const i of inputs)
    for (const c of inputCells(outline, i))
      if (c.member && !labels.includes(c.label)) labels.push(c.label);
  const anyTotal = labels.includes('Tổng số');
  const memberLabels = labels.length > 0 ? labels : [anyTotal ? 'Tổng số' : 'Số liệu'];
  const rows = new Map<string, number>();
  let r = 5;
  let group: string | undefined;
  for (const i of inputs) {
    if (i.group !== undefined && i.group !== group) {
      group = i.group;
      r++;
    }
    rows.set(i.code, r++);
  }
  const colOf = (label: string): number => 5 + memberLabels.indexOf(label);
  const cellOf = (code: string, member = 'value'): string => {
    const input = inputs.find((i) => i.code === code);
    if (!input) throw new Error(`no input ${code}`);
    const cells = inputCells(outline, input);
    const c = cells.find((x) => (x.member ?? 'value') === member);
    if (!c) throw new Error(`no member ${member}`);
    const col = c.member === undefined ? 5 : colOf(c.label);
    return `${String.fromCharCode(64 + col)}${rows.get(code)}`;
  };
  return { inputs, memberLabels, rows, cellOf, noteCol: 5 + memberLabels.length };
}

function setCell(cell: ExcelJS.Cell, spec: Spec): void {
  if (spec === null) return;
  if (typeof spec !== 'object') {
    cell.value = spec;
    return;
  }
  if ('formula' in spec) {
    cell.value = spec as ExcelJS.CellFormulaValue;
    return;
  }
  if ('error' in spec) {
    cell.value = { error: spec.error } as ExcelJS.CellErrorValue;
    return;
  }
  cell.value = spec.value;
  if (spec.numFmt) cell.numFmt = spec.numFmt;
  if (spec.font) cell.font = { name: spec.font };
}

export async function buildUnitWorkbook(
  outline: Outline,
  opts: UnitWorkbookOptions = {},
): Promise<Uint8Array> {
  const unit = opts.unit ?? DEFAULT_UNIT;
  const period = opts.period ?? '2022-6m';
  const kind = period.split('-')[1] ?? '6m';
  const wb = new ExcelJS.Workbook();

  const info = wb.addWorksheet('Thông tin');
  info.getCell('A1').value = 'THÔNG TIN ĐƠN VỊ BÁO CÁO';
  info.mergeCells('A1:B1');
  const infoRows: Array<[string, Spec]> = [
    ['Mã đơn vị', unit.code],
    ['Tên đơn vị', unit.name],
    ['Kỳ báo cáo', `6 tháng đầu năm ${period.slice(0, 4)}`],
    ['Mã kỳ', period],
    ['Người lập biểu', 'Nguyễn Thị Hoa'],
    ['Điện thoại', '0912345678'],
    ['Ngày lập', opts.preparedOn ?? '15/06/2022'],
  ];
  infoRows.forEach(([k, v], i) => {
    info.getCell(3 + i, 1).value = k;
    setCell(info.getCell(3 + i, 2), v);
  });

  const data = wb.addWorksheet('Số liệu');
  const lay = layoutOf(outline, unit.kind, kind);
  data.getCell('A1').value = 'BIỂU SỐ LIỆU';
  data.getCell('A2').value = `${unit.name} - ${period}`;
  const header = [
    'STT',
    'Mã',
    'Nội dung',
    'Đơn vị tính',
    ...lay.memberLabels,
    'Ghi chú/giải trình',
  ];
  header.forEach((h, i) => (data.getCell(4, i + 1).value = h));
  data.mergeCells(1, 1, 1, header.length);
  let stt = 0;
  let group: string | undefined;
  for (const input of lay.inputs) {
    const row = lay.rows.get(input.code) as number;
    if (input.group !== undefined && input.group !== group) {
      group = input.group;
      data.getCell(row - 1, 1).value = input.group;
      data.mergeCells(row - 1, 1, row - 1, header.length);
    }
    data.getCell(row, 1).value = ++stt;
    data.getCell(row, 2).value = input.code;
    data.getCell(row, 3).value = input.label;
    data.getCell(row, 4).value = input.unit;
    const given = opts.values?.[input.code] ?? {};
    for (const c of inputCells(outline, input)) {
      const key = c.member ?? 'value';
      const addr = lay.cellOf(input.code, key);
      const cell = data.getCell(addr);
      if (!c.entered && opts.derivedFormulas && c.formula) {
        // The template's convenience formula, e.g. Nam = Tổng số - Nữ.
        const tong = given.tong;
        const nu = given.nu;
        const result = typeof tong === 'number' && typeof nu === 'number' ? tong - nu : undefined;
        const f = c.formula.replace(/[a-z_]+/g, (m) => lay.cellOf(input.code, m));
        cell.value = result === undefined ? { formula: f } : { formula: f, result };
        if (given[key] !== undefined) setCell(cell, given[key] as Spec);
        continue;
      }
      const spec = given[key];
      if (spec !== undefined) setCell(cell, spec);
    }
  }

  const text = wb.addWorksheet('Nội dung');
  text.getCell('A1').value = 'NỘI DUNG BÁO CÁO';
  ['Mục', 'Nội dung cần báo cáo', 'Báo cáo của đơn vị'].forEach(
    (h, i) => (text.getCell(3, i + 1).value = h),
  );
  sectionsForKind(outline, unit.kind, kind as never).forEach((s, i) => {
    text.getCell(4 + i, 1).value = s.path;
    text.getCell(4 + i, 2).value = s.section.title;
    const t = opts.narratives?.[s.path];
    if (t !== undefined) text.getCell(4 + i, 3).value = t;
  });
  void flattenSections;

  wb.addWorksheet('Hướng dẫn').getCell('A1').value = 'Hướng dẫn điền biểu';

  if (opts.stamp !== false) {
    const st = wb.addWorksheet('_bctd');
    st.state = 'veryHidden';
    const entries: Record<string, string> = {
      outline_id: outline.id,
      outline_version: outline.version,
      layout: layoutFingerprint(outline),
      unit_code: unit.code,
      unit_kind: unit.kind,
      period,
      generator: 'bctd test',
      ...(opts.stamp ?? {}),
    };
    Object.entries(entries).forEach(([k, v], i) => {
      st.getCell(i + 1, 1).value = k;
      st.getCell(i + 1, 2).value = v;
    });
  }
  opts.mutate?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A small outline with every feature validation checks. */
export const TEST_OUTLINE_YAML = `
id: thu
version: "2022.1"
title: Đề cương thử
trich_yeu: Báo cáo thử {{ky}}
periods: [6m, year]
unit_kinds: {xa: Xã, thi_tran: Thị trấn, phong: Phòng}
category_sets:
  gioi_tinh:
    members:
      - {code: tong, label: Tổng số}
      - {code: nam, label: Nam}
      - {code: nu, label: Nữ}
    total: tong
inputs:
  - code: SINH_SONG
    label: Số trẻ sinh ra sống
    unit: trẻ
    categories: gioi_tinh
    derived: {nam: "tong - nu"}
    reporters: [xa, thi_tran]
    required: true
  - code: LAO_DONG
    label: Số lao động có việc làm mới
    unit: người
    categories: gioi_tinh
    reporters: [xa, thi_tran]
  - code: TY_LE_NGHEO
    label: Tỷ lệ hộ nghèo
    unit: "%"
    type: percent
    reporters: [xa, thi_tran]
    aggregate: max
  - code: KINH_PHI
    label: Kinh phí hoạt động bình đẳng giới
    unit: triệu đồng
    type: money
    reporters: [xa, thi_tran, phong]
  - code: CO_KE_HOACH
    label: Có kế hoạch hoạt động bình đẳng giới
    unit: Có/Không
    type: yes_no
    reporters: [xa, thi_tran]
    aggregate: count_yes
  - code: VU_BAO_LUC
    label: Số vụ bạo lực gia đình
    unit: vụ
    reporters: [xa, thi_tran]
  - code: VU_XU_LY
    label: Số vụ bạo lực gia đình đã xử lý
    unit: vụ
    reporters: [xa, thi_tran]
  - code: HOP_PHONG
    label: Số cuộc họp của phòng
    unit: cuộc
    reporters: [phong]
rules:
  - code: XU_LY_LE_VU
    left: VU_XU_LY
    op: "<="
    right: VU_BAO_LUC
    severity: warning
    message: Số vụ đã xử lý không được lớn hơn số vụ bạo lực gia đình.
    fix: Kiểm tra lại hai dòng số vụ.
sections:
  - number: I
    title: Kết quả thực hiện
    required: true
    children:
      - number: "1"
        title: Công tác lãnh đạo, chỉ đạo
  - number: II
    title: Khó khăn, vướng mắc
`;

export function testOutline(yaml = TEST_OUTLINE_YAML): Outline {
  const r = parseOutline(yaml, 'thu.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.outline;
}

/** A complete, valid filling of the test outline for a commune. */
export const GOOD_VALUES: Record<string, Record<string, Spec>> = {
  SINH_SONG: { tong: 120, nu: 58 },
  LAO_DONG: { tong: 40, nam: 22, nu: 18 },
  TY_LE_NGHEO: { value: 3.5 },
  KINH_PHI: { value: 12.5 },
  CO_KE_HOACH: { value: 'Có' },
  VU_BAO_LUC: { value: 3 },
  VU_XU_LY: { value: 2 },
};
