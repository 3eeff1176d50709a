import { BctdError } from '../issues/errors.js';
import type { Outline } from '../outline/schema.js';
import {
  choosePeriod,
  isPeriodKind,
  makePeriod,
  PERIOD_KINDS,
  type Period,
  type PeriodKind,
  type PeriodSetting,
  type YMD,
} from '../period/periods.js';

/**
 * The period of a command from `--period` and `--year`: both given, that period; otherwise
 * the one whose cut-off is the latest on or before 30 days from today, among `--period` or
 * the outline's kinds. `chosen` is true when bctd picked the kind or the year itself, so the
 * command says which period it chose (README, "Choosing the period").
 */
export function resolvePeriod(
  outline: Pick<Outline, 'id' | 'periods'>,
  settings: Record<PeriodKind, PeriodSetting> | undefined,
  opts: { period?: string | undefined; year?: number | undefined },
  today: YMD,
): { period: Period; chosen: boolean } {
  let kinds = outline.periods as readonly PeriodKind[];
  if (opts.period !== undefined) {
    const k = opts.period.trim();
    if (!isPeriodKind(k)) {
      throw new BctdError('bad-option', `Kỳ báo cáo "${opts.period}" không hợp lệ.`, {
        hint: `Dùng một trong: ${PERIOD_KINDS.join(', ')} (ví dụ --period 6m --year 2022).`,
      });
    }
    if (!kinds.includes(k)) {
      throw new BctdError('bad-option', `Đề cương "${outline.id}" không có kỳ báo cáo "${k}".`, {
        hint: `Đề cương này có các kỳ: ${outline.periods.join(', ')}.`,
      });
    }
    if (opts.year !== undefined)
      return { period: makePeriod(k, opts.year, settings), chosen: false };
    kinds = [k];
  }
  return {
    period: choosePeriod(today, kinds, opts.year, settings),
    chosen: true,
  };
}
