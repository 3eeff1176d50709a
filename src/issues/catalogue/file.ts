import { entry, issueMaker } from '../catalogue.js';
import type { Entry } from '../catalogue.js';
import type { Issue } from '../types.js';
// Types only: the wording is keyed by the reader's problems so that a new problem without a
// message fails to compile; nothing of the reader runs here.
import type { ReadLimits, ReadProblem } from '../../workbook/types.js';

/**
 * Wording for files that cannot be read (issue 4 "The file", issue 7 "Limits"). A file-level
 * problem stops validation of that file only. Each message names the file, says what the
 * bytes really are (whatever the name says) and what the clerk or the unit does about it.
 * Limit messages name the limit and the `bctd.yaml` key (`limits:`) that changes it.
 */
export interface FileParams {
  /** File name as shown to the user. */
  file: string;
  /** Short technical detail from the reader (kept out of most messages, shown in JSON). */
  detail: string;
  sheet?: string;
  cell?: string;
  /** The limit as people read it, e.g. `20 MB`, `20.000 dòng`. */
  limit?: string;
  /** The `bctd.yaml` key under `limits:`. */
  key?: string;
}

export type FileIssueCode = `file-${ReadProblem}`;

const inSheet = (p: FileParams): string =>
  p.sheet === undefined
    ? ''
    : p.cell === undefined
      ? `, trang "${p.sheet}"`
      : `, ô ${p.sheet}!${p.cell}`;

const raiseLimit = (p: FileParams): string =>
  p.key === undefined
    ? ''
    : ` Nếu tệp đúng là cần lớn như vậy, người tổng hợp có thể nâng giới hạn trong bctd.yaml, mục limits:, khóa ${p.key}.`;

const resave =
  'Mở tệp bằng Excel hoặc LibreOffice, chọn Tệp > Lưu thành > Sổ làm việc Excel (.xlsx) để lưu thành tệp mới rồi gửi tệp mới.';

