/**
 * The committed demo workspace is exactly what `scripts/make-demo.js` makes from the current
 * code (byte for byte: the generator is deterministic), and it tells the story the demo report
 * shows: two units missing, one late, three typical mistakes in 2022-6m, cùng kỳ in 2021-6m.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedger } from '../src/io/ledger.js';
import { ROOT } from './helpers/cli.js';

const DEMO = path.join(ROOT, 'fixtures', 'demo');

/** Every file under `dir`, relative, with its sha256. */
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

describe('fixtures/demo', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'bctd-demo-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is up to date: make-demo.js regenerates the same files byte for byte', () => {
    expect(existsSync(path.join(ROOT, 'dist', 'app', 'synthetic.js')), 'run npm run build').toBe(
      true,
    );
    const out = path.join(tmp, 'demo');
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts', 'make-demo.js'), '--out', out],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const fresh = hashTree(out);
    const committed = hashTree(DEMO);
    // When this fails after a change to the template or the generator, regenerate with
    // `npm run build && node scripts/make-demo.js` and commit fixtures/demo.
    expect(Object.keys(committed)).toEqual(Object.keys(fresh));
    expect(committed).toEqual(fresh);
  });

  it('has three periods, the 2022-6m gaps and a late receipt, and stays under 5 MB', () => {
    const tree = hashTree(DEMO);
    const count = (p: string) =>
      Object.keys(tree).filter((f) => f.startsWith(p) && f.endsWith('.xlsx')).length;
    expect(count('nop/2021-6m/')).toBe(48);
    expect(count('nop/2022-year/')).toBe(48);
    expect(count('nop/2022-6m/')).toBe(46);
    expect(tree['nop/2022-6m/15703.xlsx']).toBeUndefined();
    expect(tree['nop/2022-6m/PTP.xlsx']).toBeUndefined();
    const ledger = readLedger(path.join(DEMO, 'nop', '2022-6m'), '2022-6m');
    const late = ledger.entries.filter((e) => e.received_at.slice(0, 10) > '2022-06-20');
    expect(late.map((e) => e.unit)).toEqual(['15742']);
    const bytes = Object.keys(tree).reduce((n, f) => n + statSync(path.join(DEMO, f)).size, 0);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    const md = readFileSync(path.join(DEMO, 'bao-cao', '2022-6m', 'noi-dung.md'), 'utf8');
    expect(md).toMatch(/^## I\. CÔNG TÁC LÃNH ĐẠO/m);
    expect(md).toMatch(/^### 1\. Việc ban hành văn bản chỉ đạo/m);
    expect(md).toBe(md.normalize('NFC'));
  });
});
