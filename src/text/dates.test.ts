import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DRAFT_DATE_GAP,
  docNumber,
  formatIsoDate,
  fromExcelSerial,
  isValidDate,
  nd30Date,
  nd30DraftDate,
  parseIsoDate,
  parseVnDate,
  toExcelSerial,
  type CalendarDate,
} from './dates.js';

const date = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });

describe('nd30Date', () => {
  it.each<[CalendarDate, string]>([
    [date(2022, 7, 5), 'ngày 05 tháng 7 năm 2022'],
    [date(2026, 2, 15), 'ngày 15 tháng 02 năm 2026'],
    [date(2020, 1, 5), 'ngày 05 tháng 01 năm 2020'],
    [date(2020, 3, 5), 'ngày 05 tháng 3 năm 2020'],
    [date(2019, 6, 29), 'ngày 29 tháng 6 năm 2019'],
    [date(2022, 12, 31), 'ngày 31 tháng 12 năm 2022'],
    [date(2022, 10, 10), 'ngày 10 tháng 10 năm 2022'],
    [date(2024, 2, 29), 'ngày 29 tháng 02 năm 2024'],
  ])('%j -> %s', (d, expected) => {
    expect(nd30Date(d)).toBe(expected);
  });

  it.each([
    date(2023, 2, 29),
    date(2022, 13, 1),
    date(2022, 4, 31),
    date(22, 7, 5),
    date(2022, 7, 0),
  ])('refuses %j', (d) => {
    expect(() => nd30Date(d)).toThrow(RangeError);
  });

  it('matches the ND30 date pattern for every valid date', () => {
    const pattern = /^ngày (0[1-9]|[12][0-9]|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm [0-9]{4}$/;
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (js) => {
          const d = date(js.getUTCFullYear(), js.getUTCMonth() + 1, js.getUTCDate());
          const text = nd30Date(d);
          expect(text).toMatch(pattern);
          expect(parseVnDate(text)).toEqual(d);
        },
      ),
    );
  });
});

describe('nd30DraftDate', () => {
  it('leaves no-break gaps for the day and month', () => {
    expect(nd30DraftDate(2022)).toBe(
      'ngày\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0tháng\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0năm 2022',
    );
    expect(DRAFT_DATE_GAP).toBe('\u00A0'.repeat(8));
    expect(() => nd30DraftDate(22)).toThrow(RangeError);
  });
});

describe('docNumber', () => {
  it.each([
    [1, '01'],
    [5, '05'],
    [9, '09'],
    [10, '10'],
    [125, '125'],
  ])('%i -> %s', (n, expected) => {
    expect(docNumber(n)).toBe(expected);
  });
  it.each([0, -1, 1.5, Number.NaN])('refuses %s', (n) => {
    expect(() => docNumber(n)).toThrow(RangeError);
  });
});

describe('parseIsoDate', () => {
  it.each<[string, CalendarDate | null]>([
    ['2022-07-05', date(2022, 7, 5)],
    ['2024-02-29', date(2024, 2, 29)],
    ['2000-02-29', date(2000, 2, 29)],
    ['1900-02-29', null],
    ['2023-02-29', null],
    ['2022-04-31', null],
    ['2022-13-01', null],
    ['2022-7-5', null],
    ['05/07/2022', null],
    ['', null],
  ])('%s', (s, expected) => {
    expect(parseIsoDate(s)).toEqual(expected);
  });

  it('round-trips with formatIsoDate', () => {
    expect(formatIsoDate(date(2022, 7, 5))).toBe('2022-07-05');
  });
});

describe('parseVnDate', () => {
  it.each<[string | number, CalendarDate | null]>([
    ['05/7/2022', date(2022, 7, 5)],
    ['5/7/2022', date(2022, 7, 5)],
    ['5-7-2022', date(2022, 7, 5)],
    ['05.07.2022', date(2022, 7, 5)],
    [' 31/12/2022 ', date(2022, 12, 31)],
    ['29/02/2024', date(2024, 2, 29)],
    ['29/02/2023', null],
    ['31/4/2022', null],
    ['5/7/22', null],
    ['5/7-2022', null],
    ['2022-07-05', date(2022, 7, 5)],
    ['2022-07-05T00:00:00Z', date(2022, 7, 5)],
    ['ngày 05 tháng 7 năm 2022', date(2022, 7, 5)],
    ['Ngày 5 tháng 02 năm 2026', date(2026, 2, 5)],
    ['Ngày 15/06/2022', date(2022, 6, 15)],
    ['hôm qua', null],
    ['44747', null],
    // Excel serials, 1900 system with its phantom 29 Feb 1900.
    [44747, date(2022, 7, 5)],
    [44747.75, date(2022, 7, 5)],
    [1, date(1900, 1, 1)],
    [59, date(1900, 2, 28)],
    [60, null],
    [61, date(1900, 3, 1)],
    [0, null],
    [-5, null],
    [Number.NaN, null],
  ])('%j', (raw, expected) => {
    expect(parseVnDate(raw)).toEqual(expected);
  });

  it('reads 1904-system serials when asked', () => {
    expect(parseVnDate(0, { date1904: true })).toEqual(date(1904, 1, 1));
    expect(parseVnDate(43285, { date1904: true })).toEqual(date(2022, 7, 5));
  });

  it('serials round-trip', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2958465 }).filter((n) => n !== 60),
        (serial) => {
          const d = fromExcelSerial(serial);
          expect(d).not.toBeNull();
          expect(isValidDate(d as CalendarDate)).toBe(true);
          expect(toExcelSerial(d as CalendarDate)).toBe(serial);
        },
      ),
    );
  });
});
