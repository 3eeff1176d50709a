import { Document, Packer, PageOrientation } from 'docx';
import type { ReportModel } from './model.js';
import { appendixSection } from './docx/appendix.js';
import { bodyElements } from './docx/body.js';
import { headerTable } from './docx/header.js';
import { kinhGuiParagraphs } from './docx/kinh-gui.js';
import { MARGIN, PAGE, TEXT_WIDTH } from './docx/layout.js';
import { pageNumberHeaders } from './docx/page-number.js';
import { signatureTable } from './docx/signature.js';
import { buildStyles } from './docx/styles.js';
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

/** The docx Document of a report: the main section, then one section per phụ lục. */
export function buildDocument(model: ReportModel): Document {
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
      ...bodyElements(model.body, TEXT_WIDTH, model.closing),
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
    sections: [main, ...model.appendices.map((a) => appendixSection(a, model.sizes))],
  });
}

/**
 * The report as DOCX bytes. `Packer.toArrayBuffer` rather than `toBuffer`: no Node Buffer, so
 * this also runs in the browser.
 */
export async function renderReport(model: ReportModel): Promise<Uint8Array> {
  const bytes = await Packer.toArrayBuffer(buildDocument(model), false, [
    { path: 'docProps/core.xml', data: coreXml(model.properties) },
  ]);
  return new Uint8Array(bytes);
}
