import * as z from 'zod/mini';
import {
  DEFAULT_PERIOD_SETTINGS,
  PERIOD_KINDS,
  type MonthDay,
  type PeriodKind,
  type PeriodSetting,
  type YMD,
} from '../period/periods.js';
import type { Unit } from '../period/units.js';
import { parseYamlWithSchema, type YamlProblem } from './yaml.js';

/**
 * bctd.yaml: who issues the report and how. Keys are Vietnamese-friendly snake_case; the
 * messages for a wrong key come from zod's Vietnamese locale with the key path and line.
 *
 * zod/mini, not classic zod: the same checks and messages, but a third of the code to load
 * and schemas that build without attaching dozens of methods each, which every command that
 * reads the workspace paid at start-up (docs/BENCHMARKS.md, third pass).
 */

const nonEmpty = z.string().check(z.trim(), z.minLength(1, 'Không được để trống.'));
const upperLine = nonEmpty.check(
  z.refine((s: string) => s === s.toLocaleUpperCase('vi'), {
    message: 'Dòng này phải viết in hoa (Nghị định 30/2020/NĐ-CP, Phụ lục I).',
  }),
);
/** One line, or several: always a list. */
const oneOrMore = (line: z.ZodMiniString<string>) =>
  z.pipe(
    z.union([line, z.array(line).check(z.minLength(1))]),
    z.transform((v: string | string[]): string[] => (Array.isArray(v) ? v : [v])),
  );
const lines = oneOrMore(upperLine);
const positive = z.optional(z.number().check(z.positive()));
const count = z.optional(z.number().check(z.int(), z.positive()));
/** A code written as text or as a bare number (`code: 15664`). */
const code = z.union([nonEmpty, z.pipe(z.number().check(z.int()), z.transform(String))]);
const kind = (message: string) => z.string().check(z.regex(/^[a-z][a-z0-9_]*$/, message));

const monthDay = z.pipe(
  z
    .string()
    .check(
      z.regex(
        /^(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])$/,
        'Ghi ngày dạng "tháng-ngày", ví dụ "06-14".',
      ),
    ),
  z.transform((s: string): MonthDay => {
    const [m, d] = s.split('-').map(Number);
    return { month: m!, day: d! };
  }),
);

const periodSetting = z.strictObject({
  start: z.optional(monthDay),
  /** The start is in the previous year (the 15/12 cut-off). */
  start_previous_year: z.optional(z.boolean()),
  end: z.optional(monthDay),
  deadline: z.optional(monthDay),
});

const limitsSchema = z.strictObject({
  max_file_mb: positive,
  max_part_mb: positive,
  max_total_mb: positive,
  max_rows: count,
  max_columns: count,
  max_cells: count,
  max_cell_chars: count,
  max_sheets: count,
  seconds_per_file: positive,
});

export const configSchema = z.strictObject({
  agency: z.strictObject({
    /** Tên cơ quan chủ quản trực tiếp (not bold), if any. */
    parent: z.optional(lines),
    /** The issuing agency's name as printed, in caps, one entry per line. */
    name: lines,
    /** Full name for running text: "Ủy ban nhân dân huyện Triệu Sơn". */
    full_name: nonEmpty,
    /** Place for the date line: "Triệu Sơn". */
    place: nonEmpty,
    /** The agency's own unit code and kind when it reports upward with `generate --rollup`. */
    unit_code: z.optional(code),
    unit_kind: z.optional(kind('Loại đơn vị viết thường, không dấu, ví dụ "huyen", "xa".')),
    /** Ký hiệu of the report: "BC-UBND". */
    code: z
      .string()
      .check(
        z.regex(
          /^[A-ZĐ][A-Za-zĐđ0-9]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+$/,
          'Ký hiệu dạng "BC-UBND": chữ in hoa nối bằng dấu gạch nối, không có dấu cách.',
        ),
      ),
  }),
  /**
   * The document that asked for the report, cited in the opening sentence: "Công văn số
   * 1520/SLĐTBXH-BĐG ngày 10 tháng 6 năm 2022 của Sở Lao động - Thương binh và Xã hội".
   */
  directive: z.optional(nonEmpty),
  /** Kính gửi: one recipient, or several (each its own line). */
  kinh_gui: z.optional(oneOrMore(nonEmpty)),
  signer: z.strictObject({
    /** "TM. ỦY BAN NHÂN DÂN" above the authority line, when the local rules want it. */
    tm: z.optional(upperLine),
    authority: z.optional(
      upperLine.check(
        z.refine((s: string) => /^(TM|KT|TL|TUQ|Q)\. /.test(s) || !/^(T\/M|K\/T|T\/L)/.test(s), {
          message:
            'Viết tắt thẩm quyền ký là "TM.", "KT.", "TL.", "TUQ." hoặc "Q." (không dùng "K/T", "T/M", "T/L").',
        }),
      ),
    ),
    title: upperLine,
    name: nonEmpty,
  }),
  /** Nơi nhận items, without the leading "- " and the final ";" (bctd adds them). */
  noi_nhan: z._default(z.array(nonEmpty), []),
  /** The Lưu line after "Lưu: ": "VT, LĐTBXH". */
  luu: nonEmpty,
  /** Font size set of ND30: Quốc hiệu 13 / Tiêu ngữ 14, or 12 / 13. */
  font_sizes: z._default(z.enum(['13/14', '12/13']), '13/14'),
  /** Built-in outline id (e.g. `bdg`) or a path to a YAML outline, relative to the workspace. */
  outline: z._default(nonEmpty, 'bdg'),
  units: z._default(nonEmpty, 'units.yaml'),
  /** Where submissions live; {year} and {period} are replaced. */
  submissions: z._default(nonEmpty, 'nop/{year}-{period}'),
  reports: z._default(nonEmpty, 'bao-cao'),
  periods: z._default(z.partialRecord(z.enum(PERIOD_KINDS), periodSetting), {}),
  limits: z._default(limitsSchema, {}),
});

