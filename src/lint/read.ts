import { openZip, ZipError, type ZipArchive, type ZipLimits } from '../ooxml/zip.js';
import type {
  Block,
  Cell,
  DocModel,
  HeaderPart,
  Paragraph,
  Row,
  Run,
  Section,
  Table,
  Where,
} from './model.js';
import { parsePPr, parseRPr, parseThemeFonts, StyleSheet, type RawPPr } from './styles.js';
import {
  attr,
  BadXmlError,
  child,
  HostileXmlError,
  intAttr,
  kids,
  parseXml,
  type XmlElement,
} from './xml.js';

/** Why a file cannot be read as a DOCX; each has its own Vietnamese message in the catalogue. */
export type DocxProblem =
  | 'not-zip'
  | 'ole'
  | 'encrypted'
  | 'truncated'
  | 'corrupt'
  | 'too-large'
  | 'no-document'
  | 'hostile'
  | 'bad-xml';

export type ReadResult =
  { ok: true; doc: DocModel } | { ok: false; problem: DocxProblem; detail: string };

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An OLE compound file holding `EncryptedPackage` is a password-protected OOXML file. */
function oleProblem(bytes: Uint8Array): { problem: DocxProblem; detail: string } | undefined {
  if (bytes.length < 8 || OLE_MAGIC.some((b, i) => bytes[i] !== b)) return undefined;
  const needle = 'EncryptedPackage';
  // Directory entry names are UTF-16LE.
  outer: for (let i = 0; i + needle.length * 2 <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (bytes[i + j * 2] !== needle.charCodeAt(j) || bytes[i + j * 2 + 1] !== 0) continue outer;
    }
    return { problem: 'encrypted', detail: 'OLE EncryptedPackage' };
  }
  return { problem: 'ole', detail: 'OLE compound file (Word 97-2003 .doc?)' };
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(zip: ZipArchive, part: string): Map<string, string> {
  const dir = part.split('/').slice(0, -1).join('/');
  const name = part.split('/').pop() ?? '';
  const relsPath = `${dir ? dir + '/' : ''}_rels/${name}.rels`;
  const map = new Map<string, string>();
  const bytes = zip.read(relsPath);
  if (!bytes) return map;
  const root = parseXml(bytes, relsPath);
  for (const r of kids(root, 'Relationship')) {
    const id = attr(r, 'Id');
    const target = attr(r, 'Target');
    if (id && target && attr(r, 'TargetMode') !== 'External') {
      map.set(id, resolveTarget(part, target));
    }
  }
  return map;
}

interface FieldFrame {
  instr: string;
  phase: 'instr' | 'result';
}

/** Turns the XML of a story (body, header, table cell) into blocks with effective formatting. */
class StoryReader {
  private fields: FieldFrame[] = [];
  private topParagraphs = 0;
  private topTables = 0;
  section = 0;

  constructor(
    private readonly styles: StyleSheet,
    private readonly part: 'body' | 'header' | 'footer',
  ) {}

  blocks(container: XmlElement, where: Where | undefined, tableStyle: string | undefined): Block[] {
    const out: Block[] = [];
    let cellPara = 0;
    const visit = (el: XmlElement): void => {
      for (const c of kids(el)) {
        if (c.name === 'w:p') {
          let w: Where;
          if (where) w = { ...where, cellParagraph: ++cellPara };
          else w = { part: this.part, paragraph: ++this.topParagraphs };
          const p = this.paragraph(c, w, tableStyle);
          out.push(p);
          if (p.endsSection && !where && this.part === 'body') this.section++;
        } else if (c.name === 'w:tbl') {
          const w: Where = where ? { ...where } : { part: this.part, table: ++this.topTables };
          out.push(this.table(c, w));
        } else if (c.name === 'w:sdt') {
          const content = child(c, 'w:sdtContent');
          if (content) visit(content);
        } else if (c.name === 'w:customXml' || c.name === 'w:ins') {
          visit(c);
        }
      }
    };
    visit(container);
    return out;
  }

