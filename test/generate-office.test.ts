/**
 * The demo workspace's reports as a clerk and an inspector see them in a real office suite
 * (issue 5 "Done when"): the 6m report as a draft and numbered, and the year report, each made
 * by the built CLI with `--pdf`. LibreOffice's PDF has only Liberation Serif, the Quốc hiệu on
 * one line of page 1 and no page number there, `2` on top of page 2, numbering restarting in
 * every phụ lục, and `bctd lint --render` finds nothing. Without LibreOffice, `--pdf` still
 * writes the DOCX and says why there is no PDF. Page 1 of each is rendered to test-artifacts/.
 *
 * The DOCX text checks (no "undefined", Vietnamese numbers in every appendix table, header
 * words that fit their column) need no office suite and always run.
 *
 * Skips the office part with a stated reason when soffice, pdffonts, pdftotext or pdftoppm is
 * missing, unless BCTD_REQUIRE_OFFICE=1, then fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSoffice } from '../src/io/office.js';
import { textWidthTwips } from '../src/report/measure.js';
import { bctd, ROOT, tempDir } from './helpers/cli.js';

const env = process.env as Record<string, string | undefined>;
const has = (bin: string) => spawnSync(bin, ['-v'], { stdio: 'ignore' }).error === undefined;
const missing = [
  ...(findSoffice(env) ? [] : ['soffice']),
  ...['pdffonts', 'pdftotext', 'pdftoppm'].filter((b) => !has(b)),
];
const required = env.BCTD_REQUIRE_OFFICE === '1';
const skipReason = `${missing.join(', ')} not installed: LibreOffice checks of the demo reports skipped`;

if (missing.length > 0 && required) {
  describe('demo reports through LibreOffice', () => {
    it('needs soffice and poppler-utils (BCTD_REQUIRE_OFFICE=1)', () => {
      expect.fail(`missing ${missing.join(', ')} but BCTD_REQUIRE_OFFICE=1`);
    });
  });
}

interface Report {
  name: string;
  args: string[];
  docx: string;
}

let ws = '';
const reports: Report[] = [
  { name: '6m-du-thao', args: ['--period', '6m', '--year', '2022'], docx: '' },
  {
    name: '6m-so-125',
    args: ['--period', '6m', '--year', '2022', '--number', '125', '--date', '2022-07-05'],
    docx: '',
  },
  {
    name: 'nam-so-09',
    args: ['--period', 'year', '--year', '2022', '--number', '9', '--date', '2023-01-06'],
    docx: '',
  },
];

/** A copy of fixtures/demo (never changed itself). */
function demoCopy(): string {
  const dir = tempDir('bctd-demo-');
  cpSync(path.join(ROOT, 'fixtures', 'demo'), path.join(dir, 'ws'), { recursive: true });
  return path.join(dir, 'ws');
}

function generate(r: Report, extra: string[], runEnv: Record<string, string> = {}) {
  const g = bctd(['generate', ...r.args, '--out', r.docx, ...extra, '--format', 'json'], {
    cwd: ws,
    env: runEnv,
    timeout: 400_000,
  });
  expect(g.code, g.stdout + g.stderr).toBe(0);
  return g.json();
}

function docXml(file: string): string {
  return strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']!);
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Visible text of a piece of WordprocessingML, paragraph by paragraph. */
function textOf(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) =>
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((m) => (m[0] === '<w:br/>' ? '\n' : unescape(m[1] ?? '')))
        .join(''),
    )
    .join('\n');
}

/** Every table of a document: rows of cells, each cell's text and width in twips. */
function tables(xml: string): { header: boolean; cells: { text: string; width: number }[] }[][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...(t[1] ?? '').matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) => ({
      header: (r[1] ?? '').includes('<w:tblHeader/>'),
      cells: [...(r[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => ({
        text: textOf(c[1] ?? '').trim(),
        width: Number(/<w:tcW w:type="dxa" w:w="(\d+)"/.exec(c[1] ?? '')?.[1] ?? 0),
      })),
    })),
  );
}

