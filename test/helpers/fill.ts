/**
 * Fills a workbook made by `bctd template` the way a unit would: values typed into the row of
 * an input (found by its code in the `Mã` column) under the column of a member (found by its
 * header label), the preparer's details, the narrative texts. Tests of validation, aggregation
 * and the demo use it to make realistic submissions.
 *
 *   const filled = await fillTemplate(bytes, {
 *     info: { 'Người lập biểu': 'Lê Thị Hoa', 'Ngày lập': new Date(Date.UTC(2022, 5, 15)) },
 *     values: { SINH_SONG: { 'Tổng số': 120, 'Nữ': 55 }, KINH_PHI: { value: '12,5' } },
 *     texts: { 'I.1': 'Đã ban hành kế hoạch số 12/KH-UBND.' },
 *   });
 *
 * Members are named by their header label (`Nữ`) or, with `outline`, by their code (`nu`);
 * `value` (or `''`) means the single value column of an input without categories. A string is
 * typed as text (`'1.234'` stays the text a clerk typed); `null` clears the cell.
 */
import ExcelJS from 'exceljs';
import { evaluate, parseExpr } from '../../src/outline/expr.js';
import { formatOutlineError, parseOutline } from '../../src/outline/load.js';
import type { Outline } from '../../src/outline/schema.js';
import { DATA_HEADERS, SHEET, TEXT_HEADERS } from '../../src/workbook/layout.js';

export interface TemplateFill {
  /** `Thông tin`: label in column A (`Người lập biểu`) -> value in column B. */
  info?: Record<string, string | number | Date>;
  /** `Số liệu`: input code -> member label or code -> value. */
  values?: Record<string, Record<string, number | string | null>>;
  /** `Nội dung`: full section number (`I.1`) -> the unit's text. */
  texts?: Record<string, string>;
  /** Anything else, typed as is (a formula `{ formula: 'E6+1' }`, an error, a sheet added). */
  cells?: Array<{ sheet: string; address: string; value: unknown }>;
  /** Lets `values` name members by code (`nu`) instead of label (`Nữ`). */
  outline?: Outline;
}

const key = (s: unknown): string =>
  String(s ?? '')
    .normalize('NFC')
    .trim()
    .toLocaleLowerCase('vi');

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v !== null && typeof v === 'object' && 'richText' in v)
    return v.richText.map((r) => r.text).join('');
  return v === null || v === undefined ? '' : String(v);
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => key(w.name) === key(name));
  if (!ws)
    throw new Error(
      `fillTemplate: no sheet "${name}" (has ${wb.worksheets.map((w) => w.name).join(', ')})`,
    );
  return ws;
}

/** Row number of the first row (of the first 30) holding `label`, and its columns by label. */
function headerRow(
  ws: ExcelJS.Worksheet,
  label: string,
): { row: number; cols: Map<string, number> } {
  for (let r = 1; r <= Math.min(30, ws.rowCount); r++) {
    const row = ws.getRow(r);
    const cols = new Map<string, number>();
    row.eachCell((cell, c) => {
      const k = key(cellText(cell));
      if (k !== '' && !cols.has(k)) cols.set(k, c);
    });
    if (cols.has(key(label))) return { row: r, cols };
  }
  throw new Error(`fillTemplate: no header row with "${label}" in "${ws.name}"`);
}

/** Row numbers by the text of one column, below the header. */
function rowsBy(ws: ExcelJS.Worksheet, from: number, col: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = from; r <= ws.rowCount; r++) {
    const k = key(cellText(ws.getCell(r, col)));
    if (k !== '' && !out.has(k)) out.set(k, r);
  }
  return out;
}

function memberLabel(outline: Outline | undefined, input: string, member: string): string {
  if (outline === undefined) return member;
  const def = outline.inputs.find((i) => i.code === input);
  const set = def?.categories === undefined ? undefined : outline.category_sets[def.categories];
  return set?.members.find((m) => m.code === member)?.label ?? member;
}

/**
 * Excel and LibreOffice store the result of a formula when they save; exceljs does not. With
 * the outline at hand, put the result of each derived member (Nam = Tổng số - Nữ) in its
 * formula cell, so the file looks like one a unit saved.
 */
function storeDerivedResults(
  ws: ExcelJS.Worksheet,
  outline: Outline,
  code: string,
  r: number,
  cols: Map<string, number>,
): void {
  const def = outline.inputs.find((i) => i.code === code);
  const set = def?.categories === undefined ? undefined : outline.category_sets[def.categories];
  if (def?.derived === undefined || set === undefined) return;
  const numberOf = (member: string): number | null => {
    const label = set.members.find((m) => m.code === member)?.label;
    const c = label === undefined ? undefined : cols.get(key(label));
    const v = c === undefined ? null : ws.getCell(r, c).value;
    return typeof v === 'number' ? v : null;
  };
  for (const [member, text] of Object.entries(def.derived)) {
    const label = set.members.find((m) => m.code === member)?.label;
    const c = label === undefined ? undefined : cols.get(key(label));
    const cell = c === undefined ? undefined : ws.getCell(r, c);
    const formula = cell?.formula;
    if (cell === undefined || formula === undefined) continue;
    const parsed = parseExpr(text);
    if (!parsed.ok) continue;
    const v = evaluate(parsed.ast, (ref, m) => numberOf(m === undefined ? ref : m));
    cell.value = { formula, result: typeof v === 'number' ? v : '' } as ExcelJS.CellFormulaValue;
  }
}

