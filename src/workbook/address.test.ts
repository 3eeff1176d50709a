import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { a1, colName, colNumber, parseA1, parseRange, serialToDate } from './address.js';

describe('A1 addresses', () => {
  it.each([
    [1, 1, 'A1'],
    [12, 6, 'F12'],
    [1, 26, 'Z1'],
    [1, 27, 'AA1'],
    [1048576, 16384, 'XFD1048576'],
  ])('row %i col %i is %s', (row, col, addr) => {
    expect(a1(row, col)).toBe(addr);
    expect(parseA1(addr)).toEqual({ row, col });
  });

  it('round-trips every address of the grid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1048576 }),
        fc.integer({ min: 1, max: 16384 }),
        (row, col) => {
          expect(parseA1(a1(row, col))).toEqual({ row, col });
          expect(colNumber(colName(col))).toBe(col);
        },
      ),
    );
  });

  it('accepts $ and lower case, refuses what is not an address', () => {
    expect(parseA1('$b$7')).toEqual({ row: 7, col: 2 });
    for (const bad of ['', 'A', '7', 'A0', 'ABCD1', '1A', 'A1:B2', 'Số1']) {
      expect(parseA1(bad), bad).toBeUndefined();
    }
  });

  it('parses ranges in any corner order', () => {
    expect(parseRange('C3:A1')).toEqual({ top: 1, left: 1, bottom: 3, right: 3 });
    expect(parseRange('B2')).toEqual({ top: 2, left: 2, bottom: 2, right: 2 });
    expect(parseRange('B2:x')).toBeUndefined();
  });
});

describe('Excel date serials', () => {
  it.each([
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [61, false, '1900-03-01'],
    [44742, false, '2022-06-30'],
    [0, true, '1904-01-01'],
    [43280, true, '2022-06-30'],
  ])('%d (1904: %s) is %s', (serial, d1904, iso) => {
    expect(serialToDate(serial, d1904).toISOString().slice(0, 10)).toBe(iso);
  });

  it('keeps the time of day', () => {
    expect(serialToDate(44742.5).toISOString()).toBe('2022-06-30T12:00:00.000Z');
  });
});