  private table(el: XmlElement, where: Where): Table {
    const tblPr = child(el, 'w:tblPr');
    const styleId = this.styles.tableStyleId(attr(child(tblPr, 'w:tblStyle'), 'w:val'));
    const grid = kids(child(el, 'w:tblGrid'), 'w:gridCol').map((g) => intAttr(g, 'w:w') ?? 0);
    const styleMar = this.styles.tableCellMargins(styleId);
    const tMar = child(tblPr, 'w:tblCellMar');
    const defLeft =
      intAttr(child(tMar, 'w:left') ?? child(tMar, 'w:start'), 'w:w') ?? styleMar.left ?? 0;
    const defRight =
      intAttr(child(tMar, 'w:right') ?? child(tMar, 'w:end'), 'w:w') ?? styleMar.right ?? 0;
    let bordered = hasBorder(child(tblPr, 'w:tblBorders'));
    const rows: Row[] = [];
    const section = this.section;
    const trs: XmlElement[] = [];
    const collectRows = (e: XmlElement): void => {
      for (const c of kids(e)) {
        if (c.name === 'w:tr') trs.push(c);
        else if (c.name === 'w:sdt') collectRows(child(c, 'w:sdtContent') ?? c);
      }
    };
    collectRows(el);
    trs.forEach((tr, ri) => {
      const cells: Cell[] = [];
      let gridIndex = intAttr(child(child(tr, 'w:trPr'), 'w:gridBefore'), 'w:val') ?? 0;
      const tcs: XmlElement[] = [];
      const collectCells = (e: XmlElement): void => {
        for (const c of kids(e)) {
          if (c.name === 'w:tc') tcs.push(c);
          else if (c.name === 'w:sdt') collectCells(child(c, 'w:sdtContent') ?? c);
        }
      };
      collectCells(tr);
      tcs.forEach((tc, ci) => {
        const tcPr = child(tc, 'w:tcPr');
        const span = intAttr(child(tcPr, 'w:gridSpan'), 'w:val') ?? 1;
        let width: number | undefined;
        if (grid.length >= gridIndex + span) {
          width = grid.slice(gridIndex, gridIndex + span).reduce((a, b) => a + b, 0);
        } else {
          const tcW = child(tcPr, 'w:tcW');
          if ((attr(tcW, 'w:type') ?? 'dxa') === 'dxa') width = intAttr(tcW, 'w:w');
        }
        gridIndex += span;
        if (hasBorder(child(tcPr, 'w:tcBorders'))) bordered = true;
        const cMar = child(tcPr, 'w:tcMar');
        const cellWhere: Where = { ...where, row: ri + 1, cell: ci + 1 };
        cells.push({
          width,
          marginLeft: intAttr(child(cMar, 'w:left') ?? child(cMar, 'w:start'), 'w:w') ?? defLeft,
          marginRight: intAttr(child(cMar, 'w:right') ?? child(cMar, 'w:end'), 'w:w') ?? defRight,
          blocks: this.blocks(tc, cellWhere, styleId),
        });
      });
      rows.push({ cells });
    });
    return { kind: 'table', where, section, rows, grid, bordered };
  }

