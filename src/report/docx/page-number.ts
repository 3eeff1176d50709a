import { AlignmentType, Header, PageNumber, Paragraph, TextRun } from 'docx';
import { halfPoints } from './layout.js';

/**
 * ND30 PL I, I.7: Arabic page numbers, 13-14 pt upright, centred in the top margin, none on the
 * first page. Every section gets a default header with a PAGE field and an EMPTY first-page
 * header, used because the section sets `titlePage` (w:titlePg): page 1 shows nothing, page 2
 * shows `2`. Each phụ lục restarts at 1 (III.1.đ), so its first page is treated the same way.
 */
export function pageNumberHeaders(sizePt: number): { default: Header; first: Header } {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [PageNumber.CURRENT], size: halfPoints(sizePt) })],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({})] }),
  };
}
