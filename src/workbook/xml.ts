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
 * never looked at (row heights, spans, namespaces), so their values are only cut out of the
 * text when asked for. One object serves every tag of a part: it is valid only during the
 * `open` call that receives it.
 */
export class XmlAttrs {
  /** Qualified names as written, in document order (the first `count` entries). */
  readonly names: string[] = [];
  count = 0;
  private readonly values: Array<string | undefined> = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(private source: string) {}

  /** Value of the attribute with this qualified name. */
  get(name: string): string | undefined {
    for (let i = 0; i < this.count; i++) if (this.names[i] === name) return this.valueAt(i);
    return undefined;
  }

  has(name: string): boolean {
    for (let i = 0; i < this.count; i++) if (this.names[i] === name) return true;
    return false;
  }

  valueAt(i: number): string {
    let v = this.values[i];
    if (v === undefined) {
      v = this.source.slice(this.starts[i], this.ends[i]);
      this.values[i] = v;
    }
    return v;
  }

  /** Forgets the previous tag's attributes. */
  clear(): void {
    this.count = 0;
  }

  /** An attribute whose value is `value`, or the source text between `start` and `end`. */
  add(name: string, value: string | undefined, start: number, end: number): void {
    const i = this.count++;
    this.names[i] = name;
    this.values[i] = value;
    this.starts[i] = start;
    this.ends[i] = end;
  }

  /** The attributes as a plain object, as saxes reports them. */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i < this.count; i++) out[this.names[i] as string] = this.valueAt(i);
    return out;
  }

  static fromRecord(record: Record<string, string>): XmlAttrs {
    const a = new XmlAttrs('');
    for (const k in record) a.add(k, record[k], 0, 0);
    return a;
  }
}

export interface XmlHandlers {
  /** `name` is the local name (prefix dropped: LibreOffice and others may write `x:c`). */
  open(name: string, attrs: XmlAttrs, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

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
    if ((attrs.names[i] as string).endsWith(':id')) return attrs.valueAt(i);
  }
  return undefined;
}

/** Input chunk: parsing a part in pieces keeps a 64 MB part from becoming one huge string. */
const CHUNK = 1 << 20;

