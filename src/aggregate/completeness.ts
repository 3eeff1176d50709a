/**
 * Completeness and timeliness (anchors-and-pitfalls §1.2 point 4; DHIS2 reporting rates): which
 * expected unit sent what, and which submissions count. `bctd status`, the completeness table
 * and the totals all read this one result, so they can never disagree.
 */
import type { Outline } from '../outline/schema.js';
import { compareYmd, type Period, type YMD } from '../period/periods.js';
import { expectedUnits, type Unit } from '../period/units.js';
import type { Submission } from '../validate/submission.js';
import { makeAggregateIssue } from '../issues/catalogue/aggregate.js';
import type {
  AggregateWarning,
  Completeness,
  ExcludedSubmission,
  Receipt,
  UnitStatus,
} from './types.js';

export interface UnitAttribution {
  unit: Unit;
  status: UnitStatus;
  late: boolean;
  receipt: Receipt;
  files: string[];
  errors: number;
  warnings: number;
  /** The submission whose numbers count (status hop-le or nop-muon). */
  counted: Submission | null;
}

export interface Attribution {
  expected: Unit[];
  units: UnitAttribution[];
  excluded: ExcludedSubmission[];
  warnings: AggregateWarning[];
  completeness: Completeness;
}

export function parseIsoYmd(text: string | null | undefined): YMD | null {
  if (text === null || text === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!m) return null;
  const ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return ymd.month >= 1 && ymd.month <= 12 && ymd.day >= 1 && ymd.day <= 31 ? ymd : null;
}

