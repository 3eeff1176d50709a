import { SaxesParser } from 'saxes';

/**
 * A minimal element tree built with saxes. WordprocessingML parts are small enough to hold
 * in memory once the zip reader has capped their size, and a tree makes the style and
 * section rules (which look at siblings and ancestors) far simpler than a streaming walk.
 */
export interface XmlElement {
  /** Qualified name as written, e.g. `w:p`. */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

/** A DOCTYPE in an OOXML part is never legitimate: it is how entity bombs and XXE start. */
export class HostileXmlError extends Error {
  constructor(readonly part: string) {
    super(`DOCTYPE in ${part}`);
    this.name = 'HostileXmlError';
  }
}

export class BadXmlError extends Error {
  constructor(
    readonly part: string,
    message: string,
  ) {
    super(`${part}: ${message}`);
    this.name = 'BadXmlError';
  }
}

const decoder = new TextDecoder('utf-8');

export function parseXml(bytes: Uint8Array, part: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let hostile = false;
  let failure: string | undefined;
  parser.on('doctype', () => {
    hostile = true;
  });
  parser.on('error', (e) => {
    failure ??= e.message;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = String(v);
    const el: XmlElement = { name: tag.name, attrs, children: [] };
    stack[stack.length - 1]?.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    stack[stack.length - 1]?.children.push(t);
  });
  parser.on('cdata', (t) => {
    stack[stack.length - 1]?.children.push(t);
  });
  let text = decoder.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    parser.write(text).close();
  } catch (e) {
    failure ??= (e as Error).message;
  }
  if (hostile) throw new HostileXmlError(part);
  if (failure !== undefined) throw new BadXmlError(part, failure);
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!top) throw new BadXmlError(part, 'no root element');
  return top;
}

export function kids(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (!name || c.name === name)) out.push(c);
  return out;
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el?.attrs[name];
}

/** Integer attribute, or undefined when missing or not a number. */
export function intAttr(el: XmlElement | undefined, name: string): number | undefined {
  const v = el?.attrs[name];
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** Every descendant with this name, in document order. */
export function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

export function textContent(el: XmlElement): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textContent(c);
  return s;
}
