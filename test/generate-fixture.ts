/**
 * A small workspace for the receive / status / generate tests: made by `bctd init` (the
 * Triệu Sơn preset), then given a short outline and four units so the expected numbers can be
 * summed by hand: two communes and a town (kind xa / thi_tran) and the health centre (the
 * supplier of births, `aggregate: from`, so a commune's births are never added to its).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initWorkspace } from '../src/app/init.js';
import { parseOutline } from '../src/outline/load.js';
import type { Outline } from '../src/outline/schema.js';
import { makePeriod } from '../src/period/periods.js';
import { buildTemplate } from '../src/workbook/template.js';
import type { CliContext } from '../src/cli/context.js';
import { fillTemplate } from './helpers/fill.js';
import { tempDir } from './helpers/cli.js';

export const OUTLINE_YAML = `id: thu-bc
version: "1"
title: Báo cáo bình đẳng giới
trich_yeu: "Kết quả thực hiện công tác bình đẳng giới {{ky.nhan}}"
periods: [6m, year]
unit_kinds:
  xa: Xã
  thi_tran: Thị trấn
  trung_tam_y_te: Trung tâm Y tế huyện
category_sets:
  gioi_tinh:
    members:
      - {code: tong, label: Tổng số}
      - {code: nam, label: Nam}
      - {code: nu, label: Nữ}
    total: tong
inputs:
  - code: SINH_SONG
    label: Số trẻ sinh ra sống
    unit: trẻ
    categories: gioi_tinh
    entered: [tong, nu]
    derived: {nam: "tong - nu"}
    reporters: [xa, thi_tran, trung_tam_y_te]
    aggregate: {kind: from, from: trung_tam_y_te}
  - code: CB
    label: Số cán bộ, công chức cấp xã
    unit: người
    categories: gioi_tinh
    entered: [tong, nu]
    derived: {nam: "tong - nu"}
    reporters: [xa, thi_tran]
  - code: KINH_PHI
    label: Kinh phí thực hiện công tác bình đẳng giới
    unit: triệu đồng
    type: money
    reporters: [xa, thi_tran]
objectives:
  - {code: M1, title: Chính trị}
  - {code: M4, title: Y tế}
indicators:
  - code: M1.CT1
    objective: M1
    label: Tỷ lệ nữ trong cán bộ, công chức cấp xã
    numerator: CB.nu
    denominator: CB.tong
    scale: 100
    unit: "%"
    direction: up
    targets: {"2025": ">= 40"}
    status: PARTIAL
    source: thử nghiệm
  - code: M4.CT1
    objective: M4
    label: Tỷ số giới tính khi sinh
    numerator: SINH_SONG.nam
    denominator: SINH_SONG.nu
    scale: 100
    unit: bé trai/100 bé gái
    direction: down
    targets: {"2025": "<= 111"}
    status: CONFIRMED
    source: NQ 28/NQ-CP
sections:
  - number: I
    title: Công tác chỉ đạo, điều hành
    guidance: Nêu các văn bản đã ban hành.
  - number: II
    title: Kết quả thực hiện các mục tiêu
    children:
      - number: 1
        title: Lĩnh vực chính trị
        inputs: [CB]
        indicators: [M1.CT1]
        reporters: [xa, thi_tran]
        template: |
          Tổng số cán bộ, công chức cấp xã là {{so "CB"}} người, trong đó nữ {{so "CB.nu"}} người; tỷ lệ nữ đạt {{chi_so "M1.CT1"}} ({{danh_gia "M1.CT1"}}).
          Kinh phí bố trí cho công tác bình đẳng giới {{ky.nhan}} là {{so "KINH_PHI"}} triệu đồng.
      - number: 2
        title: Lĩnh vực y tế
        inputs: [SINH_SONG]
        indicators: [M4.CT1]
        template: |
          Số trẻ sinh ra sống là {{so "SINH_SONG"}} trẻ ({{so "SINH_SONG.nu"}} trẻ gái){{#if (co_so_lieu "SINH_SONG")}}, {{so_sanh "SINH_SONG"}} so với cùng kỳ{{/if}}; tỷ số giới tính khi sinh {{chi_so "M4.CT1"}}, mục tiêu {{muc_tieu "M4.CT1"}}.
  - number: III
    title: Phương hướng, nhiệm vụ
appendix:
  - id: B01
    name: Biểu 01
    title: Kết quả thực hiện các chỉ tiêu
    rows: {from: indicators}
    columns:
      - {label: TT, key: stt}
      - {label: Chỉ tiêu, key: label}
      - {label: Đơn vị tính, key: unit}
      - {label: Kết quả, key: value}
      - {label: Mục tiêu, key: target}
  - id: B02
    name: Biểu 02
    title: Cán bộ, công chức cấp xã theo giới
    orientation: landscape
    rows: {from: units, kinds: [xa, thi_tran]}
    total_row: Tổng cộng
    columns:
      - {label: TT, key: stt}
      - {label: "Xã, thị trấn", key: unit_name}
      - {label: Tổng số, input: CB.tong}
      - {label: Nữ, input: CB.nu}
      - {label: Kinh phí, input: KINH_PHI}
`;

export const UNITS_YAML = `units:
  - { code: "15664", name: Thị trấn Triệu Sơn, kind: thi_tran }
  - { code: "15667", name: Xã Thọ Sơn, kind: xa }
  - { code: "15670", name: Xã Thọ Bình, kind: xa }
  - { code: "TTYT", name: Trung tâm Y tế huyện, kind: trung_tam_y_te }
`;

export function testOutline(): Outline {
  const r = parseOutline(OUTLINE_YAML, 'de-cuong.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.outline;
}

/** A workspace made by init, with the test outline and units. */
export function makeWorkspace(): string {
  const dir = tempDir('bctd-gen-');
  initWorkspace(dir, undefined, 'trieu-son-2022', false);
  writeFileSync(path.join(dir, 'de-cuong.yaml'), OUTLINE_YAML);
  writeFileSync(path.join(dir, 'units.yaml'), UNITS_YAML);
  const cfg = readFileSync(path.join(dir, 'bctd.yaml'), 'utf8').replace(
    /^outline: .*$/m,
    'outline: de-cuong.yaml',
  );
  writeFileSync(path.join(dir, 'bctd.yaml'), cfg);
  return dir;
}

