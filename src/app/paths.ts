import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The installed package's root (beside dist/): presets, outlines and templates live there. */
export function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}
