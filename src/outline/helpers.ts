/**
 * Read-only helpers over a parsed outline, for the stages built on it (template writer,
 * validator, aggregator, report). Pure functions of the outline.
 */
import type {
  CategoryMember,
  CategorySet,
  IndicatorDef,
  InputDef,
  Outline,
  PeriodCode,
  PlaceholderMeaning,
  RuleDef,
  SectionDef,
  Target,
} from './schema.js';
import { parseExpr, type Expr } from './expr.js';

/** The category set of an input, or undefined when it has one value column. */
export function categorySetOf(outline: Outline, input: InputDef): CategorySet | undefined {
  return input.categories === undefined ? undefined : outline.category_sets[input.categories];
}

/** One value cell of an input row: a category member, or the single "Số liệu" cell. */
export interface InputCell {
  /** Member code; undefined for an input without categories. */
  member: string | undefined;
  /** Column header: the member's label, or "Số liệu". */
  label: string;
  /** Typed by units (true) or computed from `derived` (false). */
  entered: boolean;
  /** The derived expression text, when not entered. */
  formula?: string;
  /** This cell is the set's total. */
  isTotal: boolean;
}

/** The cells of an input in column order (the template's columns follow them). */
export function inputCells(outline: Outline, input: InputDef): InputCell[] {
  const set = categorySetOf(outline, input);
  if (set === undefined)
    return [{ member: undefined, label: 'Số liệu', entered: true, isTotal: true }];
  const derived = input.derived ?? {};
  return set.members.map((m: CategoryMember) => {
    const formula = derived[m.code];
    const entered = input.entered ? input.entered.includes(m.code) : formula === undefined;
    const cell: InputCell = {
      member: m.code,
      label: m.label,
      entered,
      isTotal: set.total === m.code,
    };
    if (formula !== undefined) cell.formula = formula;
    return cell;
  });
}

/** The member a bare reference (`SINH_SONG`) means: the set's total, or undefined (single value). */
export function totalMember(outline: Outline, input: InputDef): string | undefined {
  return categorySetOf(outline, input)?.total;
}

/** Does a unit of this kind report the input? (`periods` narrows it to some periods.) */
export function reportsInput(input: InputDef, kind: string, period?: PeriodCode): boolean {
  if (!input.reporters.includes(kind)) return false;
  return period === undefined || input.periods === undefined || input.periods.includes(period);
}

/** Inputs a unit of `kind` fills in (in outline order): the rows of its template. */
export function inputsForKind(outline: Outline, kind: string, period?: PeriodCode): InputDef[] {
  return outline.inputs.filter((i) => reportsInput(i, kind, period));
}

/** A section with its full number ("II.3.a"), depth (0 = I..VI) and inherited reporters. */
export interface FlatSection {
  /** Full number, the parts joined with ".": "I", "II.1", "III.1.a". */
  path: string;
  depth: number;
  section: SectionDef;
  /** Reporters after inheritance; undefined means every kind. */
  reporters: string[] | undefined;
  /** Periods after inheritance; undefined means every period of the outline. */
  periods: PeriodCode[] | undefined;
  /** Full number of the parent, undefined at the top. */
  parent: string | undefined;
}

/** Every section depth-first, in document order. */
export function flattenSections(outline: Outline): FlatSection[] {
  const out: FlatSection[] = [];
  const walk = (
    list: SectionDef[],
    prefix: string | undefined,
    depth: number,
    reporters: string[] | undefined,
    periods: PeriodCode[] | undefined,
  ): void => {
    for (const s of list) {
      const path = prefix === undefined ? s.number : `${prefix}.${s.number}`;
      const r = s.reporters ?? reporters;
      const p = s.periods ?? periods;
      out.push({ path, depth, section: s, reporters: r, periods: p, parent: prefix });
      walk(s.children, path, depth + 1, r, p);
    }
  };
  walk(outline.sections, undefined, 0, undefined, undefined);
  return out;
}

/** Sections a unit of `kind` writes (the template's "Nội dung" sheet), in document order. */
export function sectionsForKind(
  outline: Outline,
  kind: string,
  period?: PeriodCode,
): FlatSection[] {
  return flattenSections(outline).filter(
    (f) =>
      (f.reporters === undefined || f.reporters.includes(kind)) &&
      (period === undefined || f.periods === undefined || f.periods.includes(period)),
  );
}

/** Rules that apply to a unit of `kind` in `period`. */
export function rulesForKind(outline: Outline, kind: string, period?: PeriodCode): RuleDef[] {
  return outline.rules.filter(
    (r) =>
      (r.applies_to === undefined || r.applies_to.includes(kind)) &&
      (period === undefined || r.periods === undefined || r.periods.includes(period)),
  );
}

/** What a placeholder typed in a cell means, or undefined when the text is not a placeholder. */
export function placeholderMeaning(
  outline: Outline,
  input: InputDef,
  text: string,
): PlaceholderMeaning | undefined {
  const norm = (s: string): string => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  const key = norm(text);
  for (const table of [input.placeholders ?? {}, outline.placeholders]) {
    for (const [k, v] of Object.entries(table)) if (norm(k) === key) return v;
  }
  return undefined;
}

export interface YearTarget extends Target {
  year: number;
}

/** The target for exactly that year, if the indicator has one. */
export function targetFor(indicator: IndicatorDef, year: number): YearTarget | undefined {
  const t = indicator.targets[String(year)];
  return t === undefined ? undefined : { ...t, year };
}

