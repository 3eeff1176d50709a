import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The installed package's root (beside dist/): presets, outlines and templates live there. */
export function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

let version: string | undefined;

/**
 * The package version from package.json at the package root, read once: `bctd --version`, the
 * `generator` stamp of templates and roll-up workbooks. `0.0.0` when it cannot be read, so a
 * damaged install still writes workbooks (the stamp is informative only).
 */
export function packageVersion(): string {
  if (version === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
        version?: string;
      };
      version = pkg.version ?? '0.0.0';
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
