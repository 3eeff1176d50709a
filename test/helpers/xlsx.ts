/**
 * Small realistic workbooks for tests, written with exceljs the way bctd's own template and
 * most programs write them (shared strings, styles, cached formula results).
 *
 *   const bytes = await buildXlsx({ 'Số liệu': [['Mã', 'Tổng số'], ['DS01', 12500]] });
 */
import ExcelJS from 'exceljs';

export interface StyledCell {
  value: PlainValue;
  numFmt?: string;
  font?: Partial<ExcelJS.Font>;
}

export type PlainValue = string | number | boolean | Date | null | undefined;

export type CellSpec =
  | PlainValue
  | { formula: string; result?: string | number | boolean | Date | { error: string } }
  /** Shared formula: the master's address; exceljs moves the master's formula here. */
  | { sharedFormula: string; result?: number | string }
  | { richText: Array<{ text: string; font?: Partial<ExcelJS.Font> }> }
  | { error: string }
  | StyledCell;

export interface BuildOptions {
  /** Merged ranges per sheet, e.g. `{ 'Số liệu': ['A1:C1'] }`. */
  merges?: Record<string, string[]>;
  /** Hidden sheets. */
  states?: Record<string, 'hidden' | 'veryHidden'>;
  date1904?: boolean;
  /** Cells to style without a value (`A5: { numFmt: '0%' }`): exceljs writes them as styled empty cells. */
  styledEmpty?: Record<string, string[]>;
}

function isStyled(v: CellSpec): v is StyledCell {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'value' in v;
}

function toExcel(v: CellSpec): ExcelJS.CellValue {
  if (v === undefined) return null;
  if (typeof v !== 'object' || v === null || v instanceof Date) return v;
  if ('error' in v) return { error: v.error } as ExcelJS.CellErrorValue;
  if ('formula' in v) return v as ExcelJS.CellFormulaValue;
  if ('sharedFormula' in v) return v as ExcelJS.CellSharedFormulaValue;
  if ('richText' in v) return v as ExcelJS.CellRichTextValue;
  return null;
}

/** Writes a workbook: one entry per sheet, rows of cells from A1. */
export async function buildXlsx(
  sheets: Record<string, CellSpec[][]>,
  opts: BuildOptions = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    const state = opts.states?.[name];
    if (state) ws.state = state;
    rows.forEach((row, r) => {
      row.forEach((spec, c) => {
        if (spec === undefined || spec === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (isStyled(spec)) {
          if (spec.numFmt !== undefined) cell.numFmt = spec.numFmt;
          if (spec.font !== undefined) cell.font = spec.font;
          cell.value = toExcel(spec.value);
        } else cell.value = toExcel(spec);
      });
    });
    for (const m of opts.merges?.[name] ?? []) ws.mergeCells(m);
    for (const addr of opts.styledEmpty?.[name] ?? []) {
      ws.getCell(addr).numFmt = '0.0';
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Reads bytes back with exceljs, for cross-checks. */
export async function loadWithExceljs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb;
}
