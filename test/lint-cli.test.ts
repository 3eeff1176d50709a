import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from './helpers/docx-faults.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bctd.js');
let dir = '';

function lint(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'lint', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  // `npm test` builds first; a bare `vitest run` needs the build too.
  if (!existsSync(path.join(root, 'dist', 'cli', 'commands', 'lint.js'))) {
    const b = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stdout}${b.stderr}`);
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'bctd-lint-cli-'));
  writeFileSync(path.join(dir, 'dung.docx'), await buildReport());
  writeFileSync(path.join(dir, 'thang07.docx'), await buildReport({ month07: true }));
  writeFileSync(path.join(dir, 'ghi-chu.docx'), 'không phải docx');
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('bctd lint (built CLI)', () => {
  it('exit 0 and conforms: true for a correct báo cáo', () => {
    const r = lint('--format', 'json', 'dung.docx');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.error).toBeNull();
    expect(out.files[0]).toMatchObject({
      path: 'dung.docx',
      readable: true,
      type: 'bao-cao',
      conforms: true,
    });
    expect(out.summary).toMatchObject({ files: 1, conforming: 1, failing: 0, unreadable: 0 });
  });

  it('exit 1 with the failing check, its location and fix', () => {
    const r = lint('--format', 'json', 'dung.docx', 'thang07.docx');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const bad = out.files[1];
    expect(bad.conforms).toBe(false);
    const failed = bad.checks.filter((c: { status: string }) => c.status === 'fail');
    expect(failed.map((c: { code: string }) => c.code)).toEqual(['nd30-date-line']);
    expect(failed[0].findings[0]).toMatchObject({
      location: { table: 1, row: 2, cell: 2 },
      text: 'Triệu Sơn, ngày 05 tháng 07 năm 2022',
      fix: 'Ghi "Triệu Sơn, ngày 05 tháng 7 năm 2022".',
    });
  });

  it('exit 1 for a missing file, a directory and a file that is not a DOCX', () => {
    const r = lint('--format', 'json', 'khong-co.docx', '.', 'ghi-chu.docx');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(
      out.files.map((f: { readable: boolean; problem: { code: string } }) => [
        f.readable,
        f.problem.code,
      ]),
    ).toEqual([
      [false, 'docx-missing'],
      [false, 'docx-directory'],
      [false, 'docx-not-zip'],
    ]);
  });

  it.skipIf(process.platform === 'win32')(
    'a device given as a report is refused, not read without end',
    () => {
      const r = lint('--format', 'json', '/dev/zero');
      expect(r.code).toBe(1);
      const f = JSON.parse(r.stdout).files[0];
      expect(f.readable).toBe(false);
      expect(f.problem.code).toBe('docx-read-failed');
      expect(f.problem.message).toMatch(/không phải một tệp thông thường/);
    },
  );

  it('text output names the place, the rule and the fix', () => {
    const r = lint('thang07.docx');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Bảng 1, hàng 2, ô 2, đoạn 1: "Triệu Sơn, ngày 05 tháng 07 năm 2022"',
    );
    expect(r.stdout).toContain('Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4');
    expect(r.stdout).toContain('Cách sửa: Ghi "Triệu Sơn, ngày 05 tháng 7 năm 2022".');
  });

  it('exit 2 for a bad option', () => {
    const r = lint('--format', 'xml', 'dung.docx');
    expect(r.code).toBe(2);
  });
});
