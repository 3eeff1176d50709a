import { compareYmd, type Period, type YMD } from './periods.js';

/** A reporting unit as listed in units.yaml. */
export interface Unit {
  code: string;
  name: string;
  /** xa, thi_tran, phuong, phong, ban, doan_the, trung_tam, ... (the outline's unit_kinds). */
  kind: string;
  group?: string;
  validFrom?: YMD;
  validTo?: YMD;
}

/**
 * A unit is expected in a period when it existed on the period's cut-off date: a commune
 * merged away before the cut-off no longer reports (the merged unit does), and one created
 * after it is not counted as missing. This keeps completeness correct across the 2025 reform
 * (DHIS2's "reporting rate above 100%" comes from ignoring this).
 */
export function unitActiveIn(unit: Unit, period: Period): boolean {
  if (unit.validFrom && compareYmd(unit.validFrom, period.end) > 0) return false;
  if (unit.validTo && compareYmd(unit.validTo, period.end) < 0) return false;
  return true;
}

export function expectedUnits(units: readonly Unit[], period: Period): Unit[] {
  return units.filter((u) => unitActiveIn(u, period));
}
