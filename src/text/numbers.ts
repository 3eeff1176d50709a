import { cleanText } from './normalize.js';

/**
 * Numbers typed as text (anchors-and-pitfalls §6.3). The Vietnamese convention is `.` for
 * thousands and `,` for decimals (`1.234.567,5`); offices also paste en-US numbers
 * (`1,234,567.5`) and group with spaces (`1 234`). Readings, by shape:
 *
 * | typed         | integer            | decimal / percent          |
 * |---------------|--------------------|----------------------------|
 * | `1.234`       | 1234               | 1234, alternative 1.234    |
 * | `1,234`       | 1234, alt. 1.234   | 1.234, alternative 1234    |
 * | `1.234.567`   | 1234567            | 1234567                    |
 * | `1,234,567`   | 1234567            | 1234567                    |
 * | `12,5` `12.5` | 12.5               | 12.5                       |
 * | `0,500` `0.500` | 0.5 (a group never starts with 0)                 |
 * | `1.234,5` `1,234.5` `1 234,5` | 1234.5                              |
 *
 * The chosen reading of a dot-or-comma-plus-three-digits number follows the indicator: counts
 * are whole numbers, so a separator before three digits groups thousands; for decimal
 * indicators the Vietnamese convention decides (dot groups, comma is the decimal mark). Both
 * readings are returned so the validator can warn with both. A leading minus parses (value < 0)
 * so the validator can say "số âm" rather than "không phải số". Placeholders (`-`, `x`, `KPS`)
 * are the validator's business, by the outline's blank policy; see `isPlaceholder`.
 */
export type NumberKind = 'integer' | 'decimal' | 'percent';

export type ParsedNumber =
  | { ok: true; value: number; alternative?: number; percentSign?: boolean }
  | { ok: false; reason: 'empty' | 'not-a-number' | 'bad-grouping' };

const DIGITS = /^\d+$/;
const GROUPS = (sep: string): RegExp => new RegExp(`^[1-9]\\d{0,2}(?:\\${sep}\\d{3})+$`);
const DOT_GROUPS = GROUPS('.');
const COMMA_GROUPS = GROUPS(',');
const SPACE_GROUPS = /^[1-9]\d{0,2}(?: \d{3})+$/;

type Body = { value: number; alternative?: number } | 'bad-grouping' | null;

const num = (intPart: string, frac = ''): number => Number(`${intPart || '0'}.${frac || '0'}`);

/** Reads an unsigned number body (no sign, no percent, no spaces around). */
function readBody(body: string, kind: NumberKind): Body {
  if (DIGITS.test(body)) return { value: Number(body) };

  // Space groups: whatever follows the last group after a single `,` or `.` is the fraction.
  const spaced = /^([\d ]+?)(?:[.,](\d+))?$/.exec(body);
  if (spaced && body.includes(' ')) {
    const intPart = spaced[1] ?? '';
    if (!SPACE_GROUPS.test(intPart)) return 'bad-grouping';
    return { value: num(intPart.replace(/ /g, ''), spaced[2]) };
  }
  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return null;

  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');

  if (dots > 0 && commas > 0) {
    // The last separator is the decimal mark; the other one groups.
    const [groupSep, decSep] = lastComma > lastDot ? ['.', ','] : [',', '.'];
    const at = body.lastIndexOf(decSep);
    const intPart = body.slice(0, at);
    const frac = body.slice(at + 1);
    if (!DIGITS.test(frac) || body.split(decSep).length - 1 !== 1) return 'bad-grouping';
    if (!(groupSep === '.' ? DOT_GROUPS : COMMA_GROUPS).test(intPart)) return 'bad-grouping';
    return { value: num(intPart.split(groupSep).join(''), frac) };
  }

  const sep = dots > 0 ? '.' : ',';
  const count = Math.max(dots, commas);
  const parts = body.split(sep);
  if (count > 1) {
    // Two marks of the same kind can only be groups.
    if (!(sep === '.' ? DOT_GROUPS : COMMA_GROUPS).test(body)) return 'bad-grouping';
    return { value: Number(parts.join('')) };
  }
  const [intPart = '', frac = ''] = parts;
  if (!DIGITS.test(frac) || (intPart !== '' && !DIGITS.test(intPart))) return null;
  const asDecimal = num(intPart, frac);
  // Only `d.ddd`, `dd.ddd`, `ddd.ddd` (no leading 0) can also be a thousands group.
  const couldGroup = frac.length === 3 && /^[1-9]\d{0,2}$/.test(intPart);
  if (!couldGroup) return { value: asDecimal };
  const asGroups = Number(intPart + frac);
  if (sep === '.') {
    return kind === 'integer' ? { value: asGroups } : { value: asGroups, alternative: asDecimal };
  }
  return kind === 'integer'
    ? { value: asGroups, alternative: asDecimal }
    : { value: asDecimal, alternative: asGroups };
}