export async function fillTemplate(bytes: Uint8Array, fill: TemplateFill): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );

  if (fill.info !== undefined) {
    const ws = sheetOf(wb, SHEET.info);
    const rows = rowsBy(ws, 1, 1);
    for (const [label, value] of Object.entries(fill.info)) {
      const r = rows.get(key(label));
      if (r === undefined) throw new Error(`fillTemplate: no row "${label}" in "${ws.name}"`);
      ws.getCell(r, 2).value = typeof value === 'string' ? value.normalize('NFC') : value;
    }
  }

  if (fill.values !== undefined) {
    const ws = sheetOf(wb, SHEET.data);
    const { row: header, cols } = headerRow(ws, DATA_HEADERS.code);
    const codeCol = cols.get(key(DATA_HEADERS.code)) as number;
    const unitCol = cols.get(key(DATA_HEADERS.unit));
    const firstValueCol = (unitCol ?? codeCol + 2) + 1;
    const rows = rowsBy(ws, header + 1, codeCol);
    for (const [code, members] of Object.entries(fill.values)) {
      const r = rows.get(key(code));
      if (r === undefined)
        throw new Error(`fillTemplate: no row with Mã "${code}" in "${ws.name}"`);
      for (const [member, value] of Object.entries(members)) {
        const single = member === '' || member === 'value';
        const c = single ? firstValueCol : cols.get(key(memberLabel(fill.outline, code, member)));
        if (c === undefined)
          throw new Error(`fillTemplate: no column "${member}" in "${ws.name}" (input ${code})`);
        ws.getCell(r, c).value = typeof value === 'string' ? value.normalize('NFC') : value;
      }
      if (fill.outline !== undefined) storeDerivedResults(ws, fill.outline, code, r, cols);
    }
  }

  if (fill.texts !== undefined) {
    const ws = sheetOf(wb, SHEET.text);
    const { row: header, cols } = headerRow(ws, TEXT_HEADERS.number);
    const numCol = cols.get(key(TEXT_HEADERS.number)) as number;
    const textCol = cols.get(key(TEXT_HEADERS.text)) ?? numCol + 2;
    const rows = rowsBy(ws, header + 1, numCol);
    for (const [number, text] of Object.entries(fill.texts)) {
      const r = rows.get(key(number));
      if (r === undefined) throw new Error(`fillTemplate: no section "${number}" in "${ws.name}"`);
      ws.getCell(r, textCol).value = text.normalize('NFC');
    }
  }

  for (const { sheet, address, value } of fill.cells ?? []) {
    const ws = wb.worksheets.find((w) => w.name === sheet) ?? wb.addWorksheet(sheet);
    ws.getCell(address).value = value as ExcelJS.CellValue;
  }

  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * A small outline that exercises every layout case: a set with a derived member (Nam = Tổng
 * số - Nữ), a set whose parts do not sum (age bands), inputs without categories, money,
 * percent, yes/no, an input only asked in the annual report, groups, nested sections with
 * their own reporters. Communes (`xa`, `thi_tran`) and departments (`phong`) get different rows.
 */
export const SAMPLE_OUTLINE_YAML = `id: thu
version: "2022.1"
title: Báo cáo bình đẳng giới
trich_yeu: "Kết quả {{ky.nhan}}"
periods: [6m, year]
unit_kinds:
  xa: Xã
  thi_tran: Thị trấn
  phong: Phòng, ban
category_sets:
  gioi_tinh:
    members:
      - {code: tong, label: Tổng số}
      - {code: nam, label: Nam}
      - {code: nu, label: Nữ}
    total: tong
  do_tuoi:
    members:
      - {code: tong, label: Tổng số}
      - {code: duoi_16, label: Dưới 16 tuổi}
    total: tong
    parts_sum_to_total: false
inputs:
  - code: SINH_SONG
    label: Số trẻ sinh ra sống
    unit: trẻ
    categories: gioi_tinh
    entered: [tong, nu]
    derived: {nam: "tong - nu"}
    reporters: [xa, thi_tran]
    group: Mục tiêu 4. Y tế
    help: Tính theo sổ A3 của trạm y tế.
  - code: CB_CC
    label: Số cán bộ, công chức
    unit: người
    categories: gioi_tinh
    reporters: [xa, thi_tran, phong]
    group: Mục tiêu 1. Chính trị
  - code: BAO_LUC
    label: Số vụ bạo lực gia đình
    unit: vụ
    categories: do_tuoi
    reporters: [xa, thi_tran]
    group: Mục tiêu 3. Gia đình
  - code: KINH_PHI
    label: Kinh phí thực hiện
    unit: triệu đồng
    type: money
    reporters: [xa, thi_tran, phong]
  - code: TY_LE
    label: Tỷ lệ nữ tham gia
    unit: "%"
    type: percent
    reporters: [phong]
    aggregate: max
  - code: CO_KH
    label: Có kế hoạch hành động
    unit: "Có/Không"
    type: yes_no
    reporters: [xa, thi_tran, phong]
    aggregate: count_yes
  - code: THANG_HD
    label: Số liệu tháng hành động
    unit: cuộc
    reporters: [xa]
    periods: [year]
sections:
  - number: I
    title: KẾT QUẢ THỰC HIỆN
    children:
      - number: 1
        title: Công tác chỉ đạo
        guidance: Nêu các văn bản đã ban hành.
        required: true
      - number: 2
        title: Y tế
        reporters: [xa, thi_tran]
        inputs: [SINH_SONG]
  - number: II
    title: KIẾN NGHỊ
`;

export function sampleOutline(): Outline {
  const r = parseOutline(SAMPLE_OUTLINE_YAML, 'thu.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatOutlineError).join('\n'));
  return r.outline;
}
