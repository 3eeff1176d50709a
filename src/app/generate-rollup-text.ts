/**
 * `generate --rollup`: the roll-up workbook's `Nội dung` sheet. The next level validates the
 * district's workbook like any unit's, and its outline requires some sections written
 * (`required`): without text the roll-up fails there with "Mục I ... bắt buộc nhưng chưa có nội
 * dung". Each section gets the agency's own text from noi-dung.md; a required one the agency
 * left empty points to the report itself (where the text on the numbers is) instead of a blank.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { flattenSections } from '../outline/helpers.js';
import type { Outline } from '../outline/schema.js';
import type { Period } from '../period/periods.js';
import { parseNoiDung } from '../report/compose.js';
import { SHEET, TEXT_FIRST_ROW, TEXT_HEADERS } from '../workbook/layout.js';
import { reportsDir, type Workspace } from '../workspace/workspace.js';

const key = (s: unknown) =>
  String(s ?? '')
    .normalize('NFC')
    .trim()
    .toLocaleLowerCase('vi');

/** Section path (`I.1`) -> the text the roll-up carries for it. */
export function rollupNarratives(
  ws: Workspace,
  outline: Outline,
  period: Period,
): Record<string, string> {
  const file = path.join(reportsDir(ws, period.id), 'noi-dung.md');
  const texts = existsSync(file) ? parseNoiDung(readFileSync(file, 'utf8'), outline).texts : {};
  const out: Record<string, string> = {};
  for (const f of flattenSections(outline)) {
    if (f.periods !== undefined && !f.periods.includes(period.kind)) continue;
    const own = texts[f.path]?.trim();
    if (own) out[f.path] = own;
    else if (f.section.required)
      out[f.path] =
        `Nội dung chi tiết tại báo cáo ${period.label} của ${ws.config.agency.full_name}.`;
  }
  return out;
}

/** Writes `rollupNarratives` into the `Nội dung` sheet of a workbook made by the template writer. */
export function writeRollupNarratives(
  wb: ExcelJS.Workbook,
  ws: Workspace,
  outline: Outline,
  period: Period,
): void {
  const sheet = wb.worksheets.find((w) => w.name === SHEET.text);
  if (sheet === undefined) return;
  const texts = rollupNarratives(ws, outline, period);
  let textCol = 3;
  sheet.getRow(TEXT_FIRST_ROW - 1).eachCell((c, col) => {
    if (key(c.value) === key(TEXT_HEADERS.text)) textCol = col;
  });
  sheet.eachRow((row, r) => {
    if (r < TEXT_FIRST_ROW) return;
    const text = texts[String(row.getCell(1).value ?? '').trim()];
    if (text !== undefined) row.getCell(textCol).value = text;
  });
}
