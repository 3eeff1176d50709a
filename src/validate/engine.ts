/**
 * The validation engine: bytes of one unit workbook + the outline -> a Submission (numbers and
 * flags) and every issue at once. Pure and browser-safe (it is bundled into the offline page and
 * run in worker threads): no Node, no clock, no exceljs. The layout it reads is the contract in
 * notes/template-layout.md; it finds sheets, header rows and rows by their labels and codes, not
 * by position, so units that insert, delete, reorder rows or rename a sheet slightly still pass.
 */
import { fileProblemIssue } from '../issues/catalogue/file.js';
import { makeValidateIssue, type VALIDATE_ISSUES } from '../issues/catalogue/validate.js';
import type { Issue, Location, Severity } from '../issues/types.js';
import { references, evaluate, compare, type Expr, type ExprRef } from '../outline/expr.js';
import {
  categorySetOf,
  compileOutline,
  impliedRules,
  inputCells,
  inputsForKind,
  layoutFingerprint,
  rulesForKind,
  sectionsForKind,
  totalMember,
  type InputCell,
} from '../outline/helpers.js';
import { parseExpr } from '../outline/expr.js';
import type { InputDef, Outline, PeriodCode, RuleDef } from '../outline/schema.js';
import { parsePeriodId, type Period } from '../period/periods.js';
import { unitActiveIn, type Unit } from '../period/units.js';
import { formatIsoDate, fromExcelSerial, parseVnDate } from '../text/dates.js';
import { closestMatch, foldLabel, normalizeLabel, ownCopy } from '../text/labels.js';
import { cleanText, hasVisibleChar, isBlankText } from '../text/normalize.js';
import { repairVietnamese, type LegacyEncoding } from '../text/legacy.js';
import { a1, parseRange } from '../workbook/address.js';
import {
  DATA_HEADERS,
  INFO_LABELS,
  SHEET,
  SINGLE_LABEL,
  TEXT_HEADERS,
  TOTAL_LABEL,
  type StampKey,
} from '../workbook/layout.js';
import type { RawInflate } from '../ooxml/zip.js';
import { readWorkbook } from '../workbook/read.js';
import { DEFAULT_READ_LIMITS } from '../workbook/types.js';
import type {
  RawCell,
  RawSheet,
  RawWorkbook,
  ReadLimits,
  ReadProblem,
  SheetInfo,
} from '../workbook/types.js';
import { interpretCell, type CellProblem } from './cells.js';
import { formatVnNumber } from './numbers.js';
import { blankSubmission, SINGLE, type InputValues, type Submission } from './submission.js';

export interface ValidateInput {
  bytes: Uint8Array;
  /** Path as given, or the file name in the browser. */
  file: string;
  /** Built-in outlines by id (the stamp names one). */
  outlines: (id: string) => Outline | undefined;
  /** The outline to check against whatever the stamp says (`--outline`, or the workspace's). */
  outline?: Outline;
  /** units.yaml; undefined: checks that need it are skipped with a note. */
  units?: readonly Unit[] | undefined;
  /** From `--period/--year`: the workbook must be of this period. */
  period?: Period;
  limits?: Partial<ReadLimits>;
  /**
   * Node's native raw inflate (src/io/inflate.ts), faster than the fflate default; a function,
   * so it is not part of the context sent to worker threads.
   */
  inflateRaw?: RawInflate | undefined;
}

/** Both sides of a rule, parsed; undefined when one does not parse (the rule is skipped). */
type RuleSides = { left: Expr; right: Expr } | undefined;

/** What each file reuses of an outline: parsed expressions, implied rules, the fingerprint. */
interface Prepared {
  compiled: ReturnType<typeof compileOutline>;
  implied: RuleDef[];
  /** Parsed sides of the implied rules (compiled.rules holds the outline's own). */
  impliedSides: Map<string, RuleSides>;
  fingerprint: string;
  /** `inputCells` of each input. */
  cells: Map<InputDef, InputCell[]>;
  /** Inputs, rules and sections of a unit kind and period (key: kind, NUL, period). */
  byKind: Map<string, KindLists>;
}
interface KindLists {
  inputs: InputDef[];
  rules: RuleDef[];
  sections: ReturnType<typeof sectionsForKind>;
}
// A batch of 10,000 files shares one outline object: compile it once, not per file.
const PREPARED = new WeakMap<Outline, Prepared>();
function prepared(outline: Outline): Prepared {
  let p = PREPARED.get(outline);
  if (p === undefined) {
    const implied = impliedRules(outline);
    const impliedSides = new Map<string, RuleSides>();
    for (const r of implied) {
      const left = mustParse(r.left);
      const right = mustParse(r.right);
      impliedSides.set(r.code, left && right ? { left, right } : undefined);
    }
    p = {
      compiled: compileOutline(outline),
      implied,
      impliedSides,
      fingerprint: layoutFingerprint(outline),
      cells: new Map(),
      byKind: new Map(),
    };
    PREPARED.set(outline, p);
  }
  return p;
}

function cellsOf(outline: Outline, def: InputDef): InputCell[] {
  const p = prepared(outline);
  let c = p.cells.get(def);
  if (c === undefined) {
    c = inputCells(outline, def);
    p.cells.set(def, c);
  }
  return c;
}