beforeAll(() => {
  ws = demoCopy();
  for (const r of reports) r.docx = path.join(ws, '..', `bao-cao-${r.name}.docx`);
}, 30_000);
afterAll(() => {
  if (ws) rmSync(path.dirname(ws), { recursive: true, force: true });
});

describe('the demo reports as a clerk reads them (DOCX text)', () => {
  beforeAll(() => {
    for (const r of reports) generate(r, []);
  }, 300_000);

  it('print no "undefined", "null", "NaN" or "[object" anywhere', () => {
    for (const r of reports) {
      const text = textOf(docXml(r.docx));
      expect(text, r.name).not.toMatch(/undefined|\bnull\b|NaN|\[object/);
      expect(text.length).toBeGreaterThan(5000);
    }
  });

  it('write every number in the tables the Vietnamese way: 1.234 and 35,5%', () => {
    // A cell that is a number: digits with `.` thousands and `,` decimals, an optional `%`.
    const numeric = /^[-−]?[\d.,]+\s?%?$/;
    const vietnamese = /^[-−]?(\d{1,3}(\.\d{3})*|\d)(,\d+)?\s?%?$/;
    for (const r of reports) {
      let seen = 0;
      for (const t of tables(docXml(r.docx)))
        for (const row of t.filter((x) => !x.header))
          for (const c of row.cells)
            if (numeric.test(c.text)) {
              seen++;
              expect(c.text, `${r.name}: "${c.text}"`).toMatch(vietnamese);
            }
      // Thousands appear (population, participants), so the check is not vacuous.
      expect(seen, r.name).toBeGreaterThan(200);
      const all = tables(docXml(r.docx)).flatMap((t) =>
        t.flatMap((x) => x.cells.map((c) => c.text)),
      );
      expect(all.some((c) => /^\d{1,3}\.\d{3}$/.test(c))).toBe(true);
      expect(all.some((c) => /^\d+,\d%$/.test(c))).toBe(true);
    }
  });

  it('keep every header word of a table inside its column (no "ST/T" broken over two lines)', () => {
    // Cell margins are 85 twips each side (table.ts); the header is bold at the table size.
    for (const r of reports)
      for (const t of tables(docXml(r.docx)))
        for (const row of t.filter((x) => x.header))
          for (const c of row.cells)
            for (const word of c.text.split(/\s+/).filter(Boolean))
              expect(
                textWidthTwips(word, 12, { bold: true }) + 170,
                `${r.name}: "${word}" in a ${c.width}-twip column`,
              ).toBeLessThanOrEqual(c.width);
  });

  it('print an indicator’s long explanation once per table row, not in three columns', () => {
    for (const r of reports)
      // The indicator tables: those with a Ghi chú column.
      for (const t of tables(docXml(r.docx)).filter((x) =>
        x.some((row) => row.header && row.cells.some((c) => c.text === 'Ghi chú')),
      ))
        for (const row of t.filter((x) => !x.header)) {
          const long = row.cells.map((c) => c.text).filter((x) => x.length > 30);
          expect(new Set(long).size, `${r.name}: ${long.join(' | ')}`).toBe(long.length);
        }
  });

  it('leave none of noi-dung.md’s guidance comments in the report, and open with the directive', () => {
    // The annual report's noi-dung.md is the skeleton the first run writes.
    for (const r of reports) {
      const text = textOf(docXml(r.docx));
      expect(text, r.name).not.toMatch(/<!--|-->/);
    }
    const year = textOf(docXml(reports[2]!.docx));
    const opening = year.split('\n').find((l) => l.startsWith('Kính gửi:'));
    expect(opening).toBeDefined();
    const after = year.split('\n')[year.split('\n').indexOf(opening!) + 1] ?? '';
    expect(after).toMatch(/^Thực hiện Công văn số 702\/LĐTBXH-BĐG/);
  });

  it('state a target once: progress toward a later target year as the distance left', () => {
    for (const r of reports) {
      const text = textOf(docXml(r.docx));
      // Not "... (mục tiêu đạt ít nhất 60% (năm 2025)), mục tiêu năm 2025: ≥ 60%; kỳ này đạt ...".
      expect(text, r.name).not.toMatch(/kỳ này đạt/);
      expect(text, r.name).toMatch(/còn thấp hơn mục tiêu năm 2025 là \d+,\d điểm phần trăm/);
    }
  });

  it('never doubles a full stop ("bằng lời..") in the running text', () => {
    for (const r of reports) {
      const text = textOf(docXml(r.docx));
      expect(text, r.name).not.toMatch(/[^.]\.\.(?![./])/);
    }
  });
});

describe.skipIf(missing.length > 0)(
  `demo reports through LibreOffice${missing.length > 0 ? ` (${skipReason})` : ''}`,
  () => {
    const pdfs = new Map<string, string>();
    const pages = (pdf: string): string[] => {
      const all = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], {
        encoding: 'utf8',
      }).split('\f');
      if (all[all.length - 1]?.trim() === '') all.pop();
      return all;
    };
    const lines = (page: string) => page.split('\n').filter((l) => l.trim() !== '');

    beforeAll(() => {
      for (const r of reports) {
        const j = generate(r, ['--pdf', '--force']);
        pdfs.set(r.name, j.pdf as string);
      }
    }, 600_000);

    it('--pdf writes the PDF beside the DOCX', () => {
      for (const r of reports) {
        const pdf = pdfs.get(r.name)!;
        expect(pdf).toBe(r.docx.replace(/\.docx$/, '.pdf'));
        expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
    });

    it('embeds only Liberation Serif, in its four faces', () => {
      for (const r of reports) {
        const out = execFileSync('pdffonts', [pdfs.get(r.name)!], { encoding: 'utf8' });
        const names = out
          .split('\n')
          .slice(2)
          .filter((l) => l.trim() !== '')
          .map((l) => (l.split(/\s+/)[0] ?? '').replace(/^[A-Z]{6}\+/, ''));
        for (const n of names)
          expect(n, r.name).toMatch(/^LiberationSerif(-(Bold|Italic|BoldItalic))?$/);
        // Body (regular), headings (bold), the date line (italic), Nơi nhận (bold italic).
        expect(new Set(names).size, r.name).toBe(4);
      }
    });

    it('page 1: the Quốc hiệu on one line, Số level with the date, no page number', () => {
      for (const r of reports) {
        const first = lines(pages(pdfs.get(r.name)!)[0]!);
        expect(first[0], r.name).toContain('ỦY BAN NHÂN DÂN');
        expect(
          first.some((l) => l.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')),
          r.name,
        ).toBe(true);
        expect(
          first.some((l) => /^\s*\d+\s*$/.test(l)),
          r.name,
        ).toBe(false);
        const so = first.find((l) => /Số:/.test(l)) ?? '';
        expect(so, r.name).toMatch(/Triệu Sơn, ngày/);
        // The trích yếu under BÁO CÁO: no line of it is a lone word such as "2022".
        const title = first.findIndex((l) => l.trim() === 'BÁO CÁO');
        const kinhGui = first.findIndex((l) => l.includes('Kính gửi:'));
        expect(kinhGui - title, r.name).toBeGreaterThan(1);
        for (const l of first.slice(title + 1, kinhGui))
          expect(l.trim().split(/\s+/).length, `${r.name}: "${l.trim()}"`).toBeGreaterThanOrEqual(
            3,
          );
      }
      const numbered = lines(pages(pdfs.get('6m-so-125')!)[0]!);
      expect(numbered.find((l) => l.includes('Số: 125/BC-UBND'))).toContain(
        'Triệu Sơn, ngày 05 tháng 7 năm 2022',
      );
      const year = lines(pages(pdfs.get('nam-so-09')!)[0]!);
      expect(year.find((l) => l.includes('Số: 09/BC-UBND'))).toContain(
        'Triệu Sơn, ngày 06 tháng 01 năm 2023',
      );
    });

    it('numbers the pages from 2 and restarts the numbering in every phụ lục', () => {
      for (const r of reports) {
        const all = pages(pdfs.get(r.name)!);
        const expectedAppendices = (textOf(docXml(r.docx)).match(/^Phụ lục [IVXLC]+$/gm) ?? [])
          .length;
        expect(expectedAppendices, r.name).toBeGreaterThanOrEqual(2);
        let next = 2;
        let appendices = 0;
        for (let i = 1; i < all.length; i++) {
          const top = (lines(all[i]!)[0] ?? '').trim();
          if (/^Phụ lục [IVXLC]+$/.test(top)) {
            // The first page of a phụ lục is its page 1: no number shown, the next is 2.
            appendices++;
            next = 2;
            continue;
          }
          expect(top, `${r.name} page ${i + 1}`).toBe(String(next));
          next++;
        }
        expect(appendices, r.name).toBe(expectedAppendices);
      }
    });

    it('breaks a long phụ lục title or reference line evenly, never leaving one word alone', () => {
      for (const r of reports) {
        let seen = 0;
        for (const page of pages(pdfs.get(r.name)!)) {
          const ls = lines(page).map((l) => l.trim());
          if (!/^Phụ lục [IVXLC]+$/.test(ls[0] ?? '')) continue;
          // The title and the (Kèm theo ...) line, which ends with its closing bracket.
          const end = ls.findIndex((l) => l.endsWith(')'));
          expect(end, `${r.name}: ${ls[0]}`).toBeGreaterThan(1);
          for (const l of ls.slice(1, end + 1))
            expect(l.split(/\s+/).length, `${r.name} ${ls[0]}: "${l}"`).toBeGreaterThanOrEqual(3);
          seen++;
        }
        expect(seen, r.name).toBeGreaterThanOrEqual(2);
      }
    });

    it('bctd lint --render finds nothing in any of them', () => {
      for (const r of reports) {
        const l = bctd(['lint', r.docx, '--render', '--format', 'json'], { timeout: 400_000 });
        expect(l.code, `${r.name}: ${l.stdout}${l.stderr}`).toBe(0);
      }
    }, 900_000);

    it('renders page 1 of each to test-artifacts/ for a look by eye', () => {
      const out = path.join(ROOT, 'test-artifacts');
      mkdirSync(out, { recursive: true });
      for (const r of reports) {
        const base = path.join(out, `demo-${r.name}-trang1`);
        execFileSync('pdftoppm', [
          '-r',
          '80',
          '-png',
          '-f',
          '1',
          '-l',
          '1',
          '-singlefile',
          pdfs.get(r.name)!,
          base,
        ]);
        expect(readFileSync(`${base}.png`).subarray(1, 4).toString('latin1')).toBe('PNG');
      }
    });
  },
);

describe('generate --pdf without LibreOffice', () => {
  it('still writes the DOCX, exits 0 and says why there is no PDF', () => {
    const dirs = (env.PATH ?? '')
      .split(path.delimiter)
      .filter(
        (d) => !existsSync(path.join(d, 'soffice')) && !existsSync(path.join(d, 'libreoffice')),
      );
    const r: Report = { ...reports[0]!, docx: path.join(ws, '..', 'khong-office.docx') };
    const j = generate(r, ['--pdf'], {
      BCTD_SOFFICE: '/nonexistent/soffice',
      PATH: dirs.join(path.delimiter),
    });
    expect(existsSync(r.docx)).toBe(true);
    expect(existsSync(r.docx.replace(/\.docx$/, '.pdf'))).toBe(false);
    expect(j.pdf).toBeNull();
    expect((j.warnings as string[]).join('\n')).toContain(
      'Không tạo được bản PDF: máy chưa cài LibreOffice (soffice). Báo cáo DOCX đã được ghi',
    );
    // The text summary says the same to a clerk.
    const t = bctd(['generate', ...r.args, '--out', r.docx, '--force', '--pdf'], {
      cwd: ws,
      env: { BCTD_SOFFICE: '/nonexistent/soffice', PATH: dirs.join(path.delimiter) },
    });
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('Cảnh báo: Không tạo được bản PDF: máy chưa cài LibreOffice');
  }, 120_000);
});
