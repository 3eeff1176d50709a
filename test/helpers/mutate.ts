/**
 * A seeded mutation fuzzer for OOXML packages (issue 7, "Fuzzing"): it takes the bytes of a
 * valid workbook or document and corrupts them the ways real damage and real attackers do:
 * bytes flipped, cut short or spliced (a download that stopped, two files glued together), and,
 * inside the zip, the XML itself (elements deleted, duplicated or swapped, huge or negative
 * numbers, references to cells and strings that do not exist, unknown or enormous entities, a
 * DOCTYPE), rezipped so the damage reaches the XML parser rather than stopping at the zip.
 *
 * Deterministic: the same bytes and seed always give the same mutant, so a failure found in CI
 * is reproduced by its seed alone.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped, type Zippable } from 'fflate';

/** mulberry32: a small, fast, seeded generator (no Math.random: runs must be repeatable). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

// ---- bytes ----

export type ByteMutation = 'flip' | 'truncate' | 'splice' | 'insert' | 'delete';
export const BYTE_MUTATIONS: readonly ByteMutation[] = [
  'flip',
  'truncate',
  'splice',
  'insert',
  'delete',
];

export function mutateBytes(src: Uint8Array, r: Rand, kind = pick(r, BYTE_MUTATIONS)): Uint8Array {
  const n = src.length;
  switch (kind) {
    case 'flip': {
      const out = src.slice();
      const flips = 1 + int(r, 16);
      for (let i = 0; i < flips; i++) out[int(r, n)]! ^= 1 << int(r, 8);
      return out;
    }
    case 'truncate':
      return src.slice(0, int(r, n));
    case 'splice': {
      // A stretch of the file copied over another place (a bad sector, a glued download).
      const len = 1 + int(r, Math.min(4096, n));
      const from = int(r, n - len + 1);
      const to = int(r, n - len + 1);
      const out = src.slice();
      out.set(src.subarray(from, from + len), to);
      return out;
    }
    case 'insert': {
      const at = int(r, n + 1);
      const junk = new Uint8Array(1 + int(r, 512)).map(() => int(r, 256));
      const out = new Uint8Array(n + junk.length);
      out.set(src.subarray(0, at));
      out.set(junk, at);
      out.set(src.subarray(at), at + junk.length);
      return out;
    }
    case 'delete': {
      const at = int(r, n);
      const len = 1 + int(r, Math.min(2048, n - at));
      const out = new Uint8Array(n - len);
      out.set(src.subarray(0, at));
      out.set(src.subarray(at + len), at);
      return out;
    }
  }
}

// ---- XML inside the zip ----

export type XmlMutation =
  | 'delete-element'
  | 'duplicate-element'
  | 'swap-elements'
  | 'huge-number'
  | 'bad-reference'
  | 'entity'
  | 'doctype'
  | 'rename-tag'
  | 'delete-attribute'
  | 'garbage-text'
  | 'drop-part'
  | 'empty-part';
export const XML_MUTATIONS: readonly XmlMutation[] = [
  'delete-element',
  'duplicate-element',
  'swap-elements',
  'huge-number',
  'bad-reference',
  'entity',
  'doctype',
  'rename-tag',
  'delete-attribute',
  'garbage-text',
  'drop-part',
  'empty-part',
];

/** A leaf or whole element `<x ...>...</x>` (non-nested match) or `<x .../>`, with its span. */
function elements(xml: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /<([A-Za-z][\w:.-]*)\b[^<>]*?(?:\/>|>[^<]*<\/\1>)/g;
  for (let m = re.exec(xml); m !== null && out.length < 5000; m = re.exec(xml))
    out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const HUGE = [
  '9'.repeat(400),
  '1e308',
  '-1e308',
  '-1',
  '4294967296',
  '18446744073709551616',
  'NaN',
  'Infinity',
  '0.0000000000000000000001',
  '',
];
const BAD_REFS = [
  'A0',
  'XFD1048577',
  'XFE1',
  'ZZZZZZ1',
  '1A',
  'A-1',
  'a1',
  '',
  'A1:B',
  'XFD1048576',
  '$A$1',
  'A99999999999',
];
const ENTITIES = [
  '&bogus;',
  '&#0;',
  '&#xFFFFFFFF;',
  '&#x110000;',
  '&#55296;',
  '&',
  '&amp',
  '&lt;&gt;&amp;&quot;&apos;',
];
const DOCTYPES = [
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">',
];

function mutateXml(xml: string, r: Rand, kind: XmlMutation): string {
  const els = elements(xml);
  const anEl = () => (els.length === 0 ? undefined : pick(r, els));
  switch (kind) {
    case 'delete-element': {
      const e = anEl();
      return e ? xml.slice(0, e.start) + xml.slice(e.end) : xml;
    }
    case 'duplicate-element': {
      const e = anEl();
      if (!e) return xml;
      const copies = pick(r, [1, 2, 50]);
      return xml.slice(0, e.end) + xml.slice(e.start, e.end).repeat(copies) + xml.slice(e.end);
    }
    case 'swap-elements': {
      const a = anEl();
      const b = anEl();
      if (!a || !b || a === b) return xml;
      const [x, y] = a.start < b.start ? [a, b] : [b, a];
      if (x.end > y.start) return xml;
      return (
        xml.slice(0, x.start) +
        xml.slice(y.start, y.end) +
        xml.slice(x.end, y.start) +
        xml.slice(x.start, x.end) +
        xml.slice(y.end)
      );
    }
    case 'huge-number': {
      // A number in an attribute value or between tags.
      const spots = [...xml.matchAll(/(="|>)(-?\d+(?:\.\d+)?)(["<])/g)];
      if (spots.length === 0) return xml;
      const m = pick(r, spots);
      const at = m.index + m[1]!.length;
      return xml.slice(0, at) + pick(r, HUGE) + xml.slice(at + m[2]!.length);
    }
    case 'bad-reference': {
      const spots = [...xml.matchAll(/\b(r|ref|sqref|s|t|r:id|Target|name)="([^"]*)"/g)];
      if (spots.length === 0) return xml;
      const m = pick(r, spots);
      const at = m.index + m[1]!.length + 2;
      const bad =
        m[1] === 's'
          ? pick(r, ['99999', '-1', 'x'])
          : m[1] === 't'
            ? pick(r, ['s', 'inlineStr', 'e', 'b', 'd', 'str', 'zz'])
            : m[1] === 'r:id' || m[1] === 'Target'
              ? pick(r, ['rId999', '../../../../etc/passwd', '/xl/nope.xml', ''])
              : pick(r, BAD_REFS);
      return xml.slice(0, at) + bad + xml.slice(at + m[2]!.length);
    }
    case 'entity': {
      const spots = [...xml.matchAll(/>[^<]/g)];
      if (spots.length === 0) return xml;
      const at = pick(r, spots).index + 1;
      return xml.slice(0, at) + pick(r, ENTITIES) + xml.slice(at);
    }
    case 'doctype': {
      const decl = /^<\?xml[^>]*\?>/.exec(xml);
      const at = decl ? decl[0].length : 0;
      return xml.slice(0, at) + pick(r, DOCTYPES) + xml.slice(at);
    }
    case 'rename-tag': {
      const spots = [...xml.matchAll(/<\/?([A-Za-z][\w:]*)/g)];
      if (spots.length === 0) return xml;
      const m = pick(r, spots);
      const at = m.index + m[0].length - m[1]!.length;
      return (
        xml.slice(0, at) +
        pick(r, ['x', 'c', 'row', 'si', 'v', 'f', 'w:p']) +
        xml.slice(at + m[1]!.length)
      );
    }
    case 'delete-attribute': {
      const spots = [...xml.matchAll(/\s[\w:]+="[^"]*"/g)];
      if (spots.length === 0) return xml;
      const m = pick(r, spots);
      return xml.slice(0, m.index) + xml.slice(m.index + m[0].length);
    }
    case 'garbage-text': {
      const at = int(r, xml.length + 1);
      const junk = pick(r, [
        '<',
        '>',
        '</',
        '<x',
        '"',
        "'",
        ']]>',
        '<![CDATA[',
        '\u0000',
        '\uFFFE',
        '<?pi?>',
      ]);
      return xml.slice(0, at) + junk + xml.slice(at);
    }
    case 'drop-part':
    case 'empty-part':
      return xml; // handled on the package
  }
}

export interface Mutant {
  bytes: Uint8Array;
  /** What was done, for a failure message: `xml:bad-reference xl/worksheets/sheet2.xml`. */
  how: string;
}

/** Mutates one XML part of a zip package (or drops or empties a part) and rezips it. */
export function mutatePackage(src: Uint8Array, r: Rand, kind = pick(r, XML_MUTATIONS)): Mutant {
  let files: Unzipped;
  try {
    files = unzipSync(src);
  } catch {
    return { bytes: mutateBytes(src, r), how: 'bytes (not a zip)' };
  }
  const names = Object.keys(files).sort();
  const xmlNames = names.filter((n) => /\.(xml|rels)$/.test(n));
  // Half the time a part that holds the data (sheets, strings, the document body), so the
  // damage reaches values and layout checks and not only parts nobody reads.
  const dataNames = xmlNames.filter((n) => /worksheets\/|sharedStrings|document\.xml/.test(n));
  const name = pick(
    r,
    dataNames.length > 0 && r() < 0.5 ? dataNames : xmlNames.length > 0 ? xmlNames : names,
  );
  const out: Zippable = {};
  const level = pick(r, [0, 6] as const);
  for (const n of names) {
    const data = files[n]!;
    if (n !== name) {
      out[n] = [data, { level }];
      continue;
    }
    if (kind === 'drop-part') continue;
    if (kind === 'empty-part') {
      out[n] = [new Uint8Array(0), { level }];
      continue;
    }
    // Several edits to the same part now and then: real damage seldom comes alone.
    let xml = strFromU8(data);
    const rounds = r() < 0.2 ? 2 + int(r, 4) : 1;
    for (let i = 0; i < rounds; i++)
      xml = mutateXml(xml, r, i === 0 ? kind : pick(r, XML_MUTATIONS));
    out[n] = [strToU8(xml), { level }];
  }
  return { bytes: zipSync(out), how: `xml:${kind} ${name}` };
}

/** One mutant of `src` for `seed`: about a third byte-level, the rest inside the XML. */
export function mutate(src: Uint8Array, seed: number): Mutant {
  const r = rng(seed);
  if (r() < 0.35) {
    const kind = pick(r, BYTE_MUTATIONS);
    return { bytes: mutateBytes(src, r, kind), how: `bytes:${kind}` };
  }
  return mutatePackage(src, r);
}
