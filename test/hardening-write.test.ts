/**
 * The io layer's part of "Nothing lost" (issue 7), below the CLI: the temporary files a killed
 * run leaves are removed by the next write of that name (never those of a run still going),
 * the test hooks inject exactly the failure asked for, and a move never replaces a file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BctdError } from '../src/issues/errors.js';
import { defaultFs, moveFile, realFs, writeFileAtomic } from '../src/io/write.js';
import { tempDir } from './helpers/cli.js';

const bytes = (s: string) => new TextEncoder().encode(s);

/** The pid of a process that has already ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

describe('temporary files of a killed run', () => {
  it('are removed by the next write of the same name; a live run and other names are kept', () => {
    const dir = tempDir('bctd-stale-');
    const dead = `.bao-cao.docx.${deadPid()}.0badf00d.tmp`;
    const live = `.bao-cao.docx.${process.pid}.cafe0001.tmp`;
    const other = `.tong-hop.xlsx.${deadPid()}.0badf00d.tmp`;
    for (const n of [dead, live, other]) writeFileSync(path.join(dir, n), 'dở dang');
    writeFileAtomic(path.join(dir, 'bao-cao.docx'), bytes('mới'));
    expect(readdirSync(dir).sort()).toEqual([live, other, 'bao-cao.docx'].sort());
    expect(readFileSync(path.join(dir, 'bao-cao.docx'), 'utf8')).toBe('mới');
  });
});

describe('defaultFs test hooks', () => {
  it('without the variables it is the real file system', () => {
    expect(defaultFs({})).toBe(realFs);
  });

  it('BCTD_TEST_FS_FAULT fails exactly the calls named, with the code given', () => {
    const fs = defaultFs({ BCTD_TEST_FS_FAULT: 'EROFS:openSync,linkSync' });
    expect(() => fs.openSync('/tmp/x', 'r')).toThrow(
      expect.objectContaining({ code: 'EROFS' }) as Error,
    );
    expect(() => fs.linkSync('/a', '/b')).toThrow(/EROFS/);
    expect(fs.existsSync).toBe(realFs.existsSync);
    const dir = tempDir('bctd-fault-');
    let err: unknown;
    try {
      writeFileAtomic(path.join(dir, 'a.docx'), bytes('x'), { fs });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BctdError);
    expect((err as BctdError).message).toMatch(/chỉ cho phép đọc \(EROFS\)/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('BCTD_TEST_WRITE_DELAY_MS writes in small pieces and still writes every byte', () => {
    const fs = defaultFs({ BCTD_TEST_WRITE_DELAY_MS: '1' });
    const dir = tempDir('bctd-slow-');
    const data = new Uint8Array(20_000).map((_, i) => i % 251);
    writeFileAtomic(path.join(dir, 'a.bin'), data, { fs });
    expect(new Uint8Array(readFileSync(path.join(dir, 'a.bin')))).toEqual(data);
  });
});

describe('moveFile', () => {
  it('moves whole, into a new folder, and never over an existing file', () => {
    const dir = tempDir('bctd-move-');
    const a = path.join(dir, '15664.xlsx');
    const b = path.join(dir, 'cu', '15664-20220618T091200.xlsx');
    writeFileSync(a, 'bản đầu');
    moveFile(a, b);
    expect(existsSync(a)).toBe(false);
    expect(readFileSync(b, 'utf8')).toBe('bản đầu');
    writeFileSync(a, 'bản hai');
    expect(() => moveFile(a, b)).toThrow(/đã có/);
    expect(readFileSync(b, 'utf8')).toBe('bản đầu');
    expect(readFileSync(a, 'utf8')).toBe('bản hai');
  });

  it('a refused rename is a clear write error and the file stays', () => {
    const dir = tempDir('bctd-move-');
    const a = path.join(dir, '15664.xlsx');
    writeFileSync(a, 'x');
    const fs = defaultFs({ BCTD_TEST_FS_FAULT: 'EACCES:renameSync' });
    expect(() => moveFile(a, path.join(dir, 'cu', 'y.xlsx'), { fs })).toThrow(/không có quyền ghi/);
    expect(readFileSync(a, 'utf8')).toBe('x');
  });
});
