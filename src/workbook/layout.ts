/**
 * The unit workbook's layout contract (notes/template-layout.md): sheet names, label rows, header
 * labels and stamp keys. The template writer lays the workbook out with these and the validator
 * finds sheets, headers and rows by them, so neither can drift from the other. No exceljs here:
 * the validator and the offline page import this module.
 */

/** Sheet names, in workbook order. */
export const SHEET = {
  info: 'Thông tin',
  data: 'Số liệu',
  text: 'Nội dung',
  help: 'Hướng dẫn',
  stamp: '_bctd',
} as const;

/** Row labels of `Thông tin` (column A), from row 3. */
export const INFO_LABELS = {
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  period: 'Kỳ báo cáo',
  periodId: 'Mã kỳ',
  preparer: 'Người lập biểu',
  phone: 'Điện thoại',
  date: 'Ngày lập',
} as const;
export const INFO_FIRST_ROW = 3;

/** Fixed header labels of `Số liệu` (row 4); the member columns sit between them and the note. */
export const DATA_HEADERS = {
  stt: 'STT',
  code: 'Mã',
  label: 'Nội dung',
  unit: 'Đơn vị tính',
  note: 'Ghi chú/giải trình',
} as const;
export const DATA_HEADER_ROW = 4;
export const DATA_FIRST_ROW = 5;
/** The value column of inputs without categories, when no category set has `Tổng số`. */
export const SINGLE_LABEL = 'Số liệu';
export const TOTAL_LABEL = 'Tổng số';

export const TEXT_HEADERS = {
  number: 'Mục',
  title: 'Nội dung cần báo cáo',
  text: 'Báo cáo của đơn vị',
} as const;
export const TEXT_HEADER_ROW = 3;
export const TEXT_FIRST_ROW = 4;

/** Keys of the very hidden `_bctd` sheet (column A), from row 1. */
export const STAMP_KEYS = [
  'outline_id',
  'outline_version',
  'layout',
  'unit_code',
  'unit_kind',
  'period',
  'generator',
] as const;
export type StampKey = (typeof STAMP_KEYS)[number];
