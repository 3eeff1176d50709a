/**
 * The worker side of src/app/pool.ts: holds the batch's context (the outline is compiled once
 * per worker, on its first file) and runs the pure engine on each file's bytes.
 */
import { parentPort } from 'node:worker_threads';
import { validateWorkbook, type ValidateInput } from '../validate/engine.js';
import { builtinOutline } from './outline.js';
import type { FromWorker, ToWorker } from './pool.js';

type Context = Omit<ValidateInput, 'bytes' | 'file'>;

const port = parentPort;
if (port !== null) {
  const contexts = new Map<number, Context>();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'context') {
      // The same object for every file of the batch: the engine caches its compiled outline.
      contexts.set(m.id, { ...m.ctx, outlines: builtinOutline });
      return;
    }
    const ctx = contexts.get(m.ctxId);
    let reply: FromWorker;
    try {
      if (ctx === undefined) throw new Error(`no context ${m.ctxId}`);
      reply = {
        type: 'done',
        seq: m.seq,
        sub: validateWorkbook({ ...ctx, bytes: m.bytes, file: m.file }),
      };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { type: 'failed', seq: m.seq, message: err.message };
      if (err.stack !== undefined) reply.stack = err.stack;
    }
    port.postMessage(reply);
  });
}
