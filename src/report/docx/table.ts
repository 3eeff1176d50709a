import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { textWidthTwips } from '../measure.js';
import type { Align, HeaderCell, TableModel } from '../model.js';
import { STYLE } from './styles.js';

const dxa = (size: number) => ({ size, type: WidthType.DXA });
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

/**
 * Column widths in twips from relative units, summing exactly to `total` (the last column takes
 * the rounding remainder), so grid and cells agree to the twip.
 */
export function columnTwips(relative: readonly number[], total: number): number[] {
  const sum = relative.reduce((a, b) => a + b, 0) || 1;
  const out = relative.map((w) => Math.floor((w / sum) * total));
  const used = out.reduce((a, b) => a + b, 0);
  if (out.length > 0) out[out.length - 1] = (out[out.length - 1] ?? 0) + total - used;
  return out;
}

/** Left and right cell margins, in twips (0.15 cm each). */
const CELL_MARGIN = 85;

/**
 * The narrowest each column may be so that no word breaks inside it: a clerk objects to `ST`
 * over `T` in a header, or `125.71` over `0` in a figure. The longest word of each header cell
 * that spans one column (bold) and of each body cell (regular, words up to 12 characters; a
 * longer one is prose that may wrap) plus both cell margins and a little slack for the
 * renderer's rounding.
 */
export function minimumTwips(model: TableModel, sizePt: number): number[] {
  const min = model.columns.map(() => 0);
  const fit = (col: number, text: string, bold: boolean) => {
    for (const w of text.split(/\s+/)) {
      if (w === '' || (!bold && w.length > 12)) continue;
      const need = textWidthTwips(w, sizePt, { bold }) + 2 * CELL_MARGIN + 40;
      if (need > (min[col] ?? 0)) min[col] = need;
    }
  };
  const covered = new Array<number>(min.length).fill(0);
  for (const cells of model.header) {
    let col = 0;
    for (const raw of cells) {
      while (col < min.length && (covered[col] ?? 0) > 0) col++;
      const c: HeaderCell = typeof raw === 'string' ? { text: raw } : raw;
      const span = c.colSpan ?? 1;
      if (span === 1) fit(col, c.text, true);
      for (let k = col; k < col + span; k++) covered[k] = c.rowSpan ?? 1;
      col += span;
    }
    for (let k = 0; k < covered.length; k++) covered[k] = Math.max(0, (covered[k] ?? 0) - 1);
  }
  for (const row of [...model.rows, ...(model.total ? [model.total] : [])])
    row.forEach((text, i) => fit(i, text, false));
  return min;
}

/**
 * Widths from `columnTwips`, then every column below its minimum is raised to it, the twips
 * taken from the columns with room to spare in proportion to that room. When the minima alone
 * exceed the width the proportional widths are kept (the words then wrap, as before).
 */
export function fittedTwips(
  relative: readonly number[],
  minimum: readonly number[],
  total: number,
): number[] {
  const base = columnTwips(relative, total);
  const need = minimum.reduce((a, b) => a + b, 0);
  if (need > total) return base;
  const out = base.map((w, i) => Math.max(w, minimum[i] ?? 0));
  let excess = out.reduce((a, b) => a + b, 0) - total;
  if (excess <= 0) return base;
  const room = out.map((w, i) => Math.max(0, w - (minimum[i] ?? 0)));
  const spare = room.reduce((a, b) => a + b, 0);
  for (let i = 0; i < out.length; i++) {
    const take = Math.min(room[i] ?? 0, Math.ceil(((room[i] ?? 0) / spare) * excess));
    out[i] = (out[i] ?? 0) - take;
  }
  excess = out.reduce((a, b) => a + b, 0) - total;
  // Rounding: settle the last twips on the widest column, so grid and cells sum to `total`.
  const widest = out.indexOf(Math.max(...out));
  out[widest] = (out[widest] ?? 0) - excess;
  return out;
}

function para(text: string, align: Align, bold: boolean) {
  return new Paragraph({
    style: STYLE.table,
    alignment: ALIGN[align],
    children: [new TextRun({ text, ...(bold ? { bold: true } : {}) })],
  });
}

/** A header cell placed on the grid: its width in twips and its spans. */
export interface PlacedHeaderCell {
  text: string;
  width: number;
  colSpan: number;
  rowSpan: number;
}

/**
 * Where each header cell sits: cells may span rows, so a grid column covered from the row above
 * is skipped. Shared by the docx table and the XML-string table, which must agree.
 */
export function headerLayout(model: TableModel, widths: readonly number[]): PlacedHeaderCell[][] {
  const span = (from: number, n: number) => widths.slice(from, from + n).reduce((a, b) => a + b, 0);
  const covered = new Array<number>(widths.length).fill(0);
  return model.header.map((cells) => {
    const row: PlacedHeaderCell[] = [];
    let col = 0;
    for (const raw of cells) {
      while (col < widths.length && (covered[col] ?? 0) > 0) col++;
      const c: HeaderCell = typeof raw === 'string' ? { text: raw } : raw;
      const colSpan = c.colSpan ?? 1;
      const rowSpan = c.rowSpan ?? 1;
      row.push({ text: c.text, width: span(col, colSpan), colSpan, rowSpan });
      for (let k = col; k < col + colSpan; k++) covered[k] = rowSpan;
      col += colSpan;
    }
    for (let k = 0; k < covered.length; k++) covered[k] = Math.max(0, (covered[k] ?? 0) - 1);
    return row;
  });
}

/**
 * Tables in the body and in the phụ lục. ND30 sets no table typography (nd30-format.md §5); this
 * follows practice: the Table Text style (12 pt, single spacing), thin black borders, header
 * rows bold and centred and repeated on each page (`tblHeader`), numbers aligned as the column
 * says (right for figures), a bold total row. Widths in dxa on the grid and on every cell with a
 * fixed layout (LibreOffice ignores them otherwise).
 */
export function reportTable(model: TableModel, width: number, sizePt = 12): Table {
  const widths = fittedTwips(
    model.columns.map((c) => c.width),
    minimumTwips(model, sizePt),
    width,
  );
  const headerRows = headerLayout(model, widths).map(
    (cells) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cells.map(
          ({ text, width: w, colSpan, rowSpan }) =>
            new TableCell({
              width: dxa(w),
              verticalAlign: VerticalAlignTable.CENTER,
              ...(colSpan > 1 ? { columnSpan: colSpan } : {}),
              ...(rowSpan > 1 ? { rowSpan } : {}),
              children: [para(text, 'center', true)],
            }),
        ),
      }),
  );

  const bodyRow = (cells: readonly string[], bold: boolean) =>
    new TableRow({
      cantSplit: true,
      children: widths.map(
        (w, i) =>
          new TableCell({
            width: dxa(w),
            verticalAlign: VerticalAlignTable.CENTER,
            children: [para(cells[i] ?? '', model.columns[i]?.align ?? 'left', bold)],
          }),
      ),
    });

  return new Table({
    columnWidths: widths,
    width: dxa(width),
    layout: TableLayoutType.FIXED,
    borders: {
      top: thin,
      bottom: thin,
      left: thin,
      right: thin,
      insideHorizontal: thin,
      insideVertical: thin,
    },
    margins: { left: 85, right: 85, top: 0, bottom: 0 },
    rows: [
      ...headerRows,
      ...model.rows.map((r) => bodyRow(r, false)),
      ...(model.total ? [bodyRow(model.total, true)] : []),
    ],
  });
}
