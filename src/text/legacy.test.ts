import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convertLegacy,
  detectLegacy,
  encodeLegacy,
  legacyFont,
  repairVietnamese,
} from './legacy.js';
import { normalizeCellText } from './normalize.js';
import { isVietnameseSyllable } from './syllable.js';

const SHY = '\u00AD';

describe('convertLegacy: VNI-Windows', () => {
  it.each([
    ['Ngöôøi', 'Người'],
    ['Nöõ', 'Nữ'],
    ['Phuï nöõ', 'Phụ nữ'],
    ['Tieáng Vieät', 'Tiếng Việt'],
    ['Thò traán Nöa', 'Thị trấn Nưa'],
    ['Thoï Vöïc', 'Thọ Vực'],
    ['Ñoàng Lôïi', 'Đồng Lợi'],
    ['Hoäi Lieân hieäp Phuï nöõ', 'Hội Liên hiệp Phụ nữ'],
    ['baïo löïc gia ñình', 'bạo lực gia đình'],
    ['treû sô sinh', 'trẻ sơ sinh'],
    ['nghóa vuï', 'nghĩa vụ'],
    ['Nghò quyeát kyø hoïp', 'Nghị quyết kỳ họp'],
    ['quyù, Myõ, thuî', 'quý, Mỹ, thuỵ'],
    ['naêm Ñaëng aén', 'năm Đặng ắn'],
    ['öôùc löôïng', 'ước lượng'],
    ['UÛY BAN NHAÂN DAÂN HUYEÄN TRIEÄU SÔN', 'ỦY BAN NHÂN DÂN HUYỆN TRIỆU SƠN'],
    // Lenient about the case of a mark that follows a capital.
    ['VIEäT', 'VIỆT'],
    ['Soá 05/BC-UBND, 12,5%', 'Số 05/BC-UBND, 12,5%'],
  ])('%s -> %s', (vni, unicode) => {
    expect(convertLegacy(vni, 'vni')).toBe(unicode);
  });
});

describe('convertLegacy: TCVN3', () => {
  it.each([
    ['TiÕng ViÖt cã 29 ch÷ c¸i', 'Tiếng Việt có 29 chữ cái'],
    [`Ng${SHY}êi`, 'Người'],
    [`ThÞ trÊn N${SHY}a`, 'Thị trấn Nưa'],
    ['Thä Vùc', 'Thọ Vực'],
    ['§ång Lîi', 'Đồng Lợi'],
    ['Héi Liªn hiÖp Phô n÷', 'Hội Liên hiệp Phụ nữ'],
    ['b¹o lùc gia ®×nh', 'bạo lực gia đình'],
    ['trÎ s¬ sinh', 'trẻ sơ sinh'],
    ['¡n ¢m £m ¤ ¥n ¦u §«', 'Ăn Âm Êm Ô Ơn Ưu Đô'],
    ['ý kiÕn, ®Ò xuÊt', 'ý kiến, đề xuất'],
    // VN3 has no toned capitals: capitals typed with .VnTime use the lower-case codes.
    [`NG${SHY}êI`, 'NGƯỜI'],
    [`UBND HUYÖN TRIÖU S¥N`, 'UBND HUYỆN TRIỆU SƠN'],
    // ...but one capital is a Title-case word.
    ['Tõ', 'Từ'],
    ['Lª Vò', 'Lê Vũ'],
    [`Tr${SHY}êng Së`, 'Trường Sở'],
    // VN1 capitals in the 0xA0-0xFF gaps are decoded.
    ['KIÚN', 'KIẾN'],
    // Windows-1252 punctuation and Latin-1 symbols stay as typed.
    ['“Héi” – 25°C ± 2', '“Hội” – 25°C ± 2'],
  ])('%s -> %s', (tcvn3, unicode) => {
    expect(convertLegacy(tcvn3, 'tcvn3')).toBe(unicode);
  });

  it('upper-cases the text of an H font', () => {
    expect(convertLegacy('uû ban nh©n d©n', 'tcvn3', { upperCase: true })).toBe('UỶ BAN NHÂN DÂN');
  });

  it('returns NFC', () => {
    const out = convertLegacy('Héi Liªn hiÖp', 'tcvn3');
    expect(out).toBe(out.normalize('NFC'));
  });
});

