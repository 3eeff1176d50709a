import { a1, parseA1 } from './address.js';
import { shiftFormula } from './formula.js';
import { RichTextCollector } from './richtext.js';
import type { SharedString } from './strings.js';
import type { CellStyle } from './styles.js';
import type { RawCell, RawSheet, ReadLimits } from './types.js';
import { ownCopy } from '../text/own-copy.js';
import {
  FastTag,
  ReadAbort,
  type XmlAttrs,
  type XmlHandlers,
  attr,
  fastPaths,
  isXmlSpace,
  parseXml,
  plainValueEnd,
  skipSpace,
} from './xml.js';

export interface SheetContext {
  strings: readonly SharedString[];
  styles: readonly CellStyle[];
  limits: ReadLimits;
  /** Cells kept so far in this workbook (shared by all sheets read, for `maxCells`). */
  counter: { cells: number };
}

/** What to collect the next text event into. */
const enum Capture {
  None,
  Value,
  Formula,
  Inline,
}

/**
 * Streams one worksheet part and keeps only cells with a value or a formula. Rows and cells
 * without `r` attributes (some writers omit them) are placed by counting. Parsing stops at
 * the first limit passed, so a sheet claiming a million rows costs what it actually holds.
 */
export function readSheet(
  bytes: Uint8Array,
  part: string,
  name: string,
  ctx: SheetContext,
): RawSheet {
  const reader = new SheetReader(part, ctx);
  parseXml(bytes, part, reader);
  return reader.result(name);
}

/**
 * The state of the worksheet being read, and the handlers of its events. A class rather than
 * closures made for each part: V8 keeps the optimised code of a closure with the closures of
 * its kind, and drops it at a full collection when none is alive, so closures remade for every
 * sheet were optimised again after most collections (in a worker, whose small heap is
 * collected often, five times over on 10,000 files); the methods of a class are made once.
 */
class SheetReader implements XmlHandlers {
  readonly skimIn = ['sheetData', 'worksheet'] as const;
  private readonly strings: readonly SharedString[];
  private readonly styles: readonly CellStyle[];
  private readonly limits: ReadLimits;
  private readonly counter: { cells: number };
  private readonly cells = new Map<string, RawCell>();
  private readonly merges: string[] = [];
  private readonly rowsSeen = new Set<number>();
  private readonly shared = new Map<string, { formula: string; row: number; col: number }>();
  private maxRow = 0;
  private maxCol = 0;

  private inSheetData = false;
  private rowNum = 0;
  private colNum = 0;
  /** `r` of the last skipped empty cell, resolved only if a later cell needs counting. */
  private pendingR: string | undefined = undefined;
  // Current cell.
  private inCell = false;
  private cRow = 0;
  private cCol = 0;
  /** The cell's `r` when it is already its address as `a1` writes it (the usual case). */
  private cAddr: string | undefined = undefined;
  private cType = '';
  private cStyle = -1;
  private vSeen = false;
  /** The text of the cell's `<v>` and `<f>` elements so far. */
  private vText = '';
  private fSeen = false;
  private fText = '';
  private fShared: string | undefined = undefined;
  private isSeen = false;
  private capture = Capture.None;
  private captured = 0;
  private readonly rt: RichTextCollector;
  /** The fast path's reader of tags (see `skim`). */
  private readonly tag: FastTag;

  constructor(
    private readonly part: string,
    ctx: SheetContext,
  ) {
    this.strings = ctx.strings;
    this.styles = ctx.styles;
    this.limits = ctx.limits;
    this.counter = ctx.counter;
    this.rt = new RichTextCollector(ctx.limits.maxCellChars);
    this.tag = SHEET_TAG.begin(part);
  }

  result(name: string): RawSheet {
    const { cells, maxRow, maxCol, merges } = this;
    return { ok: true, name, cells, maxRow, maxCol, merges, rowCount: this.rowsSeen.size };
  }

  skim(s: string, from: number, parent: string): number {
    return parent === 'sheetData' ? this.skimRows(s, from) : this.skimAround(s, from);
  }

