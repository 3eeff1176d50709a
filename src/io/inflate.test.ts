import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ZipError } from '../ooxml/zip.js';
import { openZip } from '../ooxml/zip.js';
import { nodeInflateRaw } from './inflate.js';

const demo = path.resolve(import.meta.dirname, '../../fixtures/demo/nop/2022-6m');

describe('nodeInflateRaw in the bounded zip reader', () => {
  it('inflates every part of the demo workbooks to the bytes fflate gives', () => {
    const files = readdirSync(demo).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(path.join(demo, f)));
      const plain = openZip(bytes);
      const native = openZip(bytes, undefined, { inflateRaw: nodeInflateRaw });
      if (!plain.ok || !native.ok) throw new Error(`${f} does not open`);
      for (const name of plain.zip.names) {
        // zlib returns a Buffer: compare the bytes, not the classes.
        const got = Uint8Array.from(native.zip.read(name) ?? []);
        expect(got, `${f} ${name}`).toEqual(Uint8Array.from(plain.zip.read(name) ?? []));
      }
      expect(native.zip.inflatedBytes).toBe(plain.zip.inflatedBytes);
    }
  });

  it('keeps the caps: a part that inflates past them fails as without it', () => {
    const bomb = zipSync({ 'xl/sharedStrings.xml': new Uint8Array(8 * 1024 * 1024) });
    const limits = { maxEntries: 10, maxPartBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 };
    const problem = (inflateRaw?: typeof nodeInflateRaw): string => {
      const r = openZip(bomb, limits, { inflateRaw });
      if (!r.ok) return r.problem;
      try {
        r.zip.read('xl/sharedStrings.xml');
        return 'read';
      } catch (e) {
        return (e as ZipError).problem;
      }
    };
    expect(problem(nodeInflateRaw)).toBe('part-too-large');
    expect(problem(nodeInflateRaw)).toBe(problem());
  });

  it('throws past its bound and never returns more', () => {
    const data = zipSync({ a: new Uint8Array(10_000) }, { level: 9 });
    const r = openZip(data);
    if (!r.ok) throw new Error(r.problem);
    const start = 30 + 1; // local header, then the one-letter name
    const stored = data.subarray(start, data.indexOf(0x50, start + 10));
    expect(() => nodeInflateRaw(stored, 5_000, 10_000)).toThrow();
    expect(nodeInflateRaw(stored, 10_000, 10_000).length).toBe(10_000);
  });
});
