/**
 * The outline format (issue 2, "Outlines are data"): zod schemas, and the TypeScript types
 * inferred from them (never written twice, STYLE.md habit 10). YAML keys are snake_case and
 * so are the properties of the inferred types. Shape only: cross-references (codes, kinds,
 * members, expressions) are checked by the named rules in `rules.ts`.
 *
 * Model (after DHIS2, anchors-and-pitfalls §1): an input is a data element, a category set is
 * its disaggregation, a unit kind says who is expected to report it, an indicator is computed
 * after aggregation from summed numerators and denominators (never an average of units' ratios).
 */
import * as z from 'zod';

const msg = (error: string) => ({ error });

/** Input and rule codes: `SINH_SONG`. */
export const CODE_RE = /^[A-Z][A-Z0-9_]*$/;
/** Unit kinds, category sets and members: `thi_tran`, `gioi_tinh`, `nu`. */
export const KEY_RE = /^[a-z][a-z0-9_]*$/;
/** Indicator and objective codes: `M4.CT1`, `M3.CT2a`, `M1`. */
export const INDICATOR_CODE_RE = /^[A-Z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

const InputCode = z
  .string()
  .regex(
    CODE_RE,
    msg(
      'mã phải viết in hoa không dấu, bắt đầu bằng chữ cái, chỉ gồm A-Z, 0-9 và "_" (ví dụ SINH_SONG)',
    ),
  );
const Key = z
  .string()
  .regex(
    KEY_RE,
    msg(
      'mã phải viết thường không dấu, bắt đầu bằng chữ cái, chỉ gồm a-z, 0-9 và "_" (ví dụ thi_tran)',
    ),
  );
const IndicatorCode = z
  .string()
  .regex(
    INDICATOR_CODE_RE,
    msg('mã chỉ tiêu dạng M4.CT1 hoặc M3.CT2a (chữ in hoa đầu, không dấu)'),
  );
const Text = z.string().trim().min(1, msg('không được để trống'));
/** A label that YAML may read as a number (`number: 1`, `version: 2022.1`): kept as text. */
const Label = z
  .union([z.string(), z.number()], msg('cần một chuỗi chữ'))
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, msg('không được để trống')));
/** Expression text in the language of `expr.ts`; parsed by the named rules. */
const ExprText = z
  .union([z.string(), z.number()], msg('cần một biểu thức, ví dụ "SINH_SONG.nam"'))
  .transform(String);

export const PERIOD_CODES = ['6m', '9m', 'year', 'q1', 'q2', 'q3', 'q4'] as const;
/** `6m` 6 tháng đầu năm, `9m` 9 tháng, `year` cả năm, `q1`..`q4` quý. */
export const PeriodCode = z.enum(PERIOD_CODES);
export type PeriodCode = z.infer<typeof PeriodCode>;

export const VALUE_TYPES = ['integer', 'decimal', 'percent', 'yes_no', 'text', 'money'] as const;
/**
 * integer: số nguyên không âm; decimal: số thập phân không âm; percent: 0..100;
 * yes_no: Có/Không (1/0); text: chữ (không tính toán); money: số tiền (đơn vị ghi ở `unit`).
 */
export const ValueType = z.enum(VALUE_TYPES);
export type ValueType = z.infer<typeof ValueType>;

/** What an empty cell means: `not_reported` (chưa báo cáo) or `zero` (ô trống là 0). */
export const BlankMeaning = z.enum(['not_reported', 'zero']);
export type BlankMeaning = z.infer<typeof BlankMeaning>;

/** What a placeholder typed instead of a number means (`-`, `x`, `KPS`). */
export const PlaceholderMeaning = z.enum(['zero', 'not_applicable', 'not_reported']);
export type PlaceholderMeaning = z.infer<typeof PlaceholderMeaning>;
export const Placeholders = z.record(
  z.string().min(1, msg('ký hiệu không được trống')),
  PlaceholderMeaning,
);
export type Placeholders = z.infer<typeof Placeholders>;

/**
 * Placeholders clerks type, when the outline does not say otherwise. Matched after trimming,
 * NFC and lower-casing (see `placeholderMeaning` in helpers.ts).
 */
export const DEFAULT_PLACEHOLDERS: Placeholders = {
  '-': 'zero',
  '–': 'zero',
  '0': 'zero',
  kps: 'zero',
  'không phát sinh': 'zero',
  x: 'not_applicable',
  'không áp dụng': 'not_applicable',
};

export const CategoryMember = z.strictObject({
  code: Key,
  label: Text,
  /** Short header for narrow template columns. */
  short_label: Text.optional(),
});
export type CategoryMember = z.infer<typeof CategoryMember>;

