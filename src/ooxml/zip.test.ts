import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { openZip, ZipError } from './zip.js';

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
