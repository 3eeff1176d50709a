/**
 * Rows of the outline's appendix tables (Phụ lục, ND30 Phụ lục I mục VIII; layout in Mẫu 2.1)
 * from a roll-up: header labels and cells, numbers left as numbers so that the report formats
 * them the Vietnamese way with each column's decimals. Ratios in total rows are recomputed from
 * the summed parts, never averaged (anchors-and-pitfalls §1.2 point 5).
 */
import { evaluate, isDivisionByZero, parseExpr, type Expr, type Lookup } from '../outline/expr.js';
import { nextTarget, targetFor, totalMember, type YearTarget } from '../outline/helpers.js';
import type {
  AppendixColumn,
  AppendixTableDef,
  IndicatorDef,
  InputDef,
  Outline,
  Target,
} from '../outline/schema.js';
import { formatNumber } from '../text/numbers.js';
import { SINGLE } from '../validate/submission.js';
import { compareWith, isRateUnit, totalsLookup } from './indicators.js';
import { memberKeys } from './totals.js';
import type { IndicatorResult, Rollup, UnitRecord, UnitStatus } from './types.js';

export type Cell = string | number | null;

/** What a row is about: an indicator, an input or a unit, by code. */
export interface RowSource {
  from: 'indicators' | 'inputs' | 'units';
  code: string;
}

export interface AppendixRowsResult {
  header: string[];
  rows: Cell[][];
  /** Index in `rows` of the closing total row, or null. */
  totalRow: number | null;
  /**
   * Per row of `rows`, what it is about (null for the total row): the report formats each
   * number with that indicator's or input's decimals.
   */
  sources: (RowSource | null)[];
}

export const UNIT_STATUS_LABELS: Record<UnitStatus, string> = {
  'chua-nop': 'Chưa nộp',
  'sai-dinh-dang': 'Sai định dạng',
  'co-loi': 'Có lỗi',
  'nhieu-tep': 'Nhiều tệp',
  'hop-le': 'Hợp lệ',
  'nop-muon': 'Nộp muộn',
};

const OP_SIGNS: Record<Target['op'], string> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
  '=': '=',
  '~': '~',
};

/** "≥ 60", "≤ 111", "~ 112" (decimal comma): a target is an operator and a number, so text. */
export function targetText(t: Target): string {
  return `${OP_SIGNS[t.op]} ${String(t.value).replace('.', ',')}`;
}

/** The assessment cell: đạt / chưa đạt against the year's target, progress otherwise. */
export function assessmentText(res: IndicatorResult): string | null {
  if (res.status === 'not-computable' || res.status === 'zero-denominator') return res.text ?? null;
  const t = res.target;
  if (res.status === 'no-data') return t.kind === 'none' ? null : 'Không có số liệu';
  switch (t.kind) {
    case 'year':
      return t.met ? 'Đạt' : 'Chưa đạt';
    case 'next':
      // Never a blanket "chưa đạt" before the target year (issue 5, point 2).
      return t.reached
        ? `Đã đạt mục tiêu năm ${t.targetYear}`
        : `Đang thực hiện (mục tiêu năm ${t.targetYear})`;
    case 'none':
      return null;
  }
}

interface Row {
  source: RowSource;
  /** Values for `input` and `formula` columns. */
  lookup: Lookup;
  builtin: (key: NonNullable<AppendixColumn['key']>, col: AppendixColumn) => Cell;
  /** `member` and `share` columns (rows from inputs). */
  member: (m: string) => number | null;
  total: () => number | null;
}

const numOrNull = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

function evalCell(expr: Expr | undefined, lookup: Lookup): number | null {
  if (expr === undefined) return null;
  const r = evaluate(expr, lookup);
  return isDivisionByZero(r) ? null : numOrNull(r);
}

function share(part: number | null, whole: number | null): number | null {
  return part === null || whole === null || whole === 0 ? null : (part / whole) * 100;
}

function indicatorRow(
  outline: Outline,
  rollup: Rollup,
  def: IndicatorDef,
  index: number,
  year: number,
): Row {
  const res = rollup.indicators[def.code];
  const lookup = totalsLookup(outline, rollup.inputs);
  const target = (col: AppendixColumn): YearTarget | undefined =>
    col.year !== undefined ? targetFor(def, col.year) : nextTarget(def, year);
  return {
    source: { from: 'indicators', code: def.code },
    lookup,
    member: () => null,
    total: () => null,
    builtin: (key, col) => {
      switch (key) {
        case 'stt':
          return index + 1;
        case 'code':
          return def.code;
        case 'label':
          return def.label;
        case 'unit':
          return def.unit;
        case 'objective':
          return def.objective;
        case 'target': {
          const t = target(col);
          return t === undefined ? null : targetText(t);
        }
        case 'numerator':
          return res?.numerator ?? null;
        case 'denominator':
          return res?.denominator ?? null;
        case 'value':
          // "không phát sinh" / "không tính được ở cấp huyện" stand where the number would.
          if (res === undefined) return null;
          return res.status === 'ok' ? res.value : (res.text ?? null);
        case 'previous':
          return res?.sameTimeLastYear?.previous ?? null;
        case 'change':
          return res?.sameTimeLastYear?.change ?? null;
        case 'assessment':
          return res === undefined ? null : assessmentText(res);
        case 'status':
          return def.status;
        case 'source':
          return def.source;
        case 'note':
          return def.note ?? def.targets_note ?? null;
        case 'unit_name':
          return null;
      }
    },
  };
}

