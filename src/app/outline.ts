import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readWholeText } from '../io/read.js';
import { BctdError } from '../issues/errors.js';
import type * as OutlineLoader from '../outline/load.js';
import type { Outline } from '../outline/schema.js';
import type { Workspace } from '../workspace/workspace.js';
import { packageRoot } from './paths.js';

/** Built-in outlines ship as YAML in `outlines/` beside the package: data, not code. */
export function builtinOutlinesDir(): string {
  return path.join(packageRoot(), 'outlines');
}

export function builtinOutlineIds(): string[] {
  const dir = builtinOutlinesDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

const cache = new Map<string, Outline>();

/**
 * The outline loader (the yaml library, zod's outline schema, the named rules and handlebars to
 * check every report text), imported only when an outline has to be parsed: a built-in outline
 * is read from its build snapshot, and loading those libraries would be most of the start-up of
 * a one-file `bctd validate` (docs/BENCHMARKS.md).
 */
let loader: typeof OutlineLoader | undefined;
async function outlineLoader(): Promise<typeof OutlineLoader> {
  loader ??= await import('../outline/load.js');
  return loader;
}

/** Parses an outline file; a broken one is exit 2 listing every error with file, path and line. */
export async function loadOutlineFile(file: string): Promise<Outline> {
  const hit = cache.get(file);
  if (hit) return hit;
  const text = readWholeText(file, 'tệp đề cương', 'Kiểm tra đường dẫn tệp đề cương.');
  const { formatOutlineError, parseOutline } = await outlineLoader();
  const r = parseOutline(text, file);
  if (!r.ok) {
    throw new BctdError('outline-invalid', `Đề cương ${file} có ${r.errors.length} lỗi.`, {
      details: r.errors.map(formatOutlineError),
      hint: 'Sửa các dòng được nêu trong tệp đề cương; kiểm tra lại bằng "bctd outline --file <tệp>".',
    });
  }
  cache.set(file, r.outline);
  return r.outline;
}

function builtinFile(id: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(id)) return undefined;
  const file = path.join(builtinOutlinesDir(), `${id}.yaml`);
  return existsSync(file) ? file : undefined;
}

/** A built-in outline by id (from its snapshot, or parsed when its YAML changed), or undefined. */
export async function loadBuiltinOutline(id: string): Promise<Outline | undefined> {
  const file = builtinFile(id);
  if (file === undefined) return undefined;
  return fromSnapshot(id, file) ?? (await loadOutlineFile(file));
}

/**
 * Makes every built-in outline available to `builtinOutline`, the synchronous lookup the
 * validation engine uses for a workbook stamped with another outline. Called by whoever hands
 * that lookup out: resolveOutline, and a worker thread before its first file.
 */
export async function preloadBuiltinOutlines(): Promise<void> {
  for (const id of builtinOutlineIds()) await loadBuiltinOutline(id);
}

/**
 * A built-in outline by id, or undefined: its snapshot, or the outline parsed by an earlier
 * loadBuiltinOutline/preloadBuiltinOutlines. A built-in whose YAML no longer matches its snapshot
 * and was not preloaded is a bug of the caller, said as such rather than taken as "no outline".
 */
export function builtinOutline(id: string): Outline | undefined {
  const file = builtinFile(id);
  if (file === undefined) return undefined;
  const o = fromSnapshot(id, file);
  if (o) return o;
  throw new Error(`đề cương có sẵn "${id}" chưa được nạp (preloadBuiltinOutlines)`);
}

/**
 * The build's snapshot of a built-in outline (scripts/build-outlines.js), used only while the
 * YAML still has the hash it was made from, so an edited outline is always parsed and checked.
 */
function fromSnapshot(id: string, file: string): Outline | undefined {
  const hit = cache.get(file);
  if (hit) return hit;
  const snap = path.join(packageRoot(), 'dist', 'outlines', `${id}.json`);
  try {
    const yaml = readFileSync(file);
    const { sha256, outline } = JSON.parse(readFileSync(snap, 'utf8')) as {
      sha256: string;
      outline: Outline;
    };
    if (createHash('sha256').update(yaml).digest('hex') !== sha256) return undefined;
    cache.set(file, outline);
    return outline;
  } catch {
    return undefined; // no snapshot (running from src in tests): parse the YAML
  }
}

/**
 * Resolves an outline reference: a built-in id (`bdg`) or a path to a YAML file (relative to
 * `baseDir`). Used for bctd.yaml's `outline:` and for `--outline`. Afterwards `builtinOutline`
 * answers for every built-in outline.
 */
export async function resolveOutline(ref: string, baseDir: string): Promise<Outline> {
  await preloadBuiltinOutlines();
  const looksLikePath = /[\\/]|\.ya?ml$/i.test(ref);
  if (!looksLikePath) {
    const o = await loadBuiltinOutline(ref);
    if (o) return o;
    throw new BctdError('outline-invalid', `Không có đề cương có sẵn mã "${ref}".`, {
      hint: `Các đề cương có sẵn: ${builtinOutlineIds().join(', ') || '(không có)'}; hoặc ghi đường dẫn tệp YAML.`,
    });
  }
  return loadOutlineFile(path.resolve(baseDir, ref));
}

/** The outline of a command: `--outline` first, then the workspace's, then the default `bdg`. */
export async function loadOutlineFor(
  ws: Workspace | undefined,
  ref: string | undefined,
  cwd: string,
): Promise<Outline> {
  if (ref !== undefined) return resolveOutline(ref, cwd);
  if (ws) return resolveOutline(ws.config.outline, ws.dir);
  return resolveOutline('bdg', cwd);
}
