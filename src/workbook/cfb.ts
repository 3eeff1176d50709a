/**
 * Just enough of the Compound File Binary format (MS-CFB) to list the stream names of an
 * OLE container: legacy .xls keeps its data in a `Workbook` (or `Book`) stream, and a
 * password-protected .xlsx is an OLE container with `EncryptionInfo` and `EncryptedPackage`
 * streams. Every chain walk is bounded by the number of sectors in the file, so a loop in a
 * hostile FAT ends instead of spinning.
 */

export const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

export function looksLikeCfb(b: Uint8Array): boolean {
  return b.length >= 512 && CFB_SIGNATURE.every((v, i) => b[i] === v);
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;
}

const END = 0xfffffffe;
const FREE = 0xffffffff;
const utf16 = new TextDecoder('utf-16le');

/** Names of the directory entries (storages and streams), or undefined when unreadable. */
export function cfbEntryNames(b: Uint8Array): string[] | undefined {
  if (!looksLikeCfb(b)) return undefined;
  const shift = u16(b, 0x1e);
  if (shift !== 9 && shift !== 12) return undefined;
  const size = 1 << shift;
  const sectors = Math.floor((b.length - 512) / size) + 1;
  const at = (s: number): number => 512 + s * size;

  // The FAT sector list: 109 ids in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(b, 0x4c + i * 4);
    if (s !== FREE && s !== END) fatSectors.push(s);
  }
  let difat = u32(b, 0x44);
  for (let guard = 0; difat !== END && difat !== FREE && guard < sectors; guard++) {
    const o = at(difat);
    if (o + size > b.length) return undefined;
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = u32(b, o + i * 4);
      if (s !== FREE && s !== END) fatSectors.push(s);
    }
    difat = u32(b, o + size - 4);
  }
  const perFat = size / 4;
  const next = (s: number): number => {
    const fs = fatSectors[Math.floor(s / perFat)];
    if (fs === undefined) return END;
    return u32(b, at(fs) + (s % perFat) * 4);
  };

  const names: string[] = [];
  let dir = u32(b, 0x30);
  for (let guard = 0; dir < sectors && guard < sectors; guard++) {
    const o = at(dir);
    if (o + size > b.length) return names.length ? names : undefined;
    for (let e = o; e < o + size; e += 128) {
      const type = b[e + 66] ?? 0;
      const len = u16(b, e + 64);
      if (type === 0 || len < 2 || len > 64) continue;
      names.push(utf16.decode(b.subarray(e, e + len - 2)));
    }
    dir = next(dir);
  }
  return names;
}
