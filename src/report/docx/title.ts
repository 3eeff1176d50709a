import { AlignmentType, Paragraph, TextRun } from 'docx';
import type { ReportModel } from '../model.js';
import { textWidthTwips } from '../measure.js';
import { halfPoints } from './layout.js';
import { ruleParagraph } from './rule.js';

/**
 * Ô 5a, ND30 PL I, II.5.b: the tên loại (`BÁO CÁO`) CAPS bold centred, the trích yếu right
 * under it in bold, centred, with no `V/v`, then a rule of 0.4 of the trích yếu's line (1/3 to
 * 1/2 required). The space above stands for the two empty lines of Mẫu 1.4.
 */
export function titleParagraphs(model: ReportModel, textWidth: number): Paragraph[] {
  const size = model.sizes.title;
  const run = (text: string) => new TextRun({ text, bold: true, size: halfPoints(size) });
  const longest = Math.max(
    ...model.trichYeu.map((l) => textWidthTwips(l, size, { bold: true })),
    textWidthTwips(model.documentType, size, { bold: true }),
  );
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 480 },
      keepNext: true,
      children: [run(model.documentType)],
    }),
    ...model.trichYeu.map(
      (l) => new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [run(l)] }),
    ),
    ruleParagraph(Math.round(Math.min(longest, textWidth) * 0.4), textWidth, { after: 240 }),
  ];
}
