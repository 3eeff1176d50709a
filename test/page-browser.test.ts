/**
 * `bctd page` in a real browser (issue 8): the generated file opened from file:// in headless
 * Chromium shows, per workbook, exactly the issues `bctd validate --format json` reports for
 * the same files, makes no network request, and stops a check past its time limit.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOutline } from '../src/outline/load.js';
import { inputCells, inputsForKind, sectionsForKind } from '../src/outline/helpers.js';
import type { Outline } from '../src/outline/schema.js';
import { makePeriod } from '../src/period/periods.js';
import { readWorkbook } from '../src/workbook/index.js';
import { buildTemplate } from '../src/workbook/template.js';
import { bctd, ROOT, tempDir, type CliRun } from './helpers/cli.js';
import { fillTemplate } from './helpers/fill.js';
import { billionLaughs, legacyXls } from './helpers/hostile.js';

const CHROMIUM = '/usr/bin/chromium';
const required = process.env.BCTD_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
const reason = missing
  ? ` (bỏ qua: không có ${CHROMIUM}; đặt BCTD_REQUIRE_BROWSER=1 để bắt buộc)`
  : '';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');

function bdg(): Outline {
  const r = parseOutline(readFileSync(path.join(ROOT, 'outlines', 'bdg.yaml'), 'utf8'), 'bdg.yaml');
  if (!r.ok) throw new Error('outlines/bdg.yaml does not parse');
  return r.outline;
}

type Values = Record<string, Record<string, number | string | null>>;

/** Every entered cell of a town's (and a commune's) inputs filled so that every rule holds. */
function goodValues(outline: Outline): Values {
  const values: Values = {};
  for (const input of inputsForKind(outline, 'thi_tran', '6m')) {
    const v: Record<string, number | string> = {};
    for (const c of inputCells(outline, input)) {
      if (!c.entered) continue;
      v[c.member ?? 'value'] =
        input.type === 'yes_no' || input.type === 'text' ? 'Có' : c.isTotal ? 20 : 6;
    }
    values[input.code] = v;
  }
  return values;
}

const TOWN = { code: '15664', name: 'Thị trấn Triệu Sơn', kind: 'thi_tran' };
const COMMUNE = { code: '15665', name: 'Xã Dân Lực', kind: 'xa' };

async function unitWorkbook(
  outline: Outline,
  unit: typeof TOWN,
  values: Values,
  texts: Record<string, string>,
) {
  const blank = await buildTemplate({
    outline,
    unit,
    period: makePeriod('6m', 2022),
    generator: 'bctd test',
    now: { year: 2022, month: 6, day: 1 },
  });
  return fillTemplate(blank, {
    outline,
    values,
    texts,
    info: {
      'Người lập biểu': 'Lê Thị Hoa',
      'Điện thoại': '0237 3861 234',
      'Ngày lập': '15/06/2022',
    },
  });
}

interface Expected {
  files: Array<{
    path: string;
    valid: boolean;
    issues: Array<{ severity: string; code: string; sheet?: string; cell?: string }>;
  }>;
  summary: { files: number; valid: number; invalid: number; errors: number; warnings: number };
}

interface ShownIssue {
  severity: string;
  code: string;
  sheet: string | null;
  cell: string | null;
}
interface ShownCard {
  file: string;
  valid: string | null;
  issues: ShownIssue[];
}

const order = (a: ShownIssue, b: ShownIssue): number =>
  `${a.severity}|${a.code}|${a.sheet}|${a.cell}`.localeCompare(
    `${b.severity}|${b.code}|${b.sheet}|${b.cell}`,
  );

function wanted(f: Expected['files'][number]): ShownIssue[] {
  return f.issues
    .map((i) => ({
      severity: i.severity,
      code: i.code,
      sheet: i.sheet ?? null,
      cell: i.cell ?? null,
    }))
    .sort(order);
}

