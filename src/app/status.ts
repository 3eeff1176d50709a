/**
 * `bctd status` (issue 5): every expected unit's state for the period, from the same reading and
 * attribution as `generate`, so the two can never disagree.
 */
import { resolvePeriod } from './period.js';
import { ymdFromDate } from '../period/periods.js';
import type { Completeness, UnitRecord } from '../aggregate/types.js';
import type { Outline } from '../outline/schema.js';
import type { Period } from '../period/periods.js';
import type { Workspace } from '../workspace/workspace.js';
import { readPeriodSubmissionsAsync, rollupOf, type InputFile } from './submissions.js';

export interface StatusResult {
  period: Period;
  /** True when the period came from today's date (no `--year`). */
  chosen: boolean;
  dir: string;
  units: UnitRecord[];
  completeness: Completeness;
  files: InputFile[];
  excluded: { file: string; unit: string | null; reason: string }[];
  notes: string[];
}

/**
 * Who has sent what for a period. The files are read like generate reads them (worker threads
 * for a large batch, keeping only numbers and flags), so a province or the whole country is
 * counted in bounded memory.
 */
export async function statusOf(
  ws: Workspace,
  outline: Outline,
  opts: { period?: string | undefined; year?: number | undefined },
  now: Date,
  progress?: (done: number, total: number, label: string) => void,
): Promise<StatusResult> {
  const { period, chosen } = resolvePeriod(
    outline,
    ws.config.periodSettings,
    opts,
    ymdFromDate(now),
  );
  const read = await readPeriodSubmissionsAsync(ws, outline, period, { progress });
  const rollup = rollupOf(ws, outline, read);
  return {
    period,
    chosen,
    dir: read.dir,
    units: rollup.units,
    completeness: rollup.completeness,
    files: read.files,
    excluded: rollup.excluded,
    notes: read.notes,
  };
}
