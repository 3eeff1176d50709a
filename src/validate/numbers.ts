/**
 * Numbers for people in issue messages (vi-VN): `1.234.567`, `12,5`. Parsing numbers typed as
 * text lives in src/text (`parseVnNumber`).
 */

/** `1.234.567` and `12,5` for people (vi-VN); up to 4 decimals, trailing zeros dropped. */
export function formatVnNumber(n: number): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const fixed = abs.toFixed(4).replace(/\.?0+$/, '');
  const [int, frac] = fixed.split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return sign + grouped + (frac ? `,${frac}` : '');
}
