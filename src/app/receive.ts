/**
 * `bctd receive FILE...` (issue 5, "Receiving"): clerks get files by email and chat under any
 * name. Each is validated, filed in the period folder as `<unit code>.xlsx`, and recorded in the
 * ledger with its receipt time and sha256; an earlier different file of the same unit moves to
 * `cu/` under a timestamped name. Nothing is deleted and the input file is only read.
 */
import { resolvePeriod } from './period.js';
import { ymdFromDate } from '../period/periods.js';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Issue } from '../issues/types.js';
import {
  currentEntry,
  localIso,
  readLedger,
  stampForName,
  SUPERSEDED_DIR,
  writeLedger,
  type LedgerEntry,
} from '../io/ledger.js';
import { discardFile, moveFile, writeFileAtomic } from '../io/write.js';
import type { Outline } from '../outline/schema.js';
import { parsePeriodId, type Period } from '../period/periods.js';
import { submissionsDir, type Workspace } from '../workspace/workspace.js';
import { DEFAULT_READ_LIMITS } from '../workbook/types.js';
import { readBytes, sha256, validateBytes } from './submissions.js';
import { readLimitsOf, readUnitFile } from './validate.js';

export type ReceiveStatus = 'filed' | 'replaced' | 'same' | 'refused';

export interface ReceivedFile {
  input: string;
  status: ReceiveStatus;
  unit: { code: string; name: string } | null;
  period: string | null;
  /** Where it was filed (absolute). */
  target: string | null;
  /** Where the earlier file of the unit went (absolute), when replaced. */
  superseded: string[];
  sha256: string;
  valid: boolean;
  /** Why it was refused (Vietnamese), when refused. */
  reason: string | null;
  issues: Issue[];
}

export interface ReceiveResult {
  /** The period given or chosen for all files, or null when each file's own period was used. */
  period: string | null;
  chosen: boolean;
  receivedAt: string;
  files: ReceivedFile[];
}

function uniqueName(dir: string, base: string, ext: string): string {
  let name = `${base}${ext}`;
  for (let i = 2; existsSync(path.join(dir, name)); i++) name = `${base}-${i}${ext}`;
  return path.join(dir, name);
}

/** Other files of the unit sitting in the folder (`<code>.xls`, `<code>-ten-don-vi.xlsx`). */
function otherFilesOf(dir: string, code: string, keep: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name)
    .filter((n) => n !== keep && (n.startsWith(`${code}.`) || n.startsWith(`${code}-`)))
    .filter((n) => /\.(xlsx|xlsm|xls|ods|csv)$/i.test(n))
    .map((n) => path.join(dir, n));
}

export function receiveFiles(
  ws: Workspace,
  outline: Outline,
  inputs: readonly string[],
  opts: { period?: string | undefined; year?: number | undefined },
  now: Date,
): ReceiveResult {
  const fixed =
    opts.period !== undefined || opts.year !== undefined
      ? resolvePeriod(outline, ws.config.periodSettings, opts, ymdFromDate(now))
      : undefined;
  const receivedAt = localIso(now);
  const files: ReceivedFile[] = [];
  const byCode = new Map(ws.units.map((u) => [u.code, u]));

  for (const given of inputs) {
    const input = path.resolve(given);
    // Size first, within the limits: an unreadable or oversized file is refused with its issue.
    const read = readUnitFile(input, input, {
      ...DEFAULT_READ_LIMITS,
      ...readLimitsOf(ws.config.limits),
    });
    const bytes = read.ok ? read.bytes : new Uint8Array(0);
    const sub = read.ok ? validateBytes(ws, outline, fixed?.period, input, bytes) : read.submission;
    const hash = read.ok ? sha256(bytes) : '';
    const base: ReceivedFile = {
      input,
      status: 'refused',
      unit: sub.unit ? { code: sub.unit.code, name: sub.unit.name } : null,
      period: sub.period,
      target: null,
      superseded: [],
      sha256: hash,
      valid: sub.valid,
      reason: null,
      issues: sub.issues,
    };
    const refuse = (reason: string) => files.push({ ...base, reason });

    if (sub.unit === null) {
      refuse('không xác định được đơn vị của tệp (thiếu mã đơn vị hoặc tệp không đọc được)');
      continue;
    }
    const unit = byCode.get(sub.unit.code);
    if (unit === undefined) {
      refuse(`mã đơn vị "${sub.unit.code}" không có trong danh sách đơn vị (units.yaml)`);
      continue;
    }
    let period: Period | undefined = fixed?.period;
    if (period === undefined && sub.period !== null)
      period = parsePeriodId(sub.period, ws.config.periodSettings);
    if (period === undefined)
      period = resolvePeriod(outline, ws.config.periodSettings, {}, ymdFromDate(now)).period;
    if (sub.period !== null && sub.period !== period.id) {
      refuse(`tệp là báo cáo kỳ ${sub.period}, không phải kỳ ${period.id}`);
      continue;
    }

    const dir = submissionsDir(ws, period.id);
    const name = `${unit.code}.xlsx`;
    const target = path.join(dir, name);
    const ledger = readLedger(dir, period.id);
    const result: ReceivedFile = {
      ...base,
      unit: { code: unit.code, name: unit.name },
      period: period.id,
      target,
      status: 'filed',
    };

    const current = currentEntry(ledger, unit.code);
    const receipt = (): LedgerEntry => ({
      unit: unit.code,
      file: name,
      received_at: receivedAt,
      sha256: hash,
      original: path.basename(input),
    });
    if (existsSync(target) && sha256(readBytes(target)) === hash) {
      result.status = 'same';
      if (current === undefined || current.sha256 !== hash) {
        // A file put in the folder by hand: record it now so it has a receipt date.
        ledger.entries.push(receipt());
        writeLedger(dir, ledger);
      }
      files.push(result);
      continue;
    }

    const stamp = stampForName(now);
    const cu = path.join(dir, SUPERSEDED_DIR);
    const olds = [...(existsSync(target) ? [target] : []), ...otherFilesOf(dir, unit.code, name)];
    const movedBack: [string, string][] = [];
    let filed = false;
    try {
      for (const old of olds) {
        if (path.resolve(old) === input) continue;
        const ext = path.extname(old);
        const moved = uniqueName(cu, `${path.basename(old, ext)}-${stamp}`, ext);
        moveFile(old, moved);
        movedBack.push([moved, old]);
        result.superseded.push(moved);
        for (const e of ledger.entries)
          if (
            e.unit === unit.code &&
            e.superseded_at === undefined &&
            e.file === path.basename(old)
          ) {
            e.superseded_at = receivedAt;
            e.file = `${SUPERSEDED_DIR}/${path.basename(moved)}`;
          }
      }
      if (result.superseded.length > 0) result.status = 'replaced';
      writeFileAtomic(target, bytes);
      filed = true;
      ledger.entries.push(receipt());
      writeLedger(dir, ledger);
    } catch (e) {
      // The disk refused a move, the new file or the ledger (full, read-only): undo this file's
      // receipt, so the folder and its ledger still agree. The copy is removed (the input it
      // came from is untouched) and the unit's earlier file goes back where it was.
      if (filed) discardFile(target);
      for (const [moved, old] of movedBack.reverse()) moveFile(moved, old);
      throw e;
    }
    files.push(result);
  }
  return {
    period: fixed?.period.id ?? null,
    chosen: fixed?.chosen ?? false,
    receivedAt,
    files,
  };
}
