/**
 * The handlebars helpers of outline texts (`trich_yeu`, `sections[].template`), as declared in
 * src/outline/templates.ts. Numbers are written the Vietnamese way (`1.234`, `35,5%`); every
 * helper returns plain text (the report is not HTML: templates compile with `noEscape`, and with
 * `strict` so a misspelt variable fails loudly instead of printing nothing; anchors §4.4).
 */
import Handlebars from 'handlebars';
import type { IndicatorResult, Rollup } from '../aggregate/types.js';
import { BctdError } from '../issues/errors.js';
import { TARGET_OP_SIGNS } from '../outline/describe.js';
import { totalMember } from '../outline/helpers.js';
import type { IndicatorDef, InputDef, Outline, TargetOp } from '../outline/schema.js';
import { formatNumber, formatPercent } from '../text/numbers.js';
import { SINGLE } from '../validate/submission.js';

export const NO_DATA = 'chưa có số liệu';
export const MISSING_NUMBER = '…';

export interface HelperData {
  outline: Outline;
  rollup: Rollup;
  /** The same period of the previous year, for cùng kỳ. */
  previous?: Rollup | undefined;
}

/** Decimals a number of this input prints with: counts none, amounts and rates up to 2. */
function decimalsOf(def: InputDef | undefined): number {
  if (def === undefined) return 1;
  return def.type === 'integer' || def.type === 'yes_no' ? 0 : def.type === 'percent' ? 1 : 2;
}

/** Vietnamese number for a value of an input (`1.234`, `12,5`, `35,5%`). */
export function formatInputValue(def: InputDef | undefined, v: number): string {
  return def?.type === 'percent' ? formatPercent(v, 1) : formatNumber(v, decimalsOf(def));
}

/** An indicator's value with its unit: `45,2%`, `112,3 bé trai/100 bé gái`. */
export function formatIndicatorValue(def: IndicatorDef, v: number): string {
  const n = formatNumber(v, def.decimals);
  return def.unit === '%' ? `${n}%` : `${n} ${def.unit}`;
}

const OP_WORDS: Record<TargetOp, string> = {
  '>=': 'đạt ít nhất',
  '<=': 'không vượt quá',
  '>': 'trên',
  '<': 'dưới',
  '=': 'đạt',
  '~': 'khoảng',
};

/** `≥ 60%`, `≤ 111 bé trai/100 bé gái`. */
export function targetShort(def: IndicatorDef, op: TargetOp, value: number): string {
  return `${TARGET_OP_SIGNS[op]} ${formatIndicatorValue(def, value)}`;
}

/** What one indicator result reads as in running text. */
export function indicatorText(def: IndicatorDef, r: IndicatorResult | undefined): string {
  if (r === undefined) return NO_DATA;
  switch (r.status) {
    case 'ok':
      return r.value === null ? NO_DATA : formatIndicatorValue(def, r.value);
    case 'zero-denominator':
      return r.text ?? 'không phát sinh';
    case 'not-computable':
      return r.text ?? 'không tính được ở cấp huyện';
    case 'no-data':
      return NO_DATA;
  }
}

/** Cùng kỳ of an indicator: `tăng 2,5 điểm phần trăm so với cùng kỳ`, or '' when unknown. */
export function indicatorComparison(def: IndicatorDef, r: IndicatorResult | undefined): string {
  const c = r?.sameTimeLastYear;
  if (c === null || c === undefined) return '';
  if (Math.abs(c.difference) < 10 ** -(def.decimals + 1)) return 'bằng cùng kỳ';
  const dir = c.difference > 0 ? 'tăng' : 'giảm';
  if (c.changeKind === 'points') {
    const amount = formatNumber(Math.abs(c.difference), def.decimals);
    const unit =
      def.unit === '%' ? 'điểm phần trăm' : def.unit === '‰' ? 'điểm phần nghìn' : def.unit;
    return `${dir} ${amount} ${unit} so với cùng kỳ`;
  }
  if (c.change === null)
    return `${dir} ${formatNumber(Math.abs(c.difference), def.decimals)} so với cùng kỳ`;
  return `${dir} ${formatPercent(Math.abs(c.change), 1)} so với cùng kỳ`;
}

/**
 * Against the targets (issue 5, point 2): the report year's target gives đạt / chưa đạt; a later
 * target year is shown as progress, never a blanket "chưa đạt".
 */