async function cards(page: Page): Promise<ShownCard[]> {
  return page.$$eval('article.card', (els) =>
    els.map((c) => ({
      file: c.getAttribute('data-file') ?? '',
      valid: c.getAttribute('data-valid'),
      issues: Array.from(c.querySelectorAll('tr.issue')).map((r) => ({
        severity: r.getAttribute('data-severity') ?? '',
        code: r.getAttribute('data-code') ?? '',
        sheet: r.getAttribute('data-sheet'),
        cell: r.getAttribute('data-cell'),
      })),
    })),
  );
}

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Opens the page and records every request and every error the page reports. */
async function open(browser: Browser, html: string, init?: () => void) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`);
  });
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
  return { page, requests, problems, close: () => context.close() };
}

async function waitDone(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('article.card[data-state="done"]').length === n &&
      document.querySelectorAll('article.card[data-state="checking"]').length === 0,
    count,
    { timeout: 60_000 },
  );
}

describe.skipIf(missing && !required)(`bctd page in Chromium${reason}`, () => {
  let dir: string;
  let browser: Browser | undefined;
  const files: Record<string, string> = {};
  let made: CliRun;
  let cliCode: number;
  let expected: Expected;

  beforeAll(async () => {
    if (missing) throw new Error(`BCTD_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing`);
    // The page bundle of the current sources (npm run build chains it; vitest alone may not).
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-page.js')], { cwd: ROOT });
    dir = tempDir('bctd-page-');
    const outline = bdg();
    const good = goodValues(outline);
    const texts: Record<string, string> = {};
    for (const s of sectionsForKind(outline, 'thi_tran', '6m')) texts[s.path] = 'Đã thực hiện.';
    const bad: Values = {
      ...good,
      SINH_SONG: { tong: 20, nu: 25 }, // Nữ > Tổng số
      CAN_BO_BDG: { tong: -3, nu: 1 }, // a negative count
      VU_BLGD: { value: '2,5' }, // a decimal in a count
      TT_HOAT_DONG: { value: '1.234' }, // a number typed as text
      DAN_SO: { tong: 5000, nu: null }, // blank required cell
    };
    files.good = path.join(dir, '15664-thi-tran-trieu-son-2022-6m.xlsx');
    files.bad = path.join(dir, '15665-xa-dan-luc-2022-6m.xlsx');
    files.xls = path.join(dir, 'xa-dong-loi.xls');
    files.bomb = path.join(dir, 'xa-dong-tien-2022-6m.xlsx');
    writeFileSync(files.good, await unitWorkbook(outline, TOWN, good, texts));
    writeFileSync(files.bad, await unitWorkbook(outline, COMMUNE, bad, { ...texts, 'I.1': '' }));
    writeFileSync(files.xls, legacyXls());
    writeFileSync(files.bomb, billionLaughs());
    // The page, and what the CLI says about the same files.
    made = bctd(
      [
        'page',
        '--period',
        '6m',
        '--year',
        '2022',
        '--out',
        path.join(dir, 'kiem-tra.html'),
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    const cli = bctd(
      [
        'validate',
        files.good,
        files.bad,
        files.xls,
        files.bomb,
        '--outline',
        'bdg',
        '--period',
        '6m',
        '--year',
        '2022',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    cliCode = cli.code;
    expected = cli.json() as unknown as Expected;
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows exactly the issues of bctd validate, offline, and prints', async () => {
    const html = path.join(dir, 'kiem-tra.html');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.json()).toMatchObject({ path: html, outline: { id: 'bdg' }, error: null });
    expect(cliCode).toBe(1);

    const { page, requests, problems, close } = await open(browser!, html);
    expect(await page.title()).toBe(
      'Kiểm tra báo cáo kết quả thực hiện các mục tiêu, chỉ tiêu về bình đẳng giới 6 tháng đầu năm 2022',
    );
    await page.setInputFiles('#file-input', [files.good!, files.bad!, files.xls!]);
    // The fourth is dropped on the drop zone, as a clerk would drag it from the mail.
    await page.evaluate(
      ({ name, bytes }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], name));
        document
          .getElementById('drop')!
          .dispatchEvent(
            new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
          );
      },
      { name: path.basename(files.bomb!), bytes: [...readFileSync(files.bomb!)] },
    );
    await waitDone(page, 4);
    const shown = await cards(page);

    expect(shown.map((c) => c.file).sort()).toEqual(
      expected.files.map((f) => path.basename(f.path)).sort(),
    );
    for (const f of expected.files) {
      const card = shown.find((c) => c.file === path.basename(f.path))!;
      expect(card.valid, f.path).toBe(String(f.valid));
      expect([...card.issues].sort(order), f.path).toEqual(wanted(f));
    }
    // The invalid workbook really is full of findings, each with its place.
    const bad = shown.find((c) => c.file === path.basename(files.bad!))!;
    expect(bad.valid).toBe('false');
    expect(bad.issues.filter((i) => i.severity === 'error').length).toBeGreaterThanOrEqual(4);
    expect(bad.issues.some((i) => i.cell !== null && i.sheet === 'Số liệu')).toBe(true);
    expect(shown.find((c) => c.file === 'xa-dong-loi.xls')!.issues.map((i) => i.code)).toEqual([
      'file-xls',
    ]);

    const s = expected.summary;
    expect(await page.textContent('#summary-line')).toBe(
      `${s.files} tệp: ${s.valid} hợp lệ, ${s.invalid} có lỗi (${s.errors} lỗi, ${s.warnings} cảnh báo)`,
    );
    // What a clerk reads: the unit, the period, the label of the input and the fix.
    const text =
      (await page.textContent(`article.card[data-file="${path.basename(files.bad!)}"]`)) ?? '';
    expect(text).toContain('15665 – Xã Dân Lực');
    expect(text).toContain('6 tháng đầu năm 2022');
    expect(text).toContain('Cách sửa:');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'page.png'), fullPage: true });

    // The annotated copy, as `validate --annotate` writes it: the issues sheet first, the
    // unit's own sheets kept.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click(`article.card[data-file="${path.basename(files.bad!)}"] button.annotate`),
    ]);
    expect(download.suggestedFilename()).toBe('15665-xa-dan-luc-2022-6m-danh-dau-loi.xlsx');
    const copy = path.join(dir, download.suggestedFilename());
    await download.saveAs(copy);
    const read = readWorkbook(new Uint8Array(readFileSync(copy)));
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.workbook.sheets.map((s) => s.name).slice(0, 3)).toEqual([
        'Danh sách lỗi',
        'Thông tin',
        'Số liệu',
      ]);
    }

    // Dropping a corrected copy of a file again replaces its card instead of adding one.
    await page.setInputFiles('#file-input', [files.good!]);
    await waitDone(page, 4);
    expect((await cards(page)).length).toBe(4);

    // The print view keeps the results and drops the drop zone and buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#drop')).toBe(false);
    expect(await page.isVisible('#print')).toBe(false);
    expect(await page.isVisible('#results')).toBe(true);
    expect(await page.isVisible('#summary-line')).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-print.png'), fullPage: true });

    const foreign = requests.filter((u) => !/^(file|blob|data):/.test(u));
    expect(foreign).toEqual([]);
    expect(requests[0]).toBe(pathToFileURL(html).href);
    expect(problems).toEqual([]);

    // Even code that tried could not send anything: the page's policy refuses connections.
    const fetched = await page.evaluate(() =>
      fetch('https://example.invalid/').then(
        () => 'sent',
        () => 'refused',
      ),
    );
    expect(fetched).toBe('refused');
    expect(problems.some((p) => p.includes('Content Security Policy'))).toBe(true);
    expect(requests.filter((u) => !/^(file|blob|data):/.test(u))).toEqual([]);
    await close();
  });

  it('stops a check past the time limit of bctd.yaml and says so', async () => {
    const ws = path.join(dir, 'huyen');
    mkdirSync(ws);
    expect(bctd(['init', ws]).code).toBe(0);
    const yaml = path.join(ws, 'bctd.yaml');
    const config = readFileSync(yaml, 'utf8');
    // A limit no real check can meet: the worker is terminated before it answers.
    writeFileSync(
      yaml,
      /seconds_per_file:/.test(config)
        ? config.replace(/seconds_per_file:\s*[\d.]+/, 'seconds_per_file: 0.001')
        : config.replace(/^limits:.*$/m, 'limits:\n  seconds_per_file: 0.001'),
    );
    const made = bctd(['page', '--period', '6m', '--year', '2022', '--format', 'json'], {
      cwd: ws,
    });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const html = path.join(ws, 'bieu-mau', 'kiem-tra-bdg-2022-6m.html');
    expect(made.json()).toMatchObject({ path: html });
    expect((made.json() as { units: number }).units).toBeGreaterThan(0);

    const { page, requests, problems, close } = await open(browser!, html);
    await page.setInputFiles('#file-input', [files.good!]);
    await waitDone(page, 1);
    const [card] = await cards(page);
    expect(card!.valid).toBe('false');
    expect(card!.issues.map((i) => i.code)).toEqual(['file-timeout']);
    expect(await page.textContent('article.card')).toContain('Đọc tệp quá');
    expect(requests.filter((u) => !/^(file|blob|data):/.test(u))).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it('still checks, on the page itself, where the browser has no Web Worker', async () => {
    const html = path.join(dir, 'kiem-tra.html');
    const { page, requests, problems, close } = await open(browser!, html, () => {
      delete (window as { Worker?: unknown }).Worker;
    });
    await page.setInputFiles('#file-input', [files.bad!]);
    await waitDone(page, 1);
    expect(await page.isVisible('#notice')).toBe(true);
    expect(await page.textContent('#notice')).toContain('không giới hạn thời gian');
    const [card] = await cards(page);
    expect(card!.valid).toBe('false');
    const want = expected.files.find((f) => f.path === files.bad)!;
    expect([...card!.issues].sort(order)).toEqual(wanted(want));
    expect(requests.filter((u) => !/^(file|blob|data):/.test(u))).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });
});
