/**
 * Worker threads for `--jobs N` (issue 6): each worker runs the pure `validateWorkbook` on the
 * bytes it is sent (the ArrayBuffer is transferred, not copied) and sends back the Submission
 * (numbers and flags only). The same workers bound each file: past `limits.seconds_per_file`
 * the worker is terminated and replaced and the file gets `file-timeout`; a worker that runs out
 * of its heap (`resourceLimits`) gives the file a "too large" problem. The rest of the batch is
 * still checked either way.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fileProblemIssue } from '../issues/catalogue/file.js';
import { makeValidateIssue } from '../issues/catalogue/validate.js';
import type { Outline } from '../outline/schema.js';
import type { Period } from '../period/periods.js';
import type { Unit } from '../period/units.js';
import { blankSubmission, type Submission } from '../validate/submission.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../workbook/types.js';
import type { ValidateContext, Validator } from './validate.js';

/** `limits.seconds_per_file` when bctd.yaml does not set it. */
export const DEFAULT_SECONDS_PER_FILE = 30;
/** Old-generation heap of one worker: a bounded read of one workbook needs far less. */
export const DEFAULT_WORKER_HEAP_MB = 512;
/**
 * Young generation of one worker. A worker's garbage is one workbook's at a time; left to
 * grow its young generation as V8 does for a main thread, each worker held tens of MB more
 * than it needed (10,000 files on two workers: 303-320 MB). At 8 MB (229-249 MB) it collected
 * so often that V8's helper threads, which the two workers share with the two cores, spent
 * about a second more in all (4.0-5.5 s against 3.4-4.2 s at 16 MB, per-thread CPU of
 * alternated runs); 16 MB keeps most of the memory saved (260-267 MB) without that cost
 * (docs/BENCHMARKS.md, fifth pass).
 */
export const WORKER_YOUNG_GENERATION_MB = 16;
/** Below this many files one in-process validator is faster than starting workers. */
export const SMALL_BATCH = 20;
/**
 * Files a worker should have before another one is started. Each worker's engine warms up
 * (interprets, then optimises the reader) on its own, the work of a hundred files or so, and
 * its optimising competes with the other workers for the cores. On the 2-core benchmark
 * machine, where V8's compiling threads share the two cores with the workers, one and two
 * workers are level at about 600 files (1.05 s against 1.10 s), two are ahead from about a
 * thousand (1,200 files: 1.74 s against 1.92 s; 10,000: 6.3 s against 9.6 s;
 * docs/BENCHMARKS.md, seventh pass). With more cores than workers the compiling threads stop
 * competing, so a province keeps its second worker.
 */
export const FILES_PER_WORKER = 300;

/**
 * `--jobs` as given (undefined: choose) -> how many worker threads check the files; 0 means in
 * process. `--jobs N` is N workers, so every file of such a batch is bounded by
 * seconds_per_file and by a worker's heap. Without `--jobs`, a batch of SMALL_BATCH files or
 * more goes to workers, one per FILES_PER_WORKER files up to the number of cores. In process
 * (`jobs: 0`, for the library and the tests; the command line refuses 0) is for small batches
 * only: there the main thread makes all the garbage of reading, on a heap V8 lets grow up to
 * four times what the batch keeps before it collects, and 10,000 files now and then took
 * 430-500 MB where one worker stays near 200 MB (docs/BENCHMARKS.md, seventh pass).
 */
export function workersFor(requested: number | undefined, files: number): number {
  if (requested !== undefined) {
    return Math.max(0, Math.floor(requested));
  }
  if (files < SMALL_BATCH) return 0;
  const cores = Math.max(1, availableParallelism());
  return Math.min(cores, Math.max(1, Math.floor(files / FILES_PER_WORKER)));
}

/** The part of a ValidateContext that crosses to a worker (the outline lookup is a function). */
export interface WorkerContext {
  outline?: Outline;
  units?: readonly Unit[];
  period?: Period;
  limits?: Partial<ReadLimits>;
}

/** Messages between the pool and a worker. */
export type ToWorker =
  | { type: 'context'; id: number; ctx: WorkerContext }
  | { type: 'file'; seq: number; ctxId: number; file: string; bytes: Uint8Array }
  /**
   * The worker reads (and hashes) the file itself: the main thread only lists and orders. A
   * path that is not a plain file, or one over `maxBytes`, is sent back unread.
   */
  | { type: 'path'; seq: number; ctxId: number; file: string; path: string; maxBytes: number };
