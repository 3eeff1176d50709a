/**
 * A small outline, unit list and submission builder for the aggregation tests and for others
 * who need a roll-up before the real outline (`outlines/bdg.yaml`) is loaded. Numbers are
 * synthetic.
 */
import { OutlineSchema, type Outline } from '../outline/schema.js';
import { makePeriod, type Period } from '../period/periods.js';
import type { Unit } from '../period/units.js';
import type { InputValues, Submission } from '../validate/submission.js';

/** The outline as YAML would give it (before zod fills in the defaults). */
export const SAMPLE_OUTLINE_SOURCE = {
  id: 'mau',
  version: '1',
  title: 'Đề cương mẫu',
  trich_yeu: 'Kết quả thực hiện bình đẳng giới {{ky}}',
  periods: ['6m', 'year'],
  unit_kinds: {
    xa: 'xã',
    thi_tran: 'thị trấn',
    trung_tam: 'Trung tâm Y tế',
    phong: 'phòng, ban',
  },
  category_sets: {
    gioi_tinh: {
      members: [
        { code: 'tong', label: 'Tổng số' },
        { code: 'nu', label: 'Trong đó: Nữ' },
        { code: 'nam', label: 'Nam' },
      ],
      total: 'tong',
    },
    tre_sinh: {
      members: [
        { code: 'tong', label: 'Tổng số' },
        { code: 'trai', label: 'Trai' },
        { code: 'gai', label: 'Gái' },
      ],
      total: 'tong',
    },
  },
  objectives: [
    { code: 'M1', title: 'Mục tiêu 1. Chính trị' },
    { code: 'M2', title: 'Mục tiêu 2. Gia đình' },
    { code: 'M4', title: 'Mục tiêu 4. Y tế' },
  ],
  inputs: [
    {
      code: 'LD_QL',
      label: 'Cán bộ lãnh đạo, quản lý',
      unit: 'người',
      categories: 'gioi_tinh',
      derived: { nam: 'tong - nu' },
      reporters: ['xa', 'thi_tran', 'phong'],
    },
    {
      code: 'SINH',
      label: 'Số trẻ sinh ra',
      unit: 'trẻ',
      categories: 'tre_sinh',
      reporters: ['xa', 'thi_tran', 'trung_tam'],
      aggregate: { kind: 'from', from: 'trung_tam' },
    },
    {
      code: 'CO_LDCC_NU',
      label: 'Có lãnh đạo chủ chốt là nữ',
      unit: 'có/không',
      type: 'yes_no',
      reporters: ['xa', 'thi_tran'],
      aggregate: 'count_yes',
    },
    {
      code: 'CAN_BO',
      label: 'Số cán bộ tại thời điểm cuối kỳ',
      unit: 'người',
      reporters: ['xa', 'thi_tran', 'phong'],
      aggregate: { kind: 'last', over: ['xa', 'thi_tran'] },
    },
    {
      code: 'THON_LON_NHAT',
      label: 'Số thôn của đơn vị lớn nhất',
      unit: 'thôn',
      reporters: ['xa', 'thi_tran'],
      aggregate: 'max',
    },
    {
      code: 'BL_VU',
      label: 'Số vụ bạo lực gia đình',
      unit: 'vụ',
      reporters: ['xa', 'thi_tran'],
    },
    {
      code: 'BL_HO_TRO',
      label: 'Số nạn nhân bạo lực được hỗ trợ',
      unit: 'người',
      reporters: ['xa', 'thi_tran'],
    },
    {
      code: 'THANG_HANH_DONG',
      label: 'Số hoạt động trong Tháng hành động',
      unit: 'hoạt động',
      reporters: ['xa', 'thi_tran'],
      periods: ['year'],
    },
    {
      code: 'GHI_CHU',
      label: 'Ghi chú',
      unit: 'chữ',
      type: 'text',
      reporters: ['xa'],
    },
  ],
  indicators: [
    {
      code: 'M1.CT1',
      objective: 'M1',
      label: 'Tỷ lệ nữ trong cán bộ lãnh đạo, quản lý',
      numerator: 'LD_QL.nu',
      denominator: 'LD_QL.tong',
      scale: 100,
      unit: '%',
      direction: 'up',
      targets: { '2025': '>= 60', '2030': '>= 75' },
      status: 'CONFIRMED',
      source: 'Nghị quyết 28/NQ-CP',
    },
    {
      code: 'M1.CT2',
      objective: 'M1',
      label: 'Tỷ lệ xã có lãnh đạo chủ chốt là nữ',
      numerator: 'CO_LDCC_NU',
      denominator: 'count(CO_LDCC_NU)',
      scale: 100,
      unit: '%',
      direction: 'up',
      targets: { '2022': '>= 50', '2025': '>= 60' },
      status: 'CONFIRMED',
      source: 'Nghị quyết 28/NQ-CP',
    },
    {
      code: 'M4.CT1',
      objective: 'M4',
      label: 'Tỷ số giới tính khi sinh',
      numerator: 'SINH.trai',
      denominator: 'SINH.gai',
      scale: 100,
      unit: 'bé trai/100 bé gái',
      direction: 'down',
      targets: { '2022': '~ 112', '2025': '<= 111' },
      status: 'CONFIRMED',
      source: 'Nghị quyết 28/NQ-CP',
    },
    {
      code: 'M2.CT1',
      objective: 'M2',
      label: 'Tỷ lệ nạn nhân bạo lực gia đình được hỗ trợ',
      numerator: 'BL_HO_TRO',
      denominator: 'BL_VU',
      scale: 100,
      unit: '%',
      direction: 'up',
      targets: { '2025': '>= 90' },
      status: 'PARTIAL',
      source: 'Nghị quyết 28/NQ-CP',
    },
    {
      code: 'M2.CT2',
      objective: 'M2',
      label: 'Số vụ bạo lực gia đình',
      numerator: 'BL_VU',
      unit: 'vụ',
      direction: 'down',
      status: 'PARTIAL',
      source: 'Báo cáo của xã',
    },
    {
      code: 'M4.CT2',
      objective: 'M4',
      label: 'Tỷ lệ phá thai',
      unit: '%',
      district_computable: false,
      note: 'Số liệu do Sở Y tế tổng hợp',
      status: 'UNCONFIRMED',
      source: 'Nghị quyết 28/NQ-CP',
    },
  ],
  appendix: [
    {
      id: 'B01',
      name: 'Biểu 01',
      title: 'Kết quả thực hiện các chỉ tiêu',
      rows: { from: 'indicators' },
      columns: [
        { label: 'STT', key: 'stt' },
        { label: 'Chỉ tiêu', key: 'label' },
        { label: 'Đơn vị tính', key: 'unit' },
        { label: 'Mục tiêu', key: 'target' },
        { label: 'Tử số', key: 'numerator' },
        { label: 'Mẫu số', key: 'denominator' },
        { label: 'Kết quả', key: 'value' },
        { label: 'Cùng kỳ', key: 'previous' },
        { label: 'So sánh', key: 'change' },
        { label: 'Đánh giá', key: 'assessment' },
      ],
    },
    {
      id: 'B02',
      name: 'Biểu 02',
      title: 'Số liệu tổng hợp',
      rows: { from: 'inputs', codes: ['LD_QL', 'CAN_BO'] },
      columns: [
        { label: 'STT', key: 'stt' },
        { label: 'Nội dung', key: 'label' },
        { label: 'Tổng số', key: 'value' },
        { label: 'Nữ', member: 'nu' },
        { label: 'Tỷ lệ nữ (%)', share: 'nu' },
        { label: 'Ghi chú', key: 'note' },
      ],
      total_row: 'Tổng cộng',
    },
    {
      id: 'B08',
      name: 'Biểu 08',
      title: 'Số liệu theo xã, thị trấn',
      orientation: 'landscape',
      rows: { from: 'units', kinds: ['xa', 'thi_tran'] },
      columns: [
        { label: 'STT', key: 'stt' },
        { label: 'Đơn vị', key: 'unit_name' },
        { label: 'Cán bộ lãnh đạo', input: 'LD_QL.tong' },
        { label: 'Trong đó nữ', input: 'LD_QL.nu' },
        { label: 'Tỷ lệ nữ (%)', formula: 'LD_QL.nu / LD_QL.tong * 100' },
        { label: 'Tình trạng', key: 'status' },
      ],
      total_row: 'Toàn huyện',
    },
  ],
} as const;

