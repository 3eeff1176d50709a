/**
 * A Vietnamese syllable checker used to score legacy-encoding guesses (legacy.ts). It is a
 * phonotactic check (initial + vowel cluster + final + one tone, with the stop-final tone
 * rule), not a dictionary: good enough to tell "Người" from "Ngöôøi" or "Ng\u00ADêi", which is all
 * the detector needs.
 */

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ACUTE = '\u0301';
const DOT = '\u0323';

const INITIALS = [
  'ngh',
  'ng',
  'gh',
  'gi',
  'kh',
  'nh',
  'ph',
  'qu',
  'th',
  'tr',
  'ch',
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'x',
];

// Clusters that end the syllable by themselves (they close with a glide i/y/o/u or are open).
const OPEN_ONLY = [
  'ai',
  'ao',
  'au',
  'ay',
  'âu',
  'ây',
  'eo',
  'êu',
  'ia',
  'iu',
  'oi',
  'ôi',
  'ơi',
  'ua',
  'ui',
  'ưa',
  'ưi',
  'ưu',
  'iêu',
  'yêu',
  'oai',
  'oao',
  'oay',
  'oeo',
  'uây',
  'uôi',
  'uya',
  'uyu',
  'ươi',
  'ươu',
  'uơ',
];
// Clusters that may stand alone or take a final consonant.
const OPEN_OR_CLOSED = ['a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'oa', 'oe', 'uê', 'uy'];
// Clusters that need a final consonant.
const CLOSED_ONLY = ['ă', 'â', 'iê', 'yê', 'uô', 'ươ', 'oă', 'uâ', 'uyê'];

// ch and nh follow only front vowels (anh, ếch, ính, huỳnh, oanh, quếch); c and ng never follow
// i, y, ê alone (tiếng and việc use iê, which does take them).
const TAKES_CH_NH = new Set(['a', 'ê', 'i', 'y', 'oa', 'uê', 'uy']);
const NO_C_NG = new Set(['i', 'y', 'ê', 'uê', 'uy']);

function finalsFor(cluster: string): string[] {
  const out = ['m', 'n', 'p', 't'];
  if (TAKES_CH_NH.has(cluster)) out.push('ch', 'nh');
  if (!NO_C_NG.has(cluster)) out.push('c', 'ng');
  return out;
}

function buildRhymes(): string[] {
  const rhymes = new Set<string>([...OPEN_ONLY, ...OPEN_OR_CLOSED]);
  for (const c of [...OPEN_OR_CLOSED, ...CLOSED_ONLY]) {
    for (const f of finalsFor(c)) rhymes.add(c + f);
  }
  // The long oo of loanwords only closes with ng or c (boong, xoong, soóc).
  rhymes.add('oong').add('ooc');
  return [...rhymes].sort((a, b) => b.length - a.length);
}

const RHYMES = new Set(buildRhymes());
const INITIALS_LONGEST_FIRST = ['', ...INITIALS].sort((a, b) => b.length - a.length);

/** Splits a toneless lower-case syllable into initial and rhyme, or null. */
function parse(base: string): { initial: string; rhyme: string } | null {
  for (const initial of INITIALS_LONGEST_FIRST) {
    if (base.startsWith(initial) && RHYMES.has(base.slice(initial.length))) {
      return { initial, rhyme: base.slice(initial.length) };
    }
  }
  return null;
}
const STOP_FINAL = /(c|ch|p|t)$/;
const VOWEL = /[aeiouy]/;
const VOWEL_MODIFIER = /[\u0302\u0306\u031B]/; // circumflex, breve, horn
const GLIDE_END = /^[^mnptcgh]*[aeiouyăâêôơư][iyou]$/;

/**
 * Where the tone sits, as an index into the base letters, or -1 for no tone; null when a tone
 * mark does not sit on a vowel (e.g. `Ñ` decomposes to N + tilde) or there are two tones.
 */
function tonePosition(nfd: string): { index: number; mark: string | undefined } | null {
  let letters = -1;
  let lastBase = '';
  let found: { index: number; mark: string | undefined } = { index: -1, mark: undefined };
  for (const ch of nfd) {
    if (TONE_ONE.test(ch)) {
      if (found.mark !== undefined || !VOWEL.test(lastBase)) return null;
      found = { index: letters, mark: ch };
    } else if (!VOWEL_MODIFIER.test(ch)) {
      letters++;
      lastBase = ch;
    }
  }
  return found;
}
const TONE_ONE = /^[\u0300\u0301\u0303\u0309\u0323]$/;

const cache = new Map<string, boolean>();

/** True when `word` (one syllable, NFC or NFD) is a well-formed Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  let known = cache.get(word);
  if (known === undefined) {
    known = check(word);
    // Words repeat a lot in a workbook; the bound keeps a hostile file from growing the cache.
    if (cache.size >= 20_000) cache.clear();
    cache.set(word, known);
  }
  return known;
}

function check(word: string): boolean {
  const lower = word.toLowerCase();
  // Casing must be one a person types: all lower, Title or ALL CAPS.
  const upper = word.toUpperCase();
  const title = upper.slice(0, 1) + lower.slice(1);
  if (word !== lower && word !== upper && word.normalize('NFC') !== title.normalize('NFC')) {
    return false;
  }
  const nfd = lower.normalize('NFD');
  const tone = tonePosition(nfd);
  if (tone === null) return false;
  const base = nfd.replace(TONE, '').normalize('NFC');
  if (!/^[a-zăâđêôơư]+$/.test(base)) return false;
  const m = parse(base);
  if (!m) return false;
  const initialLength = m.initial.length;
  const rhyme = m.rhyme;
  if (tone.index >= 0) {
    // The tone belongs to the rhyme, and never to a closing glide: hào, not haò; của, múa.
    if (tone.index < initialLength) return false;
    const last = tone.index === base.length - 1;
    if (last && GLIDE_END.test(rhyme) && rhyme !== 'uy') return false;
  }
  if (STOP_FINAL.test(rhyme)) {
    // A syllable ending in c/ch/p/t carries sắc or nặng (phonotactics, not a style rule).
    if (tone.mark !== ACUTE && tone.mark !== DOT) return false;
  }
  return true;
}
