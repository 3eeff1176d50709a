import { isVietnameseSyllable } from './syllable.js';

/**
 * TCVN3 (TCVN 5712 "ABC", fonts `.VnTime`, `.VnArial`, ...) and VNI-Windows (fonts `VNI-Times`,
 * ...) are 8-bit font encodings: the workbook stores ordinary Latin-1 characters and only the
 * font makes them look Vietnamese (anchors-and-pitfalls §6.1). This module detects such text
 * and converts it to Unicode NFC.
 */
export type LegacyEncoding = 'tcvn3' | 'vni';

export interface LegacyDetection {
  encoding: 'unicode' | 'ascii' | LegacyEncoding;
  confidence: 'high' | 'low';
}

// Tones in the order TCVN3 lays them out: huyền, hỏi, ngã, sắc, nặng.
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const ACUTE = '\u0301';
const DOT = '\u0323';
const TONES = [GRAVE, HOOK, TILDE, ACUTE, DOT] as const;

const withTone = (base: string, tone: string): string => (base + tone).normalize('NFC');

// ---------------------------------------------------------------------------------------------
// TCVN3

/**
 * The letters of TCVN3 "ABC" (VN3): for each base letter, the code of the letter itself and of
 * its five toned forms (huyền, hỏi, ngã, sắc, nặng). Null means "same as ASCII".
 */
const TCVN3_LOWER: ReadonlyArray<
  readonly [string, number | null, number, number, number, number, number]
> = [
  ['a', null, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9],
  ['ă', 0xa8, 0xbb, 0xbc, 0xbd, 0xbe, 0xc6],
  ['â', 0xa9, 0xc7, 0xc8, 0xc9, 0xca, 0xcb],
  ['e', null, 0xcc, 0xce, 0xcf, 0xd0, 0xd1],
  ['ê', 0xaa, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6],
  ['i', null, 0xd7, 0xd8, 0xdc, 0xdd, 0xde],
  ['o', null, 0xdf, 0xe1, 0xe2, 0xe3, 0xe4],
  ['ô', 0xab, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9],
  ['ơ', 0xac, 0xea, 0xeb, 0xec, 0xed, 0xee],
  ['u', null, 0xef, 0xf1, 0xf2, 0xf3, 0xf4],
  // ư is U+00AD, the soft hyphen: invisible, and stripped by careless "clean" steps.
  ['ư', 0xad, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9],
  ['y', null, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe],
];

/** VN3 upper-case letters without tone; toned capitals need the `...H` fonts. */
const TCVN3_UPPER: ReadonlyArray<readonly [number, string]> = [
  [0xa1, 'Ă'],
  [0xa2, 'Â'],
  [0xa3, 'Ê'],
  [0xa4, 'Ô'],
  [0xa5, 'Ơ'],
  [0xa6, 'Ư'],
  [0xa7, 'Đ'],
  [0xae, 'đ'],
];

/**
 * Capitals that full TCVN 5712 (VN1, X11 `tcvn.h`) places in the gaps of the 0xA0-0xFF range.
 * We decode them, but the scorer ignores them (VN3 fonts leave these codes empty, so in real
 * files they are rare). The VN1 capitals at 0x01-0x17 and 0x80-0x9F are not decoded: control
 * characters cannot appear in XML, and 0x80-0x9F arrive as Windows-1252 punctuation (smart
 * quotes, dashes, "…") that TCVN3 documents typed in Word really contain. 0xB0-0xB4 (combining
 * tones in VN1) are kept too: as Latin-1 they are °, ±, ², ³, ´, which people do type.
 */
const TCVN3_VN1_CAPITALS: ReadonlyArray<readonly [number, string]> = [
  [0xaf, 'Ằ'],
  [0xba, 'Ẳ'],
  [0xbf, 'Ẵ'],
  [0xc0, 'Ắ'],
  [0xc1, 'Ầ'],
  [0xc2, 'Ẩ'],
  [0xc3, 'Ẫ'],
  [0xc4, 'Ấ'],
  [0xc5, 'Ề'],
  [0xcd, 'Ể'],
  [0xd9, 'Ễ'],
  [0xda, 'Ế'],
  [0xdb, 'Ồ'],
  [0xe0, 'Ổ'],
  [0xf0, 'Ỗ'],
  [0xff, 'Ố'],
];

