/**
 * Vietnamese wording for the yaml package's syntax errors, shared by the outline loader and
 * bctd.yaml/units.yaml: the package words them in English.
 */
const SYNTAX: Partial<Record<string, string>> = {
  BAD_INDENT: 'thụt lề không đều: các khóa cùng cấp phải bắt đầu ở cùng một cột',
  TAB_AS_INDENT: 'thụt lề bằng phím Tab: chỉ dùng dấu cách',
  DUPLICATE_KEY:
    'khóa bị lặp lại, một khóa được khai báo hai lần trong cùng một nhóm: xóa bớt một dòng',
  MISSING_CHAR: 'thiếu dấu đóng (ngoặc kép, ngoặc vuông hoặc ngoặc nhọn)',
  BAD_DQ_ESCAPE:
    'dấu "\\" trong chuỗi đặt trong ngoặc kép không hợp lệ: dùng ngoặc đơn hoặc bỏ dấu "\\"',
  MULTILINE_IMPLICIT_KEY: 'thụt lề sai, hoặc một khóa bị xuống dòng hay thiếu dấu ":" sau khóa',
  BLOCK_AS_IMPLICIT_KEY: 'thiếu dấu ":" sau khóa, hoặc thụt lề sai',
  UNEXPECTED_TOKEN: 'có ký tự không đúng chỗ (thường là dấu ":", "-", "#" hoặc ngoặc)',
  BAD_SCALAR_START: 'giá trị bắt đầu bằng ký tự đặc biệt (@, `, %): đặt giá trị trong ngoặc kép',
  MULTIPLE_DOCS: 'tệp có nhiều tài liệu YAML (dòng "---"): chỉ giữ một',
};

export function yamlSyntaxMessage(code: string): string {
  const what = SYNTAX[code] ?? 'không đọc được cấu trúc của dòng này';
  return `Lỗi cú pháp YAML: ${what}. Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu ":" sau khóa và các dấu ngoặc, ngoặc kép.`;
}

/**
 * Past this many aliases the yaml library stops expanding (an "alias bomb" would need
 * gigabytes); the workspace files and the outlines say it the same way.
 */
export const MAX_YAML_ALIASES = 100;
export const ALIAS_LIMIT_MESSAGE = `Tệp dùng quá nhiều bí danh YAML (*tên): bctd không mở rộng quá ${MAX_YAML_ALIASES} bí danh. Viết thẳng giá trị thay cho bí danh.`;
