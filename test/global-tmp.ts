/**
 * Gives each test run its own temporary folder and removes it at the end, so that running the
 * tests again and again does not fill the machine's /tmp (thousands of `bctd-*` folders before).
 * TMPDIR is set before vitest starts its forks, so the tests, the CLI processes they start and
 * bctd's own temporary folders (LibreOffice conversions) all land in it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const root = mkdtempSync(path.join(tmpdir(), 'bctd-tests-'));
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    if (!process.env.BCTD_KEEP_TEST_TMP) rmSync(root, { recursive: true, force: true });
  };
}
