import type { TextRun } from './types.js';
import { RichTextCollector } from './richtext.js';
import { parseXml } from './xml.js';

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
): SharedString[] {
  const out: SharedString[] = [];
  const rt = new RichTextCollector(maxChars);
  let inSi = false;
  parseXml(bytes, part, {
    open(name, a) {
      if (name === 'si') {
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
