import { describe, expect, it } from 'vitest';
import {
  choosePeriod,
  makePeriod,
  parsePeriodId,
  PERIOD_KINDS,
  samePeriodLastYear,
  type PeriodKind,
} from './periods.js';
import { expectedUnits, unitActiveIn, type Unit } from './units.js';

const d = (year: number, month: number, day: number) => ({ year, month, day });

describe('period labels and windows', () => {
  it.each([
    ['6m', 2022, '6 tháng đầu năm 2022', d(2021, 12, 15), d(2022, 6, 14)],
    ['9m', 2022, '9 tháng năm 2022', d(2021, 12, 15), d(2022, 9, 14)],
    ['year', 2022, 'năm 2022', d(2021, 12, 15), d(2022, 12, 14)],
    ['q1', 2023, 'quý I năm 2023', d(2022, 12, 15), d(2023, 3, 14)],
    ['q2', 2023, 'quý II năm 2023', d(2023, 3, 15), d(2023, 6, 14)],
    ['q3', 2023, 'quý III năm 2023', d(2023, 6, 15), d(2023, 9, 14)],
    ['q4', 2023, 'quý IV năm 2023', d(2023, 9, 15), d(2023, 12, 14)],
  ] as const)('%s %i is "%s" from the ND 09/2019 cut-off', (kind, year, label, start, end) => {
    const p = makePeriod(kind, year);
    expect(p.label).toBe(label);
    expect(p.start).toEqual(start);
    expect(p.end).toEqual(end);
    expect(p.id).toBe(`${year}-${kind}`);
  });

  it('cùng kỳ is the same kind one year earlier', () => {
    const p = samePeriodLastYear(makePeriod('6m', 2022));
    expect(p.id).toBe('2021-6m');
    expect(p.label).toBe('6 tháng đầu năm 2021');
  });

  it('an edited window on 29 February falls back to 28 February in common years', () => {
    const settings = Object.fromEntries(
      PERIOD_KINDS.map((k) => [
        k,
        { start: { month: 1, day: 1 }, end: { month: 2, day: 29 }, deadline: { month: 3, day: 5 } },
      ]),
    ) as Parameters<typeof makePeriod>[2];
    expect(makePeriod('q1', 2024, settings).end).toEqual(d(2024, 2, 29));
    expect(makePeriod('q1', 2023, settings).end).toEqual(d(2023, 2, 28));
    expect(makePeriod('q1', 2000, settings).end).toEqual(d(2000, 2, 29));
    expect(makePeriod('q1', 1900, settings).end).toEqual(d(1900, 2, 28));
  });

  it('parses period ids and refuses others', () => {
    expect(parsePeriodId('2022-year')?.label).toBe('năm 2022');
    expect(parsePeriodId('2022-h1')).toBeUndefined();
  });
});

describe('the default period', () => {
  const kinds: PeriodKind[] = ['6m', 'year'];
  it.each([
    // 30 days ahead of 28/11/2026 is 28/12/2026: the year report's cut-off 14/12 is inside.
    [d(2026, 11, 28), '2026-year'],
    // Early June: the 6-month cut-off (14/6) is within 30 days.
    [d(2022, 6, 1), '2022-6m'],
    // Early May: 14/6 is more than 30 days away, so the last year report is still current.
    [d(2022, 5, 1), '2021-year'],
    [d(2022, 7, 5), '2022-6m'],
  ])('on %o it is %s', (today, id) => {
    expect(choosePeriod(today, kinds, undefined).id).toBe(id);
  });

  it('with a fixed year and --period it is that period', () => {
    expect(choosePeriod(d(2026, 11, 28), ['6m'], 2022).id).toBe('2022-6m');
  });
});

describe('units across periods', () => {
  const units: Unit[] = [
    { code: '15664', name: 'Thị trấn Triệu Sơn', kind: 'thi_tran' },
    { code: '15736', name: 'Xã Xuân Thịnh', kind: 'xa', validTo: d(2024, 12, 31) },
    { code: '99001', name: 'Xã Mới', kind: 'xa', validFrom: d(2025, 7, 1) },
  ];
  it('counts an abolished unit only while it existed, and a new one only once it exists', () => {
    expect(expectedUnits(units, makePeriod('6m', 2022)).map((u) => u.code)).toEqual([
      '15664',
      '15736',
    ]);
    expect(expectedUnits(units, makePeriod('year', 2025)).map((u) => u.code)).toEqual([
      '15664',
      '99001',
    ]);
    expect(unitActiveIn(units[2]!, makePeriod('6m', 2025))).toBe(false);
  });
});
