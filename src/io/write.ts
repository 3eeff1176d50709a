import * as nodeFs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { BctdError } from '../issues/errors.js';

/**
 * The file-system calls the writer uses, injectable so tests can make them fail the way a
 * full disk (ENOSPC), a read-only mount (EROFS) or a locked folder (EACCES) does: CI runs as
 * root, where permissions alone never stop a write.
 */
export interface WriteFs {
  openSync: typeof nodeFs.openSync;
  writeSync: (fd: number, data: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof nodeFs.fsyncSync;
  closeSync: typeof nodeFs.closeSync;
  linkSync: typeof nodeFs.linkSync;
  renameSync: typeof nodeFs.renameSync;
  unlinkSync: typeof nodeFs.unlinkSync;
  mkdirSync: typeof nodeFs.mkdirSync;
  existsSync: typeof nodeFs.existsSync;
  readdirSync: (dir: string) => string[];
}

export const realFs: WriteFs = {
  openSync: nodeFs.openSync,
  writeSync: (fd, data, offset, length) => nodeFs.writeSync(fd, data, offset, length),
  fsyncSync: nodeFs.fsyncSync,
  closeSync: nodeFs.closeSync,
  linkSync: nodeFs.linkSync,
  renameSync: nodeFs.renameSync,
  unlinkSync: nodeFs.unlinkSync,
  mkdirSync: nodeFs.mkdirSync,
  existsSync: nodeFs.existsSync,
  readdirSync: (dir) => nodeFs.readdirSync(dir),
};

/**
 * Test hooks, read from the environment so that tests of the built CLI reach the same code a
 * clerk runs (CI runs as root, where permissions never fail a write):
 * - `BCTD_TEST_FS_FAULT=ENOSPC:writeSync` (or `EROFS:openSync,renameSync`, ...): those calls
 *   fail with that error code;
 * - `BCTD_TEST_WRITE_DELAY_MS=200`: bytes are written in 4 KB pieces with that pause between
 *   them, so a test can kill the process in the middle of a write.
 * Never set in normal use; without them `defaultFs()` is `realFs`.
 */
export function defaultFs(env: NodeJS.ProcessEnv = process.env): WriteFs {
  const fault = env.BCTD_TEST_FS_FAULT;
  const delay = Number(env.BCTD_TEST_WRITE_DELAY_MS ?? 0);
  if (!fault && !(delay > 0)) return realFs;
  const fs: WriteFs = { ...realFs };
  if (delay > 0) {
    const pause = new Int32Array(new SharedArrayBuffer(4));
    fs.writeSync = (fd, data, offset, length) => {
      Atomics.wait(pause, 0, 0, delay);
      return realFs.writeSync(fd, data, offset, Math.min(length, 4 * 1024));
    };
  }
  if (fault) {
    const [code = 'EIO', calls = 'writeSync'] = fault.split(':');
    for (const call of calls.split(',')) {
      if (!(call in fs)) continue;
      (fs as unknown as Record<string, unknown>)[call] = () => {
        const e = new Error(`${code}: injected by BCTD_TEST_FS_FAULT`) as NodeJS.ErrnoException;
        e.code = code;
        throw e;
      };
    }
  }
  return fs;
}

const REASONS: Record<string, string> = {
  ENOSPC: 'ổ đĩa đã đầy',
  EROFS: 'ổ đĩa chỉ cho phép đọc',
  EACCES: 'không có quyền ghi vào thư mục',
  EPERM: 'không có quyền ghi vào thư mục',
  EBUSY: 'tệp đang được mở trong chương trình khác (Word, Excel?)',
  ENOENT: 'thư mục không tồn tại',
  EISDIR: 'đường dẫn là một thư mục',
  ENOTDIR: 'một phần của đường dẫn không phải thư mục',
  EEXIST: 'tệp đã có',
};

function writeError(target: string, err: unknown): BctdError {
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  const reason = REASONS[code] ?? (err as Error)?.message ?? String(err);
  return new BctdError(
    'write-failed',
    `Không ghi được "${target}": ${reason}${code ? ` (${code})` : ''}.`,
    {
      hint: 'Không có tệp nào bị ghi dở. Giải phóng chỗ trống hoặc chọn thư mục khác rồi chạy lại.',
      cause: err,
    },
  );
}

export interface WriteOptions {
  /** Replace an existing file (atomically). Without it an existing file is an error. */
  force?: boolean;
  fs?: WriteFs;
}

/**
 * Writes a whole file or nothing: the bytes go to a temporary file beside the target, are
 * flushed to disk, and only then take the final name. Without `force` the final step is a
 * hard link, which fails if the name exists, so two runs at once can never both "win" and an
 * existing report is never overwritten; with `force` it is a rename, which replaces the old
 * file in one step. On any failure the temporary file is removed.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array, opts: WriteOptions = {}): void {
  const fs = opts.fs ?? defaultFs();
  const dir = path.dirname(target);
  if (!opts.force && fs.existsSync(target)) {
    throw new BctdError('output-exists', `Tệp "${target}" đã có.`, {
      hint: 'Thêm --force để ghi đè, hoặc chọn tên khác bằng --out.',
    });
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeError(target, e);
  }
  removeStaleTemps(fs, dir, path.basename(target));
  const tmp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx');
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (opts.force) {
      fs.renameSync(tmp, target);
    } else {
      try {
        fs.linkSync(tmp, target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new BctdError(
            'output-exists',
            `Tệp "${target}" vừa được một lần chạy khác ghi ra.`,
            {
              hint: 'Hai lần chạy cùng lúc ghi vào một tệp: giữ tệp đã có, hoặc chạy lại với --force.',
            },
          );
        }
        throw e;
      }
      fs.unlinkSync(tmp);
    }
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing; the original error matters */
      }
    }
    try {
      if (fs.existsSync(tmp)) fs.unlinkSync(tmp);
    } catch {
      /* best effort: the temporary name starts with a dot and ends in .tmp */
    }
    if (e instanceof BctdError) throw e;
    throw writeError(target, e);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A run killed in the middle of a write (power cut, Ctrl+C twice, SIGKILL) leaves its temporary
 * file `.<name>.<pid>.<random>.tmp` behind; the next write of the same name removes those
 * whose process is gone. A temporary file of a run still going is never touched.
 */