function kindLists(outline: Outline, kind: string, periodCode: PeriodCode | undefined): KindLists {
  const p = prepared(outline);
  const key = `${kind}\u0000${periodCode ?? ''}`;
  let l = p.byKind.get(key);
  if (l === undefined) {
    l = {
      inputs: inputsForKind(outline, kind, periodCode),
      rules: rulesForKind(outline, kind, periodCode),
      sections: sectionsForKind(outline, kind, periodCode),
    };
    // Kinds come from units.yaml or a workbook's stamp: a hostile batch could name many.
    if (p.byKind.size >= 64) p.byKind.clear();
    p.byKind.set(key, l);
  }
  return l;
}

type Code = keyof typeof VALIDATE_ISSUES;
type Where = Location & { value?: string; label?: string };

type Stamp = Partial<Record<StampKey, string>>;

/** Collects issues and the cells whose text was converted from a legacy encoding. */
/** What `Collector.text` makes of a short string cell, and what it notes about it. */
interface Reading {
  clean: string;
  converted: LegacyEncoding | null;
  suspected: LegacyEncoding | null;
}

/**
 * Readings of short string cells (labels, codes, names, answers) by font name, then text: the
 * same few hundred labels come in every unit's workbook, and judging whether each is legacy
 * text, then cleaning it, was a tenth of the time spent on a file. Keys and texts are copies of
 * their own (a cell's text is a view of the whole decoded part); bounded like the label memos.
 */
const READINGS = new Map<string, Map<string, Reading>>();
const READING_MAX_LENGTH = 120;
const READING_ENTRIES = 4096;
let readingCount = 0;

function readingOf(text: string, font: string | undefined): Reading {
  const byText = READINGS.get(font ?? '');
  const known = byText?.get(text);
  if (known !== undefined) return known;
  const r = repairVietnamese(text, font);
  const reading: Reading = {
    clean: ownCopy(cleanText(r.text)),
    converted: r.converted,
    suspected: r.lowConfidence ? r.suspected : null,
  };
  if (readingCount >= READING_ENTRIES) {
    READINGS.clear();
    readingCount = 0;
  }
  let map = READINGS.get(font ?? '');
  if (map === undefined) {
    map = new Map();
    READINGS.set(ownCopy(font ?? ''), map);
  }
  map.set(ownCopy(text), reading);
  readingCount++;
  return reading;
}

class Collector {
  readonly issues: Issue[] = [];
  constructor(
    readonly file: string,
    readonly limits: ReadLimits,
  ) {}

  /** A reader problem (unreadable file or sheet) as its catalogue issue. */
  readProblem(
    problem: ReadProblem,
    detail: string,
    where: { sheet?: string; cell?: string },
  ): void {
    this.issues.push(fileProblemIssue(problem, detail, this.file, this.limits, where));
  }

  readonly converted = new Map<string, string[]>();
  readonly uncertain = new Map<string, string[]>();

  add<K extends Code>(
    code: K,
    params: Parameters<(typeof VALIDATE_ISSUES)[K]['message']>[0],
    where: Where = {},
    severity?: Severity,
  ): void {
    // The generic maker cannot see through K here; the catalogue types each call site.
    const make = makeValidateIssue as unknown as (
      c: string,
      p: unknown,
      w: Where,
      s?: Severity,
    ) => Issue;
    this.issues.push(make(code, params, where, severity));
  }

  /** Cleaned (NFC, spaces) text of a cell, legacy TCVN3/VNI converted by font first. */
  text(sheet: string, cell: RawCell | undefined): string {
    if (cell === undefined) return '';
    if (cell.type !== 'string') return cell.text;
    if (cell.runs === undefined && cell.text.length <= READING_MAX_LENGTH) {
      const r = readingOf(cell.text, cell.font?.name);
      this.note(sheet, cell, r.converted, r.suspected);
      return r.clean;
    }
    return cleanText(this.repaired(sheet, cell));
  }

  /** Where legacy text was converted, or suspected and left as it was. */
  private note(
    sheet: string,
    cell: RawCell,
    converted: LegacyEncoding | null,
    suspected: LegacyEncoding | null,
  ): void {
    if (converted !== null) push(this.converted, converted, `${sheet}!${cell.address}`);
    else if (suspected !== null) push(this.uncertain, suspected, `${sheet}!${cell.address}`);
  }

  /**
   * Whether `text(sheet, cell)` is not blank, without cleaning the whole text: a narrative of
   * 3 KB is settled by its first letter. Legacy text is still noted, as `text` notes it.
   */
  filled(sheet: string, cell: RawCell): boolean {
    if (cell.type !== 'string') return !isBlankText(cell.text);
    const raw = this.repaired(sheet, cell);
    // isBlankText(cleanText(x)) is isBlankText(x) whenever x has a visible character.
    return hasVisibleChar(raw) || !isBlankText(cleanText(raw));
  }

