import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'bctd.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed stdout when it is JSON. */
  json: () => Record<string, unknown>;
}

/**
 * Runs the built CLI as a user would (a separate process, no TTY, NO_COLOR). `npm test` builds
 * first; running vitest alone needs `npm run build`.
 */
export function bctd(
  args: string[],
  opts: {
    cwd?: string;
    env?: Record<string, string>;
    timeout?: number;
    /** Another copy of bin/bctd.js (a test's own package directory). */
    bin?: string;
  } = {},
): CliRun {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    throw new Error(
      'dist/ is missing: run "npm run build" (npm test does it) before the CLI tests.',
    );
  }
  const r = spawnSync(process.execPath, [opts.bin ?? BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeout ?? 120_000,
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: () => JSON.parse(r.stdout) as Record<string, unknown>,
  };
}

export function tempDir(prefix = 'bctd-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
