import { ownCopy } from '../text/own-copy.js';
import type { FontInfo, TextRun } from './types.js';
import { RichTextCollector } from './richtext.js';
import { FastTag, ReadAbort, fastPaths, parseXml, skipSpace } from './xml.js';

export interface SharedString {
  text: string;
  runs?: TextRun[];
  /** Longer than the cell limit: the text was cut; a cell that uses it fails with its address. */
  tooLong?: true;
}

/**
 * Items that are not plain text, by their text: the template's labels are written in runs (a
 * bold title, an italic hint), a dozen elements each, the same in every unit's workbook. An
 * item is remembered once the events have read exactly it, from `<si>` to `</si>`, within the
 * limits, and is then taken as it is wherever the same text comes again (the same text always
 * reads the same). Kept as frozen copies of their own, shared by the workbooks that hold them.
 */
const RICH = new Map<string, SharedString>();
const STRINGS_TAG = new FastTag();
const RICH_ENTRIES = 1024;
const RICH_MAX_CHARS = 4096;

function rememberRich(text: string, item: SharedString): void {
  if (RICH.size >= RICH_ENTRIES) RICH.clear();
  const font = (f: FontInfo): FontInfo => {
    const c: FontInfo = { ...f };
    if (c.name !== undefined) c.name = ownCopy(c.name);
    return Object.freeze(c);
  };
  const copy: SharedString = { text: ownCopy(item.text) };
  if (item.runs) {
    copy.runs = Object.freeze(
      item.runs.map((r) => {
        const run: TextRun = { text: ownCopy(r.text) };
        if (r.font) run.font = font(r.font);
        return Object.freeze(run);
      }),
    ) as TextRun[];
  }
  RICH.set(ownCopy(text), Object.freeze(copy));
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
  const tag = STRINGS_TAG.begin(part);
  // The item the events are reading because RICH did not know it: where it starts and ends,
  // and how many items there were before it.
  let richAt = -1;
  let richEnd = -1;
  let richBefore = 0;
  /** `<si><t>text</t></si>` at `p` within the limits: the index of `</t>` (text in `tag`), or -1. */
  const plainItem = (s: string, p: number): number => {
    if (!s.startsWith('<si><t', p)) return -1;
    let q = p + 6;
    if (s.charCodeAt(q) === 62) q++;
    else if (s.startsWith(' xml:space="preserve">', q)) q += 22;
    else return -1;
    const lt = tag.textTo(s, q);
    if (lt < 0 || !s.startsWith('</t></si>', lt)) return -1;
    return out.length >= maxItems || tag.text.length > maxChars ? -1 : lt;
  };
  parseXml(bytes, part, {
    // The fast path for the items Excel and bctd write, `<si><t>text</t></si>` (with or
    // without xml:space): read straight from the text; anything else (runs, phonetic guides,
    // prefixes, a carriage return, an item past a limit) is left to the events below.
    skimIn: ['sst'],
    skim(s, from) {
      if (richAt >= 0) {
        const last = out[out.length - 1];
        if (from === richEnd && out.length === richBefore + 1 && last && !last.tooLong)
          rememberRich(s.slice(richAt, richEnd), last);
        richAt = -1;
      }
      const before = out.length;
      let p = from;
      for (;;) {
        p = skipSpace(s, p);
        const lt = plainItem(s, p);
        if (lt >= 0) {
          out.push({ text: tag.text });
          p = lt + 9;
          continue;
        }
        if (!s.startsWith('<si>', p)) break;
        const end = s.indexOf('</si>', p) + 5;
        if (end < 5 || end - p > RICH_MAX_CHARS) break;
        const known = RICH.get(s.slice(p, end));
        if (known === undefined) {
          richAt = p;
          richEnd = end;
          richBefore = out.length;
          break;
        }
        // Its text was collected whole, so under this limit it reads the same if it fits.
        if (out.length >= maxItems || known.text.length > maxChars) break;
        out.push(known);
        p = end;
      }
      fastPaths.taken += out.length - before;
      return p;
    },
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
