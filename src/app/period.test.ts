import { describe, expect, it } from 'vitest';
import { BctdError } from '../issues/errors.js';
import { resolvePeriod } from './period.js';

const outline = { id: 'bdg', periods: ['6m', 'year'] as ('6m' | 'year')[] };
const today = { year: 2026, month: 11, day: 28 };

describe('the period of a command', () => {
  it('is the one given, and says nothing was chosen', () => {
    expect(resolvePeriod(outline, undefined, { period: '6m', year: 2022 }, today)).toMatchObject({
      period: { id: '2022-6m' },
      chosen: false,
    });
  });

  it('is picked from today when the year or the kind is missing, and says so', () => {
    expect(resolvePeriod(outline, undefined, {}, today)).toMatchObject({
      period: { id: '2026-year' },
      chosen: true,
    });
    expect(resolvePeriod(outline, undefined, { period: '6m' }, today)).toMatchObject({
      period: { id: '2026-6m' },
      chosen: true,
    });
    expect(resolvePeriod(outline, undefined, { year: 2022 }, today)).toMatchObject({
      period: { id: '2022-year' },
      chosen: true,
    });
  });

  it.each([
    ['h1', /Kỳ báo cáo "h1" không hợp lệ/],
    ['q3', /Đề cương "bdg" không có kỳ báo cáo "q3"/],
  ])('refuses --period %s as a bad option (exit 2)', (period, message) => {
    let err: unknown;
    try {
      resolvePeriod(outline, undefined, { period, year: 2022 }, today);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BctdError);
    expect((err as BctdError).code).toBe('bad-option');
    expect((err as BctdError).message).toMatch(message);
  });
});