  /** A string cell's text with legacy encodings converted, noting where that happened. */
  private repaired(sheet: string, cell: RawCell): string {
    let raw: string;
    let converted: LegacyEncoding | null = null;
    let suspected: LegacyEncoding | null = null;
    if (cell.runs !== undefined && cell.runs.length > 0) {
      raw = '';
      for (const run of cell.runs) {
        const r = repairVietnamese(run.text, run.font?.name ?? cell.font?.name);
        raw += r.text;
        converted ??= r.converted;
        if (r.lowConfidence) suspected ??= r.suspected;
      }
    } else {
      const r = repairVietnamese(cell.text, cell.font?.name);
      raw = r.text;
      converted = r.converted;
      if (r.lowConfidence) suspected = r.suspected;
    }
    this.note(sheet, cell, converted, suspected);
    return raw;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const ENCODING_NAMES: Record<string, string> = {
  tcvn3: 'TCVN3 (ABC, phông .VnTime)',
  vni: 'VNI (phông VNI-Times)',
};

function cellList(cells: string[]): string {
  const shown = cells.slice(0, 10).join(', ');
  return cells.length > 10 ? `${shown} và ${cells.length - 10} ô khác` : shown;
}

/** A name a clerk may have retyped: `So lieu`, `số liệu ` and `Số liệu (2)` still match. */
const MAX_NAME_DISTANCE = 2;

function findSheet(wb: RawWorkbook, wanted: string): SheetInfo | undefined {
  // The first name equal after normalising is what closestMatch would pick (distance 0 both
  // ways, and ties go to the first); only a retyped name needs the edit distances.
  const target = normalizeLabel(wanted);
  const same = wb.sheets.find((s) => normalizeLabel(s.name) === target);
  if (same !== undefined) return same;
  const m = closestMatch(
    wanted,
    wb.sheets.map((s) => s.name),
    MAX_NAME_DISTANCE,
  );
  return m === null ? undefined : wb.sheets[m.index];
}

function loadSheet(wb: RawWorkbook, info: SheetInfo, out: Collector): RawSheet | undefined {
  const s = wb.sheet(info.name);
  if (s.ok) return s;
  out.readProblem(
    s.problem,
    s.detail,
    s.cell === undefined ? { sheet: info.name } : { sheet: info.name, cell: s.cell },
  );
  return undefined;
}

/** Key/value rows (A label, B value) of `_bctd` and `Thông tin`. */
function keyValues(sheet: RawSheet, out: Collector): Map<string, RawCell | undefined> {
  const map = new Map<string, RawCell | undefined>();
  for (let r = 1; r <= sheet.maxRow; r++) {
    const k = sheet.cells.get(a1(r, 1));
    if (k === undefined) continue;
    const key = normalizeLabel(out.text(sheet.name, k));
    if (key !== '' && !map.has(key)) map.set(key, sheet.cells.get(a1(r, 2)));
  }
  return map;
}

interface Header {
  row: number;
  /** Normalised label -> column. */
  columns: Map<string, number>;
}

/** The first row (within the first 30) whose cells include every one of `must`. */
function findHeader(sheet: RawSheet, must: string[], out: Collector): Header | undefined {
  const wanted = must.map(foldLabel);
  for (let r = 1; r <= Math.min(sheet.maxRow, 30); r++) {
    const columns = new Map<string, number>();
    for (let c = 1; c <= sheet.maxCol; c++) {
      const cell = sheet.cells.get(a1(r, c));
      if (cell === undefined || cell.type !== 'string') continue;
      const label = normalizeLabel(out.text(sheet.name, cell));
      if (label !== '' && !columns.has(label)) columns.set(label, c);
    }
    const folded = new Set([...columns.keys()].map(foldLabel));
    if (wanted.every((w) => folded.has(w))) return { row: r, columns };
  }
  return undefined;
}

/** Column of a header label: exact after normalising, then without diacritics. */
function columnOf(h: Header, ...labels: string[]): number | undefined {
  for (const l of labels) {
    const c = h.columns.get(normalizeLabel(l));
    if (c !== undefined) return c;
  }
  for (const l of labels) {
    const f = foldLabel(l);
    for (const [k, c] of h.columns) if (foldLabel(k) === f) return c;
  }
  return undefined;
}

/** Ngày lập (a date cell, or text as `parseVnDate` reads it) as ISO. Undefined: unreadable. */
function readDate(cell: RawCell, text: string, date1904: boolean): string | undefined {
  const d =
    cell.type === 'number' && typeof cell.value === 'number'
      ? fromExcelSerial(cell.value, { date1904 })
      : parseVnDate(text);
  return d === null ? undefined : formatIsoDate(d);
}

/** One input row found in Số liệu. */
interface InputRow {
  input: InputDef;
  row: number;
}

/**
 * Validates one workbook. Never throws for anything a file can contain: every problem is an
 * issue. Returns numbers and flags only (no narrative text) to keep 10,000 of them small.
 */
export function validateWorkbook(input: ValidateInput): Submission {
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...input.limits };
  const out = new Collector(input.file, limits);
  const sub: Submission = { ...blankSubmission(input.file), issues: out.issues };
  const finish = (): Submission => {
    for (const [enc, cells] of out.converted) {
      out.add('text-legacy-converted', {
        encoding: ENCODING_NAMES[enc] ?? enc,
        count: cells.length,
        cells: cellList(cells),
      });
    }
    for (const [enc, cells] of out.uncertain) {
      out.add('text-legacy-uncertain', {
        encoding: ENCODING_NAMES[enc] ?? enc,
        count: cells.length,
        cells: cellList(cells),
      });
    }
    sub.valid = !out.issues.some((i) => i.severity === 'error');
    keepSmall(sub);
    return sub;
  };

  // --- The file ------------------------------------------------------------------------------
  const read = readWorkbook(input.bytes, limits, { inflateRaw: input.inflateRaw });
  if (!read.ok) {
    const where: { sheet?: string; cell?: string } = {};
    if (read.sheet !== undefined) where.sheet = read.sheet;
    if (read.cell !== undefined) where.cell = read.cell;
    out.readProblem(read.problem, read.detail, where);
    return finish();
  }
  const wb = read.workbook;
  for (const w of wb.warnings) out.readProblem(w.problem, w.detail, {});

  // --- The stamp and the outline -------------------------------------------------------------
  const stamp: Stamp = {};
  const stampInfo =
    wb.sheets.find((s) => s.name === SHEET.stamp) ??
    wb.sheets.find((s) => normalizeLabel(s.name) === SHEET.stamp);
  if (stampInfo) {
    const sheet = loadSheet(wb, stampInfo, out);
    if (sheet === undefined) return finish();
    for (const [k, cell] of keyValues(sheet, out)) {
      if (cell !== undefined) (stamp as Record<string, string>)[k] = cleanText(cell.text);
    }
  }
  let outline: Outline | undefined;
  if (input.outline !== undefined) {
    outline = input.outline;
    if (stamp.outline_id !== undefined && stamp.outline_id !== outline.id) {
      out.add('template-foreign', { found: stamp.outline_id, expected: outline.id });
      return finish();
    }
  } else if (stamp.outline_id !== undefined) {
    outline = input.outlines(stamp.outline_id);
    if (outline === undefined) {
      out.add('outline-unknown', { id: stamp.outline_id });
      return finish();
    }
  } else {
    out.add('outline-missing', {});
    return finish();
  }
  sub.outline = { id: outline.id, version: outline.version };
  if (stamp.layout !== undefined && stamp.layout !== prepared(outline).fingerprint) {
    out.add('template-outdated', {
      found: stamp.outline_version ?? '?',
      current: outline.version,
    });
  }

  // --- Who and when --------------------------------------------------------------------------
  const infoInfo = findSheet(wb, SHEET.info);
  const info = new Map<string, { cell: RawCell | undefined; sheet: string }>();
  if (infoInfo) {
    const sheet = loadSheet(wb, infoInfo, out);
    if (sheet)
      for (const [k, c] of keyValues(sheet, out)) info.set(k, { cell: c, sheet: sheet.name });
  }
  const infoText = (label: string): { text: string; where: Where } | undefined => {
    const e = info.get(normalizeLabel(label));
    if (e?.cell === undefined) return undefined;
    const text = out.text(e.sheet, e.cell);
    return text === '' ? undefined : { text, where: { sheet: e.sheet, cell: e.cell.address } };
  };
  const codeEntry = infoText(INFO_LABELS.code);
  const unitCode = codeEntry?.text ?? stamp.unit_code;
  let known: Unit | undefined;
  const periodEntry = infoText(INFO_LABELS.periodId);
  const periodText = periodEntry?.text ?? stamp.period;
  let wbPeriod: Period | undefined;
  if (periodText !== undefined) {
    wbPeriod = parsePeriodId(periodText);
    if (wbPeriod === undefined)
      out.add('period-invalid', { text: periodText }, { ...periodEntry?.where, value: periodText });
  } else out.add('period-missing', {});
  sub.period = wbPeriod?.id ?? null;
  if (input.period !== undefined && wbPeriod !== undefined && wbPeriod.id !== input.period.id) {
    out.add(
      'period-mismatch',
      { found: wbPeriod.id, expected: input.period.id },
      { ...periodEntry?.where, value: wbPeriod.id },
    );
  }
  const period = wbPeriod ?? input.period;

  if (unitCode === undefined) {
    out.add('unit-code-missing', {}, infoInfo ? { sheet: infoInfo.name } : {});
  } else if (input.units !== undefined) {
    // Without units.yaml these checks are skipped; the CLI says so once as a note, not as a
    // warning on every file (a commune officer cannot act on it).
    known = input.units.find((u) => u.code === unitCode);
    const where: Where = { ...codeEntry?.where, value: unitCode };
    if (known === undefined) {
      const suggestion = closestMatch(
        unitCode,
        input.units.map((u) => u.code),
        MAX_NAME_DISTANCE,
      )?.value;
      out.add(
        'unit-unknown',
        suggestion === undefined ? { code: unitCode } : { code: unitCode, suggestion },
        where,
      );
    } else if (period !== undefined && !unitActiveIn(known, period)) {
      out.add('unit-inactive', { code: known.code, name: known.name, period: period.label }, where);
    }
  }
  if (unitCode !== undefined) {
    sub.unit = {
      code: unitCode,
      name: known?.name ?? infoText(INFO_LABELS.name)?.text ?? '',
      kind: known?.kind ?? null,
    };
  }
  const kind = known?.kind ?? stamp.unit_kind;
  const periodCode = period?.kind as PeriodCode | undefined;

  const dateEntry = info.get(normalizeLabel(INFO_LABELS.date));
  if (dateEntry?.cell !== undefined) {
    const text = out.text(dateEntry.sheet, dateEntry.cell);
    if (text !== '') {
      const iso = readDate(dateEntry.cell, text, wb.date1904);
      if (iso === undefined)
        out.add(
          'prepared-date-invalid',
          {},
          { sheet: dateEntry.sheet, cell: dateEntry.cell.address, value: text },
        );
      sub.preparedOn = iso ?? null;
    }
  }

  // --- Số liệu -------------------------------------------------------------------------------
  readData(wb, outline, kind, periodCode, out, sub);

  // --- Nội dung ------------------------------------------------------------------------------
  if (kind !== undefined) readNarratives(wb, outline, kind, periodCode, out, sub);
  return finish();
}

/**
 * Makes what a batch keeps of a file small. Every string the Submission keeps from the
 * workbook (texts, unit, issue values and messages quoting cells) gets its own storage: each
 * would otherwise keep the decoded part it was read from alive (tens of kilobytes per file; a
 * batch keeps 10,000 Submissions). And `values`, filled one input at a time under names V8
 * cannot foresee, has turned into a hash table: made again from its entries it is an ordinary
 * object (a Submission of the benchmark's workbooks 4.7 KB instead of 6.0 KB; 10,000 files:
 * ~13 MB less in the process that keeps them; docs/BENCHMARKS.md).
 */
function keepSmall(sub: Submission): void {
  sub.values = Object.fromEntries(Object.entries(sub.values));
  if (sub.unit !== null) {
    sub.unit.code = ownCopy(sub.unit.code);
    sub.unit.name = ownCopy(sub.unit.name);
  }
  if (sub.period !== null) sub.period = ownCopy(sub.period);
  if (sub.preparedOn !== null) sub.preparedOn = ownCopy(sub.preparedOn);
  for (const k of Object.keys(sub.texts)) sub.texts[k] = ownCopy(sub.texts[k] as string);
  for (const issue of sub.issues) {
    const record = issue as unknown as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      const v = record[k];
      if (typeof v === 'string') record[k] = ownCopy(v);
    }
  }
}