  open(el: string, a: XmlAttrs, selfClosing: boolean): void {
    if (this.inCell) {
      switch (el) {
        case 'v':
          this.vSeen = true;
          this.capture = Capture.Value;
          this.captured = 0;
          return;
        case 'f':
          this.fSeen = true;
          this.capture = Capture.Formula;
          this.captured = 0;
          if (attr(a, 't') === 'shared') this.fShared = attr(a, 'si');
          return;
        case 'is':
          this.isSeen = true;
          this.rt.reset();
          this.capture = Capture.Inline;
          return;
        default:
          if (this.capture === Capture.Inline) this.rt.open(el, a);
          return;
      }
    }
    if (el === 'c' && this.inSheetData) {
      const r = attr(a, 'r');
      if (selfClosing) this.emptyCell(r);
      else this.startCell(r, attr(a, 't'), attr(a, 's'));
    } else if (el === 'row' && this.inSheetData) {
      this.startRow(attr(a, 'r'));
    } else if (el === 'sheetData') {
      this.inSheetData = true;
      this.aroundPlain = false;
    } else if (el === 'mergeCell') {
      const ref = attr(a, 'ref');
      if (ref !== undefined) {
        this.addMerge(ref);
        if (this.aroundAt >= 0) this.aroundMerges.push(ref);
      }
    }
  }
  close(el: string): void {
    if (this.inCell) {
      if (el === 'c') {
        this.inCell = false;
        this.capture = Capture.None;
        this.finishCell();
      } else if (el === 'v' || el === 'f' || el === 'is') this.capture = Capture.None;
      else if (this.capture === Capture.Inline) this.rt.close(el);
    } else if (el === 'sheetData') this.inSheetData = false;
  }
  text(s: string): void {
    switch (this.capture) {
      case Capture.None:
        return;
      case Capture.Inline:
        this.rt.text(s);
        return;
      default:
        this.captured += s.length;
        if (this.captured > this.limits.maxCellChars) this.tooLong();
        if (this.capture === Capture.Value) this.vText += s;
        else this.fText += s;
    }
  }

  private tooLong(): never {
    throw new ReadAbort(
      'cell-too-long',
      `cell longer than ${this.limits.maxCellChars} characters`,
      this.part,
      a1(this.cRow, this.cCol),
    );
  }