export function indicatorAssessment(def: IndicatorDef, r: IndicatorResult | undefined): string {
  const t = r?.target;
  if (r === undefined || t === undefined || t.kind === 'none') return 'chưa đánh giá được';
  if (t.kind === 'year') {
    if (t.met === null) return 'chưa đánh giá được';
    return t.met ? 'đạt' : 'chưa đạt';
  }
  if (t.reached === true) return `đã đạt mục tiêu năm ${t.targetYear}`;
  if (t.reached === false && r.value !== null)
    return `mục tiêu năm ${t.targetYear}: ${targetShort(def, t.op, t.value)}; kỳ này đạt ${formatIndicatorValue(def, r.value)}`;
  return 'chưa đánh giá được';
}

/**
 * `{{danh_gia}}` in running text, where the template has just given the value and the target
 * (`đạt 36,4% (mục tiêu ...)`): a target year still ahead reads as the distance left
 * (`còn thấp hơn mục tiêu năm 2025 là 23,6 điểm phần trăm`), progress and never a blanket
 * "chưa đạt", without repeating the target and the value the sentence already has. Otherwise
 * as `indicatorAssessment`.
 */
export function indicatorProgress(def: IndicatorDef, r: IndicatorResult | undefined): string {
  const t = r?.target;
  if (r?.value === null || r?.value === undefined || t?.kind !== 'next' || t.reached !== false)
    return indicatorAssessment(def, r);
  const gap = Math.abs(t.value - r.value);
  const side =
    t.op === '>=' || t.op === '>'
      ? 'thấp hơn'
      : t.op === '<=' || t.op === '<'
        ? 'cao hơn'
        : 'chênh';
  const unit =
    def.unit === '%' ? 'điểm phần trăm' : def.unit === '‰' ? 'điểm phần nghìn' : def.unit;
  return `còn ${side} mục tiêu năm ${t.targetYear} là ${formatNumber(gap, def.decimals)} ${unit}`;
}

/**
 * The target in words, with its year first so it reads inside brackets:
 * `năm 2025: không vượt quá 111 bé trai/100 bé gái` ("(mục tiêu năm 2025: ...)").
 */
export function indicatorTarget(def: IndicatorDef, r: IndicatorResult | undefined): string {
  const t = r?.target;
  if (t === undefined || t.kind === 'none') return 'chưa có mục tiêu';
  return `năm ${t.targetYear}: ${OP_WORDS[t.op]} ${formatIndicatorValue(def, t.value)}`;
}

/**
 * A sentence for an indicator a section reports on when the outline gives no template:
 * `Tỷ lệ ...: 45,2%, tăng 2,5 điểm phần trăm so với cùng kỳ; mục tiêu năm 2025: ≥ 60%; kỳ này đạt 45,2%.`
 */
export function indicatorSentence(def: IndicatorDef, r: IndicatorResult | undefined): string {
  const parts = [indicatorText(def, r)];
  const cmp = indicatorComparison(def, r);
  if (cmp !== '') parts[0] += `, ${cmp}`;
  if (r?.status === 'ok') {
    const a = indicatorAssessment(def, r);
    if (a !== 'chưa đánh giá được') {
      parts.push(r.target.kind === 'year' ? `so với mục tiêu năm ${r.target.targetYear}: ${a}` : a);
    }
  }
  if (r?.status === 'not-computable' && def.note !== undefined) parts.push(def.note);
  return `${def.label}: ${parts.join('; ')}.`;
}

interface Ref {
  def: InputDef | undefined;
  code: string;
  member: string;
}

function parseRef(outline: Outline, ref: unknown): Ref {
  const text = String(ref).trim();
  const [code = '', member] = text.split('.');
  const def = outline.inputs.find((i) => i.code === code);
  const m = member ?? (def ? (totalMember(outline, def) ?? SINGLE) : SINGLE);
  return { def, code, member: m };
}

