import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';

/** One problem in a YAML file, located for the clerk: file, key path and line. */
export interface YamlProblem {
  file: string;
  /** `signer.authority`, `units[3].valid_from` */
  path: string;
  line: number | undefined;
  message: string;
}

export function formatYamlProblem(p: YamlProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.path ? `${where} (${p.path}): ${p.message}` : `${where}: ${p.message}`;
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out ? `.${String(k)}` : String(k);
  }
  return out;
}

/** The line of the deepest node that exists along `path`. */
function lineOf(
  doc: Document,
  counter: LineCounter,
  path: readonly PropertyKey[],
): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

// The yaml package words its errors in English ("All mapping items must start at the same
// column"); the clerk editing bctd.yaml in Notepad gets the Vietnamese cause and the fix instead.
const SYNTAX: Partial<Record<string, string>> = {
  BAD_INDENT: 'thụt lề không đều: các khóa cùng cấp phải bắt đầu ở cùng một cột',
  TAB_AS_INDENT: 'thụt lề bằng phím Tab: chỉ dùng dấu cách',
  DUPLICATE_KEY: 'một khóa được khai báo hai lần trong cùng một nhóm: xóa bớt một dòng',
  MISSING_CHAR: 'thiếu dấu đóng (ngoặc kép, ngoặc vuông hoặc ngoặc nhọn)',
  BAD_DQ_ESCAPE:
    'dấu "\\" trong chuỗi đặt trong ngoặc kép không hợp lệ: dùng ngoặc đơn hoặc bỏ dấu "\\"',
  MULTILINE_IMPLICIT_KEY: 'thụt lề sai, hoặc một khóa bị xuống dòng hay thiếu dấu ":" sau khóa',
  BLOCK_AS_IMPLICIT_KEY: 'thiếu dấu ":" sau khóa, hoặc thụt lề sai',
  UNEXPECTED_TOKEN: 'có ký tự không đúng chỗ (thường là dấu ":", "-", "#" hoặc ngoặc)',
  BAD_SCALAR_START: 'giá trị bắt đầu bằng ký tự đặc biệt (@, `, %): đặt giá trị trong ngoặc kép',
  MULTIPLE_DOCS: 'tệp có nhiều tài liệu YAML (dòng "---"): chỉ giữ một',
};

function syntaxMessage(code: string): string {
  const what = SYNTAX[code] ?? 'không đọc được cấu trúc của dòng này';
  return `Lỗi cú pháp YAML: ${what}. Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu ":" sau khóa và các dấu ngoặc, ngoặc kép.`;
}

// zod speaks Vietnamese to the clerk; set once for the process.
let localized = false;
function ensureVietnamese(): void {
  if (!localized) {
    z.config(z.locales.vi());
    localized = true;
  }
}

/**
 * Parses YAML text and validates it with a zod schema. Every problem (syntax and schema) is
 * returned at once with its key path and line, never only the first.
 */
export function parseYamlWithSchema<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): { ok: true; value: z.infer<S> } | { ok: false; problems: YamlProblem[] } {
  ensureVietnamese();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        path: '',
        line: e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line,
        message: syntaxMessage(e.code),
      })),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const result = schema.safeParse(data ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => {
      const path = [...i.path];
      if (i.code === 'unrecognized_keys' && i.keys.length > 0) path.push(i.keys[0]!);
      return { file, path: pathText(path), line: lineOf(doc, counter, path), message: i.message };
    }),
  };
}
