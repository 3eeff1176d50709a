/**
 * The report model from the aggregated numbers and the agency's own text (issue 5, point 3):
 * pure, so a test can compose a report from a literal roll-up and read its text without a DOCX.
 * The layout rules themselves live in the renderer; this module decides what is said.
 */
import {
  appendixTable as appendixCells,
  completenessTable,
  UNIT_STATUS_LABELS,
  type AppendixRowsResult,
  type Cell,
  type RowSource,
} from '../aggregate/appendix.js';
import type { Rollup } from '../aggregate/types.js';
import { flattenSections, type FlatSection } from '../outline/helpers.js';
import type { AppendixColumn, AppendixTableDef, Outline } from '../outline/schema.js';
import type { Period } from '../period/periods.js';
import { toRoman } from '../text/labels.js';
import { formatNumber, formatPercent } from '../text/numbers.js';
import { kemTheoLine } from './format.js';
import {
  createHandlebars,
  formatInputValue,
  indicatorComparison,
  indicatorSentence,
  renderOutlineText,
} from './helpers.js';
import {
  fontSizes,
  type Appendix,
  type Block,
  type ListingCell,
  type ListingSheet,
  type ReportDate,
  type ReportModel,
  type SizeSet,
  type TableModel,
} from './model.js';

/** What composing needs of bctd.yaml (a subset of the workspace Config). */
export interface ComposeConfig {
  agency: {
    parent?: string[] | undefined;
    name: string[];
    full_name: string;
    place: string;
    code: string;
  };
  kinh_gui?: string[] | undefined;
  signer: { tm?: string | undefined; authority?: string | undefined; title: string; name: string };
  noi_nhan: string[];
  luu: string;
  font_sizes: SizeSet;
}

export interface ComposeInput {
  outline: Outline;
  config: ComposeConfig;
  period: Period;
  rollup: Rollup;
  previous?: Rollup | undefined;
  /** The agency's own text per full section number (`II.1`), from noi-dung.md; `''` is the opening. */
  agencyText: Record<string, string>;
  date: ReportDate;
  /** `125`, or null for a draft. */
  number: string | null;
  /** The document that asked for the report, cited in the opening ("Công văn số ... của ..."). */
  directive?: string | undefined;
  /** ISO date-time for the document properties (the run's date; no clock here). */
  createdAt: string;
  /** Most units a table may list one per row (default UNIT_ROWS_LIMIT). */
  unitRowsLimit?: number | undefined;
  /** Name of the per-unit listing sent with a large report, as the report cites it. */
  listingFile?: string | undefined;
}

export interface ComposeResult {
  model: ReportModel;
  /** Sections left out because neither the outline nor the agency gave them any text. */
  emptySections: string[];
  /**
   * The per-unit listing that goes with the report when it has more units than
   * `unitRowsLimit` (empty otherwise): every unit's row of each table the report shows by kind.
   */
  listing: ListingSheet[];
}

/**
 * Up to this many units a table lists every unit, one row each, as the outline asks (a
 * district has about 50, the largest province had about 600 communes). Beyond it (a national
 * roll-up of 10,000) such a table would run to hundreds of pages: the report shows it by unit
 * kind and lists the exceptions, and every unit's row goes to the listing beside it
 * (docs/REPORT.md, "Very large roll-ups").
 */
export const UNIT_ROWS_LIMIT = 1000;

/** How many rows of units a table of the outline has (0 for a table of indicators or inputs). */
function unitRowsOf(def: AppendixTableDef, rollup: Rollup): number {
  const src = def.rows;
  if (src.from !== 'units') return 0;
  let n = 0;
  for (const u of rollup.units) if (src.kinds.includes(u.kind)) n++;
  return n;
}

/**
 * Whether the report goes out with a per-unit listing: more units than the limit, in the
 * completeness table or in a table of the period with a row per unit. The app asks before
 * composing, to refuse an existing listing file as it refuses an existing report.
 */
export function needsListing(
  outline: Outline,
  period: Period,
  rollup: Rollup,
  limit = UNIT_ROWS_LIMIT,
): boolean {
  if (rollup.units.length > limit) return true;
  return outline.appendix.some(
    (a) =>
      (a.periods === undefined || a.periods.includes(period.kind)) && unitRowsOf(a, rollup) > limit,
  );
}