describe('encodeLegacy (test encoder) agrees with the hand-written tables', () => {
  it.each([
    ['Thị trấn Nưa', `ThÞ trÊn N${SHY}a`, 'Thò traán Nöa'],
    ['Hội Liên hiệp Phụ nữ', 'Héi Liªn hiÖp Phô n÷', 'Hoäi Lieân hieäp Phuï nöõ'],
    ['Đồng Lợi', '§ång Lîi', 'Ñoàng Lôïi'],
    ['Người', `Ng${SHY}êi`, 'Ngöôøi'],
  ])('%s', (unicode, tcvn3, vni) => {
    expect(encodeLegacy(unicode, 'tcvn3')).toBe(tcvn3);
    expect(encodeLegacy(unicode, 'vni')).toBe(vni);
  });
});

describe('legacyFont', () => {
  it.each([
    ['.VnTime', { encoding: 'tcvn3', upperCase: false }],
    ['.VnTimeH', { encoding: 'tcvn3', upperCase: true }],
    ['.VnArial NarrowH', { encoding: 'tcvn3', upperCase: true }],
    [' .vnarial ', { encoding: 'tcvn3', upperCase: false }],
    ['VNI-Times', { encoding: 'vni', upperCase: false }],
    ['VNI Helve', { encoding: 'vni', upperCase: false }],
    ['Times New Roman', null],
    ['VnTime', null],
  ])('%s', (font, expected) => {
    expect(legacyFont(font)).toEqual(expected);
  });
});

describe('detectLegacy', () => {
  it.each([
    // [text, font, encoding, confidence]
    ['Người', undefined, 'unicode', 'high'],
    ['Người'.normalize('NFD'), undefined, 'unicode', 'high'],
    ['Xa Tho Son 2022', undefined, 'ascii', 'high'],
    ['', undefined, 'ascii', 'high'],
    ['TiÕng ViÖt cã 29 ch÷ c¸i', undefined, 'tcvn3', 'high'],
    [`Ng${SHY}êi`, undefined, 'tcvn3', 'high'],
    ['Ngöôøi', undefined, 'vni', 'high'],
    ['Phuï nöõ', undefined, 'vni', 'high'],
    // Unicode Vietnamese made only of Latin-1 letters stays Unicode.
    ['Tô Hà', undefined, 'unicode', 'high'],
    ['Võ Lê', undefined, 'unicode', 'high'],
    // Symbols are not evidence.
    ['25°C', undefined, 'unicode', 'high'],
    ['2×3 m²', undefined, 'unicode', 'high'],
    ['café', undefined, 'unicode', 'high'],
    // Only one word of three reads as VNI: possible, not certain.
    ['Ngöôøi café résumé', undefined, 'vni', 'low'],
    // The font decides...
    ['Héi Liªn hiÖp', '.VnTime', 'tcvn3', 'high'],
    ['Hoäi Lieân hieäp', 'VNI-Times', 'vni', 'high'],
    ['xa tho son', '.VnTimeH', 'tcvn3', 'high'],
    ['Xa Tho Son', '.VnTime', 'ascii', 'high'],
    ['Xa Tho Son', 'VNI-Times', 'ascii', 'high'],
    // ...unless the text is Unicode typed into an old template.
    ['Người', '.VnTime', 'unicode', 'high'],
    ['Hội Liên hiệp', 'VNI-Times', 'unicode', 'high'],
    // Latin-1-only Unicode in a .VnTime cell: converting would make it worse.
    ['Tô Hà', '.VnTime', 'tcvn3', 'low'],
  ] as const)('%j (font %s) -> %s %s', (text, font, encoding, confidence) => {
    expect(detectLegacy(text, font)).toEqual({ encoding, confidence });
  });
});

describe('repairVietnamese', () => {
  it('converts confident TCVN3 and VNI', () => {
    expect(repairVietnamese('Héi Liªn hiÖp Phô n÷')).toEqual({
      text: 'Hội Liên hiệp Phụ nữ',
      converted: 'tcvn3',
      lowConfidence: false,
      suspected: null,
    });
    expect(repairVietnamese('Hoäi Lieân hieäp Phuï nöõ')).toEqual({
      text: 'Hội Liên hiệp Phụ nữ',
      converted: 'vni',
      lowConfidence: false,
      suspected: null,
    });
  });

  it('upper-cases text in an H font', () => {
    expect(repairVietnamese('huyÖn triÖu s¬n', '.VnTimeH').text).toBe('HUYỆN TRIỆU SƠN');
    expect(repairVietnamese('huyen', '.VnTimeH').text).toBe('HUYEN');
  });

  it('does not report a conversion that changed nothing', () => {
    expect(repairVietnamese('25°C – 30°C', '.VnTime')).toEqual({
      text: '25°C – 30°C',
      converted: null,
      lowConfidence: false,
      suspected: null,
    });
  });

  it('leaves a doubtful case unchanged and flags it', () => {
    expect(repairVietnamese('Ngöôøi café résumé')).toEqual({
      text: 'Ngöôøi café résumé',
      converted: null,
      lowConfidence: true,
      suspected: 'vni',
    });
  });

  it('leaves Unicode and ASCII alone without a flag', () => {
    for (const t of ['Người', 'Tô Hà', 'ABC 123', '']) {
      expect(repairVietnamese(t)).toEqual({
        text: t,
        converted: null,
        lowConfidence: false,
        suspected: null,
      });
    }
  });

  it('normalizeCellText repairs before cleaning, so U+00AD survives until conversion', () => {
    const r = normalizeCellText(`  Ng${SHY}êi\u00A0\u00A0ViÖt\u200B  `);
    expect(r.text).toBe('Người Việt');
    expect(r.converted).toBe('tcvn3');
  });
});

