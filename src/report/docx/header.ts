import {
  AlignmentType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportModel } from '../model.js';
import { placeDateLine, soLine } from '../format.js';
import { textWidthTwips } from '../measure.js';
import { halfPoints } from './layout.js';
import { ruleParagraph } from './rule.js';

export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

/**
 * Geometry of Mẫu 1.4 (nd30-format.md §4): 3829 | 5670 twips (6.75 | 10.00 cm), shifted 199
 * twips into the left margin. The right column of 10 cm holds the Quốc hiệu (9.57 cm bold at
 * 13 pt) on one line; a 50/50 split wraps it. Widths go on the grid and on every cell, in dxa,
 * with a fixed layout: LibreOffice ignores widths given only one way.
 */
export const HEADER = { left: 3829, right: 5670, indent: -199, cellMargin: 85 } as const;

const dxa = (size: number) => ({ size, type: WidthType.DXA });

function line(text: string, size: number, style: { bold?: boolean; italics?: boolean } = {}) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text, size: halfPoints(size), ...style })],
  });
}

function cell(width: number, children: Paragraph[]) {
  return new TableCell({ width: dxa(width), children });
}

/**
 * Ô 1-4 of ND30 PL I, Mục IV as a borderless 2-row table:
 * row 1, left: parent agency CAPS regular (II.2.b), issuer CAPS bold, a rule of 0.4 of the
 *   longest name line (1/3 to 1/2 required), centred;
 * row 1, right: Quốc hiệu CAPS bold (II.1.a), Tiêu ngữ bold with a rule exactly as long as its
 *   text (II.1.b), single-spaced;
 * row 2: `Số: 125/BC-UBND` 13 pt upright (II.3.c) and the italic place and date (II.4.c) in the
 *   same row, so they sit on the same line whatever the left column holds.
 */
export function headerTable(model: ReportModel): Table {
  const { sizes } = model;
  const leftInner = HEADER.left - 2 * HEADER.cellMargin;
  const rightInner = HEADER.right - 2 * HEADER.cellMargin;

  const nameWidth = Math.max(
    ...model.agency.name.map((l) => textWidthTwips(l, sizes.agency, { bold: true })),
  );
  const agency = [
    ...(model.agency.parent ?? []).map((l) => line(l, sizes.agency)),
    ...model.agency.name.map((l) => line(l, sizes.agency, { bold: true })),
    ruleParagraph(Math.round(nameWidth * 0.4), leftInner),
  ];
  const national = [
    line(QUOC_HIEU, sizes.quocHieu, { bold: true }),
    line(TIEU_NGU, sizes.tieuNgu, { bold: true }),
    ruleParagraph(textWidthTwips(TIEU_NGU, sizes.tieuNgu, { bold: true }), rightInner),
  ];
  // The same space above both cells of row 2 keeps `Số` and the date on one line.
  const rowTwoSpacing = { before: 200 };
  const so = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: rowTwoSpacing,
    children: [new TextRun({ text: soLine(model.number, model.code), size: halfPoints(sizes.so) })],
  });
  const placeDate = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: rowTwoSpacing,
    children: [
      new TextRun({
        text: placeDateLine(model.place, model.date),
        size: halfPoints(sizes.placeDate),
        italics: true,
      }),
    ],
  });

  return new Table({
    columnWidths: [HEADER.left, HEADER.right],
    width: dxa(HEADER.left + HEADER.right),
    indent: dxa(HEADER.indent),
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: HEADER.cellMargin, right: HEADER.cellMargin, top: 0, bottom: 0 },
    rows: [
      new TableRow({ children: [cell(HEADER.left, agency), cell(HEADER.right, national)] }),
      new TableRow({ children: [cell(HEADER.left, [so]), cell(HEADER.right, [placeDate])] }),
    ],
  });
}
