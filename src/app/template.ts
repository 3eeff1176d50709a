import { resolvePeriod } from './period.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BctdError } from '../issues/errors.js';
import { writeFileAtomic } from '../io/write.js';
import { type Period, type YMD } from '../period/periods.js';
import { expectedUnits, unitActiveIn, type Unit } from '../period/units.js';
import { levenshtein, slugify } from '../text/labels.js';
import { loadWorkspace, type Workspace } from '../workspace/workspace.js';
import { loadOutlineFor } from './outline.js';
import { packageVersion } from './paths.js';

export interface TemplateRequest {
  cwd: string;
  workspace?: string | undefined;
  period?: string | undefined;
  year?: number | undefined;
  /** Unit codes; all units valid in the period when empty or absent. */
  units?: readonly string[] | undefined;
  out?: string | undefined;
  outline?: string | undefined;
  force: boolean;
  today: YMD;
}

export interface TemplateFile {
  unit: string;
  name: string;
  path: string;
}

export interface TemplateResult {
  period: Period;
  /** True when the period was chosen from today's date (no --period). */
  periodChosen: boolean;
  outline: { id: string; version: string };
  dir: string;
  files: TemplateFile[];
  /** Already there and not overwritten (no --force). */
  kept: TemplateFile[];
}

/** `15664-thi-tran-trieu-son-2022-6m.xlsx` (layout contract). */
export function templateFileName(unit: Pick<Unit, 'code' | 'name'>, period: Period): string {
  const slug = slugify(unit.name);
  // The code as written in units.yaml when it is safe in a file name on every system.
  const code = /^[A-Za-z0-9_.-]+$/.test(unit.code) ? unit.code : slugify(unit.code) || 'don-vi';
  return `${code}${slug === '' ? '' : `-${slug}`}-${period.id}.xlsx`;
}

/** Codes that look like what was typed: a small edit away, or a unit whose name contains it. */
export function closeUnitCodes(typed: string, units: readonly Unit[], max = 5): string[] {
  const t = typed.trim().toLowerCase();
  const words = slugify(typed);
  const scored = units
    .map((u) => {
      const d = levenshtein(t, u.code.toLowerCase());
      const byName = words.length >= 3 && slugify(u.name).includes(words);
      return { u, score: byName ? 0 : d };
    })
    .filter((x) => x.score <= 2)
    .sort((a, b) => a.score - b.score || a.u.code.localeCompare(b.u.code));
  return scored.slice(0, max).map((x) => `${x.u.code} (${x.u.name})`);
}

function selectUnits(ws: Workspace, codes: readonly string[], period: Period): Unit[] {
  if (codes.length === 0) {
    const units = expectedUnits(ws.units, period);
    if (units.length === 0) {
      throw new BctdError(
        'units-invalid',
        `Không có đơn vị nào trong ${ws.unitsFile} còn hoạt động ở kỳ ${period.label}.`,
        { hint: 'Kiểm tra valid_from / valid_to của các đơn vị, hoặc chọn kỳ khác.' },
      );
    }
    return units;
  }
  const out: Unit[] = [];
  for (const code of codes) {
    const unit = ws.units.find((u) => u.code === code.trim());
    if (unit === undefined) {
      const close = closeUnitCodes(code, ws.units);
      throw new BctdError('bad-option', `Không có đơn vị mã "${code}" trong ${ws.unitsFile}.`, {
        hint:
          close.length > 0
            ? `Có phải ý là: ${close.join(', ')}?`
            : 'Xem danh sách mã đơn vị trong tệp đơn vị (units.yaml).',
      });
    }
    if (!unitActiveIn(unit, period)) {
      throw new BctdError(
        'bad-option',
        `Đơn vị ${unit.code} (${unit.name}) không hoạt động ở kỳ ${period.label} (xem valid_from / valid_to).`,
        { hint: 'Chọn đơn vị khác hoặc kỳ khác.' },
      );
    }
    if (!out.includes(unit)) out.push(unit);
  }
  return out;
}

/**
 * Writes one workbook per unit valid in the period into `--out` or `bieu-mau/<năm>-<kỳ>/`.
 * Everything is checked before the first file is written; an existing file is kept unless
 * `--force` (the unit may already have started filling it).
 */
export async function makeTemplates(req: TemplateRequest): Promise<TemplateResult> {
  const ws = loadWorkspace(req.cwd, req.workspace);
  const outline = await loadOutlineFor(ws, req.outline, req.cwd);
  const { period, chosen } = resolvePeriod(
    outline,
    ws.config.periodSettings,
    { period: req.period, year: req.year },
    req.today,
  );
  const units = selectUnits(ws, req.units ?? [], period);
  const dir =
    req.out !== undefined
      ? path.resolve(req.cwd, req.out)
      : path.join(ws.dir, 'bieu-mau', period.id);
  const foreign = units.filter((u) => outline.unit_kinds[u.kind] === undefined);
  if (foreign.length > 0) {
    throw new BctdError(
      'units-invalid',
      `Loại đơn vị của ${foreign.map((u) => `${u.code} (${u.kind})`).join(', ')} không có trong đề cương "${outline.id}".`,
      {
        hint: `Sửa "kind" trong ${ws.unitsFile}; đề cương có các loại: ${Object.keys(outline.unit_kinds).join(', ')}.`,
      },
    );
  }

  // exceljs is heavy: loaded only here, when templates are really written.
  const { buildTemplate } = await import('../workbook/template.js');
  const generator = `bctd ${packageVersion()}`;
  const result: TemplateResult = {
    period,
    periodChosen: chosen,
    outline: { id: outline.id, version: outline.version },
    dir,
    files: [],
    kept: [],
  };
  for (const unit of units) {
    const file = path.join(dir, templateFileName(unit, period));
    const entry = { unit: unit.code, name: unit.name, path: file };
    if (!req.force && existsSync(file)) {
      result.kept.push(entry);
      continue;
    }
    const bytes = await buildTemplate({
      outline,
      unit: { code: unit.code, name: unit.name, kind: unit.kind },
      period,
      generator,
      now: req.today,
    });
    writeFileAtomic(file, bytes, { force: req.force });
    result.files.push(entry);
  }
  return result;
}
