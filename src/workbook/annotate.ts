/**
 * Annotated copies for `bctd validate --annotate` (issue 4): the unit's own workbook with each
 * problem cell filled (red errors, yellow warnings) and a Vietnamese comment, and a first sheet
 * `Danh sách lỗi` listing every issue. Written with exceljs from the original bytes, which keeps
 * the values, data validations and layout of bctd's template; where exceljs cannot load the
 * file, a workbook of the issues and the original values (read by our bounded reader) instead.
 *
 * Text that came from a unit is always written as a string cell, never as a formula: exceljs
 * only writes a formula for `{ formula }` values, and `safeText` keeps a leading `=`, `+`, `-`,
 * `@` from ever being read as one when a clerk re-edits the cell (issue 7, formula injection).
 */
import ExcelJS from 'exceljs';
import type { Issue } from '../issues/types.js';
import { a1 } from './address.js';
import { readWorkbook } from './read.js';
import type { ReadLimits } from './types.js';

export const ISSUES_SHEET = 'Danh sách lỗi';

const RED = 'FFFF9999';
const YELLOW = 'FFFFEB84';

/** A string that no spreadsheet reads as a formula or DDE command. */
export function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const HEADERS = [
  'Mức độ',
  'Trang',
  'Ô',
  'Mã chỉ tiêu',
  'Chỉ tiêu',
  'Giá trị',
  'Nội dung',
  'Cách sửa',
  'Mã lỗi',
];

function issueRows(ws: ExcelJS.Worksheet, issues: readonly Issue[]): void {
  ws.columns = [
    { width: 10 },
    { width: 14 },
    { width: 8 },
    { width: 16 },
    { width: 32 },
    { width: 14 },
    { width: 60 },
    { width: 50 },
    { width: 22 },
  ];
  const head = ws.getRow(1);
  HEADERS.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { name: 'Times New Roman', bold: true };
  });
  issues.forEach((is, k) => {
    const row = ws.getRow(k + 2);
    const cells = [
      is.severity === 'error' ? 'Lỗi' : 'Cảnh báo',
      is.sheet ?? '',
      is.cell ?? '',
      is.input ?? '',
      is.label ?? '',
      is.value ?? '',
      is.message,
      is.fix,
      is.code,
    ];
    cells.forEach((v, i) => {
      const c = row.getCell(i + 1);
      c.value = safeText(v);
      c.font = { name: 'Times New Roman' };
      c.alignment = { wrapText: true, vertical: 'top' };
    });
    row.getCell(1).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: is.severity === 'error' ? RED : YELLOW },
    };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** Puts the issues sheet first in the tab order. */
function moveFirst(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): void {
  // exceljs orders sheets by `orderNo` when writing; the loaded ones count from 0.
  (ws as unknown as { orderNo: number }).orderNo = -1;
  wb.views = [
    { activeTab: 0, x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: 'visible' },
  ];
}

function mark(wb: ExcelJS.Workbook, issues: readonly Issue[]): void {
  const byCell = new Map<string, Issue[]>();
  for (const is of issues) {
    if (is.sheet === undefined || is.cell === undefined) continue;
    const key = `${is.sheet}\u0000${is.cell}`;
    const list = byCell.get(key);
    if (list) list.push(is);
    else byCell.set(key, [is]);
  }
  for (const [key, list] of byCell) {
    const [sheet, cell] = key.split('\u0000') as [string, string];
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    const c = ws.getCell(cell);
    const error = list.some((i) => i.severity === 'error');
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: error ? RED : YELLOW } };
    c.note = list
      .map(
        (i) => `${i.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}: ${i.message}\nCách sửa: ${i.fix}`,
      )
      .join('\n\n');
  }
}

/**
 * The annotated copy of a workbook as bytes. Never touches the original bytes' owner: the
 * caller writes the result elsewhere.
 */
export async function annotateWorkbook(
  bytes: Uint8Array,
  issues: readonly Issue[],
  limits: Partial<ReadLimits> = {},
): Promise<{ bytes: Uint8Array; fallback: boolean }> {
  // Our reader first: a file it refuses (bomb, DTD, .xls) is never handed to exceljs.
  const read = readWorkbook(bytes, limits);
  if (read.ok) {
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      mark(wb, issues);
      const ws = wb.addWorksheet(ISSUES_SHEET);
      issueRows(ws, issues);
      moveFirst(wb, ws);
      return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), fallback: false };
    } catch {
      // exceljs could not load or write it: fall through to the plain workbook.
    }
  }
  const wb = new ExcelJS.Workbook();
  issueRows(wb.addWorksheet(ISSUES_SHEET), issues);
  if (read.ok) {
    for (const info of read.workbook.sheets) {
      const sheet = read.workbook.sheet(info.name);
      if (!sheet.ok) continue;
      const name = `Gốc - ${info.name}`.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ');
      if (wb.getWorksheet(name)) continue;
      const ws = wb.addWorksheet(name);
      for (const c of sheet.cells.values()) {
        const target = ws.getCell(a1(c.row, c.col));
        if (c.type === 'number' && typeof c.value === 'number') target.value = c.value;
        else target.value = safeText(c.error ?? c.text);
      }
      mark(
        wb,
        issues.map((i) => (i.sheet === info.name ? { ...i, sheet: name } : i)),
      );
    }
  }
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), fallback: true };
}
