import { NOT_CHECKED } from '../../issues/catalogue/lint.js';
import { allParagraphs, type DocModel, type FontRef, type Paragraph } from '../model.js';
import { at, inked, notChecked, result, type Check, type Finding } from './types.js';

/** Body, tables and every header/footer part in force, each part once. */
export function everyParagraph(doc: DocModel): Paragraph[] {
  const out = allParagraphs(doc.blocks);
  const seen = new Set<string>();
  for (const s of doc.sections) {
    for (const h of [...Object.values(s.headers), ...Object.values(s.footers)]) {
      if (!h || seen.has(h.part)) continue;
      seen.add(h.part);
      out.push(...allParagraphs(h.blocks));
    }
  }
  return out;
}

const TNR = 'times new roman';

export const fontFamily: Check = {
  code: 'nd30-font-family',
  run({ doc }) {
    const f: Finding[] = [];
    const unresolved = new Set<string>();
    for (const p of everyParagraph(doc)) {
      const bad = new Set<string>();
      for (const r of inked(p.runs)) {
        const slots: FontRef[] = [];
        if (/[\x20-\x7e]/.test(r.text)) slots.push(r.fmt.ascii);
        if (/[^ -~]/.test(r.text.replace(/\s/g, ''))) slots.push(r.fmt.hAnsi);
        for (const s of slots) {
          if ('unresolved' in s) unresolved.add(s.unresolved);
          else if (s.name.trim().toLowerCase() !== TNR) bad.add(s.name);
        }
      }
      if (bad.size > 0) {
        f.push(
          at(
            p,
            `phông ${[...bad].map((b) => `"${b}"`).join(', ')}`,
            'Chọn cả văn bản (Ctrl+A) và đặt phông Times New Roman.',
            this.code,
          ),
        );
      }
    }
    if (f.length === 0 && unresolved.size > 0)
      return notChecked(this.code, NOT_CHECKED.fontUnresolved([...unresolved].join('; ')));
    return result(this.code, f);
  },
};

export const fontColor: Check = {
  code: 'nd30-font-color',
  run({ doc }) {
    const f: Finding[] = [];
    for (const p of everyParagraph(doc)) {
      const bad = new Set(
        inked(p.runs)
          .map((r) => r.fmt.color)
          .filter((c) => c !== 'auto' && c !== '000000'),
      );
      if (bad.size > 0)
        f.push(
          at(
            p,
            `chữ màu ${[...bad].map((c) => '#' + c).join(', ')}`,
            'Đặt màu chữ đen (Automatic hoặc Black).',
            this.code,
          ),
        );
    }
    return result(this.code, f);
  },
};