const TCVN3_DECODE_STRICT = new Map<string, string>();
const TCVN3_ENCODE = new Map<string, string>();
for (const [base, plain, ...toned] of TCVN3_LOWER) {
  if (plain !== null) {
    TCVN3_DECODE_STRICT.set(String.fromCharCode(plain), base);
    TCVN3_ENCODE.set(base, String.fromCharCode(plain));
  }
  toned.forEach((code, i) => {
    const letter = withTone(base, TONES[i] as string);
    TCVN3_DECODE_STRICT.set(String.fromCharCode(code), letter);
    TCVN3_ENCODE.set(letter, String.fromCharCode(code));
  });
}
for (const [code, letter] of TCVN3_UPPER) {
  TCVN3_DECODE_STRICT.set(String.fromCharCode(code), letter);
  TCVN3_ENCODE.set(letter, String.fromCharCode(code));
}
const TCVN3_DECODE = new Map(TCVN3_DECODE_STRICT);
for (const [code, letter] of TCVN3_VN1_CAPITALS) {
  TCVN3_DECODE.set(String.fromCharCode(code), letter);
  TCVN3_ENCODE.set(letter, String.fromCharCode(code));
}

interface Decoded {
  text: string;
  /** A non-ASCII character had no meaning in the encoding (evidence against it). */
  unmapped: boolean;
}

/**
 * VN3 has no toned capitals, so a word typed in capitals with `.VnTime` shows its toned vowels
 * with lower-case codes ("NG¦êI" for NGƯỜI). A word whose ASCII letters are all capitals, at
 * least two of them, is upper-cased after conversion; so is a whole cell without any lower-case
 * ASCII letter once it has such a word. One capital is not enough: "Tõ" is "Từ", not "TỪ", and
 * "Lª Vò" is the name Lê Vũ. Every table entry is one UTF-16 unit, so positions in the original
 * and the decoded text agree.
 */
const TWO_CAPITALS_IN_A_WORD = /[A-Z][\u00A1-\u00FF]*[A-Z]/;
const LEGACY_WORD = /[A-Za-z\u00A1-\u00FF]+/g;

function restoreCapitals(original: string, decoded: string): string {
  if (!TWO_CAPITALS_IN_A_WORD.test(original)) return decoded;
  if (!/[a-z]/.test(original)) return decoded.toUpperCase();
  let out = '';
  let last = 0;
  for (const m of original.matchAll(LEGACY_WORD)) {
    const w = m[0];
    if (/[a-z]/.test(w) || !TWO_CAPITALS_IN_A_WORD.test(w)) continue;
    const at = m.index;
    out += decoded.slice(last, at) + decoded.slice(at, at + w.length).toUpperCase();
    last = at + w.length;
  }
  return out + decoded.slice(last);
}

function decodeTcvn3(text: string, strict: boolean): Decoded {
  const table = strict ? TCVN3_DECODE_STRICT : TCVN3_DECODE;
  let unmapped = false;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch < '\u0080') {
      out += ch;
      continue;
    }
    const letter = table.get(ch);
    if (letter === undefined) unmapped = true;
    out += letter ?? ch;
  }
  return { text: restoreCapitals(text, out).normalize('NFC'), unmapped };
}

// ---------------------------------------------------------------------------------------------
// VNI-Windows

/** VNI tone characters (lower case; the upper-case forms follow capitals). */
const VNI_TONE: Record<string, string> = {
  [GRAVE]: 'ø',
  [HOOK]: 'û',
  [TILDE]: 'õ',
  [ACUTE]: 'ù',
  [DOT]: 'ï',
};
/** The circumflex (â ê ô) alone and combined with each tone. */
const VNI_CIRCUMFLEX: Record<string, string> = {
  '': 'â',
  [GRAVE]: 'à',
  [HOOK]: 'å',
  [TILDE]: 'ã',
  [ACUTE]: 'á',
  [DOT]: 'ä',
};
/** The breve (ă) alone and combined with each tone. */
const VNI_BREVE: Record<string, string> = {
  '': 'ê',
  [GRAVE]: 'è',
  [HOOK]: 'ú',
  [TILDE]: 'ü',
  [ACUTE]: 'é',
  [DOT]: 'ë',
};
/** Letters VNI writes as one character: ơ, ư, đ and the toned i, plus ỵ. */
const VNI_SINGLE: ReadonlyArray<readonly [string, string]> = [
  ['ơ', 'ô'],
  ['ư', 'ö'],
  ['đ', 'ñ'],
  ['ì', 'ì'],
  ['ỉ', 'æ'],
  ['ĩ', 'ó'],
  ['í', 'í'],
  ['ị', 'ò'],
  ['ỵ', 'î'],
];

/** Sequence -> Unicode letter. Longest match first: every sequence has 1 or 2 characters. */
const VNI_DECODE = new Map<string, string>();
/** Unicode letter -> the canonical VNI sequence (used by the test encoder). */
const VNI_ENCODE = new Map<string, string>();

