import { entry, issueMaker } from '../catalogue.js';

/**
 * Wording of `bctd lint`: for each check, its title and the rule of Nghị định 30/2020/NĐ-CP
 * it implements (cited so that a clerk can look it up), the reasons a check may not be
 * evaluated, and the file-level problems that stop a document from being read at all.
 */

const PL1 = 'Nghị định 30/2020/NĐ-CP, Phụ lục I';

export const LINT_CHECKS = {
  'nd30-page-size': {
    title: 'Khổ giấy',
    rule: `Khổ A4 (210 mm x 297 mm), trình bày theo chiều dài; theo chiều rộng chỉ khi có bảng, biểu không làm thành phụ lục riêng (${PL1}, mục I.1-2).`,
  },
  'nd30-margins': {
    title: 'Lề trang',
    rule: `Lề trên và lề dưới 20 - 25 mm, lề trái 30 - 35 mm, lề phải 15 - 20 mm (${PL1}, mục I.3).`,
  },
  'nd30-font-family': {
    title: 'Phông chữ',
    rule: `Phông chữ tiếng Việt Times New Roman, bộ mã Unicode TCVN 6909:2001 (${PL1}, mục I.4).`,
  },
  'nd30-font-color': {
    title: 'Màu chữ',
    rule: `Chữ màu đen (${PL1}, mục I.4).`,
  },
  'nd30-quoc-hieu': {
    title: 'Quốc hiệu',
    rule: `Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": chữ in hoa, cỡ chữ 12 hoặc 13, kiểu chữ đứng, đậm, ở phía trên cùng bên phải trang đầu, trên một dòng (${PL1}, mục II.1.a).`,
  },
  'nd30-quoc-hieu-fit': {
    title: 'Quốc hiệu vừa một dòng',
    rule: `Quốc hiệu trình bày trên một dòng (${PL1}, mục II.1.a): ô chứa Quốc hiệu phải rộng hơn dòng chữ (khoảng 9,6 cm ở cỡ 13, 8,8 cm ở cỡ 12, chưa kể lề ô).`,
  },
  'nd30-tieu-ngu': {
    title: 'Tiêu ngữ',
    rule: `Tiêu ngữ "Độc lập - Tự do - Hạnh phúc": chữ in thường (chữ đầu các cụm từ viết hoa), cỡ chữ 13 hoặc 14, đứng, đậm, canh giữa dưới Quốc hiệu, giữa các cụm từ có gạch nối (-) và cách chữ (${PL1}, mục II.1.b).`,
  },
  'nd30-tieu-ngu-rule': {
    title: 'Đường kẻ dưới Tiêu ngữ',
    rule: `Phía dưới Tiêu ngữ có đường kẻ ngang, nét liền, có độ dài bằng độ dài của dòng chữ (${PL1}, mục II.1.b).`,
  },
  'nd30-size-set': {
    title: 'Cỡ chữ thống nhất',
    rule: `Cỡ chữ tăng, giảm phải thống nhất: Quốc hiệu 13, Tiêu ngữ 14, địa danh và ngày tháng 14; hoặc Quốc hiệu 12, Tiêu ngữ 13, địa danh và ngày tháng 13 (${PL1}, mục V, chú thích 1).`,
  },
  'nd30-agency': {
    title: 'Tên cơ quan ban hành',
    rule: `Tên cơ quan, tổ chức ban hành: chữ in hoa, cỡ chữ 12 - 13, đứng, đậm; tên cơ quan chủ quản trực tiếp (nếu có) in hoa, không đậm, ở trên (${PL1}, mục II.2.b). Tên cơ quan ban hành ghi đầy đủ, mọi dòng của tên đều đậm.`,
  },
  'nd30-agency-rule': {
    title: 'Đường kẻ dưới tên cơ quan',
    rule: `Phía dưới tên cơ quan ban hành có đường kẻ ngang, nét liền, dài từ 1/3 đến 1/2 độ dài dòng chữ, đặt cân đối (${PL1}, mục II.2.b).`,
  },
  'nd30-so-ky-hieu': {
    title: 'Số, ký hiệu',
    rule: `"Số" chữ in thường, cỡ 13, đứng, sau có dấu hai chấm; số nhỏ hơn 10 ghi thêm số 0 phía trước; ký hiệu in hoa, cỡ 13, đứng, gồm chữ viết tắt tên loại (Phụ lục III) và tên cơ quan, giữa số và ký hiệu có dấu "/", giữa các nhóm chữ viết tắt có dấu "-", không cách chữ; công văn không có chữ viết tắt tên loại (${PL1}, mục II.3).`,
  },
  'nd30-date-line': {
    title: 'Địa danh và thời gian',
    rule: `Địa danh và ngày, tháng, năm: chữ in thường, cỡ 13 - 14, nghiêng; chữ đầu của địa danh viết hoa, sau địa danh có dấu phẩy; ngày nhỏ hơn 10 và tháng 1, 2 ghi thêm số 0 phía trước (${PL1}, mục II.4).`,
  },
  'nd30-so-date-same-row': {
    title: 'Số và ngày tháng cùng một dòng',
    rule: `Địa danh và thời gian đặt trên cùng một dòng với số, ký hiệu văn bản (${PL1}, mục II.4.c).`,
  },
  'nd30-ten-loai': {
    title: 'Tên loại văn bản',
    rule: `Tên loại văn bản: chữ in hoa, cỡ chữ 13 - 14, đứng, đậm, canh giữa theo chiều ngang (${PL1}, mục II.5.b).`,
  },
  'nd30-trich-yeu': {
    title: 'Trích yếu nội dung',
    rule: `Trích yếu đặt ngay dưới tên loại: chữ in thường, cỡ 13 - 14, đứng, đậm, canh giữa, không có "V/v". Công văn: "V/v" cỡ 12 - 13, đứng, không đậm, canh giữa dưới số và ký hiệu (${PL1}, mục II.5.b).`,
  },
  'nd30-trich-yeu-rule': {
    title: 'Đường kẻ dưới trích yếu',
    rule: `Bên dưới trích yếu có đường kẻ ngang, nét liền, dài từ 1/3 đến 1/2 độ dài dòng chữ, đặt cân đối (${PL1}, mục II.5.b).`,
  },
  'nd30-body-paragraph': {
    title: 'Đoạn văn nội dung',
    rule: `Nội dung canh đều hai lề; đầu dòng lùi vào 1 cm hoặc 1,27 cm; khoảng cách giữa các đoạn tối thiểu 6 pt; khoảng cách dòng từ dòng đơn đến 1,5 dòng (${PL1}, mục II.6.e).`,
  },
  'nd30-body-size': {
    title: 'Cỡ chữ nội dung',
    rule: `Phần nội dung văn bản cỡ chữ 13 - 14 (${PL1}, mục II.6.e).`,
  },
  'nd30-signer': {
    title: 'Chữ ký: quyền hạn, chức vụ, họ tên',
    rule: `Quyền hạn (TM., KT., TL., TUQ., Q.) và chức vụ người ký: in hoa, cỡ 13 - 14, đứng, đậm; họ tên: chữ in thường, cỡ 13 - 14, đứng, đậm; tất cả canh giữa (${PL1}, mục II.7; Điều 13).`,
  },
  'nd30-noi-nhan': {
    title: 'Nơi nhận',
    rule: `"Nơi nhận:" cỡ 12, nghiêng, đậm; các nơi nhận cỡ 11, đứng, mỗi dòng bắt đầu bằng gạch đầu dòng (-) sát lề trái, cuối dòng có dấu chấm phẩy; dòng cuối "- Lưu: VT, ..." kết thúc bằng dấu chấm (${PL1}, mục II.9.d).`,
  },
  'nd30-page-number': {
    title: 'Số trang',
    rule: `Số trang bằng chữ số Ả Rập, cỡ 13 - 14, đứng, canh giữa trong phần lề trên, không hiển thị số trang thứ nhất (${PL1}, mục I.7).`,
  },
  'nd30-appendix': {
    title: 'Phụ lục',
    rule: `"Phụ lục" và số thứ tự (số La Mã khi có từ hai phụ lục): dòng riêng, canh giữa, chữ in thường, cỡ 14, đứng, đậm; tiêu đề in hoa, đậm; dòng "(Kèm theo ...)" nghiêng; số trang của phụ lục đánh riêng theo từng phụ lục (${PL1}, mục III.1).`,
  },
  'nd30-render-quoc-hieu-line': {
    title: 'Quốc hiệu trên một dòng (bản in)',
    rule: `Quốc hiệu trình bày trên một dòng (${PL1}, mục II.1.a).`,
  },
  'nd30-render-no-number-page-1': {
    title: 'Không có số trang ở trang 1 (bản in)',
    rule: `Không hiển thị số trang thứ nhất (${PL1}, mục I.7).`,
  },
  'nd30-render-number-page-2': {
    title: 'Số trang ở trang 2 (bản in)',
    rule: `Số trang đánh từ số 1, canh giữa trong phần lề trên; trang 2 hiện số 2 (${PL1}, mục I.7).`,
  },
  'nd30-render-so-date-line': {
    title: 'Số và ngày tháng cùng một dòng (bản in)',
    rule: `Địa danh và thời gian đặt trên cùng một dòng với số, ký hiệu văn bản (${PL1}, mục II.4.c).`,
  },
} as const;

