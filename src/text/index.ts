/**
 * Vietnamese text: NFC and whitespace, TCVN3/VNI repair, numbers, ND30 dates, labels. Pure and
 * browser-safe. Order for a cell's text: `normalizeCellText` (legacy repair, then `cleanText`).
 */
export * from './normalize.js';
export {
  convertLegacy,
  detectLegacy,
  encodeLegacy,
  legacyFont,
  repairVietnamese,
  type ConvertOptions,
  type LegacyDetection,
  type LegacyEncoding,
  type RepairResult,
} from './legacy.js';
export { isVietnameseSyllable } from './syllable.js';
export * from './numbers.js';
export * from './dates.js';
export * from './labels.js';
