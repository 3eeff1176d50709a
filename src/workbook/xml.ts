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

export interface XmlHandlers {
  /** `name` is the local name (prefix dropped: LibreOffice and others may write `x:c`). */
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
export function attr(attrs: Record<string, string>, local: string): string | undefined {
  return attrs[local];
}

/** Relationship id (`r:id`), whatever prefix the writer bound to the relationships namespace. */
export function relId(attrs: Record<string, string>): string | undefined {
  for (const k in attrs) {
    if (k.endsWith(':id')) return attrs[k];
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
 * Streams one XML part through saxes. Any DOCTYPE is refused before anything in it is
 * used: saxes never fetches external entities, but refusing the DTD outright also rules out
 * entity expansion and keeps the rule simple to state ("no DTD in an OOXML part"). Entities
 * other than the five predefined ones and character references are therefore errors.
 */
export function parseXml(bytes: Uint8Array, part: string, h: XmlHandlers): void {
  const parser = new SaxesParser({ position: false });
  parser.on('doctype', () => {
    throw new ReadAbort('xml-dtd', 'DOCTYPE in part', part);
  });
  parser.on('error', (err) => {
    throw new ReadAbort('xml-malformed', err.message.slice(0, 200), part);
  });
  parser.on('opentag', (node) => {
    h.open(localName(node.name), node.attributes as Record<string, string>, node.isSelfClosing);
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
  const { decoder, skip } = decoderFor(bytes);
  try {
    if (bytes.length <= CHUNK) {
      // Most parts of a unit's workbook are a few kilobytes: one call, no stream state.
      parser.write(decoder.decode(skip ? bytes.subarray(skip) : bytes));
      parser.close();
      return;
    }
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
