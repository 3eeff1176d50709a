import { LINT_CHECKS, NOT_CHECKED, type CheckCode } from '../issues/catalogue/lint.js';
import { appendix } from './checks/appendix.js';
import { bodyParagraph, bodySize } from './checks/body.js';
import { fontColor, fontFamily } from './checks/fonts.js';
import {
  agency,
  agencyRule,
  dateLine,
  quocHieu,
  quocHieuFit,
  sizeSet,
  soDateSameRow,
  soKyHieu,
  tieuNgu,
  tieuNguRule,
} from './checks/header.js';
import { margins, pageNumber, pageSize } from './checks/page.js';
import {
  renderNoNumberPage1,
  renderNumberPage2,
  renderQuocHieu,
  renderSoDate,
} from './checks/render.js';
import { noiNhan, signer } from './checks/signature.js';
import { tenLoai, trichYeu, trichYeuRule } from './checks/title.js';
import type { Check, CheckResult, Layout } from './checks/types.js';
import { identify } from './identify.js';
import type { DocModel } from './model.js';
import { readDocx, type DocxProblem } from './read.js';

export type { Check, CheckResult, CheckStatus, Finding, Layout } from './checks/types.js';
export type { DocModel } from './model.js';
export { readDocx, type DocxProblem, type ReadResult } from './read.js';
export { LINT_CHECKS, type CheckCode };

/** Every check, in the order a clerk reads the page. Codes are stable (JSON contract). */
export const CHECKS: readonly Check[] = [
  pageSize,
  margins,
  fontFamily,
  fontColor,
  quocHieu,
  quocHieuFit,
  tieuNgu,
  tieuNguRule,
  sizeSet,
  agency,
  agencyRule,
  soKyHieu,
  dateLine,
  soDateSameRow,
  tenLoai,
  trichYeu,
  trichYeuRule,
  bodyParagraph,
  bodySize,
  signer,
  noiNhan,
  pageNumber,
  appendix,
  renderQuocHieu,
  renderNoNumberPage1,
  renderNumberPage2,
  renderSoDate,
];

export interface DocumentLint {
  /** Type slug from the title: `bao-cao`, `cong-van`, ... or `khac` when unknown. */
  type: string;
  /** No check failed. Not-checked checks do not count as passed, and are listed. */
  conforms: boolean;
  checks: CheckResult[];
  notes: string[];
}

export const NO_RENDER: Layout = { unavailable: NOT_CHECKED.noRender };

export function lintDocument(doc: DocModel, layout: Layout = NO_RENDER): DocumentLint {
  const parts = identify(doc);
  const ctx = { doc, parts, layout };
  const checks = CHECKS.map((c) => c.run(ctx));
  return {
    type: parts.type.slug,
    conforms: checks.every((c) => c.status !== 'fail'),
    checks,
    notes: doc.notes,
  };
}

export type LintOutcome =
  ({ readable: true } & DocumentLint) | { readable: false; problem: DocxProblem; detail: string };

/** Bytes in, verdict out: the whole static checker, usable in the browser. */
export function lintDocx(bytes: Uint8Array, layout: Layout = NO_RENDER): LintOutcome {
  const r = readDocx(bytes);
  if (!r.ok) return { readable: false, problem: r.problem, detail: r.detail };
  return { readable: true, ...lintDocument(r.doc, layout) };
}
