/**
 * The report model from the aggregated numbers and the agency's own text (issue 5, point 3):
 * pure, so a test can compose a report from a literal roll-up and read its text without a DOCX.
 * The layout rules themselves live in the renderer; this module decides what is said.
 */
import {
  appendixTable as appendixCells,
  completenessTable,
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
}

export interface ComposeResult {
  model: ReportModel;
  /** Sections left out because neither the outline nor the agency gave them any text. */
  emptySections: string[];
}

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
  body.push(para(`Số liệu chi tiết tại ${refList} kèm theo báo cáo này.`));
  body.push(para(`Trên đây là báo cáo ${lowerFirst(trichText)} của ${config.agency.full_name}`));

  const reference = kemTheoLine({
    documentType: sentenceCase(outline.document_type),
    number: input.number,
    code: config.agency.code,
    date: input.date,
    issuer: config.agency.full_name,
  });
  const appendices: Appendix[] = appendixDefs.map((def, i) => ({
    number: roman(i + 1),
    title: def.title,
    reference,
    orientation: def.orientation,
    blocks: [
      ...(def.note
        ? [{ kind: 'paragraph', runs: [{ text: def.note, italic: true }] } as Block]
        : []),
      { kind: 'table', table: appendixTableModel(outline, def, rollup) },
    ],
  }));
  appendices.push({
    number: roman(appendixDefs.length + 1),
    title: `Tình hình tiếp nhận báo cáo của các đơn vị ${period.label}`,
    reference,
    orientation: 'portrait',
    blocks: completenessBlocks(rollup, outline),
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
  return { model, emptySections };
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
function appendixTableModel(outline: Outline, def: AppendixTableDef, rollup: Rollup): TableModel {
  const cells = appendixCells(rollup, outline, def, { year: rollup.period.year });
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
  return table;
}

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
      ['Phải báo cáo', String(c.expected)],
      ['Đã nhận', String(c.received)],
      ['Hợp lệ (được tổng hợp)', String(c.valid)],
      ['Nộp muộn', String(c.late)],
      ['Có lỗi hoặc sai định dạng (không tổng hợp)', String(c.invalid)],
      ['Nhiều tệp (không tổng hợp)', String(c.duplicates)],
      ['Chưa nộp', String(c.missing)],
    ],
  };
  const units = completenessTable(rollup, outline);
  const perUnit: TableModel = {
    columns: [
      { width: 1, align: 'center' },
      { width: 5, align: 'left' },
      { width: 3, align: 'left' },
      { width: 3, align: 'left' },
      { width: 2, align: 'center' },
      { width: 1, align: 'right' },
    ],
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
