/**
 * Loads an outline from YAML text: YAML syntax, then the zod schema, then the named rules, and
 * every problem at once (anchors-and-pitfalls §2.4: users fix errors one at a time when a tool
 * stops at the first). Each error names the file, the YAML path and the line, and says in
 * Vietnamese what is expected. Pure: the caller reads the file.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type * as z from 'zod';
import { checkOutline, closest, type PathSegment } from './rules.js';
import { ALIAS_LIMIT_MESSAGE, MAX_YAML_ALIASES, yamlSyntaxMessage } from './yaml-messages.js';
import { OutlineSchema, type Outline } from './schema.js';

export interface OutlineError {
  /** The file as the caller named it. */
  file: string;
  /** YAML path, e.g. `inputs[3].aggregate.from`; empty for the whole file. */
  path: string;
  /** 1-based line in the file. */
  line: number;
  /** Vietnamese: what is wrong and what is expected. */
  message: string;
}

export type ParseOutlineResult =
  { ok: true; outline: Outline } | { ok: false; errors: OutlineError[] };

/** `inputs[3].aggregate.from`, `targets.2025`, `placeholders["-"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_]+$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `bdg.yaml:42 (inputs[3].aggregate.from): ...` */
export function formatOutlineError(e: OutlineError): string {
  return `${e.file}:${e.line}${e.path === '' ? '' : ` (${e.path})`}: ${e.message}`;
}

type Node = unknown;

/**
 * The YAML node at `path` (or the deepest existing ancestor when a key is missing). With
 * `key`, the key of the last map entry rather than its value (for unknown or misspelled keys).
 */
function locate(
  doc: Document,
  path: readonly PathSegment[],
  key = false,
): { node: Node; found: boolean } {
  let node: Node = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (pair === undefined) return { node, found: false };
      if (key && i === path.length - 1) return { node: pair.key, found: true };
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return { node, found: false };
      node = item;
    } else {
      return { node, found: false };
    }
  }
  return { node, found: true };
}

function rangeStart(node: Node): number | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r?.[0];
}

/**
 * Line of a problem inside a YAML value: an expression's column or a template's line is
 * added to the start of the scalar when it is written on one line (or as a block).
 */
