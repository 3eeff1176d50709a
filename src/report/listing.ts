/**
 * The per-unit listing sent with a very large report, as an .xlsx a clerk opens in Excel or
 * LibreOffice: one sheet per table, its title, a frozen header row with a filter, numbers as
 * numbers (with the report's decimals, thousands grouped by the reader's locale) so the rows
 * can be sorted, filtered and summed. Written as SpreadsheetML strings zipped with fflate: a
 * sheet of 10,000 rows is a few MB of text, where a workbook library keeps an object per cell.
 * Text goes in inline strings, which a spreadsheet never evaluates, so a unit name starting with
 * `=` stays text (no formula injection).
 */
import { strToU8, zipSync } from 'fflate';
import { escapeXmlText } from './docx/table-xml.js';
import type { ListingCell, ListingSheet } from './model.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Decimals 0..6 get the cell formats 2..8 (`#,##0`, `#,##0.0`, ...). */
const MAX_DECIMALS = 6;

/** Column letters: 1 -> A, 27 -> AA. */
export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in the workbook. */
export function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    const base =
      raw
        .replace(/[[\]:*?/\\]/g, ' ')
        .trim()
        .slice(0, 31) || `Sheet${i + 1}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++)
      name = `${base.slice(0, 31 - String(k).length - 1)} ${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

function stylesXml(): string {
  const fmts = Array.from(
    { length: MAX_DECIMALS },
    (_, i) => `<numFmt numFmtId="${164 + i}" formatCode="#,##0.${'0'.repeat(i + 1)}"/>`,
  ).join('');
  const font = (bold: boolean) =>
    `<font>${bold ? '<b/>' : ''}<sz val="12"/><name val="Times New Roman"/><family val="1"/></font>`;
  const numberXfs = Array.from(
    { length: MAX_DECIMALS + 1 },
    (_, d) =>
      `<xf numFmtId="${d === 0 ? 3 : 163 + d}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
  ).join('');
  return (
    `${DECL}<styleSheet xmlns="${MAIN}"><numFmts count="${MAX_DECIMALS}">${fmts}</numFmts>` +
    `<fonts count="2">${font(false)}${font(true)}</fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${MAX_DECIMALS + 3}">` +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
    numberXfs +
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

const textCell = (ref: string, text: string, style = 0) =>
  `<c r="${ref}"${style > 0 ? ` s="${style}"` : ''} t="inlineStr"><is><t xml:space="preserve">${escapeXmlText(text)}</t></is></c>`;

function cellXml(ref: string, cell: ListingCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return textCell(ref, cell);
  const d = Math.max(0, Math.min(MAX_DECIMALS, cell.decimals));
  return `<c r="${ref}" s="${2 + d}"><v>${cell.value}</v></c>`;
}

/** Character widths for the columns: the longest of the header and the first rows, within 6-60. */
function widths(sheet: ListingSheet): number[] {
  return sheet.header.map((h, c) => {
    let w = Math.min(h.length, 24);
    for (const row of sheet.rows.slice(0, 500)) {
      const v = row[c];
      const len = v === null || v === undefined ? 0 : typeof v === 'string' ? v.length : 10;
      if (len > w) w = len;
    }
    return Math.max(6, Math.min(60, w + 2));
  });
}

function sheetXml(sheet: ListingSheet): string {
  const cols = sheet.header.length;
  const letters = Array.from({ length: Math.max(cols, 1) }, (_, i) => columnLetters(i + 1));
  const last = sheet.rows.length + 2;
  const out: string[] = [
    `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`,
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>',
    `<cols>${widths(sheet)
      .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
      .join('')}</cols>`,
    '<sheetData>',
    `<row r="1">${textCell('A1', sheet.title, 1)}</row>`,
    `<row r="2">${sheet.header.map((h, i) => textCell(`${letters[i] ?? 'A'}2`, h, 1)).join('')}</row>`,
  ];
  sheet.rows.forEach((row, r) => {
    let s = `<row r="${r + 3}">`;
    for (let c = 0; c < cols; c++) s += cellXml(`${letters[c] ?? 'A'}${r + 3}`, row[c] ?? null);
    out.push(`${s}</row>`);
  });
  out.push('</sheetData>');
  if (cols > 0) out.push(`<autoFilter ref="A2:${letters[cols - 1] ?? 'A'}${last}"/>`);
  out.push('</worksheet>');
  return out.join('');
}

/** The listing as .xlsx bytes (pure: the caller writes them). */
export function renderListing(sheets: readonly ListingSheet[]): Uint8Array {
  const names = sheetNames(sheets.map((s) => s.name));
  const n = sheets.length;
  const files: Record<string, Uint8Array> = {};
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  files['[Content_Types].xml'] = strToU8(
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      `${overrides}</Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `${DECL}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
  const filters = sheets
    .map((s, i) =>
      s.header.length === 0
        ? ''
        : `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXmlText(
            `${quoted(names[i] ?? '')}!$A$2:$${columnLetters(s.header.length)}$${s.rows.length + 2}`,
          )}</definedName>`,
    )
    .join('');
  files['xl/workbook.xml'] = strToU8(
    `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
      names
        .map(
          (name, i) =>
            `<sheet name="${escapeXmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
        )
        .join('') +
      `</sheets>${filters === '' ? '' : `<definedNames>${filters}</definedNames>`}</workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${DECL}<Relationships xmlns="${PKG_REL}">` +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(stylesXml());
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s));
  });
  return zipSync(files);
}
