import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, cleanTextSlow, isBlankText, normalizeCellText } from './normalize.js';
import * as text from './index.js';

describe('cleanText', () => {
  it.each([
    ['  Số   liệu  ', 'Số liệu'],
    ['Số\u00A0liệu', 'Số liệu'],
    ['Số\u202Fliệu', 'Số liệu'],
    ['Số\tliệu', 'Số liệu'],
    ['Số\u200Bliệu\uFEFF', 'Sốliệu'],
    ['\u200C\u200DSố', 'Số'],
    ['Việt'.normalize('NFD'), 'Việt'],
    ['dòng 1  \r\n  dòng 2', 'dòng 1\ndòng 2'],
    // U+00AD is the TCVN3 letter ư: kept for the legacy repair that may follow.
    ['Ng\u00ADêi', 'Ng\u00ADêi'],
    ['', ''],
  ])('%j -> %j', (s, expected) => {
    expect(cleanText(s)).toBe(expected);
  });

  it('returns NFC and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = cleanText(s);
        expect(once).toBe(once.normalize('NFC'));
        expect(cleanText(once)).toBe(once);
      }),
    );
  });

  it('NFC is idempotent over Vietnamese text in either form', () => {
    const words = fc.constantFrom('Việt', 'một', 'cộng', 'nặng', 'Người', 'Thọ Vực', 'ỹ', 'Đồng');
    fc.assert(
      fc.property(words, fc.constantFrom<'NFC' | 'NFD'>('NFC', 'NFD'), (w, form) => {
        expect(cleanText(w.normalize(form))).toBe(w.normalize('NFC'));
      }),
    );
  });
});

describe('isBlankText', () => {
  it.each([
    ['', true],
    ['  \u00A0\t\u200B', true],
    ['\u00AD', true],
    ['x', false],
  ])('%j -> %s', (s, blank) => {
    expect(isBlankText(s)).toBe(blank);
  });
});

describe('normalizeCellText', () => {
  it('leaves Unicode text cleaned and unflagged', () => {
    expect(normalizeCellText(' Số  liệu ')).toEqual({
      text: 'Số liệu',
      converted: null,
      lowConfidence: false,
      suspected: null,
    });
  });

  it('repairs by the font of the cell', () => {
    expect(normalizeCellText('Hoäi Lieân hieäp', 'VNI-Times').text).toBe('Hội Liên hiệp');
  });
});

describe('index', () => {
  it('re-exports the public API', () => {
    for (const name of [
      'cleanText',
      'normalizeCellText',
      'detectLegacy',
      'convertLegacy',
      'repairVietnamese',
      'parseVnNumber',
      'isPlaceholder',
      'formatNumber',
      'formatPercent',
      'nd30Date',
      'nd30DraftDate',
      'docNumber',
      'parseIsoDate',
      'parseVnDate',
      'normalizeLabel',
      'foldDiacritics',
      'levenshtein',
      'closestMatch',
      'slugify',
      'toRoman',
      'vietnameseLetter',
    ]) {
      expect(typeof (text as Record<string, unknown>)[name]).toBe('function');
    }
    expect(text.PLACEHOLDERS).toContain('kps');
  });
});

describe('cleanText fast path', () => {
  it('returns exactly what the full treatment returns, for any text', () => {
    const chars = fc.constantFrom(
      'a',
      'ệ',
      'Đ',
      ' ',
      '  ',
      '\n',
      '\r\n',
      '\r',
      '\t',
      '\u00A0',
      '\u202F',
      '\u200B',
      '\uFEFF',
      '\u00AD',
      'e\u0323\u0302',
      'x',
      '.',
      ',',
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (parts) => {
        const s = parts.join('');
        expect(cleanText(s)).toBe(cleanTextSlow(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isBlankText fast path', () => {
  // The definition it short-cuts: blank when cleaning leaves nothing but soft hyphens.
  const blank = (s: string): boolean => cleanText(s).replace(/\u00AD/g, '') === '';
  it('answers as cleaning the whole text does, for any text', () => {
    const chars = fc.constantFrom(
      'a',
      'ư',
      ' ',
      '\n',
      '\r\n',
      '\t',
      '\v',
      '\u00A0',
      '\u2000',
      '\u2028',
      '\u202F',
      '\u200B',
      '\u200D',
      '\uFEFF',
      '\u00AD',
      '\u0085',
      '\u180E',
      '\u0301',
      '\uD800',
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 20 }), (parts) => {
        const s = parts.join('');
        expect(isBlankText(s)).toBe(blank(s));
      }),
      { numRuns: 3000 },
    );
    // Every code unit alone and between spaces.
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      for (const t of [s, ` ${s} `, `\u00AD${s}\u00AD`]) {
        expect(isBlankText(t)).toBe(blank(t));
      }
    }
  });
});
