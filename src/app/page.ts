/**
 * `bctd page` (issue 8): one self-contained HTML file that a district sends its units, so that
 * a commune officer can check a workbook without installing anything. At run time this only
 * reads the bundle made at build time (dist/page/, scripts/build-page.js: the CLI's own pure
 * validation code, bundled for the browser) and inlines it with the CSS and the outline into
 * one file, written atomically. Nothing in the page is fetched: scripts, styles and data are
 * inline, and a Content-Security-Policy forbids any connection.
 */
import { resolvePeriod } from './period.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BctdError } from '../issues/errors.js';
import { writeTextAtomic } from '../io/write.js';
import type { Outline } from '../outline/schema.js';
import { formatYmd, ymdFromDate, type Period } from '../period/periods.js';
import type { Unit } from '../period/units.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../workbook/types.js';
import { findWorkspace, loadWorkspace, type Workspace } from '../workspace/workspace.js';
import { loadOutlineFor } from './outline.js';
import { packageRoot } from './paths.js';
import { readLimitsOf } from './validate.js';

/** Seconds a check may run in the page before its worker is stopped (bctd.yaml `seconds_per_file`). */
export const DEFAULT_SECONDS_PER_FILE = 30;

export interface PageRequest {
  cwd: string;
  now: Date;
  workspace?: string | undefined;
  outline?: string | undefined;
  period?: string | undefined;
  year?: number | undefined;
  out?: string | undefined;
  force: boolean;
}

export interface PageResult {
  /** Absolute path of the page written. */
  path: string;
  title: string;
  outline: { id: string; version: string };
  period: Period;
  /** True when the period was chosen from today's date (no --period). */
  periodChosen: boolean;
  /** Units inlined from the workspace's units.yaml; null without a workspace. */
  units: number | null;
  workspace: string | undefined;
  bytes: number;
}

/**
 * What the page reads at start-up (a JSON block). Same shape as `PageConfig` in page/config.ts,
 * which the browser code type-checks against without Node types; the browser test checks both
 * ends together.
 */
export interface PageConfig {
  title: string;
  outline: Outline;
  period: Period;
  units?: Unit[];
  limits: ReadLimits;
  secondsPerFile: number;
  generator: string;
  generatedOn: string;
}

/** The bundle made by scripts/build-page.js. */
export interface PageAssets {
  script: string;
  css: string;
  template: string;
}

export function pageAssetsDir(): string {
  return path.join(packageRoot(), 'dist', 'page');
}

export function loadPageAssets(dir: string = pageAssetsDir()): PageAssets {
  const files = { script: 'validator.js', css: 'style.css', template: 'template.html' } as const;
  const missing = Object.values(files).filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    throw new BctdError(
      'internal',
      `Thiếu mã của trang kiểm tra (${missing.join(', ')} trong ${dir}).`,
      {
        hint: 'Bản cài đặt bctd chưa đầy đủ: chạy "npm run build" (bao gồm node scripts/build-page.js) rồi chạy lại.',
      },
    );
  }
  const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8');
  return { script: read(files.script), css: read(files.css), template: read(files.template) };
}

/** "Kiểm tra báo cáo kết quả ... về bình đẳng giới 6 tháng đầu năm 2022". */
export function pageTitle(outline: Pick<Outline, 'title'>, period: Pick<Period, 'label'>): string {
  const t = outline.title.normalize('NFC').trim();
  // "Báo cáo ..." reads "Kiểm tra báo cáo ..."; a title that starts with a name keeps its case.
  const first = t.split(/\s+/, 1)[0] ?? '';
  const lowered = /^\p{Lu}\p{Ll}*$/u.test(first)
    ? t.charAt(0).toLocaleLowerCase('vi') + t.slice(1)
    : t;
  return `Kiểm tra ${lowered} ${period.label}`;
}

/** `kiem-tra-bdg-2022-6m.html`. */
export function pageFileName(outlineId: string, period: Pick<Period, 'id'>): string {
  return `kiem-tra-${outlineId}-${period.id}.html`;
}

/** For text and double-quoted attributes (the template quotes every attribute with "). */
function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * JSON safe inside <script type="application/json">: `<` never appears raw, so no text of the
 * outline (a title with "</script>") can end the element; U+2028/2029 escaped for old parsers.
 */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

