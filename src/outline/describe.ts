/**
 * A plain data tree of an outline for `bctd outline` (the lead wires the command; the JSON
 * reporter can print the tree as is): sections, inputs with who reports them and how they
 * aggregate in Vietnamese words, indicators with formula and targets, rules and appendix tables.
 */
import { formatExpr, parseExpr } from './expr.js';
import { flattenSections, inputCells } from './helpers.js';
import { formatNumber } from '../text/numbers.js';
import type {
  AppendixTableDef,
  IndicatorDef,
  InputDef,
  Outline,
  PeriodCode,
  RuleDef,
  Target,
} from './schema.js';

export interface SectionNode {
  /** Full number: "II.3". */
  number: string;
  title: string;
  /** "mọi đơn vị" or the kinds' labels. */
  reporters: string;
  required: boolean;
  /** Only in these periods, in words; undefined when in every period. */
  periods?: string;
  indicators: string[];
  children: SectionNode[];
}

export interface InputNode {
  code: string;
  label: string;
  unit: string;
  /** Value type in words: "số nguyên", "Có/Không". */
  type: string;
  /** Columns and how derived ones are computed: "nhập Tổng số, Nữ; Nam = Tổng số - Nữ". */
  cells: string;
  /** "Xã, Thị trấn, Trung tâm Y tế huyện". */
  reporters: string;
  /** How it rolls up, in words: "cộng các Xã, Thị trấn", "lấy từ Trung tâm Y tế huyện". */
  aggregation: string;
  /** "bắt buộc" / "không bắt buộc", and what a blank means. */
  blank: string;
  periods?: string;
}

export interface IndicatorNode {
  code: string;
  label: string;
  unit: string;
  /** "SINH_SONG.nam / SINH_SONG.nu × 100", or why there is none. */
  formula: string;
  /** "2025: ≤ 111; 2030: ≤ 109" (or the note when there is none). */
  targets: string;
  direction: string;
  status: string;
  source: string;
  /** Set when the district cannot compute it: the reason. */
  notComputable?: string;
}

export interface ObjectiveNode {
  code: string;
  title: string;
  indicators: IndicatorNode[];
}

export interface RuleNode {
  code: string;
  /** "NGUOI_GAY_BL_TU_VAN.tong <= NGUOI_GAY_BL_CHUA_TRUY_CUU.tong". */
  check: string;
  severity: string;
  message: string;
}

export interface AppendixNode {
  id: string;
  name: string;
  title: string;
  rows: string;
  columns: number;
}

export interface OutlineTree {
  id: string;
  version: string;
  title: string;
  periods: string;
  sections: SectionNode[];
  inputs: InputNode[];
  objectives: ObjectiveNode[];
  rules: RuleNode[];
  appendix: AppendixNode[];
}

const PERIOD_WORDS: Record<PeriodCode, string> = {
  '6m': '6 tháng',
  '9m': '9 tháng',
  year: 'năm',
  q1: 'quý I',
  q2: 'quý II',
  q3: 'quý III',
  q4: 'quý IV',
};

const TYPE_WORDS: Record<InputDef['type'], string> = {
  integer: 'số nguyên',
  decimal: 'số thập phân',
  percent: 'tỷ lệ %',
  yes_no: 'Có/Không',
  text: 'chữ',
  money: 'số tiền',
};

/** A target's operator as the outline description and the report print it (`≥ 60`, `khoảng 112`). */
export const TARGET_OP_SIGNS: Record<Target['op'], string> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
  '=': '=',
  '~': 'khoảng',
};

/** Vietnamese number as the outline writes it (1,7 and 100.000): every decimal it has, up to 6. */
const formatNumberVi = (v: number): string => formatNumber(v, 6);

export function kindLabels(outline: Outline, kinds: readonly string[]): string {
  return kinds.map((k) => outline.unit_kinds[k] ?? k).join(', ');
}

/** How an input rolls up to the district, in Vietnamese words. */
export function aggregationWords(outline: Outline, input: InputDef): string {
  const agg = input.aggregate;
  const over = agg.kind === 'from' ? [] : (agg.over ?? input.reporters);
  switch (agg.kind) {
    case 'sum':
      return `cộng các ${kindLabels(outline, over)}`;
    case 'from': {
      const others = input.reporters.filter((k) => k !== agg.from);
      const rest =
        others.length === 0
          ? ''
          : ` (số của ${kindLabels(outline, others)} chỉ để đối chiếu, không cộng)`;
      return `lấy từ ${kindLabels(outline, [agg.from])}${rest}`;
    }
    case 'count_yes':
      return `đếm số đơn vị trả lời Có (${kindLabels(outline, over)})`;
    case 'max':
      return `lấy số lớn nhất giữa các ${kindLabels(outline, over)}`;
    case 'last':
      return `số liệu thời điểm: lấy số mới nhất của mỗi đơn vị, cộng các ${kindLabels(outline, over)}`;
  }
}

