/**
 * One file's check, exactly as `bctd validate` does it for one path: the size limit before the
 * bytes are read, then the pure engine of src/validate with the page's outline, period, units
 * and limits. Runs inside the worker (and, where a browser refuses a worker, on the page).
 */
import { fileProblemIssue } from '../src/issues/catalogue/file.js';
import { parsePeriodId } from '../src/period/periods.js';
import { validateWorkbook, type ValidateInput } from '../src/validate/engine.js';
import type { Submission } from '../src/validate/submission.js';
import type { CheckRequest, FileResult } from './config.js';

function view(sub: Submission): FileResult {
  return {
    file: sub.file,
    unit: sub.unit ? { code: sub.unit.code, name: sub.unit.name } : null,
    period: sub.period,
    periodLabel: sub.period === null ? null : (parsePeriodId(sub.period)?.label ?? null),
    valid: sub.valid,
    issues: sub.issues,
  };
}

export async function checkFile(req: CheckRequest): Promise<FileResult> {
  // As the CLI: a 2 GB attachment is refused before it is read into memory.
  if (req.file.size > req.limits.maxFileBytes) {
    return {
      file: req.name,
      unit: null,
      period: null,
      periodLabel: null,
      valid: false,
      issues: [fileProblemIssue('too-large', `${req.file.size} bytes`, req.name, req.limits)],
    };
  }
  const bytes = new Uint8Array(await req.file.arrayBuffer());
  const outline = req.outline;
  const input: ValidateInput = {
    bytes,
    file: req.name,
    // The page is made for one outline, like a workspace: a file stamped with another one is
    // foreign, and a file whose stamp was lost is still checked against it.
    outlines: (id) => (id === outline.id ? outline : undefined),
    outline,
    period: req.period,
    limits: req.limits,
  };
  if (req.units !== undefined) input.units = req.units;
  return view(validateWorkbook(input));
}
