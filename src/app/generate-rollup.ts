/**
 * `generate --rollup FILE`: the district's aggregated inputs as a unit workbook of the same
 * outline, with the issuing agency as the unit, so the next level validates and aggregates it
 * with bctd like any unit's file. Built with the template writer (same layout and stamp), then
 * the totals are typed in as values: numbers as numbers, text as text, never formulas.
 */
import ExcelJS from 'exceljs';
import type { Rollup } from '../aggregate/types.js';
import { inputCells } from '../outline/helpers.js';
import type { Outline } from '../outline/schema.js';
import { ymdFromDate, type Period } from '../period/periods.js';
import { slugify } from '../text/labels.js';
import { SINGLE } from '../validate/submission.js';
import { DATA_HEADERS, INFO_LABELS, SHEET } from '../workbook/layout.js';
import { buildTemplate } from '../workbook/template.js';
import type { Workspace } from '../workspace/workspace.js';
import { writeRollupNarratives } from './generate-rollup-text.js';
import { packageVersion } from './paths.js';

/** The unit kind the district reports as at the next level (its units.yaml lists it so). */
export const ROLLUP_KIND = 'huyen';

/** `TRIEU_SON` from `Triệu Sơn`: a stable code for the issuing agency (its file-name slug). */
export function agencyUnitCode(place: string): string {
  return slugify(place).toUpperCase().replace(/-/g, '_');
}

const key = (s: unknown) =>
  String(s ?? '')
    .normalize('NFC')
    .trim()
    .toLocaleLowerCase('vi');

export async function buildRollupWorkbook(
  ws: Workspace,
  outline: Outline,
  period: Period,
  rollup: Rollup,
  now: Date,
): Promise<Uint8Array> {
  // Every input (not only those some kind reports) gets a row: the district reports them all.
  const kind = ws.config.agency.unit_kind ?? ROLLUP_KIND;
  const wide: Outline = {
    ...outline,
    inputs: outline.inputs.map((i) => ({ ...i, reporters: [...i.reporters, kind] })),
  };
  const unit = {
    code: ws.config.agency.unit_code ?? agencyUnitCode(ws.config.agency.place),
    name: ws.config.agency.full_name,
    kind,
  };
  const bytes = await buildTemplate({
    outline: wide,
    unit,
    period,
    generator: `bctd ${packageVersion()}`,
    now: ymdFromDate(now),
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const info = wb.worksheets.find((w) => w.name === SHEET.info);
  if (info)
    info.eachRow((row) => {
      if (key(row.getCell(1).value) === key(INFO_LABELS.date)) {
        const d = ymdFromDate(now);
        row.getCell(2).value =
          `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
      }
      if (key(row.getCell(1).value) === key(INFO_LABELS.preparer))
        row.getCell(2).value = ws.config.agency.full_name;
    });
  const data = wb.worksheets.find((w) => w.name === SHEET.data);
  if (data) {
    let headerRow = 0;
    const cols = new Map<string, number>();
    data.eachRow((row, r) => {
      if (headerRow !== 0) return;
      row.eachCell((c, col) => {
        if (key(c.value) === key(DATA_HEADERS.code)) headerRow = r;
        cols.set(key(c.value), col);
      });
      if (headerRow === 0) cols.clear();
    });
    const codeCol = cols.get(key(DATA_HEADERS.code)) ?? 2;
    const unitCol = cols.get(key(DATA_HEADERS.unit)) ?? codeCol + 2;
    data.eachRow((row, r) => {
      if (r <= headerRow) return;
      const code = String(row.getCell(codeCol).value ?? '').trim();
      const def = outline.inputs.find((i) => i.code === code);
      if (!def) return;
      const values = rollup.values[code];
      for (const cell of inputCells(outline, def)) {
        if (!cell.entered) continue;
        const col = def.categories === undefined ? unitCol + 1 : cols.get(key(cell.label));
        const v = values?.[cell.member ?? SINGLE];
        if (col === undefined || v === null || v === undefined) continue;
        row.getCell(col).value = v;
      }
    });
  }
  // The next level requires some sections written, as from any unit.
  writeRollupNarratives(wb, ws, outline, period);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
