/**
 * `npm run demo` (scripts/demo.js) writes the report and the clerk's outputs into its own folder
 * and leaves the demo workspace byte-identical.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const DEMO = path.join(ROOT, 'fixtures', 'demo');

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else
        out[path.relative(dir, full)] = createHash('sha256')
          .update(readFileSync(full))
          .digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('scripts/demo.js', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'bctd-demo-out-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes status, validate, the report and its lint, without touching fixtures/demo', () => {
    const before = hashTree(DEMO);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'demo.js'), out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 300_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(hashTree(DEMO)).toEqual(before);

    const status = readFileSync(path.join(out, 'status.txt'), 'utf8');
    expect(status).toMatch(/15703\s+Xã Dân Lý: chưa nộp/);
    expect(status).toMatch(/15742\s+Xã Thọ Dân: nộp muộn/);
    expect(status).toMatch(/15730\s+Xã Tiến Nông: có lỗi/);
    const validate = JSON.parse(readFileSync(path.join(out, 'validate.json'), 'utf8')) as object;
    expect(JSON.stringify(validate)).toContain('rule-failed');
    expect(JSON.stringify(validate)).toContain('text-legacy-converted');
    expect(existsSync(path.join(out, 'bao-cao-2022-6m.docx'))).toBe(true);
    expect(readFileSync(path.join(out, 'lint.txt'), 'utf8')).toMatch(/ĐẠT/);
  });
});
