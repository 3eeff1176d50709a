import { SaxesParser } from 'saxes';
import type { ReadProblem } from './types.js';

/** Thrown inside the reader to stop at the first problem; turned into a ReadFailure at the top. */
export class ReadAbort extends Error {
  constructor(
    readonly problem: ReadProblem,
    readonly detail: string,
    readonly part?: string,
    readonly cell?: string,
  ) {
    super(`${problem}: ${detail}`);
    this.name = 'ReadAbort';
  }
}

/**
 * The attributes of the element being opened, read on demand: most attributes of a part are
 * never looked at (row heights, spans, namespaces, the messages of data validations), so
 * neither their names nor their values are cut out of the text unless asked for, and a value
 * with entities, whose entities the scanner has already checked, is resolved only when read.
 * One object serves every tag of a part: it is valid only during the `open` call that
 * receives it.
 */
export class XmlAttrs {
  /** Number of attributes (the first `count` entries of the arrays below). */
  count = 0;
  private readonly nameAt: number[] = [];
  private readonly nameLen: number[] = [];
  private readonly hashes: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** 0: the value as written; 1: with whitespace, 3: with entities to resolve; 2: read already. */
  private readonly kinds: number[] = [];
  private readonly values: string[] = [];

  constructor(
    private source: string,
    private readonly part = '',
  ) {}

  /** Value of the attribute with this qualified name. */
  get(name: string): string | undefined {
    const i = this.indexOf(name);
    return i < 0 ? undefined : this.valueAt(i);
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  /** Index of the attribute named `name` (-1: none). */
  indexOf(name: string): number {
    const s = this.source;
    const len = name.length;
    for (let k = 0; k < this.count; k++) {
      if (this.nameLen[k] !== len) continue;
      const at = this.nameAt[k] as number;
      let same = true;
      for (let c = 0; c < len && same; c++) same = s.charCodeAt(at + c) === name.charCodeAt(c);
      if (same) return k;
    }
    return -1;
  }

  /** Where the `i`-th value starts and ends in the source text. */
  startOf(i: number): number {
    return this.starts[i] as number;
  }

  endOf(i: number): number {
    return this.ends[i] as number;
  }

  /** Forgets the attributes and reads the next ones from `source`. */
  readFrom(source: string): void {
    this.source = source;
    this.count = 0;
  }

  /** Qualified name of the `i`-th attribute, as written. */
  nameOf(i: number): string {
    const at = this.nameAt[i] as number;
    return this.source.slice(at, at + (this.nameLen[i] as number));
  }

  valueAt(i: number): string {
    const kind = this.kinds[i];
    if (kind === 2) return this.values[i] as string;
    const from = this.starts[i] as number;
    const to = this.ends[i] as number;
    const v =
      kind === 0
        ? this.source.slice(from, to)
        : resolve(this.source, from, to, kind === 3, Ws.Attr, this.part);
    this.values[i] = v;
    this.kinds[i] = 2;
    return v;
  }

  /** Forgets the previous tag's attributes. */
  clear(): void {
    this.count = 0;
  }

  /**
   * An attribute whose name is the source text at `nameAt` (length `nameLen`, hash `hash` as
   * the scanner computes it) and whose value is the source text between `start` and `end`,
   * with whitespace to normalise (`Value.Spaced`) or entities to resolve (`Value.Entities`)
   * when read. False if the tag already has an attribute of that name.
   */
  add(
    nameAt: number,
    nameLen: number,
    hash: number,
    start: number,
    end: number,
    kind: Value,
  ): boolean {
    const s = this.source;
    for (let k = 0; k < this.count; k++) {
      if (this.hashes[k] !== hash || this.nameLen[k] !== nameLen) continue;
      const at = this.nameAt[k] as number;
      let same = true;
      for (let c = 0; c < nameLen && same; c++)
        same = s.charCodeAt(at + c) === s.charCodeAt(nameAt + c);
      if (same) return false;
    }
    const i = this.count++;
    this.nameAt[i] = nameAt;
    this.nameLen[i] = nameLen;
    this.hashes[i] = hash;
    this.starts[i] = start;
    this.ends[i] = end;
    this.kinds[i] = kind;
    return true;
  }

  /** The attributes as a plain object, as saxes reports them. */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i < this.count; i++) out[this.nameOf(i)] = this.valueAt(i);
    return out;
  }

  /** Attributes already resolved (from saxes), laid out as a source text of their own. */
  static fromRecord(record: Record<string, string>): XmlAttrs {
    let source = '';
    const at: Array<[number, number, number, number]> = [];
    for (const k in record) {
      const v = record[k] as string;
      at.push([source.length, k.length, source.length + k.length, v.length]);
      source += k + v;
    }
    const a = new XmlAttrs(source);
    for (const [n, len, v, vlen] of at)
      a.add(n, len, nameHash(source, n, n + len), v, v + vlen, Value.Plain);
    return a;
  }
}

