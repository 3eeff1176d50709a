import { describe, expect, it } from 'vitest';
import { docNumber, kemTheoLine, nd30Date, placeDateLine, soLine } from './format.js';

describe('ND30 dates and numbers', () => {
  it.each([
    [{ year: 2022, month: 7, day: 5 }, 'ngày 05 tháng 7 năm 2022'],
    [{ year: 2022, month: 2, day: 15 }, 'ngày 15 tháng 02 năm 2022'],
    [{ year: 2020, month: 1, day: 5 }, 'ngày 05 tháng 01 năm 2020'],
    [{ year: 2020, month: 3, day: 10 }, 'ngày 10 tháng 3 năm 2020'],
    [{ year: 2021, month: 12, day: 31 }, 'ngày 31 tháng 12 năm 2021'],
  ])('%o -> %s', (d, want) => {
    expect(nd30Date(d)).toBe(want);
  });

  it('never pads months from March on', () => {
    for (let m = 3; m <= 12; m++) {
      expect(nd30Date({ year: 2022, month: m, day: 1 })).not.toMatch(/tháng 0/);
    }
  });

  it('pads document numbers below 10 only', () => {
    expect(docNumber(5)).toBe('05');
    expect(docNumber('7')).toBe('07');
    expect(docNumber(10)).toBe('10');
    expect(docNumber('125')).toBe('125');
  });

  it('writes the Số line and the draft blanks of Mẫu 1.4', () => {
    expect(soLine('125', 'BC-UBND')).toBe('Số: 125/BC-UBND');
    expect(soLine('5', 'BC-UBND')).toBe('Số: 05/BC-UBND');
    expect(soLine(null, 'BC-UBND')).toBe('Số:      /BC-UBND');
    expect(placeDateLine('Triệu Sơn', { year: 2022, draft: true })).toBe(
      'Triệu Sơn, ngày    tháng    năm 2022',
    );
  });

  it('writes the appendix reference line', () => {
    expect(
      kemTheoLine({
        documentType: 'Báo cáo',
        number: '125',
        code: 'BC-UBND',
        date: { year: 2022, month: 7, day: 5 },
        issuer: 'Ủy ban nhân dân huyện Triệu Sơn',
      }),
    ).toBe(
      '(Kèm theo Báo cáo số 125/BC-UBND ngày 05 tháng 7 năm 2022 của Ủy ban nhân dân huyện Triệu Sơn)',
    );
  });
});
