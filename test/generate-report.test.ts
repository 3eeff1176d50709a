import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as generate } from '../src/cli/commands/generate.js';
import { run as receive } from '../src/cli/commands/receive.js';
import type { GenerateOptions } from '../src/cli/program.js';
import { formatNumber } from '../src/text/numbers.js';
import { spawn } from 'node:child_process';
import { BIN, bctd } from './helpers/cli.js';
import {
  ctxAt,
  DATA_2021,
  DATA_2022,
  makeWorkspace,
  saveDownload,
  unitWorkbook,
  type UnitCode,
} from './generate-fixture.js';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
// `undefined` stands for an option the user did not give (commander leaves it out).
const opts = (
  o: { [K in keyof GenerateOptions]?: GenerateOptions[K] | undefined } = {},
): GenerateOptions =>
  ({
    format: 'text',
    draft: false,
    strict: false,
    force: false,
    pdf: false,
    period: '6m',
    year: 2022,
    ...o,
  }) as GenerateOptions;
/** The document's visible text, paragraph by paragraph. */
function docText(file: string): string {
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']!);
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&');
}

async function receiveAll(
  ws: string,
  period: string,
  data: typeof DATA_2022,
  codes: UnitCode[],
  when: string,
) {
  const [year, kind] = period.split('-');
  const files: string[] = [];
  for (const c of codes)
    files.push(
      saveDownload(
        ws,
        `${period}-${c}.xlsx`,
        await unitWorkbook(c, period, {
          values: data[c],
          texts: c === '15667' ? { I: 'Xã đã ban hành kế hoạch số 12/KH-UBND.' } : {},
        }),
      ),
    );
  const r = await receive(
    files,
    { format: 'text', period: kind!, year: Number(year) },
    ctxAt(ws, when),
  );
  expect(r.exitCode, r.text).toBe(0);
  return files;
}

