import { existsSync } from 'node:fs';
import path from 'node:path';
import { readWholeText } from '../io/read.js';
import { BctdError } from '../issues/errors.js';
import type { Unit } from '../period/units.js';
import { parseConfig, parseUnits, type Config } from './config.js';
import { formatYamlProblem } from './yaml.js';

export const CONFIG_FILE = 'bctd.yaml';

/**
 * Finds the workspace the way git finds its repository: `--workspace DIR`, else the current
 * folder or the nearest parent that holds bctd.yaml.
 */
export function findWorkspace(cwd: string, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) {
    const dir = path.resolve(cwd, explicit);
    return existsSync(path.join(dir, CONFIG_FILE)) ? dir : undefined;
  }
  let dir = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(dir, CONFIG_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function requireWorkspace(cwd: string, explicit: string | undefined): string {
  const dir = findWorkspace(cwd, explicit);
  if (dir === undefined) {
    const where =
      explicit === undefined ? `thư mục hiện tại (${cwd}) hay các thư mục cha` : `"${explicit}"`;
    throw new BctdError('no-workspace', `Không tìm thấy tệp ${CONFIG_FILE} trong ${where}.`, {
      hint: 'Chạy "bctd init" để tạo thư mục làm việc, hoặc chỉ rõ bằng --workspace <thư mục>.',
    });
  }
  return dir;
}

function readText(file: string, what: string): string {
  return readWholeText(file, what, 'Kiểm tra đường dẫn và quyền đọc tệp.');
}

export interface Workspace {
  dir: string;
  config: Config;
  units: Unit[];
  /** Absolute path of the units file. */
  unitsFile: string;
}

export function loadConfig(dir: string): Config {
  const file = path.join(dir, CONFIG_FILE);
  const r = parseConfig(readText(file, 'tệp cấu hình'), file);
  if (!r.ok) {
    throw new BctdError('config-invalid', `Tệp cấu hình ${file} có ${r.problems.length} lỗi.`, {
      details: r.problems.map(formatYamlProblem),
      hint: 'Sửa các dòng được nêu trong bctd.yaml rồi chạy lại.',
    });
  }
  return r.config;
}

export function loadUnits(file: string): Unit[] {
  const r = parseUnits(readText(file, 'danh sách đơn vị'), file);
  if (!r.ok) {
    throw new BctdError('units-invalid', `Danh sách đơn vị ${file} có ${r.problems.length} lỗi.`, {
      details: r.problems.map(formatYamlProblem),
      hint: 'Sửa các dòng được nêu trong tệp đơn vị rồi chạy lại.',
    });
  }
  return r.units;
}

export function loadWorkspace(cwd: string, explicit: string | undefined): Workspace {
  const dir = requireWorkspace(cwd, explicit);
  const config = loadConfig(dir);
  const unitsFile = path.resolve(dir, config.units);
  return { dir, config, units: loadUnits(unitsFile), unitsFile };
}

/** `nop/{year}-{period}` for a period, absolute. */
export function submissionsDir(ws: Workspace, periodId: string): string {
  const [year, kind] = periodId.split('-');
  return path.resolve(
    ws.dir,
    ws.config.submissions.replace('{year}', year ?? '').replace('{period}', kind ?? ''),
  );
}

export function reportsDir(ws: Workspace, periodId: string): string {
  return path.resolve(ws.dir, ws.config.reports, periodId);
}