function removeStaleTemps(fs: WriteFs, dir: string, base: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `.${base}.`;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const m = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length));
    if (!m || alive(Number(m[1]))) continue;
    try {
      fs.unlinkSync(path.join(dir, name));
    } catch {
      /* best effort: a leftover is harmless, only untidy */
    }
  }
}

/**
 * Moves a file to a new name in the same file system (a superseded submission to `cu/`), never
 * over an existing file: rename is one step, so the file is at one name or the other, whole.
 * Failures of the disk become the same clear error as a failed write.
 */
export function moveFile(from: string, to: string, opts: { fs?: WriteFs } = {}): void {
  const fs = opts.fs ?? defaultFs();
  if (fs.existsSync(to))
    throw new BctdError('output-exists', `Tệp "${to}" đã có.`, {
      hint: 'Không ghi đè: đổi tên hoặc chuyển tệp đó đi rồi chạy lại.',
    });
  try {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(from, to);
  } catch (e) {
    throw writeError(to, e);
  }
}

/** Removes a file this run wrote itself, when undoing a step that failed half-way. */
export function discardFile(file: string, opts: { fs?: WriteFs } = {}): void {
  const fs = opts.fs ?? defaultFs();
  try {
    fs.unlinkSync(file);
  } catch (e) {
    throw writeError(file, e);
  }
}

/** Writes text (UTF-8) atomically. */
export function writeTextAtomic(target: string, text: string, opts: WriteOptions = {}): void {
  writeFileAtomic(target, new TextEncoder().encode(text), opts);
}