describe('bctd generate', () => {
  let ws: string;
  let downloads: string[];
  beforeAll(async () => {
    ws = makeWorkspace();
    downloads = [
      ...(await receiveAll(
        ws,
        '2022-6m',
        DATA_2022,
        ['15664', '15667', '15670', 'TTYT'],
        '2022-06-18T09:00:00+07:00',
      )),
      ...(await receiveAll(
        ws,
        '2021-6m',
        DATA_2021,
        ['15664', '15667', '15670', 'TTYT'],
        '2021-06-18T09:00:00+07:00',
      )),
    ];
  }, 60_000);

  it('writes the skeleton noi-dung.md, then a draft whose totals are the sums of the submissions', async () => {
    const before = downloads.map(sha);
    const folder = path.join(ws, 'nop', '2022-6m');
    const inFolder = readdirSync(folder)
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => sha(path.join(folder, f)));
    const r = await generate([], opts({ format: 'json' }), ctxAt(ws, '2022-07-01T08:00:00+07:00'));
    expect(r.exitCode).toBe(0);
    const out = path.join(ws, 'bao-cao', '2022-6m', 'bao-cao-2022-6m.docx');
    expect(r.json.output).toBe(out);
    expect(r.json.draft).toBe(true);
    expect((r.json.noiDung as { created: boolean }).created).toBe(true);
    const skeleton = readFileSync(path.join(ws, 'bao-cao', '2022-6m', 'noi-dung.md'), 'utf8');
    expect(skeleton).toContain('## I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH');
    expect(skeleton).toContain('### 1. Lĩnh vực chính trị');
    expect(skeleton).toContain('<!-- Nêu các văn bản đã ban hành. -->');

    // Independent sums over what the units sent.
    const sum = (code: string, m: string, units: UnitCode[]) =>
      units.reduce((s, u) => s + (DATA_2022[u][code]?.[m] ?? 0), 0);
    const communes: UnitCode[] = ['15664', '15667', '15670'];
    const cb = sum('CB', 'tong', communes);
    const cbNu = sum('CB', 'nu', communes);
    const totals = r.json.totals as Record<string, Record<string, number>>;
    expect(totals.CB).toMatchObject({ tong: cb, nu: cbNu, nam: cb - cbNu });
    // Births come from the health centre only: the communes' own counts are not added.
    expect(totals.SINH_SONG).toMatchObject({
      tong: DATA_2022.TTYT.SINH_SONG!.tong,
      nu: DATA_2022.TTYT.SINH_SONG!.nu,
    });
    expect(totals.KINH_PHI!.value).toBeCloseTo(sum('KINH_PHI', 'value', communes));

    const text = docText(out);
    expect(text).toContain(
      `Tổng số cán bộ, công chức cấp xã là ${formatNumber(cb, 0)} người, trong đó nữ ${cbNu} người`,
    );
    // Indicator from summed numerator and denominator, never an average of the units' rates.
    const rate = formatNumber((cbNu / cb) * 100, 1);
    expect(text).toContain(`tỷ lệ nữ đạt ${rate}%`);
    const srb = formatNumber(((1234 - 580) / 580) * 100, 1);
    expect(text).toContain(`tỷ số giới tính khi sinh ${srb} bé trai/100 bé gái`);
    expect(text).toContain(
      'Số trẻ sinh ra sống là 1.234 trẻ (580 trẻ gái), tăng 54 (4,6%) so với cùng kỳ',
    );
    expect(text).toContain(
      'Kinh phí bố trí cho công tác bình đẳng giới 6 tháng đầu năm 2022 là 26 triệu đồng',
    );
    // Draft blanks (Mẫu 1.4 before signing).
    expect(text).toMatch(/Số:\s+\/BC-UBND/);
    expect(text).toContain('ngày    tháng    năm 2022');
    // Appendix table total and the completeness table.
    expect(text).toContain('Phụ lục I');
    expect(text).toContain('Tổng cộng');
    expect(text).toContain('Phải báo cáo');
    // The summary lists the sha256 of every input used.
    const inputs = r.json.inputs as { sha256: string; used: boolean }[];
    expect(inputs.map((i) => i.sha256).sort()).toEqual([...inFolder].sort());
    expect(inputs.every((i) => i.used)).toBe(true);
    expect((r.json.previous as { period: string }).period).toBe('2021-6m');
    // Inputs untouched.
    expect(downloads.map(sha)).toEqual(before);
    expect(
      readdirSync(folder)
        .filter((f) => f.endsWith('.xlsx'))
        .map((f) => sha(path.join(folder, f))),
    ).toEqual(inFolder);

    // The agency's own text goes under its heading, \n\n making paragraphs.
    const nd = skeleton
      .replace(
        '<!-- Nêu các văn bản đã ban hành. -->',
        'Ủy ban nhân dân huyện đã ban hành Kế hoạch số 45/KH-UBND.\r\n\r\nCác xã đã triển khai & tuyên truyền.',
      )
      .normalize('NFD');
    writeFileSync(path.join(ws, 'bao-cao', '2022-6m', 'noi-dung.md'), nd);
    const signed = path.join(ws, 'bao-cao', '2022-6m', 'so-125.docx');
    const r2 = await generate(
      [],
      opts({ number: 125, date: '2022-07-05', out: signed }),
      ctxAt(ws, '2022-07-05T08:00:00+07:00'),
    );
    expect(r2.exitCode, r2.text).toBe(0);
    const t2 = docText(signed);
    expect(t2).toContain('Số: 125/BC-UBND');
    expect(t2).toContain('Triệu Sơn, ngày 05 tháng 7 năm 2022');
    expect(t2).toContain(
      '(Kèm theo Báo cáo số 125/BC-UBND ngày 05 tháng 7 năm 2022 của Ủy ban nhân dân huyện Triệu Sơn)',
    );
    expect(t2).toMatch(
      /Ủy ban nhân dân huyện đã ban hành Kế hoạch số 45\/KH-UBND\.\nCác xã đã triển khai & tuyên truyền\./,
    );
    expect(r2.text).toContain('Kỳ báo cáo: 6 tháng đầu năm 2022 (2022-6m)');
    expect(r2.text).toMatch(/[0-9a-f]{64}/);

    // The report passes bctd lint (built CLI).
    for (const f of [out, signed]) {
      const l = bctd(['lint', f, '--format', 'json']);
      expect(l.code, l.stdout + l.stderr).toBe(0);
    }
  }, 120_000);

  it('an existing output without --force is exit 2 (BctdError output-exists); --force replaces it', async () => {
    const out = path.join(ws, 'bao-cao', 'ton-tai.docx');
    await generate([], opts({ out }), ctxAt(ws, '2022-07-01T08:00:00+07:00'));
    const first = sha(out);
    await expect(
      generate([], opts({ out }), ctxAt(ws, '2022-07-01T08:00:00+07:00')),
    ).rejects.toMatchObject({
      code: 'output-exists',
    });
    expect(sha(out)).toBe(first);
    const r = await generate(
      [],
      opts({ out, force: true, number: 7, date: '2022-07-06' }),
      ctxAt(ws, '2022-07-01T08:00:00+07:00'),
    );
    expect(r.exitCode).toBe(0);
    expect(docText(out)).toContain('Số: 07/BC-UBND');
  }, 60_000);

  it('--strict with a missing unit writes nothing and exits 1; without it the unit is listed', async () => {
    const ws2 = makeWorkspace();
    await receiveAll(
      ws2,
      '2022-6m',
      DATA_2022,
      ['15664', '15667', 'TTYT'],
      '2022-06-18T09:00:00+07:00',
    );
    const r = await generate([], opts({ strict: true }), ctxAt(ws2, '2022-07-01T08:00:00+07:00'));
    expect(r.exitCode).toBe(1);
    expect(existsSync(path.join(ws2, 'bao-cao', '2022-6m'))).toBe(false);
    expect(r.text).toContain('Xã Thọ Bình');
    const ok = await generate([], opts({}), ctxAt(ws2, '2022-07-01T08:00:00+07:00'));
    expect(ok.exitCode).toBe(0);
    expect(ok.text).toMatch(/15670 Xã Thọ Bình: chưa nộp/);
  }, 60_000);

  it('chooses the period from the date when --year is not given, and says so', async () => {
    const r = await generate(
      [],
      opts({ period: undefined, year: undefined, out: path.join(ws, 'chon-ky.docx') }),
      ctxAt(ws, '2022-07-02T08:00:00+07:00'),
    );
    expect(r.text).toContain('Kỳ báo cáo: 6 tháng đầu năm 2022 (2022-6m) — chọn theo ngày hôm nay');
  }, 60_000);

  it('two generate runs at once into the same path: one wins, the other exits 2, no partial file', () => {
    const out = path.join(ws, 'dong-thoi.docx');
    const bin = BIN;
    const runOne = () =>
      new Promise<number>((resolve) => {
        const p = spawn(
          process.execPath,
          [bin, 'generate', '--period', '6m', '--year', '2022', '--out', out, '--workspace', ws],
          { stdio: 'ignore' },
        );
        p.on('exit', (code) => resolve(code ?? -1));
      });
    return Promise.all([runOne(), runOne()]).then((codes) => {
      expect(codes.sort()).toEqual([0, 2]);
      expect(
        readdirSync(ws).filter((f) => f.includes('dong-thoi') && f !== 'dong-thoi.docx'),
      ).toEqual([]);
      const bytes = new Uint8Array(readFileSync(out));
      expect(() => unzipSync(bytes)).not.toThrow();
    });
  }, 120_000);
});
