import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeLintIssue, NOT_CHECKED } from '../issues/catalogue/lint.js';
import { BctdError } from '../issues/errors.js';
import type { Issue } from '../issues/types.js';
import { convertWithOffice, findPdftotext, findSoffice, pdfPages } from '../io/office.js';
import { NOT_A_PLAIN_FILE, readPlainFile } from '../io/read.js';
import {
  lintDocument,
  NO_RENDER,
  readDocx,
  type DocumentLint,
  type DocxProblem,
  type Layout,
} from '../lint/index.js';

export type LintFileResult =
  | ({ path: string; readable: true } & DocumentLint)
  | { path: string; readable: false; problem: Issue };

export interface LintRunResult {
  files: LintFileResult[];
  render: { requested: boolean; available: boolean; reason?: string };
}

export interface LintRunOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  render: boolean;
  /** Progress callback (done, total, label). */
  progress?: (done: number, total: number, label: string) => void;
  timeoutMs?: number;
}

function unreadable(file: string, problem: DocxProblem, detail: string): Issue {
  const where = { file };
  switch (problem) {
    case 'not-zip':
      return makeLintIssue('docx-not-zip', { file }, where);
    case 'ole':
      return makeLintIssue('docx-ole', { file }, where);
    case 'encrypted':
      return makeLintIssue('docx-encrypted', { file }, where);
    case 'truncated':
      return makeLintIssue('docx-truncated', { file }, where);
    case 'too-large':
      return makeLintIssue('docx-too-large', { file }, where);
    case 'no-document':
      return makeLintIssue('docx-no-document', { file }, where);
    case 'hostile':
      return makeLintIssue('docx-hostile', { file }, where);
    case 'bad-xml':
      return makeLintIssue('docx-bad-xml', { file, detail }, where);
    case 'corrupt':
      return makeLintIssue('docx-corrupt', { file, detail }, where);
  }
}

/** Converts to PDF and reads the page texts; any failure becomes the reason render checks are not-checked. */
async function layoutOf(abs: string, opts: LintRunOptions, soffice: string): Promise<Layout> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bctd-lint-'));
  try {
    const pdf = await convertWithOffice(abs, 'pdf', out, {
      env: opts.env,
      soffice,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    });
    return { pages: await pdfPages(pdf, opts.env) };
  } catch (e) {
    if (e instanceof BctdError) return { unavailable: NOT_CHECKED.noOffice(e.message) };
    throw e;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Lints each file. A path that is missing, a directory or not a DOCX is a finding about that
 * file (exit 1), not a reason to stop: the other files are still checked.
 */
export async function lintFiles(
  paths: readonly string[],
  opts: LintRunOptions,
): Promise<LintRunResult> {
  let soffice: string | undefined;
  let renderReason: string | undefined;
  if (opts.render) {
    soffice = findSoffice(opts.env);
    if (!soffice)
      renderReason = NOT_CHECKED.noOffice('không tìm thấy LibreOffice (soffice) trên máy này.');
    else if (!findPdftotext(opts.env)) {
      soffice = undefined;
      renderReason = NOT_CHECKED.noOffice('không tìm thấy pdftotext (poppler-utils) trên máy này.');
    }
  }
  const files: LintFileResult[] = [];
  let done = 0;
  for (const p of paths) {
    opts.progress?.(done, paths.length, p);
    const abs = path.resolve(opts.cwd, p);
    // Any size (a report is the clerk's own file), but never a pipe or a device: those would
    // wait or read without end.
    const got = readPlainFile(abs, Number.MAX_SAFE_INTEGER);
    done++;
    if (!got.ok) {
      let problem;
      if (got.reason === 'folder')
        problem = makeLintIssue('docx-directory', { file: p }, { file: p });
      else if (got.reason === 'unreadable' && (got.code === 'ENOENT' || got.code === 'ENOTDIR'))
        problem = makeLintIssue('docx-missing', { file: p }, { file: p });
      else {
        const detail = got.reason === 'unreadable' ? (got.code ?? got.message) : NOT_A_PLAIN_FILE;
        problem = makeLintIssue('docx-read-failed', { file: p, detail }, { file: p });
      }
      files.push({ path: p, readable: false, problem });
      continue;
    }
    const bytes = got.bytes;
    const read = readDocx(bytes);
    if (!read.ok) {
      files.push({ path: p, readable: false, problem: unreadable(p, read.problem, read.detail) });
      continue;
    }
    let layout: Layout = NO_RENDER;
    if (opts.render)
      layout = soffice ? await layoutOf(abs, opts, soffice) : { unavailable: renderReason! };
    files.push({ path: p, readable: true, ...lintDocument(read.doc, layout) });
  }
  opts.progress?.(paths.length, paths.length, '');
  return {
    files,
    render: {
      requested: opts.render,
      available: soffice !== undefined,
      ...(renderReason !== undefined ? { reason: renderReason } : {}),
    },
  };
}