  private finishCell(): void {
    const address = this.cAddr ?? a1(this.cRow, this.cCol);
    let formula: string | undefined;
    if (this.fSeen) {
      if (this.fShared !== undefined) {
        if (this.fText !== '')
          this.shared.set(this.fShared, { formula: this.fText, row: this.cRow, col: this.cCol });
        else {
          const master = this.shared.get(this.fShared);
          if (master)
            formula = shiftFormula(master.formula, this.cRow - master.row, this.cCol - master.col);
        }
      }
      if (formula === undefined && this.fText !== '') formula = this.fText;
    }
    const hasValue = this.isSeen || (this.vSeen && (this.vText !== '' || this.cType === 'str'));
    if (!hasValue && formula === undefined) return;

    const c: RawCell = {
      address,
      row: this.cRow,
      col: this.cCol,
      type: 'blank',
      value: null,
      text: '',
      hasCachedValue: hasValue,
    };
    if (formula !== undefined) c.formula = formula;
    if (hasValue) {
      switch (this.cType) {
        case 's': {
          const ss = this.strings[Number(this.vText)];
          if (!ss || !isDigits(this.vText)) {
            throw new ReadAbort(
              'corrupt',
              `shared string ${this.vText} does not exist`,
              this.part,
              address,
            );
          }
          if (ss.tooLong) this.tooLong();
          c.type = 'string';
          c.value = c.text = ss.text;
          if (ss.runs) c.runs = ss.runs;
          break;
        }
        case 'inlineStr': {
          if (this.rt.tooLong) this.tooLong();
          const r = this.isSeen ? this.rt.result() : { text: this.vText };
          c.type = 'string';
          c.value = c.text = r.text;
          if ('runs' in r && r.runs) c.runs = r.runs;
          break;
        }
        case 'str':
          c.type = 'string';
          c.value = c.text = this.vText;
          break;
        case 'b':
          c.type = 'boolean';
          c.value = this.vText === '1' || this.vText.toLowerCase() === 'true';
          c.text = c.value ? 'TRUE' : 'FALSE';
          break;
        case 'e':
          c.type = 'error';
          c.value = c.text = c.error = this.vText;
          break;
        case 'd':
          c.type = 'string';
          c.value = c.text = this.vText;
          c.isoDate = true;
          break;
        default: {
          const n = Number(this.vText);
          if (this.vText.trim() !== '' && Number.isFinite(n)) {
            c.type = 'number';
            c.value = n;
          } else {
            c.type = 'string';
            c.value = this.vText;
          }
          c.text = this.vText;
        }
      }
    }
    // LibreOffice saves a typed TRUE/FALSE as the formula `TRUE()`/`FALSE()`; the unit
    // typed a value, so it must not look like a formula to the checks.
    if (c.type === 'boolean' && c.formula === (c.value ? 'TRUE()' : 'FALSE()')) delete c.formula;
    const style = this.cStyle >= 0 ? this.styles[this.cStyle] : this.styles[0];
    if (style?.numFmt !== undefined) c.numFmt = style.numFmt;
    if (style?.font !== undefined) c.font = style.font;

    if (!this.cells.has(address)) {
      if (++this.counter.cells > this.limits.maxCells) {
        throw new ReadAbort(
          'too-many-cells',
          `more than ${this.limits.maxCells} cells`,
          this.part,
          address,
        );
      }
      if (this.cCol > this.limits.maxColumns) {
        throw new ReadAbort(
          'too-many-columns',
          `column ${this.cCol} past ${this.limits.maxColumns}`,
          this.part,
          address,
        );
      }
      if (!this.rowsSeen.has(this.cRow)) {
        this.rowsSeen.add(this.cRow);
        if (this.rowsSeen.size > this.limits.maxRows) {
          throw new ReadAbort(
            'too-many-rows',
            `more than ${this.limits.maxRows} rows`,
            this.part,
            address,
          );
        }
      }
    }
    this.cells.set(address, c);
    if (this.cRow > this.maxRow) this.maxRow = this.cRow;
    if (this.cCol > this.maxCol) this.maxCol = this.cCol;
  }

  private startRow(r: string | undefined): void {
    const n = Number(r);
    this.rowNum = Number.isInteger(n) && n > 0 ? n : this.rowNum + 1;
    this.colNum = 0;
    this.pendingR = undefined;
  }

  /**
   * A styled empty cell (`<c r="A5" s="3"/>`), the bulk of a formatted sheet: keep only where
   * it is, in case the next cell has no `r`.
   */
  private emptyCell(r: string | undefined): void {
    if (r !== undefined) this.pendingR = r;
    else this.colNum++;
  }

  private startCell(r: string | undefined, t: string | undefined, s: string | undefined): void {
    const pos = r !== undefined ? parseA1(r) : undefined;
    if (pos) {
      this.cRow = pos.row;
      this.cCol = pos.col;
      // A cell in a row without `r` tells which row it is.
      this.rowNum = pos.row;
      this.cAddr = isPlainA1(r as string) ? r : undefined;
    } else {
      if (this.pendingR !== undefined) this.colNum = parseA1(this.pendingR)?.col ?? this.colNum + 1;
      this.cRow = this.rowNum;
      this.cCol = this.colNum + 1;
      this.cAddr = undefined;
    }
    this.pendingR = undefined;
    this.beginCell(t, s);
  }

  /** `startCell` for an `r` already known to be `address`, as `a1` writes it. */
  private startPlainCell(
    address: string,
    row: number,
    col: number,
    t: string | undefined,
    s: string | undefined,
  ): void {
    this.cRow = this.rowNum = row;
    this.cCol = col;
    this.cAddr = address;
    this.pendingR = undefined;
    this.beginCell(t, s);
  }