/** A named disaggregation reused by inputs (DHIS2 category combo): its members become columns. */
export const CategorySet = z.strictObject({
  label: Text.optional(),
  members: z.array(CategoryMember).min(1, msg('cần ít nhất một thành phần')),
  /** The member that is the total: each other member <= total (automatic rule). */
  total: Key.optional(),
  /**
   * When true (default) the parts add up to the total, checked when every part was entered.
   * False for overlapping groups (age bands that do not cover everyone).
   */
  parts_sum_to_total: z.boolean().default(true),
});
export type CategorySet = z.infer<typeof CategorySet>;

const Over = z.array(Key).min(1, msg('cần ít nhất một loại đơn vị')).optional();

/**
 * How an input rolls up to the district:
 * - `sum`: cộng các đơn vị thuộc loại `over` (mặc định: mọi loại trong `reporters`);
 * - `from`: lấy từ đơn vị loại `from` (không cộng thêm số của loại khác, tránh tính trùng,
 *   ví dụ trẻ sinh ra do Trung tâm Y tế tổng hợp và do xã báo cáo); số của loại khác chỉ cảnh báo
 *   nếu khác và vẫn dùng cho biểu theo từng đơn vị;
 * - `count_yes`: đếm số đơn vị trả lời "Có" (chỉ cho kiểu yes_no);
 * - `max`: giá trị lớn nhất giữa các đơn vị;
 * - `last`: số liệu thời điểm (ví dụ số cán bộ tại cuối kỳ): giá trị mới nhất của mỗi đơn vị
 *   khi gộp nhiều kỳ, rồi cộng các đơn vị.
 * YAML accepts the short form `aggregate: sum`.
 */
export const Aggregation = z.preprocess(
  (v) => (typeof v === 'string' ? { kind: v } : v),
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('sum'), over: Over }),
    z.strictObject({ kind: z.literal('from'), from: Key }),
    z.strictObject({ kind: z.literal('count_yes'), over: Over }),
    z.strictObject({ kind: z.literal('max'), over: Over }),
    z.strictObject({ kind: z.literal('last'), over: Over }),
  ]),
);
export type Aggregation = z.infer<typeof Aggregation>;
export type AggregationKind = Aggregation['kind'];
export const AGGREGATION_KINDS: readonly AggregationKind[] = [
  'sum',
  'from',
  'count_yes',
  'max',
  'last',
];

/** What units fill in: one row of the template's "Số liệu" sheet. */
export const InputDef = z.strictObject({
  code: InputCode,
  label: Text,
  /** Đơn vị tính: người, trẻ, vụ, cuộc, triệu đồng, %. */
  unit: Text,
  type: ValueType.default('integer'),
  /** Name of a category set; without it the input has one value column "Số liệu". */
  categories: Key.optional(),
  /** Members units type in; default: every member not in `derived`. */
  entered: z.array(Key).min(1, msg('cần ít nhất một cột nhập')).optional(),
  /** Members computed from the others of the same input, e.g. `{nam: "tong - nu"}`. */
  derived: z.record(Key, ExprText).optional(),
  /** Unit kinds that report it: they get the row and, with `required`, must fill it. */
  reporters: z.array(Key).min(1, msg('cần ít nhất một loại đơn vị báo cáo')),
  blank: BlankMeaning.default('not_reported'),
  /** A blank from a reporter is an error (otherwise a warning "chưa báo cáo"). */
  required: z.boolean().default(false),
  /** Overrides the outline's placeholder meanings for this input. */
  placeholders: Placeholders.optional(),
  aggregate: Aggregation.default({ kind: 'sum' }),
  /** Only asked in these periods (e.g. the Action Month, 15/11-15/12, in the annual report). */
  periods: z.array(PeriodCode).min(1).optional(),
  /** Heading under which the template groups the row (e.g. "Mục tiêu 4. Y tế"). */
  group: Text.optional(),
  /** Help shown in the template: definition, source document, period. */
  help: Text.optional(),
});
export type InputDef = z.infer<typeof InputDef>;

export const TARGET_OPS = ['>=', '<=', '>', '<', '=', '~'] as const;
/** `~` means "khoảng" (about), e.g. "khoảng 60%". */
export type TargetOp = (typeof TARGET_OPS)[number];
const TARGET_RE = /^\s*(>=|<=|>|<|=|~|≥|≤)\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*$/;

/** A target as written in YAML (`">= 60"`, `"<= 111"`, `"~ 60"`), parsed to op and value. */
export const Target = z
  .string(
    msg(
      'mục tiêu ghi dạng chuỗi có phép so sánh, ví dụ ">= 60" hoặc "<= 111" (nhớ đặt trong ngoặc kép)',
    ),
  )
  .regex(
    TARGET_RE,
    msg('mục tiêu ghi dạng phép so sánh và một số, ví dụ ">= 60", "<= 111", "< 42", "~ 60"'),
  )
  .transform((s) => {
    const m = TARGET_RE.exec(s) as RegExpExecArray;
    const raw = m[1] as string;
    const op: TargetOp = raw === '≥' ? '>=' : raw === '≤' ? '<=' : (raw as TargetOp);
    return { op, value: Number((m[2] as string).replace(',', '.')) };
  });
