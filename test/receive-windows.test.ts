import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bctd, ROOT, tempDir } from './helpers/cli.js';

const DEMO = path.join(ROOT, 'fixtures', 'demo', 'nop', '2022-6m');

/**
 * Clerks on Windows type `bctd receive Downloads\*.xlsx` in cmd or PowerShell, which pass the
 * `*` through unexpanded, or give the Downloads folder itself.
 */
describe('receive and validate take folders and * patterns themselves', () => {
  function downloads(): { ws: string; dl: string } {
    const ws = tempDir();
    expect(bctd(['init', ws]).code).toBe(0);
    const dl = path.join(ws, 'Tải về');
    mkdirSync(dl);
    copyFileSync(path.join(DEMO, '15664.xlsx'), path.join(dl, 'bao cao TT Trieu Son (1).xlsx'));
    copyFileSync(path.join(DEMO, '15667.xlsx'), path.join(dl, 'Thọ Sơn.xlsx'));
    copyFileSync(path.join(DEMO, '15667.xlsx'), path.join(dl, '~$Thọ Sơn.xlsx')); // Excel's lock file
    return { ws, dl };
  }

  it('files every workbook matched by a pattern the shell did not expand', () => {
    const { ws } = downloads();
    const r = bctd(
      [
        'receive',
        path.join('Tải về', '*.xlsx'),
        '--period',
        '6m',
        '--year',
        '2022',
        '--format',
        'json',
      ],
      {
        cwd: ws,
      },
    );
    expect(r.code).toBe(0);
    const files = (r.json() as { files: { status: string }[] }).files;
    expect(files).toHaveLength(2);
    expect(
      readdirSync(path.join(ws, 'nop', '2022-6m'))
        .filter((f) => f.endsWith('.xlsx'))
        .sort(),
    ).toEqual(['15664.xlsx', '15667.xlsx']);
  });

  it('receives a whole folder, skipping lock files', () => {
    const { ws } = downloads();
    const r = bctd(['receive', 'Tải về', '--period', '6m', '--year', '2022'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(
      readdirSync(path.join(ws, 'nop', '2022-6m')).filter((f) => f.endsWith('.xlsx')),
    ).toHaveLength(2);
  });

  it('a pattern that matches nothing is one refused input, not a crash', () => {
    const { ws } = downloads();
    const r = bctd(
      ['receive', 'Tải về/*.xls', '--period', '6m', '--year', '2022', '--format', 'json'],
      {
        cwd: ws,
      },
    );
    expect(r.code).toBe(1);
    expect((r.json() as { error: unknown }).error).toBeNull();
  });

  it('validate expands the pattern too', () => {
    const { ws } = downloads();
    const r = bctd(['validate', 'Tải về/Th?*.xlsx', '--format', 'json'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(
      (r.json() as { files: { path: string }[] }).files.map((f) => path.basename(f.path)),
    ).toEqual(['Thọ Sơn.xlsx']);
  });
});