/** The first target on or after `year` (a 2022 report is measured against 2025). */
export function nextTarget(indicator: IndicatorDef, year: number): YearTarget | undefined {
  const years = Object.keys(indicator.targets)
    .map(Number)
    .filter((y) => y >= year)
    .sort((a, b) => a - b);
  const y = years[0];
  return y === undefined ? undefined : targetFor(indicator, y);
}

/** Parsed expressions of an outline, keyed for the validator and the aggregator. */
export interface CompiledOutline {
  /** `CODE.member` -> expression over members of the same input. */
  derived: Map<string, Expr>;
  indicators: Map<string, { numerator?: Expr; denominator?: Expr; formula?: Expr }>;
  rules: Map<string, { left: Expr; right: Expr }>;
}

function must(text: string, where: string): Expr {
  const r = parseExpr(text);
  if (!r.ok)
    throw new Error(
      `Biểu thức ${where} không hợp lệ (đề cương chưa được kiểm tra?): ${r.error.message}`,
    );
  return r.ast;
}

/**
 * Parses every expression of an outline that `parseOutline` accepted (so it cannot fail;
 * it throws on an unchecked outline rather than guess).
 */
export function compileOutline(outline: Outline): CompiledOutline {
  const derived = new Map<string, Expr>();
  for (const input of outline.inputs) {
    for (const [member, text] of Object.entries(input.derived ?? {})) {
      derived.set(`${input.code}.${member}`, must(text, `${input.code}.${member}`));
    }
  }
  const indicators: CompiledOutline['indicators'] = new Map();
  for (const ind of outline.indicators) {
    const c: { numerator?: Expr; denominator?: Expr; formula?: Expr } = {};
    if (ind.numerator !== undefined) c.numerator = must(ind.numerator, ind.code);
    if (ind.denominator !== undefined) c.denominator = must(ind.denominator, ind.code);
    if (ind.formula !== undefined) c.formula = must(ind.formula, ind.code);
    indicators.set(ind.code, c);
  }
  const rules: CompiledOutline['rules'] = new Map();
  for (const r of outline.rules)
    rules.set(r.code, { left: must(r.left, r.code), right: must(r.right, r.code) });
  return { derived, indicators, rules };
}

/**
 * The automatic rules a category set implies for an input (anchors-and-pitfalls §1.2: Vietnamese
 * forms enter "Tổng số" and "Trong đó: Nữ", so "Nữ <= Tổng số" must be a rule): each entered
 * part <= total; and, when `parts_sum_to_total` and every part is entered, parts add up to the
 * total. Codes are `AUTO_<INPUT>_<MEMBER>_LE_TOTAL` and `AUTO_<INPUT>_SUM`.
 */
export function impliedRules(outline: Outline): RuleDef[] {
  const out: RuleDef[] = [];
  for (const input of outline.inputs) {
    const set = categorySetOf(outline, input);
    if (set?.total === undefined || input.type === 'yes_no' || input.type === 'text') continue;
    const total = set.total;
    const totalLabel = set.members.find((m) => m.code === total)?.label ?? total;
    const cells = inputCells(outline, input);
    const parts = cells.filter((c) => c.member !== total);
    for (const part of parts) {
      if (!part.entered) continue;
      out.push({
        code: `AUTO_${input.code}_${(part.member as string).toUpperCase()}_LE_TOTAL`,
        left: `${input.code}.${part.member}`,
        op: '<=',
        right: `${input.code}.${total}`,
        severity: 'error',
        missing: 'skip_if_any_missing',
        applies_to: input.reporters,
        message: `${input.label}: số "${part.label}" không được lớn hơn "${totalLabel}".`,
        fix: `Kiểm tra lại cột "${part.label}" và cột "${totalLabel}".`,
      });
    }
    if (set.parts_sum_to_total && parts.length > 0 && parts.every((p) => p.entered)) {
      out.push({
        code: `AUTO_${input.code}_SUM`,
        left: parts.map((p) => `${input.code}.${p.member}`).join(' + '),
        op: '=',
        right: `${input.code}.${total}`,
        severity: 'error',
        missing: 'skip_if_any_missing',
        applies_to: input.reporters,
        message: `${input.label}: cộng các cột ${parts.map((p) => `"${p.label}"`).join(', ')} phải bằng "${totalLabel}".`,
        fix: 'Sửa lại các cột thành phần hoặc cột tổng cho khớp.',
      });
    }
  }
  return out;
}

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits (no Node crypto: this runs in browsers too). */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A short stable stamp of what a template's layout depends on: the ordered input codes, their
 * category members and which are entered, and the section numbers. Labels, help, rules and
 * report texts may change without outdating templates units already filled in.
 */
export function layoutFingerprint(outline: Outline): string {
  const parts: string[] = [`${outline.id}`];
  for (const input of outline.inputs) {
    const cells = inputCells(outline, input)
      .map((c) => `${c.member ?? ''}${c.entered ? '' : '='}`)
      .join(',');
    parts.push(`${input.code}:${input.type}[${cells}]`);
  }
  parts.push(
    '§' +
      flattenSections(outline)
        .map((f) => f.path)
        .join('|'),
  );
  // Two independent hashes halve the chance that a real change goes unnoticed.
  const joined = parts.join(';');
  return fnv1a(joined) + fnv1a(`${joined.length}:${joined}`).slice(0, 4);
}
