import type { FontInfo } from './types.js';
import { flag } from './richtext.js';
import { ReadAbort, attr, parseXml } from './xml.js';

/** Excel allows about 64 000 cell formats; far more is a hostile file, not a workbook. */
const MAX_STYLES = 200_000;

/**
 * Format codes of the built-in number formats (ECMA-376 Part 1, 18.8.30), which a workbook
 * refers to by id without writing the code. Ids 27-36 and 50-81 are locale-specific (East
 * Asian dates); Excel in Vietnamese writes custom codes instead, so they are left out.
 */
export const BUILTIN_NUM_FMTS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** What a cell style index (`s="3"`) means for the reader. */
export interface CellStyle {
  numFmt?: string;
  font?: FontInfo;
}

/** Reads `xl/styles.xml` once per workbook into one entry per `cellXfs` style. */
export function readStyles(bytes: Uint8Array, part: string): CellStyle[] {
  const numFmts = new Map<number, string>();
  const fonts: FontInfo[] = [];
  const xfs: Array<{ numFmtId: number; fontId: number }> = [];
  // Fonts and formats also occur inside <dxfs> (conditional formats) and xfs inside
  // <cellStyleXfs>; only the ones in their own lists count.
  let section = '';
  let font: FontInfo | undefined;
  parseXml(bytes, part, {
    open(name, a) {
      switch (name) {
        case 'numFmts':
        case 'fonts':
        case 'cellXfs':
          section = name;
          break;
        case 'dxfs':
        case 'cellStyleXfs':
        case 'cellStyles':
        case 'extLst':
          section = '';
          break;
        case 'numFmt':
          if (section === 'numFmts') {
            const id = Number(attr(a, 'numFmtId'));
            const code = attr(a, 'formatCode');
            if (Number.isInteger(id) && code !== undefined) numFmts.set(id, code);
          }
          break;
        case 'font':
          if (section === 'fonts') {
            if (fonts.length >= MAX_STYLES) {
              throw new ReadAbort('corrupt', `more than ${MAX_STYLES} fonts`, part);
            }
            font = {};
          }
          break;
        case 'name':
          if (font) {
            const v = attr(a, 'val');
            if (v !== undefined) font.name = v;
          }
          break;
        case 'b':
          if (font) font.bold = flag(a);
          break;
        case 'i':
          if (font) font.italic = flag(a);
          break;
        case 'xf':
          if (section === 'cellXfs') {
            if (xfs.length >= MAX_STYLES) {
              throw new ReadAbort('corrupt', `more than ${MAX_STYLES} cell styles`, part);
            }
            xfs.push({
              numFmtId: Number(attr(a, 'numFmtId') ?? 0),
              fontId: Number(attr(a, 'fontId') ?? 0),
            });
          }
          break;
      }
    },
    close(name) {
      if (name === 'font' && font) {
        fonts.push(font);
        font = undefined;
      } else if (name === section) section = '';
    },
  });
  return xfs.map(({ numFmtId, fontId }) => {
    const style: CellStyle = {};
    const code = numFmts.get(numFmtId) ?? BUILTIN_NUM_FMTS[numFmtId];
    if (code !== undefined && code !== 'General') style.numFmt = code;
    const f = fonts[fontId];
    if (f && (f.name !== undefined || f.bold !== undefined || f.italic !== undefined)) {
      style.font = f;
    }
    return style;
  });
}
