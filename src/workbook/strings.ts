import { ownCopy } from '../text/own-copy.js';
import type { FontInfo, TextRun } from './types.js';
import { RichTextCollector } from './richtext.js';
import {
  FastTag,
  ReadAbort,
  type XmlAttrs,
  type XmlHandlers,
  fastPaths,
  parseXml,
  skipSpace,
} from './xml.js';

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
  const reader = new StringsReader(part, maxChars, maxItems);
  parseXml(bytes, part, reader);
  return reader.out;
}

/**
 * The items read so far and the handlers of the part's events: a class, not closures made for
 * each workbook, so that V8 keeps its optimised code (see `SheetReader` in sheet.ts).
 */
class StringsReader implements XmlHandlers {
  // The fast path for the items Excel and bctd write, `<si><t>text</t></si>` (with or
  // without xml:space): read straight from the text; anything else (runs, phonetic guides,
  // prefixes, a carriage return, an item past a limit) is left to the events below.
  readonly skimIn = ['sst'] as const;
  readonly out: SharedString[] = [];
  private readonly rt: RichTextCollector;
  private inSi = false;
  private readonly tag: FastTag;
  // The item the events are reading because RICH did not know it: where it starts and ends,
  // and how many items there were before it.
  private richAt = -1;
  private richEnd = -1;
  private richBefore = 0;

  constructor(
    private readonly part: string,
    private readonly maxChars: number,
    private readonly maxItems: number,
  ) {
    this.rt = new RichTextCollector(maxChars);
    this.tag = STRINGS_TAG.begin(part);
  }

  /** `<si><t>text</t></si>` at `p` within the limits: the index of `</t>` (text in `tag`), or -1. */
  private plainItem(s: string, p: number): number {
    if (!s.startsWith('<si><t', p)) return -1;
    let q = p + 6;
    if (s.charCodeAt(q) === 62) q++;
    else if (s.startsWith(' xml:space="preserve">', q)) q += 22;
    else return -1;
    const lt = this.tag.textTo(s, q);
    if (lt < 0 || !s.startsWith('</t></si>', lt)) return -1;
    return this.out.length >= this.maxItems || this.tag.text.length > this.maxChars ? -1 : lt;
  }

  skim(s: string, from: number): number {
    const out = this.out;
    if (this.richAt >= 0) {
      const last = out[out.length - 1];
      if (from === this.richEnd && out.length === this.richBefore + 1 && last && !last.tooLong)
        rememberRich(s.slice(this.richAt, this.richEnd), last);
      this.richAt = -1;
    }
    const before = out.length;
    let p = from;
    for (;;) {
      p = skipSpace(s, p);
      const lt = this.plainItem(s, p);
      if (lt >= 0) {
        out.push({ text: this.tag.text });
        p = lt + 9;
        continue;
      }
      if (!s.startsWith('<si>', p)) break;
      const end = s.indexOf('</si>', p) + 5;
      if (end < 5 || end - p > RICH_MAX_CHARS) break;
      const known = RICH.get(s.slice(p, end));
      if (known === undefined) {
        this.richAt = p;
        this.richEnd = end;
        this.richBefore = out.length;
        break;
      }
      // Its text was collected whole, so under this limit it reads the same if it fits.
      if (out.length >= this.maxItems || known.text.length > this.maxChars) break;
      out.push(known);
      p = end;
    }
    fastPaths.taken += out.length - before;
    return p;
  }

  open(name: string, a: XmlAttrs): void {
    if (name === 'si') {
      // Millions of tiny items inflate from a few kilobytes; no sheet can use more
      // strings than it has cells, so the cell limit bounds them too.
      if (this.out.length >= this.maxItems) {
        throw new ReadAbort(
          'too-many-cells',
          `more than ${this.maxItems} shared strings`,
          this.part,
        );
      }
      this.inSi = true;
      this.rt.reset();
    } else if (this.inSi) this.rt.open(name, a);
  }

  close(name: string): void {
    if (name === 'si' && this.inSi) {
      this.inSi = false;
      const r: SharedString = this.rt.result();
      if (this.rt.tooLong) r.tooLong = true;
      this.out.push(r);
    } else if (this.inSi) this.rt.close(name);
  }

  text(s: string): void {
    if (this.inSi) this.rt.text(s);
  }
}
