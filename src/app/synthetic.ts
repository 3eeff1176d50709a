/**
 * Deterministic synthetic submissions (issue 5 "The demo workspace", issue 6 benchmark
 * workspaces): bctd's own template for a unit, filled the way a clerk's Excel saves it (numbers
 * as number cells, texts as shared strings, the derived formulas with their cached results, the
 * Thông tin sheet completed), with plausible values for a district of about 200,000 people and
 * narrative cells of real administrative Vietnamese.
 *
 * Speed matters (the benchmark writes 10,000 workbooks): exceljs takes a few hundred
 * milliseconds to write one workbook, so the template of each (unit kind, period) is built once
 * with exceljs around placeholder unit names, and each unit's workbook is that template's XML
 * with the cells filled in and the names substituted, zipped with fflate. Same seed, same bytes:
 * the zip entries carry a fixed time and the document properties a date from the period.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { writeLedger, type LedgerEntry } from '../io/ledger.js';
import { evaluate, parseExpr, compare, type CompareOp, type Expr } from '../outline/expr.js';
import {
  categorySetOf,
  fnv1a,
  impliedRules,
  inputCells,
  rulesForKind,
} from '../outline/helpers.js';
import type { InputDef, Outline, RuleDef } from '../outline/schema.js';
import {
  addDays,
  compareYmd,
  samePeriodLastYear,
  type Period,
  type YMD,
} from '../period/periods.js';
import type { Unit } from '../period/units.js';
import { parseUnits } from '../workspace/config.js';
import { encodeLegacy } from '../text/legacy.js';
import { formatNumber } from '../text/numbers.js';
import { slugify } from '../text/labels.js';
import { DATA_FIRST_ROW, INFO_FIRST_ROW, SHEET, TEXT_FIRST_ROW } from '../workbook/layout.js';
import {
  buildTemplate,
  columnLetter,
  planTemplate,
  type TemplatePlan,
  type TemplateUnit,
} from '../workbook/template.js';

// ---- seeded randomness ----

/** mulberry32: small, fast, and the same sequence on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  /** About `mean`, spread ±`spread` (a share of the mean). */
  around(mean: number, spread: number): number;
  shuffle<T>(list: readonly T[]): T[];
}

/** A generator keyed by the seed and a purpose (`unit:15667`, `values:15667:2022-6m`). */
export function rngFor(seed: number | string, ...keys: string[]): Rng {
  const next = mulberry32(parseInt(fnv1a([String(seed), ...keys].join('|')), 16));
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)] as (typeof list)[number],
    chance: (p) => next() < p,
    around: (mean, spread) => mean * (1 + (next() * 2 - 1) * spread),
    shuffle: (list) => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
  };
  return rng;
}

// ---- options ----

export const MISTAKES = [
  'text-number',
  'nu-gt-tong',
  'negative',
  'decimal-count',
  'blank-required',
  'tcvn3-text',
  'placeholder-dash',
  'wrong-period',
] as const;
/**
 * Typical mistakes of units' clerks, each giving one kind of validation finding:
 * text-number: numbers typed as text (`6.125`), one money cell as `12,500` (value-ambiguous,
 * a warning); nu-gt-tong: Nữ larger than Tổng số (rule-failed); negative (value-negative);
 * decimal-count: a count with decimals (value-not-integer); blank-required: a required cell
 * left empty (value-blank, error); tcvn3-text: narratives typed in TCVN3 with a .VnTime font
 * (text-legacy-converted); placeholder-dash: `-` typed for zero (read as 0, no finding);
 * wrong-period: last year's template sent again (period-mismatch).
 */
export type Mistake = (typeof MISTAKES)[number];

export interface SynthProfile {
  /** People in the whole district (the Trung tâm Y tế reports births for all of it). */
  districtPopulation?: number;
  /** The day the clerk filled the workbook (Ngày lập, the file's modified date). */
  preparedOn?: YMD;
  /** Narrative cells: `full` (about 10 cells of 1-3 KB), `short` (one sentence each), `none`. */
  narratives?: 'full' | 'short' | 'none';
}

export interface SynthesizeArgs {
  outline: Outline;
  unit: TemplateUnit;
  period: Period;
  seed: number | string;
  profile?: SynthProfile;
  mistakes?: readonly Mistake[];
  /** Written into the template stamp (`bctd 0.1.0`). */
  generator?: string;
}

const DEFAULT_GENERATOR = 'bctd 0.1.0';
const DISTRICT_POPULATION = 200_000;

// ---- values ----

/** member code (or `value`) -> number; what the clerk types, before any mistake. */
export type UnitValues = Record<string, Record<string, number>>;

interface ValueContext {
  rng: Rng;
  /** Stable per unit (the same in every period): population, leaders. */
  stable: Rng;
  unit: TemplateUnit;
  period: Period;
  /** Share of a year the period covers (0.5 for 6 tháng). */
  f: number;
  pop: number;
  districtPop: number;
  commune: boolean;
  values: UnitValues;
}

const SINGLE = 'value';
const FRACTION: Record<Period['kind'], number> = {
  '6m': 0.5,
  '9m': 0.75,
  year: 1,
  q1: 0.25,
  q2: 0.25,
  q3: 0.25,
  q4: 0.25,
};

const round1 = (n: number): number => Math.round(n * 10) / 10;
const nz = (n: number): number => Math.max(0, Math.round(n));

/** A count over the period: `perYear` scaled to the period, a little noise, at least `min`. */
function flow(ctx: ValueContext, perYear: number, spread = 0.35, min = 0): number {
  return Math.max(min, nz(ctx.rng.around(perYear * ctx.f, spread)));
}

/** Women among `tong` at about `share`, never more than `tong`. */
function women(ctx: ValueContext, tong: number, share: number, spread = 0.15): number {
  return Math.min(tong, nz(tong * Math.min(1, ctx.rng.around(share, spread))));
}

function bySex(tong: number, nu: number): Record<string, number> {
  return { tong, nu: Math.min(nu, tong) };
}

/** Per-sex sub-count: `part` of each sex of `of` (so both parts stay within their totals). */
function subset(
  ctx: ValueContext,
  of: Record<string, number> | undefined,
  share: number,
): Record<string, number> {
  const tong = of?.tong ?? 0;
  const nu = of?.nu ?? 0;
  const nam = tong - nu;
  const pick = (n: number) => (n === 0 ? 0 : Math.min(n, nz(n * ctx.rng.around(share, 0.2))));
  const sNu = pick(nu);
  const sNam = pick(nam);
  return { tong: sNu + sNam, nu: sNu };
}

type Generator = (ctx: ValueContext) => Record<string, number>;

/**
 * Plausible values of the built-in `bdg` inputs for a district like Triệu Sơn: about 34
 * communes of about 6,000 people, births about 14 per 1,000 a year with about 112 boys per
 * 100 girls, a handful of family-violence cases per commune a year, funding in triệu đồng.
 */