/** The Số liệu sheet: layout, values, derived cells and rules. */
function readData(
  wb: RawWorkbook,
  outline: Outline,
  kind: string | undefined,
  periodCode: PeriodCode | undefined,
  out: Collector,
  sub: Submission,
): void {
  let info = findSheet(wb, SHEET.data);
  let sheet: RawSheet | undefined;
  let header: Header | undefined;
  const must = [DATA_HEADERS.code, DATA_HEADERS.label];
  if (info) {
    sheet = loadSheet(wb, info, out);
    if (sheet === undefined) return;
    header = findHeader(sheet, must, out);
  } else {
    // A sheet pasted into a new workbook keeps its table but not its name.
    for (const s of wb.sheets) {
      if (s.name === SHEET.stamp) continue;
      const candidate = wb.sheet(s.name);
      if (!candidate.ok) continue;
      const h = findHeader(candidate, must, out);
      if (h && columnOf(h, DATA_HEADERS.unit, DATA_HEADERS.note) !== undefined) {
        info = s;
        sheet = candidate;
        header = h;
        break;
      }
    }
    if (!info || !sheet) {
      out.add('sheet-missing', { sheet: SHEET.data });
      return;
    }
  }
  const sheetName = sheet.name;
  if (header === undefined) {
    out.add(
      'header-missing',
      { sheet: sheetName, labels: 'STT, Mã, Nội dung, Đơn vị tính' },
      {
        sheet: sheetName,
      },
    );
    return;
  }
  const codeCol = columnOf(header, DATA_HEADERS.code) as number;
  const unitCol = columnOf(header, DATA_HEADERS.unit, 'ĐVT');
  const labelCol = columnOf(header, DATA_HEADERS.label) as number;
  const noteCol = columnOf(header, DATA_HEADERS.note, 'Ghi chú', 'Giải trình');
  const labelCols = new Set([
    codeCol,
    labelCol,
    unitCol,
    noteCol,
    columnOf(header, DATA_HEADERS.stt),
  ]);
  const valueCols = [...header.columns.values()]
    .filter((c) => !labelCols.has(c))
    .sort((a, b) => a - b);
  const firstValueCol = valueCols[0];

  const expected = kind === undefined ? undefined : kindLists(outline, kind, periodCode).inputs;
  const rows = matchRows(
    sheet,
    sheetName,
    header.row,
    codeCol,
    valueCols,
    outline,
    kind,
    expected,
    out,
  );

  // Merged ranges over value cells: only the top-left cell keeps a value.
  const inputRowSet = new Set(rows.map((r) => r.row));
  const valueColSet = new Set(valueCols);
  for (const m of sheet.merges) {
    const range = parseRange(m);
    if (!range) continue;
    let hit = false;
    for (let r = range.top; r <= range.bottom && !hit; r++) {
      if (!inputRowSet.has(r)) continue;
      for (let c = range.left; c <= range.right && !hit; c++) if (valueColSet.has(c)) hit = true;
    }
    if (hit)
      out.add(
        'merged-value-cells',
        { range: m },
        { sheet: sheetName, cell: a1(range.top, range.left) },
      );
  }

  const { compiled, implied, impliedSides } = prepared(outline);
  /** `CODE.member` -> A1 of its cell, for rule locations. */
  const cellAt = new Map<string, string>();
  const typedDerived = readValues(
    sheet,
    sheetName,
    header,
    firstValueCol,
    rows,
    outline,
    compiled,
    cellAt,
    out,
    sub,
  );
  checkDerived(typedDerived, sheetName, out, sub);

  // --- Rules ---------------------------------------------------------------------------------
  const reported = new Set(rows.map((r) => r.input.code));
  const rules: RuleDef[] = [
    ...implied.filter(
      (r) => kind === undefined || r.applies_to === undefined || r.applies_to.includes(kind),
    ),
    ...(kind === undefined
      ? outline.rules.filter(
          (r) =>
            periodCode === undefined || r.periods === undefined || r.periods.includes(periodCode),
        )
      : kindLists(outline, kind, periodCode).rules),
  ];
  for (const rule of rules) {
    const c = compiled.rules.get(rule.code) ?? impliedSides.get(rule.code);
    const left = c?.left ?? mustParse(rule.left);
    const right = c?.right ?? mustParse(rule.right);
    if (left === undefined || right === undefined) continue;
    checkRule(rule, left, right, outline, sub, reported, cellAt, sheetName, out);
  }
}