export type FromWorker =
  | { type: 'done'; seq: number; sub: Submission; sha256?: string }
  /**
   * A `path` job the worker did not read (not a plain file, over the size limit, unreadable):
   * the caller reads it the usual way for its issue.
   */
  | { type: 'unread'; seq: number }
  | { type: 'failed'; seq: number; message: string; stack?: string };

/**
 * Files posted to one worker at once: the one it is checking and the next, so that it starts
 * the next as soon as it is done instead of idling for the main thread's answer (on a busy
 * machine the main thread may not run for milliseconds).
 */
export const QUEUE_DEPTH = 2;

export interface PoolOptions {
  jobs: number;
  secondsPerFile?: number | undefined;
  heapMb?: number | undefined;
  /**
   * Start this many workers now (at most `jobs`) instead of on the first file, so that their
   * start-up (loading the engine's modules) overlaps the caller's own (listing files, reading
   * the workspace).
   */
  prestart?: number | undefined;
  /**
   * The worker module (tests pass their own). Default: `validate-worker.cjs` or `.js` beside this module
   * once built, or the one in dist/ when this module runs from the TypeScript sources.
   */
  workerUrl?: URL;
}

/** What a worker made of a file it read itself; `sha256` is missing when it did not finish. */
export interface PathResult {
  sub: Submission;
  sha256?: string;
}

export interface ValidatorPool {
  validate: Validator;
  /**
   * Validates the file at `full` (shown as `file`), read and hashed by the worker. Undefined
   * when the worker did not read it (not a plain file, more than `maxBytes`, unreadable): the
   * caller reads it itself, so that the problem it reports is the one an in-process read gives.
   * The size is checked by the worker (on the file it opened), so the main thread does not
   * touch the file at all.
   */
  validatePath: (
    full: string,
    file: string,
    ctx: ValidateContext,
    maxBytes: number,
  ) => Promise<PathResult | undefined>;
  /** The time limit for files started from now on (bctd.yaml is read after the pool starts). */
  setSecondsPerFile: (seconds: number | undefined) => void;
  /** Stops every worker; the pool cannot be used afterwards. */
  close: () => Promise<void>;
}

/** The built worker; a URL, not a path, so that Windows paths (`C:\…`) never reach `new Worker`. */
export function defaultWorkerUrl(): URL {
  // In the bundle (scripts/build-cli.js) the worker is validate-worker.cjs beside main.cjs.
  for (const name of ['./validate-worker.cjs', './validate-worker.js']) {
    const beside = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(beside))) return beside;
  }
  // Under vitest this module is src/app/pool.ts; workers only run built JavaScript.
  return new URL('../../dist/app/validate-worker.js', import.meta.url);
}

export function workerContext(ctx: ValidateContext): WorkerContext {
  // Workers look outlines up with builtinOutline: a caller with another lookup must force the
  // outline (both validatePaths and the period reader do).
  const out: WorkerContext = {};
  if (ctx.outline !== undefined) out.outline = ctx.outline;
  if (ctx.units !== undefined) out.units = ctx.units;
  if (ctx.period !== undefined) out.period = ctx.period;
  if (ctx.limits !== undefined) out.limits = ctx.limits;
  return out;
}

export function timeoutSubmission(file: string, seconds: number): Submission {
  const sub = blankSubmission(file);
  sub.issues.push(makeValidateIssue('file-timeout', { seconds }, { file }));
  return sub;
}

function outOfMemorySubmission(file: string, heapMb: number, limits: ReadLimits): Submission {
  const sub = blankSubmission(file);
  sub.issues.push(
    fileProblemIssue('total-too-large', `cần hơn ${heapMb} MB bộ nhớ khi đọc`, file, limits),
  );
  return sub;
}

interface Job {
  seq: number;
  file: string;
  /** The bytes, kept until the job runs so that a job queued behind a failed one can move. */
  bytes: Uint8Array | undefined;
  path: string | undefined;
  /** The size limit of a `path` job. */
  maxBytes: number;
  ctx: ValidateContext;
  resolve: (r: PathResult | undefined) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Context objects this worker already holds, by the pool's id for them. */
  known: Set<number>;
  /** Jobs posted to this worker, in the order it takes them; the first is running. */
  jobs: Job[];
  /** The time limit of the running job. */
  timer: NodeJS.Timeout | undefined;
}

