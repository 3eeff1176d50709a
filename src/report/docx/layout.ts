/**
 * Page geometry, in twips (1 cm = 567). ND30 PL I, I.1-I.3: A4 210 × 297 mm; margins top and
 * bottom 20-25 mm (1134-1417), left 30-35 mm (1701-1984), right 15-20 mm (850-1134).
 * The decree's own 25/20/35/20 mm comes to 1418/1134/1985/1134, two of which sit a twip outside
 * the ranges after rounding, so the values here are taken well inside them instead:
 * 22/22/33/18 mm. A checker with ±0.1 mm tolerance has room on both sides.
 */
export const PAGE = { width: 11906, height: 16838 } as const;

export const MARGIN = {
  top: 1247,
  bottom: 1247,
  left: 1871,
  right: 1021,
  /** The decree's header distance: the page number sits 1 cm from the top edge. */
  header: 567,
  footer: 567,
} as const;

/** Text width of a portrait page: 9014 twips = 15.9 cm. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/**
 * A landscape section (PL I, I.2 allows it for wide tables) keeps the same four margins, read on
 * the rotated page: 13946 twips = 24.6 cm of text width.
 */
export const LANDSCAPE_TEXT_WIDTH = PAGE.height - MARGIN.left - MARGIN.right;

/** First-line indent of body paragraphs, 1 cm (PL I, II.6.e). */
export const FIRST_LINE = 567;

export const FONT = 'Times New Roman';

/** Every font slot: Word picks among the four by script, so all must be Times New Roman. */
export const FONT_SLOTS = { ascii: FONT, hAnsi: FONT, eastAsia: FONT, cs: FONT } as const;

/** Font sizes in the half points OOXML writes. */
export const halfPoints = (pt: number): number => Math.round(pt * 2);