const BDG: Record<string, Generator> = {
  DAN_SO: (c) => bySex(c.pop, nz(c.pop * c.stable.around(0.505, 0.01))),
  VB_CHI_DAO: (c) => ({ [SINGLE]: flow(c, c.commune ? 4 : 3, 0.5, 1) }),
  BAN_VSTBPN: (c) => ({ [SINGLE]: c.stable.chance(0.9) ? 1 : 0 }),
  CAN_BO_BDG: (c) => {
    const tong = c.stable.int(2, 4);
    return bySex(tong, c.stable.int(1, tong));
  },
  DUOC_PHO_BIEN_BDG: (c) => ({ [SINGLE]: c.rng.chance(0.95) ? 1 : 0 }),
  UBND_CO_LDCC_NU: (c) => ({ [SINGLE]: c.stable.chance(c.commune ? 0.25 : 0.5) ? 1 : 0 }),
  HDND_CO_LDCC_NU: (c) => ({ [SINGLE]: c.stable.chance(c.commune ? 0.3 : 0.5) ? 1 : 0 }),
  CQ_CO_LANH_DAO_NU: (c) => ({ [SINGLE]: c.stable.chance(0.45) ? 1 : 0 }),
  LD_HDND_HUYEN: (c) => bySex(3, c.values.HDND_CO_LDCC_NU?.[SINGLE] === 1 ? 1 : 0),
  LD_UBND_HUYEN: (c) => bySex(4, c.values.UBND_CO_LDCC_NU?.[SINGLE] === 1 ? 1 : 0),
  DAI_BIEU_HDND_HUYEN: (c) => bySex(40, c.stable.int(10, 14)),
  LD_PHONG: (c) => {
    const tong = c.stable.int(2, 4);
    return bySex(tong, c.values.CQ_CO_LANH_DAO_NU?.[SINGLE] === 1 ? c.stable.int(1, 2) : 0);
  },
  CAP_UY_HUYEN: (c) => bySex(45, c.stable.int(7, 10)),
  LD_DOAN_THE: (c) => (/phụ nữ/i.test(c.unit.name) ? bySex(3, 3) : bySex(3, c.stable.int(0, 1))),
  LD_HDND_XA: (c) => bySex(2, c.values.HDND_CO_LDCC_NU?.[SINGLE] === 1 ? 1 : 0),
  LD_UBND_XA: (c) => bySex(3, c.values.UBND_CO_LDCC_NU?.[SINGLE] === 1 ? 1 : 0),
  DAI_BIEU_HDND_XA: (c) => {
    const tong = c.stable.int(21, 27);
    return bySex(tong, c.stable.int(5, 9));
  },
  CAP_UY_XA: (c) => {
    const tong = c.stable.int(13, 17);
    return bySex(tong, c.stable.int(2, 4));
  },
  LD_VIEC_LAM_MOI: (c) => {
    const tong = flow(c, 2400, 0.15);
    return bySex(tong, women(c, tong, 0.46));
  },
  LD_DAO_TAO_NGHE: (c) => {
    const tong = flow(c, 1800, 0.15);
    return bySex(tong, women(c, tong, 0.41));
  },
  DN_HTX: (c) => {
    const tong = c.stable.int(380, 460);
    return { tong, nu_chu: nz(tong * c.stable.around(0.22, 0.1)) };
  },
  VU_BLGD: (c) => ({ [SINGLE]: flow(c, 3, 0.8) }),
  NAN_NHAN_BL: (c) => {
    const vu = c.values.VU_BLGD?.[SINGLE] ?? 0;
    const tong = vu === 0 ? 0 : vu + (c.rng.chance(0.25) ? 1 : 0);
    return bySex(tong, women(c, tong, 0.85, 0.1));
  },
  NAN_NHAN_BL_TUOI: (c) => {
    const nn = c.values.NAN_NHAN_BL ?? { tong: 0, nu: 0 };
    const tong = nn.tong ?? 0;
    const nu = nn.nu ?? 0;
    const duoi16 = tong > 1 && c.rng.chance(0.3) ? 1 : 0;
    const tu60 = tong - duoi16 > 1 && c.rng.chance(0.3) ? 1 : 0;
    const nu1659 = Math.min(nu, tong - duoi16 - tu60);
    return { tong, duoi_16: duoi16, nu_16_59: Math.max(0, nu1659), tu_60: tu60 };
  },
  NAN_NHAN_BL_HO_TRO: (c) => subset(c, c.values.NAN_NHAN_BL, 0.9),
  NGUOI_GAY_BL: (c) => {
    const tong = c.values.VU_BLGD?.[SINGLE] ?? 0;
    return bySex(tong, tong > 0 && c.rng.chance(0.1) ? 1 : 0);
  },
  NGUOI_GAY_BL_CHUA_TRUY_CUU: (c) => subset(c, c.values.NGUOI_GAY_BL, 0.95),
  NGUOI_GAY_BL_TU_VAN: (c) => subset(c, c.values.NGUOI_GAY_BL_CHUA_TRUY_CUU, 0.7),
  MBN_CO_NHU_CAU: (c) => {
    const tong = c.rng.int(0, 2);
    return bySex(tong, tong === 0 ? 0 : c.rng.int(Math.max(0, tong - 1), tong));
  },
  MBN_DUOC_HO_TRO: (c) => subset(c, c.values.MBN_CO_NHU_CAU, 1),
  MO_HINH_CLB: (c) => ({ [SINGLE]: c.stable.int(c.commune ? 1 : 2, c.commune ? 3 : 6) }),
  DIA_CHI_TIN_CAY: (c) => ({ [SINGLE]: c.stable.int(1, 4) }),
  SINH_SONG: (c) => {
    const people = c.commune ? c.pop : c.districtPop;
    const tong = Math.max(1, nz(c.rng.around(people * 0.014 * c.f, c.commune ? 0.2 : 0.04)));
    // Girls from the sex ratio at birth (about 112 boys per 100 girls).
    const ratio = c.rng.around(1.12, c.commune ? 0.1 : 0.02);
    return bySex(tong, nz(tong / (1 + ratio)));
  },
  TU_VONG_ME: () => ({ [SINGLE]: 0 }),
  SINH_ME_15_19: (c) => {
    const births = c.values.SINH_SONG?.tong ?? nz(c.districtPop * 0.014 * c.f);
    return { [SINGLE]: nz(births * c.rng.around(0.025, 0.2)) };
  },
  NU_15_19: (c) => ({ [SINGLE]: nz(c.districtPop * c.stable.around(0.034, 0.05)) }),
  HS_DTTS_CUOI_TH: (c) => {
    const tong = c.stable.int(70, 95);
    return bySex(tong, women(c, tong, 0.48, 0.05));
  },
  HS_DTTS_HT_TH: (c) => subset(c, c.values.HS_DTTS_CUOI_TH, 0.985),
  HS_DTTS_CUOI_THCS: (c) => {
    const tong = c.stable.int(60, 80);
    return bySex(tong, women(c, tong, 0.49, 0.05));
  },
  HS_DTTS_HT_THCS: (c) => subset(c, c.values.HS_DTTS_CUOI_THCS, 0.96),
  GDNN_TUYEN_MOI: (c) => {
    const tong = flow(c, 1300, 0.15);
    return bySex(tong, women(c, tong, 0.38));
  },
  DS_TIEP_CAN_BDG: (c) => {
    const tong = Math.min(c.pop, nz(c.pop * c.rng.around(0.45 + 0.3 * c.f, 0.15)));
    return bySex(tong, women(c, tong, 0.56, 0.05));
  },
  DAT_4_TIN_BAI_QUY: (c) => ({ [SINGLE]: c.stable.chance(0.6) ? 1 : 0 }),
  CHUYEN_MUC_BDG: () => ({ [SINGLE]: 1 }),
  TIN_BAI_BDG: (c) => {
    if (!c.commune) return { [SINGLE]: flow(c, 40, 0.3, 2) };
    const quarters = Math.max(1, Math.round(c.f * 4));
    const yes = c.values.DAT_4_TIN_BAI_QUY?.[SINGLE] === 1;
    // "Có" means at least 04 a quarter (rules R_TIN_BAI_6_THANG, R_TIN_BAI_NAM).
    return { [SINGLE]: yes ? quarters * c.rng.int(4, 7) : c.rng.int(1, quarters * 3) };
  },
  TT_HOAT_DONG: (c) => ({ [SINGLE]: flow(c, c.commune ? 8 : 10, 0.4, 1) }),
  TT_NGUOI_THAM_DU: (c) => {
    const n = c.values.TT_HOAT_DONG?.[SINGLE] ?? 0;
    const tong = n * c.rng.int(60, 140);
    return bySex(tong, women(c, tong, 0.6, 0.1));
  },
  SAN_PHAM_TT: (c) => ({ [SINGLE]: flow(c, c.commune ? 300 : 600, 0.5) }),
  TAP_HUAN_LOP: (c) => ({ [SINGLE]: c.rng.chance(0.6 + 0.3 * c.f) ? c.rng.int(1, 2) : 0 }),
  TAP_HUAN_HOC_VIEN: (c) => {
    const lop = c.values.TAP_HUAN_LOP?.[SINGLE] ?? 0;
    const tong = lop * c.rng.int(35, 70);
    return bySex(tong, women(c, tong, 0.62, 0.1));
  },
  THANG_HD_HOAT_DONG: (c) => ({ [SINGLE]: c.rng.int(1, 4) }),
  THANG_HD_NGUOI: (c) => {
    const n = c.values.THANG_HD_HOAT_DONG?.[SINGLE] ?? 0;
    const tong = n * c.rng.int(80, 200);
    return bySex(tong, women(c, tong, 0.6, 0.1));
  },
  KIEM_TRA: (c) => ({ [SINGLE]: c.rng.int(0, 2) }),
  VI_PHAM_BDG: () => ({ [SINGLE]: 0 }),
  KINH_PHI_NSNN: (c) => {
    const du = c.commune ? c.stable.int(10, 30) : c.stable.int(60, 250);
    return { du_toan: du, thuc_hien: round1(du * c.rng.around(0.75 * c.f + 0.15, 0.15)) };
  },
  KINH_PHI_XHH: (c) => {
    const du = c.commune ? c.stable.int(0, 8) : c.stable.int(5, 40);
    return { du_toan: du, thuc_hien: round1(du * c.rng.around(0.8 * c.f, 0.3)) };
  },
};

/** Any other outline: small counts, about half women, yes mostly, shares within 0..100. */
function genericValues(
  ctx: ValueContext,
  outline: Outline,
  input: InputDef,
): Record<string, number> {
  const { rng } = ctx;
  const set = categorySetOf(outline, input);
  const scalar = (): number => {
    switch (input.type) {
      case 'yes_no':
        return rng.chance(0.7) ? 1 : 0;
      case 'percent':
        return round1(rng.around(60, 0.4));
      case 'money':
      case 'decimal':
        return round1(rng.around(25, 0.6));
      default:
        return flow(ctx, 20, 0.6);
    }
  };
  if (set === undefined) return { [SINGLE]: scalar() };
  const out: Record<string, number> = {};
  const total = set.total;
  const tong = total === undefined ? undefined : scalar();
  if (total !== undefined && tong !== undefined) out[total] = tong;
  const entered = inputCells(outline, input).filter((c) => c.entered && c.member !== total);
  let left = tong ?? Number.POSITIVE_INFINITY;
  entered.forEach((c, i) => {
    const member = c.member as string;
    let v: number;
    if (tong === undefined) v = scalar();
    else if (set.parts_sum_to_total && i === entered.length - 1) v = left;
    else
      v = Math.min(
        left,
        input.type === 'integer'
          ? nz(tong * rng.around(0.5, 0.3))
          : round1(tong * rng.around(0.5, 0.3)),
      );
    if (set.parts_sum_to_total) left -= v;
    out[member] = v;
  });
  return out;
}

const exprCache = new Map<string, Expr | null>();
function expr(text: string): Expr | null {
  let e = exprCache.get(text);
  if (e === undefined) {
    const r = parseExpr(text);
    e = r.ok ? r.ast : null;
    exprCache.set(text, e);
  }
  return e;
}

/** The single reference an expression is (`A.nu`, `VU_BLGD`), or undefined. */
function singleRef(e: Expr | null): { code: string; member: string | undefined } | undefined {
  return e !== null && e.kind === 'ref' ? { code: e.code, member: e.member } : undefined;
}

function lookupIn(outline: Outline, values: UnitValues) {
  const byCode = new Map(outline.inputs.map((i) => [i.code, i]));
  return (code: string, member: string | undefined): number | null => {
    const def = byCode.get(code);
    const m = member ?? (def ? categorySetOf(outline, def)?.total : undefined) ?? SINGLE;
    return values[code]?.[m] ?? null;
  };
}

/**
 * Nudges values until the outline's rules hold (for outlines the generators do not know): a
 * failing `A <= B` lowers A, `A >= B` raises A, `A = B` copies B; whichever side is a single
 * cell. The bdg generators already satisfy their rules; this is the safety net.
 */
