/**
 * The page's Web Worker: receives one file, checks it, posts the result. The page terminates
 * it past the time limit, so a hostile file can never hang the tab. Built as a classic script
 * (IIFE) and started from a Blob URL, because a page opened from file:// cannot load a worker
 * file. Where a browser refuses the worker, the page runs this same script itself and calls
 * `bctdCheck` (no time limit then).
 */
import { checkFile } from './check.js';
import type { CheckReply, CheckRequest } from './config.js';

interface WorkerScope {
  postMessage(message: CheckReply): void;
  onmessage: ((e: MessageEvent<CheckRequest>) => void) | null;
}

async function reply(req: CheckRequest): Promise<CheckReply> {
  try {
    return { ok: true, result: await checkFile(req) };
  } catch (e) {
    // A bug, not a problem in the file: say so plainly with the error's own text.
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

const g = globalThis as unknown as {
  bctdCheck?: typeof reply;
  WorkerGlobalScope?: unknown;
  document?: unknown;
};
g.bctdCheck = reply;
if (g.document === undefined && g.WorkerGlobalScope !== undefined) {
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (e) => {
    void reply(e.data).then((r) => scope.postMessage(r));
  };
}
