import { a1, parseA1 } from './address.js';
import { shiftFormula } from './formula.js';
import { RichTextCollector } from './richtext.js';
import type { SharedString } from './strings.js';
import type { CellStyle } from './styles.js';
import type { RawCell, RawSheet, ReadLimits } from './types.js';
import { ReadAbort, attr, parseXml } from './xml.js';

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
  let cType = '';
  let cStyle = -1;
  let vSeen = false;
  let vParts: string[] = [];
  let fSeen = false;
  let fParts: string[] = [];
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
    const address = a1(cRow, cCol);
    const vText = vParts.length === 1 ? (vParts[0] ?? '') : vParts.join('');
    let formula: string | undefined;
    if (fSeen) {
      const fText = fParts.join('');
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
          if (!ss || !/^\d+$/.test(vText)) {
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

  parseXml(bytes, part, {
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
        if (selfClosing) {
          // A styled empty cell (`<c r="A5" s="3"/>`), the bulk of a formatted sheet: keep
          // only where it is, in case the next cell has no `r`.
          if (r !== undefined) pendingR = r;
          else colNum++;
          return;
        }
        if (pendingR !== undefined) {
          colNum = parseA1(pendingR)?.col ?? colNum + 1;
          pendingR = undefined;
        }
        const pos = r !== undefined ? parseA1(r) : undefined;
        if (pos) {
          cRow = pos.row;
          cCol = pos.col;
          // A cell in a row without `r` tells which row it is.
          rowNum = pos.row;
        } else {
          cRow = rowNum;
          cCol = colNum + 1;
        }
        colNum = cCol;
        cType = attr(a, 't') ?? 'n';
        const s = attr(a, 's');
        cStyle = s !== undefined ? Number(s) : -1;
        inCell = true;
        vSeen = fSeen = isSeen = false;
        vParts = [];
        fParts = [];
        fShared = undefined;
        capture = Capture.None;
      } else if (el === 'row' && inSheetData) {
        const r = Number(attr(a, 'r'));
        rowNum = Number.isInteger(r) && r > 0 ? r : rowNum + 1;
        colNum = 0;
        pendingR = undefined;
      } else if (el === 'sheetData') {
        inSheetData = true;
      } else if (el === 'mergeCell') {
        const ref = attr(a, 'ref');
        if (ref !== undefined) {
          // Each merge is kept, so hostile files could list millions: they count as cells.
          if (++counter.cells > limits.maxCells) {
            throw new ReadAbort('too-many-cells', `more than ${limits.maxCells} cells`, part);
          }
          merges.push(ref);
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
          (capture === Capture.Value ? vParts : fParts).push(s);
      }
    },
  });
  return { ok: true, name, cells, maxRow, maxCol, merges, rowCount: rowsSeen.size };
}
