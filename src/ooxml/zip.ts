import { Inflate, inflateSync } from 'fflate';

/**
 * A bounded reader for the zip container of .xlsx and .docx files.
 *
 * Why not `unzipSync` from fflate or exceljs: both trust the sizes a file declares and
 * inflate a whole part at once, so a zip bomb whose headers lie takes all memory before
 * any check can run. Here the central directory is parsed by hand (it is a small, fixed
 * format) and every part is inflated by fflate in small input steps, counting the bytes
 * produced and stopping at a hard cap per part and in total, whatever the headers say.
 * Nothing a zip entry names is ever written anywhere: names are only lookup keys.
 */

export interface ZipLimits {
  /** Most entries a container may list. */
  maxEntries: number;
  /** Most bytes one part may inflate to. */
  maxPartBytes: number;
  /** Most bytes all parts read from this container may inflate to together. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5_000,
  maxPartBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};

/**
 * Inflates raw deflate data in one call: returns all of it, or throws when the data is
 * malformed or would inflate past `maxBytes`. `sizeHint` is the size the central directory
 * declares (untrusted: only a hint for the first buffer). The browser has no such function;
 * Node passes `zlib.inflateRawSync` (src/io/inflate.ts), about twice as fast as fflate.
 */
export type RawInflate = (data: Uint8Array, maxBytes: number, sizeHint: number) => Uint8Array;

export interface ZipOptions {
  /** A native one-shot inflater; fflate is used without it and whenever it throws. */
  inflateRaw?: RawInflate | undefined;
}

export type ZipProblem =
  | 'not-zip'
  | 'truncated'
  | 'corrupt'
  | 'too-many-entries'
  | 'encrypted'
  | 'unsupported-compression'
  | 'part-too-large'
  | 'total-too-large';

/** Thrown by `read` when a part cannot be inflated within the limits. */
export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    readonly part: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  /** Entry names as stored (without a leading slash). */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** Inflated bytes of a part, or `undefined` when the container has no such part. */
  read(name: string): Uint8Array | undefined;
  /**
   * What `parse` makes of a part, or `undefined` when the container has no such part. When the
   * part's stored bytes are those of a part parsed before under the same `key`, the value kept
   * in `memo` is returned without inflating or parsing again: the units of a batch fill one
   * template, so their styles, relationships and workbook part are byte for byte the same.
   * The part passes the same checks and counts against the same caps as with `read`; a parse
   * that throws is never kept. The value is shared: callers must not change it.
   */
  readParsed<T>(
    name: string,
    memo: PartMemo<T>,
    key: string,
    parse: (bytes: Uint8Array) => T,
  ): T | undefined;
  /** Bytes inflated so far by this archive (for the total cap). */
  readonly inflatedBytes: number;
}

/** Most stored bytes a memo keeps for one part (template parts are a few kilobytes). */
const MEMO_MAX_STORED = 64 * 1024;
/** Most parts a memo keeps: a hostile batch could name a new part in every file. */
const MEMO_MAX_ENTRIES = 32;

/** Values parsed from parts, by a caller's key, for `ZipArchive.readParsed`. */
export class PartMemo<T> {
  readonly entries = new Map<
    string,
    { stored: Uint8Array; size: number; inflater: RawInflate | undefined; value: T }
  >();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOC = 0x07064b50;
/** Input step when inflating: at most ~1032× this many bytes come out of one step. */
const STEP = 4096;

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;
}

/** True when the bytes start like a zip container. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && u32(bytes, 0) === SIG_LOCAL;
}

function findEocd(b: Uint8Array): number {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (u32(b, i) === SIG_EOCD) return i;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/**
 * Opens a zip container. Returns a problem instead of throwing for what the user must
 * be told about (not a zip, truncated, corrupt, too many entries).
 */
