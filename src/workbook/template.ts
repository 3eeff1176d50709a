/**
 * The unit workbook (`bctd template`), written with exceljs per `notes/template-layout.md`:
 * the contract between this writer and the validator, which finds sheets by name, the header
 * row by its labels and input rows by the code column (Mã).
 *
 * Only the command and the tests import this module (exceljs is heavy); `index.ts` never does.
 * No Node built-ins: the offline page may offer a blank template later.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { parseExpr, type Expr } from '../outline/expr.js';
import {
  categorySetOf,
  inputCells,
  inputsForKind,
  layoutFingerprint,
  sectionsForKind,
  type FlatSection,
  type InputCell,
} from '../outline/helpers.js';
import type { InputDef, Outline, ValueType } from '../outline/schema.js';
import type { Period, YMD } from '../period/periods.js';
import {
  SHEET,
  INFO_LABELS,
  INFO_FIRST_ROW,
  DATA_HEADERS,
  DATA_HEADER_ROW,
  DATA_FIRST_ROW,
  SINGLE_LABEL,
  TOTAL_LABEL,
  TEXT_HEADERS,
  TEXT_HEADER_ROW,
  TEXT_FIRST_ROW,
  STAMP_KEYS,
  type StampKey,
} from './layout.js';

/** ND30 documents use Times New Roman; the unit's workbook matches the report it feeds. */
export const FONT_NAME = 'Times New Roman';

export interface TemplateUnit {
  code: string;
  name: string;
  kind: string;
}

export interface BuildTemplateArgs {
  outline: Outline;
  unit: TemplateUnit;
  period: Period;
  /** `bctd 0.3.0`. */
  generator: string;
  /** The day the template is made (workbook dates; no clock inside a pure stage). */
  now: YMD;
}

/** One value cell of an input row, placed in a column of the shared member columns. */
export interface PlannedCell {
  cell: InputCell;
  /** 0-based index into `valueColumns`. */
  column: number;
}

export type PlannedRow =
  | { kind: 'group'; title: string }
  | { kind: 'input'; input: InputDef; stt: number; cells: PlannedCell[] };

export interface TemplatePlan {
  /** Labels of the member columns (E onwards), in order. */
  valueColumns: string[];
  /** Rows of `Số liệu` from row 5. */
  rows: PlannedRow[];
  /** Rows of `Nội dung` from row 4. */
  sections: FlatSection[];
}

const nfc = (s: string): string => s.normalize('NFC');

/** A cell note (comment) in the workbook's font. */
function note(text: string): ExcelJS.Comment {
  return { texts: [{ text: nfc(text), font: { name: FONT_NAME, size: 11 } }] } as ExcelJS.Comment;
}

/**
 * What a unit of `kind` gets in `period`: the union of the member labels its inputs use, in
 * outline order (category sets as declared, members as listed); inputs without categories
 * share the first column, which is `Tổng số` when a set has it (so the total of every row lines
 * up in one column), else `Số liệu`.
 */
export function planTemplate(outline: Outline, kind: string, period: Period): TemplatePlan {
  const inputs = inputsForKind(outline, kind, period.kind);
  const used = new Set(inputs.map((i) => i.categories).filter((c) => c !== undefined));
  let labels: string[] = [];
  for (const [name, set] of Object.entries(outline.category_sets)) {
    if (!used.has(name)) continue;
    for (const m of set.members) {
      const label = nfc(m.label);
      if (!labels.includes(label)) labels.push(label);
    }
  }
  const hasSingle = inputs.some((i) => categorySetOf(outline, i) === undefined);
  if (hasSingle || labels.length === 0) {
    if (labels.includes(TOTAL_LABEL))
      labels = [TOTAL_LABEL, ...labels.filter((l) => l !== TOTAL_LABEL)];
    else labels = [SINGLE_LABEL, ...labels];
  }
  const rows: PlannedRow[] = [];
  let group: string | undefined;
  let stt = 0;
  for (const input of inputs) {
    if (input.group !== undefined && input.group !== group) {
      group = input.group;
      rows.push({ kind: 'group', title: nfc(group) });
    }
    const cells = inputCells(outline, input).map((cell) => ({
      cell,
      column: cell.member === undefined ? 0 : labels.indexOf(nfc(cell.label)),
    }));
    rows.push({ kind: 'input', input, stt: ++stt, cells });
  }
  return { valueColumns: labels, rows, sections: sectionsForKind(outline, kind, period.kind) };
}

