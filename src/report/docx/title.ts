import { AlignmentType, Paragraph, TextRun } from 'docx';
import type { ReportModel } from '../model.js';
import { textWidthTwips } from '../measure.js';
import { halfPoints } from './layout.js';
import { ruleParagraph } from './rule.js';

/**
 * A trích yếu too long for one line is broken into two lines of about the same length,
 * as clerks type it: left to the renderer it fills the first line and leaves a lone word
 * (`2022`) under it, which reads like a stray number. Returns the line unchanged when it fits,
 * or when even two lines cannot hold it (then the renderer wraps it).
 */
export function balanceLine(
  text: string,
  sizePt: number,
  width: number,
  style: { bold?: boolean; italic?: boolean } = { bold: true },
): string[] {
  const w = (t: string) => textWidthTwips(t, sizePt, style);
  if (w(text) <= width) return [text];
  const words = text.split(/\s+/).filter(Boolean);
  let best: string[] = [text];
  let bestLonger = Infinity;
  for (let k = 1; k < words.length; k++) {
    const a = words.slice(0, k).join(' ');
    const b = words.slice(k).join(' ');
    const longer = Math.max(w(a), w(b));
    if (longer <= width && longer < bestLonger) {
      best = [a, b];
      bestLonger = longer;
    }
  }
  return best;
}

/**
 * Ô 5a, ND30 PL I, II.5.b: the tên loại (`BÁO CÁO`) CAPS bold centred, the trích yếu right
 * under it in bold, centred, with no `V/v`, then a rule of 0.4 of the trích yếu's line (1/3 to
 * 1/2 required). The space above stands for the two empty lines of Mẫu 1.4.
 */
export function titleParagraphs(model: ReportModel, textWidth: number): Paragraph[] {
  const size = model.sizes.title;
  const run = (text: string) => new TextRun({ text, bold: true, size: halfPoints(size) });
  // A little short of the text width: the measured widths are estimates of the real glyphs.
  const lines = model.trichYeu.map((l) => balanceLine(l, size, textWidth - 280));
  const longest = Math.max(
    ...lines.flat().map((l) => textWidthTwips(l, size, { bold: true })),
    textWidthTwips(model.documentType, size, { bold: true }),
  );
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 480 },
      keepNext: true,
      children: [run(model.documentType)],
    }),
    // One paragraph per line, as the outline's own multi-line trích yếu is printed: a checker
    // (and a clerk in Word) then sees each line with its own length.
    ...lines
      .flat()
      .map(
        (l) =>
          new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [run(l)] }),
      ),
    ruleParagraph(Math.round(Math.min(longest, textWidth) * 0.4), textWidth, { after: 240 }),
  ];
}
