import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closestMatch,
  foldDiacritics,
  levenshtein,
  normalizeLabel,
  slugify,
  toRoman,
  VIETNAMESE_LETTERS,
  vietnameseLetter,
} from './labels.js';

describe('normalizeLabel', () => {
  it.each([
    ['  Số  liệu ', 'số liệu'],
    ['SỐ LIỆU', 'số liệu'],
    ['Số liệu'.normalize('NFD'), 'số liệu'],
    ['Thông\u00A0tin\u200B', 'thông tin'],
    ['Hướng\tdẫn', 'hướng dẫn'],
    ['Ghi\u00ADchú', 'ghichú'],
    ['Đơn vị\r\n tính', 'đơn vị tính'],
  ])('%j -> %j', (s, expected) => {
    expect(normalizeLabel(s)).toBe(expected);
  });

  it('makes NFC and NFD spellings equal', () => {
    for (const w of ['Việt', 'một', 'cộng', 'nặng', 'Người', 'Thọ Vực']) {
      expect(normalizeLabel(w.normalize('NFD'))).toBe(normalizeLabel(w));
    }
  });
});

describe('foldDiacritics', () => {
  it.each([
    ['Thọ Vực', 'Tho Vuc'],
    ['Đồng Lợi', 'Dong Loi'],
    ['đường', 'duong'],
    ['Việt'.normalize('NFD'), 'Viet'],
    ['Hội Liên hiệp Phụ nữ', 'Hoi Lien hiep Phu nu'],
    ['ABC 123', 'ABC 123'],
  ])('%j -> %j', (s, expected) => {
    expect(foldDiacritics(s)).toBe(expected);
  });
});

describe('levenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['số', 'so', 1],
    ['Nưa', 'Nua', 1],
    ['Việt'.normalize('NFD'), 'Việt'.normalize('NFD'), 0],
  ])('%j, %j = %i', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
  });

  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(levenshtein(a, b)).toBe(levenshtein(b, a));
        expect(levenshtein(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe('closestMatch', () => {
  const sheets = ['Thông tin', 'Số liệu', 'Nội dung', 'Hướng dẫn'];

  it('finds a label typed without diacritics', () => {
    expect(closestMatch('So lieu', sheets, 2)).toEqual({
      value: 'Số liệu',
      index: 1,
      distance: 0,
      exactDistance: 2,
      ambiguous: false,
    });
  });

  it('finds a near miss', () => {
    expect(closestMatch('Số liêu', sheets, 2)?.value).toBe('Số liệu');
    expect(closestMatch('noi dungg', sheets, 2)?.value).toBe('Nội dung');
  });

  it('returns null when nothing is close', () => {
    expect(closestMatch('Tổng hợp', sheets, 2)).toBeNull();
    expect(closestMatch('x', [], 5)).toBeNull();
  });

  it('prefers the candidate whose diacritics match', () => {
    expect(closestMatch('Thọ', ['Thổ', 'Thọ', 'Thơ'], 1)).toMatchObject({
      value: 'Thọ',
      index: 1,
      exactDistance: 0,
      ambiguous: false,
    });
  });

  it('flags a tie', () => {
    expect(closestMatch('Thi', ['Thổ', 'Thơ'], 2)).toMatchObject({ value: 'Thổ', ambiguous: true });
  });
});

describe('slugify', () => {
  it.each([
    ['Thị trấn Nưa', 'thi-tran-nua'],
    ['Xã Thọ Sơn', 'xa-tho-son'],
    ['Xã Đồng Lợi', 'xa-dong-loi'],
    ['  Hội LHPN / 6 tháng 2022 ', 'hoi-lhpn-6-thang-2022'],
    ['Người'.normalize('NFD'), 'nguoi'],
    ['---', ''],
  ])('%j -> %j', (s, expected) => {
    expect(slugify(s)).toBe(expected);
  });

  it('is always lowercase ASCII words joined by single hyphens', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(slugify(s)).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
      }),
    );
  });
});

describe('toRoman', () => {
  it.each([
    [1, 'I'],
    [2, 'II'],
    [4, 'IV'],
    [9, 'IX'],
    [14, 'XIV'],
    [19, 'XIX'],
    [24, 'XXIV'],
    [39, 'XXXIX'],
    [40, 'XL'],
    [2022, 'MMXXII'],
  ])('%i -> %s', (n, expected) => {
    expect(toRoman(n)).toBe(expected);
  });
  it.each([0, -1, 1.5, 4000])('refuses %s', (n) => {
    expect(() => toRoman(n)).toThrow(RangeError);
  });
});

describe('vietnameseLetter', () => {
  it('follows the ND30 điểm sequence', () => {
    expect(Array.from({ length: 23 }, (_, i) => vietnameseLetter(i)).join(' ')).toBe(
      'a b c d đ e g h i k l m n o p q r s t u v x y',
    );
    expect(VIETNAMESE_LETTERS).toHaveLength(23);
  });
  it.each([-1, 23, 1.5])('refuses %s', (i) => {
    expect(() => vietnameseLetter(i)).toThrow(RangeError);
  });
});