/** Spreadsheet column letters of a 1-based column number. */
export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const FN: Record<string, string> = {
  sum: 'SUM',
  if: 'IF',
  min: 'MIN',
  max: 'MAX',
  abs: 'ABS',
  round: 'ROUND',
  count: 'COUNT',
};

/**
 * The Excel formula of a derived member (`tong - nu` -> `E7-G7`), shown for the unit's
 * convenience only: validation recomputes derived values and never trusts them. Undefined when
 * the expression names something outside the row.
 */
export function derivedFormula(
  text: string,
  input: InputDef,
  addressOf: (member: string) => string | undefined,
): { formula: string; refs: string[] } | undefined {
  const parsed = parseExpr(text);
  if (!parsed.ok) return undefined;
  const refs: string[] = [];
  const go = (e: Expr): string | undefined => {
    switch (e.kind) {
      case 'number':
        return String(e.value);
      case 'ref': {
        const member =
          e.member === undefined ? e.code : e.code === input.code ? e.member : undefined;
        const addr = member === undefined ? undefined : addressOf(member);
        if (addr !== undefined && !refs.includes(addr)) refs.push(addr);
        return addr;
      }
      case 'neg': {
        const a = go(e.arg);
        return a === undefined ? undefined : `-(${a})`;
      }
      case 'arith':
      case 'compare': {
        const l = go(e.left);
        const r = go(e.right);
        if (l === undefined || r === undefined) return undefined;
        const op = e.op === '!=' ? '<>' : e.op;
        return `(${l}${op}${r})`;
      }
      case 'call': {
        const args = e.args.map(go);
        if (args.some((a) => a === undefined)) return undefined;
        return `${FN[e.fn] ?? e.fn.toUpperCase()}(${args.join(',')})`;
      }
    }
  };
  const body = go(parsed.ast);
  if (body === undefined) return undefined;
  // Blank until every cell it reads is filled: a computed 0 would look like a reported zero.
  const formula =
    refs.length === 0 ? body : `IF(COUNT(${refs.join(',')})<${refs.length},"",${body})`;
  return { formula, refs };
}

// ---- styles ----

const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
  name: FONT_NAME,
  size: 12,
  ...extra,
});
const solid = (argb: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
});
const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FILL = {
  header: solid('FFDDEBF7'),
  group: solid('FFF2F2F2'),
  /** A member this input does not have. */
  none: solid('FFBFBFBF'),
  /** Computed by the workbook. */
  derived: solid('FFE2EFDA'),
  /** Pre-filled, not for the unit to change. */
  fixed: solid('FFF2F2F2'),
};
/** Conditional format for "parts do not add up to the total". */
const MISMATCH_STYLE: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } },
  font: { color: { argb: 'FF9C0006' }, bold: true },
};

const NUM_FMT: Partial<Record<ValueType, string>> = { integer: '#,##0', text: '@' };

/** Excel's own limits: a title of 32 characters, a message of 255. */
function validationFor(type: ValueType): ExcelJS.DataValidation | undefined {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
  } as const;
  const blank = 'Để trống nếu chưa có số liệu; ghi 0 nếu số liệu bằng 0.';
  switch (type) {
    case 'integer':
      return {
        ...common,
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Cần số nguyên không âm',
        error: `Ô này chỉ nhận số nguyên từ 0 trở lên (ví dụ 0, 12, 1250), không ghi chữ hay đơn vị. ${blank}`,
      };
    case 'decimal':
    case 'money':
      return {
        ...common,
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Cần một số không âm',
        error: `Ô này chỉ nhận số từ 0 trở lên (ví dụ 12,5), không ghi chữ hay đơn vị. ${blank}`,
      };
    case 'percent':
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [0, 100],
        errorTitle: 'Cần tỷ lệ từ 0 đến 100',
        error: `Ghi tỷ lệ phần trăm là một số từ 0 đến 100 (ví dụ 35,5), không ghi dấu %. ${blank}`,
      };
    case 'yes_no':
      return {
        ...common,
        type: 'list',
        formulae: ['"Có,Không"'],
        errorTitle: 'Chọn Có hoặc Không',
        error: 'Chọn "Có" hoặc "Không" trong danh sách (bấm vào mũi tên bên phải ô).',
      };
    case 'text':
      return undefined;
  }
}

