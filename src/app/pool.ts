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
/** Below this many files one in-process validator is faster than starting workers. */
export const SMALL_BATCH = 20;

/** `--jobs` as given (undefined: choose) -> how many validators run at once. */
export function jobsFor(requested: number | undefined, files: number): number {
  if (requested !== undefined) return Math.max(1, Math.floor(requested));
  return files >= SMALL_BATCH ? Math.max(1, availableParallelism()) : 1;
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
  | { type: 'file'; seq: number; ctxId: number; file: string; bytes: Uint8Array };
export type FromWorker =
  | { type: 'done'; seq: number; sub: Submission }
  | { type: 'failed'; seq: number; message: string; stack?: string };

export interface PoolOptions {
  jobs: number;
  secondsPerFile?: number | undefined;
  heapMb?: number | undefined;
  /**
   * The worker module (tests pass their own). Default: `validate-worker.js` beside this module
   * once built, or the one in dist/ when this module runs from the TypeScript sources.
   */
  workerUrl?: URL;
}

export interface ValidatorPool {
  validate: Validator;
  /** Stops every worker; the pool cannot be used afterwards. */
  close: () => Promise<void>;
}

/** The built worker; a URL, not a path, so that Windows paths (`C:\…`) never reach `new Worker`. */
export function defaultWorkerUrl(): URL {
  const beside = new URL('./validate-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
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
  bytes: Uint8Array;
  ctx: ValidateContext;
  resolve: (s: Submission) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Context objects this worker already holds, by the pool's id for them. */
  known: Set<number>;
  job: Job | undefined;
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
  const seconds = opts.secondsPerFile ?? DEFAULT_SECONDS_PER_FILE;
  const heapMb = opts.heapMb ?? DEFAULT_WORKER_HEAP_MB;
  const url = opts.workerUrl ?? defaultWorkerUrl();
  const slots: Slot[] = [];
  const queue: Job[] = [];
  const ctxIds = new WeakMap<ValidateContext, number>();
  let nextCtx = 1;
  let nextSeq = 1;
  let closed = false;

  const finish = (slot: Slot): Job | undefined => {
    const job = slot.job;
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    return job;
  };

  const spawn = (): Slot => {
    const worker = new Worker(url, {
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
      // A worker must never keep the CLI alive once the batch is done.
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, known: new Set(), job: undefined, timer: undefined };
    worker.on('message', (m: FromWorker) => {
      if (slot.job?.seq !== m.seq) return;
      const job = finish(slot);
      if (job === undefined) return;
      if (m.type === 'done') job.resolve(m.sub);
      else {
        // The engine threw: the same bug would throw in process; never swallow it.
        const e = new Error(m.message);
        if (m.stack !== undefined) e.stack = m.stack;
        job.reject(e);
      }
      pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const job = finish(slot);
      replace(slot);
      if (job !== undefined) {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
          job.resolve(
            outOfMemorySubmission(job.file, heapMb, {
              ...DEFAULT_READ_LIMITS,
              ...job.ctx.limits,
            }),
          );
        else job.reject(err);
      }
      pump();
    });
    worker.on('exit', () => {
      // An exit we did not ask for (terminate() replaces the slot first).
      if (!closed && slots.includes(slot)) {
        const job = finish(slot);
        replace(slot);
        job?.reject(new Error(`Luồng kiểm tra dừng bất thường khi đọc "${job.file}".`));
        pump();
      }
    });
    return slot;
  };

  const replace = (slot: Slot): void => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    void slot.worker.terminate();
  };

  const start = (slot: Slot, job: Job): void => {
    slot.job = job;
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
    const bytes = transferable(job.bytes);
    const msg: ToWorker = { type: 'file', seq: job.seq, ctxId, file: job.file, bytes };
    slot.worker.postMessage(msg, [bytes.buffer as ArrayBuffer]);
    // The job no longer holds the bytes: the worker owns them now.
    job.bytes = new Uint8Array(0);
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      finish(slot);
      replace(slot);
      job.resolve(timeoutSubmission(job.file, seconds));
      pump();
    }, seconds * 1000);
  };

  const pump = (): void => {
    while (queue.length > 0 && !closed) {
      let slot = slots.find((s) => s.job === undefined);
      if (slot === undefined) {
        if (slots.length >= jobs) return;
        slot = spawn();
        slots.push(slot);
      }
      start(slot, queue.shift() as Job);
    }
  };

  const validate: Validator = (bytes, file, ctx) =>
    new Promise<Submission>((resolve, reject) => {
      if (closed) {
        reject(new Error('pool closed'));
        return;
      }
      queue.push({ seq: nextSeq++, file, bytes, ctx, resolve, reject });
      pump();
    });

  const close = async (): Promise<void> => {
    closed = true;
    const all = slots.splice(0);
    for (const s of all) finish(s)?.reject(new Error('pool closed'));
    for (const j of queue.splice(0)) j.reject(new Error('pool closed'));
    await Promise.all(all.map((s) => s.worker.terminate()));
  };

  return { validate, close };
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
