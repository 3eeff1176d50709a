/**
 * Advance widths of Times New Roman, to size the rules ND30 draws under the agency name, the
 * Tiêu ngữ and the trích yếu from the length of their text (PL I, II.1.b, II.2.b, II.5.b).
 * Read from Liberation Serif 2 (metric-compatible with Times New Roman, so Word and LibreOffice
 * lay the text out with these widths), in thousandths of an em, for U+0020..U+007E then Đ, đ.
 * A Vietnamese letter with marks is as wide as its base letter: the marks do not advance.
 */

type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';

const WIDTHS: Record<Face, readonly number[]> = {
  regular: [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    722, 500,
  ],
  bold: [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667,
    611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722,
    722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556,
    278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
    722, 556,
  ],
  italic: [
    250, 333, 420, 500, 500, 833, 778, 214, 333, 333, 500, 675, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 333, 333, 675, 675, 675, 500, 920, 611, 611, 667, 722, 611,
    611, 722, 722, 333, 444, 667, 556, 833, 667, 722, 611, 722, 611, 500, 556, 722, 611, 833, 611,
    556, 556, 389, 278, 389, 422, 500, 333, 500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444,
    278, 722, 500, 500, 500, 500, 389, 389, 278, 500, 444, 667, 444, 444, 389, 400, 275, 400, 541,
    722, 500,
  ],
  boldItalic: [
    250, 389, 555, 500, 500, 833, 778, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 832, 667, 667, 667, 722, 667,
    667, 722, 778, 389, 500, 667, 611, 889, 722, 722, 611, 722, 667, 556, 611, 722, 667, 889, 667,
    611, 611, 333, 278, 333, 570, 500, 333, 500, 500, 444, 500, 444, 333, 500, 556, 278, 278, 500,
    278, 778, 556, 500, 500, 500, 389, 389, 278, 556, 444, 667, 500, 444, 389, 348, 220, 348, 570,
    722, 500,
  ],
};

function advance(widths: readonly number[], ch: string): number {
  if (ch === 'Đ') return widths[95] ?? 722;
  if (ch === 'đ') return widths[96] ?? 500;
  const base = ch.normalize('NFD').charCodeAt(0);
  if (base >= 32 && base < 127) return widths[base - 32] ?? 500;
  // Outside the table (rare in an agency name or a title): an average letter.
  return 500;
}

/** Width of one line of text in twips (1 pt = 20 twips). */
export function textWidthTwips(
  text: string,
  sizePt: number,
  style: { bold?: boolean; italic?: boolean } = {},
): number {
  const face: Face = style.bold
    ? style.italic
      ? 'boldItalic'
      : 'bold'
    : style.italic
      ? 'italic'
      : 'regular';
  const widths = WIDTHS[face];
  let em = 0;
  for (const ch of text.normalize('NFC')) em += advance(widths, ch);
  return Math.round((em / 1000) * sizePt * 20);
}
