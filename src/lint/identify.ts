import type { Block, Cell, DocModel, Paragraph, Run, Table } from './model.js';
import { allParagraphs } from './model.js';
import { textWidth } from './metrics.js';

/**
 * Finds the parts of an ND30 document by their content, so that documents typed by hand
 * in Word are read as well as generated ones: the header may be a table or plain
 * paragraphs with tabs, the signature a table or paragraphs.
 */

/** A line of the document: a whole paragraph, or one tab-separated side of it. */
export interface Line {
  p: Paragraph;
  text: string;
  runs: Run[];
}

export interface Rule {
  kind: 'border' | 'underscores' | 'shape';
  /** The paragraph drawing the rule. */
  p: Paragraph;
  /** Length in twips; undefined when it cannot be measured. */
  length: number | undefined;
}

export interface DocType {
  slug: string;
  /** Name as printed in the tên loại, e.g. `BÁO CÁO`; undefined for công văn. */
  name: string | undefined;
  /** Ký hiệu abbreviation of Phụ lục III; undefined for công văn. */
  abbr: string | undefined;
  /** True for the types the checker knows the rules of (Mẫu 1.4 and công văn, Mẫu 1.5). */
  supported: boolean;
}

export interface Appendix {
  heading: Line;
  title: Line | undefined;
  reference: Line | undefined;
  /** The heading is the first content of its section. */
  startsSection: boolean;
  section: number;
}

export interface Parts {
  headerTable: Table | undefined;
  quocHieu: Line | undefined;
  /** Width in twips available to the Quốc hiệu line, when it can be known. */
  quocHieuRoom: number | undefined;
  tieuNgu: Line | undefined;
  tieuNguRule: Rule | undefined;
  agency: Line[];
  agencyRule: Rule | undefined;
  so: Line | undefined;
  date: Line | undefined;
  /** Where Số and the date sit: table row, cell paragraph index, or the same paragraph. */
  soDateSameRow: boolean | undefined;
  vv: Line[];
  type: DocType;
  tenLoai: Line | undefined;
  trichYeu: Line[];
  trichYeuRule: Rule | undefined;
  body: Paragraph[];
  noiNhanLabel: Line | undefined;
  noiNhanItems: Line[];
  signer: Line[];
  appendices: Appendix[];
}

/** Phụ lục III, Mục I: the type names and their ký hiệu abbreviations. */
export const TYPES: ReadonlyArray<{ slug: string; name: string; abbr: string; mau14: boolean }> = [
  { slug: 'nghi-quyet', name: 'NGHỊ QUYẾT', abbr: 'NQ', mau14: false },
  { slug: 'quyet-dinh', name: 'QUYẾT ĐỊNH', abbr: 'QĐ', mau14: true },
  { slug: 'chi-thi', name: 'CHỈ THỊ', abbr: 'CT', mau14: true },
  { slug: 'quy-che', name: 'QUY CHẾ', abbr: 'QC', mau14: true },
  { slug: 'quy-dinh', name: 'QUY ĐỊNH', abbr: 'QyĐ', mau14: true },
  { slug: 'thong-cao', name: 'THÔNG CÁO', abbr: 'TC', mau14: true },
  { slug: 'thong-bao', name: 'THÔNG BÁO', abbr: 'TB', mau14: true },
  { slug: 'huong-dan', name: 'HƯỚNG DẪN', abbr: 'HD', mau14: true },
  { slug: 'chuong-trinh', name: 'CHƯƠNG TRÌNH', abbr: 'CTr', mau14: true },
  { slug: 'ke-hoach', name: 'KẾ HOẠCH', abbr: 'KH', mau14: true },
  { slug: 'phuong-an', name: 'PHƯƠNG ÁN', abbr: 'PA', mau14: true },
  { slug: 'de-an', name: 'ĐỀ ÁN', abbr: 'ĐA', mau14: true },
  { slug: 'du-an', name: 'DỰ ÁN', abbr: 'DA', mau14: true },
  { slug: 'bao-cao', name: 'BÁO CÁO', abbr: 'BC', mau14: true },
  { slug: 'bien-ban', name: 'BIÊN BẢN', abbr: 'BB', mau14: false },
  { slug: 'to-trinh', name: 'TỜ TRÌNH', abbr: 'TTr', mau14: true },
  { slug: 'hop-dong', name: 'HỢP ĐỒNG', abbr: 'HĐ', mau14: false },
  { slug: 'cong-dien', name: 'CÔNG ĐIỆN', abbr: 'CĐ', mau14: false },
  { slug: 'ban-ghi-nho', name: 'BẢN GHI NHỚ', abbr: 'BGN', mau14: false },
  { slug: 'ban-thoa-thuan', name: 'BẢN THỎA THUẬN', abbr: 'BTT', mau14: false },
  { slug: 'giay-uy-quyen', name: 'GIẤY ỦY QUYỀN', abbr: 'GUQ', mau14: true },
  { slug: 'giay-moi', name: 'GIẤY MỜI', abbr: 'GM', mau14: false },
  { slug: 'giay-gioi-thieu', name: 'GIẤY GIỚI THIỆU', abbr: 'GGT', mau14: false },
  { slug: 'giay-nghi-phep', name: 'GIẤY NGHỈ PHÉP', abbr: 'GNP', mau14: false },
  { slug: 'phieu-gui', name: 'PHIẾU GỬI', abbr: 'PG', mau14: true },
  { slug: 'phieu-chuyen', name: 'PHIẾU CHUYỂN', abbr: 'PC', mau14: true },
  { slug: 'phieu-bao', name: 'PHIẾU BÁO', abbr: 'PB', mau14: true },
];

