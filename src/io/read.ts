import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';

/** What reading a unit's file gave: its bytes, or why there are none. */
export type PlainRead =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'folder' | 'not-a-file' }
  | { ok: false; reason: 'too-large'; size: number }
  | { ok: false; reason: 'unreadable'; message: string; code?: string };

/** How a `not-a-file` read is described to the user, by every command that reads one. */
export const NOT_A_PLAIN_FILE = 'không phải một tệp thông thường (ống dẫn, thiết bị…)';

function unreadable(e: unknown): PlainRead {
  const r: PlainRead = { ok: false, reason: 'unreadable', message: (e as Error).message };
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== undefined) r.code = code;
  return r;
}

/** O_NONBLOCK where the platform has it (not on Windows, which has no named pipes in the way). */
const NONBLOCK = (constants as Partial<typeof constants>).O_NONBLOCK ?? 0;

/**
 * Reads a plain file of at most `maxBytes`. It is opened without blocking, because a named
 * pipe or a device given a workbook's name would otherwise wait for a writer forever or read
 * without end; what it is and how large is then asked of the file opened, so a file swapped in
 * between is never read past the limit, and a 2 GB attachment is never loaded into memory.
 * Used by the in-process read and by the worker threads alike.
 */
export function readPlainFile(file: string, maxBytes: number): PlainRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NONBLOCK);
  } catch (e) {
    // Windows refuses to open a folder (EISDIR): the same answer as where it opens.
    try {
      if (statSync(file).isDirectory()) return { ok: false, reason: 'folder' };
    } catch {
      /* the error of the open says why */
    }
    return unreadable(e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, reason: 'folder' };
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', size: st.size };
    const buf = readFileSync(fd);
    // Grown while being read.
    if (buf.byteLength > maxBytes) return { ok: false, reason: 'too-large', size: buf.byteLength };
    return { ok: true, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
  } catch (e) {
    return unreadable(e);
  } finally {
    closeSync(fd);
  }
}
