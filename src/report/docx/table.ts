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

function para(text: string, align: Align, bold: boolean) {
  return new Paragraph({
    style: STYLE.table,
    alignment: ALIGN[align],
    children: [new TextRun({ text, ...(bold ? { bold: true } : {}) })],
  });
}

/**
 * Tables in the body and in the phụ lục. ND30 sets no table typography (nd30-format.md §5); this
 * follows practice: the Table Text style (12 pt, single spacing), thin black borders, header
 * rows bold and centred and repeated on each page (`tblHeader`), numbers aligned as the column
 * says (right for figures), a bold total row. Widths in dxa on the grid and on every cell with a
 * fixed layout (LibreOffice ignores them otherwise).
 */
export function reportTable(model: TableModel, width: number): Table {
  const widths = columnTwips(
    model.columns.map((c) => c.width),
    width,
  );
  const span = (from: number, n: number) => widths.slice(from, from + n).reduce((a, b) => a + b, 0);

  // Header cells may span rows: track which grid columns are still covered from above.
  const covered = new Array<number>(widths.length).fill(0);
  const headerRows = model.header.map((cells) => {
    const row: TableCell[] = [];
    let col = 0;
    for (const raw of cells) {
      while (col < widths.length && (covered[col] ?? 0) > 0) col++;
      const c: HeaderCell = typeof raw === 'string' ? { text: raw } : raw;
      const colSpan = c.colSpan ?? 1;
      const rowSpan = c.rowSpan ?? 1;
      row.push(
        new TableCell({
          width: dxa(span(col, colSpan)),
          verticalAlign: VerticalAlignTable.CENTER,
          ...(colSpan > 1 ? { columnSpan: colSpan } : {}),
          ...(rowSpan > 1 ? { rowSpan } : {}),
          children: [para(c.text, 'center', true)],
        }),
      );
      for (let k = col; k < col + colSpan; k++) covered[k] = rowSpan;
      col += colSpan;
    }
    for (let k = 0; k < covered.length; k++) covered[k] = Math.max(0, (covered[k] ?? 0) - 1);
    return new TableRow({ tableHeader: true, cantSplit: true, children: row });
  });

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