export const FILE_ISSUES = {
  'file-empty': entry<FileParams>({
    severity: 'error',
    title: 'Tệp rỗng',
    message: (p) => `Tệp "${p.file}" rỗng (0 byte), không có dữ liệu.`,
    fix: () => 'Tệp bị hỏng khi gửi hoặc sao chép. Đề nghị đơn vị gửi lại tệp .xlsx đã điền.',
  }),
  'file-not-zip': entry<FileParams>({
    severity: 'error',
    title: 'Không phải bảng tính Excel',
    message: (p) =>
      `Tệp "${p.file}" không phải là bảng tính Excel (.xlsx), dù tên tệp có thể kết thúc bằng .xlsx.`,
    fix: () =>
      'Nếu tệp mở được bằng Excel, hãy lưu lại dưới dạng .xlsx (Tệp > Lưu thành > Sổ làm việc Excel); nếu không, đề nghị đơn vị gửi lại biểu mẫu .xlsx.',
  }),
  'file-xls': entry<FileParams>({
    severity: 'error',
    title: 'Định dạng Excel 97-2003 (.xls)',
    message: (p) => `Tệp "${p.file}" được lưu ở định dạng Excel 97-2003 (.xls).`,
    fix: () =>
      'Mở tệp và lưu lại dưới dạng .xlsx (Tệp > Lưu thành > Sổ làm việc Excel), rồi gửi tệp .xlsx mới.',
  }),
  'file-encrypted': entry<FileParams>({
    severity: 'error',
    title: 'Tệp có mật khẩu',
    message: (p) => `Tệp "${p.file}" được đặt mật khẩu mở nên không đọc được số liệu.`,
    fix: () =>
      'Mở tệp bằng mật khẩu, vào Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa trống mật khẩu, lưu rồi gửi lại.',
  }),
  'file-ods': entry<FileParams>({
    severity: 'error',
    title: 'Định dạng OpenDocument (.ods)',
    message: (p) => `Tệp "${p.file}" được lưu ở định dạng OpenDocument (.ods) của LibreOffice.`,
    fix: () =>
      'Trong LibreOffice chọn Tệp > Lưu thành, kiểu tệp "Excel 2007-365 (.xlsx)", chọn "Giữ định dạng hiện tại" khi được hỏi, rồi gửi tệp .xlsx.',
  }),
  'file-csv': entry<FileParams>({
    severity: 'error',
    title: 'Tệp văn bản (CSV)',
    // Any plain text is told apart from a workbook by its bytes; whether it is a CSV or, say,
    // a note saved with the wrong name cannot be, so the message names both.
    message: (p) =>
      `Tệp "${p.file}" là tệp văn bản thuần (như CSV lưu từ Excel), không phải biểu mẫu Excel: không có các trang, công thức và dấu nhận biết của biểu mẫu.`,
    fix: () => 'Điền số liệu vào biểu mẫu .xlsx do bctd tạo và gửi lại chính tệp .xlsx đó.',
  }),
  'file-docx': entry<FileParams>({
    severity: 'error',
    title: 'Tệp Word',
    message: (p) => `Tệp "${p.file}" là văn bản Word, không phải bảng tính.`,
    fix: () =>
      'Gửi biểu mẫu số liệu .xlsx; nếu cần gửi cả văn bản Word thì đặt tên tệp khác và gửi riêng.',
  }),
  'file-truncated': entry<FileParams>({
    severity: 'error',
    title: 'Tệp bị cắt cụt',
    message: (p) => `Tệp "${p.file}" bị thiếu phần cuối (tải về hoặc sao chép chưa xong).`,
    fix: () =>
      'Tải lại tệp từ thư điện tử hoặc nhóm nhắn tin; nếu vẫn lỗi, đề nghị đơn vị gửi lại và mở thử bằng Excel trước khi gửi.',
  }),
  'file-corrupt': entry<FileParams>({
    severity: 'error',
    title: 'Tệp bị hỏng',
    message: (p) => `Tệp "${p.file}" bị hỏng, không giải nén được${inSheet(p)}.`,
    fix: () =>
      'Mở tệp bằng Excel (Excel có thể đề nghị sửa tệp), lưu thành tệp mới rồi gửi; nếu không mở được, đề nghị đơn vị gửi lại.',
  }),
  'file-too-large': entry<FileParams>({
    severity: 'error',
    title: 'Tệp quá lớn',
    message: (p) => `Tệp "${p.file}" lớn hơn giới hạn ${p.limit ?? ''} cho một tệp.`,
    fix: (p) =>
      `Biểu mẫu số liệu thường nhỏ hơn 1 MB: xóa ảnh và các trang thừa rồi lưu lại.${raiseLimit(p)}`,
  }),
  'file-part-too-large': entry<FileParams>({
    severity: 'error',
    title: 'Một phần của tệp giải nén quá lớn',
    message: (p) =>
      `Một phần bên trong tệp "${p.file}" khi giải nén vượt giới hạn ${p.limit ?? ''}${inSheet(p)}: có thể là tệp nén độc hại hoặc một trang có hàng triệu ô.`,
    fix: (p) =>
      `Sao chép số liệu sang biểu mẫu mới do bctd tạo rồi gửi lại; không mở tệp lạ không rõ nguồn.${raiseLimit(p)}`,
  }),
  'file-total-too-large': entry<FileParams>({
    severity: 'error',
    title: 'Tệp giải nén quá lớn',
    message: (p) =>
      `Tệp "${p.file}" khi giải nén vượt tổng dung lượng cho phép ${p.limit ?? ''}${inSheet(p)}.`,
    fix: (p) =>
      `Xóa các trang thừa hoặc sao chép số liệu sang biểu mẫu mới do bctd tạo rồi gửi lại.${raiseLimit(p)}`,
  }),
  'file-too-many-entries': entry<FileParams>({
    severity: 'error',
    title: 'Tệp có quá nhiều thành phần',
    message: (p) =>
      `Tệp "${p.file}" chứa quá nhiều thành phần bên trong (giới hạn ${p.limit ?? ''}).`,
    fix: () =>
      'Xóa ảnh, biểu đồ và các trang thừa, hoặc sao chép số liệu sang biểu mẫu mới do bctd tạo rồi gửi lại.',
  }),
  'file-xml-dtd': entry<FileParams>({
    severity: 'error',
    title: 'Tệp chứa khai báo DTD hoặc thực thể XML',
    message: (p) =>
      `Tệp "${p.file}" chứa khai báo DTD hoặc thực thể XML${inSheet(p)}. Excel không bao giờ ghi như vậy; đây có thể là tệp độc hại và bctd không đọc phần đó.`,
    fix: () =>
      'Không mở tệp này trên máy tính. Đề nghị đơn vị điền lại biểu mẫu do bctd tạo và gửi lại.',
  }),
  'file-xml-malformed': entry<FileParams>({
    severity: 'error',
    title: 'Nội dung XML bị hỏng',
    message: (p) => `Nội dung bên trong tệp "${p.file}" bị hỏng${inSheet(p)}.`,
    fix: () => resave,
  }),
  'file-no-workbook': entry<FileParams>({
    severity: 'error',
    title: 'Không có sổ làm việc',
    message: (p) =>
      `Tệp "${p.file}" không có phần sổ làm việc Excel (xl/workbook.xml)${p.detail.includes('xlsb') ? ': tệp được lưu ở dạng nhị phân .xlsb' : ''}.`,
    fix: () =>
      'Lưu lại tệp dưới dạng Sổ làm việc Excel (.xlsx), không dùng .xlsb, rồi gửi lại; nếu không mở được, đề nghị đơn vị gửi lại.',
  }),
  'file-missing-sheet-part': entry<FileParams>({
    severity: 'error',
    title: 'Thiếu nội dung một trang',
    message: (p) =>
      `Tệp "${p.file}" khai báo trang${p.sheet !== undefined ? ` "${p.sheet}"` : ''} nhưng thiếu nội dung của trang đó.`,
    fix: () => resave,
  }),
  'file-no-content-types': entry<FileParams>({
    severity: 'warning',
    title: 'Thiếu [Content_Types].xml',
    message: (p) =>
      `Tệp "${p.file}" thiếu phần [Content_Types].xml: bctd vẫn đọc được số liệu nhưng Excel sẽ báo lỗi khi mở tệp này.`,
    fix: () =>
      'Nên mở tệp bằng LibreOffice, lưu lại dưới dạng .xlsx rồi gửi lại để lưu trữ được tệp mở được bằng Excel.',
  }),
  'file-too-many-sheets': entry<FileParams>({
    severity: 'error',
    title: 'Quá nhiều trang',
    message: (p) => `Tệp "${p.file}" có nhiều hơn ${p.limit ?? ''}.`,
    fix: (p) => `Xóa các trang thừa, chỉ giữ các trang của biểu mẫu.${raiseLimit(p)}`,
  }),
  'file-too-many-rows': entry<FileParams>({
    severity: 'error',
    title: 'Quá nhiều dòng có dữ liệu',
    message: (p) =>
      `Trang "${p.sheet ?? ''}" của tệp "${p.file}" có nhiều hơn ${p.limit ?? ''} có dữ liệu.`,
    fix: (p) =>
      `Xóa các dòng thừa (thường là dữ liệu dán nhầm ở cuối trang) rồi lưu lại.${raiseLimit(p)}`,
  }),
  'file-too-many-columns': entry<FileParams>({
    severity: 'error',
    title: 'Dữ liệu ở cột quá xa',
    message: (p) =>
      `Trang "${p.sheet ?? ''}" của tệp "${p.file}" có dữ liệu vượt quá ${p.limit ?? ''}${p.cell !== undefined ? ` (ô ${p.cell})` : ''}.`,
    fix: (p) => `Xóa các cột thừa ở bên phải bảng rồi lưu lại.${raiseLimit(p)}`,
  }),
  'file-too-many-cells': entry<FileParams>({
    severity: 'error',
    title: 'Quá nhiều ô có dữ liệu',
    message: (p) => `Tệp "${p.file}" có nhiều hơn ${p.limit ?? ''} có dữ liệu${inSheet(p)}.`,
    fix: (p) => `Xóa các vùng dữ liệu hoặc các trang thừa rồi lưu lại.${raiseLimit(p)}`,
  }),
  'file-cell-too-long': entry<FileParams>({
    severity: 'error',
    title: 'Ô có nội dung quá dài',
    message: (p) =>
      `Ô ${p.sheet !== undefined && p.cell !== undefined ? `${p.sheet}!${p.cell}` : (p.cell ?? '')} của tệp "${p.file}" dài hơn ${p.limit ?? ''}.`,
    fix: (p) =>
      `Rút gọn nội dung ô hoặc chia thành nhiều ô; Excel cũng không hiển thị quá 32.767 ký tự trong một ô.${raiseLimit(p)}`,
  }),
} satisfies Record<FileIssueCode, Entry<FileParams>>;

