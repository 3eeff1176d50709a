/**
 * Reporting periods. Pure: "today" always comes in as a parameter.
 *
 * The data window defaults to the cut-off of Nghị định 09/2019/NĐ-CP (Điều 12): a report
 * covers 15/12 of the previous year up to day 14 of the period's last month (14/6 for
 * 6 tháng, 14/12 for the year, 14/3, 14/6, 14/9, 14/12 for the quarters, whose own windows
 * start on the 15th of the month before the quarter). 9 tháng is not in that decree; bctd
 * uses 15/12 to 14/9 by the same logic. Every date is editable in bctd.yaml.
 */

export const PERIOD_KINDS = ['6m', '9m', 'year', 'q1', 'q2', 'q3', 'q4'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface YMD {
  year: number;
  month: number;
  day: number;
}

/** Month-day of a setting, e.g. `{month: 6, day: 14}`; `yearOffset` -1 means the previous year. */
export interface MonthDay {
  month: number;
  day: number;
  yearOffset?: number;
}

export interface PeriodSetting {
  start: MonthDay;
  end: MonthDay;
  /** Submission deadline for units. */
  deadline: MonthDay;
}

export const DEFAULT_PERIOD_SETTINGS: Record<PeriodKind, PeriodSetting> = {
  '6m': {
    start: { month: 12, day: 15, yearOffset: -1 },
    end: { month: 6, day: 14 },
    deadline: { month: 6, day: 20 },
  },
  '9m': {
    start: { month: 12, day: 15, yearOffset: -1 },
    end: { month: 9, day: 14 },
    deadline: { month: 9, day: 20 },
  },
  year: {
    start: { month: 12, day: 15, yearOffset: -1 },
    end: { month: 12, day: 14 },
    deadline: { month: 12, day: 20 },
  },
  q1: {
    start: { month: 12, day: 15, yearOffset: -1 },
    end: { month: 3, day: 14 },
    deadline: { month: 3, day: 20 },
  },
  q2: { start: { month: 3, day: 15 }, end: { month: 6, day: 14 }, deadline: { month: 6, day: 20 } },
  q3: { start: { month: 6, day: 15 }, end: { month: 9, day: 14 }, deadline: { month: 9, day: 20 } },
  q4: {
    start: { month: 9, day: 15 },
    end: { month: 12, day: 14 },
    deadline: { month: 12, day: 20 },
  },
};

export interface Period {
  kind: PeriodKind;
  year: number;
  /** `2022-6m`: folder names, JSON, stamps. */
  id: string;
  /** "6 tháng đầu năm 2022". */
  label: string;
  /** Inclusive data window. */
  start: YMD;
  end: YMD;
  deadline: YMD;
}

const ROMAN_QUARTER = { q1: 'I', q2: 'II', q3: 'III', q4: 'IV' } as const;

export function periodLabel(kind: PeriodKind, year: number): string {
  switch (kind) {
    case '6m':
      return `6 tháng đầu năm ${year}`;
    case '9m':
      return `9 tháng năm ${year}`;
    case 'year':
      return `năm ${year}`;
    default:
      return `quý ${ROMAN_QUARTER[kind]} năm ${year}`;
  }
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** A month-day in a year; 29/2 in a common year falls back to 28/2. */
function resolve(md: MonthDay, year: number): YMD {
  const y = year + (md.yearOffset ?? 0);
  return { year: y, month: md.month, day: Math.min(md.day, daysInMonth(y, md.month)) };
}

export function compareYmd(a: YMD, b: YMD): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function ymdFromDate(d: Date): YMD {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

export function addDays(d: YMD, days: number): YMD {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + days * 86_400_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function formatYmd(d: YMD): string {
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}

export function isoYmd(d: YMD): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function makePeriod(
  kind: PeriodKind,
  year: number,
  settings: Record<PeriodKind, PeriodSetting> = DEFAULT_PERIOD_SETTINGS,
): Period {
  const s = settings[kind];
  return {
    kind,
    year,
    id: `${year}-${kind}`,
    label: periodLabel(kind, year),
    start: resolve(s.start, year),
    end: resolve(s.end, year),
    deadline: resolve(s.deadline, year),
  };
}

/** "Cùng kỳ": the same period of the previous year. */
export function samePeriodLastYear(p: Period, settings = DEFAULT_PERIOD_SETTINGS): Period {
  return makePeriod(p.kind, p.year - 1, settings);
}

export function isPeriodKind(s: string): s is PeriodKind {
  return (PERIOD_KINDS as readonly string[]).includes(s);
}

/** Parses `2022-6m`. */
export function parsePeriodId(id: string, settings = DEFAULT_PERIOD_SETTINGS): Period | undefined {
  const m = /^(\d{4})-(6m|9m|year|q[1-4])$/.exec(id.trim());
  if (!m) return undefined;
  return makePeriod(m[2] as PeriodKind, Number(m[1]), settings);
}

/**
 * The default period: of the kinds allowed, the one whose cut-off (end of window) is the
 * latest on or before 30 days from today. A clerk preparing the 6-month report in late June
 * or early July gets 6m of this year; in late November, the year report.
 */
export function choosePeriod(
  today: YMD,
  kinds: readonly PeriodKind[],
  year: number | undefined,
  settings = DEFAULT_PERIOD_SETTINGS,
): Period {
  const horizon = addDays(today, 30);
  const candidates: Period[] = [];
  const years = year === undefined ? [today.year + 1, today.year, today.year - 1] : [year];
  for (const y of years) {
    for (const k of kinds) candidates.push(makePeriod(k, y, settings));
  }
  const eligible = candidates.filter((p) => year !== undefined || compareYmd(p.end, horizon) <= 0);
  const pool = eligible.length > 0 ? eligible : candidates;
  pool.sort((a, b) => compareYmd(b.end, a.end));
  // With a fixed year and several kinds, prefer the latest cut-off not after the horizon.
  if (year !== undefined) {
    const notAfter = pool.filter((p) => compareYmd(p.end, horizon) <= 0);
    return notAfter[0] ?? pool[pool.length - 1]!;
  }
  return pool[0]!;
}