function valueIn(rollup: Rollup | undefined, ref: Ref): number | null {
  const v = rollup?.values[ref.code]?.[ref.member];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Handlebars passes its options object last; helpers see only the template's arguments. */
const args = (list: unknown[]): unknown[] => list.slice(0, -1);

/** A handlebars environment with the outline helpers bound to one roll-up. */
export function createHandlebars(data: HelperData): typeof Handlebars {
  const hb = Handlebars.create();
  const { outline, rollup, previous } = data;
  const indicator = (code: unknown) => {
    const c = String(code).trim();
    return { def: outline.indicators.find((i) => i.code === c), r: rollup.indicators[c] };
  };
  const fmt = (ref: Ref, v: number | null) =>
    v === null ? MISSING_NUMBER : formatInputValue(ref.def, v);

  hb.registerHelper('so', (ref: unknown) => {
    const r = parseRef(outline, ref);
    return fmt(r, valueIn(rollup, r));
  });
  hb.registerHelper('cung_ky', (ref: unknown) => {
    const r = parseRef(outline, ref);
    return fmt(r, valueIn(previous, r));
  });
  hb.registerHelper('so_sanh', (ref: unknown) => {
    const r = parseRef(outline, ref);
    const now = valueIn(rollup, r);
    const before = valueIn(previous, r);
    if (now === null || before === null) return '';
    const d = now - before;
    if (Math.abs(d) < 1e-9) return 'bằng cùng kỳ';
    const dir = d > 0 ? 'tăng' : 'giảm';
    if (r.def?.type === 'percent') return `${dir} ${formatNumber(Math.abs(d), 1)} điểm phần trăm`;
    const amount = formatInputValue(r.def, Math.abs(d));
    return before === 0
      ? `${dir} ${amount}`
      : `${dir} ${amount} (${formatPercent((Math.abs(d) / Math.abs(before)) * 100, 1)})`;
  });
  hb.registerHelper('ty_le', (a: unknown, b: unknown) => {
    const ra = parseRef(outline, a);
    const rb = parseRef(outline, b);
    const x = valueIn(rollup, ra);
    const y = valueIn(rollup, rb);
    if (x === null || y === null) return NO_DATA;
    if (y === 0) return 'không phát sinh';
    return formatPercent((x / y) * 100, 1);
  });
  hb.registerHelper('co_so_lieu', (...list: unknown[]) =>
    args(list).every((ref) => valueIn(rollup, parseRef(outline, ref)) !== null),
  );
  hb.registerHelper('ds_don_vi', (ref: unknown) => {
    const r = parseRef(outline, ref);
    return rollup.units
      .filter((u) => {
        const v = u.values?.[r.code]?.[r.member];
        return typeof v === 'number' && v > 0;
      })
      .map((u) => u.name)
      .join(', ');
  });
  hb.registerHelper('chi_so', (code: unknown) => {
    const { def, r } = indicator(code);
    return def === undefined ? NO_DATA : indicatorText(def, r);
  });
  hb.registerHelper('co_chi_so', (code: unknown) => indicator(code).r?.status === 'ok');
  hb.registerHelper('muc_tieu', (code: unknown) => {
    const { def, r } = indicator(code);
    return def === undefined ? 'chưa có mục tiêu' : indicatorTarget(def, r);
  });
  hb.registerHelper('danh_gia', (code: unknown) => {
    const { def, r } = indicator(code);
    return def === undefined ? 'chưa đánh giá được' : indicatorProgress(def, r);
  });
  return hb;
}

/**
 * Renders one outline text. A broken template is the outline author's problem, not the data's:
 * it stops the run (exit 2) naming the section, in Vietnamese.
 */
export function renderOutlineText(
  hb: typeof Handlebars,
  source: string,
  vars: Record<string, unknown>,
  where: string,
): string {
  try {
    const t = hb.compile(source, { noEscape: true, strict: true });
    // A helper's text that ends a sentence itself (an indicator's note: "... bằng lời.") put
    // before the template's own full stop would print "..": one stop is kept. An ellipsis and
    // the closing "./." are left alone.
    return t(vars)
      .normalize('NFC')
      .replace(/([^.])\.\.(?![./])/g, '$1.');
  } catch (e) {
    throw new BctdError(
      'outline-invalid',
      `Mẫu văn bản (template) của ${where} trong đề cương bị lỗi: ${(e as Error).message}`,
      {
        hint: 'Sửa mẫu văn bản trong tệp đề cương (tên biến, tên hàm, cặp {{#if}}...{{/if}}) rồi chạy lại.',
        cause: e,
      },
    );
  }
}
