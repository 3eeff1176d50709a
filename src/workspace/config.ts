import * as z from 'zod';
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
 */

const nonEmpty = z.string().trim().min(1, 'Không được để trống.');
const upperLine = nonEmpty.refine((s) => s === s.toLocaleUpperCase('vi'), {
  message: 'Dòng này phải viết in hoa (Nghị định 30/2020/NĐ-CP, Phụ lục I).',
});
const lines = z
  .union([upperLine, z.array(upperLine).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

const monthDay = z
  .string()
  .regex(/^(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])$/, 'Ghi ngày dạng "tháng-ngày", ví dụ "06-14".')
  .transform((s): MonthDay => {
    const [m, d] = s.split('-').map(Number);
    return { month: m!, day: d! };
  });

const periodSetting = z
  .object({
    start: monthDay.optional(),
    /** The start is in the previous year (the 15/12 cut-off). */
    start_previous_year: z.boolean().optional(),
    end: monthDay.optional(),
    deadline: monthDay.optional(),
  })
  .strict();

const limitsSchema = z
  .object({
    max_file_mb: z.number().positive().optional(),
    max_part_mb: z.number().positive().optional(),
    max_total_mb: z.number().positive().optional(),
    max_rows: z.number().int().positive().optional(),
    max_columns: z.number().int().positive().optional(),
    max_cells: z.number().int().positive().optional(),
    max_cell_chars: z.number().int().positive().optional(),
    max_sheets: z.number().int().positive().optional(),
    seconds_per_file: z.number().positive().optional(),
  })
  .strict();

export const configSchema = z
  .object({
    agency: z
      .object({
        /** Tên cơ quan chủ quản trực tiếp (not bold), if any. */
        parent: lines.optional(),
        /** The issuing agency's name as printed, in caps, one entry per line. */
        name: lines,
        /** Full name for running text: "Ủy ban nhân dân huyện Triệu Sơn". */
        full_name: nonEmpty,
        /** Place for the date line: "Triệu Sơn". */
        place: nonEmpty,
        /** Ký hiệu of the report: "BC-UBND". */
        /** The agency's own unit code and kind when it reports upward with `generate --rollup`. */
        unit_code: z.union([nonEmpty, z.number().int().transform(String)]).optional(),
        unit_kind: z
          .string()
          .regex(/^[a-z][a-z0-9_]*$/, 'Loại đơn vị viết thường, không dấu, ví dụ "huyen", "xa".')
          .optional(),
        code: z
          .string()
          .regex(
            /^[A-ZĐ][A-Za-zĐđ0-9]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+$/,
            'Ký hiệu dạng "BC-UBND": chữ in hoa nối bằng dấu gạch nối, không có dấu cách.',
          ),
      })
      .strict(),
    /**
     * The document that asked for the report, cited in the opening sentence: "Công văn số
     * 1520/SLĐTBXH-BĐG ngày 10 tháng 6 năm 2022 của Sở Lao động - Thương binh và Xã hội".
     */
    directive: nonEmpty.optional(),
    /** Kính gửi: one recipient, or several (each its own line). */
    kinh_gui: z
      .union([nonEmpty, z.array(nonEmpty).min(1)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional(),
    signer: z
      .object({
        /** "TM. ỦY BAN NHÂN DÂN" above the authority line, when the local rules want it. */
        tm: upperLine.optional(),
        authority: upperLine
          .refine((s) => /^(TM|KT|TL|TUQ|Q)\. /.test(s) || !/^(T\/M|K\/T|T\/L)/.test(s), {
            message:
              'Viết tắt thẩm quyền ký là "TM.", "KT.", "TL.", "TUQ." hoặc "Q." (không dùng "K/T", "T/M", "T/L").',
          })
          .optional(),
        title: upperLine,
        name: nonEmpty,
      })
      .strict(),
    /** Nơi nhận items, without the leading "- " and the final ";" (bctd adds them). */
    noi_nhan: z.array(nonEmpty).default([]),
    /** The Lưu line after "Lưu: ": "VT, LĐTBXH". */
    luu: nonEmpty,
    /** Font size set of ND30: Quốc hiệu 13 / Tiêu ngữ 14, or 12 / 13. */
    font_sizes: z.enum(['13/14', '12/13']).default('13/14'),
    /** Built-in outline id (e.g. `bdg`) or a path to a YAML outline, relative to the workspace. */
    outline: nonEmpty.default('bdg'),
    units: nonEmpty.default('units.yaml'),
    /** Where submissions live; {year} and {period} are replaced. */
    submissions: nonEmpty.default('nop/{year}-{period}'),
    reports: nonEmpty.default('bao-cao'),
    periods: z.partialRecord(z.enum(PERIOD_KINDS), periodSetting).default({}),
    limits: limitsSchema.default({}),
  })
  .strict();

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

const isoDate = z.union([z.string(), z.date()]).transform((v, ctx): YMD => {
  // YAML turns an unquoted 2025-07-01 into a Date (UTC midnight).
  if (v instanceof Date)
    return { year: v.getUTCFullYear(), month: v.getUTCMonth() + 1, day: v.getUTCDate() };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'Ghi ngày dạng YYYY-MM-DD, ví dụ 2025-07-01.' });
    return z.NEVER;
  }
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
});

const unitSchema = z
  .object({
    code: z.union([nonEmpty, z.number().int().transform(String)]),
    name: nonEmpty,
    kind: z
      .string()
      .regex(
        /^[a-z][a-z0-9_]*$/,
        'Loại đơn vị viết thường, không dấu, ví dụ "xa", "thi_tran", "phong".',
      ),
    group: nonEmpty.optional(),
    valid_from: isoDate.optional(),
    valid_to: isoDate.optional(),
  })
  .strict();

export const unitsFileSchema = z
  .object({ units: z.array(unitSchema).min(1, 'Danh sách đơn vị không được rỗng.') })
  .strict()
  .superRefine((v, ctx) => {
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
  });

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