function lineOf(
  lc: LineCounter,
  doc: Document,
  path: readonly PathSegment[],
  opts: { key?: boolean; innerLine?: number } = {},
): number {
  const { node } = locate(doc, path, opts.key);
  const start = rangeStart(node);
  if (start === undefined) return 1;
  let line = lc.linePos(start).line;
  if (
    opts.innerLine !== undefined &&
    isScalar(node) &&
    (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
  ) {
    // A block scalar's content starts on the line after its `|` indicator.
    line += opts.innerLine;
  }
  return line;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'một chuỗi chữ',
  number: 'một số',
  int: 'một số nguyên',
  boolean: 'true hoặc false',
  array: 'một danh sách (mỗi mục bắt đầu bằng "- ")',
  object: 'một nhóm khóa: giá trị',
  record: 'một nhóm khóa: giá trị',
};

function describeValue(v: unknown): string {
  if (v === undefined) return 'không có';
  if (v === null) return 'để trống';
  if (Array.isArray(v)) return 'một danh sách';
  if (typeof v === 'object') return 'một nhóm khóa: giá trị';
  if (typeof v === 'string') return `chuỗi "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  if (typeof v === 'number') return `số ${v}`;
  if (typeof v === 'boolean') return String(v);
  return typeof v;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Every key any part of the outline format accepts, for "did you mean" hints. */
function schemaKeys(
  schema: unknown,
  seen = new Set<unknown>(),
  out = new Set<string>(),
): Set<string> {
  if (schema === null || typeof schema !== 'object' || seen.has(schema)) return out;
  seen.add(schema);
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (def === undefined) return out;
  const shape = def.shape as Record<string, unknown> | undefined;
  if (shape !== undefined) {
    for (const k of Object.keys(shape)) {
      out.add(k);
      schemaKeys(shape[k], seen, out);
    }
  }
  for (const k of ['innerType', 'element', 'valueType', 'in', 'out', 'schema'])
    schemaKeys(def[k], seen, out);
  for (const o of (def.options as unknown[] | undefined) ?? []) schemaKeys(o, seen, out);
  return out;
}
let KNOWN_KEYS: Set<string> | undefined;

/** A zod issue in Vietnamese, saying what is expected. */
function zodMessage(issue: z.core.$ZodIssue, data: unknown): string {
  const got = valueAt(data, issue.path as PathSegment[]);
  const last = issue.path[issue.path.length - 1];
  // Our schemas carry Vietnamese messages for the cases zod cannot phrase well (codes, targets).
  const custom = !/^(Invalid|Too (small|big)|Unrecognized|Expected)/.test(issue.message);
  if (custom && issue.code !== 'invalid_format' && got !== undefined) {
    return `${describeValue(got)} không hợp lệ: ${issue.message}.`;
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (got === undefined)
        return `Thiếu khóa bắt buộc "${String(last)}" (cần ${TYPE_NAMES[issue.expected] ?? issue.expected}).`;
      return `Cần ${TYPE_NAMES[issue.expected] ?? issue.expected}, đang là ${describeValue(got)}.`;
    }
    case 'invalid_value':
      return `Giá trị ${describeValue(got)} không hợp lệ; chỉ dùng một trong: ${issue.values.map((v) => String(v)).join(', ')}.`;
    case 'invalid_union': {
      const u = issue as z.core.$ZodIssueInvalidUnion & {
        discriminator?: string;
        options?: unknown[];
      };
      if (u.discriminator !== undefined) {
        const opts = (u.options ?? []).map(String);
        // The short form (`aggregate: average`) is made `{kind: average}` before it is checked:
        // in the file, the value is the key's own.
        const parent = valueAt(data, issue.path.slice(0, -1) as PathSegment[]);
        const value = got === undefined && typeof parent === 'string' ? parent : got;
        const c = typeof value === 'string' ? closest(value, opts) : undefined;
        return `${describeValue(value)} không phải loại hợp lệ của "${u.discriminator}"; chỉ dùng một trong: ${opts.join(', ')}.${c ? ` Có phải ý là "${c}"?` : ''}`;
      }
      const inner = u.errors.flat()[0];
      return inner !== undefined && inner.code !== 'invalid_type'
        ? inner.message
        : `Giá trị ${describeValue(got)} không đúng dạng: ${issue.message}.`;
    }
    case 'unrecognized_keys': {
      KNOWN_KEYS ??= schemaKeys(OutlineSchema);
      const hints = issue.keys.map((k) => {
        const c = closest(k, KNOWN_KEYS as Set<string>);
        return c === undefined ? `"${k}"` : `"${k}" (có phải ý là "${c}"?)`;
      });
      return `Khóa không có trong định dạng đề cương: ${hints.join(', ')}; kiểm tra chính tả hoặc xóa khóa này.`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `Cần ít nhất ${String(issue.minimum)} mục.`;
      if (issue.origin === 'string') return 'Không được để trống.';
      return `Phải ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}, đang là ${describeValue(got)}.`;
    case 'too_big':
      if (issue.origin === 'array') return `Tối đa ${String(issue.maximum)} mục.`;
      return `Phải ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}, đang là ${describeValue(got)}.`;
    case 'invalid_key': {
      const inner = issue.issues[0];
      return `Khóa "${String(last)}" không hợp lệ: ${inner?.message ?? issue.message}.`;
    }
    case 'invalid_format':
      return `${describeValue(got)} không hợp lệ: ${issue.message}.`;
    default:
      return issue.message;
  }
}

/**
 * Parses and checks an outline. `file` is only used to name the place in errors. Returns the
 * outline, or every problem found (YAML syntax, shape, references, expressions, templates).
 */
export function parseOutline(text: string, file: string): ParseOutlineResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const errors: OutlineError[] = [];
  for (const e of doc.errors) {
    const line = lc.linePos(e.pos[0]).line;
    errors.push({ file, path: '', line, message: yamlSyntaxMessage(e.code) });
  }
  if (errors.length > 0) return { ok: false, errors };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch {
    return { ok: false, errors: [{ file, path: '', line: 1, message: ALIAS_LIMIT_MESSAGE }] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      errors: [
        {
          file,
          path: '',
          line: 1,
          message: 'Tệp đề cương phải là một nhóm khóa: giá trị (id, version, title, inputs, ...).',
        },
      ],
    };
  }
  const parsed = OutlineSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as PathSegment[];
      const isKeyProblem = issue.code === 'invalid_key';
      if (issue.code === 'unrecognized_keys') {
        // One error per unknown key, each on its own line.
        for (const k of issue.keys) {
          errors.push({
            file,
            path: formatPath([...path, k]),
            line: lineOf(lc, doc, [...path, k], { key: true }),
            message: zodMessage({ ...issue, keys: [k] }, data),
          });
        }
        continue;
      }
      errors.push({
        file,
        path: formatPath(path),
        line: lineOf(lc, doc, path, { key: isKeyProblem }),
        message: zodMessage(issue, data),
      });
    }
    return { ok: false, errors: sortErrors(errors) };
  }

  for (const p of checkOutline(parsed.data)) {
    const opts = p.detail?.line === undefined ? {} : { innerLine: p.detail.line };
    errors.push({
      file,
      path: formatPath(p.path),
      line: lineOf(lc, doc, p.path, opts),
      message: p.message,
    });
  }
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, outline: parsed.data };
}

function sortErrors(errors: OutlineError[]): OutlineError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.i - b.i)
    .map((x) => x.e);
}