export type Target = z.infer<typeof Target>;

export const Direction = z.enum(['up', 'down', 'none']);
export type Direction = z.infer<typeof Direction>;
export const Status = z.enum(['CONFIRMED', 'PARTIAL', 'UNCONFIRMED']);
export type Status = z.infer<typeof Status>;

export const Objective = z.strictObject({
  code: IndicatorCode,
  title: Text,
  short_title: Text.optional(),
});
export type Objective = z.infer<typeof Objective>;

/**
 * A chỉ tiêu: value = numerator / denominator × scale (or `formula` × scale), computed from the
 * aggregated inputs. Without a formula it must say `district_computable: false`.
 */
export const IndicatorDef = z.strictObject({
  code: IndicatorCode,
  objective: IndicatorCode,
  label: Text,
  short_label: Text.optional(),
  numerator: ExprText.optional(),
  denominator: ExprText.optional(),
  formula: ExprText.optional(),
  scale: z.number().positive(msg('hệ số nhân phải là số dương (1, 100, 1000, 100000)')).default(1),
  unit: Text,
  decimals: z.number().int().min(0).max(6).default(1),
  /** up: cao hơn là tốt hơn; down: thấp hơn là tốt hơn. */
  direction: Direction.default('none'),
  /** Targets by year: `{2025: ">= 60", 2030: ">= 75"}`. */
  targets: z
    .record(
      z.string().regex(/^(19|20)[0-9]{2}$/, msg('năm mục tiêu là số 4 chữ số, ví dụ 2025')),
      Target,
    )
    .default({}),
  /** Why a target is absent or approximate (e.g. "Mục tiêu 2030 chưa tìm thấy trong văn bản"). */
  targets_note: Text.optional(),
  status: Status,
  /** Where the wording and targets come from. */
  source: Text,
  /** The chỉ tiêu text verbatim, where known. */
  wording: Text.optional(),
  /** False: the report prints "không tính được ở cấp huyện" (with `note`), the row stays. */
  district_computable: z.boolean().default(true),
  note: Text.optional(),
  /** Text when the denominator is 0, e.g. "không phát sinh". */
  zero_denominator_text: Text.optional(),
});
export type IndicatorDef = z.infer<typeof IndicatorDef>;

export const RULE_OPS = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'compulsory_pair',
  'exclusive_pair',
] as const;
/**
 * A validation rule `left op right` (DHIS2 validation rule). `compulsory_pair`: both sides
 * filled or both blank; `exclusive_pair`: not both filled.
 */
export const RuleOp = z.enum(RULE_OPS);
export type RuleOp = z.infer<typeof RuleOp>;
/**
 * skip_if_any_missing: bỏ qua khi thiếu bất kỳ số nào (mặc định);
 * skip_if_all_missing: bỏ qua khi thiếu tất cả, còn lại coi ô thiếu là 0;
 * never_skip: luôn kiểm tra, ô thiếu là 0.
 */
export const MissingStrategy = z.enum(['skip_if_any_missing', 'skip_if_all_missing', 'never_skip']);
export type MissingStrategy = z.infer<typeof MissingStrategy>;
export const Severity = z.enum(['error', 'warning']);

export const RuleDef = z.strictObject({
  code: InputCode,
  left: ExprText,
  op: RuleOp,
  right: ExprText,
  severity: Severity.default('error'),
  missing: MissingStrategy.default('skip_if_any_missing'),
  /** Unit kinds the rule applies to; default every kind. */
  applies_to: z.array(Key).min(1).optional(),
  periods: z.array(PeriodCode).min(1).optional(),
  /** Vietnamese: what is wrong. */
  message: Text,
  /** Vietnamese: how to fix it. */
  fix: Text.optional(),
});
export type RuleDef = z.infer<typeof RuleDef>;

/**
 * A narrative section (the report's I..VI and the template's "Nội dung" sheet): `number` is
 * the local number as printed ("I", "1", "a"); `reporters` default to the parent's (at the top,
 * every kind); `indicators` are the chỉ tiêu it reports on (II.x); `inputs` are the numbers it
 * quotes, shown beside the text box in the template; `template` is its handlebars report text.
 */
export const SectionDef = z.strictObject({
  number: Label,
  title: Text,
  guidance: Text.optional(),
  reporters: z.array(Key).min(1).optional(),
  required: z.boolean().default(false),
  periods: z.array(PeriodCode).min(1).optional(),
  indicators: z.array(IndicatorCode).optional(),
  inputs: z.array(InputCode).optional(),
  template: z.string().optional(),
  get children() {
    return z.array(SectionDef).default([]);
  },
});
export type SectionDef = z.infer<typeof SectionDef>;