export type ConfigFile = z.infer<typeof configSchema>;
export type Limits = z.infer<typeof limitsSchema>;

export interface Config extends ConfigFile {
  /** Period windows and deadlines, defaults merged with bctd.yaml. */
  periodSettings: Record<PeriodKind, PeriodSetting>;
}

function mergePeriods(file: ConfigFile['periods']): Record<PeriodKind, PeriodSetting> {
  const out = { ...DEFAULT_PERIOD_SETTINGS };
  for (const kind of PERIOD_KINDS) {
    const s = file[kind];
    if (!s) continue;
    const base = out[kind];
    const start = s.start ? { ...s.start, yearOffset: s.start_previous_year ? -1 : 0 } : base.start;
    out[kind] = { start, end: s.end ?? base.end, deadline: s.deadline ?? base.deadline };
  }
  return out;
}

export function parseConfig(
  text: string,
  file: string,
): { ok: true; config: Config } | { ok: false; problems: YamlProblem[] } {
  const r = parseYamlWithSchema(text, file, configSchema);
  if (!r.ok) return r;
  return { ok: true, config: { ...r.value, periodSettings: mergePeriods(r.value.periods) } };
}

// ---- units.yaml ----

const isoDate = z.pipe(
  z.union([z.string(), z.date()]),
  z.transform((v: string | Date, ctx): YMD => {
    // YAML turns an unquoted 2025-07-01 into a Date (UTC midnight).
    if (v instanceof Date)
      return { year: v.getUTCFullYear(), month: v.getUTCMonth() + 1, day: v.getUTCDate() };
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
    if (!m) {
      ctx.issues.push({
        code: 'custom',
        message: 'Ghi ngày dạng YYYY-MM-DD, ví dụ 2025-07-01.',
        input: v,
      });
      return z.NEVER;
    }
    return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  }),
);

const unitSchema = z.strictObject({
  code,
  name: nonEmpty,
  kind: kind('Loại đơn vị viết thường, không dấu, ví dụ "xa", "thi_tran", "phong".'),
  group: z.optional(nonEmpty),
  valid_from: z.optional(isoDate),
  valid_to: z.optional(isoDate),
});

export const unitsFileSchema = z
  .strictObject({
    units: z.array(unitSchema).check(z.minLength(1, 'Danh sách đơn vị không được rỗng.')),
  })
  .check(
    z.superRefine((v, ctx) => {
      const seen = new Map<string, number>();
      v.units.forEach((u, i) => {
        const prev = seen.get(u.code);
        if (prev !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['units', i, 'code'],
            message: `Mã đơn vị "${u.code}" bị trùng với đơn vị thứ ${prev + 1}.`,
          });
        }
        seen.set(u.code, i);
      });
    }),
  );

export function parseUnits(
  text: string,
  file: string,
): { ok: true; units: Unit[] } | { ok: false; problems: YamlProblem[] } {
  const r = parseYamlWithSchema(text, file, unitsFileSchema);
  if (!r.ok) return r;
  return {
    ok: true,
    units: r.value.units.map((u) => ({
      code: u.code,
      name: u.name,
      kind: u.kind,
      ...(u.group === undefined ? {} : { group: u.group }),
      ...(u.valid_from === undefined ? {} : { validFrom: u.valid_from }),
      ...(u.valid_to === undefined ? {} : { validTo: u.valid_to }),
    })),
  };
}