export function openZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  options: ZipOptions = {},
): { ok: true; zip: ZipArchive } | { ok: false; problem: ZipProblem; detail: string } {
  if (!looksLikeZip(bytes)) return { ok: false, problem: 'not-zip', detail: 'no zip signature' };
  const eocd = findEocd(bytes);
  if (eocd < 0) return { ok: false, problem: 'truncated', detail: 'no end of central directory' };

  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== SIG_EOCD64_LOC) {
      return { ok: false, problem: 'corrupt', detail: 'zip64 locator missing' };
    }
    const e64 = u64(bytes, loc + 8);
    if (e64 + 56 > bytes.length || u32(bytes, e64) !== SIG_EOCD64) {
      return { ok: false, problem: 'corrupt', detail: 'zip64 end record missing' };
    }
    count = u64(bytes, e64 + 32);
    cdSize = u64(bytes, e64 + 40);
    cdOffset = u64(bytes, e64 + 48);
  }
  if (count > limits.maxEntries) {
    return { ok: false, problem: 'too-many-entries', detail: String(count) };
  }
  if (cdOffset + cdSize > bytes.length) {
    return { ok: false, problem: 'truncated', detail: 'central directory past the end' };
  }

  const entries = new Map<string, ZipEntry>();
  const lower = new Map<string, string>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== SIG_CENTRAL) {
      return { ok: false, problem: 'corrupt', detail: `central directory entry ${i}` };
    }
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    // Bit 11: the name is UTF-8; otherwise CP437, of which only ASCII matters for OOXML.
    const rawName = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    // Zip64 extended sizes live in extra field 0x0001, in this order, only when needed.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(bytes, x);
      const len = u16(bytes, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff) {
          size = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(bytes, q);
      }
      x += 4 + len;
    }
    const name = rawName.replace(/\\/g, '/').replace(/^\/+/, '');
    entries.set(name, { name, method, flags, compressedSize, size, localOffset });
    lower.set(name.toLowerCase(), name);
    p += 46 + nameLen + extraLen + commentLen;
  }

  return { ok: true, zip: new ZipReader(bytes, entries, lower, limits, options) };
}

/**
 * An open container: a class rather than closures made for each file, so that V8 keeps the
 * optimised code of its methods (see `SheetReader` in src/workbook/sheet.ts).
 */
