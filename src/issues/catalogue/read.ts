import { entry, issueMaker } from '../catalogue.js';
import type { Issue, Location } from '../types.js';

/**
 * Wording of the bounded reader's problems (src/workbook `ReadProblem`), one code per problem:
 * a file that cannot be read is one error, and validation stops for that file. Each message says
 * what the file really is (the bytes, not the name) and what the clerk does about it.
 *
 * Limits name the `bctd.yaml` key that changes them (issue 7: "a clear error naming the limit and
 * how to change it").
 */
interface P {
  detail: string;
  sheet?: string;
}

const limitFix = (key: string): string =>
  `Nếu tệp đúng là lớn như vậy, người tổng hợp có thể nâng giới hạn "${key}" trong mục limits: của bctd.yaml.`;

export const READ_ISSUES = {
  'file-empty': entry<P>({
    severity: 'error',
    title: 'Tệp rỗng',
    message: () => 'Tệp rỗng (0 byte), không có dữ liệu.',
    fix: () => 'Tệp bị hỏng khi gửi hoặc sao chép. Đề nghị đơn vị gửi lại tệp .xlsx.',
  }),
  'file-not-xlsx': entry<P>({
    severity: 'error',
    title: 'Không phải tệp Excel',
    message: () => 'Tệp không phải là bảng tính Excel (.xlsx), dù tên tệp có thể là .xlsx.',
    fix: () => 'Mở tệp bằng Excel hoặc LibreOffice và lưu lại dưới dạng Excel Workbook (.xlsx).',
  }),
  'file-xls': entry<P>({
    severity: 'error',
    title: 'Định dạng Excel 97-2003 (.xls)',
    message: () => 'Tệp được lưu ở định dạng Excel 97-2003 (.xls).',
    fix: () =>
      'Mở tệp và lưu lại dưới dạng .xlsx (Tệp > Lưu thành > Excel Workbook (*.xlsx)), rồi gửi tệp mới.',
  }),
  'file-encrypted': entry<P>({
    severity: 'error',
    title: 'Tệp có mật khẩu',
    message: () => 'Tệp được đặt mật khẩu mở nên không đọc được.',
    fix: () =>
      'Mở tệp bằng mật khẩu, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa trống) rồi lưu và gửi lại.',
  }),
  'file-ods': entry<P>({
    severity: 'error',
    title: 'Định dạng OpenDocument (.ods)',
    message: () => 'Tệp được lưu ở định dạng OpenDocument (.ods) của LibreOffice.',
    fix: () =>
      'Trong LibreOffice chọn Tệp > Lưu thành, chọn kiểu "Excel 2007-365 (.xlsx)", giữ định dạng khi được hỏi, rồi gửi tệp .xlsx.',
  }),
  'file-csv': entry<P>({
    severity: 'error',
    title: 'Tệp văn bản CSV',
    message: () =>
      'Tệp là văn bản phân cách bằng dấu phẩy (CSV), không phải biểu mẫu Excel: mất các trang và dấu của biểu mẫu.',
    fix: () => 'Điền số liệu vào biểu mẫu .xlsx do bctd tạo và gửi lại tệp .xlsx đó.',
  }),
  'file-docx': entry<P>({
    severity: 'error',
    title: 'Tệp Word',
    message: () => 'Tệp là văn bản Word, không phải bảng tính.',
    fix: () => 'Gửi biểu mẫu số liệu .xlsx; văn bản Word báo cáo gửi riêng nếu được yêu cầu.',
  }),
  'file-truncated': entry<P>({
    severity: 'error',
    title: 'Tệp bị cắt cụt',
    message: () => 'Tệp bị thiếu phần cuối (tải về hoặc sao chép chưa xong).',
    fix: () => 'Đề nghị đơn vị gửi lại tệp; kiểm tra tệp mở được bằng Excel trước khi gửi.',
  }),
  'file-corrupt': entry<P>({
    severity: 'error',
    title: 'Tệp bị hỏng',
    message: (p) => `Tệp .xlsx bị hỏng, không giải nén được (${p.detail}).`,
    fix: () =>
      'Mở tệp bằng Excel (Excel có thể đề nghị sửa), lưu lại thành tệp mới rồi gửi; nếu không mở được, đề nghị đơn vị gửi lại.',
  }),
  'file-too-large': entry<P>({
    severity: 'error',
    title: 'Tệp quá lớn',
    message: (p) => `Tệp lớn hơn giới hạn cho phép (${p.detail}).`,
    fix: () =>
      `Biểu mẫu số liệu thường nhỏ hơn 1 MB: xóa ảnh, trang thừa rồi lưu lại. ${limitFix('max_file_mb')}`,
  }),
  'file-part-too-large': entry<P>({
    severity: 'error',
    title: 'Một phần của tệp giải nén quá lớn',
    message: (p) =>
      `Một phần của tệp khi giải nén vượt giới hạn (${p.detail}); có thể là tệp nén độc hại hoặc trang có hàng triệu ô.`,
    fix: () =>
      `Sao chép số liệu sang biểu mẫu mới do bctd tạo rồi gửi lại. ${limitFix('max_part_mb')}`,
  }),
  'file-total-too-large': entry<P>({
    severity: 'error',
    title: 'Tệp giải nén quá lớn',
    message: (p) => `Tệp khi giải nén vượt tổng dung lượng cho phép (${p.detail}).`,
    fix: () =>
      `Sao chép số liệu sang biểu mẫu mới do bctd tạo rồi gửi lại. ${limitFix('max_total_mb')}`,
  }),
  'file-too-many-entries': entry<P>({
    severity: 'error',
    title: 'Tệp có quá nhiều thành phần',
    message: (p) => `Tệp chứa quá nhiều thành phần bên trong (${p.detail}).`,
    fix: () => 'Sao chép số liệu sang biểu mẫu mới do bctd tạo rồi gửi lại.',
  }),
  'file-xml-dtd': entry<P>({
    severity: 'error',
    title: 'Tệp chứa khai báo DTD/thực thể',
    message: (p) =>
      `Tệp chứa khai báo DTD hoặc thực thể XML${p.sheet ? ` (trang "${p.sheet}")` : ''}: Excel không bao giờ ghi như vậy, có thể là tệp độc hại.`,
    fix: () => 'Không mở tệp này. Đề nghị đơn vị điền lại biểu mẫu do bctd tạo và gửi lại.',
  }),
  'file-xml-malformed': entry<P>({
    severity: 'error',
    title: 'Nội dung XML bị hỏng',
    message: (p) =>
      `Nội dung bên trong tệp bị hỏng${p.sheet ? ` (trang "${p.sheet}")` : ''}: ${p.detail}.`,
    fix: () => 'Mở tệp bằng Excel hoặc LibreOffice, lưu lại thành tệp mới rồi gửi.',
  }),
  'file-no-workbook': entry<P>({
    severity: 'error',
    title: 'Không có sổ làm việc',
    message: (p) => `Tệp không có phần sổ làm việc (${p.detail}).`,
    fix: () => 'Lưu lại tệp dưới dạng Excel Workbook (.xlsx), không dùng .xlsb, rồi gửi lại.',
  }),
  'file-missing-sheet-part': entry<P>({
    severity: 'error',
    title: 'Thiếu nội dung một trang',
    message: (p) => `Tệp khai báo một trang nhưng thiếu nội dung của trang đó (${p.detail}).`,
    fix: () => 'Mở tệp bằng Excel hoặc LibreOffice, lưu lại thành tệp mới rồi gửi.',
  }),
  'file-no-content-types': entry<P>({
    severity: 'warning',
    title: 'Thiếu [Content_Types].xml',
    message: () =>
      'Tệp thiếu phần [Content_Types].xml: bctd vẫn đọc được số liệu nhưng Excel sẽ không mở được tệp này.',
    fix: () => 'Nên mở tệp bằng LibreOffice, lưu lại dưới dạng .xlsx rồi gửi lại.',
  }),
  'file-too-many-sheets': entry<P>({
    severity: 'error',
    title: 'Quá nhiều trang',
    message: (p) => `Tệp có quá nhiều trang (${p.detail}).`,
    fix: () => `Xóa các trang thừa, chỉ giữ các trang của biểu mẫu. ${limitFix('max_sheets')}`,
  }),
  'file-too-many-rows': entry<P>({
    severity: 'error',
    title: 'Quá nhiều dòng',
    message: (p) => `Trang "${p.sheet ?? ''}" có quá nhiều dòng có dữ liệu (${p.detail}).`,
    fix: () => `Xóa các dòng thừa ở cuối trang. ${limitFix('max_rows')}`,
  }),
  'file-too-many-columns': entry<P>({
    severity: 'error',
    title: 'Quá nhiều cột',
    message: (p) => `Trang "${p.sheet ?? ''}" có dữ liệu ở cột quá xa (${p.detail}).`,
    fix: () => `Xóa các cột thừa ở bên phải. ${limitFix('max_columns')}`,
  }),
  'file-too-many-cells': entry<P>({
    severity: 'error',
    title: 'Quá nhiều ô',
    message: (p) => `Tệp có quá nhiều ô có dữ liệu (${p.detail}).`,
    fix: () => `Xóa các vùng dữ liệu thừa. ${limitFix('max_cells')}`,
  }),
  'file-cell-too-long': entry<P>({
    severity: 'error',
    title: 'Ô có nội dung quá dài',
    message: (p) => `Một ô có nội dung quá dài (${p.detail}).`,
    fix: () => `Rút gọn nội dung ô. ${limitFix('max_cell_chars')}`,
  }),
};

export type ReadIssueCode = keyof typeof READ_ISSUES;

export const makeReadIssue = issueMaker(READ_ISSUES);

/** The issue of a reader problem (`ReadProblem` of src/workbook, given as its string). */
export function readProblemIssue(problem: string, detail: string, where: Location = {}): Issue {
  const code = (problem === 'not-zip' ? 'file-not-xlsx' : `file-${problem}`) as ReadIssueCode;
  const known = code in READ_ISSUES ? code : 'file-corrupt';
  const p: P = where.sheet === undefined ? { detail } : { detail, sheet: where.sheet };
  return makeReadIssue(known, p, where);
}