/**
 * Protection without a password: it keeps the labels and codes the validator relies on from
 * being typed over by accident, and a unit that truly needs to can lift it (Xem lại > Bỏ bảo
 * vệ trang tính) without asking anyone. Rows may be inserted, deleted, sorted and formatted.
 */
async function protect(sheet: ExcelJS.Worksheet): Promise<void> {
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    deleteRows: true,
    sort: true,
    autoFilter: true,
  });
}

/** A4 (paperSize 9), one page wide, as many tall as needed. */
function printSetup(
  sheet: ExcelJS.Worksheet,
  orientation: 'portrait' | 'landscape',
  titleRow?: number,
): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRow === undefined ? {} : { printTitlesRow: `${titleRow}:${titleRow}` }),
  };
}

/** A rough row height for wrapped text (exceljs cannot measure; LibreOffice re-fits anyway). */
function wrappedHeight(texts: Array<{ text: string; width: number }>, min = 18): number {
  let lines = 1;
  for (const { text, width } of texts) {
    const n = text
      .split('\n')
      .reduce((acc, line) => acc + Math.max(1, Math.ceil((line.length * 1.1) / width)), 0);
    lines = Math.max(lines, n);
  }
  return Math.max(min, lines * 16 + 4);
}

function setCell(
  sheet: ExcelJS.Worksheet,
  address: string,
  value: ExcelJS.CellValue,
  style: {
    bold?: boolean;
    italic?: boolean;
    size?: number;
    locked?: boolean;
    fill?: ExcelJS.Fill;
    border?: boolean;
    wrap?: boolean;
    horizontal?: ExcelJS.Alignment['horizontal'];
    numFmt?: string;
  } = {},
): ExcelJS.Cell {
  const cell = sheet.getCell(address);
  cell.value = typeof value === 'string' ? nfc(value) : value;
  const f: Partial<ExcelJS.Font> = {};
  if (style.bold) f.bold = true;
  if (style.italic) f.italic = true;
  if (style.size !== undefined) f.size = style.size;
  cell.font = font(f);
  cell.alignment = {
    vertical: 'middle',
    wrapText: style.wrap ?? false,
    ...(style.horizontal === undefined ? {} : { horizontal: style.horizontal }),
  };
  cell.protection = { locked: style.locked ?? true };
  if (style.fill) cell.fill = style.fill;
  if (style.border) cell.border = thin;
  if (style.numFmt !== undefined) cell.numFmt = style.numFmt;
  return cell;
}

function title(sheet: ExcelJS.Worksheet, row: number, lastCol: number, text: string, size = 14) {
  sheet.mergeCells(row, 1, row, lastCol);
  setCell(sheet, `A${row}`, text, {
    bold: size >= 13,
    italic: size < 13,
    size,
    horizontal: 'center',
    wrap: true,
  });
  sheet.getRow(row).height = size >= 13 ? 24 : 18;
}

/** Every column of a sheet in Times New Roman, so rows a unit adds are too. */
function columnFonts(sheet: ExcelJS.Worksheet, widths: number[]): void {
  widths.forEach((w, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = w;
    col.font = font();
  });
}

// ---- sheets ----

function infoSheet(wb: ExcelJS.Workbook, args: BuildTemplateArgs): ExcelJS.Worksheet {
  const { unit, period } = args;
  const ws = wb.addWorksheet(SHEET.info, { properties: { tabColor: { argb: 'FF5B9BD5' } } });
  columnFonts(ws, [24, 60]);
  title(ws, 1, 2, 'THÔNG TIN ĐƠN VỊ BÁO CÁO');
  const rows: Array<[string, string, boolean]> = [
    [INFO_LABELS.code, unit.code, false],
    [INFO_LABELS.name, unit.name, false],
    [INFO_LABELS.period, period.label, false],
    [INFO_LABELS.periodId, period.id, false],
    [INFO_LABELS.preparer, '', true],
    [INFO_LABELS.phone, '', true],
    [INFO_LABELS.date, '', true],
  ];
  rows.forEach(([label, value, open], i) => {
    const r = INFO_FIRST_ROW + i;
    setCell(ws, `A${r}`, label, { bold: true, border: true });
    const v = setCell(ws, `B${r}`, value === '' ? null : value, {
      border: true,
      locked: !open,
      ...(open ? {} : { fill: FILL.fixed }),
      ...(label === INFO_LABELS.date ? { numFmt: 'dd/mm/yyyy', horizontal: 'left' as const } : {}),
      ...(label === INFO_LABELS.phone || label === INFO_LABELS.code ? { numFmt: '@' } : {}),
    });
    if (label === INFO_LABELS.date) v.note = note('Ghi ngày lập biểu, ví dụ 15/06/2022.');
    ws.getRow(r).height = 20;
  });
  setCell(
    ws,
    `A${INFO_FIRST_ROW + rows.length + 1}`,
    'Ô nền xám do huyện điền sẵn; đơn vị ghi các ô trắng.',
    { italic: true, size: 11 },
  );
  printSetup(ws, 'portrait');
  return ws;
}

