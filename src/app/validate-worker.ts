/**
 * The worker side of src/app/pool.ts: holds the batch's context (the outline is compiled once
 * per worker, on its first file) and runs the pure engine on each file's bytes.
 */
import { parentPort } from 'node:worker_threads';
import type { Outline } from '../outline/schema.js';
import { validateWorkbook, type ValidateInput } from '../validate/engine.js';
import type { FromWorker, ToWorker } from './pool.js';

type Context = Omit<ValidateInput, 'bytes' | 'file'>;

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
      if (m.ctx.outline === undefined) outlines = (await import('./outline.js')).builtinOutline;
      // The same object for every file of the batch: the engine caches its compiled outline.
      contexts.set(m.id, { ...m.ctx, outlines });
      return;
    }
    const ctx = contexts.get(m.ctxId);
    let reply: FromWorker;
    try {
      if (ctx === undefined) throw new Error(`no context ${m.ctxId}`);
      const sub = validateWorkbook({ ...ctx, bytes: m.bytes, file: m.file });
      reply = { type: 'done', seq: m.seq, sub };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { type: 'failed', seq: m.seq, message: err.message };
      if (err.stack !== undefined) reply.stack = err.stack;
    }
    port.postMessage(reply);
  };
  port.on('message', (m: ToWorker) => {
    ready = ready.then(() => handle(m));
  });
}