  private beginCell(t: string | undefined, s: string | undefined): void {
    this.colNum = this.cCol;
    this.cType = t ?? 'n';
    this.cStyle = s !== undefined ? Number(s) : -1;
    this.inCell = true;
    this.vSeen = this.fSeen = this.isSeen = false;
    this.vText = '';
    this.fText = '';
    this.fShared = undefined;
    this.capture = Capture.None;
  }

  // The fast path for rows (`skim`): rows of plain cells, as Excel, LibreOffice and bctd write
  // them, read straight from the text with the same steps as the events (`open`, `close`,
  // `text`). Anything else in a row (inline strings, prefixes, CDATA, comments, entities in
  // attributes, a carriage return) hands the whole row back to the scanner, which reads it as
  // before: the steps are the same methods, so both paths give the same cells and the same
  // problems (a test compares them). Rows were three quarters of the time spent reading a
  // unit's workbook. `tag` reads the attributes the cells' own steps do not.

  // The attributes of the cell tag just read by `cellTag`: where `r`, `s` and `t` are (-1: absent).
  private rAt = -1;
  private rEnd = -1;
  private sAt = -1;
  private sEnd = -1;
  private tAt = -1;
  private tEnd = -1;
  private cellSelfClosing = false;

  /**
   * The attributes of a `<c` tag from `j` (after the name) when they are only `r`, `s` and `t`,
   * as nearly every writer writes them; otherwise `tag` reads them. The index after the tag,
   * or -1 to leave the row to the scanner.
   */
  private cellTag(s: string, j: number): number {
    const n = s.length;
    this.rAt = this.sAt = this.tAt = -1;
    let p = j;
    for (;;) {
      const ws = p;
      while (p < n && isXmlSpace(s.charCodeAt(p))) p++;
      const d = s.charCodeAt(p);
      if (d === 62) {
        this.cellSelfClosing = false;
        return p + 1;
      }
      if (d === 47) {
        if (s.charCodeAt(p + 1) !== 62) return -1;
        this.cellSelfClosing = true;
        return p + 2;
      }
      if (p === ws || p >= n) return -1;
      const q = s.charCodeAt(p + 2);
      if (
        s.charCodeAt(p + 1) !== 61 ||
        (q !== 34 && q !== 39) ||
        (d !== 114 && d !== 115 && d !== 116)
      )
        return this.otherCellTag(s, j);
      const close = plainValueEnd(s, p + 3, q);
      if (close < 0) return -1;
      if (d === 114) {
        if (this.rAt >= 0) return -1;
        this.rAt = p + 3;
        this.rEnd = close;
      } else if (d === 115) {
        if (this.sAt >= 0) return -1;
        this.sAt = p + 3;
        this.sEnd = close;
      } else {
        if (this.tAt >= 0) return -1;
        this.tAt = p + 3;
        this.tEnd = close;
      }
      p = close + 1;
    }
  }

  /** `cellTag` for a tag with other attributes, read by `tag` (`FastTag`). */
  private otherCellTag(s: string, j: number): number {
    const e = this.tag.attributes(s, j);
    if (e < 0) return -1;
    this.cellSelfClosing = this.tag.selfClosing;
    this.rAt = this.tag.valueStart('r');
    this.rEnd = this.tag.valueStop('r');
    this.sAt = this.tag.valueStart('s');
    this.sEnd = this.tag.valueStop('s');
    this.tAt = this.tag.valueStart('t');
    this.tEnd = this.tag.valueStop('t');
    return e;
  }

