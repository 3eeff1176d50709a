import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { yamlSyntaxMessage as syntaxMessage } from '../outline/yaml-messages.js';

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