const UTF8 = new TextDecoder('utf-8');

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
      text = decoder.decode(skip ? bytes.subarray(skip) : bytes);
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
  if (h.close) {
    const close = h.close;
    parser.on('closetag', (node) => close(localName(node.name)));
  }
  if (h.text) {
    const text = h.text;
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

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;

/** A character that ends a name: whitespace, `/`, `>`, `=`, quotes, `<`, `&`. */
const endsName = (c: number): boolean =>
  c <= 32 || c === 47 || c === 62 || c === 61 || c === 34 || c === 39 || c === 60 || c === 38;

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
  if (h.close) handlers.close = h.close;
  if (h.text) handlers.text = h.text;
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

  constructor(
    private readonly s: string,
    private readonly part: string,
    private readonly h: XmlHandlers,
  ) {
    this.n = s.length;
    this.attrs = new XmlAttrs(s);
  }

  private bad(why: string): never {
    throw new ReadAbort('xml-malformed', why, this.part);
  }

  private after(needle: string, from: number, cached: number): number {
    return cached !== -1 && cached < from ? this.s.indexOf(needle, from) : cached;
  }

  /**
   * Raw text with line ends normalised (`Ws.Line`), or, in an attribute value, each whitespace
   * character (a CRLF pair counts as one) made a space (`Ws.Attr`); characters written as
   * references are kept as they are.
   */
  private raw(from: number, to: number, ws: Ws): string {
    const t = this.s.slice(from, to);
    if (ws === Ws.Line) return t.replace(/\r\n?/g, '\n');
    if (ws === Ws.Attr) return /[\t\n\r]/.test(t) ? t.replace(/\r\n|[\t\n\r]/g, ' ') : t;
    return t;
  }

  /** Text or attribute value between `from` and `to` with entities and whitespace resolved. */
  private decode(from: number, to: number, hasAmp: boolean, ws: Ws): string {
    if (!hasAmp) return this.raw(from, to, ws);
    const s = this.s;
    let out = '';
    let i = from;
    for (;;) {
      const a = s.indexOf('&', i);
      if (a < 0 || a >= to) return out + this.raw(i, to, ws);
      out += this.raw(i, a, ws);
      const semi = s.indexOf(';', a);
      if (semi < 0 || semi >= to || semi - a > 12) this.bad('unterminated entity');
      const name = s.slice(a + 1, semi);
      const known = PREDEFINED[name];
      if (known !== undefined) out += known;
      else if (name.charCodeAt(0) === 35) {
        const hex = name.charCodeAt(1) === 120;
        const digits = name.slice(hex ? 2 : 1);
        if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits))
          this.bad('malformed character entity');
        const cp = parseInt(digits, hex ? 16 : 10);
        if (!xmlChar(cp)) this.bad('malformed character entity');
        out += String.fromCodePoint(cp);
      } else this.bad(`undefined entity: ${name.slice(0, 40)}`);
      i = semi + 1;
    }
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
    const onText = this.h.text;
    if (onText) onText(this.decode(i, end, hasAmp, hasCr ? Ws.Line : Ws.None));
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
    const local = this.locals.pop() as string;
    if (this.h.close) this.h.close(local);
    return gt + 1;
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
      const onText = this.h.text;
      if (onText) {
        this.nextCr = this.after('\r', lt + 9, this.nextCr);
        onText(this.raw(lt + 9, q, this.nextCr >= 0 && this.nextCr < q ? Ws.Line : Ws.None));
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
    } else {
      this.stack.push(name);
      this.locals.push(local);
    }
    return j;
  }

  /** One `name="value"` of an opening tag, starting at `j`; returns the index after it. */
  private attribute(j: number): number {
    const s = this.s;
    const n = this.n;
    const an = j;
    let aHash = 0;
    for (; j < n; j++) {
      const ch = s.charCodeAt(j);
      if (endsName(ch)) break;
      aHash = (Math.imul(aHash, 31) + ch) | 0;
    }
    if (j === an) this.bad('disallowed character in attribute name');
    const aname = internName(s, an, j, aHash);
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) !== 61) this.bad('attribute without value');
    j++;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    const quote = s.charCodeAt(j);
    if (quote !== 34 && quote !== 39) this.bad('unquoted attribute value');
    // One pass over the (short) value finds its end, a `<`, an entity and whitespace to
    // normalise, instead of a search and a pattern test for each.
    let close = j + 1;
    let hasLt = false;
    let hasAmp = false;
    let hasWs = false;
    for (; close < n; close++) {
      const ch = s.charCodeAt(close);
      if (ch === quote) break;
      if (ch <= 60) {
        if (ch === 60) hasLt = true;
        else if (ch === 38) hasAmp = true;
        else if (ch === 9 || ch === 10 || ch === 13) hasWs = true;
      }
    }
    if (close >= n) this.bad('unclosed attribute value');
    if (hasLt) this.bad('disallowed character in attribute value');
    // An attribute named `__proto__` was always lost on the plain object the readers got
    // (assigning a string to it does nothing), and so never a duplicate: still so.
    if (aname !== '__proto__') {
      if (this.attrs.has(aname)) this.bad(`duplicate attribute: ${aname.slice(0, 40)}`);
      // Entities are resolved (and checked) now; a plain value is cut out when asked for.
      const value = hasAmp || hasWs ? this.decode(j + 1, close, hasAmp, Ws.Attr) : undefined;
      this.attrs.add(aname, value, j + 1, close);
    } else if (hasAmp || hasWs) this.decode(j + 1, close, hasAmp, Ws.Attr);
    return close + 1;
  }
}