/** Bytes a worker may take ownership of: their own whole ArrayBuffer, never a shared slab. */
function transferable(bytes: Uint8Array): Uint8Array {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  )
    return bytes;
  return bytes.slice();
}

export function createValidatorPool(opts: PoolOptions): ValidatorPool {
  const jobs = Math.max(1, Math.floor(opts.jobs));
  let seconds = opts.secondsPerFile ?? DEFAULT_SECONDS_PER_FILE;
  const heapMb = opts.heapMb ?? DEFAULT_WORKER_HEAP_MB;
  const url = opts.workerUrl ?? defaultWorkerUrl();
  const slots: Slot[] = [];
  const queue: Job[] = [];
  const ctxIds = new WeakMap<ValidateContext, number>();
  let nextCtx = 1;
  let nextSeq = 1;
  let closed = false;

  /**
   * Arms the time limit of the slot's running job: from when it is handed to its worker, or
   * when the job before it ends. A new worker's own start (a fraction of a second) counts
   * against its first file; with the default 30 s that is noise.
   */
  const arm = (slot: Slot): void => {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    const job = slot.jobs[0];
    if (job === undefined) return;
    // Queued bytes were copied to the worker: from now on only the worker needs them.
    job.bytes = undefined;
    const limit = seconds;
    slot.timer = setTimeout(() => {
      if (slot.jobs[0] !== job) return;
      const rest = retire(slot);
      job.resolve({ sub: timeoutSubmission(job.file, limit) });
      requeue(rest);
    }, limit * 1000);
  };

  /**
   * Takes a worker out of the pool (timed out, out of memory, crashed): returns the jobs it
   * had not started, which go back to the front of the queue for another worker.
   */
  const retire = (slot: Slot): Job[] => {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    void slot.worker.terminate();
    return slot.jobs.splice(0).slice(1);
  };

  const requeue = (rest: Job[]): void => {
    queue.unshift(...rest);
    pump();
  };

  const spawn = (): Slot => {
    const worker = new Worker(url, {
      resourceLimits: {
        maxOldGenerationSizeMb: heapMb,
        maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
      },
      // A worker must never keep the CLI alive once the batch is done.
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, known: new Set(), jobs: [], timer: undefined };
    worker.on('message', (m: FromWorker) => {
      // bctd's worker answers in order; any worker speaking the protocol may not.
      const at = slot.jobs.findIndex((j) => j.seq === m.seq);
      const job = slot.jobs[at];
      if (job === undefined) return;
      slot.jobs.splice(at, 1);
      if (at === 0) arm(slot);
      if (m.type === 'done') {
        const r: PathResult = { sub: m.sub };
        if (m.sha256 !== undefined) r.sha256 = m.sha256;
        job.resolve(r);
      } else if (m.type === 'unread') job.resolve(undefined);
      else {
        // The engine threw: the same bug would throw in process; never swallow it.
        const e = new Error(m.message);
        if (m.stack !== undefined) e.stack = m.stack;
        job.reject(e);
      }
      pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (!slots.includes(slot)) return;
      const job = slot.jobs[0];
      const rest = retire(slot);
      if (job !== undefined) {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
          job.resolve({
            sub: outOfMemorySubmission(job.file, heapMb, {
              ...DEFAULT_READ_LIMITS,
              ...job.ctx.limits,
            }),
          });
        else job.reject(err);
      }
      requeue(rest);
    });
    worker.on('exit', () => {
      // An exit we did not ask for (retire() takes the slot out first).
      if (!closed && slots.includes(slot)) {
        const job = slot.jobs[0];
        const rest = retire(slot);
        job?.reject(new Error(`Luồng kiểm tra dừng bất thường khi đọc "${job.file}".`));
        requeue(rest);
      }
    });
    return slot;
  };

  const post = (slot: Slot, job: Job): void => {
    let ctxId = ctxIds.get(job.ctx);
    if (ctxId === undefined) {
      ctxId = nextCtx++;
      ctxIds.set(job.ctx, ctxId);
    }
    if (!slot.known.has(ctxId)) {
      const msg: ToWorker = { type: 'context', id: ctxId, ctx: workerContext(job.ctx) };
      slot.worker.postMessage(msg);
      slot.known.add(ctxId);
    }
    slot.jobs.push(job);
    const { seq, file } = job;
    if (job.path !== undefined) {
      const msg: ToWorker = {
        type: 'path',
        seq,
        ctxId,
        file,
        path: job.path,
        maxBytes: job.maxBytes,
      };
      slot.worker.postMessage(msg);
    } else if (slot.jobs.length === 1) {
      // It runs now: the worker takes the bytes over (no copy).
      const bytes = transferable(job.bytes ?? new Uint8Array(0));
      job.bytes = undefined;
      const msg: ToWorker = { type: 'file', seq, ctxId, file, bytes };
      slot.worker.postMessage(msg, [bytes.buffer as ArrayBuffer]);
    } else {
      // Queued behind a running file: a copy, so that the job can move to another worker if
      // this one is stopped before reaching it.
      const msg: ToWorker = {
        type: 'file',
        seq,
        ctxId,
        file,
        bytes: job.bytes ?? new Uint8Array(0),
      };
      slot.worker.postMessage(msg);
    }
    if (slot.jobs.length === 1) arm(slot);
  };

  const pump = (): void => {
    while (queue.length > 0 && !closed) {
      // An idle worker first, then a new one, then a place behind a running file.
      let slot = slots.find((s) => s.jobs.length === 0);
      if (slot === undefined && slots.length < jobs) {
        slot = spawn();
        slots.push(slot);
      }
      slot ??= slots.find((s) => s.jobs.length < QUEUE_DEPTH);
      if (slot === undefined) return;
      post(slot, queue.shift() as Job);
    }
  };

  const enqueue = (
    file: string,
    ctx: ValidateContext,
    source: { bytes: Uint8Array } | { path: string; maxBytes: number },
  ): Promise<PathResult | undefined> =>
    new Promise((resolve, reject) => {
      if (closed) {
        reject(new Error('pool closed'));
        return;
      }
      const job: Job = {
        seq: nextSeq++,
        file,
        bytes: 'bytes' in source ? source.bytes : undefined,
        path: 'path' in source ? source.path : undefined,
        maxBytes: 'path' in source ? source.maxBytes : 0,
        ctx,
        resolve,
        reject,
      };
      queue.push(job);
      pump();
    });

  const validate: Validator = async (bytes, file, ctx) => {
    const r = await enqueue(file, ctx, { bytes });
    // A bytes job is never unread: the worker does not read anything.
    if (r === undefined) throw new Error(`no result for "${file}"`);
    return r.sub;
  };

  const validatePath = (full: string, file: string, ctx: ValidateContext, maxBytes: number) =>
    enqueue(file, ctx, { path: full, maxBytes });

  const setSecondsPerFile = (s: number | undefined): void => {
    seconds = s ?? DEFAULT_SECONDS_PER_FILE;
  };

  const close = async (): Promise<void> => {
    closed = true;
    const all = slots.splice(0);
    for (const s of all) {
      if (s.timer !== undefined) clearTimeout(s.timer);
      for (const j of s.jobs.splice(0)) j.reject(new Error('pool closed'));
    }
    for (const j of queue.splice(0)) j.reject(new Error('pool closed'));
    await Promise.all(all.map((s) => s.worker.terminate()));
  };

  for (let i = Math.min(jobs, opts.prestart ?? 0); i > 0; i--) slots.push(spawn());

  return { validate, validatePath, setSecondsPerFile, close };
}

/**
 * Runs `task` over `items` with at most `limit` at once and hands each result to `onResult` in
 * input order (a result that arrives early waits for the ones before it). Items are pulled from
 * the iterable only as slots free up, so a caller that reads bytes inside `task` never holds
 * more than `limit` files in memory.
 */
export async function mapOrdered<T, R>(
  items: Iterable<T>,
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  onResult: (result: R, index: number) => void,
): Promise<void> {
  const it = items[Symbol.iterator]();
  const ready = new Map<number, R>();
  let next = 0;
  let emitted = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (failure) return;
      const step = it.next();
      if (step.done === true) return;
      const i = next++;
      let r: R;
      try {
        r = await task(step.value, i);
      } catch (error) {
        failure ??= { error };
        return;
      }
      ready.set(i, r);
      while (ready.has(emitted)) {
        const v = ready.get(emitted) as R;
        ready.delete(emitted);
        onResult(v, emitted);
        emitted++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  if (failure) throw failure.error;
}