/** The listing's name when the caller gives none. */
const DEFAULT_LISTING = 'danh-sach-don-vi.xlsx';

const para = (text: string): Block => ({ kind: 'paragraph', runs: [{ text }] });

/** `\n\n` separates paragraphs; a line starting with `- `/`+ ` is a bullet (anchors §4.4). */
export function textBlocks(text: string): Block[] {
  const out: Block[] = [];
  const norm = text.normalize('NFC').replace(/\r\n?/g, '\n');
  for (const chunk of norm.split(/\n\s*\n/)) {
    let buf: string[] = [];
    const flush = () => {
      const t = buf.join(' ').replace(/\s+/g, ' ').trim();
      if (t !== '') out.push(para(t));
      buf = [];
    };
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      const bullet = /^[-+•]\s+(.*)$/.exec(line);
      if (bullet) {
        flush();
        out.push({ kind: 'bullet', runs: [{ text: `- ${bullet[1] ?? ''}`.trim() }] });
      } else if (line !== '') buf.push(line);
    }
    flush();
  }
  return out;
}

/** Sentence case of an agency's full name inside a sentence is as written; only the first letter of a trích yếu goes lower. */
const lowerFirst = (s: string) => (s === '' ? s : s.charAt(0).toLocaleLowerCase('vi') + s.slice(1));

