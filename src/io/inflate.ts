/**
 * Node's native raw inflate for the bounded zip reader (src/ooxml/zip.ts), which cannot import
 * `node:zlib` itself because it also runs in the browser page. zlib is about twice as fast as
 * fflate on the parts of a unit's workbook; the reader still decides which parts may be
 * inflated in one call and falls back to fflate on any error, so the caps are unchanged.
 */
import { inflateRawSync } from 'node:zlib';
import type { RawInflate } from '../ooxml/zip.js';

/** zlib's smallest output chunk. */
const MIN_CHUNK = 64;
/** Largest first buffer a declared size may ask for (a header may lie; zlib grows past it). */
const MAX_CHUNK = 4 * 1024 * 1024;

/**
 * `zlib.inflateRawSync` with `maxOutputLength` set to the part's cap (it throws past it) and
 * a first buffer of the declared size, so a part usually inflates without copying.
 */
export const nodeInflateRaw: RawInflate = (data, maxBytes, sizeHint) => {
  const chunkSize = Math.max(MIN_CHUNK, Math.min(sizeHint + 1, maxBytes, MAX_CHUNK));
  return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes), chunkSize });
};