function dataSheet(
  wb: ExcelJS.Workbook,
  args: BuildTemplateArgs,
  plan: TemplatePlan,
): ExcelJS.Worksheet {
  const { outline, unit, period } = args;
  const ws = wb.addWorksheet(SHEET.data, { properties: { tabColor: { argb: 'FF70AD47' } } });
  const firstValueCol = 5;
  const noteCol = firstValueCol + plan.valueColumns.length;
  const lastCol = noteCol;
  const noteLetter = columnLetter(noteCol);
  // Codes are long (NGUOI_GAY_BL_CHUA_TRUY_CUU): the Mã column fits the longest, within reason.
  const codeWidth = Math.min(
    32,
    Math.max(
      10,
      ...plan.rows.map((row) =>
        row.kind === 'input' ? Math.ceil(row.input.code.length * 1.15) + 2 : 0,
      ),
    ),
  );
  columnFonts(ws, [
    6,
    codeWidth,
    50,
    11,
    ...plan.valueColumns.map((l) => Math.max(11, l.length + 2)),
    30,
  ]);
  ws.views = [
    { state: 'frozen', xSplit: 4, ySplit: DATA_HEADER_ROW, topLeftCell: `E${DATA_FIRST_ROW}` },
  ];

  title(ws, 1, lastCol, `BIỂU SỐ LIỆU: ${outline.title.toLocaleUpperCase('vi')}`);
  title(ws, 2, lastCol, `Đơn vị: ${unit.name} (mã ${unit.code}) - Kỳ báo cáo: ${period.label}`, 12);
  title(
    ws,
    3,
    lastCol,
    'Ô trắng: đơn vị nhập. Ô xám: không áp dụng. Ô xanh lá: bảng tự tính. Ô chưa có số liệu để trống; số liệu bằng 0 ghi 0.',
    11,
  );

  const headers = [
    DATA_HEADERS.stt,
    DATA_HEADERS.code,
    DATA_HEADERS.label,
    DATA_HEADERS.unit,
    ...plan.valueColumns,
    DATA_HEADERS.note,
  ];
  headers.forEach((h, i) =>
    setCell(ws, `${columnLetter(i + 1)}${DATA_HEADER_ROW}`, h, {
      bold: true,
      border: true,
      wrap: true,
      fill: FILL.header,
      horizontal: 'center',
    }),
  );
  ws.getRow(DATA_HEADER_ROW).height = 32;

  let r = DATA_FIRST_ROW;
  for (const row of plan.rows) {
    if (row.kind === 'group') {
      ws.mergeCells(r, 1, r, lastCol);
      setCell(ws, `A${r}`, row.title, { bold: true, border: true, fill: FILL.group });
      ws.getRow(r).height = 20;
      r++;
      continue;
    }
    const { input } = row;
    setCell(ws, `A${r}`, row.stt, { border: true, horizontal: 'center' });
    setCell(ws, `B${r}`, input.code, { border: true });
    const label = setCell(ws, `C${r}`, input.label, { border: true, wrap: true });
    if (input.help !== undefined) label.note = note(input.help);
    setCell(ws, `D${r}`, input.unit, { border: true, horizontal: 'center', wrap: true });
    ws.getRow(r).height = wrappedHeight([{ text: input.label, width: 50 }]);

    const addressOf = (member: string): string | undefined => {
      const c = row.cells.find((pc) => pc.cell.member === member);
      return c === undefined || c.column < 0
        ? undefined
        : `${columnLetter(firstValueCol + c.column)}${r}`;
    };
    for (let j = 0; j < plan.valueColumns.length; j++) {
      const addr = `${columnLetter(firstValueCol + j)}${r}`;
      const planned = row.cells.find((pc) => pc.column === j);
      if (planned === undefined) {
        setCell(ws, addr, null, { border: true, fill: FILL.none });
        continue;
      }
      const { cell } = planned;
      if (cell.entered) {
        const fmt = NUM_FMT[input.type];
        const c = setCell(ws, addr, null, {
          border: true,
          locked: false,
          horizontal: input.type === 'text' ? 'left' : 'right',
          wrap: input.type === 'text',
          ...(fmt === undefined ? {} : { numFmt: fmt }),
        });
        const dv = validationFor(input.type);
        if (dv) c.dataValidation = dv;
        continue;
      }
      const derived =
        cell.formula === undefined ? undefined : derivedFormula(cell.formula, input, addressOf);
      setCell(ws, addr, derived === undefined ? null : { formula: derived.formula, result: '' }, {
        border: true,
        fill: FILL.derived,
        horizontal: 'right',
        ...(input.type === 'integer' ? { numFmt: '#,##0' } : {}),
      });
      if (derived === undefined && cell.formula !== undefined)
        ws.getCell(addr).note = note(`Tự tính: ${cell.formula}`);
    }
    setCell(ws, `${noteLetter}${r}`, null, { border: true, locked: false, wrap: true });
    mismatchFormat(ws, args.outline, input, row.cells, firstValueCol, r);
    r++;
  }
  printSetup(ws, 'landscape', DATA_HEADER_ROW);
  return ws;
}