function addVni(letter: string, seq: string, canonical: boolean): void {
  for (const [l, s] of [
    [letter, seq],
    [letter.toUpperCase(), seq.toUpperCase()],
  ] as const) {
    if (!VNI_DECODE.has(s)) VNI_DECODE.set(s, l);
    if (canonical && !VNI_ENCODE.has(l)) VNI_ENCODE.set(l, s);
  }
  // Be lenient about the case of the mark: the letter's case decides (`Vieät`, `VIEÄT`, `VIEäT`).
  if (seq.length === 2) {
    const [b, m] = [seq[0] as string, seq[1] as string];
    for (const s of [b + m.toUpperCase(), b.toUpperCase() + m]) {
      const l = b === s[0] ? letter : letter.toUpperCase();
      if (!VNI_DECODE.has(s)) VNI_DECODE.set(s, l);
    }
  }
}

for (const [letter, seq] of VNI_SINGLE) addVni(letter, seq, true);
for (const base of ['a', 'e', 'o', 'u', 'y', 'ơ', 'ư']) {
  const vniBase = base === 'ơ' ? 'ô' : base === 'ư' ? 'ö' : base;
  for (const tone of TONES) {
    // ỵ is the single character î; `yï` is accepted when decoding.
    addVni(
      withTone(base, tone),
      vniBase + (VNI_TONE[tone] as string),
      !(base === 'y' && tone === DOT),
    );
  }
}
for (const base of ['a', 'e', 'o']) {
  const hat = base === 'a' ? 'â' : base === 'e' ? 'ê' : 'ô';
  for (const [tone, mark] of Object.entries(VNI_CIRCUMFLEX))
    addVni(withTone(hat, tone), base + mark, true);
}
for (const [tone, mark] of Object.entries(VNI_BREVE)) addVni(withTone('ă', tone), 'a' + mark, true);

function decodeVni(text: string): Decoded {
  let out = '';
  let unmapped = false;
  for (let i = 0; i < text.length; i++) {
    const one = text[i] as string;
    const next = text[i + 1];
    // Longest match first: a base letter and the mark after it make one letter.
    if (next !== undefined && next >= '\u0080') {
      const pair = VNI_DECODE.get(one + next);
      if (pair !== undefined) {
        out += pair;
        i++;
        continue;
      }
    }
    if (one < '\u0080') {
      out += one;
      continue;
    }
    const single = VNI_DECODE.get(one);
    if (single === undefined) unmapped = true;
    out += single ?? one;
  }
  return { text: out.normalize('NFC'), unmapped };
}

// ---------------------------------------------------------------------------------------------
// Public API

export interface ConvertOptions {
  /**
   * TCVN3 `...H` fonts (`.VnTimeH`, `.VnArialH`) draw every letter as a capital: the stored
   * text is lower case and must be upper-cased after conversion.
   */
  upperCase?: boolean;
}

/** Converts legacy-encoded text to Unicode NFC. Characters outside the table pass through. */
export function convertLegacy(
  text: string,
  encoding: LegacyEncoding,
  options: ConvertOptions = {},
): string {
  const out = (encoding === 'tcvn3' ? decodeTcvn3(text, false) : decodeVni(text)).text;
  return options.upperCase ? out.toUpperCase() : out;
}

/**
 * Unicode -> legacy encoding, for tests and fixtures. Lossy for TCVN3 capitals with a tone that
 * VN3 lacks (they get the lower-case code, as Unikey does for `.VnTime`).
 */
export function encodeLegacy(text: string, encoding: LegacyEncoding): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (encoding === 'vni') {
      out += VNI_ENCODE.get(ch) ?? ch;
    } else {
      out += TCVN3_ENCODE.get(ch) ?? TCVN3_ENCODE.get(ch.toLowerCase()) ?? ch;
    }
  }
  return out;
}

/** Which legacy encoding a font name announces, and whether it is an all-capitals `H` font. */
export function legacyFont(
  fontName: string | undefined,
): { encoding: LegacyEncoding; upperCase: boolean } | null {
  const name = (fontName ?? '').trim();
  if (/^\.vn/i.test(name)) return { encoding: 'tcvn3', upperCase: /H$/.test(name) };
  if (/^vni[- ]/i.test(name)) return { encoding: 'vni', upperCase: false };
  return null;
}

// Letters that only Unicode text has: Latin Extended-A/B (ă đ ĩ ũ ơ ư ...), combining marks
// (NFD input) and Latin Extended Additional (ạ ả ấ ... ỹ). Legacy text never contains them.
const UNICODE_ONLY = /[\u0100-\u024F\u1E00-\u1EFF]|\p{Mn}/u;
const NON_ASCII = /[\u0080-\uFFFF]/;
// Characters that can be letters in either legacy encoding.
const WORD = /[A-Za-z\u00A1-\u00FF]+/g;

interface Reading {
  /** Share of evidence words that read as valid syllables. */
  share: number;
  /** Words valid in this reading but not as-is (evidence for the encoding). */
  pro: number;
  /** Words valid as-is but not in this reading (evidence against it). */
  con: number;
}

