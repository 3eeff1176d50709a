import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatPercent,
  isPlaceholder,
  parseVnNumber,
  PLACEHOLDERS,
  type NumberKind,
  type ParsedNumber,
} from './numbers.js';

const ok = (
  value: number,
  extra: { alternative?: number; percentSign?: boolean } = {},
): ParsedNumber => ({
  ok: true,
  value,
  ...extra,
});

describe('parseVnNumber', () => {
  it.each<[string, NumberKind, ParsedNumber]>([
    ['1234', 'integer', ok(1234)],
    ['0', 'integer', ok(0)],
    ['007', 'integer', ok(7)],
    ['1.234', 'integer', ok(1234)],
    ['1.234', 'decimal', ok(1234, { alternative: 1.234 })],
    ['1.234', 'percent', ok(1234, { alternative: 1.234 })],
    ['1,234', 'integer', ok(1234, { alternative: 1.234 })],
    ['1,234', 'decimal', ok(1.234, { alternative: 1234 })],
    ['1.234.567', 'integer', ok(1234567)],
    ['1.234.567', 'decimal', ok(1234567)],
    ['1,234,567', 'integer', ok(1234567)],
    ['1.234.567,5', 'decimal', ok(1234567.5)],
    ['1,234,567.5', 'decimal', ok(1234567.5)],
    ['12,5', 'decimal', ok(12.5)],
    ['12.5', 'decimal', ok(12.5)],
    ['1,5', 'decimal', ok(1.5)],
    ['12,5', 'integer', ok(12.5)],
    ['0,500', 'decimal', ok(0.5)],
    ['0.500', 'decimal', ok(0.5)],
    ['1,2345', 'decimal', ok(1.2345)],
    [',5', 'decimal', ok(0.5)],
    ['1 234', 'integer', ok(1234)],
    ['1\u00A0234\u00A0567', 'integer', ok(1234567)],
    ['1\u202F234', 'integer', ok(1234)],
    ['1 234,5', 'decimal', ok(1234.5)],
    ['1 234.5', 'decimal', ok(1234.5)],
    ['  42  ', 'integer', ok(42)],
    ['12,5%', 'percent', ok(12.5, { percentSign: true })],
    ['12.5 %', 'percent', ok(12.5, { percentSign: true })],
    ['100%', 'percent', ok(100, { percentSign: true })],
    ['-5', 'integer', ok(-5)],
    ['- 5', 'integer', ok(-5)],
    ['\u22125', 'integer', ok(-5)],
    ['-1.234', 'decimal', ok(-1234, { alternative: -1.234 })],
    ['-0', 'integer', ok(0)],
    ['+7', 'integer', ok(7)],
    ['', 'integer', { ok: false, reason: 'empty' }],
    ['   ', 'decimal', { ok: false, reason: 'empty' }],
    ['abc', 'integer', { ok: false, reason: 'not-a-number' }],
    ['-', 'integer', { ok: false, reason: 'not-a-number' }],
    ['12a', 'integer', { ok: false, reason: 'not-a-number' }],
    ['5,', 'decimal', { ok: false, reason: 'not-a-number' }],
    ['1e3', 'decimal', { ok: false, reason: 'not-a-number' }],
    ['1.2.3', 'integer', { ok: false, reason: 'bad-grouping' }],
    ['1.23.456', 'integer', { ok: false, reason: 'bad-grouping' }],
    ['1,234.5.6', 'decimal', { ok: false, reason: 'bad-grouping' }],
    ['12 34', 'integer', { ok: false, reason: 'bad-grouping' }],
  ])('%j as %s', (raw, kind, expected) => {
    expect(parseVnNumber(raw, kind)).toEqual(expected);
  });
});

describe('placeholders', () => {
  it.each([
    '-',
    '–',
    'x',
    'X',
    'KPS',
    'kps',
    'Không',
    'khong',
    'k',
    '...',
    '…',
    'n/a',
    'N/A',
    ' - ',
  ])('%j is a placeholder', (s) => {
    expect(isPlaceholder(s)).toBe(true);
  });
  it.each(['0', '', 'không có', '5', 'xã'])('%j is not', (s) => {
    expect(isPlaceholder(s)).toBe(false);
  });
  it('lists normalised forms', () => {
    for (const p of PLACEHOLDERS) expect(p).toBe(p.normalize('NFC').trim().toLowerCase());
  });
});

describe('formatNumber / formatPercent', () => {
  it.each<[number, number | undefined, string]>([
    [1234567, undefined, '1.234.567'],
    [35.5, undefined, '35,5'],
    [35, undefined, '35'],
    [35.04, undefined, '35'],
    [35.05, undefined, '35,1'],
    [1.005, 2, '1,01'],
    [-2.5, undefined, '-2,5'],
    [-0.04, undefined, '0'],
    [0, undefined, '0'],
    [999.96, undefined, '1.000'],
    [1234.5678, 2, '1.234,57'],
    [100, 0, '100'],
    [0.5, 0, '1'],
    [1e-9, 1, '0'],
  ])('formatNumber(%s, %s) = %s', (n, d, expected) => {
    expect(formatNumber(n, d)).toBe(expected);
  });

  it('keeps minimum decimals for aligned columns', () => {
    expect(formatNumber(35, 1, { minDecimals: 1 })).toBe('35,0');
    expect(formatNumber(1234.5, 2, { minDecimals: 2 })).toBe('1.234,50');
  });

  it('formats percentages with the sign attached', () => {
    expect(formatPercent(35.5)).toBe('35,5%');
    expect(formatPercent(99.14)).toBe('99,1%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(12.345, 2)).toBe('12,35%');
  });

  it('refuses NaN and Infinity', () => {
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatNumber(Infinity)).toThrow(RangeError);
  });
});

describe('round trips', () => {
  it('integers: parse(format(n)) = n for every kind', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom<NumberKind>('integer', 'decimal', 'percent'),
        (n, kind) => {
          const parsed = parseVnNumber(formatNumber(n), kind);
          expect(parsed.ok && parsed.value).toBe(n === 0 ? 0 : n);
        },
      ),
    );
  });

  it('one-decimal values: parse(format(n)) = n', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e10, max: 1e10 }), (tenths) => {
        const n = tenths / 10;
        const parsed = parseVnNumber(formatNumber(n), 'decimal');
        expect(parsed.ok && parsed.value).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it('percentages: parse(formatPercent(n)) = n with the sign noted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (tenths) => {
        const parsed = parseVnNumber(formatPercent(tenths / 10), 'percent');
        expect(parsed).toMatchObject({ ok: true, value: tenths / 10, percentSign: true });
      }),
    );
  });
});
