import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../src/workbook/index.js';
import type { RawSheet } from '../src/workbook/index.js';
import { buildXlsx } from './helpers/xlsx.js';

const run = promisify(execFile);

async function hasSoffice(): Promise<boolean> {
  try {
    await run('soffice', ['--version'], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

const office = await hasSoffice();
const required = process.env.BCTD_REQUIRE_OFFICE === '1';

/** Converts with LibreOffice in its own profile, so parallel runs do not share a lock. */
async function roundTrip(bytes: Uint8Array): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'bctd-lo-'));
  try {
    const src = join(dir, 'in', 'don-vi.xlsx');
    const out = join(dir, 'out');
    await run('mkdir', ['-p', join(dir, 'in'), out]);
    writeFileSync(src, bytes);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx',
        '--outdir',
        out,
        src,
      ],
      { timeout: 120_000 },
    );
    return new Uint8Array(readFileSync(join(out, 'don-vi.xlsx')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sheetOf(bytes: Uint8Array, name: string): RawSheet {
  const r = readWorkbook(bytes);
  if (!r.ok) throw new Error(`${r.problem}: ${r.detail}`);
  const s = r.workbook.sheet(name);
  if (!s.ok) throw new Error(`${s.problem}: ${s.detail}`);
  return s;
}

describe('a workbook saved again by LibreOffice', () => {
  it.skipIf(!office && !required)(
    office || required
      ? 'reads the same values'
      : 'reads the same values (skipped: soffice not installed)',
    async () => {
      expect(office, 'BCTD_REQUIRE_OFFICE=1 but soffice is not installed').toBe(true);
      const original = await buildXlsx(
        {
          'Số liệu': [
            ['Mã', 'Nội dung', 'Tổng số', 'Nam', 'Nữ', 'Tỷ lệ'],
            ['DS01', 'Dân số trung bình', 12500, 6100, 6400, { value: 0.488, numFmt: '0.0%' }],
            ['DS02', 'Số trẻ em sinh ra', 210, 101, 109, { value: 0.35, numFmt: '0%' }],
            [
              'TS',
              'Tổng',
              { formula: 'C2+C3', result: 12710 },
              { formula: 'D2+D3', result: 6201 },
              null,
              null,
            ],
            [
              'GC',
              { richText: [{ text: 'Toµn x·', font: { name: '.VnTime' } }] },
              -3.25,
              true,
              null,
              null,
            ],
          ],
          'Thông tin': [
            ['Đơn vị', 'UBND xã Yên Bình'],
            ['Người lập', 'Nguyễn Thị Hà'],
          ],
        },
        { merges: { 'Thông tin': ['B1:D1'] } },
      );
      const converted = await roundTrip(original);
      for (const name of ['Số liệu', 'Thông tin']) {
        const a = sheetOf(original, name);
        const b = sheetOf(converted, name);
        const pick = (s: RawSheet) =>
          Object.fromEntries(
            [...s.cells.values()].map((c) => [
              c.address,
              [c.type, c.value, c.formula ?? null, c.numFmt?.includes('%') ?? false],
            ]),
          );
        expect(pick(b)).toEqual(pick(a));
        expect(b.merges).toEqual(a.merges);
      }
      expect(
        sheetOf(converted, 'Số liệu').cells.get('B5')?.runs?.[0]?.font?.name ??
          sheetOf(converted, 'Số liệu').cells.get('B5')?.font?.name,
      ).toBe('.VnTime');
    },
    180_000,
  );
});