/**
 * Red while the parts entered do not add up to the total (Nam + Nữ ≠ Tổng số), once every
 * cell of the sum is filled: the unit sees it while typing, before validation does.
 */
function mismatchFormat(
  ws: ExcelJS.Worksheet,
  outline: Outline,
  input: InputDef,
  cells: PlannedCell[],
  firstValueCol: number,
  r: number,
): void {
  const set = categorySetOf(outline, input);
  if (set?.total === undefined || input.type === 'yes_no' || input.type === 'text') return;
  const addr = (pc: PlannedCell) => `$${columnLetter(firstValueCol + pc.column)}${r}`;
  // A derived part shows the mismatch itself (Nam = Tổng số - Nữ turns negative when Nữ is
  // larger than Tổng số); the sum rule only applies when every part is typed, as in
  // `impliedRules`.
  for (const pc of cells) {
    if (pc.cell.entered || pc.column < 0) continue;
    const a = `$${columnLetter(firstValueCol + pc.column)}${r}`;
    ws.addConditionalFormatting({
      ref: a.replace(/\$/g, ''),
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [`AND(ISNUMBER(${a}),${a}<0)`],
          style: MISMATCH_STYLE,
        },
      ],
    });
  }
  if (!set.parts_sum_to_total) return;
  const total = cells.find((pc) => pc.cell.member === set.total);
  const parts = cells.filter((pc) => pc.cell.member !== set.total);
  if (total === undefined || parts.length === 0 || [total, ...parts].some((pc) => pc.column < 0))
    return;
  if (!total.cell.entered || parts.some((pc) => !pc.cell.entered)) return;
  const all = [total, ...parts].map(addr);
  const cols = [total, ...parts].map((pc) => firstValueCol + pc.column);
  const ref = `${columnLetter(Math.min(...cols))}${r}:${columnLetter(Math.max(...cols))}${r}`;
  ws.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: [
          `AND(COUNT(${all.join(',')})=${all.length},ABS(${parts.map(addr).join('+')}-${addr(total)})>0.000001)`,
        ],
        style: MISMATCH_STYLE,
      },
    ],
  });
}