/**
 * The input rows of Số liệu, matched by their code so inserted, deleted and reordered rows work;
 * reports rows that cannot be used and expected inputs that are missing. Kept apart from
 * `readData` (as are the steps after it) so that V8 optimises each loop on its own, early and
 * cheaply, instead of one huge function late in a batch (issue 6: JIT warm-up).
 */
function matchRows(
  sheet: RawSheet,
  sheetName: string,
  headerRow: number,
  codeCol: number,
  valueCols: number[],
  outline: Outline,
  kind: string | undefined,
  expected: InputDef[] | undefined,
  out: Collector,
): InputRow[] {
  const byCode = new Map(outline.inputs.map((i) => [i.code, i]));
  const expectedCodes = expected ? new Set(expected.map((i) => i.code)) : undefined;

  const rows: InputRow[] = [];
  const seen = new Map<string, string>();
  for (let r = headerRow + 1; r <= sheet.maxRow; r++) {
    const codeCell = sheet.cells.get(a1(r, codeCol));
    const code = cleanText(out.text(sheetName, codeCell)).toUpperCase();
    if (code === '') {
      const hasValue = valueCols.some((c) => {
        const v = sheet.cells.get(a1(r, c));
        return v !== undefined && !(v.type === 'string' && isBlankText(v.text));
      });
      if (hasValue) out.add('row-without-code', {}, { sheet: sheetName, cell: a1(r, codeCol) });
      continue;
    }
    const at: Where = { sheet: sheetName, cell: a1(r, codeCol), input: code, value: code };
    const def = byCode.get(code);
    if (def === undefined) {
      const suggestion = closestMatch(
        code,
        outline.inputs.map((i) => i.code),
        MAX_NAME_DISTANCE,
      )?.value;
      out.add('code-unknown', suggestion === undefined ? { code } : { code, suggestion }, at);
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      out.add('code-duplicate', { code, first }, { ...at, label: def.label });
      continue;
    }
    seen.set(code, a1(r, codeCol));
    if (expectedCodes !== undefined && !expectedCodes.has(code)) {
      out.add('code-not-for-unit', { code, kind: kind as string }, { ...at, label: def.label });
      continue;
    }
    rows.push({ input: def, row: r });
  }
  for (const def of expected ?? []) {
    if (!seen.has(def.code)) {
      out.add(
        'input-missing',
        { code: def.code, label: def.label },
        { sheet: sheetName, input: def.code, label: def.label },
        def.required ? 'error' : 'warning',
      );
    }
  }

  return rows;
}