function inputRow(outline: Outline, rollup: Rollup, def: InputDef, index: number): Row {
  const t = rollup.inputs[def.code];
  const main = totalMember(outline, def) ?? SINGLE;
  const members = new Set(memberKeys(outline, def));
  const global = totalsLookup(outline, rollup.inputs);
  // In a row of an input, a bare member name (`nu / tong * 100`) means that input's member.
  const lookup: Lookup = (code, member, counted) =>
    member === undefined && members.has(code)
      ? counted
        ? (t?.reported[code] ?? null)
        : (t?.values[code] ?? null)
      : global(code, member, counted);
  const value = t?.asked ? (t.values[main] ?? null) : null;
  const previous = t?.previous?.[main] ?? null;
  return {
    source: { from: 'inputs', code: def.code },
    lookup,
    member: (m) => (t?.asked ? (t.values[m] ?? null) : null),
    total: () => value,
    builtin: (key) => {
      switch (key) {
        case 'stt':
          return index + 1;
        case 'code':
          return def.code;
        case 'label':
          return def.label;
        case 'unit':
          return def.unit;
        case 'value':
          return value;
        case 'previous':
          return previous;
        case 'change':
          return compareWith(value, previous, isRateUnit(def.unit))?.change ?? null;
        case 'note':
          // Coverage, so a partial total is never read as the district's: "3/4 đơn vị báo cáo".
          return t !== undefined && t.asked && t.reportedUnits < t.expected
            ? `${t.reportedUnits}/${t.expected} đơn vị báo cáo`
            : null;
        default:
          return null;
      }
    },
  };
}

function unitRow(
  outline: Outline,
  defs: ReadonlyMap<string, InputDef>,
  unit: UnitRecord,
  index: number,
): Row {
  const lookup: Lookup = (code, member, counted) => {
    const def = defs.get(code);
    if (def === undefined) return null;
    const m = member ?? totalMember(outline, def) ?? SINGLE;
    const v = unit.values?.[code]?.[m] ?? null;
    return counted ? (v === null ? 0 : 1) : v;
  };
  return {
    source: { from: 'units', code: unit.code },
    lookup,
    member: () => null,
    total: () => null,
    builtin: (key) => {
      switch (key) {
        case 'stt':
          return index + 1;
        case 'code':
          return unit.code;
        case 'label':
        case 'unit_name':
          return unit.name;
        case 'status':
          return UNIT_STATUS_LABELS[unit.status];
        default:
          return null;
      }
    },
  };
}

/**
 * One row for all the units of a kind (`unitsByKind`): their numbers summed, ratios from the
 * summed parts like the total row, the name column saying which units and how many.
 */
function kindRow(outline: Outline, kind: string, rows: readonly Row[], index: number): Row {
  const label = `${outline.unit_kinds[kind] ?? kind} (${formatNumber(rows.length, 0)} đơn vị)`;
  return {
    source: { from: 'units', code: kind },
    lookup: summedLookup(rows),
    member: () => null,
    total: () => null,
    builtin: (key) => {
      switch (key) {
        case 'stt':
          return index + 1;
        case 'label':
        case 'unit_name':
          return label;
        default:
          return null;
      }
    },
  };
}

/** Sums the rows' lookups: the total row's ratios come from summed parts. */
function summedLookup(rows: readonly Row[]): Lookup {
  return (code, member, counted) => {
    let sum: number | null = null;
    for (const r of rows) {
      const v = r.lookup(code, member, counted);
      if (v !== null) sum = (sum ?? 0) + v;
    }
    return sum;
  };
}

function sumCells(cells: readonly Cell[]): number | null {
  let sum: number | null = null;
  for (const c of cells) if (typeof c === 'number') sum = (sum ?? 0) + c;
  return sum;
}

function parsed(text: string | undefined): Expr | undefined {
  if (text === undefined) return undefined;
  const r = parseExpr(text);
  return r.ok ? r.ast : undefined;
}

/**
 * The cells of one appendix table. `opts.year` is the report's year: a `target` column without
 * its own `year` shows the target of that year, or else the next target year's.
 * `opts.unitsByKind`: a table with a row per unit gets a row per unit kind instead (the report
 * of a very large roll-up, see docs/REPORT.md); its total row is the same.
 */