export function sampleOutline(): Outline {
  return OutlineSchema.parse(structuredClone(SAMPLE_OUTLINE_SOURCE));
}

/** 2022-6m: window 15/12/2021 - 14/6/2022, deadline 20/6/2022. */
export function samplePeriod(year = 2022): Period {
  return makePeriod('6m', year);
}

export const SAMPLE_UNITS: Unit[] = [
  { code: 'X01', name: 'Xã Dân Lực', kind: 'xa' },
  { code: 'X02', name: 'Xã Dân Lý', kind: 'xa' },
  { code: 'X03', name: 'Xã Dân Quyền', kind: 'xa' },
  // Merged into X03 on 1/1/2022: no longer expected in 2022.
  { code: 'X04', name: 'Xã Minh Dân', kind: 'xa', validTo: { year: 2021, month: 12, day: 31 } },
  // Created after the 2022 six-month cut-off (14/6): not expected in 2022-6m.
  { code: 'X05', name: 'Xã Tân Ninh', kind: 'xa', validFrom: { year: 2022, month: 7, day: 1 } },
  { code: 'TT1', name: 'Thị trấn Triệu Sơn', kind: 'thi_tran' },
  { code: 'TTYT', name: 'Trung tâm Y tế huyện', kind: 'trung_tam' },
  { code: 'PNV', name: 'Phòng Nội vụ', kind: 'phong' },
];

export interface SubmissionOptions {
  file?: string;
  valid?: boolean;
  errors?: number;
  period?: string | null;
  outlineId?: string | null;
  preparedOn?: string | null;
  sha256?: string;
}

/** A submission of `unit` with these values, valid unless said otherwise. */
export function sampleSubmission(
  unit: Unit | { code: string; name: string; kind: string },
  values: Record<string, InputValues>,
  opts: SubmissionOptions = {},
): Submission {
  const errors = opts.errors ?? (opts.valid === false ? 1 : 0);
  const sub: Submission = {
    file: opts.file ?? `nop/2022-6m/${unit.code}.xlsx`,
    unit: { code: unit.code, name: unit.name, kind: unit.kind },
    period: opts.period === undefined ? '2022-6m' : opts.period,
    outline: opts.outlineId === null ? null : { id: opts.outlineId ?? 'mau', version: '1' },
    preparedOn: opts.preparedOn ?? null,
    values,
    texts: {},
    narrativesFilled: [],
    issues: Array.from({ length: errors }, (_, i) => ({
      code: 'test-error',
      severity: 'error' as const,
      message: `Lỗi thử ${i + 1}`,
      fix: 'Sửa lại',
    })),
    valid: opts.valid ?? errors === 0,
  };
  if (opts.sha256 !== undefined) sub.sha256 = opts.sha256;
  return sub;
}
