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
  const { strings, styles, limits, counter } = ctx;
  const cells = new Map<string, RawCell>();
  const merges: string[] = [];
  const rowsSeen = new Set<number>();
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  let maxRow = 0;
  let maxCol = 0;

  let inSheetData = false;
  let rowNum = 0;
  let colNum = 0;
  /** `r` of the last skipped empty cell, resolved only if a later cell needs counting. */
  let pendingR: string | undefined;
  // Current cell.
  let inCell = false;
  let cRow = 0;
  let cCol = 0;
  /** The cell's `r` when it is already its address as `a1` writes it (the usual case). */
  let cAddr: string | undefined;
  let cType = '';
  let cStyle = -1;
  let vSeen = false;
  /** The text of the cell's `<v>` and `<f>` elements so far. */
  let vText = '';
  let fSeen = false;
  let fText = '';
  let fShared: string | undefined;
  let isSeen = false;
  let capture = Capture.None;
  let captured = 0;
  const rt = new RichTextCollector(limits.maxCellChars);

  const tooLong = (): never => {
    throw new ReadAbort(
      'cell-too-long',
      `cell longer than ${limits.maxCellChars} characters`,
      part,
      a1(cRow, cCol),
    );
  };

  const finishCell = (): void => {
    const address = cAddr ?? a1(cRow, cCol);
    let formula: string | undefined;
    if (fSeen) {
      if (fShared !== undefined) {
        if (fText !== '') shared.set(fShared, { formula: fText, row: cRow, col: cCol });
        else {
          const master = shared.get(fShared);
          if (master) formula = shiftFormula(master.formula, cRow - master.row, cCol - master.col);
        }
      }
      if (formula === undefined && fText !== '') formula = fText;
    }
    const hasValue = isSeen || (vSeen && (vText !== '' || cType === 'str'));
    if (!hasValue && formula === undefined) return;

    const c: RawCell = {
      address,
      row: cRow,
      col: cCol,
      type: 'blank',
      value: null,
      text: '',
      hasCachedValue: hasValue,
    };
    if (formula !== undefined) c.formula = formula;
    if (hasValue) {
      switch (cType) {
        case 's': {
          const ss = strings[Number(vText)];
          if (!ss || !isDigits(vText)) {
            throw new ReadAbort('corrupt', `shared string ${vText} does not exist`, part, address);
          }
          if (ss.tooLong) tooLong();
          c.type = 'string';
          c.value = c.text = ss.text;
          if (ss.runs) c.runs = ss.runs;
          break;
        }
        case 'inlineStr': {
          if (rt.tooLong) tooLong();
          const r = isSeen ? rt.result() : { text: vText };
          c.type = 'string';
          c.value = c.text = r.text;
          if ('runs' in r && r.runs) c.runs = r.runs;
          break;
        }
        case 'str':
          c.type = 'string';
          c.value = c.text = vText;
          break;
        case 'b':
          c.type = 'boolean';
          c.value = vText === '1' || vText.toLowerCase() === 'true';
          c.text = c.value ? 'TRUE' : 'FALSE';
          break;
        case 'e':
          c.type = 'error';
          c.value = c.text = c.error = vText;
          break;
        case 'd':
          c.type = 'string';
          c.value = c.text = vText;
          c.isoDate = true;
          break;
        default: {
          const n = Number(vText);
          if (vText.trim() !== '' && Number.isFinite(n)) {
            c.type = 'number';
            c.value = n;
          } else {
            c.type = 'string';
            c.value = vText;
          }
          c.text = vText;
        }
      }
    }
    // LibreOffice saves a typed TRUE/FALSE as the formula `TRUE()`/`FALSE()`; the unit
    // typed a value, so it must not look like a formula to the checks.
    if (c.type === 'boolean' && c.formula === (c.value ? 'TRUE()' : 'FALSE()')) delete c.formula;
    const style = cStyle >= 0 ? styles[cStyle] : styles[0];
    if (style?.numFmt !== undefined) c.numFmt = style.numFmt;
    if (style?.font !== undefined) c.font = style.font;

    if (!cells.has(address)) {
      if (++counter.cells > limits.maxCells) {
        throw new ReadAbort('too-many-cells', `more than ${limits.maxCells} cells`, part, address);
      }
      if (cCol > limits.maxColumns) {
        throw new ReadAbort(
          'too-many-columns',
          `column ${cCol} past ${limits.maxColumns}`,
          part,
          address,
        );
      }
      if (!rowsSeen.has(cRow)) {
        rowsSeen.add(cRow);
        if (rowsSeen.size > limits.maxRows) {
          throw new ReadAbort('too-many-rows', `more than ${limits.maxRows} rows`, part, address);
        }
      }
    }
    cells.set(address, c);
    if (cRow > maxRow) maxRow = cRow;
    if (cCol > maxCol) maxCol = cCol;
  };

  const startRow = (r: string | undefined): void => {
    const n = Number(r);
    rowNum = Number.isInteger(n) && n > 0 ? n : rowNum + 1;
    colNum = 0;
    pendingR = undefined;
  };

  /**
   * A styled empty cell (`<c r="A5" s="3"/>`), the bulk of a formatted sheet: keep only where
   * it is, in case the next cell has no `r`.
   */
  const emptyCell = (r: string | undefined): void => {
    if (r !== undefined) pendingR = r;
    else colNum++;
  };

  const startCell = (r: string | undefined, t: string | undefined, s: string | undefined): void => {
    const pos = r !== undefined ? parseA1(r) : undefined;
    if (pos) {
      cRow = pos.row;
      cCol = pos.col;
      // A cell in a row without `r` tells which row it is.
      rowNum = pos.row;
      cAddr = isPlainA1(r as string) ? r : undefined;
    } else {
      if (pendingR !== undefined) colNum = parseA1(pendingR)?.col ?? colNum + 1;
      cRow = rowNum;
      cCol = colNum + 1;
      cAddr = undefined;
    }
    pendingR = undefined;
    beginCell(t, s);
  };

  /** `startCell` for an `r` already known to be `address`, as `a1` writes it. */
  const startPlainCell = (
    address: string,
    row: number,
    col: number,
    t: string | undefined,
    s: string | undefined,
  ): void => {
    cRow = rowNum = row;
    cCol = col;
    cAddr = address;
    pendingR = undefined;
    beginCell(t, s);
  };

  const beginCell = (t: string | undefined, s: string | undefined): void => {
    colNum = cCol;
    cType = t ?? 'n';
    cStyle = s !== undefined ? Number(s) : -1;
    inCell = true;
    vSeen = fSeen = isSeen = false;
    vText = '';
    fText = '';
    fShared = undefined;
    capture = Capture.None;
  };

  // The fast path for rows (`skim`): rows of plain cells, as Excel, LibreOffice and bctd write
  // them, read straight from the text with the same steps as the events below. Anything else
  // in a row (inline strings, prefixes, CDATA, comments, entities in attributes, a carriage
  // return) hands the whole row back to the scanner, which reads it as before: the steps are
  // the same functions, so both paths give the same cells and the same problems (a test
  // compares them). Rows were three quarters of the time spent reading a unit's workbook.
  const tag = SHEET_TAG.begin(part);

  // The attributes of the cell tag just read by `cellTag`: where `r`, `s` and `t` are (-1: absent).
  let rAt = -1;
  let rEnd = -1;
  let sAt = -1;
  let sEnd = -1;
  let tAt = -1;
  let tEnd = -1;
  let cellSelfClosing = false;

  /**
   * The attributes of a `<c` tag from `j` (after the name) when they are only `r`, `s` and `t`,
   * as nearly every writer writes them; otherwise `tag` reads them. The index after the tag,
   * or -1 to leave the row to the scanner.
   */
  const cellTag = (s: string, j: number): number => {
    const n = s.length;
    rAt = sAt = tAt = -1;
    let p = j;
    for (;;) {
      const ws = p;
      while (p < n && isXmlSpace(s.charCodeAt(p))) p++;
      const d = s.charCodeAt(p);
      if (d === 62) {
        cellSelfClosing = false;
        return p + 1;
      }
      if (d === 47) {
        if (s.charCodeAt(p + 1) !== 62) return -1;
        cellSelfClosing = true;
        return p + 2;
      }
      if (p === ws || p >= n) return -1;
      const q = s.charCodeAt(p + 2);
      if (
        s.charCodeAt(p + 1) !== 61 ||
        (q !== 34 && q !== 39) ||
        (d !== 114 && d !== 115 && d !== 116)
      )
        return otherCellTag(s, j);
      const close = plainValueEnd(s, p + 3, q);
      if (close < 0) return -1;
      if (d === 114) {
        if (rAt >= 0) return -1;
        rAt = p + 3;
        rEnd = close;
      } else if (d === 115) {
        if (sAt >= 0) return -1;
        sAt = p + 3;
        sEnd = close;
      } else {
        if (tAt >= 0) return -1;
        tAt = p + 3;
        tEnd = close;
      }
      p = close + 1;
    }
  };

  /** `cellTag` for a tag with other attributes, read by `tag` (`FastTag`). */
  const otherCellTag = (s: string, j: number): number => {
    const e = tag.attributes(s, j);
    if (e < 0) return -1;
    cellSelfClosing = tag.selfClosing;
    rAt = tag.valueStart('r');
    rEnd = tag.valueStop('r');
    sAt = tag.valueStart('s');
    sEnd = tag.valueStop('s');
    tAt = tag.valueStart('t');
    tEnd = tag.valueStop('t');
    return e;
  };

  /** One `<c` at `j` (after the name) and its content; the index after it, or -1. */
  const skimCell = (s: string, j: number): number => {
    let p = cellTag(s, j);
    if (p < 0) return -1;
    if (cellSelfClosing) {
      // Where it is matters only if a later cell of the row has no `r` (see emptyCell).
      if (rAt >= 0) {
        pendAt = rAt;
        pendEnd = rEnd;
      } else colNum++;
      return p;
    }
    const t = tAt >= 0 ? s.slice(tAt, tEnd) : undefined;
    const st = sAt >= 0 ? s.slice(sAt, sEnd) : undefined;
    if (rAt >= 0 && plainA1At(s, rAt, rEnd))
      startPlainCell(s.slice(rAt, rEnd), plainRow, plainCol, t, st);
    else {
      if (pendAt >= 0) pendingR = s.slice(pendAt, pendEnd);
      startCell(rAt >= 0 ? s.slice(rAt, rEnd) : undefined, t, st);
    }
    pendAt = -1;
    for (;;) {
      p = skipSpace(s, p);
      if (s.charCodeAt(p) !== 60) return -1;
      const c = s.charCodeAt(p + 1);
      if (c === 118 && s.charCodeAt(p + 2) === 62) {
        // <v>text</v>
        vSeen = true;
        const lt = tag.textTo(s, p + 3);
        if (lt < 0 || !s.startsWith('</v>', lt) || tag.text.length > limits.maxCellChars) return -1;
        vText += tag.text;
        p = lt + 4;
      } else if (c === 102) {
        // <f ...>text</f> or <f .../>
        const e = tag.attributes(s, p + 2);
        if (e < 0) return -1;
        fSeen = true;
        if (tag.value('t') === 'shared') fShared = tag.value('si');
        if (tag.selfClosing) {
          p = e;
          continue;
        }
        const lt = tag.textTo(s, e);
        if (lt < 0 || !s.startsWith('</f>', lt) || tag.text.length > limits.maxCellChars) return -1;
        fText += tag.text;
        p = lt + 4;
      } else if (c === 47 && s.charCodeAt(p + 2) === 99 && s.charCodeAt(p + 3) === 62) {
        inCell = false;
        finishCell();
        return p + 4;
      } else return -1;
    }
  };

  // The `r` of the last empty cell of the row being skimmed, cut out only if needed.
  let pendAt = -1;
  let pendEnd = -1;

  /** One `<row` at `j` (after the name) and its cells; the index after it, or -1. */
  const skimRow = (s: string, j: number): number => {
    let p = tag.attributes(s, j);
    if (p < 0) return -1;
    startRow(tag.value('r'));
    if (tag.selfClosing) return p;
    pendAt = -1;
    for (;;) {
      p = skipSpace(s, p);
      if (s.charCodeAt(p) !== 60) return -1;
      const c = s.charCodeAt(p + 1);
      if (c === 99) {
        p = skimCell(s, p + 2);
        if (p < 0) return -1;
      } else if (c === 47 && s.startsWith('row>', p + 2)) {
        // As the events leave it: the `r` of the row's last empty cells.
        if (pendAt >= 0) pendingR = s.slice(pendAt, pendEnd);
        return p + 6;
      } else return -1;
    }
  };

  // The text around the rows that the events are reading, remembered when they reach its end
  // (see AROUND).
  let aroundAt = -1;
  let aroundEnd = -1;
  let aroundMerges: string[] = [];
  let aroundPlain = true;

  const addMerge = (ref: string): void => {
    // Each merge is kept, so hostile files could list millions: they count as cells.
    if (++counter.cells > limits.maxCells) {
      throw new ReadAbort('too-many-cells', `more than ${limits.maxCells} cells`, part);
    }
    merges.push(ref);
  };

  /**
   * Between two children of the root, before or after the rows: the text up to `<sheetData`
   * or to the root's end tag, skipped if it was read before (its merges replayed).
   */
  const skimAround = (s: string, from: number): number => {
    const p = skipSpace(s, from);
    if (aroundAt >= 0) {
      if (p < aroundEnd) return from;
      if (p === aroundEnd && aroundPlain)
        rememberAround(s.slice(aroundAt, aroundEnd), aroundMerges);
      aroundAt = -1;
    }
    let end = s.indexOf('<sheetData', p);
    if (end < 0) end = s.lastIndexOf('</');
    if (end <= p || end - p > AROUND_MAX_CHARS) return from;
    const known = knownAround(s, p, end);
    if (known !== undefined) {
      for (const ref of known) addMerge(ref);
      fastPaths.taken++;
      return end;
    }
    aroundAt = p;
    aroundEnd = end;
    aroundMerges = [];
    aroundPlain = true;
    return from;
  };

  const skimRows = (s: string, from: number): number => {
    let p = from;
    for (let rows = 0; ; rows++) {
      p = skipSpace(s, p);
      if (s.charCodeAt(p) !== 60 || !s.startsWith('row', p + 1)) {
        fastPaths.taken += rows;
        return p;
      }
      const row = rowNum;
      const col = colNum;
      const pending = pendingR;
      const end = skimRow(s, p + 4);
      if (end < 0) {
        // Back to the state before the row; its cells already kept are kept again the same.
        rowNum = row;
        colNum = col;
        pendingR = pending;
        inCell = false;
        fastPaths.taken += rows;
        return p;
      }
      p = end;
    }
  };

  parseXml(bytes, part, {
    skimIn: ['sheetData', 'worksheet'],
    skim: (s, from, parent) => (parent === 'sheetData' ? skimRows(s, from) : skimAround(s, from)),
    open(el, a, selfClosing) {
      if (inCell) {
        switch (el) {
          case 'v':
            vSeen = true;
            capture = Capture.Value;
            captured = 0;
            return;
          case 'f':
            fSeen = true;
            capture = Capture.Formula;
            captured = 0;
            if (attr(a, 't') === 'shared') fShared = attr(a, 'si');
            return;
          case 'is':
            isSeen = true;
            rt.reset();
            capture = Capture.Inline;
            return;
          default:
            if (capture === Capture.Inline) rt.open(el, a);
            return;
        }
      }
      if (el === 'c' && inSheetData) {
        const r = attr(a, 'r');
        if (selfClosing) emptyCell(r);
        else startCell(r, attr(a, 't'), attr(a, 's'));
      } else if (el === 'row' && inSheetData) {
        startRow(attr(a, 'r'));
      } else if (el === 'sheetData') {
        inSheetData = true;
        aroundPlain = false;
      } else if (el === 'mergeCell') {
        const ref = attr(a, 'ref');
        if (ref !== undefined) {
          addMerge(ref);
          if (aroundAt >= 0) aroundMerges.push(ref);
        }
      }
    },
    close(el) {
      if (inCell) {
        if (el === 'c') {
          inCell = false;
          capture = Capture.None;
          finishCell();
        } else if (el === 'v' || el === 'f' || el === 'is') capture = Capture.None;
        else if (capture === Capture.Inline) rt.close(el);
      } else if (el === 'sheetData') inSheetData = false;
    },
    text(s) {
      switch (capture) {
        case Capture.None:
          return;
        case Capture.Inline:
          rt.text(s);
          return;
        default:
          captured += s.length;
          if (captured > limits.maxCellChars) tooLong();
          if (capture === Capture.Value) vText += s;
          else fText += s;
      }
    },
  });
  return { ok: true, name, cells, maxRow, maxCol, merges, rowCount: rowsSeen.size };
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