/** What an attribute value needs when it is read (`XmlAttrs.add`). */
const enum Value {
  Plain = 0,
  Spaced = 1,
  Entities = 3,
}

/** The hash the scanner computes of a name while reading it. */
function nameHash(s: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

export interface XmlHandlers {
  /** `name` is the local name (prefix dropped: LibreOffice and others may write `x:c`). */
  open(name: string, attrs: XmlAttrs, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
  /**
   * A fast path for the children of the elements with these local names (one or two): see
   * `skim`.
   */
  skimIn?: readonly [string] | readonly [string, string];
  /**
   * Called with the decoded part, the index just after the opening tag of a `skimIn` element
   * and that element's local name, and again after each child element the scanner read
   * itself. It may read whole child elements of the shapes it knows (a unit's rows, a shared
   * string, what it has seen before) and returns the index where the scanner goes on: `from`
   * to decline. It must leave the handlers as the events for what it read would, and decline
   * whatever it cannot judge exactly as the scanner does (see `FastTag`). Parts larger than
   * CHUNK stream through saxes without it.
   */
  skim?(s: string, from: number, parent: string): number;
}

/**
 * The fast paths (`XmlHandlers.skim`) are on; the differential tests turn them off to read the
 * same parts both ways. `taken` counts the elements they have read, so a test can tell that
 * they were used at all.
 */
export const fastPaths = { enabled: true, taken: 0 };

/** `XmlHandlers` with the attributes as a plain object (what saxes reports). */
export interface RecordXmlHandlers {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Local part of a qualified name. */
export function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/**
 * Value of an unprefixed attribute. SpreadsheetML attributes carry no prefix even when the
 * elements do (`<x:c r="A1">`), so a plain lookup is right and keeps the hot path cheap; the
 * only prefixed ones that matter are relationship ids, see `relId`.
 */
export function attr(attrs: XmlAttrs, local: string): string | undefined {
  return attrs.get(local);
}

/** Relationship id (`r:id`), whatever prefix the writer bound to the relationships namespace. */
export function relId(attrs: XmlAttrs): string | undefined {
  for (let i = 0; i < attrs.count; i++) {
    if (attrs.nameOf(i).endsWith(':id')) return attrs.valueAt(i);
  }
  return undefined;
}

/** Input chunk: parsing a part in pieces keeps a 64 MB part from becoming one huge string. */
const CHUNK = 1 << 20;

const UTF8 = new TextDecoder('utf-8');

/** What `decodeUtf8` uses of Node's `node:buffer`. */
interface NodeBuffers {
  Buffer: { from(b: ArrayBufferLike, offset: number, length: number): Uint8Array & NodeBytes };
  isAscii(b: Uint8Array): boolean;
  isUtf8(b: Uint8Array): boolean;
  transcode(b: Uint8Array, from: 'utf8', to: 'utf16le'): NodeBytes;
}
interface NodeBytes {
  toString(encoding: 'latin1' | 'utf16le'): string;
}

/**
 * Node's buffer functions when running in Node (20.16 and later), found at run time rather than
 * imported so that the offline page's copy of this code runs in a browser unchanged.
 */
const nodeBuffers: NodeBuffers | undefined = (() => {
  try {
    const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const m = p?.getBuiltinModule?.('node:buffer') as Partial<NodeBuffers> | undefined;
    return m?.isAscii && m.isUtf8 && m.transcode && m.Buffer ? (m as NodeBuffers) : undefined;
  } catch {
    return undefined;
  }
})();

/** Whether `decodeUtf8` has Node's functions (tests check that the fast way is tested). */
export const nodeDecoding = nodeBuffers !== undefined;

/**
 * `new TextDecoder('utf-8').decode(bytes)`, to the character, in a fifth of the time for a
 * unit's shared strings: V8 decodes Vietnamese UTF-8 at ~250 MB/s, while Node checks bytes
 * with simdutf and converts valid UTF-8 with ICU at ~1.3 GB/s, and copies ASCII (every part
 * but the strings) as Latin-1. Anything that is not valid UTF-8 (which TextDecoder answers
 * with U+FFFD) goes to TextDecoder. As TextDecoder does, one leading byte order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  if (nodeBuffers !== undefined && bytes.length > 256) {
    try {
      const buf = nodeBuffers.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (nodeBuffers.isAscii(buf)) return buf.toString('latin1');
      if (nodeBuffers.isUtf8(buf)) {
        const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
        return nodeBuffers
          .transcode(bom ? buf.subarray(bom) : buf, 'utf8', 'utf16le')
          .toString('utf16le');
      }
    } catch {
      // A Node built without ICU has no transcode: TextDecoder below.
    }
  }
  return UTF8.decode(bytes);
}

function decoderFor(bytes: Uint8Array): { decoder: TextDecoder; skip: number } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { decoder: new TextDecoder('utf-16le'), skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { decoder: new TextDecoder('utf-16be'), skip: 2 };
  // A decoder keeps state only between `stream: true` calls, so the shared one serves the
  // single-call case; streamed parts get their own.
  return { decoder: bytes.length <= CHUNK ? UTF8 : new TextDecoder('utf-8'), skip: 0 };
}

/**
 * Parses one XML part. Any DOCTYPE is refused before anything in it is used: external
 * entities are never fetched, and refusing the DTD outright also rules out entity expansion
 * and keeps the rule simple to state ("no DTD in an OOXML part"). Entities other than the five
 * predefined ones and character references are therefore errors.
 *
 * Parts up to CHUNK (every part of a unit's workbook) go through `scanXml`, a scanner over the
 * decoded string that allocates only the names, attributes and texts the handlers receive: the
 * reader spent most of its time inside the general-purpose parser. Larger parts stream through
 * saxes in chunks, so a 64 MB part never becomes one huge string.
 */
export function parseXml(bytes: Uint8Array, part: string, h: XmlHandlers): void {
  const { decoder, skip } = decoderFor(bytes);
  if (bytes.length <= CHUNK) {
    let text: string;
    try {
      text =
        decoder === UTF8 ? decodeUtf8(bytes) : decoder.decode(skip ? bytes.subarray(skip) : bytes);
    } catch (err) {
      throw new ReadAbort('xml-malformed', String((err as Error).message).slice(0, 200), part);
    }
    scan(text, part, h);
    return;
  }
  const parser = new SaxesParser({ position: false });
  parser.on('doctype', () => {
    throw new ReadAbort('xml-dtd', 'DOCTYPE in part', part);
  });
  parser.on('error', (err) => {
    throw new ReadAbort('xml-malformed', err.message.slice(0, 200), part);
  });
  parser.on('opentag', (node) => {
    const attrs = XmlAttrs.fromRecord(node.attributes as Record<string, string>);
    h.open(localName(node.name), attrs, node.isSelfClosing);
  });
  // Handlers may be class instances: their methods are called on them, never detached.
  if (h.close) parser.on('closetag', (node) => h.close?.(localName(node.name)));
  if (h.text) {
    const text = (t: string): void => h.text?.(t);
    parser.on('text', text);
    parser.on('cdata', text);
  }
  try {
    for (let i = skip; i < bytes.length; i += CHUNK) {
      const end = Math.min(i + CHUNK, bytes.length);
      parser.write(decoder.decode(bytes.subarray(i, end), { stream: end < bytes.length }));
    }
    parser.close();
  } catch (err) {
    if (err instanceof ReadAbort) throw err;
    throw new ReadAbort('xml-malformed', String((err as Error).message).slice(0, 200), part);
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML 1.0 `Char`: what a character reference may name. */
function xmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const enum Ws {
  None,
  Line,
  Attr,
}

/**
 * The next `needle` at or after `from`, given the answer of an earlier search (`cached`; -2:
 * none yet): searched again only once the scan has passed it. Searching at every text node or
 * value would make a scan quadratic on a part with none.
 */
function nextFrom(s: string, needle: string, from: number, cached: number): number {
  return cached !== -1 && cached < from ? s.indexOf(needle, from) : cached;
}

function malformed(why: string, part: string): never {
  throw new ReadAbort('xml-malformed', why, part);
}

/**
 * Raw text with line ends normalised (`Ws.Line`), or, in an attribute value, each whitespace
 * character (a CRLF pair counts as one) made a space (`Ws.Attr`); characters written as
 * references are kept as they are.
 */
function raw(s: string, from: number, to: number, ws: Ws): string {
  const t = s.slice(from, to);
  if (ws === Ws.Line) return t.replace(/\r\n?/g, '\n');
  if (ws === Ws.Attr) return /[\t\n\r]/.test(t) ? t.replace(/\r\n|[\t\n\r]/g, ' ') : t;
  return t;
}

/** Text or attribute value between `from` and `to` with entities and whitespace resolved. */
function resolve(
  s: string,
  from: number,
  to: number,
  hasAmp: boolean,
  ws: Ws,
  part: string,
): string {
  if (!hasAmp) return raw(s, from, to, ws);
  let out = '';
  let i = from;
  for (;;) {
    const a = s.indexOf('&', i);
    if (a < 0 || a >= to) return out + raw(s, i, to, ws);
    out += raw(s, i, a, ws) + entity(s, a, to, part);
    i = entityEnd;
  }
}

/** Throws what `resolve` would throw for the entities between `from` and `to`. */
function checkEntities(s: string, from: number, to: number, part: string): void {
  for (let a = s.indexOf('&', from); a >= 0 && a < to; a = s.indexOf('&', entityEnd)) {
    entity(s, a, to, part);
  }
}

/** Index after the entity `entity` read last. */
let entityEnd = 0;

/** The character(s) of the entity at `a` (`&name;` ending before `to`); sets `entityEnd`. */
function entity(s: string, a: number, to: number, part: string): string {
  const semi = s.indexOf(';', a);
  if (semi < 0 || semi >= to || semi - a > 12) malformed('unterminated entity', part);
  entityEnd = semi + 1;
  const name = s.slice(a + 1, semi);
  const known = PREDEFINED[name];
  if (known !== undefined) return known;
  if (name.charCodeAt(0) === 35) {
    const hex = name.charCodeAt(1) === 120;
    const digits = name.slice(hex ? 2 : 1);
    if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits))
      malformed('malformed character entity', part);
    const cp = parseInt(digits, hex ? 16 : 10);
    if (!xmlChar(cp)) malformed('malformed character entity', part);
    return String.fromCodePoint(cp);
  }
  return malformed(`undefined entity: ${name.slice(0, 40)}`, part);
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;

/** XML whitespace: space, tab, line feed, carriage return. */
export const isXmlSpace = isSpace;

/** The characters that end a name: whitespace, `/`, `>`, `=`, quotes, `<`, `&` (all < 63). */
const NAME_ENDS = new Uint8Array(63);
for (let c = 0; c <= 32; c++) NAME_ENDS[c] = 1;
for (const c of [47, 62, 61, 34, 39, 60, 38]) NAME_ENDS[c] = 1;

/** A character that ends a name (one comparison for the letters names are made of). */
const endsName = (c: number): boolean => c < 63 && NAME_ENDS[c] === 1;

/**
 * Element and attribute names seen before, by a hash of their characters. A part repeats a
 * few dozen names thousands of times (`c`, `r`, `s`, `v`, `row`): handing out one internalized
 * string per name costs no allocation per tag and keeps attribute stores and the handlers'
 * `name === 'c'` tests cheap. A slot holds the last name that hashed to it.
 */
const NAME_SLOTS = 2048;
const nameSlots: Array<string | undefined> = new Array<string | undefined>(NAME_SLOTS).fill(
  undefined,
);

function sameName(known: string | undefined, s: string, from: number, len: number): boolean {
  if (known === undefined || known.length !== len) return false;
  for (let k = 0; k < len; k++) if (known.charCodeAt(k) !== s.charCodeAt(from + k)) return false;
  return true;
}

/** Two slots per hash (the newer first), so two names that collide do not evict each other. */
function internName(s: string, from: number, to: number, hash: number): string {
  let h = hash ^ (hash >>> 15);
  h = Math.imul(h, 0x2c1b3c6d);
  const slot = (h ^ (h >>> 12)) & (NAME_SLOTS - 2);
  const len = to - from;
  const first = nameSlots[slot];
  if (sameName(first, s, from, len)) return first as string;
  const second = nameSlots[slot + 1];
  if (sameName(second, s, from, len)) return second as string;
  // A property key is internalized: keep that copy rather than a slice of the part.
  const name = Object.keys({ [s.slice(from, to)]: 0 })[0] ?? s.slice(from, to);
  nameSlots[slot + 1] = first;
  nameSlots[slot] = name;
  return name;
}

/**
 * A well-formedness scanner for one part, emitting the events saxes emits (open, close after
 * open for a self-closing tag, text and CDATA as text) and rejecting what saxes rejects in
 * practice: DOCTYPE (xml-dtd), mismatched or unclosed tags, text or a second element outside
 * the root, duplicate attributes or ones without whitespace between them, `<` in an attribute
 * value, `]]>` in text, unknown entities and character references to non-characters. Line
 * ends are normalised (CRLF and CR to LF) and attribute whitespace to spaces, as XML requires.
 * Exported for the differential test against saxes.
 */
export function scanXml(s: string, part: string, h: RecordXmlHandlers): void {
  const handlers: XmlHandlers = { open: (name, a, self) => h.open(name, a.toRecord(), self) };
  if (h.close) handlers.close = (name) => h.close?.(name);
  if (h.text) handlers.text = (t) => h.text?.(t);
  scan(s, part, handlers);
}

/** `scanXml` with attributes read on demand (what the readers use). */
function scan(s: string, part: string, h: XmlHandlers): void {
  new Scanner(s, part, h).run();
}

/**
 * The scanner's state and its steps. The main loop only finds the next `<` and hands the
 * tag to a method: kept small, V8 optimises it quickly, and the large steps (an opening tag
 * with its attributes above all) are optimised on their own. As one large function the loop
 * was optimised on stack (OSR) with every step inlined, a compile of ~40 ms that a one-file
 * run waited for at exit (Node drains pending compile jobs before the process ends).
 */
class Scanner {
  private readonly n: number;
  private readonly stack: string[] = [];
  /** Local names of the open elements, beside their qualified names in `stack`. */
  private readonly locals: string[] = [];
  private readonly attrs: XmlAttrs;
  private rootSeen = false;
  // Next `&`, `\r` and `]]>` at or after the cursor, found once and reused: searching again at
  // every text node would make the scan quadratic on a part with none of them.
  private nextAmp = -2;
  private nextCr = -2;
  private nextCdEnd = -2;
  private nextLt = -2;
  private nextTab = -2;
  private nextLf = -2;
  /** Local name whose children go to `h.skim` first (none when the handlers have no skim). */
  private readonly skimA: string | undefined;
  private readonly skimB: string | undefined;

  constructor(
    private readonly s: string,
    private readonly part: string,
    private readonly h: XmlHandlers,
  ) {
    this.n = s.length;
    this.attrs = new XmlAttrs(s, part);
    const skimIn = h.skim && fastPaths.enabled ? h.skimIn : undefined;
    this.skimA = skimIn?.[0];
    this.skimB = skimIn?.[1];
  }

  private bad(why: string): never {
    return malformed(why, this.part);
  }

  private after(needle: string, from: number, cached: number): number {
    return nextFrom(this.s, needle, from, cached);
  }

  private raw(from: number, to: number, ws: Ws): string {
    return raw(this.s, from, to, ws);
  }

  private decode(from: number, to: number, hasAmp: boolean, ws: Ws): string {
    return resolve(this.s, from, to, hasAmp, ws, this.part);
  }

  run(): void {
    const s = this.s;
    const n = this.n;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      const end = lt < 0 ? n : lt;
      if (end > i) this.text(i, end);
      if (lt < 0) break;
      const c = s.charCodeAt(lt + 1);
      if (c === 47) i = this.closeTag(lt);
      else if (c === 63 || c === 33) i = this.markup(lt, c);
      else i = this.openTag(lt);
    }
    if (this.stack.length > 0)
      this.bad(`unclosed tag: ${(this.stack[this.stack.length - 1] ?? '').slice(0, 40)}`);
    if (!this.rootSeen) this.bad('document must contain a root element');
  }

  /** Character data between `i` and `end` (the next `<`). */
  private text(i: number, end: number): void {
    const s = this.s;
    if (this.stack.length === 0) {
      for (let k = i; k < end; k++) {
        if (!isSpace(s.charCodeAt(k))) this.bad('text data outside of root node');
      }
      return;
    }
    this.nextCdEnd = this.after(']]>', i, this.nextCdEnd);
    if (this.nextCdEnd >= 0 && this.nextCdEnd < end)
      this.bad('the string "]]>" is disallowed in char data');
    this.nextAmp = this.after('&', i, this.nextAmp);
    this.nextCr = this.after('\r', i, this.nextCr);
    const hasAmp = this.nextAmp >= 0 && this.nextAmp < end;
    const hasCr = this.nextCr >= 0 && this.nextCr < end;
    if (this.h.text) this.h.text(this.decode(i, end, hasAmp, hasCr ? Ws.Line : Ws.None));
    else if (hasAmp) this.decode(i, end, true, Ws.None);
  }

  /** `</name>` at `lt`; returns where scanning goes on. */
  private closeTag(lt: number): number {
    const s = this.s;
    const stack = this.stack;
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) this.bad('unclosed closing tag');
    let e = gt;
    while (e > lt + 2 && isSpace(s.charCodeAt(e - 1))) e--;
    // Compared in place with the open element's name: no string per closing tag.
    const open = stack.length > 0 ? (stack[stack.length - 1] as string) : undefined;
    let same = open !== undefined && open.length === e - (lt + 2);
    for (let k = 0; same && k < (open as string).length; k++) {
      if ((open as string).charCodeAt(k) !== s.charCodeAt(lt + 2 + k)) same = false;
    }
    if (!same) this.bad(`unexpected close tag: ${s.slice(lt + 2, e).slice(0, 40)}`);
    stack.pop();
    const locals = this.locals;
    const local = locals.pop() as string;
    if (this.h.close) this.h.close(local);
    return this.skimA !== undefined ? this.skimAfter(gt + 1) : gt + 1;
  }

  /** After a child element ends at `i`: the skim's answer if its parent is a `skimIn`. */
  private skimAfter(i: number): number {
    const parent = this.locals[this.locals.length - 1];
    if (parent !== undefined && (parent === this.skimA || parent === this.skimB)) {
      return (this.h.skim as NonNullable<XmlHandlers['skim']>)(this.s, i, parent);
    }
    return i;
  }

  /** `<?pi ?>`, a comment, CDATA or a DOCTYPE at `lt` (`c` is the character after `<`). */
  private markup(lt: number, c: number): number {
    const s = this.s;
    if (c === 63) {
      const q = s.indexOf('?>', lt + 2);
      if (q < 0) this.bad('unclosed processing instruction');
      return q + 2;
    }
    // `<!` then `--` (not the literal "<!--": the offline page inlines this code in a <script>).
    if (s.startsWith('--', lt + 2)) {
      const q = s.indexOf('-->', lt + 4);
      if (q < 0) this.bad('unclosed comment');
      return q + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      if (this.stack.length === 0) this.bad('CDATA outside of root node');
      const q = s.indexOf(']]>', lt + 9);
      if (q < 0) this.bad('unclosed CDATA section');
      if (this.h.text) {
        this.nextCr = this.after('\r', lt + 9, this.nextCr);
        this.h.text(this.raw(lt + 9, q, this.nextCr >= 0 && this.nextCr < q ? Ws.Line : Ws.None));
      }
      return q + 3;
    }
    if (s.startsWith('<!DOCTYPE', lt)) throw new ReadAbort('xml-dtd', 'DOCTYPE in part', this.part);
    return this.bad('unexpected <!');
  }

  /** `<name attr="v" ...>` or `<name .../>` at `lt`; returns where scanning goes on. */
  private openTag(lt: number): number {
    const s = this.s;
    const n = this.n;
    const attrs = this.attrs;
    let j = lt + 1;
    let colon = -1;
    let hash = 0;
    let localHash = 0;
    for (; j < n; j++) {
      const ch = s.charCodeAt(j);
      if (endsName(ch)) break;
      hash = (Math.imul(hash, 31) + ch) | 0;
      if (ch === 58) {
        colon = j;
        localHash = 0;
      } else localHash = (Math.imul(localHash, 31) + ch) | 0;
    }
    if (j === lt + 1) this.bad('disallowed character in tag name');
    const first = s.charCodeAt(lt + 1);
    if ((first >= 48 && first <= 57) || first === 45 || first === 46)
      this.bad('disallowed character in tag name');
    const name = internName(s, lt + 1, j, hash);
    const j0 = j;
    if (this.stack.length === 0 && this.rootSeen) this.bad('documents may contain only one root');
    attrs.clear();
    let selfClosing = false;
    for (;;) {
      const ws = j;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) this.bad(`unclosed tag: ${name.slice(0, 40)}`);
      const d = s.charCodeAt(j);
      if (d === 62) {
        j++;
        break;
      }
      if (d === 47) {
        if (s.charCodeAt(j + 1) !== 62) this.bad('forward-slash in opening tag not followed by >');
        selfClosing = true;
        j += 2;
        break;
      }
      if (j === ws) this.bad('no whitespace between attributes');
      j = this.attribute(j);
    }
    this.rootSeen = true;
    const local = colon < 0 ? name : internName(s, colon + 1, j0, localHash);
    this.h.open(local, attrs, selfClosing);
    if (selfClosing) {
      if (this.h.close) this.h.close(local);
      if (this.skimA !== undefined) return this.skimAfter(j);
    } else {
      this.stack.push(name);
      this.locals.push(local);
      if (this.skimA !== undefined && (local === this.skimA || local === this.skimB)) {
        return (this.h.skim as NonNullable<XmlHandlers['skim']>)(s, j, local);
      }
    }
    return j;
  }

  /** One `name="value"` of an opening tag, starting at `j`; returns the index after it. */
  private attribute(j: number): number {
    const s = this.s;
    const n = this.n;
    const an = j;
    j = scanName(s, j);
    const aHash = nameHashRead;
    if (j === an) this.bad('disallowed character in attribute name');
    const nameEnd = j;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) !== 61) this.bad('attribute without value');
    j++;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    const quote = s.charCodeAt(j);
    if (quote !== 34 && quote !== 39) this.bad('unquoted attribute value');
    // The end of the value, then whether it holds a `<`, an entity or whitespace to normalise,
    // each found by a native search whose answer serves until the scan passes it (a loop over
    // the characters in JavaScript costs several times more on long values: the messages of
    // data validations run to hundreds of characters).
    const v = j + 1;
    const close = s.indexOf(quote === 34 ? '"' : "'", v);
    if (close < 0) this.bad('unclosed attribute value');
    this.nextLt = this.after('<', v, this.nextLt);
    if (this.nextLt >= 0 && this.nextLt < close)
      this.bad('disallowed character in attribute value');
    this.nextAmp = this.after('&', v, this.nextAmp);
    const hasAmp = this.nextAmp >= 0 && this.nextAmp < close;
    this.nextTab = this.after('\t', v, this.nextTab);
    this.nextLf = this.after('\n', v, this.nextLf);
    this.nextCr = this.after('\r', v, this.nextCr);
    const hasWs =
      (this.nextTab >= 0 && this.nextTab < close) ||
      (this.nextLf >= 0 && this.nextLf < close) ||
      (this.nextCr >= 0 && this.nextCr < close);
    // An attribute named `__proto__` was always lost on the plain object the readers got
    // (assigning a string to it does nothing), and so never a duplicate: still so.
    if (
      !(nameEnd - an === 9 && s.startsWith('__proto__', an)) &&
      !this.attrs.add(
        an,
        nameEnd - an,
        aHash,
        j + 1,
        close,
        hasAmp ? Value.Entities : hasWs ? Value.Spaced : Value.Plain,
      )
    ) {
      this.bad(`duplicate attribute: ${s.slice(an, nameEnd).slice(0, 40)}`);
    }
    // Entities are checked now and resolved if the value is read.
    if (hasAmp) checkEntities(s, v, close, this.part);
    return close + 1;
  }
}