export function targetWords(t: Target): string {
  return `${TARGET_OP_SIGNS[t.op]} ${formatNumberVi(t.value)}`;
}

function pretty(text: string): string {
  const p = parseExpr(text);
  return p.ok ? formatExpr(p.ast) : text;
}

function indicatorFormula(ind: IndicatorDef): string {
  const scale = ind.scale === 1 ? '' : ` × ${formatNumberVi(ind.scale)}`;
  if (ind.formula !== undefined) return `${pretty(ind.formula)}${scale}`;
  if (ind.numerator !== undefined) {
    const num = pretty(ind.numerator);
    if (ind.denominator === undefined) return `${num}${scale}`;
    const den = pretty(ind.denominator);
    const wrap = (s: string): string => (/[\s]/.test(s) && !/^\w+\(.*\)$/.test(s) ? `(${s})` : s);
    return `${wrap(num)} / ${wrap(den)}${scale}`;
  }
  return 'không có công thức cấp huyện';
}

function describeIndicator(ind: IndicatorDef): IndicatorNode {
  const years = Object.keys(ind.targets).sort();
  const targets =
    years.length === 0
      ? (ind.targets_note ?? 'chưa có mục tiêu')
      : years.map((y) => `${y}: ${targetWords(ind.targets[y] as Target)}`).join('; ') +
        (ind.targets_note === undefined ? '' : ` (${ind.targets_note})`);
  const node: IndicatorNode = {
    code: ind.code,
    label: ind.label,
    unit: ind.unit,
    formula: indicatorFormula(ind),
    targets,
    direction:
      ind.direction === 'up'
        ? 'càng cao càng tốt'
        : ind.direction === 'down'
          ? 'càng thấp càng tốt'
          : '',
    status: ind.status,
    source: ind.source,
  };
  if (!ind.district_computable)
    node.notComputable = `không tính được ở cấp huyện: ${ind.note ?? ''}`.trim();
  return node;
}

function describeInput(outline: Outline, input: InputDef): InputNode {
  const cells = inputCells(outline, input);
  const entered = cells.filter((c) => c.entered).map((c) => c.label);
  const derived = cells
    .filter((c) => !c.entered)
    .map((c) => {
      const p = parseExpr(c.formula ?? '');
      const text = p.ok ? formatExpr(p.ast) : (c.formula ?? '');
      // Show member labels instead of codes: "Nam = Tổng số - Nữ".
      const labelled = text.replace(
        /\b[a-z][a-z0-9_]*\b/g,
        (m) => cells.find((x) => x.member === m)?.label ?? m,
      );
      return `${c.label} = ${labelled}`;
    });
  const node: InputNode = {
    code: input.code,
    label: input.label,
    unit: input.unit,
    type: TYPE_WORDS[input.type],
    cells: [`nhập ${entered.join(', ')}`, ...derived].join('; '),
    reporters: kindLabels(outline, input.reporters),
    aggregation: aggregationWords(outline, input),
    blank: `${input.required ? 'bắt buộc' : 'không bắt buộc'}; ô trống là ${input.blank === 'zero' ? 'số 0' : 'chưa báo cáo'}`,
  };
  if (input.periods !== undefined)
    node.periods = `chỉ kỳ ${input.periods.map((p) => PERIOD_WORDS[p]).join(', ')}`;
  return node;
}

function describeRule(rule: RuleDef): RuleNode {
  const op =
    rule.op === 'compulsory_pair'
      ? 'cùng có hoặc cùng trống với'
      : rule.op === 'exclusive_pair'
        ? 'không cùng có với'
        : rule.op;
  return {
    code: rule.code,
    check: `${pretty(rule.left)} ${op} ${pretty(rule.right)}`,
    severity: rule.severity === 'error' ? 'lỗi' : 'cảnh báo',
    message: rule.message,
  };
}

function describeTable(outline: Outline, t: AppendixTableDef): AppendixNode {
  const rows =
    t.rows.from === 'indicators'
      ? `theo chỉ tiêu${t.rows.codes ? ` (${t.rows.codes.join(', ')})` : t.rows.objectives ? ` của ${t.rows.objectives.join(', ')}` : ''}`
      : t.rows.from === 'inputs'
        ? `theo số liệu (${t.rows.codes.join(', ')})`
        : `theo từng đơn vị (${kindLabels(outline, t.rows.kinds)})`;
  return { id: t.id, name: t.name, title: t.title, rows, columns: t.columns.length };
}

