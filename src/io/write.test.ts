import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BctdError } from '../issues/errors.js';
import { realFs, writeFileAtomic, type WriteFs } from './write.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const fresh = () => mkdtempSync(path.join(tmpdir(), 'bctd-write-'));

function failing(code: string, at: keyof WriteFs): WriteFs {
  return {
    ...realFs,
    [at]: () => {
      const e = new Error(code) as NodeJS.ErrnoException;
      e.code = code;
      throw e;
    },
  };
}

describe('writeFileAtomic', () => {
  it('writes a new file and refuses to overwrite it without force', () => {
    const dir = fresh();
    const target = path.join(dir, 'bao-cao.docx');
    writeFileAtomic(target, bytes('một'));
    expect(() => writeFileAtomic(target, bytes('hai'))).toThrowError(/đã có/);
    expect(readFileSync(target, 'utf8')).toBe('một');
    writeFileAtomic(target, bytes('hai'), { force: true });
    expect(readFileSync(target, 'utf8')).toBe('hai');
    expect(readdirSync(dir)).toEqual(['bao-cao.docx']);
  });

  it.each([
    ['ENOSPC', 'writeSync', /ổ đĩa đã đầy/],
    ['EROFS', 'openSync', /chỉ cho phép đọc/],
    ['EACCES', 'linkSync', /không có quyền ghi/],
    ['ENOSPC', 'fsyncSync', /ổ đĩa đã đầy/],
  ] as const)('%s during %s ends in a clear error and leaves nothing behind', (code, at, msg) => {
    const dir = fresh();
    const target = path.join(dir, 'bao-cao.docx');
    let err: unknown;
    try {
      writeFileAtomic(target, bytes('x'.repeat(1000)), { fs: failing(code, at) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BctdError);
    expect((err as BctdError).code).toBe('write-failed');
    expect((err as BctdError).message).toMatch(msg);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failed replace keeps the old file whole', () => {
    const dir = fresh();
    const target = path.join(dir, 'bao-cao.docx');
    writeFileSync(target, 'cũ');
    expect(() =>
      writeFileAtomic(target, bytes('mới'), { force: true, fs: failing('ENOSPC', 'writeSync') }),
    ).toThrow(BctdError);
    expect(readFileSync(target, 'utf8')).toBe('cũ');
    expect(readdirSync(dir)).toEqual(['bao-cao.docx']);
  });
});
