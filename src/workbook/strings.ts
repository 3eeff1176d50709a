import type { TextRun } from './types.js';
import { RichTextCollector } from './richtext.js';
import { ReadAbort, parseXml } from './xml.js';

export interface SharedString {
  text: string;
  runs?: TextRun[];
  /** Longer than the cell limit: the text was cut; a cell that uses it fails with its address. */
  tooLong?: true;
}

/** Reads `xl/sharedStrings.xml` once per workbook. */
export function readSharedStrings(
  bytes: Uint8Array,
  part: string,
  maxChars: number,
  maxItems: number,
): SharedString[] {
  const out: SharedString[] = [];
  const rt = new RichTextCollector(maxChars);
  let inSi = false;
  parseXml(bytes, part, {
    open(name, a) {
      if (name === 'si') {
        // Millions of tiny items inflate from a few kilobytes; no sheet can use more
        // strings than it has cells, so the cell limit bounds them too.
        if (out.length >= maxItems) {
          throw new ReadAbort('too-many-cells', `more than ${maxItems} shared strings`, part);
        }
        inSi = true;
        rt.reset();
      } else if (inSi) rt.open(name, a);
    },
    close(name) {
      if (name === 'si' && inSi) {
        inSi = false;
        const r: SharedString = rt.result();
        if (rt.tooLong) r.tooLong = true;
        out.push(r);
      } else if (inSi) rt.close(name);
    },
    text(s) {
      if (inSi) rt.text(s);
    },
  });
  return out;
}
