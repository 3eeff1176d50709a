/**
 * `bctd generate` (issue 5): read and validate every submission of the period, aggregate (with
 * cùng kỳ when last year's folder has files), compose the ND30 report with the agency's own
 * text from noi-dung.md, render and write it atomically. Returns a result; never prints.
 */
import { resolvePeriod } from './period.js';
import { ymdFromDate } from '../period/periods.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Completeness, Rollup, UnitRecord } from '../aggregate/types.js';
import { BctdError } from '../issues/errors.js';
import { writeFileAtomic, writeTextAtomic } from '../io/write.js';
import type { Outline } from '../outline/schema.js';
import type { Period } from '../period/periods.js';
import { composeReport, needsListing, noiDungSkeleton, parseNoiDung } from '../report/compose.js';
import { formatNumber } from '../text/numbers.js';
import type { ReportDate } from '../report/model.js';
import { reportsDir, type Workspace } from '../workspace/workspace.js';
import {
  previousRollupAsync,
  readPeriodSubmissionsAsync,
  rollupOf,
  type InputFile,
} from './submissions.js';

export interface GenerateRequest {
  period?: string | undefined;
  year?: number | undefined;
  out?: string | undefined;
  date?: string | undefined;
  number?: number | undefined;
  draft: boolean;
  strict: boolean;
  force: boolean;
  narratives?: string | undefined;
  rollup?: string | undefined;
  pdf: boolean;
  /** `--jobs`: worker threads for reading the submissions (0: in process; undefined: by batch size). */
  jobs?: number | undefined;
  /**
   * Most units a table lists one per row (default UNIT_ROWS_LIMIT, 1,000). Not a CLI option:
   * tests set it to exercise a very large roll-up's report on a small workspace.
   */
  unitRowsLimit?: number | undefined;
}

export interface LeftOut {
  code: string;
  name: string;
  status: UnitRecord['status'];
  errors: number;
  files: string[];
}

export interface GenerateResult {
  period: Period;
  chosen: boolean;
  /** False with `--strict` when a unit is missing or invalid: nothing was written. */
  written: boolean;
  output: string | null;
  draft: boolean;
  number: string | null;
  date: string | null;
  completeness: Completeness;
  /** Totals per input code (the district's numbers). */
  totals: Rollup['values'];
  /** Every file read, with its sha256 and whether its numbers were used. */
  inputs: (InputFile & { used: boolean })[];
  previous: { period: string; inputs: (InputFile & { used: boolean })[] } | null;
  /** Units whose numbers are not in the totals (missing, invalid, two files). */
  leftOut: LeftOut[];
  noiDung: { file: string; created: boolean; sections: string[]; unknown: string[] };
  emptySections: string[];
  narratives: string | null;
  rollupFile: string | null;
  /**
   * The per-unit listing (.xlsx) written beside a report of more units than it lists one per
   * row (docs/REPORT.md, "Very large roll-ups"); null when the report lists every unit.
   */
  listing: string | null;
  pdf: string | null;
  /** Vietnamese warnings for the summary. */
  warnings: string[];
}

function parseDateOption(s: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim());
  const d = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  const t = d ? new Date(Date.UTC(d.year, d.month - 1, d.day)) : null;
  if (
    d === null ||
    t === null ||
    t.getUTCFullYear() !== d.year ||
    t.getUTCMonth() !== d.month - 1 ||
    t.getUTCDate() !== d.day
  )
    throw new BctdError('bad-option', `Ngày "${s}" không hợp lệ cho --date.`, {
      hint: 'Ghi ngày ban hành dạng YYYY-MM-DD, ví dụ --date 2022-07-05.',
    });
  return d;
}

function usedFlags(files: InputFile[], rollup: Rollup): (InputFile & { used: boolean })[] {
  const counted = new Set(rollup.units.filter((u) => u.counted).map((u) => u.code));
  return files.map((f) => ({ ...f, used: f.valid && f.unit !== null && counted.has(f.unit) }));
}

