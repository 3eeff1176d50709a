/**
 * Reading a period's submissions (shared by `generate` and `status`): every workbook in the
 * period folder, validated with the same code as `bctd validate`, hashed, and dated from the
 * receipt ledger (falling back to the workbook's own `Ngày lập`, with a warning; never the
 * file's modification time).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { aggregate } from '../aggregate/aggregate.js';
import type { Receipt, Rollup } from '../aggregate/types.js';
import { readWholeFile } from '../io/read.js';
import { currentEntry, readLedger, receivedDay, type Ledger } from '../io/ledger.js';
import type { Outline } from '../outline/schema.js';
import { samePeriodLastYear, type Period } from '../period/periods.js';
import { validateWorkbook } from '../validate/engine.js';
import { nodeInflateRaw } from '../io/inflate.js';
import type { Submission } from '../validate/submission.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../workbook/types.js';
import { submissionsDir, type Workspace } from '../workspace/workspace.js';
import { builtinOutline } from './outline.js';
import {
  createValidatorPool,
  workersFor,
  mapOrdered,
  QUEUE_DEPTH,
  type ValidatorPool,
} from './pool.js';
import { readLimitsOf, readUnitFile, type ValidateContext } from './validate.js';

/** What a unit may send: the wrong formats are read too, so the unit is told, not counted missing. */
export const SUBMISSION_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.ods', '.csv'];

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readBytes(file: string): Uint8Array {
  return readWholeFile(file, 'tệp', 'Kiểm tra đường dẫn và quyền đọc tệp.');
}

function fullLimits(ws: Workspace): ReadLimits {
  return { ...DEFAULT_READ_LIMITS, ...readLimitsOf(ws.config.limits) };
}

/**
 * Reads (size first, within the limits) and validates one unit file; a file that cannot be
 * read becomes a Submission with its issue instead of stopping the run.
 */
export function checkFile(
  ws: Workspace,
  outline: Outline,
  period: Period | undefined,
  file: string,
): Submission {
  const read = readUnitFile(file, file, fullLimits(ws));
  if (!read.ok) return read.submission;
  return validateBytes(ws, outline, period, file, read.bytes);
}

/** Validates one workbook's bytes against the workspace's outline and units. */
export function validateBytes(
  ws: Workspace,
  outline: Outline,
  period: Period | undefined,
  file: string,
  bytes: Uint8Array,
): Submission {
  const sub = validateWorkbook({
    bytes,
    file,
    outlines: (id) => (id === outline.id ? outline : builtinOutline(id)),
    outline,
    units: ws.units,
    ...(period ? { period } : {}),
    limits: readLimitsOf(ws.config.limits),
    inflateRaw: nodeInflateRaw,
  });
  sub.sha256 = sha256(bytes);
  return sub;
}

/** Workbook-like files directly in the period folder (not `cu/`, not hidden, not `~$` locks). */
export function listSubmissionFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name)
    .filter((n) => !n.startsWith('.') && !n.startsWith('~$'))
    .filter((n) => SUBMISSION_EXTENSIONS.includes(path.extname(n).toLowerCase()))
    .sort()
    .map((n) => path.join(dir, n));
}

export interface InputFile {
  file: string;
  sha256: string;
  unit: string | null;
  valid: boolean;
  errors: number;
  warnings: number;
}

export interface PeriodSubmissions {
  period: Period;
  dir: string;
  ledger: Ledger;
  /** Numbers and flags of each file read (see keptOfSubmission: issues without wording). */
  submissions: Submission[];
  files: InputFile[];
  receipts: Record<string, Receipt>;
  attribution: Record<string, string>;
  /** Vietnamese notes for the summary (a file without a ledger entry, ...). */
  notes: string[];
}

export function readPeriodSubmissions(
  ws: Workspace,
  outline: Outline,
  period: Period,
  progress?: (done: number, total: number, label: string) => void,
): PeriodSubmissions {
  return readInProcess(ws, outline, startPeriod(ws, period), progress);
}