/**
 * The strict half of a fast path (`XmlHandlers.skim`): reads one tag's attributes and one
 * text node the way the scanner does, but only in the plain shapes writers produce, and
 * answers -1 for anything else (an entity or a whitespace character in a value, `<` in one,
 * space around `=`, a duplicate, a carriage return or `]]>` in text, the end of the part), so
 * that the scanner reads it instead and reports what it finds. Nothing here throws except
 * for an entity in text, which it resolves with the scanner's own code.
 */
export class FastTag {
  /** The tag just read ended with `/>`. */
  selfClosing = false;
  /** The text just read, entities resolved. */
  text = '';
  private src = '';
  private nextCr = -2;
  private nextCdEnd = -2;
  private nextAmp = -2;
  /** The tag's attributes, stored as the scanner stores them (plain values only). */
  private readonly attrs = new XmlAttrs('');

  private part = '';

  /**
   * Starts on a part (one instance serves every part a reader reads, one after the other:
   * building one per part cost more than using it).
   */
  begin(part: string): this {
    this.part = part;
    this.src = '';
    this.attrs.readFrom('');
    return this;
  }

  /**
   * Attributes from `j` (just after the element name) to the end of the tag; returns the
   * index after `>` or `/>`, or -1 to leave the tag to the scanner.
   */
  attributes(s: string, j: number): number {
    const n = s.length;
    this.attrs.readFrom(s);
    for (;;) {
      const ws = j;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const d = s.charCodeAt(j);
      if (d === 62) {
        this.selfClosing = false;
        return j + 1;
      }
      if (d === 47) {
        if (s.charCodeAt(j + 1) !== 62) return -1;
        this.selfClosing = true;
        return j + 2;
      }
      if (j === ws) return -1;
      const at = j;
      j = scanName(s, j);
      const hash = nameHashRead;
      const len = j - at;
      if (len === 0 || s.charCodeAt(j) !== 61) return -1;
      const quote = s.charCodeAt(j + 1);
      if (quote !== 34 && quote !== 39) return -1;
      const close = plainValueEnd(s, j + 2, quote);
      if (close < 0 || !this.attrs.add(at, len, hash, j + 2, close, Value.Plain)) return -1;
      j = close + 1;
    }
  }

