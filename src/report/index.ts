/** The report renderer's public surface: a pure model in, DOCX bytes out. */
export * from './model.js';
export { renderReport, buildDocument } from './pack.js';
export {
  docNumber,
  kemTheoLine,
  nd30Date,
  nd30DraftDate,
  numberAndCode,
  placeDateLine,
  soLine,
} from './format.js';
export { textWidthTwips } from './measure.js';
export { trieuSonSample, type SampleOptions } from './sample.js';
