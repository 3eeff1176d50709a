import { formatNumber } from '../text/numbers.js';

/**
 * Numbers in issue messages (vi-VN, `1.234.567`, `12,5`): the report's `formatNumber` with up
 * to 4 decimals, so a typed 0,125 is quoted as typed. Never throws: a message about a
 * computation that went wrong still has to be written.
 */
export function formatVnNumber(n: number): string {
  return Number.isFinite(n) ? formatNumber(n, 4) : String(n);
}
