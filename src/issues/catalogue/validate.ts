import { entry, issueMaker } from '../catalogue.js';

/**
 * Wording of `bctd validate` (layout, values, rules, text, who and when). A commune clerk reads
 * these: each message names the place and the value, each fix says what to type or do.
 * Sheet and cell travel on the issue itself (`Số liệu!F12`), so messages do not repeat them.
 */

const TEMPLATE_HINT = 'biểu mẫu do bctd tạo (lệnh "bctd template")';

export const VALIDATE_ISSUES = {
  // --- Which outline, which template --------------------------------------------------------
  'outline-missing': entry({
    severity: 'error',
    title: 'Không xác định được đề cương',
    message: () =>
      'Tệp không còn dấu của biểu mẫu bctd (trang ẩn "_bctd"), nên không biết tệp theo đề cương nào.',
    fix: () =>
      'Chạy lại với --outline <mã đề cương hoặc tệp YAML> (ví dụ --outline bdg), hoặc chép số liệu sang biểu mẫu mới do bctd tạo.',
  }),
  'outline-unknown': entry<{ id: string }>({
    severity: 'error',
    title: 'Đề cương của biểu mẫu không có sẵn',
    message: (p) => `Biểu mẫu được tạo theo đề cương "${p.id}", bctd không có đề cương này.`,
    fix: () => 'Chạy lại với --outline <tệp YAML của đề cương> hoặc cập nhật bctd.',
  }),
  'template-foreign': entry<{ found: string; expected: string }>({
    severity: 'error',
    title: 'Biểu mẫu của đề cương khác',
    message: (p) =>
      `Biểu mẫu được tạo theo đề cương "${p.found}", không phải đề cương "${p.expected}" đang dùng để kiểm tra.`,
    fix: (p) =>
      `Điền số liệu vào biểu mẫu của đề cương "${p.expected}" (lệnh "bctd template"), hoặc kiểm tra với --outline ${p.found}.`,
  }),
  'template-outdated': entry<{ found: string; current: string }>({
    severity: 'warning',
    title: 'Biểu mẫu cũ',
    message: (p) =>
      `Biểu mẫu được tạo theo đề cương phiên bản ${p.found}, bố cục đã thay đổi ở phiên bản ${p.current}; bctd vẫn đọc các dòng theo cột Mã, các chỉ tiêu thiếu được báo riêng.`,
    fix: () => `Lần sau dùng ${TEMPLATE_HINT} phiên bản mới nhất.`,
  }),
  'sheet-missing': entry<{ sheet: string }>({
    severity: 'error',
    title: 'Thiếu trang',
    message: (p) => `Không tìm thấy trang "${p.sheet}" trong tệp.`,
    fix: (p) =>
      `Không xóa hay đổi hẳn tên trang "${p.sheet}"; nếu đã xóa, chép số liệu sang ${TEMPLATE_HINT}.`,
  }),
  'header-missing': entry<{ sheet: string; labels: string }>({
    severity: 'error',
    title: 'Không tìm thấy dòng tiêu đề',
    message: (p) => `Không tìm thấy dòng tiêu đề của trang "${p.sheet}" (các cột ${p.labels}).`,
    fix: () => 'Không xóa hay sửa dòng tiêu đề của bảng; chép lại dòng tiêu đề từ biểu mẫu gốc.',
  }),
  'column-missing': entry<{ column: string }>({
    severity: 'error',
    title: 'Thiếu cột',
    message: (p) => `Bảng số liệu thiếu cột "${p.column}".`,
    fix: (p) => `Không xóa cột "${p.column}"; chép lại cột này từ biểu mẫu gốc rồi điền số liệu.`,
  }),
  'input-missing': entry<{ code: string; label: string }>({
    severity: 'warning',
    title: 'Thiếu dòng chỉ tiêu',
    message: (p) =>
      `Không có dòng nào mang mã ${p.code} (${p.label}): chỉ tiêu này chưa được báo cáo.`,
    fix: (p) => `Thêm lại dòng có mã ${p.code} ở cột Mã (chép từ biểu mẫu gốc) và điền số liệu.`,
  }),
  'code-unknown': entry<{ code: string; suggestion?: string }>({
    severity: 'warning',
    title: 'Mã không có trong đề cương',
    message: (p) =>
      `Mã "${p.code}" không có trong đề cương; số liệu của dòng này không được tổng hợp.${p.suggestion ? ` Có phải là ${p.suggestion}?` : ''}`,
    fix: () => 'Sửa lại mã ở cột Mã cho đúng biểu mẫu gốc, hoặc xóa dòng nếu thêm nhầm.',
  }),
  'code-not-for-unit': entry<{ code: string; kind: string }>({
    severity: 'warning',
    title: 'Chỉ tiêu không thuộc loại đơn vị',
    message: (p) =>
      `Chỉ tiêu ${p.code} không do loại đơn vị "${p.kind}" báo cáo trong kỳ này; số liệu dòng này không được tổng hợp.`,
    fix: () => 'Xóa dòng này, hoặc kiểm tra lại mã và loại đơn vị trong danh sách đơn vị.',
  }),
  'code-duplicate': entry<{ code: string; first: string }>({
    severity: 'error',
    title: 'Mã bị trùng',
    message: (p) =>
      `Mã ${p.code} xuất hiện hai lần (lần đầu ở ô ${p.first}); không biết dùng số liệu dòng nào.`,
    fix: () => 'Giữ một dòng cho mỗi mã: xóa dòng thừa hoặc sửa mã cho đúng.',
  }),
  'row-without-code': entry({
    severity: 'warning',
    title: 'Dòng có số liệu nhưng không có mã',
    message: () => 'Dòng có số liệu nhưng ô Mã trống: số liệu này không được tổng hợp.',
    fix: () =>
      'Ghi mã của chỉ tiêu vào cột Mã, hoặc chuyển số liệu vào đúng dòng của chỉ tiêu; dùng cột Ghi chú/giải trình để giải thích.',
  }),
  'merged-value-cells': entry<{ range: string }>({
    severity: 'error',
    title: 'Ô số liệu bị gộp',
    message: (p) => `Các ô ${p.range} bị gộp (merge) đè lên ô số liệu: chỉ ô đầu tiên còn giá trị.`,
    fix: () => 'Bỏ gộp ô (Unmerge / Hủy gộp ô) và điền số liệu vào từng ô.',
  }),

  // --- Values --------------------------------------------------------------------------------
  'value-blank': entry<{ column: string }>({
    severity: 'warning',
    title: 'Ô trống (chưa báo cáo)',
    message: (p) => `Ô "${p.column}" để trống: coi là chưa báo cáo (không phải 0).`,
    fix: () =>
      'Điền số liệu; nếu không phát sinh thì ghi 0; nếu không áp dụng với đơn vị thì ghi x.',
  }),
  'value-not-number': entry<{ column: string; expected: string }>({
    severity: 'error',
    title: 'Không phải số',
    message: (p) => `Ô "${p.column}" không đọc được thành ${p.expected}.`,
    fix: () =>
      'Chỉ ghi số (ví dụ 1.234 hoặc 12,5), không ghi chữ hay đơn vị tính; ghi giải thích ở cột Ghi chú/giải trình.',
  }),
  'value-ambiguous': entry<{ used: string; other: string }>({
    severity: 'warning',
    title: 'Số đọc được hai cách',
    message: (p) =>
      `Số gõ dạng chữ đọc được hai cách: ${p.used} (đang dùng, theo cách viết Việt Nam) hoặc ${p.other}.`,
    fix: () =>
      'Gõ số không có dấu phân cách hàng nghìn (1234) và dùng dấu phẩy cho phần thập phân (12,5), hoặc nhập thành ô số.',
  }),
  'value-negative': entry<{ column: string }>({
    severity: 'error',
    title: 'Số âm',
    message: (p) => `Ô "${p.column}" là số âm; số liệu này không thể âm.`,
    fix: () => 'Ghi số lớn hơn hoặc bằng 0.',
  }),
  'value-not-integer': entry<{ column: string }>({
    severity: 'error',
    title: 'Số đếm có phần thập phân',
    message: (p) => `Ô "${p.column}" là số đếm (người, vụ, ...) nhưng có phần thập phân.`,
    fix: () =>
      'Ghi số nguyên; kiểm tra dấu chấm/dấu phẩy (1.234 là một nghìn hai trăm ba mươi tư).',
  }),
  'value-percent-range': entry<{ column: string }>({
    severity: 'error',
    title: 'Tỷ lệ ngoài 0-100',
    message: (p) => `Ô "${p.column}" là tỷ lệ phần trăm nhưng không nằm trong khoảng 0 đến 100.`,
    fix: () => 'Ghi tỷ lệ từ 0 đến 100 (ví dụ 35,5 cho 35,5%).',
  }),
  'value-yes-no': entry<{ column: string }>({
    severity: 'error',
    title: 'Không phải Có/Không',
    message: (p) => `Ô "${p.column}" cần trả lời Có hoặc Không.`,
    fix: () => 'Chọn "Có" hoặc "Không" trong danh sách của ô.',
  }),
  'value-formula-no-result': entry({
    severity: 'error',
    title: 'Công thức chưa có kết quả',
    message: () =>
      'Ô có công thức nhưng tệp không lưu kết quả (tệp do một chương trình khác ghi, chưa mở bằng Excel).',
    fix: () =>
      'Mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính, hoặc gõ thẳng số vào ô.',
  }),
  'value-formula-error': entry<{ error: string }>({
    severity: 'error',
    title: 'Công thức bị lỗi',
    message: (p) => `Ô có lỗi ${p.error} (công thức tính sai hoặc tham chiếu ô đã bị xóa).`,
    fix: () => 'Sửa công thức hoặc gõ thẳng số vào ô.',
  }),
  'derived-mismatch': entry<{ column: string; typed: string; computed: string; formula: string }>({
    severity: 'warning',
    title: 'Ô tính sẵn không khớp',
    message: (p) =>
      `Ô "${p.column}" ghi ${p.typed}, nhưng tính từ các ô đã nhập (${p.formula}) được ${p.computed}; bctd dùng ${p.computed}.`,
    fix: () =>
      'Không sửa ô tính sẵn; kiểm tra lại các ô đã nhập. Nếu số tính ra chưa đúng, sửa các ô đó.',
  }),

  // --- Rules ---------------------------------------------------------------------------------
  'rule-failed': entry<{ message: string; fix?: string; values: string }>({
    severity: 'error',
    title: 'Vi phạm quy tắc kiểm tra',
    message: (p) => `${p.message} (${p.values})`,
    fix: (p) => p.fix ?? 'Kiểm tra lại các ô liên quan.',
  }),

  // --- Text ----------------------------------------------------------------------------------
  'text-legacy-converted': entry<{ encoding: string; count: number; cells: string }>({
    severity: 'warning',
    title: 'Chữ mã cũ đã được chuyển sang Unicode',
    message: (p) =>
      `${p.count} ô gõ bằng bảng mã ${p.encoding} đã được chuyển sang Unicode: ${p.cells}.`,
    fix: () =>
      'Lần sau gõ bằng Unicode (Unikey: bảng mã Unicode, phông Times New Roman); kiểm tra lại chữ ở các ô đã nêu.',
  }),
  'text-legacy-uncertain': entry<{ encoding: string; count: number; cells: string }>({
    severity: 'warning',
    title: 'Có thể là chữ mã cũ',
    message: (p) =>
      `${p.count} ô có thể gõ bằng bảng mã ${p.encoding} nhưng chưa chắc chắn nên chưa chuyển: ${p.cells}.`,
    fix: () =>
      'Mở tệp, kiểm tra chữ ở các ô đã nêu; nếu là chữ lỗi phông, chuyển sang Unicode (Unikey Toolkit) rồi lưu lại.',
  }),
  'section-empty': entry<{ number: string; title: string }>({
    severity: 'error',
    title: 'Mục bắt buộc chưa viết',
    message: (p) => `Mục ${p.number} "${p.title}" bắt buộc nhưng chưa có nội dung.`,
    fix: () => 'Viết nội dung báo cáo của đơn vị vào cột "Báo cáo của đơn vị" của mục này.',
  }),

  // --- Who and when --------------------------------------------------------------------------
  'unit-code-missing': entry({
    severity: 'error',
    title: 'Thiếu mã đơn vị',
    message: () => 'Không tìm thấy mã đơn vị trong tệp (trang "Thông tin", dòng "Mã đơn vị").',
    fix: () => 'Ghi mã đơn vị vào trang "Thông tin" (mã theo danh sách đơn vị của huyện).',
  }),
  'unit-unknown': entry<{ code: string; suggestion?: string }>({
    severity: 'error',
    title: 'Mã đơn vị không có trong danh sách',
    message: (p) =>
      `Mã đơn vị "${p.code}" không có trong danh sách đơn vị (units.yaml).${p.suggestion ? ` Có phải là ${p.suggestion}?` : ''}`,
    fix: () =>
      'Sửa mã đơn vị ở trang "Thông tin"; nếu đơn vị mới thành lập, người tổng hợp thêm đơn vị vào units.yaml.',
  }),
  'unit-inactive': entry<{ code: string; name: string; period: string }>({
    severity: 'error',
    title: 'Đơn vị không còn hoạt động trong kỳ',
    message: (p) =>
      `Đơn vị ${p.code} (${p.name}) không hoạt động trong kỳ ${p.period} theo danh sách đơn vị (đã sáp nhập, giải thể hoặc chưa thành lập).`,
    fix: () =>
      'Kiểm tra mã đơn vị; nếu đơn vị đã sáp nhập, dùng mã của đơn vị mới. Người tổng hợp kiểm tra ngày hiệu lực trong units.yaml.',
  }),
  'units-not-checked': entry({
    severity: 'warning',
    title: 'Chưa kiểm tra đơn vị',
    message: () =>
      'Không có danh sách đơn vị (units.yaml) nên chưa kiểm tra mã đơn vị và thời gian hoạt động.',
    fix: () =>
      'Không cần làm gì nếu đơn vị tự kiểm tra tệp của mình; người tổng hợp chạy lệnh trong thư mục làm việc có bctd.yaml.',
  }),
  'period-missing': entry({
    severity: 'warning',
    title: 'Không rõ kỳ báo cáo',
    message: () => 'Không tìm thấy mã kỳ báo cáo trong tệp (trang "Thông tin", dòng "Mã kỳ").',
    fix: () => 'Ghi mã kỳ dạng 2022-6m (năm - kỳ) vào trang "Thông tin".',
  }),
  'period-invalid': entry<{ text: string }>({
    severity: 'error',
    title: 'Mã kỳ không hợp lệ',
    message: (p) => `Mã kỳ "${p.text}" không đúng dạng năm-kỳ.`,
    fix: () => 'Ghi mã kỳ dạng 2022-6m, 2022-9m, 2022-year, 2022-q1 ... như biểu mẫu gốc.',
  }),
  'period-mismatch': entry<{ found: string; expected: string }>({
    severity: 'error',
    title: 'Sai kỳ báo cáo',
    message: (p) => `Tệp là báo cáo kỳ ${p.found}, không phải kỳ ${p.expected} đang kiểm tra.`,
    fix: (p) => `Gửi đúng tệp của kỳ ${p.expected}, hoặc kiểm tra lại --period/--year.`,
  }),
  'prepared-date-invalid': entry({
    severity: 'warning',
    title: 'Ngày lập không đọc được',
    message: () => 'Ngày lập không đọc được thành ngày.',
    fix: () => 'Ghi ngày dạng ngày/tháng/năm, ví dụ 15/06/2022.',
  }),
  'submission-duplicate': entry<{ other: string; unit: string; period: string }>({
    severity: 'error',
    title: 'Hai tệp cho cùng đơn vị và kỳ',
    message: (p) =>
      `Có hai tệp của đơn vị ${p.unit} kỳ ${p.period}: tệp này và "${p.other}"; không biết dùng tệp nào.`,
    fix: () => 'Giữ lại một tệp (tệp mới nhất, đúng) và xóa hoặc chuyển tệp kia ra khỏi thư mục.',
  }),

  // --- Paths (app layer) ---------------------------------------------------------------------
  'path-missing': entry<{ path: string }>({
    severity: 'error',
    title: 'Không có tệp hoặc thư mục',
    message: (p) => `Không tìm thấy "${p.path}".`,
    fix: () =>
      'Kiểm tra lại đường dẫn (tên tệp, dấu cách, chữ có dấu); đặt đường dẫn trong ngoặc kép.',
  }),
  'path-unreadable': entry<{ detail: string }>({
    severity: 'error',
    title: 'Không đọc được tệp',
    message: (p) => `Không đọc được tệp (${p.detail}).`,
    fix: () => 'Kiểm tra quyền đọc tệp, đóng tệp nếu đang mở trong Excel, rồi chạy lại.',
  }),
  'folder-empty': entry<{ path: string }>({
    severity: 'warning',
    title: 'Thư mục không có bảng tính',
    message: (p) =>
      `Thư mục "${p.path}" không có tệp bảng tính nào (.xlsx, .xlsm, .xls, .ods, .csv).`,
    fix: () => 'Kiểm tra đã chép tệp của các đơn vị vào đúng thư mục chưa.',
  }),
  'file-timeout': entry<{ seconds: number }>({
    severity: 'error',
    title: 'Đọc tệp quá lâu',
    message: (p) => `Đọc tệp quá ${p.seconds} giây nên đã dừng.`,
    fix: () =>
      'Chép số liệu sang biểu mẫu mới do bctd tạo rồi gửi lại; người tổng hợp có thể nâng "seconds_per_file" trong limits: của bctd.yaml.',
  }),
};

export type ValidateIssueCode = keyof typeof VALIDATE_ISSUES;

export const makeValidateIssue = issueMaker(VALIDATE_ISSUES);