  /** One `<c` at `j` (after the name) and its content; the index after it, or -1. */
  private skimCell(s: string, j: number): number {
    let p = this.cellTag(s, j);
    if (p < 0) return -1;
    if (this.cellSelfClosing) {
      // Where it is matters only if a later cell of the row has no `r` (see emptyCell).
      if (this.rAt >= 0) {
        this.pendAt = this.rAt;
        this.pendEnd = this.rEnd;
      } else this.colNum++;
      return p;
    }
    const t = this.tAt >= 0 ? s.slice(this.tAt, this.tEnd) : undefined;
    const st = this.sAt >= 0 ? s.slice(this.sAt, this.sEnd) : undefined;
    if (this.rAt >= 0 && plainA1At(s, this.rAt, this.rEnd))
      this.startPlainCell(s.slice(this.rAt, this.rEnd), plainRow, plainCol, t, st);
    else {
      if (this.pendAt >= 0) this.pendingR = s.slice(this.pendAt, this.pendEnd);
      this.startCell(this.rAt >= 0 ? s.slice(this.rAt, this.rEnd) : undefined, t, st);
    }
    this.pendAt = -1;
    for (;;) {
      p = skipSpace(s, p);
      if (s.charCodeAt(p) !== 60) return -1;
      const c = s.charCodeAt(p + 1);
      if (c === 118 && s.charCodeAt(p + 2) === 62) {
        // <v>text</v>
        this.vSeen = true;
        const lt = this.tag.textTo(s, p + 3);
        if (lt < 0 || !s.startsWith('</v>', lt) || this.tag.text.length > this.limits.maxCellChars)
          return -1;
        this.vText += this.tag.text;
        p = lt + 4;
      } else if (c === 102) {
        // <f ...>text</f> or <f .../>
        const e = this.tag.attributes(s, p + 2);
        if (e < 0) return -1;
        this.fSeen = true;
        if (this.tag.value('t') === 'shared') this.fShared = this.tag.value('si');
        if (this.tag.selfClosing) {
          p = e;
          continue;
        }
        const lt = this.tag.textTo(s, e);
        if (lt < 0 || !s.startsWith('</f>', lt) || this.tag.text.length > this.limits.maxCellChars)
          return -1;
        this.fText += this.tag.text;
        p = lt + 4;
      } else if (c === 47 && s.charCodeAt(p + 2) === 99 && s.charCodeAt(p + 3) === 62) {
        this.inCell = false;
        this.finishCell();
        return p + 4;
      } else return -1;
    }
  }

  // The `r` of the last empty cell of the row being skimmed, cut out only if needed.
  private pendAt = -1;
  private pendEnd = -1;

  /** One `<row` at `j` (after the name) and its cells; the index after it, or -1. */
  private skimRow(s: string, j: number): number {
    let p = this.tag.attributes(s, j);
    if (p < 0) return -1;
    this.startRow(this.tag.value('r'));
    if (this.tag.selfClosing) return p;
    this.pendAt = -1;
    for (;;) {
      p = skipSpace(s, p);
      if (s.charCodeAt(p) !== 60) return -1;
      const c = s.charCodeAt(p + 1);
      if (c === 99) {
        p = this.skimCell(s, p + 2);
        if (p < 0) return -1;
      } else if (c === 47 && s.startsWith('row>', p + 2)) {
        // As the events leave it: the `r` of the row's last empty cells.
        if (this.pendAt >= 0) this.pendingR = s.slice(this.pendAt, this.pendEnd);
        return p + 6;
      } else return -1;
    }
  }

  // The text around the rows that the events are reading, remembered when they reach its end
  // (see AROUND).
  private aroundAt = -1;
  private aroundEnd = -1;
  private aroundMerges: string[] = [];
  private aroundPlain = true;

  private addMerge(ref: string): void {
    // Each merge is kept, so hostile files could list millions: they count as cells.
    if (++this.counter.cells > this.limits.maxCells) {
      throw new ReadAbort('too-many-cells', `more than ${this.limits.maxCells} cells`, this.part);
    }
    this.merges.push(ref);
  }

