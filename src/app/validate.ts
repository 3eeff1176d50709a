/**
 * `bctd validate`: expand the paths, read each file (bounded), run the pure engine, add the
 * sha256, find two files for one unit and period, and write annotated copies. Returns data;
 * never prints. One bad file never stops the others.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { fileProblemIssue } from '../issues/catalogue/file.js';
import { makeValidateIssue } from '../issues/catalogue/validate.js';
import { BctdError } from '../issues/errors.js';
import type { Outline } from '../outline/schema.js';
import { PERIOD_KINDS, ymdFromDate, type Period } from '../period/periods.js';
import type { Unit } from '../period/units.js';
import { validateWorkbook, type ValidateInput } from '../validate/engine.js';
import { blankSubmission, type Submission } from '../validate/submission.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../workbook/types.js';
import type { Limits } from '../workspace/config.js';
import { nodeInflateRaw } from '../io/inflate.js';
import { NOT_A_PLAIN_FILE, readPlainFile } from '../io/read.js';
import { writeFileAtomic } from '../io/write.js';
import { findWorkspace, loadWorkspace, type Workspace } from '../workspace/workspace.js';
import { builtinOutline, preloadBuiltinOutlines, resolveOutline } from './outline.js';
import { resolvePeriod } from './period.js';
import {
  createValidatorPool,
  workersFor,
  mapOrdered,
  QUEUE_DEPTH,
  type ValidatorPool,
} from './pool.js';

export interface ValidateRequest {
  paths: string[];
  cwd: string;
  now: Date;
  workspace?: string | undefined;
  outline?: string | undefined;
  period?: string | undefined;
  year?: number | undefined;
  annotate?: string | undefined;
  /** `--jobs`: worker threads (0: in process; undefined: by batch size, see workersFor). */
  jobs?: number | undefined;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface ValidateResult {
  files: Submission[];
  /** Annotated copies written, absolute paths. */
  annotated: string[];
  period: Period | undefined;
  /** True when bctd chose the period (`--period` without `--year`, or `--year` alone). */
  periodChosen: boolean;
  workspace: string | undefined;
  /** Things the clerk should know that are not problems of a file (checks skipped, ...). */
  notes: { code: string; message: string }[];
}

/** Extensions a folder is scanned for (a unit that sent .xls or .ods is told so, not missed). */
export const SCANNED = ['.xlsx', '.xlsm', '.xls', '.ods', '.csv'];

/** What the engine needs besides the bytes; the same for every file of a batch. */
export type ValidateContext = Omit<ValidateInput, 'bytes' | 'file'>;

/**
 * Runs the engine on one file's bytes. The hook for worker threads (`--jobs`, time limit per
 * file): a worker receives the bytes and the serialisable parts of the context and calls the
 * same pure function.
 */
export type Validator = (
  bytes: Uint8Array,
  file: string,
  ctx: ValidateContext,
) => Promise<Submission>;

export const inProcess: Validator = async (bytes, file, ctx) =>
  validateWorkbook({ ...ctx, bytes, file, inflateRaw: nodeInflateRaw });

export function readLimitsOf(l: Limits | undefined): Partial<ReadLimits> {
  const out: Partial<ReadLimits> = {};
  if (!l) return out;
  const MB = 1024 * 1024;
  if (l.max_file_mb !== undefined) out.maxFileBytes = Math.round(l.max_file_mb * MB);
  if (l.max_part_mb !== undefined) out.maxPartBytes = Math.round(l.max_part_mb * MB);
  if (l.max_total_mb !== undefined) out.maxTotalBytes = Math.round(l.max_total_mb * MB);
  if (l.max_rows !== undefined) out.maxRows = l.max_rows;
  if (l.max_columns !== undefined) out.maxColumns = l.max_columns;
  if (l.max_cells !== undefined) out.maxCells = l.max_cells;
  if (l.max_cell_chars !== undefined) out.maxCellChars = l.max_cell_chars;
  if (l.max_sheets !== undefined) out.maxSheets = l.max_sheets;
  return out;
}

/** One entry of the expanded path list: a file to check, or a path that does not exist. */
export type Target =
  { kind: 'file'; path: string } | { kind: 'missing' | 'empty-folder'; path: string };

/**
 * `*` and `?` in the last part of a path, expanded by bctd itself: cmd.exe and PowerShell
 * pass `Downloads\*.xlsx` through unexpanded, so a clerk on Windows would otherwise get
 * "not found". A name that exists as typed is taken literally; no match keeps the pattern, so
 * it is reported as missing.
 */