export const UNITS = {
  '15664': { code: '15664', name: 'Thị trấn Triệu Sơn', kind: 'thi_tran' },
  '15667': { code: '15667', name: 'Xã Thọ Sơn', kind: 'xa' },
  '15670': { code: '15670', name: 'Xã Thọ Bình', kind: 'xa' },
  TTYT: { code: 'TTYT', name: 'Trung tâm Y tế huyện', kind: 'trung_tam_y_te' },
} as const;

export type UnitCode = keyof typeof UNITS;

/** A filled workbook of a unit, as the unit would send it. */
export async function unitWorkbook(
  code: UnitCode,
  periodId: string,
  fill: {
    values?: Record<string, Record<string, number | string | null>>;
    texts?: Record<string, string>;
    preparedOn?: string;
  },
): Promise<Uint8Array> {
  const [year, kind] = periodId.split('-') as [string, '6m' | 'year'];
  const outline = testOutline();
  const bytes = await buildTemplate({
    outline,
    unit: UNITS[code],
    period: makePeriod(kind, Number(year)),
    generator: 'bctd test',
    now: { year: Number(year), month: 6, day: 1 },
  });
  return fillTemplate(bytes, {
    outline,
    info: {
      'Người lập biểu': 'Lê Thị Hoa',
      'Ngày lập': fill.preparedOn ?? `15/06/${year}`,
    },
    ...(fill.values ? { values: fill.values } : {}),
    ...(fill.texts ? { texts: fill.texts } : {}),
  });
}

/** Writes a workbook where a clerk would have saved it from an email (outside the workspace). */
export function saveDownload(dir: string, name: string, bytes: Uint8Array): string {
  const d = path.join(dir, 'tai-ve');
  mkdirSync(d, { recursive: true });
  const file = path.join(d, name);
  writeFileSync(file, bytes);
  return file;
}

export function ctxAt(cwd: string, iso: string): CliContext {
  return {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    now: new Date(iso),
    color: false,
    interactive: false,
    progress: () => {},
  };
}

/** The 2022-6m numbers of every unit: the tests sum these independently of the code. */
export const DATA_2022: Record<UnitCode, Record<string, Record<string, number>>> = {
  '15664': { CB: { tong: 25, nu: 9 }, SINH_SONG: { tong: 60, nu: 28 }, KINH_PHI: { value: 12.5 } },
  '15667': { CB: { tong: 21, nu: 6 }, SINH_SONG: { tong: 40, nu: 19 }, KINH_PHI: { value: 8 } },
  '15670': { CB: { tong: 19, nu: 7 }, SINH_SONG: { tong: 35, nu: 15 }, KINH_PHI: { value: 5.5 } },
  TTYT: { SINH_SONG: { tong: 1234, nu: 580 } },
};

export const DATA_2021: Record<UnitCode, Record<string, Record<string, number>>> = {
  '15664': { CB: { tong: 24, nu: 8 }, SINH_SONG: { tong: 55, nu: 26 }, KINH_PHI: { value: 10 } },
  '15667': { CB: { tong: 20, nu: 5 }, SINH_SONG: { tong: 41, nu: 20 }, KINH_PHI: { value: 7 } },
  '15670': { CB: { tong: 19, nu: 6 }, SINH_SONG: { tong: 33, nu: 16 }, KINH_PHI: { value: 5 } },
  TTYT: { SINH_SONG: { tong: 1180, nu: 560 } },
};