function satisfyRules(outline: Outline, kind: string, period: Period, values: UnitValues): void {
  const rules: RuleDef[] = [
    ...impliedRules(outline).filter(
      (r) => r.applies_to === undefined || r.applies_to.includes(kind),
    ),
    ...rulesForKind(outline, kind, period.kind),
  ];
  const lookup = lookupIn(outline, values);
  const byCode = new Map(outline.inputs.map((i) => [i.code, i]));
  const set = (ref: { code: string; member: string | undefined }, v: number): void => {
    const def = byCode.get(ref.code);
    const m = ref.member ?? (def ? categorySetOf(outline, def)?.total : undefined) ?? SINGLE;
    const row = values[ref.code];
    if (row === undefined || row[m] === undefined) return;
    row[m] = def?.type === 'integer' ? Math.max(0, Math.floor(v)) : Math.max(0, v);
  };
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const r of rules) {
      if (r.op === 'compulsory_pair' || r.op === 'exclusive_pair') continue;
      const left = expr(r.left);
      const right = expr(r.right);
      if (left === null || right === null) continue;
      const l = evaluate(left, lookup);
      const rv = evaluate(right, lookup);
      if (typeof l !== 'number' || typeof rv !== 'number') continue;
      if (compare(l, r.op as CompareOp, rv)) continue;
      const lr = singleRef(left);
      const rr = singleRef(right);
      if (lr !== undefined) {
        const target = r.op === '<' ? rv - 1 : r.op === '>' ? rv + 1 : rv;
        set(lr, target);
      } else if (rr !== undefined) {
        const target = r.op === '<' ? l + 1 : r.op === '>' ? l - 1 : l;
        set(rr, target);
      } else continue;
      changed = true;
    }
    if (!changed) break;
  }
}

/** The values a unit types for a period (entered members only), keyed by input code. */
export function synthesizeValues(args: {
  outline: Outline;
  unit: TemplateUnit;
  period: Period;
  seed: number | string;
  profile?: SynthProfile;
}): UnitValues {
  const { outline, unit, period, seed } = args;
  const plan = planTemplate(outline, unit.kind, period);
  const stable = rngFor(seed, 'unit', unit.code);
  const commune = unit.kind === 'xa' || unit.kind === 'thi_tran' || unit.kind === 'phuong';
  const pop = nz(
    unit.kind === 'thi_tran'
      ? stable.around(10_500, 0.3)
      : commune
        ? stable.around(5_900, 0.35)
        : 0,
  );
  const values: UnitValues = {};
  const ctx: ValueContext = {
    rng: rngFor(seed, 'values', unit.code, period.id),
    stable,
    unit,
    period,
    f: FRACTION[period.kind],
    pop,
    districtPop: args.profile?.districtPopulation ?? DISTRICT_POPULATION,
    commune,
    values,
  };
  for (const row of plan.rows) {
    if (row.kind !== 'input') continue;
    const input = row.input;
    if (input.type === 'text') continue;
    const gen = outline.id === 'bdg' ? BDG[input.code] : undefined;
    const raw = gen ? gen(ctx) : genericValues(ctx, outline, input);
    const entered = new Set(
      inputCells(outline, input)
        .filter((c) => c.entered)
        .map((c) => c.member ?? SINGLE),
    );
    const row2: Record<string, number> = {};
    for (const [m, v] of Object.entries(raw)) if (entered.has(m)) row2[m] = v;
    values[input.code] = row2;
  }
  satisfyRules(outline, unit.kind, period, values);
  return values;
}

// ---- narratives ----

interface TextContext {
  rng: Rng;
  unit: TemplateUnit;
  period: Period;
  values: UnitValues;
  outline: Outline;
}

