import { AlignmentType, LineRuleType, type IStylesOptions } from 'docx';
import type { FontSizes } from '../model.js';
import { FIRST_LINE, FONT_SLOTS, halfPoints } from './layout.js';

/** Style ids used by the parts. */
export const STYLE = {
  body: 'BodyText',
  heading: ['Heading1', 'Heading2', 'Heading3'] as const,
  table: 'TableText',
} as const;

const BLACK = '000000';

/**
 * Real Word styles (issue 5: a clerk editing in Word keeps a consistent document).
 * ND30 PL I, I.4: Times New Roman, Unicode, black, in every font slot (ascii, hAnsi, eastAsia,
 * cs), set in the document defaults and in Normal so nothing falls back to the theme's Calibri;
 * language vi-VN for spelling and hyphenation.
 * - Normal: the plain base for the fixed parts (header, signature), single spacing, no indent.
 * - Body Text: PL I, II.6.e: justified, first line 1 cm, 6 pt before each paragraph, line
 *   spacing 1.15 (between the single and 1.5 lines allowed).
 * - Heading 1-3 (`I.`, `1.`, `a)`): body paragraphs in form, at body size (PL I, II.6.đ), so they
 *   pass the body checks too; bold, bold, italic; outline levels for Word's navigation pane.
 * - Table Text: no ND30 rule; practice 12-13 pt, single spacing inside cells.
 * The library's built-in heading, title, caption and hyperlink styles are coloured blue; they
 * are redefined black so no style in the file carries a colour other than black.
 */
export function buildStyles(sizes: FontSizes): IStylesOptions {
  const body = halfPoints(sizes.body);
  const black = { run: { color: BLACK } };
  return {
    default: {
      document: {
        run: {
          font: FONT_SLOTS,
          size: body,
          sizeComplexScript: body,
          color: BLACK,
          language: { value: 'vi-VN', eastAsia: 'vi-VN' },
        },
        paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      },
      heading4: black,
      heading5: black,
      heading6: black,
      title: black,
      caption: black,
      hyperlink: { run: { color: BLACK, underline: {} } },
    },
    paragraphStyles: [
      {
        id: 'Normal',
        name: 'Normal',
        quickFormat: true,
        run: { font: FONT_SLOTS, size: body, sizeComplexScript: body, color: BLACK },
        paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      },
      {
        id: STYLE.body,
        name: 'Body Text',
        basedOn: 'Normal',
        next: STYLE.body,
        quickFormat: true,
        paragraph: {
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: FIRST_LINE },
          spacing: { before: 120, after: 0, line: 276, lineRule: LineRuleType.AUTO },
        },
      },
      heading(STYLE.heading[0], 'heading 1', 0, { bold: true }, body),
      heading(STYLE.heading[1], 'heading 2', 1, { bold: true }, body),
      heading(STYLE.heading[2], 'heading 3', 2, { italics: true }, body),
      {
        id: STYLE.table,
        name: 'Table Text',
        basedOn: 'Normal',
        next: STYLE.table,
        quickFormat: true,
        run: { size: halfPoints(sizes.table), sizeComplexScript: halfPoints(sizes.table) },
        paragraph: { spacing: { before: 20, after: 20, line: 240, lineRule: LineRuleType.AUTO } },
      },
    ],
  };
}

function heading(
  id: string,
  name: string,
  outlineLevel: number,
  face: { bold?: boolean; italics?: boolean },
  size: number,
) {
  return {
    id,
    name,
    basedOn: STYLE.body,
    next: STYLE.body,
    quickFormat: true,
    run: { ...face, color: BLACK, size, sizeComplexScript: size },
    paragraph: { keepNext: true, outlineLevel },
  };
}
