import { Document, Packer, PageOrientation, Paragraph, TextRun, type Table } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ReportModel, TableModel } from './model.js';
import { appendixSection } from './docx/appendix.js';
import { bodyElements } from './docx/body.js';
import { headerTable } from './docx/header.js';
import { kinhGuiParagraphs } from './docx/kinh-gui.js';
import { MARGIN, PAGE, TEXT_WIDTH } from './docx/layout.js';
import { pageNumberHeaders } from './docx/page-number.js';
import { signatureTable } from './docx/signature.js';
import { buildStyles } from './docx/styles.js';
import { reportTableXml } from './docx/table-xml.js';
import { titleParagraphs } from './docx/title.js';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * docProps/core.xml written here rather than by docx, which stamps created/modified with the
 * clock: the pipeline passes the report's date in, so the same model gives the same properties.
 */
function coreXml(p: ReportModel['properties']): string {
  const el = (tag: string, v: string) => `<${tag}>${escapeXml(v)}</${tag}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', p.title) +
    el('dc:subject', p.subject) +
    el('dc:creator', p.creator) +
    el('cp:keywords', p.keywords) +
    el('dc:description', p.description) +
    el('cp:lastModifiedBy', p.creator) +
    el('dc:language', 'vi-VN') +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${escapeXml(p.date)}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${escapeXml(p.date)}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

type DrawTable = (model: TableModel, width: number) => Paragraph | Table;

/** The docx Document of a report: the main section, then one section per phụ lục. */
export function buildDocument(model: ReportModel): Document {
  return documentOf(model);
}

function documentOf(model: ReportModel, table?: DrawTable): Document {
  const main = {
    properties: {
      titlePage: true,
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
        margin: { ...MARGIN },
      },
    },
    headers: pageNumberHeaders(model.sizes.pageNumber),
    children: [
      headerTable(model),
      ...titleParagraphs(model, TEXT_WIDTH),
      ...kinhGuiParagraphs(model, TEXT_WIDTH),
      ...bodyElements(model.body, TEXT_WIDTH, model.closing, table),
      signatureTable(model),
    ],
  };
  const p = model.properties;
  return new Document({
    title: p.title,
    subject: p.subject,
    creator: p.creator,
    keywords: p.keywords,
    description: p.description,
    lastModifiedBy: p.creator,
    styles: buildStyles(model.sizes),
    sections: [main, ...model.appendices.map((a) => appendixSection(a, model.sizes, table))],
  });
}

/**
 * A placeholder's text. Its paragraph has no properties, which no other paragraph of the report
 * has (every one carries a style or an alignment), so a clerk's text can never match it.
 */
const marker = (i: number) => `bctd-table-${i}`;
/** docx's compiler: the package's parts by path, before they are zipped. */
interface Compiler {
  compile(
    file: Document,
    prettify: undefined,
    overrides: { path: string; data: string }[],
  ): Map<string, string | Uint8Array>;
}

/**
 * The package's parts as docx writes them. docx 9 keeps its compiler on `Packer` (a private
 * member, hence the cast): taking the parts from it saves zipping them, unzipping and zipping
 * again, a third of the time of a district's report. Should a docx release move it, the
 * public `Packer.toArrayBuffer` and an unzip give the same parts.
 */
export async function packageParts(
  doc: Document,
  overrides: { path: string; data: string }[],
  viaCompiler = true,
): Promise<Map<string, string | Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: Partial<Compiler> }).compiler;
  if (viaCompiler && typeof compiler?.compile === 'function')
    return (compiler as Compiler).compile(doc, undefined, overrides);
  const zipped = await Packer.toArrayBuffer(doc, false, overrides);
  return new Map(Object.entries(unzipSync(new Uint8Array(zipped))));
}

/**
 * The report as DOCX bytes. docx lays out everything but the tables; each table is a
 * placeholder paragraph there, replaced in word/document.xml by the same XML written as one
 * string (docx/table-xml.ts: docx's object tree costs about 20 KB of heap per table row, which
 * made a province's report slow and the country's take 2 GB). The parts are zipped with
 * fflate's defaults, as docx zips them; no Node zlib or Buffer, so this also runs in the browser.
 */
export async function renderReport(model: ReportModel): Promise<Uint8Array> {
  const tables: string[] = [];
  const placeholder: DrawTable = (t, width) => {
    tables.push(reportTableXml(t, width));
    return new Paragraph({ children: [new TextRun(marker(tables.length - 1))] });
  };
  const parts = await packageParts(documentOf(model, placeholder), [
    { path: 'docProps/core.xml', data: coreXml(model.properties) },
  ]);
  const main = parts.get('word/document.xml');
  if (main === undefined) throw new Error('docx wrote no word/document.xml');
  parts.set(
    'word/document.xml',
    spliceTables(typeof main === 'string' ? main : strFromU8(main), tables),
  );
  const files: Record<string, Uint8Array> = {};
  for (const [path, data] of parts) files[path] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
}

/**
 * Each placeholder paragraph replaced by its table; each must be there exactly once. A
 * placeholder that ends a section also carries that section's properties (docx puts them in a
 * section's last paragraph); for a section ending with a table docx writes them in an empty
 * paragraph after it, so that is what the placeholder becomes.
 */
export function spliceTables(xml: string, tables: readonly string[]): string {
  const found = tables.map((table, i) => {
    const tail = `<w:r><w:t xml:space="preserve">${marker(i)}</w:t></w:r></w:p>`;
    const at = xml.indexOf(tail);
    const start = at < 0 ? -1 : xml.lastIndexOf('<w:p>', at);
    const head = start < 0 ? '' : xml.slice(start, at);
    const sectionEnd = /^<w:p><w:pPr><w:sectPr[ >][\s\S]*<\/w:sectPr><\/w:pPr>$/.test(head);
    if (at < 0 || (head !== '<w:p>' && !sectionEnd) || xml.indexOf(tail, at + tail.length) >= 0)
      throw new Error(`table placeholder ${i} not found once in word/document.xml`);
    const replacement = sectionEnd ? `${table}${head}</w:p>` : table;
    return { start, end: at + tail.length, replacement };
  });
  found.sort((a, b) => a.start - b.start);
  const out: string[] = [];
  let from = 0;
  for (const f of found) {
    out.push(xml.slice(from, f.start), f.replacement);
    from = f.end;
  }
  out.push(xml.slice(from));
  return out.join('');
}
