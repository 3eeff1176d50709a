import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openZip } from '../src/ooxml/zip.js';
import { makePeriod } from '../src/period/periods.js';
import { readWorkbook, type RawSheet } from '../src/workbook/index.js';
import { SHEET } from '../src/workbook/layout.js';
import { buildTemplate } from '../src/workbook/template.js';
import { fillTemplate, sampleOutline } from './helpers/fill.js';

const run = promisify(execFile);
const outline = sampleOutline();

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

/** LibreOffice in its own profile and with a timeout, as a unit's office suite would save it. */
async function libreOfficeRoundTrip(bytes: Uint8Array): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'bctd-tpl-lo-'));
  try {
    mkdirSync(join(dir, 'in'));
    mkdirSync(join(dir, 'out'));
    const src = join(dir, 'in', 'bieu-mau.xlsx');
    writeFileSync(src, bytes);
    const { stderr } = await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx',
        '--outdir',
        join(dir, 'out'),
        src,
      ],
      { timeout: 120_000 },
    );
    expect(stderr).not.toMatch(/error/i);
    return new Uint8Array(readFileSync(join(dir, 'out', 'bieu-mau.xlsx')));
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

const value = (s: RawSheet, a: string) => s.cells.get(a)?.value;

async function filledTown(): Promise<Uint8Array> {
  const blank = await buildTemplate({
    outline,
    unit: { code: '15664', name: 'Thị trấn Triệu Sơn', kind: 'thi_tran' },
    period: makePeriod('6m', 2022),
    generator: 'bctd 9.9.9',
    now: { year: 2022, month: 6, day: 1 },
  });
  return fillTemplate(blank, {
    outline,
    info: { 'Người lập biểu': 'Lê Thị Hoa', 'Điện thoại': '0237 3861 234' },
    values: {
      SINH_SONG: { tong: 120, nu: 55 },
      CB_CC: { 'Tổng số': 24, Nam: 15, Nữ: 9 },
      BAO_LUC: { tong: 3, duoi_16: null },
      KINH_PHI: { value: '12,5' },
      CO_KH: { value: 'Có' },
    },
    texts: { 'I.1': 'Đã ban hành Kế hoạch số 12/KH-UBND ngày 10/02/2022.' },
  });
}

describe('fillTemplate', () => {
  it('types values into the row of the code and the column of the member', async () => {
    const bytes = await filledTown();
    const data = sheetOf(bytes, SHEET.data);
    // Rows: 6 SINH_SONG, 8 CB_CC, 10 BAO_LUC, 11 KINH_PHI, 12 CO_KH (5, 7, 9 are group headings).
    expect(['E6', 'G6', 'E8', 'F8', 'G8', 'E10', 'H10'].map((a) => value(data, a))).toEqual([
      120,
      55,
      24,
      15,
      9,
      3,
      undefined,
    ]);
    // Text typed by a clerk stays text: validation reads "12,5" the Vietnamese way.
    expect(data.cells.get('E11')).toMatchObject({ type: 'string', value: '12,5' });
    expect(value(data, 'E12')).toBe('Có');
    // The derived Nam (Tổng số - Nữ) keeps its formula and gets a stored result, as Excel saves it.
    expect(data.cells.get('F6')).toMatchObject({
      formula: 'IF(COUNT(E6,G6)<2,"",(E6-G6))',
      value: 65,
      hasCachedValue: true,
    });
    const info = sheetOf(bytes, SHEET.info);
    expect([value(info, 'B7'), value(info, 'B8')]).toEqual(['Lê Thị Hoa', '0237 3861 234']);
    const text = sheetOf(bytes, SHEET.text);
    expect(value(text, 'C5')).toBe('Đã ban hành Kế hoạch số 12/KH-UBND ngày 10/02/2022.');
    // The stamp survives the round trip through exceljs.
    expect(value(sheetOf(bytes, SHEET.stamp), 'B4')).toBe('15664');
  });

  it('says which code, member or section it cannot find', async () => {
    const blank = await filledTown();
    await expect(fillTemplate(blank, { values: { KHONG_CO: { value: 1 } } })).rejects.toThrow(
      /Mã "KHONG_CO"/,
    );
    await expect(fillTemplate(blank, { values: { SINH_SONG: { nu: 1 } } })).rejects.toThrow(
      /no column "nu"/,
    );
    await expect(fillTemplate(blank, { texts: { 'IX.9': 'x' } })).rejects.toThrow(/IX\.9/);
  });

  it.skipIf(!office && !required)(
    'keeps values, stamp and layout through LibreOffice (needs soffice; skipped without it)',
    async () => {
      const saved = await libreOfficeRoundTrip(await filledTown());
      const r = readWorkbook(saved);
      if (!r.ok) throw new Error(`${r.problem}: ${r.detail}`);
      // LibreOffice keeps the stamp sheet but saves "very hidden" as plain "hidden": whoever
      // reads the stamp must accept both.
      expect(r.workbook.sheets.map((s) => [s.name, s.state])).toEqual([
        ['Thông tin', 'visible'],
        ['Số liệu', 'visible'],
        ['Nội dung', 'visible'],
        ['Hướng dẫn', 'visible'],
        ['_bctd', 'hidden'],
      ]);
      const data = sheetOf(saved, SHEET.data);
      expect(['E6', 'G6', 'E8', 'F8', 'G8', 'E10'].map((a) => value(data, a))).toEqual([
        120, 55, 24, 15, 9, 3,
      ]);
      expect(value(data, 'E11')).toBe('12,5');
      expect(value(data, 'B6')).toBe('SINH_SONG');
      // LibreOffice computes the derived cell (Nam = Tổng số - Nữ) and stores the result.
      expect(data.cells.get('F6')).toMatchObject({ value: 65, hasCachedValue: true });
      expect(value(sheetOf(saved, SHEET.text), 'C5')).toBe(
        'Đã ban hành Kế hoạch số 12/KH-UBND ngày 10/02/2022.',
      );
      // Validation lists, protection and the sum check survive the office suite's save.
      const z = openZip(saved);
      if (!z.ok) throw new Error(z.problem);
      const xml = new TextDecoder().decode(
        z.zip.read(r.workbook.sheets[1]?.path ?? '') ?? new Uint8Array(),
      );
      expect(xml).toMatch(/<dataValidation [^>]*type="list"/);
      expect(xml).toMatch(/<dataValidation [^>]*type="whole"/);
      expect(xml).toMatch(/<sheetProtection [^>]*sheet="(1|true)"/);
      expect(xml).not.toMatch(/hashValue|password=/);
      expect(xml).toMatch(/<conditionalFormatting /);
      expect(value(sheetOf(saved, SHEET.stamp), 'B3')).toBe(
        value(sheetOf(await filledTown(), SHEET.stamp), 'B3'),
      );
    },
    180_000,
  );
});
