import { describe, expect, it } from 'vitest';
import { inflateSync, zipSync, strToU8 } from 'fflate';
import { DEFAULT_ZIP_LIMITS, openZip, PartMemo, ZipError, type RawInflate } from './zip.js';

describe('openZip', () => {
  it('reads stored and deflated parts, case-insensitively', () => {
    const bytes = zipSync({
      '[Content_Types].xml': [strToU8('<Types/>'), { level: 0 }],
      'xl/workbook.xml': strToU8('<workbook>'.repeat(100)),
    });
    const r = openZip(bytes);
    if (!r.ok) throw new Error(r.problem);
    expect(r.zip.names).toEqual(['[Content_Types].xml', 'xl/workbook.xml']);
    expect(new TextDecoder().decode(r.zip.read('/XL/Workbook.xml'))).toBe('<workbook>'.repeat(100));
    expect(r.zip.read('xl/missing.xml')).toBeUndefined();
  });

  it('stops a part that inflates past its cap even when the header lies', () => {
    const big = new Uint8Array(50 * 1024 * 1024); // 50 MB of zeros: about 50 KB deflated
    const bytes = zipSync({ 'xl/sharedStrings.xml': big });
    // Lie about the inflated size in the central directory: claim 10 bytes.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 10, true);
        break;
      }
    }
    const r = openZip(bytes, {
      maxEntries: 10,
      maxPartBytes: 1024 * 1024,
      maxTotalBytes: 4 * 1024 * 1024,
    });
    if (!r.ok) throw new Error(r.problem);
    expect(() => r.zip.read('xl/sharedStrings.xml')).toThrowError(ZipError);
    try {
      r.zip.read('xl/sharedStrings.xml');
    } catch (e) {
      expect((e as ZipError).problem).toBe('part-too-large');
    }
  });

  it('tells a truncated zip from bytes that are not a zip', () => {
    const bytes = zipSync({ 'a.xml': strToU8('hello') });
    const cut = openZip(bytes.subarray(0, bytes.length - 30));
    expect(cut.ok ? 'ok' : cut.problem).toBe('truncated');
    const not = openZip(strToU8('Mã,Tổng số\nA,1'));
    expect(not.ok ? 'ok' : not.problem).toBe('not-zip');
  });
});

describe('openZip with a header that understates a small part', () => {
  it('still returns the whole part', () => {
    const text = 'Tổng số lao động nữ '.repeat(500);
    const bytes = zipSync({ 'xl/sharedStrings.xml': strToU8(text) });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 100, true); // claims 100 bytes
        break;
      }
    }
    const r = openZip(bytes);
    if (!r.ok) throw new Error(r.problem);
    expect(new TextDecoder().decode(r.zip.read('xl/sharedStrings.xml'))).toBe(text);
  });
});

describe('openZip with a native inflater', () => {
  const text = 'Tổng số lao động nữ '.repeat(200);
  const bytes = zipSync({ 'xl/styles.xml': strToU8(text), 'xl/bad.xml': strToU8(text) });

  it('uses it for a part that inflates in one call, with the cap as its bound', () => {
    const calls: number[] = [];
    const r = openZip(bytes, undefined, {
      inflateRaw: (data, max) => {
        calls.push(max);
        return inflateSync(data);
      },
    });
    if (!r.ok) throw new Error(r.problem);
    expect(new TextDecoder().decode(r.zip.read('xl/styles.xml'))).toBe(text);
    expect(calls).toEqual([DEFAULT_ZIP_LIMITS.maxPartBytes]);
    expect(r.zip.inflatedBytes).toBe(strToU8(text).length);
  });

  it('falls back to fflate when it fails, so a corrupt part fails as without it', () => {
    // The first part's data starts after its 30-byte local header and its name; a first byte
    // of 0b111 declares a final block of the reserved type 3, which no inflater accepts.
    const broken = bytes.slice();
    const nameLength = (broken[26] ?? 0) | ((broken[27] ?? 0) << 8);
    const extraLength = (broken[28] ?? 0) | ((broken[29] ?? 0) << 8);
    broken[30 + nameLength + extraLength] = 0b111;
    const outcome = (options?: { inflateRaw: RawInflate }): string => {
      const r = openZip(broken, undefined, options);
      if (!r.ok) return r.problem;
      try {
        return new TextDecoder().decode(r.zip.read('xl/styles.xml'));
      } catch (e) {
        return `${(e as ZipError).problem}: ${(e as ZipError).message}`;
      }
    };
    const failing: RawInflate = () => {
      throw new Error('native failure');
    };
    expect(outcome()).toMatch(/^corrupt: inflate failed/);
    expect(outcome({ inflateRaw: failing })).toBe(outcome());
    // A native result longer than the cap is not used either.
    const oversized: RawInflate = () => new Uint8Array(DEFAULT_ZIP_LIMITS.maxPartBytes + 1);
    expect(outcome({ inflateRaw: oversized })).toBe(outcome());
  });
});

describe('readParsed', () => {
  const styles = strToU8('<styleSheet>' + '<xf/>'.repeat(300) + '</styleSheet>');
  const one = zipSync({ 'xl/styles.xml': styles, 'xl/a.xml': strToU8('a') });
  const same = zipSync({ 'xl/a.xml': strToU8('b'), 'xl/styles.xml': styles });
  const other = zipSync({ 'xl/styles.xml': strToU8('<styleSheet/>') });
  const open = (b: Uint8Array, limits = DEFAULT_ZIP_LIMITS) => {
    const r = openZip(b, limits);
    if (!r.ok) throw new Error(r.problem);
    return r.zip;
  };

  it('parses a part once per distinct content and counts it as read every time', () => {
    const memo = new PartMemo<number>();
    let parses = 0;
    const parse = (bytes: Uint8Array): number => {
      parses++;
      return bytes.length;
    };
    const a = open(one);
    expect(a.readParsed('xl/styles.xml', memo, 's', parse)).toBe(styles.length);
    const b = open(same);
    expect(b.readParsed('xl/styles.xml', memo, 's', parse)).toBe(styles.length);
    expect(parses).toBe(1);
    expect(b.inflatedBytes).toBe(styles.length);
    expect(open(other).readParsed('xl/styles.xml', memo, 's', parse)).toBe(13);
    expect(parses).toBe(2);
    expect(open(one).readParsed('xl/missing.xml', memo, 's', parse)).toBeUndefined();
  });

  it('still applies the caps to a part it has seen', () => {
    const memo = new PartMemo<number>();
    open(one).readParsed('xl/styles.xml', memo, 's', (b) => b.length);
    const tight = { maxEntries: 10, maxPartBytes: 100, maxTotalBytes: 100 };
    expect(() =>
      open(same, tight).readParsed('xl/styles.xml', memo, 's', (b) => b.length),
    ).toThrowError(ZipError);
  });

  it('never keeps a parse that failed', () => {
    const memo = new PartMemo<number>();
    let calls = 0;
    const failing = (): number => {
      calls++;
      throw new Error('malformed');
    };
    expect(() => open(one).readParsed('xl/styles.xml', memo, 's', failing)).toThrow('malformed');
    expect(() => open(same).readParsed('xl/styles.xml', memo, 's', failing)).toThrow('malformed');
    expect(calls).toBe(2);
  });
});
