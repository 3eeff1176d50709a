// A receipt ledger that cannot be read stops status and generate with a message and exit 2,
// also when the period has enough files for worker threads (they must not keep bctd alive).
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bctd, ROOT, tempDir } from './helpers/cli.js';

function workspace(): { dir: string; ledger: string } {
  const dir = tempDir('bctd-ledger-');
  cpSync(path.join(ROOT, 'fixtures', 'demo'), dir, { recursive: true });
  const period = path.join(dir, 'nop', '2022-6m');
  // Enough files for the default worker threads.
  expect(readdirSync(period).filter((f) => f.endsWith('.xlsx')).length).toBeGreaterThanOrEqual(20);
  return { dir, ledger: path.join(period, 'nhan.yaml') };
}

describe('a broken receipt ledger', () => {
  for (const command of [
    ['status', '--period', '6m', '--year', '2022'],
    ['generate', '--period', '6m', '--year', '2022', '--out', 'bc.docx'],
  ]) {
    it(`${command[0]}: exit 2 with the line, at once, no report written`, () => {
      const { dir, ledger } = workspace();
      writeFileSync(ledger, 'period: 2022-6m\nentries: [\n');
      const r = bctd(command, { cwd: dir, timeout: 30_000 });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /Không đọc được sổ nhận ".*nhan\.yaml" \(dòng \d+\): Lỗi cú pháp YAML/,
      );
      expect(readdirSync(dir)).not.toContain('bc.docx');
    });
  }

  it('a ledger that is a folder: the system reason, not a syntax error', () => {
    const { dir, ledger } = workspace();
    rmSync(ledger, { force: true });
    mkdirSync(ledger);
    const r = bctd(['status', '--period', '6m', '--year', '2022'], { cwd: dir, timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Không đọc được sổ nhận ".*nhan\.yaml": EISDIR/);
    expect(r.stderr).not.toContain('cú pháp');
  });
});