function readInProcess(
  ws: Workspace,
  outline: Outline,
  acc: PeriodAcc,
  progress?: (done: number, total: number, label: string) => void,
): PeriodSubmissions {
  acc.files.forEach((file, i) => {
    progress?.(i, acc.files.length, path.basename(file));
    record(acc, file, checkFile(ws, outline, acc.period, file));
  });
  progress?.(acc.files.length, acc.files.length, '');
  return finishPeriod(acc);
}

/**
 * The same as readPeriodSubmissions, on worker threads when `--jobs` is given or there are
 * many files (see workersFor; each file bounded by `limits.seconds_per_file`). The workers
 * start loading the engine while the ledger is read, then read and hash each file themselves
 * (the size limit is checked here first); only the Submissions come back, so a province or
 * the country stays in bounded memory.
 */
export async function readPeriodSubmissionsAsync(
  ws: Workspace,
  outline: Outline,
  period: Period,
  opts: {
    jobs?: number | undefined;
    progress?: ((done: number, total: number, label: string) => void) | undefined;
  } = {},
): Promise<PeriodSubmissions> {
  const files = listSubmissionFiles(submissionsDir(ws, period.id));
  const jobs = workersFor(opts.jobs, files.length);
  const pool =
    jobs > 0
      ? createValidatorPool({
          jobs,
          secondsPerFile: ws.config.limits.seconds_per_file,
          prestart: files.length,
        })
      : undefined;
  let acc: ReturnType<typeof startPeriod>;
  try {
    acc = startPeriod(ws, period, files);
  } catch (e) {
    // A broken ledger: the started workers must stop, or they keep the process alive.
    await pool?.close();
    throw e;
  }
  if (pool === undefined) return readInProcess(ws, outline, acc, opts.progress);
  const ctx: ValidateContext = {
    outlines: (id) => (id === outline.id ? outline : builtinOutline(id)),
    outline,
    units: ws.units,
    period,
    limits: readLimitsOf(ws.config.limits),
  };
  const limits = fullLimits(ws);
  let done = 0;
  try {
    await mapOrdered(
      files,
      jobs * QUEUE_DEPTH,
      (file) => {
        opts.progress?.(done, files.length, path.basename(file));
        return checkPooled(file, limits, ctx, pool);
      },
      (sub, i) => {
        record(acc, files[i] as string, sub);
        done++;
      },
    );
  } finally {
    await pool.close();
  }
  opts.progress?.(files.length, files.length, '');
  return finishPeriod(acc);
}

/**
 * One file on the pool, read and hashed by a worker. A file over the size limit, not a plain
 * file, or one the worker could not read is read here as in process, so its problem is the one
 * `checkFile` reports; a file a worker was stopped on (time or memory limit) is hashed here.
 */
async function checkPooled(
  file: string,
  limits: ReadLimits,
  ctx: ValidateContext,
  pool: ValidatorPool,
): Promise<Submission> {
  const viaBytes = async (): Promise<Submission> => {
    const read = readUnitFile(file, file, limits);
    if (!read.ok) return read.submission;
    // Hashed before the worker takes ownership of the bytes.
    const hash = sha256(read.bytes);
    const sub = await pool.validate(read.bytes, file, ctx);
    sub.sha256 = hash;
    return sub;
  };
  const r = await pool.validatePath(file, file, ctx, limits.maxFileBytes);
  if (r === undefined) return viaBytes();
  if (r.sha256 !== undefined) r.sub.sha256 = r.sha256;
  else {
    const read = readUnitFile(file, file, limits);
    if (read.ok) r.sub.sha256 = sha256(read.bytes);
  }
  return r.sub;
}

interface PeriodAcc {
  period: Period;
  dir: string;
  ledger: Ledger;
  files: string[];
  codes: Set<string>;
  submissions: Submission[];
  inputs: InputFile[];
  receipts: Record<string, Receipt>;
  attribution: Record<string, string>;
  notes: string[];
}

function startPeriod(ws: Workspace, period: Period, listed?: string[]): PeriodAcc {
  const dir = submissionsDir(ws, period.id);
  return {
    period,
    dir,
    ledger: readLedger(dir, period.id),
    files: listed ?? listSubmissionFiles(dir),
    codes: new Set(ws.units.map((u) => u.code)),
    submissions: [],
    inputs: [],
    receipts: {},
    attribution: {},
    notes: [],
  };
}