/** `Xã Thọ Sơn` -> `xã Thọ Sơn` inside a sentence; offices keep their capital. */
function inSentence(name: string): string {
  return /^(Xã|Thị trấn|Phường) /.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

function agencyOf(unit: TemplateUnit): string {
  return /^(Xã|Thị trấn|Phường) /.test(unit.name) ? `UBND ${inSentence(unit.name)}` : unit.name;
}

const TOPICS: Array<[RegExp, string]> = [
  [/muc tieu 1|chinh tri/, 'chinh_tri'],
  [/muc tieu 2|kinh te, lao dong/, 'kinh_te'],
  [/muc tieu 3|gia dinh/, 'gia_dinh'],
  [/muc tieu 4|y te/, 'y_te'],
  [/muc tieu 5|giao duc, dao tao/, 'giao_duc'],
  [/muc tieu 6/, 'truyen_thong'],
  [/van ban chi dao|ke hoach trien khai/, 'chi_dao'],
  [/kien toan|bo tri can bo/, 'kien_toan'],
  [/long ghep/, 'long_ghep'],
  [/thang hanh dong/, 'thang_hd'],
  [/tap huan/, 'tap_huan'],
  [/mo hinh|dia chi tin cay|ho tro, can thiep/, 'mo_hinh'],
  [/thanh tra|kiem tra/, 'thanh_tra'],
  [/kinh phi/, 'kinh_phi'],
  [/thong tin, truyen thong|pho bien/, 'truyen_thong'],
  [/uu diem|ket qua noi bat/, 'uu_diem'],
  [/ton tai|han che/, 'ton_tai'],
  [/nguyen nhan/, 'nguyen_nhan'],
  [/phuong huong|nhiem vu/, 'phuong_huong'],
  [/kien nghi|de xuat/, 'kien_nghi'],
];

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

function topicOf(title: string): string {
  const t = fold(title);
  for (const [re, topic] of TOPICS) if (re.test(t)) return topic;
  return 'chung';
}

/**
 * Sentence templates by topic. `{cq}` the unit as an agency (UBND xã Thọ Sơn), `{dv}` its name,
 * `{ky}` the period (6 tháng đầu năm 2022), `{nam}` the year, `{nam_sau}` the next one,
 * `{CODE}` / `{CODE.member}` a value the unit reported (the sentence is skipped when the unit
 * has no such value), `{so}` a document number, `{ngay}` a date in the period.
 */
const BANK: Record<string, string[]> = {
  chi_dao: [
    'Thực hiện Kế hoạch số 193/KH-UBND ngày 25/8/2021 của UBND tỉnh về thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030 và các văn bản hướng dẫn của UBND huyện, {cq} đã xây dựng kế hoạch triển khai công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm {nam}.',
    'Trong {ky}, {cq} đã ban hành {VB_CHI_DAO} văn bản chỉ đạo, kế hoạch, hướng dẫn về bình đẳng giới, vì sự tiến bộ của phụ nữ và phòng ngừa, ứng phó với bạo lực trên cơ sở giới.',
    'Kế hoạch số {so}/KH-UBND ngày {ngay} xác định rõ mục tiêu, chỉ tiêu, nhiệm vụ của từng bộ phận, phân công cán bộ phụ trách và thời hạn báo cáo kết quả thực hiện.',
    'Công tác bình đẳng giới được đưa vào chương trình công tác năm của đơn vị, gắn với nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh trên địa bàn.',
    'Lãnh đạo đơn vị thường xuyên quán triệt đến cán bộ, công chức, viên chức và người lao động các quy định của Luật Bình đẳng giới và các văn bản hướng dẫn thi hành.',
    'Các văn bản chỉ đạo được gửi kịp thời đến các thôn, khu phố, các tổ chức đoàn thể và được đăng tải trên hệ thống thông tin cơ sở để nhân dân biết, thực hiện.',
    'Việc triển khai thực hiện được lồng ghép trong các cuộc họp giao ban định kỳ; những khó khăn, vướng mắc phát sinh được xem xét, giải quyết kịp thời.',
  ],
  kien_toan: [
    'Ban Vì sự tiến bộ của phụ nữ của đơn vị được kiện toàn theo quyết định số {so}/QĐ-UBND ngày {ngay}, gồm đồng chí Phó Chủ tịch UBND làm Trưởng ban và đại diện các ban, ngành, đoàn thể làm thành viên.',
    'Đơn vị đã phân công {CAN_BO_BDG} cán bộ làm công tác bình đẳng giới, trong đó có {CAN_BO_BDG.nu} cán bộ nữ; các đồng chí đều kiêm nhiệm, chủ yếu là công chức văn hóa - xã hội.',
    'Ban Vì sự tiến bộ của phụ nữ đã xây dựng quy chế hoạt động, phân công nhiệm vụ cụ thể cho từng thành viên và duy trì họp định kỳ theo quý.',
    'Cán bộ phụ trách công tác bình đẳng giới được tạo điều kiện tham gia các lớp tập huấn, bồi dưỡng nghiệp vụ do huyện tổ chức.',
    'Hằng quý, Ban Vì sự tiến bộ của phụ nữ tổng hợp, đánh giá tình hình thực hiện và báo cáo lãnh đạo đơn vị để chỉ đạo kịp thời.',
    'Do cán bộ làm công tác bình đẳng giới đều kiêm nhiệm nhiều việc, thời gian dành cho công tác này còn hạn chế.',
  ],
  long_ghep: [
    'Vấn đề bình đẳng giới được lồng ghép trong kế hoạch phát triển kinh tế - xã hội năm {nam} của đơn vị, nhất là trong các nội dung về lao động, việc làm, giảm nghèo, giáo dục và y tế.',
    'Khi xây dựng các chương trình, kế hoạch, đơn vị đã chú ý thu thập số liệu có tách biệt theo giới tính để làm căn cứ đánh giá tác động đối với nam và nữ.',
    'Các chính sách hỗ trợ sản xuất, vay vốn, đào tạo nghề được phổ biến rộng rãi để phụ nữ, nhất là phụ nữ thuộc hộ nghèo, hộ cận nghèo được tiếp cận bình đẳng.',
    'Việc lồng ghép giới trong các chương trình mục tiêu quốc gia được thực hiện thông qua các tiêu chí về tỷ lệ phụ nữ tham gia và hưởng lợi từ các dự án.',
    'Tuy nhiên, việc lồng ghép còn mang tính hình thức ở một số nội dung; số liệu tách biệt theo giới tính chưa được cập nhật thường xuyên.',
  ],
  chinh_tri: [
    'Công tác quy hoạch, đào tạo, bồi dưỡng cán bộ nữ tiếp tục được quan tâm; tỷ lệ cán bộ nữ trong quy hoạch các chức danh lãnh đạo được bảo đảm theo hướng dẫn.',
    'Thường trực HĐND của đơn vị gồm {LD_HDND_XA} đồng chí, trong đó có {LD_HDND_XA.nu} đồng chí nữ; lãnh đạo UBND gồm {LD_UBND_XA} đồng chí, trong đó có {LD_UBND_XA.nu} đồng chí nữ.',
    'Số đại biểu HĐND nhiệm kỳ 2021-2026 là {DAI_BIEU_HDND_XA} người, trong đó nữ {DAI_BIEU_HDND_XA.nu} người; Ban Chấp hành Đảng bộ có {CAP_UY_XA.nu}/{CAP_UY_XA} đồng chí nữ.',
    'Lãnh đạo phòng gồm {LD_PHONG} đồng chí, trong đó có {LD_PHONG.nu} đồng chí nữ.',
    'Đại biểu HĐND huyện nhiệm kỳ 2021-2026 có {DAI_BIEU_HDND_HUYEN.nu}/{DAI_BIEU_HDND_HUYEN} đại biểu nữ; Thường trực HĐND huyện có {LD_HDND_HUYEN.nu}/{LD_HDND_HUYEN} đồng chí nữ.',
    'Ban Chấp hành Đảng bộ huyện có {CAP_UY_HUYEN.nu}/{CAP_UY_HUYEN} ủy viên là nữ.',
    'Lãnh đạo chủ chốt của đoàn thể gồm {LD_DOAN_THE} đồng chí, trong đó có {LD_DOAN_THE.nu} đồng chí nữ.',
    'Việc bố trí, sử dụng cán bộ nữ bảo đảm đúng quy định, tạo điều kiện để cán bộ nữ phát huy năng lực, tham gia công tác lãnh đạo, quản lý.',
    'Tỷ lệ nữ tham gia cấp ủy và các vị trí lãnh đạo chủ chốt còn thấp so với mục tiêu; nguồn cán bộ nữ trẻ có trình độ đáp ứng yêu cầu còn ít.',
  ],
  kinh_te: [
    'Trong {ky}, toàn huyện giải quyết việc làm mới cho {LD_VIEC_LAM_MOI} lao động, trong đó lao động nữ {LD_VIEC_LAM_MOI.nu} người.',
    'Công tác đào tạo nghề cho lao động nông thôn được quan tâm, đã đào tạo {LD_DAO_TAO_NGHE} lao động, trong đó nữ {LD_DAO_TAO_NGHE.nu} người, chủ yếu các nghề may công nghiệp, chăn nuôi, trồng trọt.',
    'Trên địa bàn có {DN_HTX} doanh nghiệp, hợp tác xã đang hoạt động, trong đó {DN_HTX.nu_chu} đơn vị có giám đốc hoặc chủ là nữ.',
    'Phụ nữ được tạo điều kiện tiếp cận các nguồn vốn vay ưu đãi của Ngân hàng Chính sách xã hội thông qua các tổ tiết kiệm và vay vốn do Hội Liên hiệp Phụ nữ quản lý.',
    'Các chỉ tiêu về tỷ lệ lao động nữ làm công hưởng lương chưa có số liệu điều tra ở cấp huyện nên chưa đánh giá được.',
  ],
  gia_dinh: [
    'Trong {ky}, trên địa bàn phát hiện {VU_BLGD} vụ bạo lực gia đình với {NAN_NHAN_BL} người bị bạo lực, trong đó nữ {NAN_NHAN_BL.nu} người.',
    'Số người bị bạo lực được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản là {NAN_NHAN_BL_HO_TRO} người; số người gây bạo lực được tư vấn, tham vấn là {NGUOI_GAY_BL_TU_VAN} người.',
    'Các vụ việc đều được Tổ hòa giải ở thôn, khu phố phối hợp với công an, Hội Liên hiệp Phụ nữ kịp thời can thiệp, hòa giải; không để xảy ra vụ việc nghiêm trọng.',
    'Đơn vị đã chỉ đạo các thôn, khu phố rà soát các hộ gia đình có nguy cơ xảy ra bạo lực để tư vấn, nhắc nhở, phòng ngừa từ sớm.',
    'Nguyên nhân chủ yếu của các vụ bạo lực gia đình là mâu thuẫn về kinh tế, sử dụng rượu bia và nhận thức về bình đẳng giới của một bộ phận người dân còn hạn chế.',
    'Trong kỳ, phát hiện {MBN_CO_NHU_CAU} nạn nhân bị mua bán trở về có nhu cầu hỗ trợ; {MBN_DUOC_HO_TRO} người đã được hưởng các dịch vụ hỗ trợ và tái hòa nhập cộng đồng.',
    'Việc xây dựng gia đình no ấm, tiến bộ, hạnh phúc gắn với phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa" được các thôn, khu phố hưởng ứng tích cực.',
    'Một số nạn nhân còn tâm lý e ngại, không muốn tố giác nên việc phát hiện, thống kê các vụ bạo lực gia đình có thể chưa đầy đủ.',
  ],
  y_te: [
    'Trong {ky}, trên địa bàn có {SINH_SONG} trẻ sinh ra sống, trong đó trẻ gái {SINH_SONG.nu} trẻ.',
    'Cộng tác viên dân số ở các thôn, khu phố thường xuyên theo dõi, cập nhật biến động dân số và vận động các cặp vợ chồng không lựa chọn giới tính thai nhi.',
    'Trạm Y tế phối hợp với các đoàn thể tổ chức truyền thông về chăm sóc sức khỏe sinh sản, kiểm soát mất cân bằng giới tính khi sinh và phòng, chống tảo hôn.',
    'Không có trường hợp tử vong mẹ liên quan đến thai sản; công tác quản lý thai nghén, khám thai định kỳ được thực hiện đầy đủ.',
    'Trung tâm Y tế huyện ghi nhận {SINH_SONG} trẻ sinh ra sống, trong đó {SINH_SONG.nu} trẻ gái; số trẻ sinh ra có mẹ từ 15 đến 19 tuổi là {SINH_ME_15_19} trường hợp.',
    'Các cơ sở y tế thực hiện nghiêm quy định cấm tiết lộ giới tính thai nhi; không phát hiện trường hợp vi phạm trong kỳ.',
  ],
  giao_duc: [
    'Năm học {nam_truoc}-{nam}, toàn huyện có {HS_DTTS_CUOI_TH} học sinh dân tộc thiểu số học lớp 5, trong đó {HS_DTTS_HT_TH} em hoàn thành chương trình tiểu học.',
    'Số học sinh dân tộc thiểu số học lớp 9 là {HS_DTTS_CUOI_THCS} em, trong đó {HS_DTTS_HT_THCS} em hoàn thành chương trình trung học cơ sở.',
    'Trong kỳ, các cơ sở giáo dục nghề nghiệp tuyển mới {GDNN_TUYEN_MOI} học viên, trong đó nữ {GDNN_TUYEN_MOI.nu} người.',
    'Nội dung giáo dục về giới, bình đẳng giới được lồng ghép trong các hoạt động ngoại khóa, sinh hoạt dưới cờ và giờ giáo dục kỹ năng sống ở các nhà trường.',
    'Tỷ lệ học sinh nữ và học sinh nam đi học đúng độ tuổi ở các cấp học tương đương nhau; không có tình trạng học sinh nữ bỏ học vì lý do giới.',
  ],
  truyen_thong: [
    'Trong {ky}, {cq} đã tổ chức {TT_HOAT_DONG} hội nghị, buổi truyền thông, nói chuyện chuyên đề về bình đẳng giới và phòng ngừa bạo lực trên cơ sở giới với {TT_NGUOI_THAM_DU} lượt người tham dự, trong đó nữ {TT_NGUOI_THAM_DU.nu} lượt.',
    'Đài truyền thanh đã phát {TIN_BAI_BDG} tin, bài về bình đẳng giới, phòng, chống bạo lực gia đình, phòng, chống mua bán người.',
    'Đơn vị đã in và cấp phát {SAN_PHAM_TT} tờ rơi, tài liệu, pa nô, áp phích về bình đẳng giới đến các thôn, khu phố và hộ gia đình.',
    'Số người dân được tiếp cận kiến thức cơ bản về bình đẳng giới trong kỳ ước đạt {DS_TIEP_CAN_BDG} người, trong đó nữ {DS_TIEP_CAN_BDG.nu} người.',
    'Hình thức truyền thông được đổi mới, kết hợp giữa hội nghị tập trung với truyền thông nhóm nhỏ, sinh hoạt câu lạc bộ và tuyên truyền trên mạng xã hội.',
    'Nội dung truyền thông tập trung vào Luật Bình đẳng giới, Luật Phòng, chống bạo lực gia đình năm 2022, vai trò của nam giới trong chia sẻ công việc gia đình.',
    'Các tổ chức đoàn thể lồng ghép nội dung bình đẳng giới trong các buổi sinh hoạt chi hội, tổ hội, thu hút đông đảo hội viên tham gia.',
  ],
  thang_hd: [
    'Hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm {nam}, đơn vị đã tổ chức {THANG_HD_HOAT_DONG} hoạt động với {THANG_HD_NGUOI} lượt người tham gia.',
    'Đơn vị đã treo băng rôn, khẩu hiệu tại trụ sở và các trục đường chính; đài truyền thanh phát thông điệp của Tháng hành động hằng ngày.',
    'Các đoàn thể tổ chức tọa đàm, giao lưu về chủ đề xây dựng gia đình hạnh phúc, phòng ngừa bạo lực đối với phụ nữ và trẻ em.',
    'Tháng hành động được triển khai đồng bộ, tạo sự chuyển biến về nhận thức của cán bộ và nhân dân về bình đẳng giới.',
  ],
  tap_huan: [
    'Trong {ky}, đơn vị đã tổ chức {TAP_HUAN_LOP} lớp tập huấn kiến thức về giới, bình đẳng giới, kỹ năng lồng ghép giới cho {TAP_HUAN_HOC_VIEN} lượt học viên, trong đó nữ {TAP_HUAN_HOC_VIEN.nu} lượt.',
    'Học viên là cán bộ, công chức, trưởng thôn, chi hội trưởng các đoàn thể và thành viên tổ hòa giải ở cơ sở.',
    'Nội dung tập huấn gồm các quy định của pháp luật về bình đẳng giới, kỹ năng phát hiện, hỗ trợ nạn nhân bạo lực gia đình và lồng ghép giới trong xây dựng kế hoạch.',
    'Cán bộ phụ trách công tác bình đẳng giới tham gia đầy đủ các lớp tập huấn do huyện tổ chức.',
    'Qua tập huấn, năng lực của đội ngũ làm công tác bình đẳng giới ở cơ sở từng bước được nâng lên.',
  ],
  mo_hinh: [
    'Hiện nay đơn vị duy trì {MO_HINH_CLB} mô hình, câu lạc bộ phòng ngừa, ứng phó với bạo lực trên cơ sở giới và {DIA_CHI_TIN_CAY} địa chỉ tin cậy tại cộng đồng.',
    'Các câu lạc bộ sinh hoạt định kỳ hằng quý với các chủ đề về gia đình, nuôi dạy con, phòng, chống bạo lực gia đình.',
    'Địa chỉ tin cậy được bố trí tại nhà các hộ gia đình có uy tín, được niêm yết số điện thoại liên hệ để người dân biết khi cần hỗ trợ.',
    'Một số câu lạc bộ hoạt động chưa đều do thiếu kinh phí và người điều hành kiêm nhiệm nhiều việc.',
  ],
  thanh_tra: [
    'Trong {ky}, đơn vị đã thực hiện {KIEM_TRA} cuộc thanh tra, kiểm tra có nội dung về bình đẳng giới, tập trung vào việc thực hiện chính sách đối với lao động nữ tại các doanh nghiệp.',
    'Qua kiểm tra, các đơn vị cơ bản thực hiện đúng quy định; phát hiện, xử lý {VI_PHAM_BDG} vụ vi phạm pháp luật về bình đẳng giới.',
    'Việc kiểm tra, giám sát được lồng ghép với kiểm tra thực hiện pháp luật lao động và an toàn, vệ sinh lao động.',
  ],
  kinh_phi: [
    'Dự toán kinh phí thực hiện công tác bình đẳng giới năm {nam} từ ngân sách nhà nước là {KINH_PHI_NSNN.du_toan} triệu đồng; trong {ky} đã thực hiện {KINH_PHI_NSNN.thuc_hien} triệu đồng.',
    'Kinh phí huy động xã hội hóa và các nguồn hợp pháp khác trong kỳ là {KINH_PHI_XHH.thuc_hien} triệu đồng.',
    'Kinh phí được sử dụng cho các hoạt động truyền thông, tập huấn, hỗ trợ hoạt động của các câu lạc bộ và tổ chức Tháng hành động.',
    'Kinh phí bố trí cho công tác bình đẳng giới còn thấp so với nhu cầu, chủ yếu lồng ghép trong kinh phí hoạt động chung của đơn vị.',
  ],
  uu_diem: [
    'Công tác bình đẳng giới nhận được sự quan tâm lãnh đạo, chỉ đạo của cấp ủy, chính quyền; các văn bản chỉ đạo được ban hành kịp thời, phù hợp với thực tế của đơn vị.',
    'Công tác thông tin, truyền thông được đẩy mạnh với nhiều hình thức phong phú, góp phần nâng cao nhận thức của cán bộ và nhân dân về bình đẳng giới.',
    'Sự phối hợp giữa chính quyền với Mặt trận Tổ quốc và các đoàn thể, nhất là Hội Liên hiệp Phụ nữ, ngày càng chặt chẽ.',
    'Các vụ bạo lực gia đình được phát hiện và can thiệp kịp thời, không để xảy ra hậu quả nghiêm trọng.',
    'Vai trò, vị thế của phụ nữ trong gia đình và xã hội từng bước được nâng lên; nhiều chị em tích cực tham gia phát triển kinh tế hộ gia đình.',
  ],
  ton_tai: [
    'Nhận thức về bình đẳng giới của một bộ phận cán bộ và nhân dân còn hạn chế; tư tưởng trọng nam hơn nữ vẫn còn tồn tại ở một số gia đình.',
    'Tỷ lệ nữ tham gia cấp ủy, HĐND và giữ các vị trí lãnh đạo chủ chốt chưa đạt mục tiêu đề ra.',
    'Việc thu thập, cập nhật số liệu thống kê có tách biệt giới tính còn chậm, chưa đầy đủ.',
    'Hoạt động của một số câu lạc bộ, mô hình chưa thường xuyên, hiệu quả chưa cao.',
    'Tỷ số giới tính khi sinh còn ở mức cao; tình trạng lựa chọn giới tính thai nhi chưa được ngăn chặn triệt để.',
  ],
  nguyen_nhan: [
    'Nguyên nhân khách quan: kinh phí bố trí cho công tác bình đẳng giới còn hạn chế; đời sống của một bộ phận nhân dân còn khó khăn.',
    'Nguyên nhân chủ quan: cán bộ làm công tác bình đẳng giới đều kiêm nhiệm, thường xuyên thay đổi; một số cấp ủy, chính quyền chưa quan tâm đúng mức.',
    'Công tác phối hợp giữa các ban, ngành, đoàn thể có lúc chưa chặt chẽ; việc kiểm tra, đôn đốc chưa thường xuyên.',
    'Phong tục, tập quán lạc hậu và định kiến giới vẫn còn ảnh hưởng đến nhận thức và hành vi của một bộ phận người dân.',
  ],
  phuong_huong: [
    'Tiếp tục quán triệt, triển khai thực hiện có hiệu quả Luật Bình đẳng giới, Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030 và các kế hoạch của tỉnh, huyện.',
    'Đẩy mạnh công tác thông tin, truyền thông, đổi mới nội dung, hình thức tuyên truyền phù hợp với từng nhóm đối tượng; tổ chức tốt Tháng hành động vì bình đẳng giới năm {nam}.',
    'Quan tâm công tác quy hoạch, đào tạo, bồi dưỡng cán bộ nữ; tạo nguồn cán bộ nữ cho nhiệm kỳ tới.',
    'Duy trì hoạt động của các câu lạc bộ, địa chỉ tin cậy; kịp thời phát hiện, can thiệp, hỗ trợ các trường hợp bị bạo lực gia đình.',
    'Nâng cao chất lượng thu thập, tổng hợp số liệu có tách biệt giới tính; thực hiện báo cáo đúng thời hạn.',
    'Tiếp tục kiện toàn Ban Vì sự tiến bộ của phụ nữ, phân công nhiệm vụ cụ thể cho từng thành viên.',
  ],
  kien_nghi: [
    'Đề nghị UBND huyện quan tâm bố trí kinh phí cho công tác bình đẳng giới ở cấp xã, nhất là kinh phí hỗ trợ hoạt động của các câu lạc bộ, địa chỉ tin cậy.',
    'Đề nghị Phòng Lao động - Thương binh và Xã hội tiếp tục tổ chức tập huấn nâng cao năng lực cho cán bộ làm công tác bình đẳng giới ở cơ sở.',
    'Đề nghị cấp trên cung cấp thêm tài liệu truyền thông về bình đẳng giới, phòng, chống bạo lực gia đình để cấp phát cho các thôn, khu phố.',
  ],
  chung: [
    '{cq} đã triển khai nội dung này theo đúng hướng dẫn của UBND huyện và các phòng chuyên môn.',
    'Kết quả cụ thể được tổng hợp trong biểu số liệu kèm theo báo cáo này.',
    'Đơn vị sẽ tiếp tục theo dõi, đôn đốc và báo cáo kết quả trong các kỳ tiếp theo.',
  ],
};

/** Closing sentences any section may borrow to reach its length. */
const FILLER = [
  'Trong quá trình triển khai, đơn vị luôn bám sát sự chỉ đạo của Huyện ủy, HĐND, UBND huyện và hướng dẫn chuyên môn của Phòng Lao động - Thương binh và Xã hội.',
  'Các nội dung được triển khai gắn với việc thực hiện nhiệm vụ chính trị của đơn vị, bảo đảm thiết thực, tiết kiệm, hiệu quả.',
  'Công tác phối hợp giữa chính quyền với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội được duy trì thường xuyên.',
  'Kết quả đạt được đã góp phần nâng cao nhận thức và thay đổi hành vi của cán bộ, đảng viên và nhân dân về bình đẳng giới.',
  'Đơn vị thường xuyên kiểm tra, đôn đốc các bộ phận, thôn, khu phố thực hiện; kịp thời chấn chỉnh những thiếu sót phát sinh.',
  'Bên cạnh kết quả đạt được, việc thực hiện vẫn còn một số khó khăn do địa bàn rộng, dân cư không tập trung và lực lượng cán bộ còn mỏng.',
  'Đơn vị đã chủ động lồng ghép các nội dung này trong các buổi sinh hoạt của chi bộ, các đoàn thể và các cuộc họp thôn, khu phố.',
  'Những kinh nghiệm rút ra trong kỳ sẽ được đơn vị vận dụng để triển khai nhiệm vụ thời gian tới đạt hiệu quả cao hơn.',
  'Số liệu báo cáo được tổng hợp từ sổ sách theo dõi của các bộ phận chuyên môn và báo cáo của các thôn, khu phố.',
  'Đơn vị cam kết số liệu và nội dung báo cáo là trung thực, đầy đủ, đúng thời điểm chốt số liệu theo quy định.',
];

function formatValue(n: number): string {
  return formatNumber(n, 1);
}

/** Fills a template; undefined when it names a value the unit did not report. */
function fillSentence(tpl: string, ctx: TextContext): string | undefined {
  let missing = false;
  const out = tpl.replace(
    /\{([A-Za-z_][A-Za-z0-9_]*)(?:\.([a-z0-9_]+))?\}/g,
    (_m, key: string, member?: string) => {
      switch (key) {
        case 'cq':
          return agencyOf(ctx.unit);
        case 'dv':
          return ctx.unit.name;
        case 'ky':
          return ctx.period.label;
        case 'nam':
          return String(ctx.period.year);
        case 'nam_sau':
          return String(ctx.period.year + 1);
        case 'nam_truoc':
          return String(ctx.period.year - 1);
        case 'so':
          return String(ctx.rng.int(3, 180)).padStart(2, '0');
        case 'ngay': {
          const d = addDays(ctx.period.start, ctx.rng.int(20, 120));
          return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
        }
      }
      const row = ctx.values[key];
      const def = ctx.outline.inputs.find((i) => i.code === key);
      const m = member ?? (def ? categorySetOf(ctx.outline, def)?.total : undefined) ?? SINGLE;
      const v = row?.[m];
      if (v === undefined) {
        missing = true;
        return '';
      }
      return formatValue(v);
    },
  );
  if (missing) return undefined;
  // "trong đó có 0 đồng chí nữ" is not how a clerk writes it.
  return out
    .replace(/trong đó có 0 ([^;,.]+)/g, 'không có $1')
    .replace(/trong đó (nữ|trẻ gái) 0 [^;,.]+/g, 'không có $1');
}

const utf8Length = (s: string): number => strToU8(s).length;

/**
 * A narrative of `min`..`max` bytes: the topic's sentences that the unit's values allow, in a
 * shuffled order, then common sentences until long enough; 2-3 paragraphs.
 */
function composeNarrative(ctx: TextContext, title: string, min: number, max: number): string {
  const topic = topicOf(title);
  const own = (BANK[topic] ?? BANK.chung ?? [])
    .map((t) => fillSentence(t, ctx))
    .filter((s): s is string => s !== undefined);
  const pool = [...own, ...ctx.rng.shuffle(FILLER).map((t) => fillSentence(t, ctx) ?? '')];
  const target = ctx.rng.int(min, max);
  const chosen: string[] = [];
  let bytes = 0;
  for (const s of pool) {
    if (s === '' || bytes >= target) continue;
    if (bytes + utf8Length(s) > max && chosen.length > 0) continue;
    chosen.push(s);
    bytes += utf8Length(s) + 1;
  }
  const paras: string[] = [];
  const per = Math.max(2, Math.ceil(chosen.length / ctx.rng.int(2, 3)));
  for (let i = 0; i < chosen.length; i += per) paras.push(chosen.slice(i, i + per).join(' '));
  return paras.join('\n').normalize('NFC');
}

// ---- people ----

const HO = [
  'Nguyễn',
  'Lê',
  'Lê',
  'Trịnh',
  'Hoàng',
  'Phạm',
  'Đỗ',
  'Vũ',
  'Mai',
  'Hà',
  'Lường',
  'Cao',
];
const DEM_NU = ['Thị', 'Thị', 'Thị Thu', 'Thị Minh', 'Thị Thanh', 'Thị Hồng'];
const DEM_NAM = ['Văn', 'Văn', 'Đình', 'Xuân', 'Hữu', 'Minh'];
const TEN_NU = [
  'Hoa',
  'Lan',
  'Hương',
  'Nga',
  'Hằng',
  'Thủy',
  'Dung',
  'Hiền',
  'Phương',
  'Yến',
  'Loan',
];
const TEN_NAM = ['Hùng', 'Dũng', 'Tuấn', 'Thắng', 'Long', 'Quang', 'Sơn', 'Hải', 'Cường', 'Nam'];

function preparerName(rng: Rng): string {
  const female = rng.chance(0.7);
  return `${rng.pick(HO)} ${rng.pick(female ? DEM_NU : DEM_NAM)} ${rng.pick(female ? TEN_NU : TEN_NAM)}`;
}

function phoneNumber(rng: Rng): string {
  // Thanh Hóa's landline area code is 0237; clerks give a mobile about as often.
  if (rng.chance(0.4))
    return `0237 ${rng.int(3860, 3869)} ${String(rng.int(0, 999)).padStart(3, '0')}`;
  const d = () => String(rng.int(0, 999)).padStart(3, '0');
  return `09${rng.int(1, 8)}${rng.int(0, 9)} ${d()} ${d()}`;
}

// ---- the template prototype and its XML ----

const CODE_MARK = 'QQBCTDCODEQQ';
const NAME_MARK = 'QQBCTDNAMEQQ';

interface Prototype {
  files: Record<string, Uint8Array>;
  /** Sheet name -> part name (`xl/worksheets/sheet2.xml`). */
  sheets: Map<string, string>;
  sheetXml: Map<string, string>;
  sst: string;
  core: string;
  plan: TemplatePlan;
}

const prototypes = new WeakMap<Outline, Map<string, Promise<Prototype>>>();

/** The day a template goes out: three weeks before the period's cut-off. */
function issuedOn(period: Period): YMD {
  return addDays(period.end, -21);
}

function sheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const wb = strFromU8(files['xl/workbook.xml'] ?? new Uint8Array());
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels'] ?? new Uint8Array());
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g))
    targets.set(m[1] as string, m[2] as string);
  for (const m of rels.matchAll(/<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"/g))
    targets.set(m[2] as string, m[1] as string);
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = targets.get(m[2] as string);
    if (target === undefined) continue;
    const name = unescapeXml(m[1] as string);
    out.set(name, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return out;
}

async function prototypeFor(
  outline: Outline,
  kind: string,
  period: Period,
  generator: string,
): Promise<Prototype> {
  let byKey = prototypes.get(outline);
  if (byKey === undefined) {
    byKey = new Map();
    prototypes.set(outline, byKey);
  }
  const key = `${kind}|${period.id}|${generator}`;
  let p = byKey.get(key);
  if (p === undefined) {
    p = (async () => {
      const bytes = await buildTemplate({
        outline,
        unit: { code: CODE_MARK, name: NAME_MARK, kind },
        period,
        generator,
        now: issuedOn(period),
      });
      const files = unzipSync(bytes);
      const sheets = sheetParts(files);
      const sheetXml = new Map<string, string>();
      for (const [name, part] of sheets) {
        const f = files[part];
        if (f !== undefined) sheetXml.set(name, strFromU8(f));
      }
      return {
        files,
        sheets,
        sheetXml,
        sst: strFromU8(files['xl/sharedStrings.xml'] ?? strToU8('')),
        core: strFromU8(files['docProps/core.xml'] ?? strToU8('')),
        plan: planTemplate(outline, kind, period),
      };
    })();
    byKey.set(key, p);
  }
  return p;
}

function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** What goes into one cell. */
type CellFill =
  | { kind: 'number'; value: number }
  | { kind: 'text'; text: string; font?: string }
  /** A derived cell: keep its formula, store the result Excel would have computed. */
  | { kind: 'cached'; value: number | null };

/** Shared strings added for one workbook, after the template's own. */
class StringTable {
  readonly added: string[] = [];
  private readonly index = new Map<string, number>();
  refs = 0;
  constructor(private readonly base: number) {}
  add(text: string, font?: string): number {
    this.refs++;
    const body =
      font === undefined
        ? `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`
        : `<si><r><rPr><sz val="12"/><rFont val="${escapeXml(font)}"/><family val="2"/></rPr><t xml:space="preserve">${escapeXml(text)}</t></r></si>`;
    const known = this.index.get(body);
    if (known !== undefined) return known;
    const i = this.base + this.added.length;
    this.added.push(body);
    this.index.set(body, i);
    return i;
  }
}

const CELL_RE = /<c r="([A-Z]+[0-9]+)"((?:\s+[A-Za-z:]+="[^"]*")*)\s*(\/>|>([\s\S]*?)<\/c>)/g;

function patchSheet(xml: string, fills: Map<string, CellFill>, strings: StringTable): string {
  if (fills.size === 0) return xml;
  return xml.replace(
    CELL_RE,
    (whole, addr: string, attrs: string, _end: string, inner?: string) => {
      const fill = fills.get(addr);
      if (fill === undefined) return whole;
      const style = /\ss="(\d+)"/.exec(attrs);
      const s = style ? ` s="${style[1]}"` : '';
      switch (fill.kind) {
        case 'number':
          return `<c r="${addr}"${s}><v>${fill.value}</v></c>`;
        case 'text':
          return `<c r="${addr}"${s} t="s"><v>${strings.add(fill.text, fill.font)}</v></c>`;
        case 'cached': {
          const f = /<f>[\s\S]*?<\/f>/.exec(inner ?? '');
          if (f === null) return whole;
          // An empty result ("" while inputs are missing) is a string, as Excel stores it.
          return fill.value === null
            ? `<c r="${addr}"${s} t="str">${f[0]}<v></v></c>`
            : `<c r="${addr}"${s}>${f[0]}<v>${fill.value}</v></c>`;
        }
      }
    },
  );
}

/** Days since 1899-12-30: the serial Excel stores for a date. */
function excelSerial(d: YMD): number {
  return (Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function isoUtc(d: YMD, hour = 8): string {
  return new Date(Date.UTC(d.year, d.month - 1, d.day, hour)).toISOString().replace('.000Z', 'Z');
}

/** Zip entries stamped with a fixed local time, so the bytes do not depend on the clock. */
function zipFixed(files: Record<string, Uint8Array>, at: YMD): Uint8Array {
  const mtime = new Date(at.year, at.month - 1, at.day, 8, 0, 0);
  const out: Zippable = {};
  const names = Object.keys(files).sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0,
  );
  for (const name of names) out[name] = [files[name] as Uint8Array, { level: 6, mtime }];
  return zipSync(out);
}

/** The default Ngày lập: a few days after the cut-off, before the deadline. */
function defaultPreparedOn(period: Period, rng: Rng): YMD {
  const span = Math.max(
    1,
    (Date.UTC(period.deadline.year, period.deadline.month - 1, period.deadline.day) -
      Date.UTC(period.end.year, period.end.month - 1, period.end.day)) /
      86_400_000,
  );
  return addDays(period.end, rng.int(0, Math.max(0, span - 1)));
}

/**
 * A filled workbook for one unit and period, as .xlsx bytes. Deterministic: the same arguments
 * give the same bytes.
 */
export async function synthesizeSubmission(args: SynthesizeArgs): Promise<Uint8Array> {
  const { outline, unit, seed } = args;
  const mistakes = new Set(args.mistakes ?? []);
  const generator = args.generator ?? DEFAULT_GENERATOR;
  // Last year's template sent again: its stamp, Thông tin and layout are of that period.
  const period = mistakes.has('wrong-period') ? samePeriodLastYear(args.period) : args.period;
  const proto = await prototypeFor(outline, unit.kind, period, generator);
  const values = synthesizeValues({
    outline,
    unit,
    period,
    seed,
    ...(args.profile ? { profile: args.profile } : {}),
  });
  const rng = rngFor(seed, 'fill', unit.code, period.id);
  const preparedOn = args.profile?.preparedOn ?? defaultPreparedOn(args.period, rng);

  const fills = new Map<string, Map<string, CellFill>>();
  const fillsOf = (sheet: string): Map<string, CellFill> => {
    let m = fills.get(sheet);
    if (m === undefined) {
      m = new Map();
      fills.set(sheet, m);
    }
    return m;
  };

  // Thông tin: preparer, phone, date (rows after code, name, period label, period id).
  const info = fillsOf(SHEET.info);
  const preparer = preparerName(rngFor(seed, 'person', unit.code));
  info.set(`B${INFO_FIRST_ROW + 4}`, { kind: 'text', text: preparer });
  info.set(`B${INFO_FIRST_ROW + 5}`, {
    kind: 'text',
    text: phoneNumber(rngFor(seed, 'phone', unit.code)),
  });
  info.set(`B${INFO_FIRST_ROW + 6}`, { kind: 'number', value: excelSerial(preparedOn) });

  // Số liệu.
  const data = fillsOf(SHEET.data);
  const typed = applyMistakes(outline, proto.plan, values, mistakes, rng);
  let r = DATA_FIRST_ROW;
  for (const row of proto.plan.rows) {
    if (row.kind === 'group') {
      r++;
      continue;
    }
    const input = row.input;
    const own = values[input.code] ?? {};
    const cellValues: Record<string, number> = { ...own };
    // Entered cells first: the derived ones (Nam, between Tổng số and Nữ) read them.
    const ordered = [
      ...row.cells.filter((c) => c.cell.entered),
      ...row.cells.filter((c) => !c.cell.entered),
    ];
    for (const pc of ordered) {
      const addr = `${columnLetter(5 + pc.column)}${r}`;
      const member = pc.cell.member ?? SINGLE;
      if (pc.column < 0) continue;
      if (pc.cell.entered) {
        const t = typed.get(`${input.code}.${member}`);
        if (t !== undefined) {
          // Excel computes the derived cells from what was typed: COUNT skips text and blanks.
          if (t?.kind === 'number') cellValues[member] = t.value;
          else delete cellValues[member];
          if (t !== null) data.set(addr, t);
          continue;
        }
        const v = own[member];
        if (v === undefined) continue;
        data.set(
          addr,
          input.type === 'yes_no'
            ? { kind: 'text', text: v === 1 ? 'Có' : 'Không' }
            : { kind: 'number', value: v },
        );
      } else if (pc.cell.formula !== undefined) {
        const e = expr(pc.cell.formula);
        const v =
          e === null
            ? null
            : evaluate(e, (code, m) =>
                code === input.code
                  ? m === undefined
                    ? null
                    : (cellValues[m] ?? null)
                  : (cellValues[code] ?? null),
              );
        data.set(addr, { kind: 'cached', value: typeof v === 'number' ? v : null });
      }
    }
    r++;
  }

  // Nội dung.
  const narratives = args.profile?.narratives ?? 'full';
  if (narratives !== 'none') {
    const text = fillsOf(SHEET.text);
    const tctx: TextContext = {
      rng: rngFor(seed, 'text', unit.code, period.id),
      unit,
      period,
      values,
      outline,
    };
    const tcvn3 = mistakes.has('tcvn3-text');
    let long = 0;
    proto.plan.sections.forEach((f, i) => {
      const hasChildren = f.section.children.length > 0;
      let body: string | undefined;
      if (hasChildren) {
        if (f.section.required)
          body = fillSentence('{cq} báo cáo kết quả cụ thể theo từng nội dung dưới đây.', tctx);
      } else if (narratives === 'short') {
        body = composeNarrative(tctx, f.section.title, 120, 300);
      } else {
        // About ten long cells (1-3 KB) per workbook, the rest a paragraph.
        body =
          long < 10
            ? composeNarrative(tctx, f.section.title, 1000, 3000)
            : composeNarrative(tctx, f.section.title, 200, 600);
        long++;
      }
      if (body === undefined || body === '') return;
      text.set(
        `C${TEXT_FIRST_ROW + i}`,
        tcvn3
          ? { kind: 'text', text: encodeLegacy(body, 'tcvn3'), font: '.VnTime' }
          : { kind: 'text', text: body },
      );
    });
  }

  // Assemble: names into the template's strings, new strings appended, cells patched.
  const base = (proto.sst.match(/<si>/g) ?? []).length;
  const strings = new StringTable(base);
  const files: Record<string, Uint8Array> = { ...proto.files };
  for (const [sheet, part] of proto.sheets) {
    const xml = proto.sheetXml.get(sheet);
    if (xml === undefined) continue;
    const f = fills.get(sheet);
    if (f === undefined) continue;
    files[part] = strToU8(patchSheet(xml, f, strings));
  }
  const code = escapeXml(unit.code.normalize('NFC'));
  const name = escapeXml(unit.name.normalize('NFC'));
  let sst = proto.sst.split(CODE_MARK).join(code).split(NAME_MARK).join(name);
  sst = sst
    .replace(/<\/sst>\s*$/, `${strings.added.join('')}</sst>`)
    .replace(/count="(\d+)"/, (_m, n: string) => `count="${Number(n) + strings.refs}"`)
    .replace(
      /uniqueCount="(\d+)"/,
      (_m, n: string) => `uniqueCount="${Number(n) + strings.added.length}"`,
    );
  files['xl/sharedStrings.xml'] = strToU8(sst);
  // Saved by the clerk on the day they prepared it.
  files['docProps/core.xml'] = strToU8(
    proto.core
      .split(NAME_MARK)
      .join(name)
      .replace(
        /<cp:lastModifiedBy>[^<]*<\/cp:lastModifiedBy>/,
        `<cp:lastModifiedBy>${escapeXml(preparer)}</cp:lastModifiedBy>`,
      )
      .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${isoUtc(preparedOn)}$2`),
  );
  return zipFixed(files, preparedOn);
}

/**
 * The cells a mistake changes: `CODE.member` -> what is typed instead (null: left blank).
 * Values themselves are not changed, so `values` stays what the clerk meant.
 */
function applyMistakes(
  outline: Outline,
  plan: TemplatePlan,
  values: UnitValues,
  mistakes: Set<Mistake>,
  rng: Rng,
): Map<string, CellFill | null> {
  const typed = new Map<string, CellFill | null>();
  const inputs = plan.rows.flatMap((r) => (r.kind === 'input' ? [r.input] : []));
  const ruleRefs = new Set(
    outline.rules
      .flatMap((r) => [r.left, r.right])
      .flatMap((t) => [...t.matchAll(/[A-Z][A-Z0-9_]*/g)].map((m) => m[0])),
  );
  const integerCells = inputs
    .filter((i) => i.type === 'integer')
    .flatMap((i) =>
      inputCells(outline, i)
        .filter((c) => c.entered)
        .map((c) => ({ input: i, member: c.member ?? SINGLE })),
    )
    .filter((c) => (values[c.input.code]?.[c.member] ?? 0) > 0);
  const free = integerCells.filter((c) => !typed.has(`${c.input.code}.${c.member}`));
  const take = (pred: (c: (typeof integerCells)[number]) => boolean = () => true) => {
    const list = free.filter((c) => !typed.has(`${c.input.code}.${c.member}`) && pred(c));
    return list.length === 0 ? undefined : list[Math.floor(rng.next() * list.length)];
  };

  if (mistakes.has('text-number')) {
    // Numbers typed as text the Vietnamese way: read correctly, no finding...
    for (let i = 0; i < 3; i++) {
      const c = take();
      if (c === undefined) break;
      const v = values[c.input.code]?.[c.member] ?? 0;
      typed.set(`${c.input.code}.${c.member}`, { kind: 'text', text: formatNumber(v, 0) });
    }
    // ...and one amount with three decimals, readable two ways (a warning).
    const money = inputs.find((i) => i.type === 'money' || i.type === 'decimal');
    if (money !== undefined) {
      const m = inputCells(outline, money).find((c) => c.entered);
      const member = m?.member ?? SINGLE;
      const v = values[money.code]?.[member];
      if (v !== undefined) {
        const text = `${Math.floor(v)},${String(Math.round((v - Math.floor(v)) * 1000)).padStart(3, '0')}`;
        typed.set(`${money.code}.${member}`, { kind: 'text', text });
      }
    }
  }
  if (mistakes.has('nu-gt-tong')) {
    // Nữ above Tổng số on a row no named rule reads, so the implied rule alone fails.
    const rows = inputs.filter((i) => {
      const set = categorySetOf(outline, i);
      return (
        set?.total !== undefined &&
        inputCells(outline, i).some((c) => c.entered && c.member === 'nu') &&
        (values[i.code]?.[set.total] ?? 0) > 0
      );
    });
    const row = rows.find((i) => !ruleRefs.has(i.code)) ?? rows[0];
    if (row !== undefined) {
      const tong = values[row.code]?.[categorySetOf(outline, row)?.total as string] ?? 0;
      typed.set(`${row.code}.nu`, {
        kind: 'number',
        value: tong + rng.int(1, Math.max(2, Math.round(tong / 10))),
      });
    }
  }
  if (mistakes.has('negative')) {
    const c = take((x) => !ruleRefs.has(x.input.code));
    if (c !== undefined)
      typed.set(`${c.input.code}.${c.member}`, {
        kind: 'number',
        value: -(values[c.input.code]?.[c.member] ?? 1),
      });
  }
  if (mistakes.has('decimal-count')) {
    const c = take((x) => !ruleRefs.has(x.input.code));
    if (c !== undefined)
      typed.set(`${c.input.code}.${c.member}`, {
        kind: 'number',
        value: (values[c.input.code]?.[c.member] ?? 1) + 0.5,
      });
  }
  if (mistakes.has('blank-required')) {
    const req =
      inputs.find((i) => i.required && !ruleRefs.has(i.code) && i.type !== 'text') ??
      inputs.find((i) => i.required);
    if (req !== undefined) {
      const m = inputCells(outline, req).find((c) => c.entered);
      typed.set(`${req.code}.${m?.member ?? SINGLE}`, null);
    }
  }
  if (mistakes.has('placeholder-dash')) {
    // `-` for "không phát sinh" where the count is 0.
    const zeros = inputs
      .filter((i) => i.type === 'integer')
      .flatMap((i) =>
        inputCells(outline, i)
          .filter((c) => c.entered)
          .map((c) => `${i.code}.${c.member ?? SINGLE}`),
      )
      .filter((k) => {
        const [code, member] = k.split('.') as [string, string];
        return values[code]?.[member] === 0 && !typed.has(k);
      });
    for (const k of zeros.slice(0, 3)) typed.set(k, { kind: 'text', text: '-' });
  }
  return typed;
}

// ---- workspaces ----

export interface PeriodPlan {
  /** Units that sent nothing. */
  missing?: readonly string[];
  /** Units whose file arrived after the deadline. */
  late?: readonly string[];
  mistakes?: Readonly<Record<string, readonly Mistake[]>>;
}

export interface SynthesizeWorkspaceArgs {
  dir: string;
  outline: Outline;
  /** The units, or how many: the preset's first, then generated communes (kind `xa`). */
  units: number | readonly Unit[];
  periods: readonly Period[];
  seed: number | string;
  /** Folder holding bctd.yaml and units.yaml to copy (the preset). */
  presetDir: string;
  /** For every period (a period's own plan in `perPeriod` replaces these). */
  missing?: readonly string[];
  late?: readonly string[];
  mistakes?: Readonly<Record<string, readonly Mistake[]>>;
  perPeriod?: Readonly<Record<string, PeriodPlan>>;
  /** Receipts are never dated after this. */
  now: Date;
  profile?: SynthProfile;
  generator?: string;
  /** Called after each file is written (progress for long runs). */
  onFile?: (file: string, done: number, total: number) => void;
}

export interface SynthesizedWorkspace {
  dir: string;
  units: Unit[];
  /** Files written per period id, relative to `dir`. */
  files: Record<string, string[]>;
}

const SYLLABLE_A = [
  'Thọ',
  'Hợp',
  'Dân',
  'Xuân',
  'Đồng',
  'Minh',
  'Tiến',
  'An',
  'Bình',
  'Thái',
  'Hoằng',
  'Quảng',
  'Thiệu',
  'Yên',
  'Vĩnh',
  'Định',
  'Nga',
  'Hà',
  'Cẩm',
  'Ngọc',
  'Nông',
  'Khuyến',
  'Văn',
  'Triệu',
  'Tân',
  'Phú',
  'Hải',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Hưng',
  'Long',
  'Phúc',
  'Lộc',
  'Thịnh',
  'Cát',
  'Hòa',
  'Kim',
];
const SYLLABLE_B = [
  'Sơn',
  'Bình',
  'Tiến',
  'Lý',
  'Thành',
  'Thắng',
  'Lực',
  'Quyền',
  'Nông',
  'Hòa',
  'Lợi',
  'Lộc',
  'Thịnh',
  'Dân',
  'Tân',
  'Ngọc',
  'Cường',
  'Phú',
  'Vực',
  'Thế',
  'Trường',
  'Hưng',
  'Long',
  'Phong',
  'Thủy',
  'Châu',
  'Giang',
  'Hải',
  'Khê',
  'Lâm',
  'Minh',
  'Nghĩa',
  'Quang',
  'Tâm',
  'Thanh',
  'Trung',
  'Vinh',
  'Xuyên',
  'Yên',
  'Đức',
];

/** A generated commune for unit number `i` beyond the preset (codes from 20000). */
export function generatedCommune(i: number): Unit {
  const a = SYLLABLE_A[i % SYLLABLE_A.length] as string;
  const b = SYLLABLE_B[Math.floor(i / SYLLABLE_A.length) % SYLLABLE_B.length] as string;
  const round = Math.floor(i / (SYLLABLE_A.length * SYLLABLE_B.length));
  return {
    code: String(20000 + i),
    name: `Xã ${a} ${b}${round > 0 ? ` ${round + 1}` : ''}`,
    kind: 'xa',
    group: 'Xã, thị trấn',
  };
}

function yamlScalar(s: string): string {
  return /^[\p{L}\p{N} .()-]+$/u.test(s) && !/^[\d ]/.test(s) ? s : JSON.stringify(s);
}

function unitsYaml(units: readonly Unit[]): string {
  const lines = [
    '# units.yaml: danh sách đơn vị sinh tự động (bctd, không gian làm việc tổng hợp để thử).',
    'units:',
  ];
  for (const u of units) {
    const group = u.group === undefined ? '' : `, group: ${yamlScalar(u.group)}`;
    lines.push(
      `  - { code: ${JSON.stringify(u.code)}, name: ${yamlScalar(u.name)}, kind: ${u.kind}${group} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `2022-06-18T09:12:00+07:00`: receipts in Vietnam's time, whatever the machine's zone. */
function vnIso(d: YMD, hour: number, minute: number): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.year}-${p(d.month)}-${p(d.day)}T${p(hour)}:${p(minute)}:00+07:00`;
}

/**
 * Writes a workspace: bctd.yaml and units.yaml (the preset's, or generated ones when there are
 * more units), one workbook per reporting unit and period in `nop/<period>/<code>.xlsx` as
 * `bctd receive` files them, and each period's receipt ledger. Each file is written as soon as
 * it is made, so memory stays flat for 10,000 units.
 */
export async function synthesizeWorkspace(
  args: SynthesizeWorkspaceArgs,
): Promise<SynthesizedWorkspace> {
  const { dir, outline, seed } = args;
  mkdirSync(dir, { recursive: true });
  const presetUnitsFile = path.join(args.presetDir, 'units.yaml');
  const presetConfig = readFileSync(path.join(args.presetDir, 'bctd.yaml'), 'utf8');
  let units: Unit[];
  let copyUnits = false;
  if (typeof args.units === 'number') {
    const preset = presetUnitsOf(readFileSync(presetUnitsFile, 'utf8'), presetUnitsFile);
    units = preset.slice(0, args.units);
    for (let i = preset.length; units.length < args.units; i++) units.push(generatedCommune(i));
    copyUnits = units.length === preset.length;
  } else units = [...args.units];
  writeFileSync(path.join(dir, 'bctd.yaml'), presetConfig);
  writeFileSync(
    path.join(dir, 'units.yaml'),
    copyUnits ? readFileSync(presetUnitsFile, 'utf8') : unitsYaml(units),
  );

  const files: Record<string, string[]> = {};
  const total = args.periods.length * units.length;
  let done = 0;
  for (const period of args.periods) {
    const plan: PeriodPlan = args.perPeriod?.[period.id] ?? {
      ...(args.missing ? { missing: args.missing } : {}),
      ...(args.late ? { late: args.late } : {}),
      ...(args.mistakes ? { mistakes: args.mistakes } : {}),
    };
    const missing = new Set(plan.missing ?? []);
    const late = new Set(plan.late ?? []);
    const rel = path.join('nop', period.id);
    const periodDir = path.join(dir, rel);
    mkdirSync(periodDir, { recursive: true });
    const entries: LedgerEntry[] = [];
    files[period.id] = [];
    for (const unit of units) {
      done++;
      if (missing.has(unit.code)) continue;
      if (planTemplate(outline, unit.kind, period).rows.length === 0) continue;
      const rng = rngFor(seed, 'receipt', unit.code, period.id);
      const mistakes = plan.mistakes?.[unit.code] ?? [];
      // On time: within the six days before the deadline; late: one to five days after it.
      let received = late.has(unit.code)
        ? addDays(period.deadline, rng.int(1, 5))
        : addDays(period.deadline, -rng.int(0, 6));
      const cap = {
        year: args.now.getFullYear(),
        month: args.now.getMonth() + 1,
        day: args.now.getDate(),
      };
      if (compareYmd(received, cap) > 0) received = cap;
      const preparedOn = late.has(unit.code)
        ? addDays(received, -rng.int(0, 1))
        : addDays(received, -rng.int(0, 2));
      const bytes = await synthesizeSubmission({
        outline,
        unit: { code: unit.code, name: unit.name, kind: unit.kind },
        period,
        seed,
        mistakes,
        profile: {
          ...args.profile,
          preparedOn: compareYmd(preparedOn, period.end) < 0 ? period.end : preparedOn,
        },
        ...(args.generator ? { generator: args.generator } : {}),
      });
      const name = `${unit.code}.xlsx`;
      writeFileSync(path.join(periodDir, name), bytes);
      files[period.id]?.push(path.join(rel, name));
      args.onFile?.(path.join(rel, name), done, total);
      // `bctd receive` refuses a file of another period, so such a file has no receipt.
      if (mistakes.includes('wrong-period')) continue;
      const slug = slugify(unit.name);
      entries.push({
        unit: unit.code,
        file: name,
        received_at: vnIso(received, rng.int(7, 16), rng.int(0, 59)),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        original: `${unit.code}${slug === '' ? '' : `-${slug}`}-${period.id}.xlsx`,
      });
    }
    entries.sort(
      (a, b) => a.received_at.localeCompare(b.received_at) || a.unit.localeCompare(b.unit),
    );
    writeLedger(periodDir, { period: period.id, entries });
  }
  return { dir, units, files };
}

/** The units of a preset's units.yaml. */
function presetUnitsOf(text: string, file: string): Unit[] {
  const r = parseUnits(text, file);
  if (!r.ok) throw new Error(`${file}: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.units;
}