interface Scores {
  evidence: number;
  unicode: number;
  tcvn3: Reading;
  vni: Reading;
}

/**
 * Reads each word that carries non-ASCII characters as-is, as TCVN3 (VN3 letters only) and as
 * VNI, and checks each reading with the syllable checker. Lone symbols (`×`, `°`) are not
 * evidence.
 */
function score(text: string): Scores {
  const words: string[] = [];
  // A couple of hundred words settle the question; a long narrative need not be read whole.
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    if (NON_ASCII.test(w) && (/[A-Za-z]/.test(w) || w.length >= 2)) words.push(w);
    if (words.length >= 200) break;
  }
  const asIs = words.map((w) => isVietnameseSyllable(w));
  const reading = (f: (w: string) => Decoded): Reading => {
    let valid = 0;
    let pro = 0;
    let con = 0;
    words.forEach((w, k) => {
      const d = f(w);
      const ok = !d.unmapped && isVietnameseSyllable(d.text);
      if (ok) valid++;
      if (ok && !asIs[k]) pro++;
      if (!ok && asIs[k]) con++;
    });
    return { share: words.length ? valid / words.length : 0, pro, con };
  };
  return {
    evidence: words.length,
    unicode: words.length ? asIs.filter(Boolean).length / words.length : 0,
    tcvn3: reading((w) => decodeTcvn3(w, true)),
    vni: reading(decodeVni),
  };
}

/**
 * Detection order (anchors-and-pitfalls §6.1): Unicode-only letters first (a `.VnTime` cell
 * that someone typed Unicode into must not be converted), then the font name, then pure
 * ASCII, then the share of valid syllables under each reading.
 */
export function detectLegacy(text: string, fontName?: string): LegacyDetection {
  if (UNICODE_ONLY.test(text)) return { encoding: 'unicode', confidence: 'high' };
  const font = legacyFont(fontName);
  const hasNonAscii = NON_ASCII.test(text);
  if (font) {
    // An H font turns even ASCII into capitals, so it always needs the conversion.
    if (!hasNonAscii && !(font.upperCase && /[a-z]/.test(text))) {
      return { encoding: 'ascii', confidence: 'high' };
    }
    const s = score(text);
    // The font is the strongest signal; only doubt it when the text already reads as
    // Vietnamese and the conversion would make more words wrong than right.
    const r = s[font.encoding];
    return { encoding: font.encoding, confidence: r.con > r.pro ? 'low' : 'high' };
  }
  if (!hasNonAscii) return { encoding: 'ascii', confidence: 'high' };
  const s = score(text);
  const gain = (r: Reading): number => r.pro - r.con;
  const best: LegacyEncoding = gain(s.tcvn3) >= gain(s.vni) ? 'tcvn3' : 'vni';
  const other: LegacyEncoding = best === 'tcvn3' ? 'vni' : 'tcvn3';
  const r = s[best];
  if (gain(r) <= 0) return { encoding: 'unicode', confidence: 'high' };
  // Confident when some word only makes sense converted, none is spoilt by the conversion,
  // most words read well, and the other encoding does not explain the text as well.
  const clear = r.con === 0 && r.share >= 0.6 && gain(r) > gain(s[other]);
  return { encoding: best, confidence: clear ? 'high' : 'low' };
}

export interface RepairResult {
  text: string;
  /** The encoding the text was converted from, or null when it was left unchanged. */
  converted: LegacyEncoding | null;
  /** A legacy encoding looks possible but not certain: the text was left unchanged. */
  lowConfidence: boolean;
  /** With `lowConfidence`, the encoding that looked possible. */
  suspected: LegacyEncoding | null;
}

/**
 * Converts legacy text only on a confident detection; a doubtful case is left unchanged and
 * flagged so that the validator can warn instead of silently rewriting a clerk's text.
 */
export function repairVietnamese(text: string, fontName?: string): RepairResult {
  const d = detectLegacy(text, fontName);
  if (d.encoding === 'tcvn3' || d.encoding === 'vni') {
    if (d.confidence === 'high') {
      const upperCase = legacyFont(fontName)?.upperCase === true && d.encoding === 'tcvn3';
      const out = convertLegacy(text, d.encoding, { upperCase });
      // `25°C` in a .VnTime cell has nothing to convert: do not report it as converted.
      if (out === text) return { text, converted: null, lowConfidence: false, suspected: null };
      return {
        text: out,
        converted: d.encoding,
        lowConfidence: false,
        suspected: null,
      };
    }
    return { text, converted: null, lowConfidence: true, suspected: d.encoding };
  }
  return { text, converted: null, lowConfidence: false, suspected: null };
}