/**
 * What a period's reading keeps of a Submission (issue 6: a country's 10,000 stay in bounded
 * memory): numbers and flags. Text inputs and the list of filled narrative sections are
 * dropped (nothing after validation reads them; `--narratives` reads the files again), and each
 * issue keeps its code and severity, which the counts and the "unreadable file" rule need, but
 * not its wording or place: a broken workbook can carry hundreds of them, and `status` and
 * `generate` only count them (`bctd validate FILE` gives the details).
 */
export function keptOfSubmission(sub: Submission): Submission {
  return {
    ...sub,
    texts: {},
    narrativesFilled: [],
    issues: sub.issues.map((i) => ({ code: i.code, severity: i.severity, message: '', fix: '' })),
  };
}

/** Files one validated workbook: its unit, its counts and its receipt day. */
function record(acc: PeriodAcc, file: string, sub: Submission): void {
  const { ledger, dir, receipts, attribution, notes } = acc;
  acc.submissions.push(keptOfSubmission(sub));
  const base = path.basename(file, path.extname(file));
  // receive names files by unit code: that names the unit of a file too broken to say so.
  if (sub.unit === null && acc.codes.has(base)) attribution[file] = base;
  const unit = sub.unit?.code ?? attribution[file] ?? null;
  const errors = sub.issues.filter((x) => x.severity === 'error').length;
  acc.inputs.push({
    file,
    sha256: sub.sha256 as string,
    unit,
    valid: sub.valid,
    errors,
    warnings: sub.issues.length - errors,
  });
  if (unit === null) return;
  const entry = currentEntry(ledger, unit);
  const day = entry && entry.sha256 === sub.sha256 ? receivedDay(entry.received_at) : null;
  if (day !== null) receipts[unit] = { receivedOn: day, source: 'ledger' };
  else
    notes.push(
      `Tệp ${path.basename(file)} không có trong sổ nhận (${path.basename(dir)}/nhan.yaml): ` +
        `thời hạn nộp được xét theo "Ngày lập" trong sheet Thông tin. Dùng "bctd receive" để nhận tệp.`,
    );
}

function finishPeriod(acc: PeriodAcc): PeriodSubmissions {
  const { period, dir, ledger, submissions, inputs, receipts, attribution, notes } = acc;
  return { period, dir, ledger, submissions, files: inputs, receipts, attribution, notes };
}

/** Aggregates a period already read. */
export function rollupOf(
  ws: Workspace,
  outline: Outline,
  read: PeriodSubmissions,
  previous?: Rollup,
): Rollup {
  return aggregate({
    outline,
    period: read.period,
    units: ws.units,
    submissions: read.submissions,
    receipts: read.receipts,
    attribution: read.attribution,
    ...(previous ? { previous } : {}),
  });
}

/**
 * Cùng kỳ: the same period of the previous year, when its folder holds submissions (valid ones
 * only count, as for the current period).
 */
export function previousRollup(
  ws: Workspace,
  outline: Outline,
  period: Period,
): { rollup: Rollup; read: PeriodSubmissions } | undefined {
  const prev = samePeriodLastYear(period, ws.config.periodSettings);
  const dir = submissionsDir(ws, prev.id);
  if (listSubmissionFiles(dir).length === 0) return undefined;
  const read = readPeriodSubmissions(ws, outline, prev);
  return { rollup: rollupOf(ws, outline, read), read };
}

/** previousRollup on worker threads (see readPeriodSubmissionsAsync). */
export async function previousRollupAsync(
  ws: Workspace,
  outline: Outline,
  period: Period,
  jobs?: number,
): Promise<{ rollup: Rollup; read: PeriodSubmissions } | undefined> {
  const prev = samePeriodLastYear(period, ws.config.periodSettings);
  const dir = submissionsDir(ws, prev.id);
  if (listSubmissionFiles(dir).length === 0) return undefined;
  const read = await readPeriodSubmissionsAsync(ws, outline, prev, { jobs });
  return { rollup: rollupOf(ws, outline, read), read };
}
