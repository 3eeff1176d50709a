/**
 * The annotated copy (the same as `bctd validate --annotate`): the unit's workbook with each
 * problem cell coloured and commented and a first sheet listing every issue, written by
 * src/workbook/annotate.ts (exceljs, bundled in its browser build). A separate worker, started
 * only when the clerk asks for the copy, so the check itself stays small and fast.
 */
import type { Issue } from '../src/issues/types.js';
import { annotateWorkbook } from '../src/workbook/annotate.js';
import type { ReadLimits } from '../src/workbook/types.js';

export interface AnnotateRequest {
  file: Blob;
  issues: Issue[];
  limits: ReadLimits;
}
export type AnnotateReply =
  { ok: true; bytes: Uint8Array; fallback: boolean } | { ok: false; message: string };

interface WorkerScope {
  postMessage(message: AnnotateReply, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<AnnotateRequest>) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (e) => {
  const req = e.data;
  void (async () => {
    try {
      const bytes = new Uint8Array(await req.file.arrayBuffer());
      const out = await annotateWorkbook(bytes, req.issues, req.limits);
      scope.postMessage({ ok: true, bytes: out.bytes, fallback: out.fallback }, [
        out.bytes.buffer as ArrayBuffer,
      ]);
    } catch (err) {
      scope.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  })();
};