class ZipReader implements ZipArchive {
  readonly names: readonly string[];
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: Map<string, ZipEntry>,
    private readonly lower: Map<string, string>,
    private readonly limits: ZipLimits,
    private readonly options: ZipOptions,
  ) {
    this.names = [...entries.keys()];
  }

  get inflatedBytes(): number {
    return this.inflated;
  }

  private find(name: string): ZipEntry | undefined {
    const n = name.replace(/^\/+/, '');
    // OPC part names compare case-insensitively.
    return this.entries.get(n) ?? this.entries.get(this.lower.get(n.toLowerCase()) ?? '');
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  read(name: string): Uint8Array | undefined {
    const e = this.find(name);
    if (!e) return undefined;
    return this.inflate(e, this.stored(e));
  }

  readParsed<T>(
    name: string,
    memo: PartMemo<T>,
    key: string,
    parse: (bytes: Uint8Array) => T,
  ): T | undefined {
    const e = this.find(name);
    if (!e) return undefined;
    const data = this.stored(e);
    const { limits, options } = this;
    // Only a deflated part that inflates in one call: its outcome depends on nothing but
    // its bytes and the inflater, so equal bytes inflate to what was parsed before.
    const oneCall =
      e.method === 8 &&
      data.length * 1032 + 1024 <=
        Math.min(limits.maxPartBytes, limits.maxTotalBytes - this.inflated);
    const kept = memo.entries.get(key);
    if (
      kept !== undefined &&
      kept.inflater === options.inflateRaw &&
      oneCall &&
      sameBytes(kept.stored, data)
    ) {
      this.inflated += kept.size;
      return kept.value;
    }
    const cacheable = oneCall && data.length <= MEMO_MAX_STORED;
    const out = this.inflate(e, data);
    const value = parse(out);
    if (cacheable) {
      if (memo.entries.size >= MEMO_MAX_ENTRIES) memo.entries.clear();
      memo.entries.set(key, {
        // A copy (a Buffer's slice would be a view, keeping the whole file alive).
        stored: Uint8Array.prototype.slice.call(data),
        size: out.length,
        inflater: options.inflateRaw,
        value,
      });
    }
    return value;
  }

  /** The stored bytes of an entry, after the checks every read makes. */
  private stored(e: ZipEntry): Uint8Array {
    const bytes = this.bytes;
    if (e.flags & 0x1) throw new ZipError('encrypted', e.name, 'encrypted entry');
    const lo = e.localOffset;
    if (lo + 30 > bytes.length || u32(bytes, lo) !== SIG_LOCAL) {
      throw new ZipError('corrupt', e.name, 'local header missing');
    }
    const start = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
    const end = start + e.compressedSize;
    if (end > bytes.length) throw new ZipError('truncated', e.name, 'part past the end');
    return bytes.subarray(start, end);
  }

  /** Inflates an entry's stored bytes within the caps, counting what comes out. */
  private inflate(e: ZipEntry, data: Uint8Array): Uint8Array {
    const { limits, options } = this;
    const partCap = Math.min(limits.maxPartBytes, limits.maxTotalBytes - this.inflated);
    const overCap = (): ZipError =>
      limits.maxPartBytes <= limits.maxTotalBytes - this.inflated
        ? new ZipError('part-too-large', e.name, `part inflates past ${limits.maxPartBytes} bytes`)
        : new ZipError(
            'total-too-large',
            e.name,
            `parts inflate past ${limits.maxTotalBytes} bytes`,
          );

    if (e.method === 0) {
      if (data.length > partCap) throw overCap();
      this.inflated += data.length;
      return data;
    }
    if (e.method !== 8) {
      throw new ZipError('unsupported-compression', e.name, `method ${e.method}`);
    }
    // Deflate cannot expand data more than about 1032 times, so when even that ratio stays
    // under the cap the part is inflated in one call (much faster), with the same bound.
    if (data.length * 1032 + 1024 <= partCap) {
      let out: Uint8Array | undefined;
      // The native inflater is only trusted with success: on any error (malformed data, the
      // cap) fflate below inflates again, so problems and their details stay those of fflate.
      if (options.inflateRaw !== undefined) {
        try {
          out = options.inflateRaw(data, partCap, e.size);
        } catch {
          out = undefined;
        }
        if (out !== undefined && out.length <= partCap) {
          this.inflated += out.length;
          return out;
        }
        out = undefined;
      }
      try {
        // With an output buffer of the declared size (+1 to notice a lie) fflate does not
        // grow and copy its buffer, about three times faster; a buffer filled to the brim
        // means the header understated the size, so inflate again without it.
        if (e.size + 1 <= partCap) {
          const sized = inflateSync(data, { out: new Uint8Array(e.size + 1) });
          if (sized.length <= e.size) out = sized;
        }
        out ??= inflateSync(data);
      } catch (err) {
        throw new ZipError('corrupt', e.name, `inflate failed: ${(err as Error).message}`);
      }
      this.inflated += out.length;
      return out;
    }
    const chunks: Uint8Array[] = [];
    let produced = 0;
    let finished = false;
    const inf = new Inflate((chunk, final) => {
      produced += chunk.length;
      if (produced > partCap) throw overCap();
      chunks.push(chunk);
      if (final) finished = true;
    });
    try {
      for (let i = 0; i < data.length && !finished; i += STEP) {
        const last = i + STEP >= data.length;
        inf.push(data.subarray(i, Math.min(i + STEP, data.length)), last);
      }
      if (data.length === 0) inf.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof ZipError) throw err;
      throw new ZipError('corrupt', e.name, `inflate failed: ${(err as Error).message}`);
    }
    this.inflated += produced;
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    const out = new Uint8Array(produced);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}