function textSheet(
  wb: ExcelJS.Workbook,
  args: BuildTemplateArgs,
  plan: TemplatePlan,
): ExcelJS.Worksheet {
  const { outline, unit, period } = args;
  const ws = wb.addWorksheet(SHEET.text, { properties: { tabColor: { argb: 'FFED7D31' } } });
  columnFonts(ws, [9, 55, 75]);
  ws.views = [{ state: 'frozen', ySplit: TEXT_HEADER_ROW, topLeftCell: `A${TEXT_FIRST_ROW}` }];
  title(ws, 1, 3, 'NỘI DUNG BÁO CÁO');
  title(ws, 2, 3, `Đơn vị: ${unit.name} (mã ${unit.code}) - Kỳ báo cáo: ${period.label}`, 12);
  const headers = [TEXT_HEADERS.number, TEXT_HEADERS.title, TEXT_HEADERS.text];
  headers.forEach((h, i) =>
    setCell(ws, `${columnLetter(i + 1)}${TEXT_HEADER_ROW}`, h, {
      bold: true,
      border: true,
      fill: FILL.header,
      horizontal: 'center',
    }),
  );
  const labelOf = new Map(outline.inputs.map((i) => [i.code, i.label]));
  let r = TEXT_FIRST_ROW;
  for (const f of plan.sections) {
    const s = f.section;
    const hasChildren = s.children.length > 0;
    setCell(ws, `A${r}`, f.path, { border: true, bold: f.depth === 0, horizontal: 'center' });
    const lines: string[] = [];
    if (s.guidance !== undefined) lines.push(nfc(s.guidance));
    if (s.inputs !== undefined && s.inputs.length > 0)
      lines.push(`Số liệu liên quan: ${s.inputs.map((c) => labelOf.get(c) ?? c).join('; ')}.`);
    if (s.required) lines.push('(Bắt buộc viết)');
    const richText: ExcelJS.RichText[] = [
      { text: nfc(s.title), font: font({ bold: true }) },
      ...(lines.length > 0
        ? [{ text: nfc(`\n${lines.join('\n')}`), font: font({ italic: true, size: 11 }) }]
        : []),
    ];
    setCell(ws, `B${r}`, { richText }, { border: true, wrap: true });
    ws.getCell(`B${r}`).alignment = { vertical: 'top', wrapText: true };
    const text = setCell(ws, `C${r}`, null, { border: true, locked: false, wrap: true });
    text.alignment = { vertical: 'top', wrapText: true };
    const titleText = [s.title, ...lines].join('\n');
    ws.getRow(r).height = Math.max(
      hasChildren ? 36 : 90,
      wrappedHeight([{ text: titleText, width: 55 }]),
    );
    r++;
  }
  printSetup(ws, 'portrait', TEXT_HEADER_ROW);
  return ws;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function helpSheet(wb: ExcelJS.Workbook, args: BuildTemplateArgs): ExcelJS.Worksheet {
  const { unit, period, outline, now, generator } = args;
  const ws = wb.addWorksheet(SHEET.help, { properties: { tabColor: { argb: 'FFFFC000' } } });
  columnFonts(ws, [110]);
  const deadline = `${pad2(period.deadline.day)}/${pad2(period.deadline.month)}/${period.deadline.year}`;
  const lines = [
    `Biểu mẫu này dành cho ${unit.name} (mã ${unit.code}), kỳ báo cáo ${period.label}. Không đổi tên các trang tính và không sửa cột "Mã": huyện đọc số liệu theo mã của từng dòng.`,
    `1. Trang "${SHEET.info}": ghi họ tên người lập biểu, số điện thoại và ngày lập (ví dụ 15/06/2022). Các ô nền xám đã điền sẵn.`,
    `2. Trang "${SHEET.data}": chỉ nhập vào các ô trắng. Ô xám là cột không áp dụng cho dòng đó; ô xanh lá do bảng tự tính (ví dụ Nam = Tổng số - Nữ), không cần nhập.`,
    '3. Ô chưa có số liệu thì để trống (huyện hiểu là "chưa báo cáo"); số liệu thực sự bằng 0 thì ghi 0. Không ghi "-", "x", "KPS" thay cho số; cần giải thích thì ghi vào cột "Ghi chú/giải trình".',
    '4. Ghi số không kèm đơn vị tính hay dấu %. Tỷ lệ ghi từ 0 đến 100 (ví dụ 35,5). Ô Có/Không chọn trong danh sách. Nếu Excel báo "giá trị không hợp lệ", đọc thông báo và sửa lại.',
    '5. Dòng có ô chuyển sang nền đỏ là các cột thành phần (ví dụ Nam + Nữ) cộng lại chưa bằng "Tổng số": kiểm tra và sửa cho khớp.',
    `6. Trang "${SHEET.text}": viết báo cáo của đơn vị vào cột "${TEXT_HEADERS.text}" theo từng mục; mục ghi "(Bắt buộc viết)" không được để trống. Xuống dòng trong ô bằng Alt+Enter; có thể dán văn bản từ Word.`,
    '7. Trang tính được khóa (không có mật khẩu) để tránh sửa nhầm tên chỉ tiêu và mã; vẫn chèn được dòng, định dạng và sắp xếp. Khi thật cần, bỏ khóa ở Xem lại > Bỏ bảo vệ trang tính.',
    '8. Kiểm tra trước khi gửi: chạy "bctd validate <tên tệp>" hoặc mở trang kiểm tra (tệp .html) huyện gửi kèm và chọn tệp này; sửa hết các lỗi được báo.',
    `9. Lưu và gửi đúng tệp .xlsx này (không chuyển sang .xls, .ods hay PDF, không đặt mật khẩu) trước ngày ${deadline}.`,
    `Biểu mẫu do ${generator} tạo ngày ${pad2(now.day)}/${pad2(now.month)}/${now.year} theo đề cương "${outline.title}" (${outline.id}, phiên bản ${outline.version}).`,
  ];
  title(ws, 1, 1, 'HƯỚNG DẪN ĐIỀN BIỂU MẪU');
  lines.forEach((text, i) => {
    const r = 3 + i;
    setCell(ws, `A${r}`, text, { wrap: true, italic: i === lines.length - 1 });
    ws.getRow(r).height = wrappedHeight([{ text, width: 105 }]);
  });
  printSetup(ws, 'portrait');
  return ws;
}

function stampSheet(wb: ExcelJS.Workbook, args: BuildTemplateArgs): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(SHEET.stamp, { state: 'veryHidden' });
  const values: Record<StampKey, string> = {
    outline_id: args.outline.id,
    outline_version: args.outline.version,
    layout: layoutFingerprint(args.outline),
    unit_code: args.unit.code,
    unit_kind: args.unit.kind,
    period: args.period.id,
    generator: args.generator,
  };
  columnFonts(ws, [18, 30]);
  STAMP_KEYS.forEach((k, i) => {
    setCell(ws, `A${i + 1}`, k);
    setCell(ws, `B${i + 1}`, values[k], { numFmt: '@' });
  });
  return ws;
}