/** `huyện Triệu Sơn` from `Ủy ban nhân dân huyện Triệu Sơn`. */
export function diaBan(fullName: string): string {
  const m = /(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s.+$/iu.exec(fullName);
  return m ? m[0] : fullName;
}

function sectionInPeriod(f: FlatSection, period: Period): boolean {
  return f.periods === undefined || f.periods.includes(period.kind);
}

/** Does a section have numbers behind it? Without inputs or indicators it is text only. */
function sectionHasData(f: FlatSection, rollup: Rollup): boolean {
  const inputs = f.section.inputs ?? [];
  const inds = f.section.indicators ?? [];
  if (inputs.length === 0 && inds.length === 0) return true;
  const anyInput = inputs.some((c) => {
    const t = rollup.inputs[c];
    return t !== undefined && Object.values(t.values).some((v) => v !== null);
  });
  const anyInd = inds.some((c) => {
    const r = rollup.indicators[c];
    return r !== undefined && r.status !== 'no-data';
  });
  return anyInput || anyInd;
}

export function composeReport(input: ComposeInput): ComposeResult {
  const { outline, config, period, rollup, previous } = input;
  const hb = createHandlebars({ outline, rollup, previous });
  const prevLabel = period.label.replace(String(period.year), String(period.year - 1));
  const vars = {
    ky: { nhan: period.label, nam: period.year, ma: period.kind },
    ky_so_sanh: { nhan: prevLabel },
    co_quan: { ten: config.agency.full_name, dia_ban: diaBan(config.agency.full_name) },
    don_vi: {
      phai_nop: rollup.completeness.expected,
      da_nop: rollup.completeness.received,
      chua_nop: rollup.units
        .filter((u) => u.status === 'chua-nop')
        .map((u) => u.name)
        .join(', '),
    },
    noi_dung: [] as { don_vi: string; van_ban: string }[],
  };

  const trichYeu = renderOutlineText(hb, outline.trich_yeu, vars, 'trích yếu (trich_yeu)')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const trichText = trichYeu.join(' ');

  const appendixDefs = outline.appendix.filter(
    (a) => a.periods === undefined || a.periods.includes(period.kind),
  );
  const appendixCount = appendixDefs.length + 1;
  const roman = toRoman;

  const body: Block[] = [];
  const opening = input.agencyText[''];
  if (opening !== undefined && opening.trim() !== '') body.push(...textBlocks(opening));
  else {
    const cite = input.directive ? `Thực hiện ${input.directive}, ` : '';
    const who = cite ? config.agency.full_name : config.agency.full_name;
    body.push(para(`${cite}${who} báo cáo ${lowerFirst(trichText)} như sau:`));
  }

  const emptySections: string[] = [];
  const flat = flattenSections(outline).filter((f) => sectionInPeriod(f, period));
  const content = new Map<string, Block[]>();
  for (const f of flat) {
    const blocks: Block[] = [];
    const where = `mục ${f.path} (${f.section.title})`;
    if (!sectionHasData(f, rollup)) {
      blocks.push(para(`Chưa có số liệu của các đơn vị cho nội dung này trong kỳ báo cáo.`));
    } else if (f.section.template !== undefined && f.section.template.trim() !== '') {
      // The outline's convention: every non-blank line of a template is a paragraph.
      const text = renderOutlineText(hb, f.section.template, vars, where);
      blocks.push(...textBlocks(text.replace(/\n/g, '\n\n')));
    } else {
      for (const code of f.section.indicators ?? []) {
        const def = outline.indicators.find((i) => i.code === code);
        if (def) blocks.push(para(indicatorSentence(def, rollup.indicators[code])));
      }
    }
    const own = input.agencyText[f.path];
    if (own !== undefined) blocks.push(...textBlocks(own));
    content.set(f.path, blocks);
  }
  // A heading is printed when the section or one of its descendants has text.
  const hasText = (path: string): boolean =>
    (content.get(path)?.length ?? 0) > 0 || flat.some((f) => f.parent === path && hasText(f.path));
  for (const f of flat) {
    if (!hasText(f.path)) {
      emptySections.push(f.path);
      continue;
    }
    const level = Math.min(f.depth + 1, 3) as 1 | 2 | 3;
    body.push({ kind: 'heading', level, label: f.section.number, text: f.section.title });
    body.push(...(content.get(f.path) ?? []));
  }

  const refList =
    appendixCount === 1
      ? 'Phụ lục I'
      : `các Phụ lục ${Array.from({ length: appendixCount }, (_, i) => roman(i + 1)).join(', ')}`;
  const limit = input.unitRowsLimit ?? UNIT_ROWS_LIMIT;
  const listingFile = input.listingFile ?? DEFAULT_LISTING;
  const large = (n: number) => n > limit;
  const unitTableSize = (def: AppendixTableDef) => unitRowsOf(def, rollup);
  const listed = needsListing(outline, period, rollup, limit);
  body.push(
    para(
      listed
        ? `Số liệu chi tiết tại ${refList} và số liệu của từng đơn vị tại tệp ${listingFile} kèm theo báo cáo này.`
        : `Số liệu chi tiết tại ${refList} kèm theo báo cáo này.`,
    ),
  );
  body.push(para(`Trên đây là báo cáo ${lowerFirst(trichText)} của ${config.agency.full_name}`));

  const reference = kemTheoLine({
    documentType: sentenceCase(outline.document_type),
    number: input.number,
    code: config.agency.code,
    date: input.date,
    issuer: config.agency.full_name,
  });
  const listing: ListingSheet[] = [];
  const appendices: Appendix[] = appendixDefs.map((def, i) => {
    const byKind = large(unitTableSize(def));
    const note: Block[] = def.note
      ? [{ kind: 'paragraph', runs: [{ text: def.note, italic: true }] }]
      : [];
    if (byKind) {
      const full = appendixTableModel(outline, def, rollup, false);
      listing.push(listingSheet(def.name, def.title, full));
      note.push({
        kind: 'paragraph',
        runs: [
          {
            text: `Bảng tổng hợp theo loại đơn vị; số liệu của từng đơn vị (${formatNumber(unitTableSize(def), 0)} đơn vị) tại tệp ${listingFile}.`,
            italic: true,
          },
        ],
      });
    }
    return {
      number: roman(i + 1),
      title: def.title,
      reference,
      orientation: def.orientation,
      blocks: [
        ...note,
        { kind: 'table', table: appendixTableModel(outline, def, rollup, byKind).table },
      ],
    };
  });
  const completeness = large(rollup.units.length)
    ? largeCompletenessBlocks(rollup, outline, limit, listingFile)
    : completenessBlocks(rollup, outline);
  if (large(rollup.units.length)) listing.push(completenessSheet(rollup, outline));
  appendices.push({
    number: roman(appendixDefs.length + 1),
    title: `Tình hình tiếp nhận báo cáo của các đơn vị ${period.label}`,
    reference,
    orientation: 'portrait',
    blocks: completeness,
  });

  const model: ReportModel = {
    sizes: fontSizes(config.font_sizes),
    agency: {
      ...(config.agency.parent ? { parent: config.agency.parent } : {}),
      name: config.agency.name,
    },
    number: input.number,
    code: config.agency.code,
    place: config.agency.place,
    date: input.date,
    documentType: outline.document_type,
    trichYeu,
    ...(config.kinh_gui && config.kinh_gui.length > 0 ? { kinhGui: config.kinh_gui } : {}),
    body,
    closing: './.',
    signer: {
      ...(config.signer.tm ? { tm: config.signer.tm } : {}),
      ...(config.signer.authority ? { authority: config.signer.authority } : {}),
      title: config.signer.title,
      name: config.signer.name,
    },
    noiNhan: [...config.noi_nhan, `Lưu: ${config.luu}`],
    appendices,
    properties: {
      title: `${sentenceCase(outline.document_type)} ${lowerFirst(trichText)}`,
      subject: `${outline.title} ${period.label}`,
      creator: config.agency.full_name,
      keywords: `${outline.title}; báo cáo định kỳ; ${period.id}`,
      description: 'Lập bằng bctd từ báo cáo của các đơn vị',
      date: input.createdAt,
    },
  };
  return { model, emptySections, listing };
}

const sentenceCase = (s: string) => {
  const l = s.toLocaleLowerCase('vi');
  return l.charAt(0).toLocaleUpperCase('vi') + l.slice(1);
};

// ---- appendix tables ----

/** Columns whose cells are numbers: right-aligned, `-` where a number is missing. */
const isNumeric = (col: AppendixColumn): boolean =>
  col.member !== undefined ||
  col.share !== undefined ||
  col.input !== undefined ||
  col.formula !== undefined ||
  col.key === 'value' ||
  col.key === 'previous' ||
  col.key === 'numerator' ||
  col.key === 'denominator';

/**
 * One appendix table of the outline: the cells are the aggregate stage's (`appendixTable`, the
 * same numbers as the roll-up, with ratios in the total row from summed parts); this only
 * writes them the Vietnamese way, each number with its indicator's or input's decimals.
 */
function appendixTableModel(
  outline: Outline,
  def: AppendixTableDef,
  rollup: Rollup,
  unitsByKind: boolean,
): { table: TableModel; cells: AppendixRowsResult } {
  const cells = appendixCells(rollup, outline, def, { year: rollup.period.year, unitsByKind });
  const indicator = (code: string) => outline.indicators.find((i) => i.code === code);
  const input = (code: string) => outline.inputs.find((i) => i.code === code);

  const text = (cell: Cell, col: AppendixColumn, src: RowSource | null): string => {
    const ind = src?.from === 'indicators' ? indicator(src.code) : undefined;
    // A table column is narrow: an indicator's short label when it has one.
    if (col.key === 'label' && ind !== undefined) return ind.short_label ?? ind.label;
    // Cùng kỳ of an indicator in words ("tăng 2,5 điểm phần trăm"), from the same comparison.
    if (col.key === 'change' && ind !== undefined)
      return indicatorComparison(ind, rollup.indicators[ind.code]) || '-';
    if (typeof cell === 'string') return cell;
    if (cell === null) return src !== null && isNumeric(col) ? '-' : '';
    if (col.key === 'stt') return String(cell);
    if (col.share !== undefined) return formatPercent(cell, col.decimals ?? 1);
    if (col.decimals !== undefined) return formatNumber(cell, col.decimals);
    if (col.formula !== undefined || col.key === 'change') return formatNumber(cell, 1);
    if (col.key === 'numerator' || col.key === 'denominator') return formatNumber(cell, 2);
    if (ind !== undefined) return formatNumber(cell, ind.decimals);
    const inputDef =
      src?.from === 'inputs'
        ? input(src.code)
        : col.input !== undefined
          ? input(col.input.split('.')[0] ?? '')
          : undefined;
    return formatInputValue(inputDef, cell);
  };

  const table: TableModel = {
    columns: def.columns.map((c) => ({
      width: c.width ?? (c.key === 'label' || c.key === 'unit_name' ? 4 : c.key === 'stt' ? 1 : 2),
      align: c.key === 'stt' ? 'center' : isNumeric(c) ? 'right' : 'left',
    })),
    header: [cells.header],
    rows: [],
  };
  const noteAt = def.columns.findIndex((c) => c.key === 'note');
  cells.rows.forEach((row, r) => {
    const src = cells.sources[r] ?? null;
    const line = def.columns.map((col, i) => text(row[i] ?? null, col, src));
    // An indicator not computed at this level carries its explanation as its value and its
    // assessment too; with a Ghi chú column it is printed there once, and the narrow columns
    // say "-" and "chưa đánh giá được" instead of repeating it (a row a page tall otherwise).
    const note = noteAt >= 0 ? (line[noteAt] ?? '') : '';
    if (note !== '')
      def.columns.forEach((col, i) => {
        if (i !== noteAt && line[i] === note)
          line[i] = col.key === 'assessment' ? 'chưa đánh giá được' : isNumeric(col) ? '-' : '';
      });
    if (r === cells.totalRow) table.total = line;
    else table.rows.push(line);
  });
  return { table, cells };
}

const PER_UNIT_COLUMNS: Pick<TableModel, 'columns'> = {
  columns: [
    { width: 1, align: 'center' },
    { width: 5, align: 'left' },
    { width: 3, align: 'left' },
    { width: 3, align: 'left' },
    { width: 2, align: 'center' },
    { width: 1, align: 'right' },
  ],
};

/** Completeness (issue 5, point 2): the counts, then every expected unit as `bctd status` has it. */
function completenessBlocks(rollup: Rollup, outline: Outline): Block[] {
  const c = rollup.completeness;
  const ddmm = (d: { day: number; month: number; year: number }) =>
    `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
  const summary: TableModel = {
    columns: [
      { width: 5, align: 'left' },
      { width: 2, align: 'right' },
    ],
    header: [['Tình trạng', 'Số đơn vị']],
    rows: [
      ['Phải báo cáo', formatNumber(c.expected, 0)],
      ['Đã nhận', formatNumber(c.received, 0)],
      ['Hợp lệ (được tổng hợp)', formatNumber(c.valid, 0)],
      ['Nộp muộn', formatNumber(c.late, 0)],
      ['Có lỗi hoặc sai định dạng (không tổng hợp)', formatNumber(c.invalid, 0)],
      ['Nhiều tệp (không tổng hợp)', formatNumber(c.duplicates, 0)],
      ['Chưa nộp', formatNumber(c.missing, 0)],
    ],
  };
  const units = completenessTable(rollup, outline);
  const perUnit: TableModel = {
    ...PER_UNIT_COLUMNS,
    header: [units.header],
    rows: units.rows.map((row) =>
      row.map((v) => (typeof v === 'number' ? formatNumber(v, 0) : (v ?? ''))),
    ),
  };
  return [
    { kind: 'table', table: summary },
    para(`Hạn nộp: ${ddmm(c.deadline)}. Danh sách các đơn vị:`),
    { kind: 'table', table: perUnit },
  ];
}

// ---- very large roll-ups: by kind in the report, every unit in the listing ----

const ddmmyyyy = (d: { day: number; month: number; year: number }) =>
  `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;

/**
 * A listing sheet from a table as the report would print it: numbers stay numbers, rounded to
 * the decimals the report shows (read from the printed text, so the two always agree); text
 * cells and "-" as printed.
 */
function listingSheet(
  name: string,
  title: string,
  full: { table: TableModel; cells: AppendixRowsResult },
): ListingSheet {
  const lines = [...full.table.rows, ...(full.table.total ? [full.table.total] : [])];
  const rows = full.cells.rows.map((row, r) =>
    row.map((cell, c): ListingCell => listingCell(cell, lines[r]?.[c] ?? '')),
  );
  return { name, title, header: full.cells.header, rows };
}

function listingCell(cell: Cell, text: string): ListingCell {
  if (typeof cell !== 'number' || !/\d/.test(text)) return text === '' ? null : text;
  const decimals = (/,(\d+)/.exec(text)?.[1] ?? '').length;
  const f = 10 ** decimals;
  return { value: Math.round(cell * f) / f, decimals };
}

/** Every expected unit with its status, as the completeness table of a district lists them. */
function completenessSheet(rollup: Rollup, outline: Outline): ListingSheet {
  return {
    name: 'Tiếp nhận',
    title: `Tình hình tiếp nhận báo cáo của các đơn vị ${rollup.period.label}`,
    header: ['STT', 'Mã đơn vị', 'Đơn vị', 'Loại đơn vị', 'Tình trạng', 'Ngày nhận', 'Số lỗi'],
    rows: rollup.units.map((u, i) => [
      { value: i + 1, decimals: 0 },
      u.code,
      u.name,
      outline.unit_kinds[u.kind] ?? u.kind,
      UNIT_STATUS_LABELS[u.status],
      u.receivedOn === null ? null : ddmmyyyy(u.receivedOn),
      u.status === 'co-loi' || u.status === 'sai-dinh-dang'
        ? { value: u.errors, decimals: 0 }
        : null,
    ]),
  };
}

/**
 * The completeness phụ lục of a roll-up too large to list every unit: the counts, the counts
 * per unit kind, and the units a clerk has to act on (not sent, late, with errors, two files),
 * those too only while they fit; every unit is in the listing.
 */
function largeCompletenessBlocks(
  rollup: Rollup,
  outline: Outline,
  limit: number,
  listingFile: string,
): Block[] {
  const [summary] = completenessBlocks(rollup, outline);
  const kinds = new Map<string, number[]>();
  for (const u of rollup.units) {
    const k = kinds.get(u.kind) ?? [0, 0, 0, 0, 0];
    k[0] = (k[0] ?? 0) + 1;
    if (u.status !== 'chua-nop') k[1] = (k[1] ?? 0) + 1;
    if (u.counted) k[2] = (k[2] ?? 0) + 1;
    if (u.late) k[3] = (k[3] ?? 0) + 1;
    if (u.status === 'chua-nop') k[4] = (k[4] ?? 0) + 1;
    kinds.set(u.kind, k);
  }
  const n = (v: number | undefined) => formatNumber(v ?? 0, 0);
  const order = Object.keys(outline.unit_kinds);
  const kindOrder = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const byKind: TableModel = {
    columns: [
      { width: 4, align: 'left' },
      { width: 2, align: 'right' },
      { width: 2, align: 'right' },
      { width: 2, align: 'right' },
      { width: 2, align: 'right' },
      { width: 2, align: 'right' },
    ],
    header: [['Loại đơn vị', 'Phải báo cáo', 'Đã nhận', 'Hợp lệ', 'Nộp muộn', 'Chưa nộp']],
    // The outline's order of kinds (xã, thị trấn, then the offices), as its own tables list them.
    rows: [...kinds]
      .sort(([a], [b]) => kindOrder(a) - kindOrder(b))
      .map(([kind, k]) => [
        outline.unit_kinds[kind] ?? kind,
        n(k[0]),
        n(k[1]),
        n(k[2]),
        n(k[3]),
        n(k[4]),
      ]),
  };
  const units = completenessTable(rollup, outline);
  const attention = rollup.units
    .map((u, i) => ({ u, i }))
    .filter(({ u }) => u.status !== 'hop-le' || u.late);
  const blocks: Block[] = [
    ...(summary ? [summary] : []),
    para(`Hạn nộp: ${ddmmyyyy(rollup.completeness.deadline)}. Theo loại đơn vị:`),
    { kind: 'table', table: byKind },
  ];
  if (attention.length === 0)
    blocks.push(para('Không có đơn vị chưa nộp, nộp muộn hoặc có báo cáo chưa hợp lệ.'));
  else if (attention.length > limit)
    blocks.push(
      para(
        `Có ${n(attention.length)} đơn vị chưa nộp, nộp muộn hoặc có báo cáo chưa hợp lệ; danh sách tại tệp ${listingFile}.`,
      ),
    );
  else {
    blocks.push(
      para(
        `Các đơn vị chưa nộp, nộp muộn hoặc có báo cáo chưa hợp lệ (${n(attention.length)} đơn vị):`,
      ),
    );
    blocks.push({
      kind: 'table',
      table: {
        ...PER_UNIT_COLUMNS,
        header: [units.header],
        rows: attention.map(({ i }, k) =>
          (units.rows[i] ?? []).map((v, c) =>
            c === 0 ? String(k + 1) : typeof v === 'number' ? formatNumber(v, 0) : (v ?? ''),
          ),
        ),
      },
    });
  }
  blocks.push(
    para(
      `Tình trạng của từng đơn vị (${n(rollup.units.length)} đơn vị) tại tệp ${listingFile} kèm theo báo cáo này.`,
    ),
  );
  return blocks;
}

// ---- noi-dung.md: the agency's own text per section ----

/**
 * The skeleton the first `generate` writes: the outline's headings (`## I. ...`, `### 1. ...`)
 * with the guidance as an HTML comment under each, so the clerk writes under a heading and runs
 * `generate` again. Text before the first heading replaces the opening paragraph.
 */
export function noiDungSkeleton(outline: Outline, period: Period): string {
  const lines: string[] = [
    `# Nội dung báo cáo: ${outline.title} ${period.label}`,
    '',
    '<!--',
    'Viết nội dung của cơ quan dưới từng tiêu đề; để trống thì báo cáo chỉ có phần số liệu tự động.',
    'Mỗi đoạn văn cách nhau một dòng trống; dòng bắt đầu bằng "- " là một gạch đầu dòng.',
    'Không sửa số thứ tự của tiêu đề (I., 1., a)): bctd dựa vào đó để ghép nội dung vào đúng mục.',
    'Đoạn viết ở đây, trước tiêu đề đầu tiên, sẽ thay cho câu mở đầu của báo cáo.',
    // Never a literal comment marker inside this comment: it would close it early and leave
    // the rest of the sentence as the report's opening paragraph.
    'Các dòng hướng dẫn như thế này (nằm trong dấu chú thích) không được đưa vào báo cáo.',
    '-->',
    '',
  ];
  for (const f of flattenSections(outline).filter((x) => sectionInPeriod(x, period))) {
    const hashes = '#'.repeat(Math.min(f.depth + 2, 6));
    const label = f.depth >= 2 ? `${f.section.number})` : `${f.section.number}.`;
    const title = f.depth === 0 ? f.section.title.toLocaleUpperCase('vi') : f.section.title;
    lines.push(`${hashes} ${label} ${title}`, '');
    const guide = [
      f.section.guidance,
      f.section.template
        ? 'Phần số liệu của mục này bctd tự viết từ báo cáo của các đơn vị; viết thêm nhận xét, đánh giá.'
        : undefined,
    ]
      .filter((x) => x !== undefined)
      .join(' ');
    if (guide !== '') lines.push(`<!-- ${guide.replace(/--/g, '-')} -->`, '');
  }
  return lines.join('\n');
}

export interface ParsedNoiDung {
  /** Full section number (`II.1`) -> text; `''` the opening. Only non-empty texts. */
  texts: Record<string, string>;
  /** Headings that match no section of the outline (their text is not used). */
  unknown: string[];
}

/**
 * Reads noi-dung.md back by heading numbers, robust to CRLF, NFD, blank lines and the clerk
 * re-typing a heading's title; a heading's level is its number of `#`.
 */
export function parseNoiDung(text: string, outline: Outline): ParsedNoiDung {
  const src = text
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/<!--[\s\S]*?(-->|$)/g, '');
  const known = new Set(flattenSections(outline).map((f) => f.path));
  const texts: Record<string, string> = {};
  const unknown: string[] = [];
  const stack: string[] = [];
  let current: string | null = '';
  let buf: string[] = [];
  const flush = () => {
    const t = buf
      .join('\n')
      .replace(/\n[ \t]*(\n[ \t]*)+/g, '\n\n')
      .trim();
    if (current !== null && t !== '')
      texts[current] = texts[current] ? `${texts[current]}\n\n${t}` : t;
    buf = [];
  };
  for (const line of src.split('\n')) {
    const h = /^(#{1,6})\s+(.*)$/.exec(line.trim());
    if (!h) {
      buf.push(line);
      continue;
    }
    flush();
    const level = (h[1] as string).length;
    if (level === 1) {
      current = ''; // the document title: what follows is the opening
      continue;
    }
    const m = /^([IVXLCDM]+|\d+|[a-zđ])\s*[.)]/iu.exec((h[2] as string).trim());
    if (!m) {
      current = null;
      unknown.push(line.trim());
      continue;
    }
    const depth = level - 2;
    stack.length = depth;
    stack[depth] = m[1] as string;
    const full = stack.slice(0, depth + 1).join('.');
    if (stack.slice(0, depth + 1).some((x) => x === undefined) || !known.has(full)) {
      current = null;
      unknown.push(line.trim());
    } else current = full;
  }
  flush();
  return { texts, unknown };
}
