import {
  AlignmentType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportModel } from '../model.js';
import { textWidthTwips } from '../measure.js';
import { halfPoints } from './layout.js';

/**
 * Mẫu 1.4's signature table is 9284 twips wide, reaching a little into the right margin as the
 * header does. Its Nơi nhận column (2994) wraps the usual `- TT Huyện ủy, TT HĐND huyện (b/c);`
 * at 11 pt (3507 twips), so the left column is 3600 (6.35 cm, as Mẫu 1.2/1.3) and the signer
 * column 5684 (10.0 cm), centred close to the Quốc hiệu above.
 */
export const SIGNATURE = { left: 3600, right: 5684 } as const;

/** Room to sign and seal between the title and the name: about 3 cm, 4-5 empty lines. */
const SIGN_SPACE = 1701;
/** Space between the last body paragraph and the signature block. */
const ABOVE = 240;

const dxa = (size: number) => ({ size, type: WidthType.DXA });

/** Items as printed: `- X;`, the last `- X.` (PL I, II.9.d). Dash and end marks are ours. */
export function noiNhanItems(items: readonly string[]): string[] {
  const clean = items.map((t) =>
    t
      .trim()
      .replace(/^-\s*/, '')
      .replace(/[;.,]+$/, ''),
  );
  return clean.map((t, i) => `- ${t}${i === clean.length - 1 ? '.' : ';'}`);
}

/**
 * Ô 7 and 9b, ND30 PL I, II.7.b-đ and II.9.d, as a borderless fixed table:
 * left: `Nơi nhận:` 12 pt bold italic, level with the first signer line and flush left; items
 *   11 pt upright, each `- ...;`, the last `- Lưu: VT, ....`; wrapped lines hang under the text;
 * right, centred: `TM. ...`, `KT. ...`/`TL. ...` and the title CAPS bold at signer size, room to
 *   sign, then the name in bold (proper-name capitals).
 */
export function signatureTable(model: ReportModel): Table {
  const { sizes, signer } = model;
  const { left: leftWidth, right } = SIGNATURE;
  const dash = textWidthTwips('- ', sizes.noiNhanItem);

  const left = [
    new Paragraph({
      spacing: { before: ABOVE },
      children: [
        new TextRun({
          text: 'Nơi nhận:',
          bold: true,
          italics: true,
          size: halfPoints(sizes.noiNhanLabel),
        }),
      ],
    }),
    ...noiNhanItems(model.noiNhan).map(
      (text) =>
        new Paragraph({
          indent: { left: dash, hanging: dash },
          children: [new TextRun({ text, size: halfPoints(sizes.noiNhanItem) })],
        }),
    ),
  ];

  const caps = [signer.tm, signer.authority, signer.title].filter(
    (l): l is string => typeof l === 'string' && l !== '',
  );
  const signerLine = (text: string, before: number) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before },
      children: [new TextRun({ text, bold: true, size: halfPoints(sizes.signer) })],
    });
  const rightCell = [
    ...caps.map((l, i) => signerLine(l, i === 0 ? ABOVE : 0)),
    signerLine(signer.name, SIGN_SPACE),
  ];

  return new Table({
    columnWidths: [leftWidth, right],
    width: dxa(leftWidth + right),
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: dxa(leftWidth), children: left }),
          new TableCell({ width: dxa(right), children: rightCell }),
        ],
      }),
    ],
  });
}