/**
 * exceljs always writes Calibri as the workbook's default font (styles.xml font 0, the
 * "Normal" style, and the theme's minor font): rewrite those so empty cells and anything a
 * unit adds are Times New Roman too.
 */
function timesNewRomanDefaults(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const styles = files['xl/styles.xml'];
  if (styles !== undefined) {
    const xml = strFromU8(styles).replace(
      /<fonts([^>]*)>\s*<font>[\s\S]*?<\/font>/,
      (_m, attrs: string) =>
        `<fonts${attrs}><font><sz val="12"/><color theme="1"/><name val="${FONT_NAME}"/><family val="1"/></font>`,
    );
    files['xl/styles.xml'] = strToU8(xml);
  }
  const theme = files['xl/theme/theme1.xml'];
  if (theme !== undefined) {
    const xml = strFromU8(theme)
      .replace(/<a:latin typeface="(Calibri|Cambria)"\/>/g, `<a:latin typeface="${FONT_NAME}"/>`)
      .replace(
        /<a:font script="Viet" typeface="[^"]*"\/>/g,
        `<a:font script="Viet" typeface="${FONT_NAME}"/>`,
      );
    files['xl/theme/theme1.xml'] = strToU8(xml);
  }
  const out: Zippable = {};
  // [Content_Types].xml first, as Office writes it (some readers sniff it there).
  const names = Object.keys(files).sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0,
  );
  for (const name of names) out[name] = [files[name] as Uint8Array, { level: 6 }];
  return zipSync(out);
}

/** The workbook a unit fills in for one period, as .xlsx bytes. */
export async function buildTemplate(args: BuildTemplateArgs): Promise<Uint8Array> {
  const plan = planTemplate(args.outline, args.unit.kind, args.period);
  const wb = new ExcelJS.Workbook();
  const made = new Date(Date.UTC(args.now.year, args.now.month - 1, args.now.day));
  wb.creator = args.generator;
  wb.lastModifiedBy = args.generator;
  wb.created = made;
  wb.modified = made;
  wb.title = nfc(`${args.outline.title} - ${args.unit.name} - ${args.period.label}`);
  // Derived cells are written without a result: ask Excel to compute on open.
  wb.calcProperties.fullCalcOnLoad = true;

  const info = infoSheet(wb, args);
  const data = dataSheet(wb, args, plan);
  const text = textSheet(wb, args, plan);
  helpSheet(wb, args);
  stampSheet(wb, args);
  for (const ws of [info, data, text]) await protect(ws);
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' },
  ];

  const buf = await wb.xlsx.writeBuffer();
  const bytes = new Uint8Array(buf as ArrayBuffer);
  return timesNewRomanDefaults(bytes);
}
