/**
 * What `bctd page` writes into the page (a JSON block read at start-up) and what the page sends
 * to its worker. src/app/page.ts builds the same shape (`PageConfig` there); the browser test
 * checks the two end to end.
 */
import type { Issue } from '../src/issues/types.js';
import type { Outline } from '../src/outline/schema.js';
import type { Period } from '../src/period/periods.js';
import type { Unit } from '../src/period/units.js';
import type { ReadLimits } from '../src/workbook/types.js';

export interface PageConfig {
  /** "Kiểm tra báo cáo ... 6 tháng đầu năm 2022". */
  title: string;
  outline: Outline;
  period: Period;
  /** units.yaml of the district when the page was made in a workspace. */
  units?: Unit[];
  limits: ReadLimits;
  /** Past this a check is stopped (the worker is terminated). */
  secondsPerFile: number;
  /** `bctd 0.1.0`. */
  generator: string;
  /** `15/06/2022`, the day the page was made. */
  generatedOn: string;
}

/** main -> worker: one file to check. */
export interface CheckRequest {
  file: Blob;
  name: string;
  outline: Outline;
  units?: Unit[];
  period: Period;
  limits: ReadLimits;
}

/** What the page shows of one checked file (the Submission without its numbers). */
export interface FileResult {
  file: string;
  unit: { code: string; name: string } | null;
  /** `2022-6m` and its label. */
  period: string | null;
  periodLabel: string | null;
  valid: boolean;
  issues: Issue[];
}

/** worker -> main. */
export type CheckReply = { ok: true; result: FileResult } | { ok: false; message: string };