export const makeFileIssue = issueMaker(FILE_ISSUES);

/** Thousands with dots, as Vietnamese readers expect (`20.000`). */
function vi(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function mb(bytes: number): string {
  const v = bytes / (1024 * 1024);
  return `${Number.isInteger(v) ? vi(v) : v.toFixed(1).replace('.', ',')} MB`;
}

/** For each limit: how it reads in a message and its key under `limits:` in bctd.yaml. */
const LIMITS: Partial<Record<ReadProblem, { key?: string; show: (l: ReadLimits) => string }>> = {
  'too-large': { key: 'max_file_mb', show: (l) => mb(l.maxFileBytes) },
  'part-too-large': { key: 'max_part_mb', show: (l) => mb(l.maxPartBytes) },
  'total-too-large': { key: 'max_total_mb', show: (l) => mb(l.maxTotalBytes) },
  'too-many-entries': { show: (l) => `${vi(l.maxEntries)} thành phần` },
  'too-many-sheets': { key: 'max_sheets', show: (l) => `${vi(l.maxSheets)} trang` },
  'too-many-rows': { key: 'max_rows', show: (l) => `${vi(l.maxRows)} dòng` },
  'too-many-columns': { key: 'max_columns', show: (l) => `${vi(l.maxColumns)} cột` },
  'too-many-cells': { key: 'max_cells', show: (l) => `${vi(l.maxCells)} ô` },
  'cell-too-long': { key: 'max_cell_chars', show: (l) => `${vi(l.maxCellChars)} ký tự` },
};

/**
 * The issue for a reader problem (`ReadFailure` or a `ReadWarning` of src/workbook).
 * `file` is the name shown to the user; `where` carries the sheet and cell when the reader
 * gave them.
 */
export function fileProblemIssue(
  problem: ReadProblem,
  detail: string,
  file: string,
  limits: ReadLimits,
  where: { sheet?: string; cell?: string } = {},
): Issue {
  const p: FileParams = { file, detail };
  if (where.sheet !== undefined) p.sheet = where.sheet;
  if (where.cell !== undefined) p.cell = where.cell;
  const lim = LIMITS[problem];
  if (lim) {
    p.limit = lim.show(limits);
    if (lim.key !== undefined) p.key = lim.key;
  }
  const loc: { file: string; sheet?: string; cell?: string } = { file };
  if (where.sheet !== undefined) loc.sheet = where.sheet;
  if (where.cell !== undefined) loc.cell = where.cell;
  return makeFileIssue(`file-${problem}`, p, loc);
}