  private paragraph(el: XmlElement, where: Where, tableStyle: string | undefined): Paragraph {
    const pPrEl = child(el, 'w:pPr');
    const pPr = parsePPr(pPrEl);
    const runs: Run[] = [];
    const fields: string[] = [];
    const shapes: number[] = [];
    const visit = (e: XmlElement): void => {
      for (const c of kids(e)) {
        switch (c.name) {
          case 'w:r':
            this.run(c, pPr, tableStyle, runs, fields, shapes);
            break;
          case 'w:del':
          case 'w:moveFrom':
          case 'w:pPr':
            break;
          case 'w:fldSimple': {
            const instr = (attr(c, 'w:instr') ?? '').trim();
            const start = runs.length;
            visit(c);
            fields.push(instr);
            if (runs.length === start) {
              runs.push({ text: '', fmt: this.styles.runFormat({}, pPr, tableStyle), instr });
            } else for (let i = start; i < runs.length; i++) runs[i]!.instr ??= instr;
            break;
          }
          case 'mc:AlternateContent': {
            const choice = child(c, 'mc:Choice') ?? child(c, 'mc:Fallback');
            if (choice) visit(choice);
            break;
          }
          default:
            visit(c);
        }
      }
    };
    visit(el);
    const text = runs
      .map((r) => r.text)
      .join('')
      .normalize('NFC');
    const markRPr = parseRPr(child(pPrEl, 'w:rPr'));
    return {
      kind: 'p',
      where,
      section: this.section,
      text,
      runs,
      fmt: this.styles.paraFormat(pPr, tableStyle),
      fields,
      shapes,
      endsSection: child(pPrEl, 'w:sectPr') !== undefined,
      markSize: this.styles.runFormat(markRPr, pPr, tableStyle).size,
    };
  }

  private run(
    el: XmlElement,
    pPr: RawPPr,
    tableStyle: string | undefined,
    runs: Run[],
    fields: string[],
    shapes: number[],
  ): void {
    const rPr = parseRPr(child(el, 'w:rPr'));
    const fmt = this.styles.runFormat(rPr, pPr, tableStyle);
    const hidden = this.styles.hidden(rPr, pPr);
    let text = '';
    let instr = '';
    const frame = (): FieldFrame | undefined => this.fields[this.fields.length - 1];
    for (const c of kids(el)) {
      const inInstr = frame()?.phase === 'instr';
      switch (c.name) {
        case 'w:t':
          if (!inInstr) text += c.children.filter((x) => typeof x === 'string').join('');
          break;
        case 'w:tab':
          if (!inInstr) text += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          if (!inInstr) text += '\n';
          break;
        case 'w:noBreakHyphen':
          if (!inInstr) text += '-';
          break;
        case 'w:instrText': {
          const t = c.children.filter((x) => typeof x === 'string').join('');
          const f = frame();
          if (f && f.phase === 'instr') f.instr += t;
          instr += t;
          break;
        }
        case 'w:fldChar': {
          const type = attr(c, 'w:fldCharType');
          if (type === 'begin') this.fields.push({ instr: '', phase: 'instr' });
          else if (type === 'separate') {
            const f = frame();
            if (f) f.phase = 'result';
          } else if (type === 'end') {
            const f = this.fields.pop();
            if (f) fields.push(f.instr.trim());
          }
          break;
        }
        case 'w:drawing':
          shapes.push(...drawingWidths(c));
          break;
        case 'w:pict':
        case 'mc:AlternateContent':
          shapes.push(...pictWidths(c));
          break;
        default:
          break;
      }
    }
    if (hidden) text = '';
    if (instr) runs.push({ text: '', fmt, instr: instr.trim() });
    if (text) runs.push({ text, fmt });
  }
}

function hasBorder(el: XmlElement | undefined): boolean {
  if (!el) return false;
  return kids(el).some((b) => {
    const v = attr(b, 'w:val');
    return v !== undefined && v !== 'nil' && v !== 'none';
  });
}

/** DrawingML extents are in EMU: 635 EMU per twip. */
function drawingWidths(el: XmlElement): number[] {
  const out: number[] = [];
  for (const holder of kids(el)) {
    const ext = child(holder, 'wp:extent');
    const cx = intAttr(ext, 'cx');
    out.push(cx === undefined ? Number.NaN : cx / 635);
  }
  return out;
}

