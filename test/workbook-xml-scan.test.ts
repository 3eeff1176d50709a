import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { describe, expect, test } from 'vitest';
import { localName, ReadAbort, scanXml } from '../src/workbook/xml.js';
import { ROOT } from './helpers/cli.js';

type Event = [string, ...unknown[]];

/** The events the reader's handlers see, through saxes (the reference) ... */
function viaSaxes(xml: string): { events: Event[]; problem: string | null } {
  const events: Event[] = [];
  const p = new SaxesParser({ position: false });
  let problem: string | null = null;
  p.on('doctype', () => {
    problem ??= 'xml-dtd';
  });
  p.on('error', () => {
    problem ??= 'xml-malformed';
  });
  p.on('opentag', (n) => {
    if (problem === null)
      events.push(['open', localName(n.name), { ...n.attributes }, n.isSelfClosing]);
  });
  p.on('closetag', (n) => {
    if (problem === null) events.push(['close', localName(n.name)]);
  });
  const text = (t: string) => {
    if (problem === null) events.push(['text', t]);
  };
  p.on('text', text);
  p.on('cdata', text);
  try {
    p.write(xml);
    p.close();
  } catch {
    problem ??= 'xml-malformed';
  }
  return { events: mergeText(events), problem };
}

/** ... and through the scanner. */
function viaScan(xml: string): { events: Event[]; problem: string | null } {
  const events: Event[] = [];
  let problem: string | null = null;
  try {
    scanXml(xml, 'part.xml', {
      open: (name, attrs, self) => events.push(['open', name, { ...attrs }, self]),
      close: (name) => events.push(['close', name]),
      text: (t) => events.push(['text', t]),
    });
  } catch (e) {
    if (!(e instanceof ReadAbort)) throw e;
    expect(e.part).toBe('part.xml');
    problem = e.problem;
  }
  return { events: mergeText(events), problem };
}

/**
 * Adjacent texts joined and whitespace-only texts outside any element dropped: saxes reports
 * the whitespace after the root, which no handler reads.
 */
function mergeText(events: Event[]): Event[] {
  const out: Event[] = [];
  let depth = 0;
  for (const e of events) {
    const last = out[out.length - 1];
    if (e[0] === 'text') {
      if (depth === 0 && String(e[1]).trim() === '') continue;
      if (last?.[0] === 'text') last[1] = String(last[1]) + String(e[1]);
      else out.push([...e]);
      continue;
    }
    if (e[0] === 'open') depth++;
    else depth--;
    out.push(e);
  }
  return out;
}

describe('the XML scanner gives the events saxes gives', () => {
  test('every XML part of the demo workspace', () => {
    const dir = path.join(ROOT, 'fixtures', 'demo', 'nop', '2022-6m');
    const names = readdirSync(dir).filter((n) => n.endsWith('.xlsx'));
    let parts = 0;
    for (const n of names.slice(0, 8)) {
      const zip = unzipSync(new Uint8Array(readFileSync(path.join(dir, n))));
      for (const [part, bytes] of Object.entries(zip)) {
        if (!/\.(xml|rels|vml)$/.test(part)) continue;
        const xml = new TextDecoder().decode(bytes);
        const a = viaSaxes(xml);
        const b = viaScan(xml);
        expect(b.problem, `${n} ${part}`).toBe(a.problem);
        expect(b.events, `${n} ${part}`).toEqual(a.events);
        parts++;
      }
    }
    expect(parts).toBeGreaterThan(50);
  });

  test.each([
    [
      'declaration, comments, PIs',
      '<?xml version="1.0"?><!-- c --><a><?pi x?><b/></a><!-- d -->\n',
    ],
    ['prefixed names', '<x:a xmlns:x="u" r:id="rId1"><x:b/></x:a>'],
    [
      'entities and character references',
      '<a t="&lt;&amp;&#65;&#x1F600;">&quot;x&apos;&gt;&#233;</a>',
    ],
    ['line ends in text and attributes', '<a b="x\ty\nz\r\nw">t\r\nu&#13;v\rw</a>'],
    ['character references kept in attributes', '<a b="x&#10;y&#9;z"/>'],
    ['CDATA', '<a><![CDATA[x&amp;<b>\r\ny]]>z</a>'],
    ['single quotes and spaces around =', "<a b = 'x\"y' c='1'></a >"],
    ['empty text nodes and nesting', '<a><b><c></c></b><b/></a>'],
    ['Vietnamese text', '<si><t xml:space="preserve">Tổng số hộ nghèo </t></si>'],
    ['DOCTYPE', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['DOCTYPE without entities', '<!DOCTYPE a><a/>'],
    ['unknown entity', '<a>&x;</a>'],
    ['unknown entity in an attribute', '<a b="&nbsp;"/>'],
    ['unterminated entity', '<a>&amp</a>'],
    ['reference to NUL', '<a>&#0;</a>'],
    ['reference to a surrogate', '<a>&#xD800;</a>'],
    ['mismatched close', '<a><b></a></b>'],
    ['unclosed element', '<a><b></b>'],
    ['close without open', '</a>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', ' x <a/>'],
    ['text after the root', '<a/>x'],
    ['no root', '<?xml version="1.0"?>'],
    ['empty part', ''],
    ['duplicate attribute', '<a b="1" b="2"/>'],
    ['no space between attributes', '<a b="1"c="2"/>'],
    ['< in an attribute value', '<a b="<"/>'],
    ['unquoted attribute', '<a b=1/>'],
    ['attribute without value', '<a b/>'],
    ['slash not followed by >', '<a/ >'],
    ['name starting with a digit', '<1a/>'],
    [']]> in text', '<a>x]]>y</a>'],
    ['unclosed comment', '<a><!-- x</a>'],
    ['unclosed tag at the end', '<a'],
    ['unclosed attribute value', '<a b="x></a>'],
  ])('%s', (_what, xml) => {
    const a = viaSaxes(xml);
    const b = viaScan(xml);
    expect(b.problem).toBe(a.problem);
    if (a.problem === null) expect(b.events).toEqual(a.events);
  });
});