export function appendixTable(
  rollup: Rollup,
  outline: Outline,
  table: AppendixTableDef,
  opts: { year: number; unitsByKind?: boolean },
): AppendixRowsResult {
  const cols = table.columns;
  const exprs = cols.map((c) => parsed(c.input ?? c.formula));
  let rows: Row[];
  /** The rows the total row sums (the units themselves when shown by kind). */
  let summed: Row[] | undefined;
  const src = table.rows;
  if (src.from === 'indicators') {
    const defs = outline.indicators.filter(
      (d) =>
        (src.codes === undefined || src.codes.includes(d.code)) &&
        (src.objectives === undefined || src.objectives.includes(d.objective)),
    );
    rows = defs.map((d, i) => indicatorRow(outline, rollup, d, i, opts.year));
  } else if (src.from === 'inputs') {
    const defs = src.codes
      .map((c) => outline.inputs.find((d) => d.code === c))
      .filter((d): d is InputDef => d !== undefined);
    rows = defs.map((d, i) => inputRow(outline, rollup, d, i));
  } else {
    const defs = new Map(outline.inputs.map((i) => [i.code, i]));
    rows = rollup.units
      .filter((u) => src.kinds.includes(u.kind))
      .map((u, i) => unitRow(outline, defs, u, i));
    if (opts.unitsByKind === true) {
      summed = rows;
      const byKind = new Map<string, Row[]>();
      rollup.units
        .filter((u) => src.kinds.includes(u.kind))
        .forEach((u, i) => {
          const list = byKind.get(u.kind) ?? [];
          list.push(rows[i] as Row);
          byKind.set(u.kind, list);
        });
      // The outline's order of kinds in `rows.kinds`, as a clerk reads them (xã, then thị trấn).
      rows = src.kinds
        .filter((k) => byKind.has(k))
        .map((k, i) => kindRow(outline, k, byKind.get(k) as Row[], i));
    }
  }

  const cellOf = (row: Row, col: AppendixColumn, i: number): Cell => {
    if (col.key !== undefined) return row.builtin(col.key, col);
    if (col.member !== undefined) return row.member(col.member);
    if (col.share !== undefined) return share(row.member(col.share), row.total());
    return evalCell(exprs[i], row.lookup);
  };
  const body = rows.map((row) => cols.map((col, i) => cellOf(row, col, i)));
  const sources: (RowSource | null)[] = rows.map((r) => r.source);

  let totalRow: number | null = null;
  if (table.total_row !== undefined && src.from !== 'indicators') {
    const sum = summedLookup(summed ?? rows);
    const labelAt = cols.findIndex(
      (c) => c.key === 'label' || c.key === 'unit_name' || c.key === 'code',
    );
    const at = labelAt >= 0 ? labelAt : cols[0]?.key === 'stt' && cols.length > 1 ? 1 : 0;
    const memberSum = (m: string): number | null => sumCells(rows.map((r) => r.member(m)));
    // A share over the rows that have the member: the sum of parts over the sum of their wholes.
    const shareSum = (m: string): number | null => {
      const withPart = rows.filter((r) => r.member(m) !== null && r.total() !== null);
      return share(
        sumCells(withPart.map((r) => r.member(m))),
        sumCells(withPart.map((r) => r.total())),
      );
    };
    const totals: Cell[] = cols.map((col, i) => {
      if (i === at) return table.total_row as string;
      if (col.key !== undefined) {
        if (col.key === 'value' || col.key === 'previous')
          return sumCells(body.map((r) => r[i] ?? null));
        if (col.key === 'change' && src.from === 'inputs') {
          const v = cols.findIndex((c) => c.key === 'value');
          const p = cols.findIndex((c) => c.key === 'previous');
          if (v < 0 || p < 0) return null;
          const now = sumCells(body.map((r) => r[v] ?? null));
          const before = sumCells(body.map((r) => r[p] ?? null));
          return compareWith(now, before, false)?.change ?? null;
        }
        return null;
      }
      if (col.member !== undefined) return memberSum(col.member);
      if (col.share !== undefined) return shareSum(col.share);
      return evalCell(exprs[i], sum);
    });
    body.push(totals);
    sources.push(null);
    totalRow = body.length - 1;
  }

  return { header: cols.map((c) => c.label), rows: body, totalRow, sources };
}

/**
 * The completeness table the report appends after the outline's tables: every expected unit
 * with its status, receipt date and error count, from the same numbers as `bctd status`.
 */
export function completenessTable(rollup: Rollup, outline: Outline): AppendixRowsResult {
  const header = ['STT', 'Đơn vị', 'Loại đơn vị', 'Tình trạng', 'Ngày nhận', 'Số lỗi'];
  const rows: Cell[][] = rollup.units.map((u, i) => [
    i + 1,
    u.name,
    outline.unit_kinds[u.kind] ?? u.kind,
    UNIT_STATUS_LABELS[u.status],
    u.receivedOn === null
      ? null
      : `${String(u.receivedOn.day).padStart(2, '0')}/${String(u.receivedOn.month).padStart(2, '0')}/${u.receivedOn.year}`,
    u.status === 'co-loi' || u.status === 'sai-dinh-dang' ? u.errors : null,
  ]);
  return {
    header,
    rows,
    totalRow: null,
    sources: rollup.units.map((u) => ({ from: 'units', code: u.code })),
  };
}
