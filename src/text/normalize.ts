import { repairVietnamese, type RepairResult } from './legacy.js';

/**
 * Whitespace and Unicode normalisation for every string read from a workbook.
 *
 * Order matters (anchors-and-pitfalls §6.1/§6.2): U+00AD (soft hyphen) is the letter `ư` in
 * TCVN3, so this function deliberately keeps it. Run `repairVietnamese` (legacy.ts) on the raw
 * text first, or use `normalizeCellText` which does repair, then clean. Only comparison helpers
 * (`normalizeLabel` in labels.ts) drop U+00AD, and they expect repaired text.
 */

// NBSP, narrow NBSP, figure space, thin/other typographic spaces, tabs, line separators.
const SPACE_LIKE = /[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;
// Zero-width space/non-joiner/joiner and the BOM / zero-width no-break space.
const ZERO_WIDTH = /[\u200B-\u200D\uFEFF]/g;
const SPACE_RUN = / {2,}/g;
// Anything cleanText would change besides NFC: a carriage return, a space-like or zero-width
// character, two spaces, or a space at the start or end of a line or of the text.
const NEEDS_WORK = /[\r\t\u00A0\u2000-\u200D\u202F\u205F\u3000\uFEFF]| {2}|^ | $|\n | \n|^\n|\n$/;

/**
 * NFC, space-like characters to a plain space, zero-width characters removed, runs of spaces
 * collapsed, trimmed. Line breaks are kept (narrative cells have paragraphs), but the spaces
 * around them are trimmed. U+00AD is kept (see the module comment).
 */
export function cleanText(s: string): string {
  // Most cells are already clean: one scan instead of five passes and a split per line
  // (narrative cells of 1-3 KB dominate the cost of validating a province; BENCHMARKS.md).
  if (!NEEDS_WORK.test(s) && s.normalize('NFC') === s) return s;
  return cleanTextSlow(s);
}

/** The full treatment; `cleanText` returns the same for every string (tested). */
export function cleanTextSlow(s: string): string {
  const spaced = s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(SPACE_LIKE, ' ')
    .replace(ZERO_WIDTH, '')
    .replace(SPACE_RUN, ' ');
  return spaced
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

/**
 * True when `s` has a character that none of the steps of `isBlankText` can remove: anything
 * but whitespace (what `trim` removes), the space-like and zero-width characters, CR and the
 * soft hyphen. Such a character survives NFC too (no canonical mapping turns a visible
 * character into one of those), so the text is not blank whatever else it holds. Looks at the
 * text from the start and usually stops at its first letter.
 */
export function hasVisibleChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c < 127) return true;
    if (!INVISIBLE.test(s[i] as string)) return true;
  }
  return false;
}
// Whitespace by ECMAScript (`trim`), the space-like and zero-width ones, the soft hyphen.
const INVISIBLE =
  /^[\t\n\v\f\r \u0085\u00A0\u00AD\u1680\u180E\u2000-\u200D\u2028\u2029\u202F\u205F\u3000\uFEFF]$/;

/** True when the string holds nothing but whitespace and invisible characters. */
export function isBlankText(s: string): boolean {
  // A narrative of 3 KB is settled by its first letter, not by cleaning all of it.
  if (hasVisibleChar(s)) return false;
  return cleanText(s).replace(/\u00AD/g, '') === '';
}

/**
 * The whole treatment of a string read from a cell: legacy repair on the raw text (so that
 * U+00AD is still there for TCVN3), then `cleanText`.
 */
export function normalizeCellText(raw: string, fontName?: string): RepairResult {
  const repaired = repairVietnamese(raw, fontName);
  return { ...repaired, text: cleanText(repaired.text) };
}