export function describeOutline(outline: Outline): OutlineTree {
  const flat = flattenSections(outline);
  const nodes = new Map<string, SectionNode>();
  const roots: SectionNode[] = [];
  for (const f of flat) {
    const node: SectionNode = {
      number: f.path,
      title: f.section.title,
      reporters: f.reporters === undefined ? 'mọi đơn vị' : kindLabels(outline, f.reporters),
      required: f.section.required,
      indicators: f.section.indicators ?? [],
      children: [],
    };
    if (f.periods !== undefined)
      node.periods = `chỉ kỳ ${f.periods.map((p) => PERIOD_WORDS[p]).join(', ')}`;
    nodes.set(f.path, node);
    const parent = f.parent === undefined ? undefined : nodes.get(f.parent);
    (parent?.children ?? roots).push(node);
  }
  const objectives: ObjectiveNode[] = outline.objectives.map((o) => ({
    code: o.code,
    title: o.title,
    indicators: outline.indicators.filter((i) => i.objective === o.code).map(describeIndicator),
  }));
  return {
    id: outline.id,
    version: outline.version,
    title: outline.title,
    periods: outline.periods.map((p) => PERIOD_WORDS[p]).join(', '),
    sections: roots,
    inputs: outline.inputs.map((i) => describeInput(outline, i)),
    objectives,
    rules: outline.rules.map(describeRule),
    appendix: outline.appendix.map((t) => describeTable(outline, t)),
  };
}

/** The tree as indented text lines (two spaces per level), for the text reporter. */
export function outlineTreeLines(tree: OutlineTree): string[] {
  const out: string[] = [];
  const ind = (n: number): string => '  '.repeat(n);
  out.push(`Đề cương ${tree.id} (phiên bản ${tree.version}): ${tree.title}`);
  out.push(`Kỳ báo cáo: ${tree.periods}`);
  out.push('', 'NỘI DUNG BÁO CÁO');
  const section = (s: SectionNode, depth: number): void => {
    const extra = [s.required ? 'bắt buộc' : '', s.periods ?? '']
      .filter((x) => x !== '')
      .join('; ');
    out.push(`${ind(depth + 1)}${s.number}. ${s.title}${extra ? ` [${extra}]` : ''}`);
    out.push(`${ind(depth + 2)}Đơn vị viết: ${s.reporters}`);
    if (s.indicators.length > 0) out.push(`${ind(depth + 2)}Chỉ tiêu: ${s.indicators.join(', ')}`);
    s.children.forEach((c) => section(c, depth + 1));
  };
  tree.sections.forEach((s) => section(s, 0));
  out.push('', 'SỐ LIỆU ĐẦU VÀO');
  for (const i of tree.inputs) {
    out.push(
      `${ind(1)}${i.code}: ${i.label} (${i.unit === i.type ? i.type : `${i.unit}; ${i.type}`})`,
    );
    out.push(`${ind(2)}Cột: ${i.cells}`);
    out.push(
      `${ind(2)}Đơn vị báo cáo: ${i.reporters}${i.periods ? ` (${i.periods})` : ''}; ${i.blank}`,
    );
    out.push(`${ind(2)}Tổng hợp: ${i.aggregation}`);
  }
  out.push('', 'CHỈ TIÊU');
  for (const o of tree.objectives) {
    out.push(`${ind(1)}${o.title}`);
    for (const i of o.indicators) {
      out.push(`${ind(2)}${i.code}. ${i.label} (${i.unit}) [${i.status}]`);
      out.push(`${ind(3)}Công thức: ${i.formula}`);
      out.push(`${ind(3)}Mục tiêu: ${i.targets}${i.direction ? `; ${i.direction}` : ''}`);
      if (i.notComputable !== undefined) out.push(`${ind(3)}${i.notComputable}`);
      out.push(`${ind(3)}Nguồn: ${i.source}`);
    }
  }
  if (tree.rules.length > 0) {
    out.push('', 'QUY TẮC KIỂM TRA');
    for (const r of tree.rules) out.push(`${ind(1)}${r.code} (${r.severity}): ${r.check}`);
  }
  if (tree.appendix.length > 0) {
    out.push('', 'PHỤ LỤC');
    for (const t of tree.appendix)
      out.push(`${ind(1)}${t.name}. ${t.title}: ${t.rows}, ${t.columns} cột`);
  }
  return out;
}