  /**
   * Between two children of the root, before or after the rows: the text up to `<sheetData`
   * or to the root's end tag, skipped if it was read before (its merges replayed).
   */
  private skimAround(s: string, from: number): number {
    const p = skipSpace(s, from);
    if (this.aroundAt >= 0) {
      if (p < this.aroundEnd) return from;
      if (p === this.aroundEnd && this.aroundPlain)
        rememberAround(s.slice(this.aroundAt, this.aroundEnd), this.aroundMerges);
      this.aroundAt = -1;
    }
    let end = s.indexOf('<sheetData', p);
    if (end < 0) end = s.lastIndexOf('</');
    if (end <= p || end - p > AROUND_MAX_CHARS) return from;
    const known = knownAround(s, p, end);
    if (known !== undefined) {
      for (const ref of known) this.addMerge(ref);
      fastPaths.taken++;
      return end;
    }
    this.aroundAt = p;
    this.aroundEnd = end;
    this.aroundMerges = [];
    this.aroundPlain = true;
    return from;
  }

  private skimRows(s: string, from: number): number {
    let p = from;
    for (let rows = 0; ; rows++) {
      p = skipSpace(s, p);
      if (s.charCodeAt(p) !== 60 || !s.startsWith('row', p + 1)) {
        fastPaths.taken += rows;
        return p;
      }
      const row = this.rowNum;
      const col = this.colNum;
      const pending = this.pendingR;
      const end = this.skimRow(s, p + 4);
      if (end < 0) {
        // Back to the state before the row; its cells already kept are kept again the same.
        this.rowNum = row;
        this.colNum = col;
        this.pendingR = pending;
        this.inCell = false;
        fastPaths.taken += rows;
        return p;
      }
      p = end;
    }
  }
}

const SHEET_TAG = new FastTag();

/**
 * The text of worksheets around their rows, with the merges it holds. Every unit's workbook
 * repeats the template's column widths, merged titles, conditional formats and validation
 * lists byte for byte: on the data sheet that is 12 KB of text outside the rows, much of it
 * long Vietnamese messages. A text is remembered only once the scanner has read all of it,
 * from one child of the root to another, and found nothing in it but merges; the same text is
 * as well formed wherever it stands there, so meeting it again only replays its merges, under
 * the same limits. A few dozen texts (one per sheet of a template or two), each kept as its own
 * copy, not as a view of the part it came from.
 */
const AROUND: Array<{ text: string; merges: readonly string[] }> = [];
const AROUND_ENTRIES = 64;
const AROUND_MAX_CHARS = 1 << 18;

function knownAround(s: string, from: number, to: number): readonly string[] | undefined {
  const len = to - from;
  let text: string | undefined;
  for (const e of AROUND) {
    if (e.text.length !== len) continue;
    text ??= s.slice(from, to);
    if (e.text === text) return e.merges;
  }
  return undefined;
}

function rememberAround(text: string, merges: readonly string[]): void {
  if (AROUND.length >= AROUND_ENTRIES) AROUND.shift();
  AROUND.push({ text: ownCopy(text), merges: merges.map(ownCopy) });
}

// Row and column found by the last `plainA1At` that answered true.
let plainRow = 0;
let plainCol = 0;

/**
 * Whether `s` from `at` to `end` is an address as `a1` writes it (see `isPlainA1`) within
 * what `parseA1` accepts (three letters, 9,999,999 rows); its row and column in `plainRow`
 * and `plainCol`.
 */
function plainA1At(s: string, at: number, end: number): boolean {
  let i = at;
  let col = 0;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    i++;
  }
  if (i === at || i - at > 3 || i === end || s.charCodeAt(i) === 48 || end - i > 7) return false;
  let row = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    row = row * 10 + (c - 48);
  }
  plainRow = row;
  plainCol = col;
  return true;
}

/** Whether `s` is one or more ASCII digits. */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `r` written as `a1` writes it: capital letters then a row number without leading zero. */
function isPlainA1(r: string): boolean {
  let i = 0;
  const n = r.length;
  while (i < n) {
    const c = r.charCodeAt(i);
    if (c < 65 || c > 90) break;
    i++;
  }
  if (i === 0 || i === n || r.charCodeAt(i) === 48) return false;
  for (; i < n; i++) {
    const c = r.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
