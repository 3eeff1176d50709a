import type { Align, TableModel } from '../model.js';
import { STYLE } from './styles.js';
import { fittedTwips, headerLayout, minimumTwips } from './table.js';

/**
 * The WordprocessingML of a report table as one string, the same XML `reportTable` gets from
 * the docx library (test/report-table-xml.test.ts compares the whole document with docx's on
 * the sample report, the demo workspace's report and random tables). Why a second writer: docx builds several objects per cell (row, cell,
 * properties, paragraph, run, text) and then an object tree per element before it writes a
 * character, about 20 KB of heap per table row; a per-unit table of a province (600 rows) made
 * the report take 1.6 s and 125 MB more to pack, the whole country 2 GB. Writing the string
 * directly costs the string. The layout rules are `reportTable`'s (see there).
 */

const ESC: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/** As docx escapes text: the five XML characters, and C0 controls XML cannot carry dropped. */
export function escapeXmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESC[c] ?? '');
}

const BORDER = 'w:val="single" w:color="000000" w:sz="4"';
const TBL_BORDERS =
  `<w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/>` +
  `<w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>`;
const CELL_MARGINS =
  '<w:tblCellMar><w:top w:type="dxa" w:w="0"/><w:left w:type="dxa" w:w="85"/>' +
  '<w:bottom w:type="dxa" w:w="0"/><w:right w:type="dxa" w:w="85"/></w:tblCellMar>';
const BOLD = '<w:rPr><w:b/><w:bCs/></w:rPr>';

function paragraph(text: string, align: Align, bold: boolean): string {
  return (
    `<w:p><w:pPr><w:pStyle w:val="${STYLE.table}"/><w:jc w:val="${align}"/></w:pPr>` +
    `<w:r>${bold ? BOLD : ''}<w:t xml:space="preserve">${escapeXmlText(text)}</w:t></w:r></w:p>`
  );
}

interface CellXml {
  width: number;
  colSpan: number;
  rowSpan: number;
  merge: 'restart' | 'continue' | null;
  body: string;
}

function cellXml(c: CellXml): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${c.width}"/>` +
    (c.colSpan > 1 ? `<w:gridSpan w:val="${c.colSpan}"/>` : '') +
    (c.merge !== null ? `<w:vMerge w:val="${c.merge}"/>` : '') +
    `<w:vAlign w:val="center"/></w:tcPr>${c.body}</w:tc>`
  );
}

/** docx's empty paragraph in a `continue` cell: the alignment of the merged cell, no style. */
const CONTINUE_BODY = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>';

/**
 * Header rows as docx writes them. A cell that spans rows is written `restart` where it starts,
 * and docx inserts a `continue` cell (same width and span) into the next row before the cell
 * that starts at the same grid column, counting the spans of the cells already in that row;
 * that row's continue cell carries the rest of the span down. The same steps are taken here so
 * the XML is the library's to the character.
 */
function headerCells(model: TableModel, widths: readonly number[]): CellXml[][] {
  return headerLayout(model, widths).map((cells) =>
    cells.map(({ text, width, colSpan, rowSpan }) => ({
      width,
      colSpan,
      rowSpan,
      merge: rowSpan > 1 ? 'restart' : null,
      body: paragraph(text, 'center', true),
    })),
  );
}

/** docx's Table constructor: carries each row-spanning cell into the row below (not past the last row). */
function insertContinues(rows: CellXml[][]): void {
  for (let r = 0; r < rows.length - 1; r++) {
    const next = rows[r + 1] as CellXml[];
    let columnIndex = 0;
    for (const c of [...(rows[r] as CellXml[])]) {
      if (c.rowSpan > 1) {
        // columnIndexToRootIndex: before the cell where the running column count passes it.
        let colIdx = 0;
        let at = 0;
        while (colIdx <= columnIndex && at < next.length) {
          colIdx += (next[at] as CellXml).colSpan;
          at++;
        }
        const pos = colIdx > columnIndex ? at - 1 : next.length;
        next.splice(pos, 0, {
          width: c.width,
          colSpan: c.colSpan,
          rowSpan: c.rowSpan - 1,
          merge: 'continue',
          body: CONTINUE_BODY,
        });
      }
      columnIndex += c.colSpan;
    }
  }
}

/**
 * The table's XML, built as a list of pieces joined once (a province's table is a few MB).
 * Widths, styles and borders exactly as `reportTable` gives them to docx.
 */
export function reportTableXml(model: TableModel, width: number, sizePt = 12): string {
  const widths = fittedTwips(
    model.columns.map((c) => c.width),
    minimumTwips(model, sizePt),
    width,
  );
  const out: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${width}"/>${TBL_BORDERS}` +
      `<w:tblLayout w:type="fixed"/>${CELL_MARGINS}</w:tblPr><w:tblGrid>` +
      widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('') +
      '</w:tblGrid>',
  ];
  const header = headerCells(model, widths);
  const spans = header.some((row) => row.some((c) => c.rowSpan > 1));
  if (!spans) {
    for (const row of header) out.push(`<w:tr>${HEADER_TR}${row.map(cellXml).join('')}</w:tr>`);
  }

  const bodyRows = model.total ? [...model.rows, model.total] : model.rows;
  const plainRow = (cells: readonly string[], bold: boolean): CellXml[] =>
    widths.map((w, i) => ({
      width: w,
      colSpan: 1,
      rowSpan: 1,
      merge: null,
      body: paragraph(cells[i] ?? '', model.columns[i]?.align ?? 'left', bold),
    }));
  if (spans) {
    // Rare (a header cell spanning rows): the literal docx steps over every row, since a span
    // from the last header row reaches into the first body row.
    const all = [
      ...header,
      ...bodyRows.map((r, i) =>
        plainRow(r, model.total !== undefined && i === bodyRows.length - 1),
      ),
    ];
    insertContinues(all);
    all.forEach((row, i) => {
      const tr = i < header.length ? HEADER_TR : BODY_TR;
      out.push(`<w:tr>${tr}${row.map(cellXml).join('')}</w:tr>`);
    });
    out.push('</w:tbl>');
    return out.join('');
  }

  // The common case, one string per row without intermediate objects.
  const tcPr = widths.map(
    (w) => `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${w}"/><w:vAlign w:val="center"/></w:tcPr>`,
  );
  const bodyRow = (cells: readonly string[], bold: boolean): string => {
    let s = `<w:tr>${BODY_TR}`;
    for (let i = 0; i < widths.length; i++)
      s += `${tcPr[i] ?? ''}${paragraph(cells[i] ?? '', model.columns[i]?.align ?? 'left', bold)}</w:tc>`;
    return `${s}</w:tr>`;
  };
  for (const r of model.rows) out.push(bodyRow(r, false));
  if (model.total) out.push(bodyRow(model.total, true));
  out.push('</w:tbl>');
  return out.join('');
}

const HEADER_TR = '<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>';
const BODY_TR = '<w:trPr><w:cantSplit/></w:trPr>';