type TypedDerived = Array<{ def: InputDef; c: InputCell; cell: RawCell; text: string }>;

/** The value cells of each matched row, read per the input's type; derived members computed. */
function readValues(
  sheet: RawSheet,
  sheetName: string,
  header: Header,
  firstValueCol: number | undefined,
  rows: InputRow[],
  outline: Outline,
  compiled: Prepared['compiled'],
  cellAt: Map<string, string>,
  out: Collector,
  sub: Submission,
): TypedDerived {
  // Columns of each member, once per label.
  const missingCols = new Set<string>();
  const colFor = (def: InputDef, c: InputCell): number | undefined => {
    if (c.member === undefined) {
      return columnOf(header, SINGLE_LABEL, TOTAL_LABEL) ?? firstValueCol;
    }
    const member = categorySetOf(outline, def)?.members.find((m) => m.code === c.member);
    const labels = [c.label, ...(member?.short_label ? [member.short_label] : [])];
    const col = columnOf(header, ...labels);
    if (col === undefined && !missingCols.has(c.label)) {
      missingCols.add(c.label);
      out.add('column-missing', { column: c.label }, { sheet: sheetName, cell: a1(header.row, 1) });
    }
    return col;
  };

  const typedDerived: TypedDerived = [];

  for (const { input: def, row } of rows) {
    const where = (address: string, text: string | undefined): Where => {
      const w: Where = { sheet: sheetName, cell: address, input: def.code, label: def.label };
      if (text !== undefined && text !== '') w.value = text;
      return w;
    };
    if (def.type === 'text') {
      const col = columnOf(header, SINGLE_LABEL, TOTAL_LABEL) ?? firstValueCol;
      if (col === undefined) continue;
      const cell = sheet.cells.get(a1(row, col));
      const text = out.text(sheetName, cell);
      if (text !== '') sub.texts[def.code] = text;
      else
        out.add(
          'value-blank',
          { column: SINGLE_LABEL },
          where(a1(row, col), undefined),
          def.required ? 'error' : 'warning',
        );
      continue;
    }
    const values: InputValues = {};
    sub.values[def.code] = values;
    for (const c of cellsOf(outline, def)) {
      const key = c.member ?? SINGLE;
      const col = colFor(def, c);
      if (col === undefined) {
        if (c.entered) values[key] = null;
        continue;
      }
      const address = a1(row, col);
      cellAt.set(`${def.code}.${key}`, address);
      const cell = sheet.cells.get(address);
      const text = out.text(sheetName, cell);
      if (!c.entered) {
        if (cell !== undefined) typedDerived.push({ def, c, cell, text });
        continue;
      }
      const r = interpretCell(cell, text, def, outline);
      for (const p of r.problems)
        addCellProblem(out, p, c.label, where(address, text || cell?.text));
      switch (r.reading.kind) {
        case 'number':
          values[key] = r.reading.value;
          break;
        case 'blank':
          if (def.blank === 'zero') values[key] = 0;
          else {
            values[key] = null;
            out.add(
              'value-blank',
              { column: c.label },
              where(address, undefined),
              def.required ? 'error' : 'warning',
            );
          }
          break;
        case 'not_reported':
          values[key] = null;
          out.add(
            'value-blank',
            { column: c.label },
            where(address, text),
            def.required ? 'error' : 'warning',
          );
          break;
        case 'not_applicable':
          break;
        case 'invalid':
          values[key] = null;
          break;
      }
    }
    // Derived members are computed from the entered ones, never taken from the unit's formulas.
    for (const c of cellsOf(outline, def)) {
      if (c.entered || c.member === undefined) continue;
      const expr = compiled.derived.get(`${def.code}.${c.member}`);
      if (expr === undefined) continue;
      const v = evaluate(expr, (code, member) => {
        const m = code === def.code ? (member ?? totalMember(outline, def) ?? SINGLE) : code;
        return values[m] ?? null;
      });
      values[c.member] = typeof v === 'number' ? v : null;
    }
  }

  return typedDerived;
}

