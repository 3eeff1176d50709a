import { Paragraph, Tab, TabStopType, TextRun } from 'docx';
import type { ReportModel } from '../model.js';
import { textWidthTwips } from '../measure.js';
import { halfPoints } from './layout.js';

/** Mẫu 1.5 sets `Kính gửi:` 3.5 cm in from the margin. */
const KINH_GUI_INDENT = 1985;
const LABEL = 'Kính gửi:';

/**
 * Ô 9a, ND30 PL I, II.9.d and Mục V 8a: `Kính gửi:` lower case, upright, body size. One
 * recipient on the same line (`Kính gửi: Sở ...`); several each on a line starting `- ` and
 * ending `;`, the last `.`, the dashes aligned after the colon. A hanging indent keeps wrapped
 * lines under the recipient. The block starts 3.5 cm in (Mẫu 1.5), less when the line would not
 * fit, so it never wraps for lack of room.
 */
export function kinhGuiParagraphs(model: ReportModel, textWidth: number): Paragraph[] {
  const list = model.kinhGui ?? [];
  if (list.length === 0) return [];
  const size = model.sizes.body;
  const label = textWidthTwips(`${LABEL} `, size);
  const items =
    list.length === 1
      ? [list[0] ?? '']
      : list.map((r, i) => `- ${r}${i === list.length - 1 ? '.' : ';'}`);
  const widest = Math.max(...items.map((t) => textWidthTwips(t, size)));
  const start = Math.max(0, Math.min(KINH_GUI_INDENT, textWidth - label - widest - 113));
  const hang = { left: start + label, hanging: label };
  const run = (text: string) => new TextRun({ text, size: halfPoints(size) });
  return items.map((text, i) =>
    i === 0
      ? new Paragraph({
          indent: hang,
          spacing: { before: 120, after: 120 },
          tabStops: [{ type: TabStopType.LEFT, position: start + label }],
          children:
            list.length === 1
              ? [run(`${LABEL} ${text}`)]
              : [run(LABEL), new TextRun({ children: [new Tab(), text], size: halfPoints(size) })],
        })
      : new Paragraph({
          indent: { left: start + label },
          spacing: { after: i === items.length - 1 ? 120 : 0 },
          children: [run(text)],
        }),
  );
}
