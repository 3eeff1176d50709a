/** Closest name within edit distance 2, for "có phải ý là ...?" hints. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  const a = name.toLowerCase();
  for (const c of candidates) {
    const b = c.toLowerCase();
    // A prefix (trung_tam for trung_tam_y_te) is as good a hint as two typos.
    const d =
      a.length >= 3 && a !== b && (b.startsWith(a) || a.startsWith(b))
        ? Math.min(2, distance(a, b))
        : distance(a, b);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