  /** Value of the attribute named `name` (as written) of the tag just read. */
  value(name: string): string | undefined {
    return this.attrs.get(name);
  }

  /** Where the value of `name` starts in the text (-1: no such attribute) ... */
  valueStart(name: string): number {
    const k = this.attrs.indexOf(name);
    return k < 0 ? -1 : this.attrs.startOf(k);
  }

  /** ... and where it ends. */
  valueStop(name: string): number {
    const k = this.attrs.indexOf(name);
    return k < 0 ? -1 : this.attrs.endOf(k);
  }

  /**
   * Text from `from` to the next `<` into `this.text`; returns the index of that `<`, or -1
   * to leave the text to the scanner.
   */
  textTo(s: string, from: number): number {
    const lt = s.indexOf('<', from);
    if (lt < 0) return -1;
    if (lt === from) {
      this.text = '';
      return lt;
    }
    // The next `\r`, `]]>` and `&` are found once per part and reused until passed, as the
    // scanner does: searching again for each text would be quadratic on a part with none.
    if (s !== this.src) {
      this.src = s;
      this.nextCr = this.nextCdEnd = this.nextAmp = -2;
    }
    this.nextCr = nextFrom(s, '\r', from, this.nextCr);
    if (this.nextCr !== -1 && this.nextCr < lt) return -1;
    this.nextCdEnd = nextFrom(s, ']]>', from, this.nextCdEnd);
    if (this.nextCdEnd !== -1 && this.nextCdEnd < lt) return -1;
    this.nextAmp = nextFrom(s, '&', from, this.nextAmp);
    const amp = this.nextAmp !== -1 && this.nextAmp < lt;
    this.text = amp ? resolve(s, from, lt, true, Ws.None, this.part) : s.slice(from, lt);
    return lt;
  }
}

/** For fast paths: the index of the first character from `i` that is not XML whitespace. */
export function skipSpace(s: string, i: number): number {
  const n = s.length;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/**
 * For fast paths: the closing quote of a plain attribute value opened at `from` - 1 with
 * `quote`, or -1 if a `<`, an entity or a whitespace character to normalise comes first, or
 * the part ends (what the scanner reads, or refuses, its own way).
 */
export function plainValueEnd(s: string, from: number, quote: number): number {
  const n = s.length;
  for (let i = from; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch === quote) return i;
    if (ch <= 60 && (ch === 60 || ch === 38 || ch === 9 || ch === 10 || ch === 13)) return -1;
  }
  return -1;
}

/** Hash of the name `scanName` read last (as `XmlAttrs.add` expects it). */
let nameHashRead = 0;

/** Index of the first character from `j` that ends a name, its hash in `nameHashRead`. */
function scanName(s: string, j: number): number {
  const n = s.length;
  let hash = 0;
  for (; j < n; j++) {
    const ch = s.charCodeAt(j);
    if (endsName(ch)) break;
    hash = (Math.imul(hash, 31) + ch) | 0;
  }
  nameHashRead = hash;
  return j;
}