/**
 * The page: the template with its slots filled. Pure (no I/O); `assets` come from the bundle.
 * The Content-Security-Policy allows exactly the inline script and style (by hash) and the
 * Blob URL of the worker; every connection is refused by the browser itself, so the page
 * cannot send a unit's data anywhere even by mistake.
 */
export function renderPage(assets: PageAssets, config: PageConfig): string {
  if (/<\/script/i.test(assets.script) || assets.script.includes('<!--')) {
    throw new BctdError('internal', 'Mã trang kiểm tra chứa "</script" nên không nhúng được.', {
      hint: 'Đây là lỗi của chương trình: hãy báo cho người phát triển bctd.',
    });
  }
  if (/<\/style/i.test(assets.css)) {
    throw new BctdError('internal', 'CSS của trang kiểm tra chứa "</style" nên không nhúng được.');
  }
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256(assets.script)}' blob:`,
    'worker-src blob:',
    `style-src 'sha256-${sha256(assets.css)}'`,
    'img-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const p = config.period;
  const footer =
    `Đề cương: ${config.outline.title} (mã ${config.outline.id}, phiên bản ${config.outline.version}). ` +
    `Kỳ báo cáo: ${p.label}, số liệu từ ${formatYmd(p.start)} đến ${formatYmd(p.end)}, hạn nộp ${formatYmd(p.deadline)}. ` +
    `Trang tạo ngày ${config.generatedOn} bằng ${config.generator}.`;
  // Whole elements, so that what the hashes cover is exactly the element's text.
  const slots: Record<string, string> = {
    csp: escapeHtml(csp),
    generator: escapeHtml(config.generator),
    title: escapeHtml(config.title),
    periodLabel: escapeHtml(p.label),
    footer: escapeHtml(footer),
    style: `<style>${assets.css}</style>`,
    scripts:
      `<script type="application/json" id="bctd-config">${inlineJson(config)}</script>\n` +
      `<script>${assets.script}</script>`,
  };
  // One pass: text put into a slot is never scanned for slots again.
  return assets.template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const v = slots[key];
    if (v === undefined) {
      throw new BctdError('internal', `Mẫu trang kiểm tra có chỗ trống lạ: ${whole}.`);
    }
    return v;
  });
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function defaultOut(ws: Workspace | undefined, cwd: string, file: string): string {
  return ws ? path.join(ws.dir, 'bieu-mau', file) : path.join(cwd, file);
}

export async function makePage(req: PageRequest): Promise<PageResult> {
  const wsDir = findWorkspace(req.cwd, req.workspace);
  const ws =
    wsDir !== undefined || req.workspace !== undefined
      ? loadWorkspace(req.cwd, req.workspace)
      : undefined;
  const outline = await loadOutlineFor(ws, req.outline, req.cwd);
  const { period, chosen } = resolvePeriod(
    outline,
    ws?.config.periodSettings,
    { period: req.period, year: req.year },
    ymdFromDate(req.now),
  );
  // Read the bundle before anything is written: a broken install writes nothing.
  const assets = loadPageAssets();
  const title = pageTitle(outline, period);
  const config: PageConfig = {
    title,
    outline,
    period,
    limits: { ...DEFAULT_READ_LIMITS, ...readLimitsOf(ws?.config.limits) },
    secondsPerFile: ws?.config.limits.seconds_per_file ?? DEFAULT_SECONDS_PER_FILE,
    generator: `bctd ${readVersion()}`,
    generatedOn: formatYmd(ymdFromDate(req.now)),
  };
  if (ws) config.units = ws.units;
  const html = renderPage(assets, config);
  const target =
    req.out !== undefined
      ? path.resolve(req.cwd, req.out)
      : defaultOut(ws, req.cwd, pageFileName(outline.id, period));
  writeTextAtomic(target, html, { force: req.force });
  return {
    path: target,
    title,
    outline: { id: outline.id, version: outline.version },
    period,
    periodChosen: chosen,
    units: ws ? ws.units.length : null,
    workspace: ws?.dir,
    bytes: Buffer.byteLength(html, 'utf8'),
  };
}