export const UNKNOWN_TYPE: DocType = {
  slug: 'khac',
  name: undefined,
  abbr: undefined,
  supported: false,
};
export const CONG_VAN: DocType = {
  slug: 'cong-van',
  name: undefined,
  abbr: undefined,
  supported: true,
};

/** NFC, NBSP as space, runs of spaces collapsed, trimmed. */
export function norm(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Upper case with the old and new tone placement of "hoà/hòa", "uỷ/ủy" made equal. */
function key(s: string): string {
  return norm(s)
    .toUpperCase()
    .replace(/OÀ/g, 'ÒA')
    .replace(/UỶ/g, 'ỦY')
    .replace(/OẢ/g, 'ỎA')
    .replace(/ /g, '');
}

export function displayText(line: Line): string {
  return line.runs
    .map((r) => (r.fmt.caps ? r.text.toUpperCase() : r.text))
    .join('')
    .normalize('NFC');
}

export function lineOf(p: Paragraph): Line {
  return { p, text: p.text, runs: p.runs.filter((r) => r.text !== '') };
}

/** Splits a paragraph at tabs into its non-empty sides (hand-typed headers use tabs). */
export function splitTabs(p: Paragraph): Line[] {
  const out: Line[] = [];
  let cur: Line = { p, text: '', runs: [] };
  for (const r of p.runs) {
    if (r.text === '') continue;
    const pieces = r.text.split('\t');
    pieces.forEach((piece, i) => {
      if (i > 0) {
        out.push(cur);
        cur = { p, text: '', runs: [] };
      }
      if (piece) {
        cur.text += piece;
        cur.runs.push({ ...r, text: piece });
      }
    });
  }
  out.push(cur);
  return out
    .filter((l) => l.text.trim() !== '')
    .map((l) => ({ ...l, text: l.text.normalize('NFC') }));
}

const QH_KEY = key('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
export const isQuocHieu = (s: string): boolean => key(s) === QH_KEY;
const isSo = (s: string): boolean => /^số\s*[:.]?/i.test(norm(s)) && /\//.test(s);
const isDate = (s: string): boolean =>
  /,\s*ngày\b/i.test(norm(s)) || /^.{0,40}ngày\s.*\bnăm\b/i.test(norm(s));
const isVv = (s: string): boolean => /^v\s*\/\s*v\b/i.test(norm(s));
const isNoiNhan = (s: string): boolean => /^nơi\s*nhận\b/i.test(norm(s));
export const AUTHORITY = /^(TM\.|KT\.|TL\.|TUQ\.|Q\.) /;
/** Also the old or misspelt forms, so that they are found and reported. */
const AUTHORITY_LOOSE =
  /^(T\s*\/\s*M|K\s*\/\s*T|T\s*\/\s*L|T\.M|K\.T|T\.L|TM|KT|TL|TUQ|Q)\s*[.]?\s+\S/;
const isBlank = (p: Paragraph): boolean => p.text.trim() === '' && p.shapes.length === 0;
const underscores = (s: string): number => (/^[\s_]*$/.test(s) ? (s.match(/_/g) ?? []).length : 0);

function underscoreLength(runs: readonly Run[]): number {
  let w = 0;
  for (const r of runs) {
    const n = (r.text.match(/_/g) ?? []).length;
    w += (n * (r.fmt.size / 2) * 20 * 0.5 * r.fmt.scale) / 100 + n * r.fmt.charSpacing;
  }
  return w;
}

/** One side of a tab-separated line drawn as underscores. */
function underscoreRule(l: Line | undefined): Rule | undefined {
  if (!l || underscores(l.text) < 3) return undefined;
  return { kind: 'underscores', p: l.p, length: underscoreLength(l.runs) };
}

/** The width a paragraph's text may use: cell or page text width, minus indents. */
function roomOf(
  p: Paragraph,
  cell: Cell | undefined,
  pageText: number | undefined,
): number | undefined {
  const base = cell
    ? cell.width === undefined
      ? undefined
      : cell.width - cell.marginLeft - cell.marginRight
    : pageText;
  if (base === undefined) return undefined;
  return base - p.fmt.left - p.fmt.right - Math.max(p.fmt.firstLine, 0);
}

/** A rule drawn under `p`: its bottom border, or the next paragraph as underscores, top border or shape. */
function ruleAfter(
  p: Paragraph,
  next: Paragraph | undefined,
  room: (q: Paragraph) => number | undefined,
): Rule | undefined {
  if (p.fmt.borderBottom) return { kind: 'border', p, length: room(p) };
  const own = p.shapes.find(() => true);
  if (own !== undefined) return { kind: 'shape', p, length: Number.isNaN(own) ? undefined : own };
  if (!next) return undefined;
  if (underscores(next.text) >= 3)
    return { kind: 'underscores', p: next, length: underscoreLength(next.runs) };
  if (next.text.trim() === '' && next.fmt.borderTop)
    return { kind: 'border', p: next, length: room(next) };
  if (next.text.trim() === '' && next.fmt.borderBottom)
    return { kind: 'border', p: next, length: room(next) };
  if (next.text.trim() === '' && next.shapes.length > 0) {
    const w = next.shapes[0]!;
    return { kind: 'shape', p: next, length: Number.isNaN(w) ? undefined : w };
  }
  return undefined;
}

export const isRuleLine = (p: Paragraph): boolean =>
  underscores(p.text) >= 3 ||
  (p.text.trim() === '' && (p.shapes.length > 0 || p.fmt.borderTop || p.fmt.borderBottom));

interface CellRef {
  cell: Cell;
  row: number;
  col: number;
}

function cellsOf(t: Table): CellRef[] {
  const out: CellRef[] = [];
  t.rows.forEach((r, ri) => r.cells.forEach((cell, col) => out.push({ cell, row: ri, col })));
  return out;
}

const paras = (c: Cell): Paragraph[] => allParagraphs(c.blocks);

export function identify(doc: DocModel): Parts {
  const parts: Parts = {
    headerTable: undefined,
    quocHieu: undefined,
    quocHieuRoom: undefined,
    tieuNgu: undefined,
    tieuNguRule: undefined,
    agency: [],
    agencyRule: undefined,
    so: undefined,
    date: undefined,
    soDateSameRow: undefined,
    vv: [],
    type: UNKNOWN_TYPE,
    tenLoai: undefined,
    trichYeu: [],
    trichYeuRule: undefined,
    body: [],
    noiNhanLabel: undefined,
    noiNhanItems: [],
    signer: [],
    appendices: [],
  };
  const s0 = doc.sections[0];
  const pageText =
    s0?.pageWidth !== undefined && s0.margins.left !== undefined && s0.margins.right !== undefined
      ? s0.pageWidth - s0.margins.left - s0.margins.right
      : undefined;
  const blocks = doc.blocks;
  let headerEnd = 0; // index of the first top-level block after the header

  // 1. The header: a table holding the Quốc hiệu, or plain paragraphs.
  const search = Math.min(blocks.length, 12);
  for (let bi = 0; bi < search && !parts.quocHieu; bi++) {
    const b = blocks[bi]!;
    if (b.kind === 'table') {
      const refs = cellsOf(b);
      const qhRef = refs.find((r) => paras(r.cell).some((p) => isQuocHieu(p.text)));
      if (!qhRef) continue;
      parts.headerTable = b;
      headerEnd = bi + 1;
      const right = refs.filter((r) => r.col === qhRef.col && r.row >= qhRef.row);
      const left = refs.filter(
        (r) =>
          r.col !== qhRef.col && r.row >= qhRef.row && (r.col === qhRef.col - 1 || qhRef.col === 0),
      );
      const rightParas = right.flatMap((r) => paras(r.cell).map((p) => ({ p, ref: r })));
      const leftParas = left.flatMap((r) => paras(r.cell).map((p) => ({ p, ref: r })));
      const qi = rightParas.findIndex((x) => isQuocHieu(x.p.text));
      const qh = rightParas[qi]!;
      parts.quocHieu = lineOf(qh.p);
      parts.quocHieuRoom = roomOf(qh.p, qh.ref.cell, pageText);
      const tnIdx = rightParas.findIndex((x, i) => i > qi && !isBlank(x.p));
      const tn = rightParas[tnIdx];
      if (tn && !isRuleLine(tn.p) && !isDate(tn.p.text)) {
        parts.tieuNgu = lineOf(tn.p);
        const cellOf = (q: Paragraph): Cell | undefined =>
          rightParas.find((x) => x.p === q)?.ref.cell;
        parts.tieuNguRule = ruleAfter(tn.p, rightParas[tnIdx + 1]?.p, (q) =>
          roomOf(q, cellOf(q), pageText),
        );
      }
      const dateX = rightParas.find((x, i) => i > qi && isDate(x.p.text));
      if (dateX) parts.date = lineOf(dateX.p);
      const soIdx = leftParas.findIndex((x) => isSo(x.p.text));
      const soX = leftParas[soIdx];
      if (soX) parts.so = lineOf(soX.p);
      const agencyEnd = soIdx >= 0 ? soIdx : leftParas.length;
      const agencyParas: Array<{ p: Paragraph; ref: CellRef; i: number }> = [];
      for (let i = 0; i < agencyEnd; i++) {
        const x = leftParas[i]!;
        if (isBlank(x.p)) continue;
        if (isRuleLine(x.p)) break;
        agencyParas.push({ ...x, i });
      }
      parts.agency = agencyParas.map((x) => lineOf(x.p));
      const lastAg = agencyParas[agencyParas.length - 1];
      if (lastAg) {
        const cellOf = (q: Paragraph): Cell | undefined =>
          leftParas.find((x) => x.p === q)?.ref.cell;
        parts.agencyRule = ruleAfter(lastAg.p, leftParas[lastAg.i + 1]?.p, (q) =>
          roomOf(q, cellOf(q), pageText),
        );
      }
      if (soIdx >= 0) {
        parts.vv = leftParas
          .slice(soIdx + 1)
          .filter((x) => isVv(x.p.text))
          .map((x) => lineOf(x.p));
      }
      if (soX && dateX) {
        const sIdx = paras(soX.ref.cell).indexOf(soX.p);
        const dIdx = paras(dateX.ref.cell).indexOf(dateX.p);
        parts.soDateSameRow = soX.ref.row === dateX.ref.row && sIdx === dIdx;
      }
    } else if (isQuocHieu(b.text) || splitTabs(b).some((l) => isQuocHieu(l.text))) {
      headerEnd = parseParagraphHeader(blocks, bi, parts, pageText);
    }
  }

  // 2. Type: the first centred caps line after the header, or V/v for công văn.
  let i = headerEnd;
  while (i < blocks.length && blocks[i]!.kind === 'p' && isBlank(blocks[i] as Paragraph)) i++;
  const first = blocks[i];
  let bodyStart = i;
  if (first?.kind === 'p') {
    const l = lineOf(first);
    const k = key(displayText(l));
    const t = TYPES.find((x) => key(x.name) === k);
    if (t) {
      parts.type = { slug: t.slug, name: t.name, abbr: t.abbr, supported: t.mau14 };
      parts.tenLoai = l;
    } else if (
      first.fmt.jc === 'center' &&
      l.runs.length > 0 &&
      l.runs.every((r) => r.fmt.bold) &&
      displayText(l) === displayText(l).toUpperCase() &&
      /\p{L}/u.test(l.text)
    ) {
      parts.tenLoai = l;
    }
  }
  if (parts.tenLoai) {
    let j = i + 1;
    const ty: Paragraph[] = [];
    while (j < blocks.length && ty.length < 4) {
      const b = blocks[j]!;
      if (b.kind !== 'p' || isBlank(b) || isRuleLine(b)) break;
      ty.push(b);
      if (b.fmt.borderBottom) break;
      j++;
    }
    parts.trichYeu = ty.map(lineOf);
    const last = ty[ty.length - 1];
    if (last) {
      const nb = blocks[j + (last.fmt.borderBottom ? 0 : 0)];
      const next = last.fmt.borderBottom ? undefined : nb?.kind === 'p' ? nb : undefined;
      parts.trichYeuRule = ruleAfter(last, next, (q) => roomOf(q, undefined, pageText));
      bodyStart =
        j +
        (parts.trichYeuRule && parts.trichYeuRule.p !== last ? 1 : last.fmt.borderBottom ? 1 : 0);
    } else bodyStart = i + 1;
  } else if (parts.vv.length > 0 || (first?.kind === 'p' && /^kính gửi/i.test(norm(first.text)))) {
    if (parts.vv.length > 0) parts.type = CONG_VAN;
  }

  // 3. Signature: the table holding "Nơi nhận:", or the paragraphs around it.
  let sigIndex = blocks.length;
  for (let bi = bodyStart; bi < blocks.length; bi++) {
    const b = blocks[bi]!;
    if (b.kind === 'table') {
      const refs = cellsOf(b);
      const nn = refs.find((r) => paras(r.cell).some((p) => isNoiNhan(p.text)));
      const signerRef =
        (nn && refs.filter((r) => r.row === nn.row && r.col !== nn.col).pop()) ??
        refs.find((r) => paras(r.cell).some((p) => AUTHORITY_LOOSE.test(norm(p.text))));
      if (!nn && !signerRef) continue;
      sigIndex = bi;
      if (nn) readNoiNhan(paras(nn.cell), parts);
      if (signerRef)
        parts.signer = paras(signerRef.cell)
          .filter((p) => !isBlank(p))
          .map(lineOf);
      break;
    }
    if (isNoiNhan(b.text)) {
      sigIndex = bi;
      const after: Paragraph[] = [];
      for (let k = bi; k < blocks.length; k++) {
        const x = blocks[k]!;
        if (x.kind !== 'p' || x.section !== b.section) break;
        after.push(x);
      }
      const used = readNoiNhan(after, parts);
      const rest = after.slice(used).filter((p) => !isBlank(p));
      // Signer lines typed as paragraphs: before "Nơi nhận" (right-indented) or after the list.
      const before: Paragraph[] = [];
      for (let k = bi - 1; k >= bodyStart; k--) {
        const x = blocks[k]!;
        if (x.kind !== 'p') break;
        if (isBlank(x)) continue;
        if (x.fmt.jc !== 'center' && !AUTHORITY_LOOSE.test(norm(x.text))) break;
        before.unshift(x);
      }
      parts.signer = (rest.length > 0 ? rest : before).map(lineOf);
      if (rest.length === 0 && before.length > 0) sigIndex = blocks.indexOf(before[0]!);
      break;
    }
  }

  // 4. Appendices: "Phụ lục I" headings after the signature.
  const appendixStarts: number[] = [];
  for (let bi = sigIndex; bi < blocks.length; bi++) {
    const b = blocks[bi]!;
    if (b.kind === 'p' && /^phụ lục(\s+([ivxlcdm]+|\d+))?\s*$/i.test(norm(b.text)))
      appendixStarts.push(bi);
  }
  for (const start of appendixStarts) {
    const h = blocks[start] as Paragraph;
    const following: Paragraph[] = [];
    for (let k = start + 1; k < blocks.length && following.length < 3; k++) {
      const x = blocks[k]!;
      if (x.kind !== 'p') break;
      if (!isBlank(x) && !isRuleLine(x)) following.push(x);
    }
    let title: Paragraph | undefined;
    let reference: Paragraph | undefined;
    for (const f of following.slice(0, 2)) {
      if (/^\(\s*kèm theo/i.test(norm(f.text))) {
        reference = f;
        break;
      }
      title ??= f;
    }
    let startsSection = true;
    for (let k = start - 1; k >= 0; k--) {
      const x = blocks[k]!;
      if (x.section !== h.section) break;
      if (x.kind === 'table' || !isBlank(x)) {
        startsSection = false;
        break;
      }
    }
    parts.appendices.push({
      heading: lineOf(h),
      title: title ? lineOf(title) : undefined,
      reference: reference ? lineOf(reference) : undefined,
      startsSection,
      section: h.section,
    });
  }

  // 5. Body: top-level paragraphs between the title block and the signature.
  const bodyEnd = Math.min(sigIndex, appendixStarts[0] ?? blocks.length);
  for (let bi = bodyStart; bi < bodyEnd; bi++) {
    const b = blocks[bi]!;
    if (b.kind === 'p' && !isBlank(b) && !isRuleLine(b)) parts.body.push(b);
  }
  return parts;
}

/** "Nơi nhận:" then its items; continuation lines (starting with spaces) join the item above. Returns paragraphs used. */
function readNoiNhan(ps: Paragraph[], parts: Parts): number {
  const start = ps.findIndex((p) => isNoiNhan(p.text));
  if (start < 0) return 0;
  const label = ps[start]!;
  // The label and the first item may share a paragraph separated by a line break.
  const [labelText, ...restLines] = label.text.split('\n');
  parts.noiNhanLabel = {
    p: label,
    text: labelText ?? '',
    runs: label.runs.filter((r) => r.text !== ''),
  };
  const items: Line[] = [];
  for (const t of restLines) if (t.trim()) items.push({ p: label, text: t, runs: label.runs });
  let k = start + 1;
  for (; k < ps.length; k++) {
    const p = ps[k]!;
    if (isBlank(p)) {
      if (items.length > 0) break;
      continue;
    }
    if (/^[\s\u00a0]/.test(p.text) && items.length > 0 && !/^[\s\u00a0]*-/.test(p.text)) {
      const prev = items[items.length - 1]!;
      items[items.length - 1] = { ...prev, text: prev.text + ' ' + p.text.trim() };
      continue;
    }
    for (const t of p.text.split('\n'))
      if (t.trim()) items.push({ p, text: t, runs: p.runs.filter((r) => r.text !== '') });
  }
  parts.noiNhanItems = items;
  return k;
}

/** A header typed as paragraphs: agency and Quốc hiệu on the two sides of a tab, or stacked. */
function parseParagraphHeader(
  blocks: Block[],
  qhIndex: number,
  parts: Parts,
  pageText: number | undefined,
): number {
  const zone: Paragraph[] = [];
  let end = qhIndex;
  for (let k = 0; k < blocks.length && k < qhIndex + 10; k++) {
    const b = blocks[k]!;
    if (b.kind !== 'p') break;
    zone.push(b);
    end = k + 1;
    if (k > qhIndex && isDate(b.text)) break;
  }
  const left: Line[] = [];
  const right: Line[] = [];
  for (const p of zone) {
    const sides = splitTabs(p);
    if (sides.length >= 2) {
      left.push(sides[0]!);
      right.push(sides[sides.length - 1]!);
    } else if (sides.length === 1) {
      const l = sides[0]!;
      if (
        isQuocHieu(l.text) ||
        isDate(l.text) ||
        (parts.quocHieu && !parts.tieuNgu && /độc lập/i.test(l.text))
      )
        right.push(l);
      else left.push(l);
    }
    if (sides.some((l) => isQuocHieu(l.text)) && !parts.quocHieu) {
      parts.quocHieu = sides.find((l) => isQuocHieu(l.text));
      // A tab-separated Quốc hiệu shares its line with the agency: its room is unknown.
      parts.quocHieuRoom = sides.length === 1 ? roomOf(p, undefined, pageText) : undefined;
    }
  }
  const qi = right.findIndex((l) => isQuocHieu(l.text));
  const tn = right[qi + 1];
  if (tn && !isDate(tn.text)) {
    parts.tieuNgu = tn;
    const zi = zone.indexOf(tn.p);
    if (splitTabs(tn.p).length === 1) {
      parts.tieuNguRule = ruleAfter(tn.p, zone[zi + 1], (q) => roomOf(q, undefined, pageText));
    } else parts.tieuNguRule = underscoreRule(right[qi + 2]);
  }
  parts.date = right.find((l) => isDate(l.text));
  parts.so = left.find((l) => isSo(l.text));
  const soAt = parts.so ? left.indexOf(parts.so) : left.length;
  parts.agency = left.slice(0, soAt).filter((l) => underscores(l.text) < 3);
  const lastAgency = parts.agency[parts.agency.length - 1];
  if (lastAgency) {
    const after = left[left.indexOf(lastAgency) + 1];
    parts.agencyRule =
      splitTabs(lastAgency.p).length === 1
        ? ruleAfter(lastAgency.p, zone[zone.indexOf(lastAgency.p) + 1], (q) =>
            roomOf(q, undefined, pageText),
          )
        : underscoreRule(after);
  }
  parts.vv = left.slice(soAt + 1).filter((l) => isVv(l.text));
  if (parts.so && parts.date) parts.soDateSameRow = parts.so.p === parts.date.p;
  return end;
}

export const measure = (l: Line): number =>
  l.runs.reduce(
    (w, r) => w + textWidth(r.fmt.caps ? r.text.toUpperCase() : r.text, r.fmt.size, r.fmt.bold),
    0,
  );
