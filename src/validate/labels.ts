/**
 * Matching labels and sheet names a clerk may have retyped (local to validation until src/text
 * has `normalizeLabel`/`closestMatch`): NFC, case, spacing, and an edit distance of at most 2,
 * so `So lieu`, `số liệu ` and `Số liệu (2)` still find `Số liệu`.
 */

/** NFC, lower case, single spaces, no soft hyphen, trimmed. */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u00AD\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Without diacritics (đ -> d), for a last-resort comparison. */
export function foldLabel(s: string): string {
  return normalizeLabel(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');
}

export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= cap) return cap;
    prev = cur;
  }
  return Math.min(cap, prev[b.length] as number);
}

/**
 * The candidate that best matches `wanted`: exact after normalisation, then without
 * diacritics, then within edit distance 2 (on the normalised, then folded forms). Ties go to
 * the first candidate.
 */
export function closestMatch(wanted: string, candidates: readonly string[]): string | undefined {
  const w = normalizeLabel(wanted);
  const wf = foldLabel(wanted);
  const exact = candidates.find((c) => normalizeLabel(c) === w);
  if (exact !== undefined) return exact;
  const folded = candidates.find((c) => foldLabel(c) === wf);
  if (folded !== undefined) return folded;
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = Math.min(editDistance(w, normalizeLabel(c)), editDistance(wf, foldLabel(c)));
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