export type CheckCode = keyof typeof LINT_CHECKS;

/** Why a check was not evaluated. Never counted as passed. */
export const NOT_CHECKED = {
  noRender: 'Chỉ kiểm tra được trên bản in: chạy lại với --render (cần LibreOffice).',
  noOffice: (why: string) => `Không chuyển được sang PDF: ${why}`,
  typeUnsupported: (type: string) =>
    `Chưa có quy tắc cho loại văn bản "${type}": chỉ kiểm tra các văn bản có tên loại theo Mẫu 1.4 và công văn (Mẫu 1.5).`,
  typeUnknown:
    'Không xác định được loại văn bản (không thấy tên loại như "BÁO CÁO" ngay dưới phần đầu, cũng không thấy dòng "V/v" của công văn).',
  notFound: (what: string) => `Không tìm thấy ${what} nên không kiểm tra được.`,
  notApplicable: (why: string) => `Không áp dụng: ${why}`,
  fontUnresolved: (why: string) => `Không xác định được phông chữ của một số đoạn: ${why}.`,
  lengthUnknown: 'Không đo được độ dài đường kẻ (hình vẽ không ghi kích thước).',
  roomUnknown: 'Không biết độ rộng ô chứa Quốc hiệu (bảng không ghi độ rộng cột).',
  onePage: 'Bản in chỉ có một trang.',
  appendixPage2:
    'Trang 2 là trang đầu của phụ lục (việc hiện số ở trang đầu phụ lục chưa được quy định rõ).',
} as const;

