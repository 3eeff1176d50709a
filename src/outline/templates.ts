/**
 * The handlebars vocabulary of outline texts (`trich_yeu`, `sections[].template`): the helpers
 * the report stage provides and the variables it passes. Declared here, next to the outline
 * format, so that the loader can check every helper call and every code an outline quotes, and
 * so the report stage has one list to implement. All output is Vietnamese, numbers formatted
 * `1.234` and `35,5%`.
 */

/** What a helper's string arguments name: an input cell, an indicator, or free text. */
export type HelperArg = 'input' | 'indicator' | 'any';

export interface TemplateHelper {
  name: string;
  args: HelperArg[];
  /** True when further arguments of the last kind may follow. */
  variadic?: boolean;
  description: string;
}

export const TEMPLATE_HELPERS: readonly TemplateHelper[] = [
  {
    name: 'so',
    args: ['input'],
    description:
      'Số đã tổng hợp của một số liệu ("SINH_SONG.nam"; không ghi cột là cột tổng), dạng 1.234; "…" khi chưa có.',
  },
  {
    name: 'cung_ky',
    args: ['input'],
    description: 'Số của kỳ so sánh (cùng kỳ năm trước) của một số liệu.',
  },
  {
    name: 'so_sanh',
    args: ['input'],
    description:
      'So với cùng kỳ: "tăng 12 (10,5%)", "giảm 3 (2,1%)", "bằng cùng kỳ" hoặc "" khi thiếu.',
  },
  {
    name: 'ty_le',
    args: ['input', 'input'],
    description: 'Tỷ lệ phần trăm của số thứ nhất trên số thứ hai, dạng 35,5%.',
  },
  {
    name: 'co_so_lieu',
    args: ['input'],
    variadic: true,
    description: 'Đúng khi mọi số liệu nêu tên đều đã có số (dùng trong {{#if (co_so_lieu ...)}}).',
  },
  {
    name: 'ds_don_vi',
    args: ['input'],
    description:
      'Danh sách tên các đơn vị có số liệu lớn hơn 0 (hoặc trả lời "Có"), ngăn cách bằng dấu phẩy.',
  },
  {
    name: 'chi_so',
    args: ['indicator'],
    description:
      'Kết quả chỉ tiêu kèm đơn vị tính ("112,3 bé trai/100 bé gái"), hoặc "không tính được ở cấp huyện", "chưa có số liệu", văn bản khi mẫu số bằng 0.',
  },
  {
    name: 'co_chi_so',
    args: ['indicator'],
    description: 'Đúng khi chỉ tiêu tính được trong kỳ này.',
  },
  {
    name: 'muc_tieu',
    args: ['indicator'],
    description:
      'Mục tiêu của năm mục tiêu kế tiếp: "năm 2025: không vượt quá 111 bé trai/100 bé gái".',
  },
  {
    name: 'danh_gia',
    args: ['indicator'],
    description: 'So với mục tiêu kế tiếp: "đạt", "chưa đạt" hoặc "chưa đánh giá được".',
  },
];

/**
 * Variables a section template can use (besides the helpers):
 * - `ky`: the period — `ky.nhan` ("6 tháng đầu năm 2022"), `ky.nam` (2022), `ky.ma` ("6m");
 * - `ky_so_sanh.nhan`: the comparison period ("6 tháng đầu năm 2021");
 * - `co_quan.ten` (e.g. "UBND huyện Triệu Sơn"), `co_quan.dia_ban` (e.g. "huyện Triệu Sơn");
 * - `don_vi.phai_nop`, `don_vi.da_nop` (counts), `don_vi.chua_nop` (names, comma-separated);
 * - `noi_dung`: what units wrote for this section, a list of `{don_vi, van_ban}`.
 */
export const TEMPLATE_VARIABLES = ['ky', 'ky_so_sanh', 'co_quan', 'don_vi', 'noi_dung'] as const;

/** Handlebars' own block and inline helpers, always allowed. */
export const HANDLEBARS_BUILTINS = [
  'if',
  'unless',
  'each',
  'with',
  'lookup',
  'log',
  'else',
] as const;
