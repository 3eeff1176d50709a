/**
 * Approximate advance widths of Times New Roman (Adobe Times metrics, which Liberation
 * Serif and TNR share), in 1/1000 em. Used to decide whether the Quốc hiệu fits its
 * column and how long a rule is against its line of text. Checked against nd30-format.md:
 * `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` bold 13 pt gives 9.57 cm, as measured there.
 */
const REGULAR: Record<string, number> = {};
const BOLD: Record<string, number> = {};

function fill(table: Record<string, number>, chars: string, widths: number[]): void {
  [...chars].forEach((c, i) => (table[c] = widths[i] ?? 500));
}
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
fill(
  REGULAR,
  UPPER,
  [
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556,
    611, 722, 722, 944, 722, 722, 611,
  ],
);
fill(
  REGULAR,
  LOWER,
  [
    444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
    278, 500, 500, 722, 500, 500, 444,
  ],
);
fill(
  BOLD,
  UPPER,
  [
    722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556,
    667, 722, 722, 1000, 722, 722, 667,
  ],
);
fill(
  BOLD,
  LOWER,
  [
    500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389,
    333, 556, 500, 722, 500, 500, 444,
  ],
);
for (const t of [REGULAR, BOLD]) {
  fill(t, '0123456789', Array(10).fill(500) as number[]);
  fill(t, ' ,.:;-_/()', [
    250,
    250,
    250,
    t === BOLD ? 333 : 278,
    t === BOLD ? 333 : 278,
    333,
    500,
    278,
    333,
    333,
  ]);
}

/** Width in twips of `text` set at `sizeHalfPt`, bold or regular. */
export function textWidth(text: string, sizeHalfPt: number, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text.normalize('NFD')) {
    if (/[\u0300-\u036f]/.test(ch)) continue;
    const base = ch === 'Đ' ? 'D' : ch === 'đ' ? 'd' : ch === '\u00a0' ? ' ' : ch;
    units += table[base] ?? 500;
  }
  // twips = units/1000 em × size pt × 20 twips/pt.
  return (units / 1000) * (sizeHalfPt / 2) * 20;
}

export const TWIPS_PER_CM = 567;
export function cm(twips: number): string {
  return (twips / TWIPS_PER_CM).toFixed(2).replace('.', ',') + ' cm';
}