/** Where an appendix table's rows come from. */
export const AppendixRows = z.discriminatedUnion('from', [
  /** Every indicator (or those of `objectives`, or the listed `codes`), in outline order. */
  z.strictObject({
    from: z.literal('indicators'),
    codes: z.array(IndicatorCode).min(1).optional(),
    objectives: z.array(IndicatorCode).min(1).optional(),
  }),
  /** The listed inputs, one row each. */
  z.strictObject({ from: z.literal('inputs'), codes: z.array(InputCode).min(1) }),
  /** One row per unit of these kinds (e.g. per commune). */
  z.strictObject({ from: z.literal('units'), kinds: z.array(Key).min(1) }),
]);
export type AppendixRows = z.infer<typeof AppendixRows>;

export const COLUMN_KEYS = [
  'stt',
  'code',
  'label',
  'unit',
  'objective',
  'target',
  'numerator',
  'denominator',
  'value',
  'previous',
  'change',
  'assessment',
  'status',
  'source',
  'note',
  'unit_name',
] as const;
/**
 * Built-in columns: stt (số thứ tự), code, label (tên chỉ tiêu / nội dung), unit (đơn vị tính),
 * objective, target (mục tiêu của năm `year`, mặc định năm mục tiêu kế tiếp), numerator,
 * denominator, value (kết quả kỳ này; với dòng số liệu: tổng), previous (cùng kỳ), change (so
 * sánh cùng kỳ), assessment (đạt / chưa đạt / không có số liệu), status (mức xác nhận), source,
 * note (ghi chú), unit_name (tên đơn vị, cho dòng theo đơn vị).
 */
export const ColumnKey = z.enum(COLUMN_KEYS);
export type ColumnKey = z.infer<typeof ColumnKey>;

/**
 * One column: exactly one of `key` (built-in), `member` (a category member of each row's input),
 * `share` (member / total × 100), `input` (a cell `CODE.member` for rows per unit) or `formula`.
 */
export const AppendixColumn = z.strictObject({
  label: Text,
  key: ColumnKey.optional(),
  member: Key.optional(),
  share: Key.optional(),
  input: ExprText.optional(),
  formula: ExprText.optional(),
  /** With `key: target`: the target year. */
  year: z.number().int().min(1900).max(2100).optional(),
  decimals: z.number().int().min(0).max(6).optional(),
  /** Relative width; the report shares the page width in these proportions. */
  width: z.number().positive().optional(),
});
export type AppendixColumn = z.infer<typeof AppendixColumn>;

export const AppendixTableDef = z.strictObject({
  id: InputCode,
  /** As printed above the table: "Biểu 01". */
  name: Text,
  title: Text,
  /** A line under the title, e.g. "Đơn vị tính: triệu đồng". */
  note: Text.optional(),
  orientation: z.enum(['portrait', 'landscape']).default('portrait'),
  periods: z.array(PeriodCode).min(1).optional(),
  rows: AppendixRows,
  columns: z.array(AppendixColumn).min(1),
  /** Label of a closing total row (rows from inputs or units), e.g. "Tổng cộng". */
  total_row: Text.optional(),
});
export type AppendixTableDef = z.infer<typeof AppendixTableDef>;

export const OutlineSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, msg('mã đề cương chỉ gồm a-z, 0-9 và "-" (ví dụ bdg)')),
  version: Label,
  title: Text,
  /** Tên loại văn bản (ND30), e.g. BÁO CÁO; the code BC comes from the workspace. */
  document_type: Text.default('BÁO CÁO'),
  /** Handlebars; rendered by the report with `ky` (period) and `co_quan` (agency). */
  trich_yeu: Text,
  /** A short description of the outline and its sources. */
  description: Text.optional(),
  periods: z.array(PeriodCode).min(1, msg('cần ít nhất một kỳ báo cáo')),
  /** Kinds of reporting unit this outline knows, with Vietnamese labels. */
  unit_kinds: z.record(Key, Text),
  placeholders: Placeholders.default(DEFAULT_PLACEHOLDERS),
  category_sets: z.record(Key, CategorySet).default({}),
  objectives: z.array(Objective).default([]),
  inputs: z.array(InputDef).min(1, msg('cần ít nhất một số liệu đầu vào')),
  indicators: z.array(IndicatorDef).default([]),
  rules: z.array(RuleDef).default([]),
  sections: z.array(SectionDef).default([]),
  appendix: z.array(AppendixTableDef).default([]),
});
export type Outline = z.infer<typeof OutlineSchema>;
