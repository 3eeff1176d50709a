import type { FontInfo, TextRun } from './types.js';
import { attr, type XmlAttrs } from './xml.js';

/**
 * Collects the text of one string item: a shared string `<si>` or an inline string `<is>`.
 * Both hold either one `<t>` or runs `<r><rPr>…</rPr><t>…</t></r>`; phonetic guides `<rPh>`
 * are not part of the text. Run fonts are kept because legacy Vietnamese encodings (TCVN3
 * with `.VnTime`, VNI with `VNI-Times`) are recognised by the font of each run.
 * Text past `maxChars` is dropped and the item marked too long, so memory stays bounded.
 */
export class RichTextCollector {
  private parts: string[] = [];
  private length = 0;
  private runs: TextRun[] | undefined;
  private runParts: string[] | undefined;
  private runFont: FontInfo | undefined;
  private inT = false;
  private inRPr = false;
  private inPhonetic = 0;
  tooLong = false;

  constructor(private readonly maxChars: number) {}

  reset(): void {
    this.parts = [];
    this.length = 0;
    this.runs = undefined;
    this.runParts = undefined;
    this.runFont = undefined;
    this.inT = false;
    this.inRPr = false;
    this.inPhonetic = 0;
    this.tooLong = false;
  }

  /** saxes reports a close for self-closing tags too, so open/close always pair up. */
  open(name: string, a: XmlAttrs): void {
    switch (name) {
      case 't':
        if (this.inPhonetic === 0) this.inT = true;
        break;
      case 'r':
        if (this.inPhonetic === 0) {
          this.runs ??= [];
          this.runParts = [];
          this.runFont = undefined;
        }
        break;
      case 'rPr':
        this.inRPr = true;
        break;
      case 'rPh':
        this.inPhonetic++;
        break;
      case 'rFont':
      case 'name':
        if (this.inRPr) {
          const v = attr(a, 'val');
          if (v !== undefined) (this.runFont ??= {}).name = v;
        }
        break;
      case 'b':
      case 'i':
        if (this.inRPr) {
          const on = flag(a);
          (this.runFont ??= {})[name === 'b' ? 'bold' : 'italic'] = on;
        }
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 't':
        this.inT = false;
        break;
      case 'rPr':
        this.inRPr = false;
        break;
      case 'rPh':
        if (this.inPhonetic > 0) this.inPhonetic--;
        break;
      case 'r':
        if (this.runParts && this.runs && this.inPhonetic === 0) {
          const run: TextRun = { text: this.runParts.join('') };
          if (this.runFont) run.font = this.runFont;
          this.runs.push(run);
          this.runParts = undefined;
        }
        break;
    }
  }

  text(s: string): void {
    if (!this.inT || this.tooLong) return;
    if (this.length + s.length > this.maxChars) {
      this.tooLong = true;
      return;
    }
    this.length += s.length;
    this.parts.push(s);
    this.runParts?.push(s);
  }

  result(): { text: string; runs?: TextRun[] } {
    const text = this.parts.length === 1 ? (this.parts[0] ?? '') : this.parts.join('');
    return this.runs && this.runs.length > 0 ? { text, runs: this.runs } : { text };
  }
}

/** OOXML boolean element such as `<b/>`, `<b val="0"/>`, `<b val="false"/>`. */
export function flag(a: XmlAttrs): boolean {
  const v = attr(a, 'val');
  return v === undefined || v === '1' || v === 'true' || v === 'on';
}
