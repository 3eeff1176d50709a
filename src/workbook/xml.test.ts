import { describe, expect, it } from 'vitest';
import type { ReadAbort } from './xml.js';
import { attr, parseXml, relId } from './xml.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Attributes the readers ask for, by element, as parseXml hands them over. */
function asked(xml: string, names: string[]): Array<Record<string, string | undefined>> {
  const out: Array<Record<string, string | undefined>> = [];
  parseXml(bytes(xml), 'p.xml', {
    open(_name, a) {
      const seen: Record<string, string | undefined> = { rid: relId(a) };
      for (const n of names) seen[n] = attr(a, n);
      out.push(seen);
    },
  });
  return out;
}

describe('attributes read on demand', () => {
  it('gives each element its own values, entities and whitespace resolved', () => {
    const xml =
      '<x:root xmlns:x="u" xmlns:r="v"><x:c r="A1" s="3"/><x:c r="B2" t="a&amp;b&#x41;"/>' +
      '<sheet name="S\tố\nliệu" r:id="rId7"/></x:root>';
    expect(asked(xml, ['r', 's', 't', 'name'])).toEqual([
      { rid: undefined, r: undefined, s: undefined, t: undefined, name: undefined },
      { rid: undefined, r: 'A1', s: '3', t: undefined, name: undefined },
      { rid: undefined, r: 'B2', s: undefined, t: 'a&bA', name: undefined },
      { rid: 'rId7', r: undefined, s: undefined, t: undefined, name: 'S ố liệu' },
    ]);
  });

  it('still checks every value while scanning, read or not', () => {
    const fail = (xml: string): string => {
      try {
        parseXml(bytes(xml), 'p.xml', { open() {} });
        return 'ok';
      } catch (e) {
        return (e as ReadAbort).problem;
      }
    };
    expect(fail('<a b="&bogus;"/>')).toBe('xml-malformed');
    expect(fail('<a b="1" b="2"/>')).toBe('xml-malformed');
    expect(fail('<a b="x<y"/>')).toBe('xml-malformed');
    // As with the plain object the readers used to get, `__proto__` is dropped, never a duplicate.
    expect(fail('<a __proto__="1" __proto__="2"/>')).toBe('ok');
    expect(fail('<a __proto__="&bogus;"/>')).toBe('xml-malformed');
  });
});