/** Parses a number typed as text by a Vietnamese office; see the module comment. */
export function parseVnNumber(raw: string, kind: NumberKind): ParsedNumber {
  // Group spaces may be NBSP or narrow NBSP; cleanText turns them into plain spaces.
  let s = cleanText(raw);
  if (s === '') return { ok: false, reason: 'empty' };
  let percentSign = false;
  if (s.endsWith('%')) {
    percentSign = true;
    s = s.slice(0, -1).trimEnd();
  }
  let sign = 1;
  const signMatch = /^([-+\u2212])\s*/.exec(s);
  if (signMatch) {
    if (signMatch[1] !== '+') sign = -1;
    s = s.slice(signMatch[0].length);
  }
  const body = readBody(s, kind);
  if (body === null) return { ok: false, reason: 'not-a-number' };
  if (body === 'bad-grouping') return { ok: false, reason: 'bad-grouping' };
  // -0 is 0: "-0" is a reported zero, not a negative number.
  const signed = (n: number): number => (n === 0 ? 0 : sign * n);
  const out: ParsedNumber = { ok: true, value: signed(body.value) };
  if (body.alternative !== undefined) out.alternative = signed(body.alternative);
  if (percentSign) out.percentSign = true;
  return out;
}

/**
 * What clerks type instead of leaving a cell blank (anchors-and-pitfalls §6.3), in the form
 * `isPlaceholder` compares: NFC, trimmed, lower case.
 */
export const PLACEHOLDERS: readonly string[] = [
  '-',
  '–',
  '—',
  'x',
  'kps',
  'không',
  'khong',
  'k',
  '...',
  '…',
  'n/a',
];

export function isPlaceholder(s: string): boolean {
  return PLACEHOLDERS.includes(cleanText(s).toLowerCase());
}

/**
 * Rounds half away from zero at `decimals` places, on the decimal representation (45,25 ->
 * 45,3), as Vietnamese reports round: what `formatNumber` prints and what target verdicts use.
 */
export function roundTo(n: number, decimals: number): number {
  const abs = Math.abs(n);
  // Shifting the decimal string avoids 1.005 * 100 = 100.49999...; tiny or huge values that
  // print in exponent form are shifted arithmetically instead.
  const shifted = /e/i.test(String(abs)) ? abs * 10 ** decimals : Number(`${abs}e${decimals}`);
  const r = Math.round(shifted);
  return Math.sign(n) * Number(`${r}e-${decimals}`);
}

export interface FormatOptions {
  /** Keep at least this many decimals (for aligned table columns); default 0. */
  minDecimals?: number;
}

/**
 * Vietnamese number for people: `1.234.567`, `35,5`, `-2,5`. `maxDecimals` (default 1) digits
 * after the comma at most, trailing zeros dropped unless `minDecimals` asks to keep them.
 * Throws RangeError on NaN/Infinity: a report must never print them.
 */
export function formatNumber(n: number, maxDecimals = 1, options: FormatOptions = {}): string {
  if (!Number.isFinite(n)) throw new RangeError(`formatNumber: ${n} is not a finite number`);
  const min = Math.min(options.minDecimals ?? 0, maxDecimals);
  const rounded = roundTo(n, maxDecimals);
  const fixed = Math.abs(rounded).toFixed(maxDecimals);
  let [intPart = '0', frac = ''] = fixed.split('.');
  frac = frac.replace(/0+$/, '');
  if (frac.length < min) frac = frac.padEnd(min, '0');
  intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = rounded < 0 ? '-' : '';
  return sign + intPart + (frac ? `,${frac}` : '');
}

/**
 * `35,5%`: `n` is already in percent (35.5, not 0.355), the sign is attached without a space
 * (nd30-format §6). Up to `maxDecimals` (default 1) decimals, trailing zeros dropped.
 */
export function formatPercent(n: number, maxDecimals = 1, options: FormatOptions = {}): string {
  return `${formatNumber(n, maxDecimals, options)}%`;
}