// Generated Vietnamese syllables for the property tests.
const INITIALS = [
  '',
  'b',
  'c',
  'ch',
  'd',
  'đ',
  'g',
  'gi',
  'h',
  'kh',
  'l',
  'm',
  'n',
  'ng',
  'nh',
  'ph',
  'qu',
  'r',
  's',
  't',
  'th',
  'tr',
  'v',
  'x',
];
const RHYMES = [
  'a',
  'ai',
  'an',
  'ang',
  'anh',
  'ao',
  'at',
  'ăn',
  'ăng',
  'âm',
  'ân',
  'âu',
  'e',
  'em',
  'eo',
  'ê',
  'ên',
  'êu',
  'i',
  'ia',
  'iên',
  'iêt',
  'iêu',
  'in',
  'inh',
  'o',
  'oa',
  'oan',
  'oi',
  'on',
  'ong',
  'ô',
  'ôi',
  'ông',
  'ôt',
  'ơ',
  'ơi',
  'ơn',
  'u',
  'ua',
  'ui',
  'un',
  'ung',
  'uôc',
  'uôi',
  'uy',
  'uyên',
  'ư',
  'ưa',
  'ưi',
  'ưng',
  'ươc',
  'ươi',
  'ương',
  'ưu',
  'y',
  'yêu',
];
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

function applyTone(rhyme: string, tone: string): string {
  // Put the tone on the last marked vowel, else the main vowel; exactness does not matter for
  // a round trip, only that the letter exists.
  const chars = Array.from(rhyme);
  let at = chars.findIndex((c) => 'ăâêôơư'.includes(c));
  if (at < 0) at = chars.findIndex((c) => 'aeiouy'.includes(c));
  chars[at] = ((chars[at] as string) + tone).normalize('NFC');
  return chars.join('');
}

const syllable = fc
  .tuple(fc.constantFrom(...INITIALS), fc.constantFrom(...RHYMES), fc.constantFrom(...TONES))
  .map(([i, r, t]) => i + applyTone(r, t));
const titleable = /^[a-zăâêôơưđ]/;
const word = fc
  .tuple(syllable, fc.boolean())
  .map(([s, title]) =>
    title && titleable.test(s) ? (s[0] as string).toUpperCase() + s.slice(1) : s,
  );
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));

describe('round trips over generated Vietnamese words', () => {
  it('unicode -> TCVN3 -> unicode', () => {
    fc.assert(
      fc.property(phrase, (p) => {
        expect(convertLegacy(encodeLegacy(p, 'tcvn3'), 'tcvn3')).toBe(p);
      }),
    );
  });

  it('unicode -> VNI -> unicode (upper case too)', () => {
    fc.assert(
      fc.property(phrase, fc.boolean(), (p, upper) => {
        const text = upper ? p.toUpperCase() : p;
        expect(convertLegacy(encodeLegacy(text, 'vni'), 'vni')).toBe(text);
      }),
    );
  });

  it('valid Unicode phrases are never converted', () => {
    const valid = phrase.filter((p) => p.split(' ').every(isVietnameseSyllable));
    fc.assert(
      fc.property(valid, (p) => {
        expect(repairVietnamese(p).converted).toBeNull();
      }),
    );
  });

  it('an encoded phrase is either restored exactly or left unchanged', () => {
    const valid = phrase.filter((p) => p.split(' ').every(isVietnameseSyllable));
    fc.assert(
      fc.property(valid, fc.constantFrom('tcvn3' as const, 'vni' as const), (p, enc) => {
        const legacy = encodeLegacy(p, enc);
        const r = repairVietnamese(legacy);
        expect([p, legacy]).toContain(r.text);
      }),
      { numRuns: 2000 },
    );
  });
});
