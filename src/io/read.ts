import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { BctdError } from '../issues/errors.js';

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

const READ_REASONS: Record<string, string> = {
  ENOENT: 'không có tệp này',
  EACCES: 'không có quyền đọc',
  EPERM: 'không có quyền đọc',
  EISDIR: 'đường dẫn là một thư mục',
  ENOTDIR: 'một phần của đường dẫn không phải thư mục',
  EBUSY: 'tệp đang được mở trong chương trình khác',
  ELOOP: 'đường dẫn là một vòng liên kết',
};

/**
 * Why a file could not be read, in Vietnamese, with Node's code for whoever helps the clerk
 * (`không có tệp này (ENOENT)`); Node's own English message only for a code not listed.
 */
function readFailureReason(e: { code?: string | undefined; message: string }): string {
  const reason = e.code === undefined ? undefined : READ_REASONS[e.code];
  return reason === undefined ? e.message : `${reason} (${e.code as string})`;
}

/** Far more than any bctd.yaml, units.yaml or outline; a filed workbook is within its limits. */
const WHOLE_FILE_MAX_BYTES = 256 * 1024 * 1024;

/**
 * A whole file the clerk named (bctd.yaml, units.yaml, an outline, a filed workbook), read as
 * unit files are (readPlainFile: a named pipe or a device is refused at once, never waited
 * on), or exit 2 with why in Vietnamese: `Không đọc được <what> "<file>": <reason>`.
 */
export function readWholeFile(file: string, what: string, hint: string): Uint8Array {
  const r = readPlainFile(file, WHOLE_FILE_MAX_BYTES);
  if (r.ok) return r.bytes;
  let reason: string;
  if (r.reason === 'folder') reason = 'là một thư mục';
  else if (r.reason === 'too-large') reason = `lớn hơn ${WHOLE_FILE_MAX_BYTES / 1024 / 1024} MB`;
  else if (r.reason === 'unreadable') reason = readFailureReason(r);
  else reason = NOT_A_PLAIN_FILE;
  throw new BctdError('read-failed', `Không đọc được ${what} "${file}": ${reason}`, { hint });
}

/** readWholeFile as UTF-8 text, exactly as `readFileSync(file, 'utf8')` decodes it. */
export function readWholeText(file: string, what: string, hint: string): string {
  const bytes = readWholeFile(file, what, hint);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
