/**
 * `generate --narratives FILE`: every unit's own text per section, under each unit's name, for
 * the clerk to draw on when writing noi-dung.md. The Submission keeps no text (a province rolls
 * up thousands), so the files are read again here with the bounded reader.
 */
import { readFileSync } from 'node:fs';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { Rollup } from '../aggregate/types.js';
import { flattenSections } from '../outline/helpers.js';
import type { Outline } from '../outline/schema.js';
import type { Period } from '../period/periods.js';
import type { Submission } from '../validate/submission.js';
import { normalizeLabel } from '../text/labels.js';
import { SHEET, TEXT_HEADERS } from '../workbook/layout.js';
import { readWorkbook } from '../workbook/read.js';
import type { RawSheet } from '../workbook/types.js';
import type { Workspace } from '../workspace/workspace.js';

/** Section number -> text from a workbook's `Nội dung` sheet (header row found by its labels). */
export function readNarratives(bytes: Uint8Array): Record<string, string> {
  const r = readWorkbook(bytes);
  if (!r.ok) return {};
  const info = r.workbook.sheets.find((s) => normalizeLabel(s.name) === normalizeLabel(SHEET.text));
  if (!info) return {};
  const sheet = r.workbook.sheet(info.name);
  if (!sheet.ok) return {};
  const ws = sheet as RawSheet;
  let headerRow = 0;
  let numCol = 1;
  let textCol = 3;
  for (let row = 1; row <= Math.min(ws.maxRow, 15) && headerRow === 0; row++) {
    for (let col = 1; col <= ws.maxCol; col++) {
      const t = normalizeLabel(ws.cells.get(`${colName(col)}${row}`)?.text ?? '');
      if (t === normalizeLabel(TEXT_HEADERS.number)) {
        headerRow = row;
        numCol = col;
      }
      if (t === normalizeLabel(TEXT_HEADERS.text)) textCol = col;
    }
  }
  if (headerRow === 0) return {};
  const out: Record<string, string> = {};
  for (let row = headerRow + 1; row <= ws.maxRow; row++) {
    const num = (ws.cells.get(`${colName(numCol)}${row}`)?.text ?? '').trim();
    const text = (ws.cells.get(`${colName(textCol)}${row}`)?.text ?? '').normalize('NFC').trim();
    if (num !== '' && text !== '') out[num.replace(/\s+/g, '')] = text;
  }
  return out;
}

function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const FONT = 'Times New Roman';
const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: (o.size ?? 14) * 2,
    bold: o.bold ?? false,
    italics: o.italics ?? false,
  });

export async function buildNarratives(
  _ws: Workspace,
  outline: Outline,
  period: Period,
  rollup: Rollup,
  submissions: readonly Submission[],
): Promise<Uint8Array> {
  // Only files whose unit is known and which are that unit's single file (valid or not: a
  // unit's words are worth reading even when a number is wrong).
  const texts = new Map<string, Record<string, string>>();
  for (const u of rollup.units) {
    if (u.files.length !== 1) continue;
    const file = u.files[0] as string;
    if (!submissions.some((s) => s.file === file)) continue;
    texts.set(u.code, readNarratives(new Uint8Array(readFileSync(file))));
  }
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run('TỔNG HỢP NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ', { bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(`${outline.title} ${period.label}`, { bold: true })],
    }),
  ];
  for (const f of flattenSections(outline)) {
    if (f.periods !== undefined && !f.periods.includes(period.kind)) continue;
    const label = f.depth >= 2 ? `${f.section.number})` : `${f.section.number}.`;
    children.push(
      new Paragraph({
        heading: f.depth === 0 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        spacing: { before: 240, after: 120 },
        children: [run(`${label} ${f.section.title}`, { bold: true })],
      }),
    );
    let any = false;
    for (const u of rollup.units) {
      const t = texts.get(u.code)?.[f.path];
      if (t === undefined) continue;
      any = true;
      children.push(
        new Paragraph({
          spacing: { before: 120 },
          children: [run(`${u.name}:`, { bold: true, italics: true })],
        }),
      );
      for (const p of t.split(/\r?\n\s*\r?\n|\r?\n/)) {
        if (p.trim() === '') continue;
        children.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: 567 },
            spacing: { after: 120 },
            children: [run(p.trim())],
          }),
        );
      }
    }
    if (!any && f.section.children.length === 0)
      children.push(
        new Paragraph({
          children: [run('(Chưa đơn vị nào viết nội dung này.)', { italics: true })],
        }),
      );
  }
  const doc = new Document({
    creator: 'bctd',
    title: `Tổng hợp nội dung báo cáo của các đơn vị ${period.label}`,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