export async function generateReport(
  ws: Workspace,
  outline: Outline,
  req: GenerateRequest,
  now: Date,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  progress?: (done: number, total: number, label: string) => void,
): Promise<GenerateResult> {
  const { period, chosen } = resolvePeriod(
    outline,
    ws.config.periodSettings,
    req,
    ymdFromDate(now),
  );
  const draft = req.draft || (req.number === undefined && req.date === undefined);
  const issued = req.date !== undefined ? parseDateOption(req.date) : undefined;
  const date: ReportDate =
    draft || issued === undefined ? { year: issued?.year ?? period.year, draft: true } : issued;
  const number = draft || req.number === undefined ? null : String(req.number);

  // The DOCX writer (the docx library, about 50 ms to load) loads while the files are read, which
  // a batch does on worker threads; nothing waits for it before the report is composed.
  const renderer = import('../report/pack.js');
  renderer.catch(() => undefined); // awaited below; a --strict run that stops early drops it
  const read = await readPeriodSubmissionsAsync(ws, outline, period, { jobs: req.jobs, progress });
  const prev = await previousRollupAsync(ws, outline, period, req.jobs);
  const rollup = rollupOf(ws, outline, read, prev?.rollup);
  const warnings = [...read.notes];
  for (const w of rollup.warnings) warnings.push(w.message);

  const leftOut: LeftOut[] = rollup.units
    .filter((u) => !u.counted)
    .map((u) => ({
      code: u.code,
      name: u.name,
      status: u.status,
      errors: u.errors,
      files: u.files,
    }));

  const dir = reportsDir(ws, period.id);
  const output = path.resolve(cwd, req.out ?? path.join(dir, `bao-cao-${period.id}.docx`));
  const noiDungFile = path.join(dir, 'noi-dung.md');
  const base: GenerateResult = {
    period,
    chosen,
    written: false,
    output: null,
    draft,
    number,
    date: issued && !draft ? (req.date ?? null) : null,
    completeness: rollup.completeness,
    totals: rollup.values,
    inputs: usedFlags(read.files, rollup),
    previous: prev
      ? { period: prev.read.period.id, inputs: usedFlags(prev.read.files, prev.rollup) }
      : null,
    leftOut,
    noiDung: { file: noiDungFile, created: false, sections: [], unknown: [] },
    emptySections: [],
    narratives: null,
    rollupFile: null,
    listing: null,
    pdf: null,
    warnings,
  };
  // --strict: a report that must not go out with a unit missing or wrong writes nothing at all.
  if (req.strict && leftOut.length > 0) return base;

  // All or nothing: without --force, any output that already exists stops the run before the
  // first byte is written, so a refused roll-up never leaves a new report beside it.
  const listingFile = needsListing(outline, period, rollup, req.unitRowsLimit)
    ? output.replace(/\.docx$/i, '') + '-don-vi.xlsx'
    : null;
  if (!req.force) {
    const outputs = [output];
    if (listingFile !== null) outputs.push(listingFile);
    if (req.narratives !== undefined) outputs.push(path.resolve(cwd, req.narratives));
    if (req.rollup !== undefined) outputs.push(path.resolve(cwd, req.rollup));
    if (req.pdf) outputs.push(output.replace(/\.docx$/i, '') + '.pdf');
    const existing = outputs.find((f) => existsSync(f));
    if (existing !== undefined)
      throw new BctdError('output-exists', `Tệp "${existing}" đã có.`, {
        hint: 'Thêm --force để ghi đè, hoặc chọn tên khác bằng --out, --narratives, --rollup.',
      });
  }

  let created = false;
  let noiDungText = '';
  if (existsSync(noiDungFile)) noiDungText = readFileSync(noiDungFile, 'utf8');
  else {
    writeTextAtomic(noiDungFile, noiDungSkeleton(outline, period));
    created = true;
  }
  const parsed = parseNoiDung(noiDungText, outline);
  for (const h of parsed.unknown)
    warnings.push(
      `noi-dung.md: tiêu đề "${h}" không khớp mục nào của đề cương; nội dung dưới tiêu đề này không được dùng.`,
    );

  const createdAt =
    issued !== undefined
      ? `${req.date}T00:00:00Z`.replace(/^(\d{4})-(\d)-/, '$1-0$2-')
      : now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { model, emptySections, listing } = composeReport({
    outline,
    config: ws.config,
    period,
    rollup,
    previous: prev?.rollup,
    agencyText: parsed.texts,
    directive: ws.config.directive,
    date,
    number,
    createdAt: issued ? isoDateTime(issued) : createdAt,
    listingFile: listingFile === null ? undefined : path.basename(listingFile),
    unitRowsLimit: req.unitRowsLimit,
  });
  const { renderReport } = await renderer;
  const bytes = await renderReport(model);
  // The listing first: a report that cites it is never left without it.
  if (listingFile !== null && listing.length > 0) {
    const { renderListing } = await import('../report/listing.js');
    writeFileAtomic(listingFile, renderListing(listing), { force: req.force });
    warnings.push(
      `Báo cáo có ${formatNumber(rollup.units.length, 0)} đơn vị: phụ lục trình bày theo loại đơn vị và các đơn vị cần xử lý; ` +
        `số liệu và tình trạng của từng đơn vị ở tệp ${path.basename(listingFile)}, gửi kèm báo cáo.`,
    );
  }
  writeFileAtomic(output, bytes, { force: req.force });

  const result: GenerateResult = {
    ...base,
    written: true,
    output,
    listing: listingFile !== null && listing.length > 0 ? listingFile : null,
    noiDung: {
      file: noiDungFile,
      created,
      sections: Object.keys(parsed.texts).filter((k) => k !== ''),
      unknown: parsed.unknown,
    },
    emptySections,
  };

  if (req.narratives !== undefined) {
    const file = path.resolve(cwd, req.narratives);
    const { buildNarratives } = await import('./generate-narratives.js');
    const doc = await buildNarratives(ws, outline, period, rollup, read.submissions);
    writeFileAtomic(file, doc, { force: req.force });
    result.narratives = file;
  }
  if (req.rollup !== undefined) {
    const { buildRollupWorkbook } = await import('./generate-rollup.js');
    const file = path.resolve(cwd, req.rollup);
    writeFileAtomic(file, await buildRollupWorkbook(ws, outline, period, rollup, now), {
      force: req.force,
    });
    result.rollupFile = file;
  }
  if (req.pdf) {
    const pdf = await toPdf(output, req.force, env);
    if (pdf.ok) result.pdf = pdf.file;
    else warnings.push(pdf.message);
  }
  return result;
}

function isoDateTime(d: { year: number; month: number; day: number }): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.year}-${p(d.month)}-${p(d.day)}T00:00:00Z`;
}

/**
 * `--pdf`: LibreOffice when installed. The DOCX is already written, so a missing soffice is a
 * warning in the summary (exit 0), not a failure of the run.
 */
async function toPdf(
  docx: string,
  force: boolean,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ ok: true; file: string } | { ok: false; message: string }> {
  const { convertToPdf } = await import('./generate-pdf.js');
  return convertToPdf(docx, force, env);
}
