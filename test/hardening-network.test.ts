/**
 * "No network" (docs/GUARANTEES.md): bctd handles personal data of offices and runs where the
 * network may be watched or absent, so no module of it can open a connection. Checked on the
 * sources (every module, including the offline page's code) rather than by watching a run, so
 * a path no test happens to take cannot slip through.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(full));
    else if (/\.(ts|js|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) out.push(full);
  }
  return out;
}

const NETWORK = [
  /from ['"](node:)?(http|https|http2|net|tls|dgram|dns|undici)(\/[^'"]*)?['"]/,
  /import\(['"](node:)?(http|https|http2|net|tls|dgram|dns|undici)['"]\)/,
  /require\(['"](node:)?(http|https|http2|net|tls|dgram|dns)['"]\)/,
  /\bfetch\s*\(/,
  /\bXMLHttpRequest\b/,
  /\bWebSocket\b/,
  /\bEventSource\b/,
  /\bsendBeacon\b/,
];

describe('no network', () => {
  const files = sources(path.join(ROOT, 'src'));

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('no module imports a network API or calls fetch', () => {
    const hits: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const re of NETWORK) if (re.test(text)) hits.push(`${path.relative(ROOT, f)}: ${re}`);
    }
    expect(hits).toEqual([]);
  });

  it('the check catches what it looks for', () => {
    expect(NETWORK.some((re) => re.test("import https from 'node:https';"))).toBe(true);
    expect(NETWORK.some((re) => re.test('await fetch(url)'))).toBe(true);
  });
});