/** VML shapes: a `v:line` with from/to in pt, or a `width:…pt` style; otherwise unknown. */
function pictWidths(el: XmlElement): number[] {
  const out: number[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of kids(e)) {
      if (c.name === 'v:line') {
        const a = /^(-?[\d.]+)pt/.exec(attr(c, 'from') ?? '');
        const b = /^(-?[\d.]+)pt/.exec(attr(c, 'to') ?? '');
        out.push(a && b ? Math.abs(Number(b[1]) - Number(a[1])) * 20 : Number.NaN);
      } else if (c.name === 'v:shape' || c.name === 'v:rect') {
        const w = /width:\s*([\d.]+)pt/.exec(attr(c, 'style') ?? '');
        out.push(w ? Number(w[1]) * 20 : Number.NaN);
      } else if (c.name === 'w:drawing') {
        out.push(...drawingWidths(c));
      } else walk(c);
    }
  };
  walk(el);
  return out;
}

function readSection(
  sectPr: XmlElement | undefined,
  index: number,
  prev: Section | undefined,
  headerPart: (id: string, kind: 'header' | 'footer') => HeaderPart | undefined,
): Section {
  const pgSz = child(sectPr, 'w:pgSz');
  const pgMar = child(sectPr, 'w:pgMar');
  const headers: Section['headers'] = { ...(prev?.headers ?? {}) };
  const footers: Section['footers'] = { ...(prev?.footers ?? {}) };
  for (const ref of kids(sectPr, 'w:headerReference')) {
    const type = (attr(ref, 'w:type') ?? 'default') as 'default' | 'first' | 'even';
    const h = headerPart(attr(ref, 'r:id') ?? '', 'header');
    if (h) headers[type] = h;
  }
  for (const ref of kids(sectPr, 'w:footerReference')) {
    const type = (attr(ref, 'w:type') ?? 'default') as 'default' | 'first' | 'even';
    const h = headerPart(attr(ref, 'r:id') ?? '', 'footer');
    if (h) footers[type] = h;
  }
  const titlePgEl = child(sectPr, 'w:titlePg');
  const tv = attr(titlePgEl, 'w:val');
  return {
    index,
    pageWidth: intAttr(pgSz, 'w:w'),
    pageHeight: intAttr(pgSz, 'w:h'),
    orient: attr(pgSz, 'w:orient') === 'landscape' ? 'landscape' : 'portrait',
    margins: {
      top: intAttr(pgMar, 'w:top'),
      bottom: intAttr(pgMar, 'w:bottom'),
      left: intAttr(pgMar, 'w:left'),
      right: intAttr(pgMar, 'w:right'),
    },
    titlePg: titlePgEl !== undefined && !(tv === 'false' || tv === '0' || tv === 'off'),
    headers,
    footers,
    pgNumStart: intAttr(child(sectPr, 'w:pgNumType'), 'w:start'),
  };
}

/**
 * Reads a .docx into the document model. Pure: bytes in, data out; every way a file can fail
 * to be a readable DOCX comes back as a problem, never as an exception.
 */
export function readDocx(bytes: Uint8Array, limits?: ZipLimits): ReadResult {
  const ole = oleProblem(bytes);
  if (ole) return { ok: false, ...ole };
  const opened = openZip(bytes, limits);
  if (!opened.ok) {
    const problem: DocxProblem =
      opened.problem === 'not-zip'
        ? 'not-zip'
        : opened.problem === 'truncated'
          ? 'truncated'
          : opened.problem === 'encrypted'
            ? 'encrypted'
            : opened.problem === 'too-many-entries'
              ? 'too-large'
              : 'corrupt';
    return { ok: false, problem, detail: opened.detail };
  }
  const zip = opened.zip;
  try {
    return { ok: true, doc: buildModel(zip) };
  } catch (e) {
    if (e instanceof HostileXmlError) return { ok: false, problem: 'hostile', detail: e.message };
    if (e instanceof BadXmlError) return { ok: false, problem: 'bad-xml', detail: e.message };
    if (e instanceof ZipError) {
      const problem: DocxProblem =
        e.problem === 'encrypted'
          ? 'encrypted'
          : e.problem === 'truncated'
            ? 'truncated'
            : e.problem === 'part-too-large' || e.problem === 'total-too-large'
              ? 'too-large'
              : 'corrupt';
      return { ok: false, problem, detail: e.message };
    }
    if (e instanceof NoDocumentError)
      return { ok: false, problem: 'no-document', detail: e.message };
    throw e;
  }
}

