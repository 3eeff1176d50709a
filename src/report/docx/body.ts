import { Paragraph, type Table, TextRun } from 'docx';
import type { Block, TableModel, TextRun as RunModel } from '../model.js';
import { STYLE } from './styles.js';
import { reportTable } from './table.js';

function runs(list: readonly RunModel[]): TextRun[] {
  return list.map(
    (r) =>
      new TextRun({
        text: r.text,
        ...(r.bold ? { bold: true } : {}),
        ...(r.italic ? { italics: true } : {}),
      }),
  );
}

function headingText(b: Extract<Block, { kind: 'heading' }>): string {
  switch (b.level) {
    case 1:
      return `${b.label}. ${b.text.toLocaleUpperCase('vi-VN')}`;
    case 2:
      return `${b.label}. ${b.text}`;
    case 3:
      return `${b.label}) ${b.text}`;
  }
}

/**
 * Ô 6, ND30 PL I, II.6.đ-e: paragraphs in the Body Text style (justified, first line 1 cm, 6 pt
 * before, 1.15 lines); headings `I. CAPS`, `1. Title`, `a) Title` in the Heading 1-3 styles (so
 * the look lives in styles, not on each run); `- ` lines; tables at the text width. `closing`
 * (`./.`, Mẫu 1.4) is appended to the last paragraph, or set as its own paragraph after a
 * closing table. `table` draws a table block: the docx `reportTable` by default; `renderReport`
 * passes one that leaves a placeholder for the table's XML (see pack.ts).
 */
export function bodyElements(
  blocks: readonly Block[],
  textWidth: number,
  closing = '',
  table: (model: TableModel, width: number) => Paragraph | Table = reportTable,
): (Paragraph | Table)[] {
  const lastText = blocks.findLastIndex((b) => b.kind === 'paragraph' || b.kind === 'bullet');
  const closeHere = closing !== '' && lastText === blocks.length - 1;
  const out: (Paragraph | Table)[] = blocks.map((b, i) => {
    switch (b.kind) {
      case 'heading':
        return new Paragraph({
          style: STYLE.heading[b.level - 1] ?? STYLE.body,
          children: [new TextRun(headingText(b))],
        });
      case 'paragraph':
      case 'bullet': {
        const list = [...b.runs];
        const first = list[0];
        if (b.kind === 'bullet' && first && !first.text.startsWith('- ')) {
          list[0] = { ...first, text: `- ${first.text}` };
        }
        if (closeHere && i === lastText) {
          // `...địa phương./.`: the sentence's own full stop is the first dot of `./.`.
          const end = list[list.length - 1]?.text ?? '';
          list.push({
            text: closing.startsWith('.') && end.endsWith('.') ? closing.slice(1) : closing,
          });
        }
        return new Paragraph({ style: STYLE.body, children: runs(list) });
      }
      case 'table':
        return table(b.table, textWidth);
    }
  });
  if (closing !== '' && !closeHere) {
    out.push(new Paragraph({ style: STYLE.body, children: [new TextRun(closing)] }));
  }
  return out;
}
