/**
 * The two extra outputs of `bctd generate` on the demo workspace (issue 5):
 * - `--narratives FILE`: every unit's own text per section, under the unit's name, read back
 *   from the DOCX and compared with what the units wrote in their workbooks (read here with
 *   exceljs, independently of bctd's reader); it opens in LibreOffice.
 * - `--rollup FILE`: the district's totals as a unit workbook with the agency as the unit
 *   (code and kind from `agency.unit_code` / `unit_kind` in bctd.yaml), which a province
 *   workspace validates (no error) and aggregates with `generate` to the same totals.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertWithOffice, findSoffice } from '../src/io/office.js';
import { bctd, ROOT, tempDir } from './helpers/cli.js';

const env = process.env as Record<string, string | undefined>;
const soffice = findSoffice(env);
const required = env.BCTD_REQUIRE_OFFICE === '1';

let root = '';
let ws = '';
let report: Record<string, unknown> = {};
const out = (f: string) => path.join(root, f);

/** Visible text of a DOCX, one line per paragraph. */
function docText(file: string): string {
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']!);
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

async function sheetOf(file: string, name: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const s = wb.worksheets.find((w) => w.name === name);
  if (!s) throw new Error(`${file}: no sheet ${name}`);
  return s;
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
};

/** What a unit wrote per section in its `Nội dung` sheet (column A the section, C the text). */
async function unitTexts(file: string): Promise<Map<string, string>> {
  const s = await sheetOf(file, 'Nội dung');
  const m = new Map<string, string>();
  s.eachRow((row, r) => {
    if (r < 4) return;
    const sec = cellText(row.getCell(1).value).trim();
    const text = cellText(row.getCell(3).value).normalize('NFC').trim();
    if (sec !== '' && text !== '') m.set(sec, text);
  });
  return m;
}

beforeAll(() => {
  root = tempDir('bctd-outputs-');
  ws = path.join(root, 'huyen');
  cpSync(path.join(ROOT, 'fixtures', 'demo'), ws, { recursive: true });
  // The district reports upward as unit 389 (GSO code of Triệu Sơn), kind huyen.
  const cfg = readFileSync(path.join(ws, 'bctd.yaml'), 'utf8').replace(
    /^ {2}code: BC-UBND$/m,
    '  code: BC-UBND\n  unit_code: "389"\n  unit_kind: huyen',
  );
  expect(cfg).toContain('unit_code: "389"');
  writeFileSync(path.join(ws, 'bctd.yaml'), cfg);
  const g = bctd(
    [
      'generate',
      '--period',
      '6m',
      '--year',
      '2022',
      '--number',
      '125',
      '--date',
      '2022-07-05',
      '--out',
      out('bao-cao.docx'),
      '--narratives',
      out('noi-dung-don-vi.docx'),
      '--rollup',
      out('tong-hop.xlsx'),
      '--format',
      'json',
    ],
    { cwd: ws },
  );
  expect(g.code, g.stdout + g.stderr).toBe(0);
  report = g.json();
}, 180_000);
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('generate --narratives', () => {
  it('gathers each unit’s own text under its name, in the section the unit wrote it for', async () => {
    expect(report.narratives).toBe(out('noi-dung-don-vi.docx'));
    const text = docText(out('noi-dung-don-vi.docx'));
    const lines = text.split('\n');
    expect(lines[0]).toBe('TỔNG HỢP NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ');
    const units = YAML.parse(readFileSync(path.join(ws, 'units.yaml'), 'utf8')) as {
      units: { code: string; name: string }[];
    };
    const folder = path.join(ws, 'nop', '2022-6m');
    const headingOf = (sec: string) => {
      // `II.1` is printed as `1. Title` under `II. TITLE`: find the parent first.
      const parts = sec.split('.');
      let from = 0;
      for (const p of parts) {
        const i = lines.findIndex((l, k) => k >= from && l.startsWith(`${p}. `));
        expect(i, `heading ${p}. of ${sec}`).toBeGreaterThanOrEqual(0);
        from = i;
      }
      return from;
    };
    let checked = 0;
    for (const f of readdirSync(folder).filter((x) => x.endsWith('.xlsx'))) {
      const code = f.replace(/\.xlsx$/, '');
      const name = units.units.find((u) => u.code === code)?.name;
      if (name === undefined) continue;
      const texts = await unitTexts(path.join(folder, f));
      for (const [sec, t] of texts) {
        const first = t.split(/\r?\n/)[0]!.trim();
        const h = headingOf(sec);
        // The unit's name, then its text, after the section's heading and before the next one.
        const next = lines.findIndex((l, k) => k > h && /^([IVX]+|\d+)\. /.test(l));
        const block = lines.slice(h + 1, next === -1 ? undefined : next);
        const at = block.indexOf(`${name}:`);
        expect(at, `${name} under ${sec}`).toBeGreaterThanOrEqual(0);
        expect(block.slice(at + 1).some((l) => l.startsWith(first.slice(0, 60)))).toBe(true);
        checked++;
      }
    }
    // The demo's units wrote real sentences: dozens of them must be found.
    expect(checked).toBeGreaterThan(30);
    expect(text).not.toMatch(/undefined|\bnull\b|NaN|\[object/);
  });

  it.skipIf(!soffice && !required)(
    `opens in LibreOffice${soffice ? '' : ' (soffice not installed: skipped)'}`,
    async () => {
      const pdf = await convertWithOffice(out('noi-dung-don-vi.docx'), 'pdf', out('pdf'), {
        env,
        timeoutMs: 180_000,
      });
      const t = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(t).toContain('TỔNG HỢP NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ');
      expect(t).toContain('Trung tâm Y tế huyện:');
    },
    200_000,
  );
});

describe('generate --rollup', () => {
  const totals = () => report.totals as Record<string, Record<string, number | null>>;

  it('writes the totals as the agency’s own unit workbook (code and kind from bctd.yaml)', async () => {
    expect(report.rollup).toBe(out('tong-hop.xlsx'));
    const info = await sheetOf(out('tong-hop.xlsx'), 'Thông tin');
    const infoText: string[] = [];
    info.eachRow((r) =>
      infoText.push(r.values ? (r.values as ExcelJS.CellValue[]).map(cellText).join('|') : ''),
    );
    expect(infoText.join('\n')).toContain('389');
    expect(infoText.join('\n')).toContain('Ủy ban nhân dân huyện Triệu Sơn');
    // A few totals read straight from the cells: births (from the health centre), money.
    const data = await sheetOf(out('tong-hop.xlsx'), 'Số liệu');
    const rowOf = (code: string) => {
      let found: ExcelJS.Row | undefined;
      data.eachRow((r) => {
        if (cellText(r.getCell(2).value).trim() === code) found = r;
      });
      if (!found) throw new Error(`no row ${code}`);
      return (found.values as ExcelJS.CellValue[]).filter((v) => typeof v === 'number');
    };
    expect(rowOf('SINH_SONG')).toContain(totals().SINH_SONG!.tong);
    expect(rowOf('SINH_SONG')).toContain(totals().SINH_SONG!.nu);
    expect(rowOf('KINH_PHI_NSNN')).toContain(totals().KINH_PHI_NSNN!.thuc_hien);
    expect(rowOf('KINH_PHI_NSNN')).toContain(totals().KINH_PHI_NSNN!.du_toan);
  });

  describe('at the next level: a province workspace that lists the district', () => {
    let prov = '';
    beforeAll(() => {
      prov = path.join(root, 'tinh');
      mkdirSync(path.join(prov, 'nop', '2022-6m'), { recursive: true });
      // The province's outline: the same sections, inputs and indicators, each input reported
      // by the districts and summed (a district's yes/no answers arrive as counts).
      const o = YAML.parse(readFileSync(path.join(ROOT, 'outlines', 'bdg.yaml'), 'utf8')) as {
        unit_kinds: Record<string, string>;
        inputs: Record<string, unknown>[];
        sections: Record<string, unknown>[];
        appendix: { rows?: { from?: string } }[];
      };
      o.unit_kinds = { ...o.unit_kinds, huyen: 'Huyện' };
      for (const i of o.inputs) {
        i.reporters = ['huyen'];
        i.aggregate = 'sum';
        if (i.type === 'yes_no') i.type = 'integer';
      }
      const strip = (list: Record<string, unknown>[] | undefined) => {
        for (const s of list ?? []) {
          delete s.reporters;
          strip(s.children as Record<string, unknown>[] | undefined);
        }
      };
      strip(o.sections);
      o.appendix = o.appendix.filter((a) => a.rows?.from !== 'units');
      writeFileSync(path.join(prov, 'de-cuong-tinh.yaml'), YAML.stringify(o));
      writeFileSync(
        path.join(prov, 'bctd.yaml'),
        readFileSync(path.join(ROOT, 'fixtures', 'demo', 'bctd.yaml'), 'utf8')
          .replace(/^outline: .*$/m, 'outline: de-cuong-tinh.yaml')
          .replace(
            '- ỦY BAN NHÂN DÂN\n    - HUYỆN TRIỆU SƠN',
            '- ỦY BAN NHÂN DÂN\n    - TỈNH THANH HÓA',
          )
          .replace(/full_name: .*/, 'full_name: Ủy ban nhân dân tỉnh Thanh Hóa')
          .replace(/place: .*/, 'place: Thanh Hóa'),
      );
      writeFileSync(
        path.join(prov, 'units.yaml'),
        'units:\n  - { code: "389", name: Huyện Triệu Sơn, kind: huyen }\n',
      );
      cpSync(out('tong-hop.xlsx'), path.join(prov, 'nop', '2022-6m', '389.xlsx'));
    });

    it('bctd validate accepts the roll-up (no error)', () => {
      const v = bctd(
        ['validate', path.join(prov, 'nop', '2022-6m', '389.xlsx'), '--format', 'json'],
        {
          cwd: prov,
        },
      );
      expect(v.code, v.stdout + v.stderr).toBe(0);
      const issues = JSON.stringify(v.json());
      expect(issues).not.toMatch(/"severity":"error"/);
    });

    it('bctd generate there gets the district’s totals', () => {
      const g = bctd(
        [
          'generate',
          '--period',
          '6m',
          '--year',
          '2022',
          '--out',
          path.join(prov, 'bc.docx'),
          '--format',
          'json',
        ],
        { cwd: prov },
      );
      expect(g.code, g.stdout + g.stderr).toBe(0);
      const province = g.json().totals as Record<string, Record<string, number | null>>;
      const district = totals();
      const withNumbers = Object.keys(district).filter((k) =>
        Object.values(district[k]!).some((v) => v !== null),
      );
      expect(withNumbers.length).toBeGreaterThan(40);
      for (const k of withNumbers) {
        const d = district[k]!;
        const p = province[k] ?? {};
        for (const [m, v] of Object.entries(d))
          if (v !== null) expect(p[m], `${k}.${m}`).toBeCloseTo(v, 6);
      }
      expect((g.json().completeness as { valid: number }).valid).toBe(1);
    });
  });
});
