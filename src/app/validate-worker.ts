/**
 * The worker side of src/app/pool.ts: holds the batch's context (the outline is compiled once
 * per worker, on its first file) and runs the pure engine on each file, read and hashed here
 * for a `path` job so that the main thread does not touch the bytes at all.
 */
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { nodeInflateRaw } from '../io/inflate.js';
import { readPlainFile } from '../io/read.js';
import type { Outline } from '../outline/schema.js';
import { validateWorkbook, type ValidateInput } from '../validate/engine.js';
import type { Submission } from '../validate/submission.js';
import type { FromWorker, ToWorker } from './pool.js';

type Context = Omit<ValidateInput, 'bytes' | 'file'>;

/** The one call of the engine: the same as the in-process validator in validate.ts. */
const check = (ctx: Context, bytes: Uint8Array, file: string): Submission =>
  validateWorkbook({ ...ctx, bytes, file, inflateRaw: nodeInflateRaw });

/**
 * In the bundle, the loader of this worker (dist/bundle/validate-worker.cjs, made by
 * scripts/build-cli.js) leaves a function that saves V8's code cache for the next workers if it
 * was missing or rejected: called after the first file, when what a file needs is compiled.
 * Elsewhere (tests, dist/app/) there is none.
 */
let saveCodeCache = (): void => {
  const save = (globalThis as Record<symbol, unknown>)[Symbol.for('bctd.saveCodeCache')];
  saveCodeCache = () => {};
  if (typeof save === 'function') save();
};

const port = parentPort;
if (port !== null) {
  const contexts = new Map<number, Context>();
  // Messages are handled one after the other, waiting for any import a context needs.
  let ready: Promise<void> = Promise.resolve();
  const handle = async (m: ToWorker): Promise<void> => {
    if (m.type === 'context') {
      // With the outline given (a workspace, --outline) the stamp never needs a lookup, and
      // the YAML and schema libraries behind builtinOutline are not loaded at all.
      let outlines: (id: string) => Outline | undefined = () => undefined;
      if (m.ctx.outline === undefined) {
        const { builtinOutline, preloadBuiltinOutlines } = await import('./outline.js');
        await preloadBuiltinOutlines();
        outlines = builtinOutline;
      }
      // The same object for every file of the batch: the engine caches its compiled outline.
      contexts.set(m.id, { ...m.ctx, outlines });
      return;
    }
    let bytes: Uint8Array;
    let sha256: string | undefined;
    if (m.type === 'path') {
      const read = readPlainFile(m.path, m.maxBytes);
      if (!read.ok) {
        // The caller reads it again and reports why it cannot be read, as in process.
        port.postMessage({ type: 'unread', seq: m.seq } satisfies FromWorker);
        return;
      }
      bytes = read.bytes;
      // Hashed first: the sha256 is of the bytes as sent, whatever the engine does with them.
      sha256 = createHash('sha256').update(bytes).digest('hex');
    } else bytes = m.bytes;
    const ctx = contexts.get(m.ctxId);
    let reply: FromWorker;
    try {
      if (ctx === undefined) throw new Error(`no context ${m.ctxId}`);
      reply = { type: 'done', seq: m.seq, sub: check(ctx, bytes, m.file) };
      if (sha256 !== undefined) reply.sha256 = sha256;
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { type: 'failed', seq: m.seq, message: err.message };
      if (err.stack !== undefined) reply.stack = err.stack;
    }
    port.postMessage(reply);
    saveCodeCache();
  };
  port.on('message', (m: ToWorker) => {
    ready = ready.then(() => handle(m));
  });
}
