import { createRequire } from 'node:module';
import { CORE_SCHEMA, load as loadFast, realMapTag } from 'js-yaml';
import type * as YamlLib from 'yaml';
import type { Document, LineCounter } from 'yaml';
import * as z from 'zod/mini';
import vietnamese from 'zod/v4/locales/vi.js';
import {
  ALIAS_LIMIT_MESSAGE,
  MAX_YAML_ALIASES,
  yamlSyntaxMessage as syntaxMessage,
} from '../outline/yaml-messages.js';
import { closest } from '../text/closest.js';

/**
 * The `yaml` library, loaded only when a file has a problem to locate. Its document model knows
 * the line of every node, which is what a clerk needs in a message, but loading and running it
 * cold costs about ten times what js-yaml does (docs/BENCHMARKS.md): too much for every start of
 * `bctd validate`. A synchronous require keeps the workspace loader synchronous; the require is
 * made at run time, so the bundle (scripts/build-cli.js) leaves `yaml` in node_modules.
 */
let yamlLib: typeof YamlLib | undefined;
export function yaml(): typeof YamlLib {
  yamlLib ??= createRequire(import.meta.url)('yaml') as typeof YamlLib;
  return yamlLib;
}

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
    if (yaml().isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

// zod speaks Vietnamese to the clerk; set once for the process.
let localized = false;
function ensureVietnamese(): void {
  if (!localized) {
    // jitless: zod would otherwise compile each schema to a function on its first use, which
    // costs more than it saves for the one bctd.yaml and one units.yaml a run reads.
    // The one locale, not z.locales: that namespace would bundle all forty of them.
    z.config({ ...vietnamese(), jitless: true });
    localized = true;
  }
}

/**
 * Parses YAML text and validates it with a zod schema. Every problem (syntax and schema) is
 * returned at once with its key path and line, never only the first.
 */
export function parseYamlWithSchema<S extends z.ZodMiniType>(
  text: string,
  file: string,
  schema: S,
): { ok: true; value: z.infer<S> } | { ok: false; problems: YamlProblem[] } {
  ensureVietnamese();
  const fast = readYamlFast(text);
  if (fast.ok) {
    const result = schema.safeParse(fast.data ?? {});
    if (result.success) return { ok: true, value: result.data };
  }
  // Something to report (or something js-yaml declines, such as an alias): the `yaml` library
  // reads the file again, is the judge of what it means, and locates every problem.
  const { LineCounter, parseDocument } = yaml();
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
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch {
    return {
      ok: false,
      problems: [{ file, path: '', line: undefined, message: ALIAS_LIMIT_MESSAGE }],
    };
  }

  const result = schema.safeParse(data ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => {
      const path = [...i.path];
      let message = i.message;
      if (i.code === 'unrecognized_keys' && i.keys.length > 0) {
        path.push(i.keys[0]!);
        message = `${message.replace(/[.\s]*$/, '.')}${didYouMean(i.keys, keysAt(schema, i.path))}`;
      } else if (
        i.code === 'invalid_type' &&
        path.length > 0 &&
        valueAt(data, path) === undefined
      ) {
        // zod says "expected object, received undefined"; the clerk needs "this key is missing".
        message = `Thiếu mục bắt buộc "${String(path[path.length - 1])}".`;
      }
      return { file, path: pathText(path), line: lineOf(doc, counter, path), message };
    }),
  };
}

/** A text the fast reader leaves to the `yaml` library (see readYamlFast). */
class Declined extends Error {}

/**
 * The fast reading of a well-formed file: js-yaml with the YAML 1.2 core schema, the schema the
 * `yaml` library uses by default, so both give the same values; test/workspace-yaml-fast.test.ts
 * compares them on generated files and on typing slips. Where the two are known to differ, the
 * text is declined and the `yaml` library decides: a lone carriage return (a line break for
 * js-yaml, part of a comment for `yaml`); a key that is not a string (`~: x`, `1: x`, `[a]: x`)
 * or is `__proto__`; a directive (`%YAML 1.1` changes what `yes` means); an exponent of three
 * digits (`1e400` is Infinity for `yaml`, text for js-yaml); and anything that may be an anchor
 * or an alias (`&name`, `*name`: the two disagree on malformed ones, and only the `yaml`
 * library, with its alias-expansion bound, should ever expand an alias; names such as "Tài
 * chính & Kế hoạch" still go fast). Any exception, including an empty file, declines too.
 */
export function readYamlFast(text: string): { ok: true; data: unknown } | { ok: false } {
  if (/\r(?!\n)|[&*]\S|^%|\de\+?\d{3}/im.test(text)) return { ok: false };
  try {
    const data = loadFast(text, { schema: FAST_SCHEMA, maxAliases: 0 });
    return { ok: true, data: plain(data) };
  } catch {
    return { ok: false };
  }
}

const FAST_SCHEMA = CORE_SCHEMA.withTags(realMapTag);

/** Maps (realMapTag keeps keys as read) to plain objects with string keys, as `yaml` gives. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of v) {
      if (typeof k !== 'string' || k === '__proto__') throw new Declined();
      out[k] = plain(val);
    }
    return out;
  }
  return v;
}

/** " Có phải ý là "agency"?" for a misspelt key, from the keys the schema allows there. */
function didYouMean(unknown: readonly string[], allowed: readonly string[] | undefined): string {
  if (allowed === undefined) return '';
  const hints = unknown.flatMap((k) => {
    const c = closest(k, allowed);
    return c === undefined ? [] : [`"${c}"`];
  });
  return hints.length === 0 ? '' : ` Có phải ý là ${hints.join(', ')}?`;
}

/** The keys an object schema allows at a path (through optional, default, array and pipe). */
function keysAt(schema: z.ZodMiniType, path: readonly PropertyKey[]): string[] | undefined {
  // The schema's definition, which classic zod and zod/mini share.
  type Def = {
    type: string;
    innerType?: unknown;
    element?: unknown;
    shape?: Record<string, unknown>;
    in?: unknown;
  };
  const def = (x: unknown): Def => (x as { _zod: { def: Def } })._zod.def;
  let s: unknown = schema;
  const unwrap = (): void => {
    for (;;) {
      const d = def(s);
      if (['optional', 'nullable', 'default', 'prefault'].includes(d.type)) s = d.innerType;
      else if (d.type === 'pipe') s = d.in;
      else return;
    }
  };
  for (const seg of path) {
    unwrap();
    const d = def(s);
    if (typeof seg === 'number' && d.type === 'array') s = d.element;
    else if (typeof seg === 'string' && d.type === 'object' && d.shape) s = d.shape[seg];
    else return undefined;
    if (s === undefined) return undefined;
  }
  unwrap();
  const d = def(s);
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : undefined;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/**
 * A YAML file bctd itself writes (the receipt ledger): the fast reader, or, for anything it
 * declines, the `yaml` library, whose exception (with its line) is the caller's to report.
 */
export function readYamlValue(text: string): unknown {
  const fast = readYamlFast(text);
  return fast.ok ? fast.data : yaml().parse(text);
}
