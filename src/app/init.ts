import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BctdError } from '../issues/errors.js';
import { writeFileAtomic } from '../io/write.js';
import { packageRoot } from './paths.js';

export interface InitResult {
  dir: string;
  preset: string;
  written: string[];
  kept: string[];
  folders: string[];
}

export function listPresets(): string[] {
  const dir = path.join(packageRoot(), 'presets');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Folders a workspace needs: submissions, reports, templates sent to units. */
const FOLDERS = ['nop', 'bao-cao', 'bieu-mau'];

/**
 * Writes bctd.yaml, units.yaml and the folders of a new workspace from a preset. Without
 * `force` an existing file is never overwritten: it is kept and listed.
 */
export function initWorkspace(
  cwd: string,
  dirArg: string | undefined,
  preset: string,
  force: boolean,
): InitResult {
  const presetDir = path.join(packageRoot(), 'presets', preset);
  if (!/^[a-z0-9-]+$/.test(preset) || !existsSync(presetDir)) {
    throw new BctdError('bad-option', `Không có bộ cấu hình "${preset}".`, {
      hint: `Các bộ cấu hình có sẵn: ${listPresets().join(', ') || '(không có)'}.`,
    });
  }
  const dir = path.resolve(cwd, dirArg ?? '.');
  const result: InitResult = { dir, preset, written: [], kept: [], folders: [] };
  for (const name of readdirSync(presetDir).sort()) {
    const target = path.join(dir, name);
    if (existsSync(target) && !force) {
      result.kept.push(name);
      continue;
    }
    writeFileAtomic(target, readFileSync(path.join(presetDir, name)), { force });
    result.written.push(name);
  }
  for (const f of FOLDERS) {
    const target = path.join(dir, f);
    if (!existsSync(target)) {
      try {
        mkdirSync(target, { recursive: true });
      } catch (e) {
        throw new BctdError(
          'write-failed',
          `Không tạo được thư mục "${target}": ${(e as Error).message}`,
        );
      }
      result.folders.push(f);
    }
  }
  return result;
}
