import { cleanText } from './normalize.js';
import { ownCopy } from './own-copy.js';

/**
 * Form used to compare headers, sheet names and unit names: `cleanText`, line breaks as spaces
 * (a header wrapped with Alt+Enter is the same label), lower case, NFC, soft hyphens dropped.
 * Expects text already repaired from TCVN3 (where U+00AD is the letter ư).
 */
export function normalizeLabel(s: string): string {
  return normalizeMemo(s);
}

function normalizeLabelOnce(s: string): string {
  return cleanText(s)
    .replace(/\n+/g, ' ')
    .replace(/\u00AD/g, '')
    .toLowerCase()
    .normalize('NFC');
}

/**
 * Removes tones and marks (`Thọ Vực` -> `Tho Vuc`), `đ` -> `d`, for fuzzy matching of text typed
 * without diacritics. Case is kept. Works on NFD input too: the dot below and the circumflex
 * come apart in either order (anchors-and-pitfalls §6.2).
 */
export function foldDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** `normalizeLabel` without diacritics: `Số liệu`, `SO LIEU` and `so lieu` are one label. */
export function foldLabel(s: string): string {
  return foldMemo(s);
}

/**
 * Labels are compared over and over: each header cell against each column label, each sheet
 * name, in every workbook of a batch of thousands, and NFC/NFD normalisation is not cheap. So
 * the two label forms are remembered for short strings (labels, not narratives), a bounded
 * number of them. A key is stored as its own copy: a string read from a workbook may be a
 * view into the whole decoded part, which the cache must not keep alive.
 */
const MEMO_ENTRIES = 4096;
const MEMO_MAX_LENGTH = 120;

const detach = ownCopy;
export { ownCopy };

function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    if (s.length > MEMO_MAX_LENGTH) return fn(s);
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const v = fn(s);
    if (cache.size >= MEMO_ENTRIES) cache.clear();
    const key = detach(s);
    cache.set(key, v === s ? key : detach(v));
    return v;
  };
}

const normalizeMemo = memo(normalizeLabelOnce);
const foldMemo = memo((s) => foldDiacritics(normalizeLabel(s)));

/** Edit distance in code points (insert, delete, substitute). */
export function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

export interface ClosestMatch {
  /** The candidate as given. */
  value: string;
  index: number;
  /** Distance between the folded forms (what decides `maxDistance`). */
  distance: number;
  /** Distance between the normalised forms (diacritics count). */
  exactDistance: number;
  /** Another candidate is just as close: a suggestion, not a safe automatic choice. */
  ambiguous: boolean;
}

/**
 * The candidate closest to `target`, comparing normalised labels and their folded forms, so
 * `So ho ngheo` finds `Số hộ nghèo` at distance 0. Ranks by folded distance, then by distance
 * with diacritics; null when nothing is within `maxDistance` (folded).
 */
export function closestMatch(
  target: string,
  candidates: readonly string[],
  maxDistance: number,
): ClosestMatch | null {
  const t = normalizeLabel(target);
  const tf = foldDiacritics(t);
  let best: ClosestMatch | null = null;
  candidates.forEach((value, index) => {
    const c = normalizeLabel(value);
    const distance = levenshtein(tf, foldDiacritics(c));
    if (distance > maxDistance) return;
    const exactDistance = levenshtein(t, c);
    if (
      best === null ||
      distance < best.distance ||
      (distance === best.distance && exactDistance < best.exactDistance)
    ) {
      best = { value, index, distance, exactDistance, ambiguous: false };
    } else if (distance === best.distance && exactDistance === best.exactDistance) {
      best.ambiguous = true;
    }
  });
  return best;
}

/** ASCII slug for file names: `Thị trấn Nưa` -> `thi-tran-nua`, `Xã Thọ Sơn` -> `xa-tho-son`. */
export function slugify(s: string): string {
  return foldDiacritics(cleanText(s).replace(/\u00AD/g, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Roman numeral for ND30 "phần" and "mục" headings: 1 -> I, 39 -> XXXIX (1..3999). */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999)
    throw new RangeError(`toRoman: ${n} out of 1..3999`);
  let rest = n;
  let out = '';
  for (const [value, numeral] of ROMAN) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

/**
 * The letters of the Vietnamese alphabet that label "điểm" (a), b), c), ..., đ), ...): the 29
 * letters without the marked vowels ă â ê ô ơ ư, so 23 of them.
 */
export const VIETNAMESE_LETTERS: readonly string[] = [
  'a',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'g',
  'h',
  'i',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'v',
  'x',
  'y',
];

/** `index` counts from 0: 0 -> `a`, 4 -> `đ`, 22 -> `y`; RangeError beyond the 23 letters. */
export function vietnameseLetter(index: number): string {
  const letter = Number.isInteger(index) ? VIETNAMESE_LETTERS[index] : undefined;
  if (letter === undefined) {
    throw new RangeError(`vietnameseLetter: ${index} out of 0..${VIETNAMESE_LETTERS.length - 1}`);
  }
  return letter;
}