export function expandGlob(p: string, cwd: string): string[] {
  const base = path.basename(p);
  if (!/[*?]/.test(base) || existsSync(path.resolve(cwd, p))) return [p];
  const dir = path.dirname(p);
  const re = new RegExp(
    '^' +
      base
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$+.()|[\]{}]/g, '\\$&')))
        .join('') +
      '$',
    'i',
  );
  let names: string[];
  try {
    names = readdirSync(path.resolve(cwd, dir));
  } catch {
    return [p];
  }
  const hits = names
    .filter((n) => re.test(n) && !skipName(n))
    .sort(byName)
    .map((n) => (dir === '.' && !p.startsWith('.') ? n : path.join(dir, n)));
  return hits.length > 0 ? hits : [p];
}

const skipName = (name: string): boolean => name.startsWith('.') || name.startsWith('~$');

/** Names in Vietnamese order (one collator: `localeCompare` with a locale builds one per call). */
const byName = new Intl.Collator('vi').compare;

/**
 * Files and folders to check. A folder (even one named `x.xlsx`) is scanned recursively for
 * the SCANNED extensions, skipping hidden and `~$` lock files; symbolic links are followed
 * once (real paths already seen are skipped, so a link loop ends).
 */
export function expandPaths(paths: readonly string[], cwd: string): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, shown: string): number => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return 0;
    }
    if (seen.has(real)) return 0;
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byName(a.name, b.name));
    } catch {
      return 0;
    }
    let count = 0;
    for (const entry of entries) {
      const name = entry.name;
      if (skipName(name)) continue;
      const full = path.join(dir, name);
      const display = path.join(shown, name);
      // Only a link needs stat and realpath: a file or folder listed in a real folder is
      // where it is (two system calls per file saved on folders of hundreds of workbooks).
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      const link = entry.isSymbolicLink();
      if (link) {
        try {
          const st = statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) count += walk(full, display);
      else if (isFile && SCANNED.includes(path.extname(name).toLowerCase())) {
        let r: string;
        try {
          r = link ? realpathSync(full) : path.join(real, name);
        } catch {
          continue;
        }
        if (seen.has(r)) continue;
        seen.add(r);
        out.push({ kind: 'file', path: display });
        count++;
      }
    }
    return count;
  };
  for (const p of paths.flatMap((q) => expandGlob(q, cwd))) {
    const full = path.resolve(cwd, p);
    let st;
    try {
      st = statSync(full);
    } catch {
      try {
        lstatSync(full);
        out.push({ kind: 'missing', path: p }); // a link to nowhere
      } catch {
        out.push({ kind: 'missing', path: p });
      }
      continue;
    }
    if (st.isDirectory()) {
      if (walk(full, p) === 0) out.push({ kind: 'empty-folder', path: p });
    } else {
      let r = full;
      try {
        r = realpathSync(full);
      } catch {
        /* keep the path as given */
      }
      if (seen.has(r)) continue;
      seen.add(r);
      out.push({ kind: 'file', path: p });
    }
  }
  return out;
}

/**
 * Reads a unit's file for checking: its size first (a 2 GB attachment is never loaded into
 * memory), then its bytes. A file that cannot be read becomes a Submission carrying the issue,
 * so one bad file never stops the others. Shared by validate, receive, status and generate.
 */
export function readUnitFile(
  full: string,
  display: string,
  limits: ReadLimits,
): { ok: true; bytes: Uint8Array } | { ok: false; submission: Submission } {
  const fail = (issue: Submission['issues'][number]) => {
    const s = blankSubmission(display);
    s.issues.push(issue);
    return { ok: false as const, submission: s };
  };
  const read = readPlainFile(full, limits.maxFileBytes);
  if (read.ok) return read;
  switch (read.reason) {
    case 'too-large':
      return fail(
        fileProblemIssue('too-large', `${read.size} bytes`, path.basename(display), limits),
      );
    case 'folder':
      return fail(makeValidateIssue('path-unreadable', { detail: 'là một thư mục' }));
    case 'not-a-file':
      return fail(
        makeValidateIssue('path-unreadable', {
          detail: NOT_A_PLAIN_FILE,
        }),
      );
    case 'unreadable':
      return fail(makeValidateIssue('path-unreadable', { detail: read.message }));
  }
}

