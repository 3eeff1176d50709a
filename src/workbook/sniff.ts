import { looksLikeZip, openZip } from '../ooxml/zip.js';
import { cfbEntryNames, looksLikeCfb } from './cfb.js';
import type { FileKind } from './types.js';

const SNIFF_ZIP_LIMITS = { maxEntries: 100_000, maxPartBytes: 4096, maxTotalBytes: 64 * 1024 };
const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/** What an OLE container holds: an encrypted OOXML package, or a legacy binary document. */
export function oleKind(bytes: Uint8Array): 'xls' | 'encrypted' | 'unknown' {
  const names = (cfbEntryNames(bytes) ?? []).map((n) => n.toLowerCase());
  if (names.includes('encryptedpackage') || names.includes('encryptioninfo')) return 'encrypted';
  if (names.includes('worddocument') || names.includes('powerpoint document')) return 'unknown';
  // A container we cannot list is most likely an old or damaged .xls.
  return 'xls';
}

/**
 * Names of the entries by walking local headers from the start: used when the central
 * directory is gone (a truncated download), so the kind can still be told.
 */
function localEntryNames(b: Uint8Array, max = 64): string[] {
  const names: string[] = [];
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = 0;
  while (names.length < max && p + 30 <= b.length && dv.getUint32(p, true) === 0x04034b50) {
    const flags = dv.getUint16(p + 6, true);
    const csize = dv.getUint32(p + 18, true);
    const nlen = dv.getUint16(p + 26, true);
    const xlen = dv.getUint16(p + 28, true);
    names.push(new TextDecoder().decode(b.subarray(p + 30, p + 30 + nlen)));
    if (flags & 0x8) break; // sizes follow the data: cannot skip safely
    p += 30 + nlen + xlen + csize;
  }
  return names;
}

export function zipKind(names: readonly string[], mimetype: string | undefined): FileKind {
  const lower = names.map((n) => n.replace(/^\/+/, '').toLowerCase());
  if (lower.includes('xl/workbook.xml')) return 'xlsx';
  if (mimetype?.trim() === ODS_MIME) return 'ods';
  if (lower.includes('word/document.xml')) return 'docx';
  // A package with spreadsheet parts but no workbook part is a damaged (or binary .xlsb)
  // workbook: the reader then says which part is missing.
  if (lower.some((n) => n.startsWith('xl/'))) return 'xlsx';
  return 'zip-other';
}

/** True when a prefix of the file reads as delimited text (UTF-8, UTF-16 with BOM, or 8-bit). */
export function looksLikeCsv(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 64 * 1024);
  let text: string;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    text = new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head.subarray(2));
  } else {
    for (const byte of head) if (byte === 0) return false;
    // Windows-1258 and other legacy 8-bit CSVs are not valid UTF-8 but still text:
    // decode leniently and judge by control characters instead.
    text = new TextDecoder('utf-8').decode(head);
  }
  let controls = 0;
  let separators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if (c === 9 || c === 10 || c === 13 || c === 44 || c === 59) separators++;
    else if (c < 32 || c === 0xfffd) controls++;
  }
  if (text.trimStart().startsWith('<')) return false; // HTML or XML saved as .xls
  return separators > 0 && controls <= text.length / 100;
}

/** Tells what a file is from its bytes, never its name. */
export function sniff(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (looksLikeCfb(bytes)) return oleKind(bytes);
  if (looksLikeZip(bytes)) {
    const z = openZip(bytes, SNIFF_ZIP_LIMITS);
    if (!z.ok) {
      const names = localEntryNames(bytes);
      return zipKind(names, names[0] === 'mimetype' ? storedMimetype(bytes) : undefined);
    }
    let mimetype: string | undefined;
    if (z.zip.has('mimetype')) {
      try {
        const m = z.zip.read('mimetype');
        mimetype = m ? new TextDecoder().decode(m) : undefined;
      } catch {
        mimetype = undefined;
      }
    }
    return zipKind(z.zip.names, mimetype);
  }
  return looksLikeCsv(bytes) ? 'csv' : 'unknown';
}

/** ODF puts `mimetype` first and uncompressed so it can be read at a fixed place. */
function storedMimetype(b: Uint8Array): string | undefined {
  if (b.length < 30) return undefined;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (dv.getUint16(8, true) !== 0) return undefined;
  const csize = dv.getUint32(18, true);
  const start = 30 + dv.getUint16(26, true) + dv.getUint16(28, true);
  return new TextDecoder().decode(b.subarray(start, Math.min(start + csize, start + 200)));
}
