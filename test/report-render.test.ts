/**
 * What only layout shows (issue 5 "Done when"): LibreOffice converts the report to PDF with
 * Liberation Serif only, the Quốc hiệu on one line, `Số` level with the date, no page number on
 * page 1 and `2` on page 2. Skips with a reason when soffice is missing, unless
 * BCTD_REQUIRE_OFFICE=1. Page 1 is also rendered to test-artifacts/ to look at by eye.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/report/pack.js';
import { trieuSonSample } from '../src/report/sample.js';

const hasOffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
const required = process.env.BCTD_REQUIRE_OFFICE === '1';
const skipReason = 'LibreOffice (soffice) is not installed: layout checks of the report skipped';

if (!hasOffice && required) {
  describe('report layout through LibreOffice', () => {
    it('needs soffice (BCTD_REQUIRE_OFFICE=1)', () => {
      expect.fail('soffice is not on PATH but BCTD_REQUIRE_OFFICE=1');
    });
  });
}

function toPdf(docx: string, outDir: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'lo-'));
  try {
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${profile}`,
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        docx,
      ],
      { timeout: 180_000, stdio: 'ignore' },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return join(outDir, docx.replace(/^.*\//, '').replace(/\.docx$/, '.pdf'));
}

const pageText = (pdf: string, page: number) =>
  execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });

describe.skipIf(!hasOffice)(
  `report layout through LibreOffice${hasOffice ? '' : ` (${skipReason})`}`,
  () => {
    let dir: string;
    let pdf: string;
    let draftPdf: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'bctd-report-'));
      const file = join(dir, 'bao-cao.docx');
      writeFileSync(file, await renderReport(trieuSonSample()));
      pdf = toPdf(file, dir);
      const draft = join(dir, 'du-thao.docx');
      writeFileSync(draft, await renderReport(trieuSonSample({ draft: true })));
      draftPdf = toPdf(draft, dir);
    }, 400_000);
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('embeds only Liberation Serif (Times New Roman metrics)', () => {
      const out = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
      const names = out
        .split('\n')
        .slice(2)
        .filter((l) => l.trim() !== '')
        .map((l) => (l.split(/\s+/)[0] ?? '').replace(/^[A-Z]{6}\+/, ''));
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(n).toMatch(/^LiberationSerif(-(Bold|Italic|BoldItalic))?$/);
    });

    it('keeps the Quốc hiệu on one line and Số level with the date on page 1', () => {
      const lines = pageText(pdf, 1).split('\n');
      expect(lines.some((l) => l.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'))).toBe(true);
      const so = lines.find((l) => l.includes('Số: 125/BC-UBND')) ?? '';
      expect(so).toContain('Triệu Sơn, ngày 05 tháng 7 năm 2022');
    });

    it('shows no page number on page 1 and 2 at the top of page 2', () => {
      const first = pageText(pdf, 1)
        .split('\n')
        .filter((l) => l.trim() !== '');
      expect(first[0]).toContain('ỦY BAN NHÂN DÂN');
      expect(first.some((l) => /^\s*1\s*$/.test(l))).toBe(false);
      const second = pageText(pdf, 2)
        .split('\n')
        .filter((l) => l.trim() !== '');
      expect(second[0]?.trim()).toBe('2');
    });

    it('keeps the draft blanks on the line of Số', () => {
      const lines = pageText(draftPdf, 1).split('\n');
      const so = lines.find((l) => /Số:\s+\/BC-UBND/.test(l)) ?? '';
      expect(so).toMatch(/Triệu Sơn, ngày\s+tháng\s+năm 2022/);
    });

    it('renders page 1 to test-artifacts/ for a look by eye', () => {
      const out = join(process.cwd(), 'test-artifacts');
      mkdirSync(out, { recursive: true });
      execFileSync('pdftoppm', [
        '-r',
        '60',
        '-png',
        '-f',
        '1',
        '-l',
        '1',
        pdf,
        join(out, 'report-page1'),
      ]);
      const png = readFileSync(join(out, 'report-page1-1.png'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    });
  },
);