class NoDocumentError extends Error {}

function mainDocumentPart(zip: ZipArchive): string | undefined {
  const rels = zip.read('_rels/.rels');
  if (rels) {
    const root = parseXml(rels, '_rels/.rels');
    for (const r of kids(root, 'Relationship')) {
      if ((attr(r, 'Type') ?? '').endsWith('/officeDocument')) {
        const t = resolveTarget('', attr(r, 'Target') ?? '');
        if (zip.has(t)) return t;
      }
    }
  }
  return zip.has('word/document.xml') ? 'word/document.xml' : undefined;
}

function buildModel(zip: ZipArchive): DocModel {
  const docPart = mainDocumentPart(zip);
  if (!docPart) throw new NoDocumentError('no word/document.xml');
  const docBytes = zip.read(docPart)!;
  const document = parseXml(docBytes, docPart);
  const body = child(document, 'w:body');
  if (!body) throw new NoDocumentError(`${docPart} has no w:body`);
  const rels = relsOf(zip, docPart);
  const notes: string[] = [];

  let stylesXml: XmlElement | undefined;
  let themeXml: XmlElement | undefined;
  for (const [, target] of rels) {
    if (/styles\.xml$/i.test(target) && !/stylesWithEffects/i.test(target)) {
      const b = zip.read(target);
      if (b) stylesXml = parseXml(b, target);
    }
    if (/theme\/theme\d*\.xml$/i.test(target)) {
      const b = zip.read(target);
      if (b) themeXml = parseXml(b, target);
    }
  }
  if (!stylesXml) notes.push('Tệp không có word/styles.xml: định dạng lấy theo mặc định của Word.');
  const styles = new StyleSheet(stylesXml, parseThemeFonts(themeXml));

  const headerCache = new Map<string, HeaderPart>();
  const headerPart = (id: string, kind: 'header' | 'footer'): HeaderPart | undefined => {
    const target = rels.get(id);
    if (!target) return undefined;
    const cached = headerCache.get(target);
    if (cached) return cached;
    const bytes = zip.read(target);
    if (!bytes) return undefined;
    const root = parseXml(bytes, target);
    const h: HeaderPart = {
      part: target,
      blocks: new StoryReader(styles, kind).blocks(root, undefined, undefined),
    };
    headerCache.set(target, h);
    return h;
  };

  const reader = new StoryReader(styles, 'body');
  const blocks = reader.blocks(body, undefined, undefined);

  // Section properties: each paragraph-level sectPr closes a section; the body one is last.
  const sectPrs: XmlElement[] = [];
  const collect = (el: XmlElement): void => {
    for (const c of kids(el)) {
      if (c.name === 'w:p') {
        const s = child(child(c, 'w:pPr'), 'w:sectPr');
        if (s) sectPrs.push(s);
      } else if (c.name === 'w:sdt') collect(child(c, 'w:sdtContent') ?? c);
    }
  };
  collect(body);
  const finalSect = child(body, 'w:sectPr');
  const all = [...sectPrs, ...(finalSect ? [finalSect] : [])];
  if (all.length === 0) all.push({ name: 'w:sectPr', attrs: {}, children: [] });
  const sections: Section[] = [];
  all.forEach((s, i) => sections.push(readSection(s, i, sections[i - 1], headerPart)));
  // Blocks after the last paragraph-level sectPr belong to the last section even without a
  // body sectPr.
  for (const b of blocks) if (b.section >= sections.length) b.section = sections.length - 1;

  for (const id of styles.unknownStyles)
    notes.push(`Kiểu "${id}" được dùng nhưng không có trong styles.xml.`);
  return { sections, blocks, notes };
}
