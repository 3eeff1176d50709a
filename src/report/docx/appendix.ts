import {
  AlignmentType,
  PageOrientation,
  Paragraph,
  TextRun,
  type ISectionOptions,
  type Table,
} from 'docx';
import type { Appendix, FontSizes, TableModel } from '../model.js';
import { bodyElements } from './body.js';
import { LANDSCAPE_TEXT_WIDTH, MARGIN, PAGE, TEXT_WIDTH, halfPoints } from './layout.js';
import { pageNumberHeaders } from './page-number.js';
import { ruleParagraph } from './rule.js';
import { balanceLine } from './title.js';

/** Mẫu 2.1 draws a short rule (11 underscores at 13 pt) under the reference line: 2.5 cm. */
const APPENDIX_RULE = 1417;

/**
 * One phụ lục, ND30 PL I, III.1 and Mẫu 2.1, as its own section:
 * - `Phụ lục I` centred, 14 pt bold, upright (III.1.b); the title CAPS bold centred; the
 *   `(Kèm theo ...)` line italic centred (III.1.c); a short rule; then its tables and notes;
 * - page numbers restart at 1 (III.1.đ: "đánh số riêng theo từng Phụ lục"), with the same
 *   header as the report (none on the section's first page);
 * - landscape when wide (I.2). docx 9 writes w:pgSz with width and height swapped itself when
 *   the orientation is landscape, so the portrait A4 size is passed in both cases; the XML gets
 *   w:w=16838 w:h=11906 w:orient=landscape. Margins keep their values on the rotated page.
 */
export function appendixSection(
  appendix: Appendix,
  sizes: FontSizes,
  table?: (model: TableModel, width: number) => Paragraph | Table,
): ISectionOptions {
  const landscape = appendix.orientation === 'landscape';
  const textWidth = landscape ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH;
  // A title or reference line too long for the page is broken into two balanced lines (a line
  // break, so it stays one paragraph), not left to wrap a lone `NĂM 2022` or `nhân dân huyện`.
  const centred = (text: string, size: number, style: { bold?: boolean; italics?: boolean }) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: balanceLine(text, size, textWidth - 280, {
        ...(style.bold ? { bold: true } : {}),
        ...(style.italics ? { italic: true } : {}),
      }).map(
        (line, i) =>
          new TextRun({
            text: line,
            size: halfPoints(size),
            ...style,
            ...(i > 0 ? { break: 1 } : {}),
          }),
      ),
    });
  return {
    properties: {
      titlePage: true,
      page: {
        size: {
          width: PAGE.width,
          height: PAGE.height,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { ...MARGIN },
        pageNumbers: { start: 1 },
      },
    },
    headers: pageNumberHeaders(sizes.pageNumber),
    children: [
      centred(`Phụ lục ${appendix.number}`, sizes.appendixNumber, { bold: true }),
      centred(appendix.title.toLocaleUpperCase('vi-VN'), sizes.appendixTitle, { bold: true }),
      centred(appendix.reference, sizes.appendixTitle, { italics: true }),
      ruleParagraph(APPENDIX_RULE, textWidth, { after: 240 }),
      ...bodyElements(appendix.blocks, textWidth, '', table),
    ],
  };
}