/** Derived cells the unit typed a value into: that value must match the computed one. */
function checkDerived(
  typedDerived: TypedDerived,
  sheetName: string,
  out: Collector,
  sub: Submission,
): void {
  for (const { def, c, cell, text } of typedDerived) {
    const computed = sub.values[def.code]?.[c.member as string];
    if (computed === null || computed === undefined) continue;
    if (cell.error !== undefined || (cell.formula !== undefined && !cell.hasCachedValue)) continue;
    const typed = cell.type === 'number' ? (cell.value as number) : Number.NaN;
    if (cell.type === 'string' && isBlankText(text)) continue;
    if (!Number.isNaN(typed) && compare(typed, '=', computed)) continue;
    out.add(
      'derived-mismatch',
      {
        column: c.label,
        typed: Number.isNaN(typed) ? `"${text}"` : formatVnNumber(typed),
        computed: formatVnNumber(computed),
        formula: c.formula ?? '',
      },
      {
        sheet: sheetName,
        cell: cell.address,
        input: def.code,
        label: def.label,
        value: text || cell.text,
      },
    );
  }
}

function mustParse(text: string): Expr | undefined {
  const r = parseExpr(text);
  return r.ok ? r.ast : undefined;
}

function addCellProblem(out: Collector, p: CellProblem, column: string, where: Where): void {
  switch (p.code) {
    case 'value-not-number':
      return out.add(p.code, { column, expected: p.expected }, where);
    case 'value-ambiguous':
      return out.add(p.code, { used: p.used, other: p.other }, where);
    case 'value-formula-error':
      return out.add(p.code, { error: p.error }, where);
    case 'value-formula-no-result':
      return out.add(p.code, {}, where);
    default:
      return out.add(p.code, { column }, where);
  }
}

/** `map`'s entry for `key`, made by `make` the first time. */
function entryOf<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** The member a reference without one stands for: its input's total, or the single value. */
const TOTALS = new WeakMap<Outline, Map<string, string>>();
function memberFor(outline: Outline, code: string, member: string | undefined): string {
  if (member !== undefined) return member;
  const totals = entryOf(TOTALS, outline, () => new Map<string, string>());
  let m = totals.get(code);
  if (m === undefined) {
    const def = outline.inputs.find((i) => i.code === code);
    m = (def && totalMember(outline, def)) ?? SINGLE;
    totals.set(code, m);
  }
  return m;
}

/**
 * A rule's references, both sides in source order, by its parsed sides: the same for every
 * file, so they are listed once (they were a tenth of what checking a file allocated).
 */
const RULE_REFS = new WeakMap<Expr, WeakMap<Expr, readonly ExprRef[]>>();
function ruleRefs(left: Expr, right: Expr): readonly ExprRef[] {
  const byRight = entryOf(RULE_REFS, left, () => new WeakMap<Expr, readonly ExprRef[]>());
  return entryOf(byRight, right, () => [...references(left), ...references(right)]);
}