/**
 * The period every file must be for, as the other commands choose it (resolvePeriod: both
 * options, that period; `--period` alone, its latest cut-off on or before 30 days from today;
 * `--year` alone, the outline's kind whose cut-off that is). Without either, each file's own
 * stamp says its period. `--year` alone needs the outline's kinds, so a workspace or
 * `--outline`.
 */
function periodOf(
  req: ValidateRequest,
  ws: Workspace | undefined,
  outline: Outline | undefined,
): { period: Period | undefined; chosen: boolean } {
  if (req.period === undefined && req.year === undefined)
    return { period: undefined, chosen: false };
  if (req.period === undefined && outline === undefined)
    throw new BctdError(
      'bad-option',
      '--year cần đi kèm --period (ví dụ --period 6m --year 2022).',
      { hint: 'Trong một thư mục làm việc (hoặc với --outline), chỉ --year là đủ: bctd chọn kỳ.' },
    );
  // Without an outline (no workspace, no --outline) any kind bctd knows may be asked for.
  const kinds = outline ?? { id: '', periods: [...PERIOD_KINDS] };
  return resolvePeriod(
    kinds,
    ws?.config.periodSettings,
    { period: req.period, year: req.year },
    ymdFromDate(req.now),
  );
}

/** Two files for one unit and period: an issue on each, naming the other. */
export function markDuplicates(files: Submission[]): void {
  const groups = new Map<string, Submission[]>();
  for (const f of files) {
    if (!f.unit || !f.period) continue;
    const key = `${f.unit.code}\u0000${f.period}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    for (const f of g) {
      for (const other of g) {
        if (other === f) continue;
        f.issues.push(
          makeValidateIssue('submission-duplicate', {
            other: other.file,
            unit: f.unit?.code ?? '',
            period: f.period ?? '',
          }),
        );
      }
      f.valid = false;
    }
  }
}

export async function validatePaths(
  req: ValidateRequest,
  validator: Validator = inProcess,
): Promise<ValidateResult> {
  // Listing the files needs nothing from the workspace, so it comes first: the workers of a
  // large batch then start (load the engine) while bctd.yaml and units.yaml are read.
  const targets = expandPaths(req.paths, req.cwd);
  const count = targets.filter((t) => t.kind === 'file').length;
  // On worker threads (any --jobs N, or a large batch): each file bounded by seconds_per_file.
  const jobs = workersFor(req.jobs, count);
  const pool =
    jobs > 0 && validator === inProcess
      ? createValidatorPool({ jobs, prestart: count })
      : undefined;
  const files: Submission[] = [];
  let ws: Workspace | undefined;
  let period: Period | undefined;
  let periodChosen: boolean;
  let limits: ReadLimits;
  try {
    const wsDir = findWorkspace(req.cwd, req.workspace);
    ws =
      wsDir !== undefined || req.workspace !== undefined
        ? loadWorkspace(req.cwd, req.workspace)
        : undefined;
    // With a workspace its outline is the one every file must follow (a stamp of another is
    // foreign); without one the stamp decides, unless --outline says otherwise.
    let forced: Outline | undefined;
    if (req.outline !== undefined) forced = await resolveOutline(req.outline, req.cwd);
    else if (ws) forced = await resolveOutline(ws.config.outline, ws.dir);
    // Without either, each file's stamp names its outline, looked up synchronously.
    else await preloadBuiltinOutlines();
    ({ period, chosen: periodChosen } = periodOf(req, ws, forced));
    const units: Unit[] | undefined = ws?.units;
    limits = { ...DEFAULT_READ_LIMITS, ...readLimitsOf(ws?.config.limits) };
    const ctx: ValidateContext = { outlines: builtinOutline, limits };
    if (forced) ctx.outline = forced;
    if (units) ctx.units = units;
    if (period) ctx.period = period;
    pool?.setSecondsPerFile(ws?.config.limits.seconds_per_file);

    const total = targets.length;
    let done = 0;
    const fileLimits = limits;
    // With workers, each holds QUEUE_DEPTH files (the one it checks and the next) and reads
    // them itself; in process, one file at a time is read and checked.
    await mapOrdered(
      targets,
      pool ? jobs * QUEUE_DEPTH : 1,
      (t) => {
        req.onProgress?.(done, total, t.path);
        return pool
          ? checkPooled(t, req.cwd, fileLimits, ctx, pool)
          : checkOne(t, req.cwd, fileLimits, ctx, validator);
      },
      (sub) => {
        files.push(sub);
        done++;
      },
    );
    req.onProgress?.(done, total, '');
  } finally {
    await pool?.close();
  }
  markDuplicates(files);

  const annotated: string[] = [];
  if (req.annotate !== undefined) {
    annotated.push(
      ...(await annotateFiles(files, req.cwd, path.resolve(req.cwd, req.annotate), limits)),
    );
  }
  const notes = ws
    ? []
    : [{ code: 'units-not-checked', message: makeValidateIssue('units-not-checked', {}).message }];
  return { files, annotated, period, periodChosen, workspace: ws?.dir, notes };
}

/**
 * checkOne with the file read and hashed by a worker, so that the main thread does not touch
 * the bytes. The worker checks the size limit on the file it opened: a file over it, one that
 * is not a plain file, or one the worker cannot read takes checkOne's way, so its problem is
 * reported exactly as in process.
 */
async function checkPooled(
  t: Target,
  cwd: string,
  limits: ReadLimits,
  ctx: ValidateContext,
  pool: ValidatorPool,
): Promise<Submission> {
  if (t.kind !== 'file') return checkOne(t, cwd, limits, ctx, pool.validate);
  const full = path.resolve(cwd, t.path);
  const r = await pool.validatePath(full, t.path, ctx, limits.maxFileBytes);
  if (r === undefined) return checkOne(t, cwd, limits, ctx, pool.validate);
  const sub = r.sub;
  // A worker stopped by the time or memory limit sent no hash; in process the file was hashed
  // before it was checked, so it is hashed here.
  let sha256 = r.sha256;
  if (sha256 === undefined) {
    const read = readUnitFile(full, t.path, limits);
    if (read.ok) sha256 = createHash('sha256').update(read.bytes).digest('hex');
  }
  if (sha256 !== undefined) sub.sha256 = sha256;
  return sub;
}

async function checkOne(
  t: Target,
  cwd: string,
  limits: ReadLimits,
  ctx: ValidateContext,
  validator: Validator,
): Promise<Submission> {
  if (t.kind === 'missing') {
    const s = blankSubmission(t.path);
    s.issues.push(makeValidateIssue('path-missing', { path: t.path }));
    return s;
  }
  if (t.kind === 'empty-folder') {
    const s = blankSubmission(t.path);
    s.issues.push(makeValidateIssue('folder-empty', { path: t.path }));
    s.valid = true;
    return s;
  }
  const read = readUnitFile(path.resolve(cwd, t.path), t.path, limits);
  if (!read.ok) return read.submission;
  const bytes = read.bytes;
  // Hashed first: a worker validator takes ownership of the bytes.
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sub = await validator(bytes, t.path, ctx);
  sub.sha256 = sha256;
  return sub;
}

/**
 * Writes `<original name>` into `dir` for each file with problems. Never writes to a source
 * path: when `dir` is a file's own folder (or two files share a name) the copy gets a
 * `-kiem-tra` / number suffix instead. exceljs is loaded only here.
 */
export async function annotateFiles(
  files: readonly Submission[],
  cwd: string,
  dir: string,
  limits: ReadLimits,
): Promise<string[]> {
  // The note that units were not checked is not a problem of the file.
  const todo = files.filter((f) => f.sha256 !== undefined && f.issues.length > 0);
  if (todo.length === 0) return [];
  const { annotateWorkbook } = await import('../workbook/annotate.js');
  // writeFileAtomic creates the folder, so a refused folder is a clear write-failed error.
  const sources = new Set(files.map((f) => path.resolve(cwd, f.file)));
  const used = new Set<string>();
  const written: string[] = [];
  for (const f of todo) {
    const src = path.resolve(cwd, f.file);
    const ext = path.extname(src);
    const base = path.basename(src, ext);
    // The copy is always .xlsx, whatever the unit sent.
    let target = path.join(dir, `${base}.xlsx`);
    for (let n = 1; sources.has(target) || used.has(target); n++) {
      target = path.join(dir, `${base}-kiem-tra${n > 1 ? `-${n}` : ''}.xlsx`);
    }
    used.add(target);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(src));
    } catch {
      bytes = new Uint8Array(0);
    }
    const out = await annotateWorkbook(bytes, f.issues, limits);
    writeFileAtomic(target, out.bytes, { force: true });
    written.push(target);
  }
  return written;
}
