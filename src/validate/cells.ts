import { placeholderMeaning } from '../outline/helpers.js';
import type { InputDef, Outline } from '../outline/schema.js';
import type { RawCell } from '../workbook/types.js';
import { foldLabel } from '../text/labels.js';
import { parseVnNumber } from '../text/numbers.js';
import { formatVnNumber } from './numbers.js';

/**
 * What one value cell says, per the input's type. Blank is "not reported", 0 is a reported zero
 * (anchors-and-pitfalls §1.3: DHIS2 users lose exactly this distinction); placeholders mean what
 * the outline says; a number typed as text is read the Vietnamese way.
 */
export type Reading =
  | { kind: 'number'; value: number }
  | { kind: 'blank' }
  | { kind: 'not_applicable' }
  | { kind: 'not_reported' }
  | { kind: 'invalid' };

/** A problem with the cell, keyed like the catalogue (the engine adds the location). */
export type CellProblem =
  | { code: 'value-not-number'; expected: string }
  | { code: 'value-ambiguous'; used: string; other: string }
  | { code: 'value-negative' }
  | { code: 'value-not-integer' }
  | { code: 'value-percent-range' }
  | { code: 'value-yes-no' }
  | { code: 'value-formula-no-result' }
  | { code: 'value-formula-error'; error: string };

export interface Interpretation {
  reading: Reading;
  problems: CellProblem[];
}

const EXPECTED: Record<InputDef['type'], string> = {
  integer: 'số nguyên',
  decimal: 'số',
  money: 'số tiền',
  percent: 'tỷ lệ phần trăm (0-100)',
  yes_no: 'Có hoặc Không',
  text: 'chữ',
};

const YES = new Set(['co', 'c', 'yes', 'y', '1', 'true', 'dung']);
const NO = new Set(['khong', 'k', 'ko', 'no', 'n', '0', 'false', 'sai']);

/** Placeholders clerks type even when the outline does not list them. */
const EXTRA_ZERO = new Set(['không', 'khong', 'ko']);

const isPercentFormat = (fmt: string | undefined): boolean =>
  fmt !== undefined && /%/.test(fmt.replace(/"[^"]*"|\\./g, ''));

/** Rounds away binary noise (0.125 * 100 = 12.500000000000002). */
const tidy = (n: number): number => Math.round(n * 1e9) / 1e9;

/**
 * Reads a value cell of a numeric or yes/no input. `text` is the cell's cleaned text (the
 * engine has already repaired legacy encodings).
 */
export function interpretCell(
  cell: RawCell | undefined,
  text: string,
  input: InputDef,
  outline: Outline,
): Interpretation {
  const problems: CellProblem[] = [];
  const done = (reading: Reading): Interpretation => ({ reading, problems });
  if (cell === undefined) return done({ kind: 'blank' });
  if (cell.error !== undefined) {
    problems.push({ code: 'value-formula-error', error: cell.error });
    return done({ kind: 'invalid' });
  }
  if (cell.formula !== undefined && !cell.hasCachedValue) {
    problems.push({ code: 'value-formula-no-result' });
    return done({ kind: 'invalid' });
  }
  if (cell.type === 'blank') return done({ kind: 'blank' });

  if (input.type === 'yes_no') {
    if (cell.type === 'boolean') return done({ kind: 'number', value: cell.value ? 1 : 0 });
    if (cell.type === 'number' && (cell.value === 0 || cell.value === 1))
      return done({ kind: 'number', value: cell.value });
    const f = foldLabel(text);
    if (f === '') return done({ kind: 'blank' });
    if (YES.has(f)) return done({ kind: 'number', value: 1 });
    if (NO.has(f)) return done({ kind: 'number', value: 0 });
    const ph = placeholderMeaning(outline, input, text);
    if (ph === 'not_applicable') return done({ kind: 'not_applicable' });
    if (ph === 'not_reported') return done({ kind: 'not_reported' });
    problems.push({ code: 'value-yes-no' });
    return done({ kind: 'invalid' });
  }

  let value: number;
  if (cell.type === 'number') {
    value = cell.value as number;
    // 0.125 shown as 12,5% is 12,5 in a percent input (issue 4: "0.125 with a % format").
    if (input.type === 'percent' && isPercentFormat(cell.numFmt)) value = tidy(value * 100);
  } else if (cell.type === 'boolean') {
    problems.push({ code: 'value-not-number', expected: EXPECTED[input.type] });
    return done({ kind: 'invalid' });
  } else {
    if (text === '') return done({ kind: 'blank' });
    const ph = placeholderMeaning(outline, input, text);
    if (ph === 'zero') return done({ kind: 'number', value: 0 });
    if (ph === 'not_applicable') return done({ kind: 'not_applicable' });
    if (ph === 'not_reported') return done({ kind: 'not_reported' });
    if (EXTRA_ZERO.has(text.toLowerCase())) return done({ kind: 'number', value: 0 });
    const integer = input.type === 'integer';
    const parsed = parseVnNumber(
      text,
      integer ? 'integer' : input.type === 'percent' ? 'percent' : 'decimal',
    );
    if (!parsed.ok || (parsed.percentSign === true && input.type !== 'percent')) {
      problems.push({ code: 'value-not-number', expected: EXPECTED[input.type] });
      return done({ kind: 'invalid' });
    }
    value = parsed.value;
    // Only a second reading the input could hold is a doubt: `1,234` in a count is 1234.
    if (parsed.alternative !== undefined && !(integer && !Number.isInteger(parsed.alternative))) {
      problems.push({
        code: 'value-ambiguous',
        used: formatVnNumber(parsed.value),
        other: formatVnNumber(parsed.alternative),
      });
    }
  }
  if (!Number.isFinite(value)) {
    problems.push({ code: 'value-not-number', expected: EXPECTED[input.type] });
    return done({ kind: 'invalid' });
  }
  if (value < 0) {
    problems.push({ code: 'value-negative' });
    return done({ kind: 'invalid' });
  }
  if (input.type === 'integer' && Math.abs(value - Math.round(value)) > 1e-9) {
    problems.push({ code: 'value-not-integer' });
    return done({ kind: 'invalid' });
  }
  if (input.type === 'integer') value = Math.round(value);
  if (input.type === 'percent' && value > 100) {
    problems.push({ code: 'value-percent-range' });
    return done({ kind: 'invalid' });
  }
  return done({ kind: 'number', value });
}
