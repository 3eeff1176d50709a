/**
 * Numbers typed as text by Vietnamese clerks (anchors-and-pitfalls §6.3). Local to validation
 * until src/text has a shared parser: vi-VN writes `1.234.567,5` (group `.`, decimal `,`), but
 * offices also paste en-US `1,234,567.5`. Grouping must come in threes, so `12.5` can only be a
 * decimal; `1.234` and `1,234` read two ways and the caller warns with both (frictionless-py
 * #1005 is the cautionary tale of a wrong separator silently accepted).
 */

export interface ParsedNumber {
  value: number;
  /** The other reading, when the text reads two ways. */
  alternative?: number;
  /** The text ended with `%`. */
  percent: boolean;
}

const SPACES = /[\s\u00A0\u202F\u2007\u2009]/g;
const GROUPED = (sep: string): RegExp => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`);

/**
 * Parses a number typed as text. `integer` says the value must be whole: then a reading that
 * is not whole does not count as a second reading (`1.234` for a count is 1234, no doubt).
 * Returns undefined when the text is not a number.
 */
export function parseVnNumber(raw: string, integer = false): ParsedNumber | undefined {
  let s = raw.normalize('NFC').trim();
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  let sign = 1;
  if (/^[-−–]/.test(s)) {
    sign = -1;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  // `1 234 567`: spaces only as group separators, in threes.
  if (/\s/.test(s)) {
    if (!/^\d{1,3}([\s\u00A0\u202F\u2007\u2009]\d{3})+([.,]\d+)?$/.test(s)) return undefined;
    s = s.replace(SPACES, '');
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s) || /^[.,]|[.,]$/.test(s)) return undefined;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  const out = (value: number, alternative?: number): ParsedNumber => {
    const r: ParsedNumber = { value: sign * value, percent };
    if (
      alternative !== undefined &&
      alternative !== value &&
      !(integer && !Number.isInteger(alternative))
    ) {
      r.alternative = sign * alternative;
    }
    return r;
  };
  if (dots === 0 && commas === 0) return out(Number(s));
  if (dots > 0 && commas > 0) {
    // The last separator is the decimal one; the other must group in threes.
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    const [group, dec] = lastComma > lastDot ? ['.', ','] : [',', '.'];
    const at = s.lastIndexOf(dec);
    const intPart = s.slice(0, at);
    const frac = s.slice(at + 1);
    if (s.split(dec).length > 2 || !GROUPED(group).test(intPart) || !/^\d+$/.test(frac))
      return undefined;
    return out(Number(`${intPart.split(group).join('')}.${frac}`));
  }
  const sep = dots > 0 ? '.' : ',';
  const count = dots + commas;
  const parts = s.split(sep);
  if (count > 1) {
    // `1.234.567` or `1,234,567`: grouping only.
    return GROUPED(sep).test(s) ? out(Number(parts.join(''))) : undefined;
  }
  const [a, b] = parts as [string, string];
  const asDecimal = Number(`${a}.${b}`);
  if (b.length === 3 && a.length <= 3 && a !== '0') {
    const asGrouped = Number(a + b);
    // vi-VN reading first: `.` groups, `,` is the decimal.
    if (integer) return out(asGrouped);
    return sep === '.' ? out(asGrouped, asDecimal) : out(asDecimal, asGrouped);
  }
  return out(asDecimal);
}

/** `1.234.567` and `12,5` for people (vi-VN); up to 4 decimals, trailing zeros dropped. */
export function formatVnNumber(n: number): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const fixed = abs.toFixed(4).replace(/\.?0+$/, '');
  const [int, frac] = fixed.split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return sign + grouped + (frac ? `,${frac}` : '');
}