/** Applies one rule with its missing-value strategy (DHIS2 validation rules). */
function checkRule(
  rule: RuleDef,
  left: Expr,
  right: Expr,
  outline: Outline,
  sub: Submission,
  reported: Set<string>,
  cellAt: Map<string, string>,
  sheet: string,
  out: Collector,
): void {
  const refs = ruleRefs(left, right);
  const memberOf = (code: string, member: string | undefined): string =>
    memberFor(outline, code, member);
  const raw = (code: string, member: string | undefined): number | null => {
    if (!reported.has(code)) return null;
    const v = sub.values[code]?.[memberOf(code, member)];
    return v === undefined ? null : v;
  };
  let missing = 0;
  for (const r of refs) if (raw(r.code, r.member) === null) missing++;
  if (rule.op === 'compulsory_pair' || rule.op === 'exclusive_pair') {
    const l = evaluate(left, (c, m) => raw(c, m));
    const r = evaluate(right, (c, m) => raw(c, m));
    const lf = typeof l === 'number';
    const rf = typeof r === 'number';
    const ok = rule.op === 'compulsory_pair' ? lf === rf : !(lf && rf);
    if (!ok) report();
    return;
  }
  if (rule.missing === 'skip_if_any_missing' && missing > 0) return;
  if (rule.missing === 'skip_if_all_missing' && missing === refs.length) return;
  const lookup = (c: string, m: string | undefined, counted: boolean): number | null => {
    const v = raw(c, m);
    if (counted) return v === null ? 0 : 1;
    return v ?? 0;
  };
  const l = evaluate(left, lookup);
  const r = evaluate(right, lookup);
  if (typeof l !== 'number' || typeof r !== 'number') return;
  if (!compare(l, rule.op as '=' | '!=' | '<' | '<=' | '>' | '>=', r)) report(l, r);

  function report(l?: number, r?: number): void {
    const seen = new Set<string>();
    const parts: string[] = [];
    let cell: string | undefined;
    let input: string | undefined;
    const sameInput = new Set(refs.map((x) => x.code)).size === 1;
    for (const ref of refs) {
      const m = memberOf(ref.code, ref.member);
      const key = `${ref.code}.${m}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const def = outline.inputs.find((i) => i.code === ref.code);
      const memberLabel =
        m === SINGLE
          ? undefined
          : ((def && categorySetOf(outline, def)?.members.find((x) => x.code === m)?.label) ?? m);
      const name = sameInput
        ? (memberLabel ?? def?.label ?? ref.code)
        : `${ref.code}${memberLabel ? ` (${memberLabel})` : ''}`;
      const v = raw(ref.code, ref.member);
      parts.push(`${name}: ${v === null ? 'trống' : formatVnNumber(v)}`);
      if (cell === undefined && cellAt.has(key)) {
        cell = cellAt.get(key);
        input = ref.code;
      }
    }
    if (l !== undefined && r !== undefined && refs.length > 2)
      parts.push(`vế trái ${formatVnNumber(l)}, vế phải ${formatVnNumber(r)}`);
    const where: Where = { sheet };
    if (cell !== undefined) where.cell = cell;
    if (input !== undefined) {
      where.input = input;
      const def = outline.inputs.find((i) => i.code === input);
      if (def) where.label = def.label;
    }
    const params =
      rule.fix === undefined
        ? { message: rule.message, values: parts.join('; ') }
        : { message: rule.message, fix: rule.fix, values: parts.join('; ') };
    out.add('rule-failed', params, where, rule.severity);
  }
}

/** The Nội dung sheet: required sections must not be empty; filled ones are listed. */
function readNarratives(
  wb: RawWorkbook,
  outline: Outline,
  kind: string,
  periodCode: PeriodCode | undefined,
  out: Collector,
  sub: Submission,
): void {
  const sections = kindLists(outline, kind, periodCode).sections;
  if (sections.length === 0) return;
  const info = findSheet(wb, SHEET.text);
  const required = sections.filter((s) => s.section.required);
  if (!info) {
    if (required.length > 0) out.add('sheet-missing', { sheet: SHEET.text });
    return;
  }
  const sheet = loadSheet(wb, info, out);
  if (!sheet) return;
  const header = findHeader(sheet, [TEXT_HEADERS.number], out);
  if (!header) {
    out.add(
      'header-missing',
      { sheet: sheet.name, labels: 'Mục, Nội dung cần báo cáo, Báo cáo của đơn vị' },
      {
        sheet: sheet.name,
      },
    );
    return;
  }
  const numCol = columnOf(header, TEXT_HEADERS.number) as number;
  const textCol = columnOf(header, TEXT_HEADERS.text, 'Nội dung báo cáo') ?? numCol + 2;
  const found = new Map<string, { filled: boolean; cell: string }>();
  for (let r = header.row + 1; r <= sheet.maxRow; r++) {
    const n = out
      .text(sheet.name, sheet.cells.get(a1(r, numCol)))
      .replace(/\.$/, '')
      .replace(/\s+/g, '');
    if (n === '') continue;
    const textCell = sheet.cells.get(a1(r, textCol));
    // Only whether it is filled is kept: the narrative itself is read again by `--narratives`.
    const filled = textCell !== undefined && out.filled(sheet.name, textCell);
    const prev = found.get(n);
    found.set(n, { filled: filled || (prev?.filled ?? false), cell: prev?.cell ?? a1(r, textCol) });
  }
  for (const s of sections) {
    const f = found.get(s.path);
    if (f?.filled) sub.narrativesFilled.push(s.path);
    else if (s.section.required) {
      out.add(
        'section-empty',
        { number: s.path, title: s.section.title },
        f ? { sheet: sheet.name, cell: f.cell } : { sheet: sheet.name },
      );
    }
  }
}