/** Submissions in a fixed order, so the roll-up never depends on the order files were read. */
export function sortSubmissions(subs: readonly Submission[]): Submission[] {
  const key = (s: Submission): string => `${s.file}\u0000${s.sha256 ?? ''}`;
  return [...subs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Two submissions are the same file when their bytes hash the same (or, unhashed, the same path). */
function distinctFiles(subs: readonly Submission[]): Submission[] {
  const seen = new Set<string>();
  const out: Submission[] = [];
  for (const s of subs) {
    const k = s.sha256 !== undefined ? `sha:${s.sha256}` : `file:${s.file}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out;
}

/**
 * A readable template of this outline and this period (validation's other errors aside). A
 * file the reader refused in part (a sheet with a DTD, a zip bomb in one part: any `file-*`
 * error) is not readable: the unit must send a clean file, not correct values.
 */
function isTemplateOf(sub: Submission, outline: Outline, period: Period): boolean {
  if (sub.outline === null || sub.outline.id !== outline.id) return false;
  if (sub.issues.some((i) => i.severity === 'error' && i.code.startsWith('file-'))) return false;
  return sub.period === null || sub.period === period.id;
}

function countIssues(subs: readonly Submission[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const s of subs)
    for (const i of s.issues) {
      if (i.severity === 'error') errors++;
      else warnings++;
    }
  return { errors, warnings };
}

export interface AttributeInput {
  outline: Outline;
  period: Period;
  /** Every unit of units.yaml (those not valid in the period are not expected). */
  units: readonly Unit[];
  /** Every submission read for the period, valid or not; only counted ones make the totals. */
  submissions: readonly Submission[];
  /** Receipt per unit code, from the ledger (or the app's sheet-date fallback). */
  receipts?: Record<string, Receipt>;
  /**
   * Unit code per file, for files whose workbook did not name a unit (unreadable files in the
   * period folder are named by unit code): lets such a unit show "sai định dạng" rather than
   * "chưa nộp".
   */
  attribution?: Record<string, string>;
}

export function attribute(input: AttributeInput): Attribution {
  const { outline, period } = input;
  const expected = expectedUnits(input.units, period);
  const expectedCodes = new Set(expected.map((u) => u.code));
  const known = new Set(input.units.map((u) => u.code));
  const byUnit = new Map<string, Submission[]>();
  const excluded: ExcludedSubmission[] = [];
  const warnings: AggregateWarning[] = [];

  for (const sub of sortSubmissions(input.submissions)) {
    const code = sub.unit?.code ?? input.attribution?.[sub.file] ?? null;
    if (code === null) {
      excluded.push({ file: sub.file, unit: null, reason: 'no-unit' });
    } else if (!known.has(code)) {
      excluded.push({ file: sub.file, unit: code, reason: 'unknown-unit' });
      warnings.push({
        ...makeAggregateIssue('unknown-unit', { file: sub.file, unit: code }, { file: sub.file }),
        code: 'unknown-unit',
        details: { file: sub.file, unit: code },
      });
    } else if (!expectedCodes.has(code)) {
      excluded.push({ file: sub.file, unit: code, reason: 'unit-not-expected' });
      warnings.push({
        ...makeAggregateIssue(
          'unit-not-expected',
          { file: sub.file, unit: code },
          { file: sub.file },
        ),
        code: 'unit-not-expected',
        details: { file: sub.file, unit: code },
      });
    } else {
      const list = byUnit.get(code) ?? [];
      list.push(sub);
      byUnit.set(code, list);
    }
  }

  const units: UnitAttribution[] = expected.map((unit) => {
    const subs = byUnit.get(unit.code) ?? [];
    const distinct = distinctFiles(subs);
    const only = distinct.length === 1 ? (distinct[0] as Submission) : null;
    let status: UnitStatus;
    if (distinct.length === 0) status = 'chua-nop';
    else if (only === null) status = 'nhieu-tep';
    else if (!isTemplateOf(only, outline, period)) status = 'sai-dinh-dang';
    else if (!only.valid) status = 'co-loi';
    else status = 'hop-le';

    // The ledger (or the app's fallback) wins; a lone file's own Thông tin date is the fallback
    // here too, never the file's modification time (issue 5, Receiving).
    let receipt: Receipt = { receivedOn: null, source: 'none' };
    const given = input.receipts?.[unit.code];
    if (given !== undefined && distinct.length > 0) receipt = given;
    else if (only !== null) {
      const d = parseIsoYmd(only.preparedOn);
      if (d !== null) receipt = { receivedOn: d, source: 'sheet-date' };
    }
    const late = receipt.receivedOn !== null && compareYmd(receipt.receivedOn, period.deadline) > 0;
    if (status === 'hop-le' && late) status = 'nop-muon';
    const counts = countIssues(distinct);
    return {
      unit,
      status,
      late,
      receipt,
      files: [...new Set(subs.map((s) => s.file))],
      errors: counts.errors,
      warnings: counts.warnings,
      counted: status === 'hop-le' || status === 'nop-muon' ? only : null,
    };
  });

  return { expected, units, excluded, warnings, completeness: summarise(units, period) };
}

function summarise(units: readonly UnitAttribution[], period: Period): Completeness {
  const c: Completeness = {
    expected: units.length,
    received: 0,
    valid: 0,
    invalid: 0,
    formatErrors: 0,
    withErrors: 0,
    duplicates: 0,
    late: 0,
    onTime: 0,
    undated: 0,
    missing: 0,
    errorIssues: 0,
    byKind: {},
    deadline: period.deadline,
  };
  for (const u of units) {
    const k = (c.byKind[u.unit.kind] ??= { expected: 0, received: 0, valid: 0 });
    k.expected++;
    if (u.status === 'chua-nop') {
      c.missing++;
      continue;
    }
    c.received++;
    k.received++;
    if (u.late) c.late++;
    if (u.receipt.receivedOn === null) c.undated++;
    switch (u.status) {
      case 'hop-le':
      case 'nop-muon':
        c.valid++;
        k.valid++;
        if (!u.late && u.receipt.receivedOn !== null) c.onTime++;
        break;
      case 'sai-dinh-dang':
        c.invalid++;
        c.formatErrors++;
        c.errorIssues += u.errors;
        break;
      case 'co-loi':
        c.invalid++;
        c.withErrors++;
        c.errorIssues += u.errors;
        break;
      case 'nhieu-tep':
        c.duplicates++;
        break;
    }
  }
  return c;
}