/** File-level problems: the file is not a DOCX that can be checked. */
export const lintCatalogue = {
  'docx-not-zip': entry<{ file: string }>({
    severity: 'error',
    title: 'Không phải tệp DOCX',
    message: (p) =>
      `Tệp "${p.file}" không đọc được: đây không phải tệp DOCX (không có cấu trúc nén zip của Word).`,
    fix: () => 'Mở tệp bằng Word và lưu lại dưới dạng "Word Document (*.docx)".',
  }),
  'docx-ole': entry<{ file: string }>({
    severity: 'error',
    title: 'Tệp Word cũ (.doc)',
    message: (p) =>
      `Tệp "${p.file}" không đọc được: đây là tệp Word 97-2003 (.doc), không phải DOCX.`,
    fix: () => 'Mở tệp bằng Word và lưu lại dưới dạng "Word Document (*.docx)".',
  }),
  'docx-encrypted': entry<{ file: string }>({
    severity: 'error',
    title: 'Tệp có mật khẩu',
    message: (p) => `Tệp "${p.file}" không đọc được: tệp được đặt mật khẩu (mã hóa).`,
    fix: () =>
      'Gỡ mật khẩu (Word: Tệp > Thông tin > Bảo vệ tài liệu > Mã hóa bằng mật khẩu, xóa trống) rồi kiểm tra lại.',
  }),
  'docx-truncated': entry<{ file: string }>({
    severity: 'error',
    title: 'Tệp bị cắt cụt',
    message: (p) =>
      `Tệp "${p.file}" không đọc được: tệp bị thiếu phần cuối (tải về hoặc sao chép chưa xong).`,
    fix: () => 'Lấy lại bản đầy đủ của tệp rồi kiểm tra lại.',
  }),
  'docx-corrupt': entry<{ file: string; detail: string }>({
    severity: 'error',
    title: 'Tệp bị hỏng',
    message: (p) => `Tệp "${p.file}" không đọc được: tệp DOCX bị hỏng (${p.detail}).`,
    fix: () => 'Mở tệp bằng Word (Word sẽ đề nghị sửa), lưu lại rồi kiểm tra lại.',
  }),
  'docx-too-large': entry<{ file: string }>({
    severity: 'error',
    title: 'Tệp quá lớn',
    message: (p) => `Tệp "${p.file}" không đọc được: nội dung giải nén vượt giới hạn an toàn.`,
    fix: () => 'Kiểm tra lại tệp; một văn bản hành chính không cần dung lượng lớn như vậy.',
  }),
  'docx-no-document': entry<{ file: string }>({
    severity: 'error',
    title: 'Không có nội dung Word',
    message: (p) =>
      `Tệp "${p.file}" không đọc được: tệp nén không chứa word/document.xml (không phải văn bản Word).`,
    fix: () => 'Chọn đúng tệp văn bản Word (.docx).',
  }),
  'docx-hostile': entry<{ file: string }>({
    severity: 'error',
    title: 'Tệp có cấu trúc nguy hiểm',
    message: (p) =>
      `Tệp "${p.file}" không đọc được: tệp chứa khai báo DOCTYPE, điều không bao giờ có trong tệp Word thật.`,
    fix: () => 'Không mở tệp này; xin lại tệp gốc từ người gửi.',
  }),
  'docx-bad-xml': entry<{ file: string; detail: string }>({
    severity: 'error',
    title: 'XML hỏng',
    message: (p) => `Tệp "${p.file}" không đọc được: nội dung XML bị hỏng (${p.detail}).`,
    fix: () => 'Mở tệp bằng Word (Word sẽ đề nghị sửa), lưu lại rồi kiểm tra lại.',
  }),
  'docx-missing': entry<{ file: string }>({
    severity: 'error',
    title: 'Không có tệp',
    message: (p) => `Không đọc được "${p.file}": không có tệp này.`,
    fix: () => 'Kiểm tra lại đường dẫn và tên tệp.',
  }),
  'docx-directory': entry<{ file: string }>({
    severity: 'error',
    title: 'Là thư mục',
    message: (p) => `Không đọc được "${p.file}": đây là thư mục, không phải tệp DOCX.`,
    fix: () => 'Ghi đường dẫn tới từng tệp .docx, ví dụ bao-cao/*.docx.',
  }),
  'docx-read-failed': entry<{ file: string; detail: string }>({
    severity: 'error',
    title: 'Lỗi đọc tệp',
    message: (p) => `Không đọc được "${p.file}": ${p.detail}.`,
    fix: () => 'Kiểm tra quyền đọc tệp rồi chạy lại.',
  }),
};

export const makeLintIssue = issueMaker(lintCatalogue);
