import { NOT_CHECKED } from '../../issues/catalogue/lint.js';
import { lineOf, norm } from '../identify.js';
import type { Paragraph } from '../model.js';
import {
  alignName,
  at,
  inked,
  notChecked,
  pt,
  result,
  sizes,
  type Check,
  type Finding,
} from './types.js';

/**
 * Headings (Phần, Mục, khoản with a title) are bold or centred; ND30 sets their size but not
 * their indentation or alignment, so only the size check applies to them.
 */
export function isHeading(p: Paragraph): boolean {
  const l = lineOf(p);
  if (p.fmt.jc === 'center') return true;
  const runs = inked(l.runs);
  return runs.length > 0 && runs.every((r) => r.fmt.bold);
}
const isKinhGui = (p: Paragraph): boolean => /^kính gửi/i.test(norm(p.text));

/** Word's single line for Times New Roman is about 1.15 em. */
const singleLine = (sizeHalf: number): number => sizeHalf * 10 * 1.15;

export const bodyParagraph: Check = {
  code: 'nd30-body-paragraph',
  run({ parts }) {
    const ps = parts.body.filter((p) => !isHeading(p) && !isKinhGui(p));
    if (ps.length === 0) return notChecked(this.code, NOT_CHECKED.notFound('đoạn văn nội dung'));
    const f: Finding[] = [];
    for (const p of ps) {
      const what: string[] = [];
      const fix: string[] = [];
      if (p.fmt.jc !== 'both') {
        what.push(alignName(p.fmt.jc));
        fix.push('canh đều hai lề (Ctrl+J)');
      }
      const fl = p.fmt.firstLine - p.fmt.hanging;
      if (!((fl >= 562 && fl <= 572) || (fl >= 715 && fl <= 725))) {
        what.push(`thụt đầu dòng ${(fl / 567).toFixed(2).replace('.', ',')} cm`);
        fix.push('thụt đầu dòng 1 cm hoặc 1,27 cm (Đoạn > Đặc biệt > Dòng đầu tiên)');
      }
      const size = sizes(p.runs)[0] ?? p.markSize;
      const { line, lineRule } = p.fmt;
      const okLine =
        lineRule === 'auto'
          ? line >= 240 && line <= 360
          : line >= singleLine(size) * 0.98 && line <= singleLine(size) * 1.5 * 1.02;
      if (!okLine) {
        what.push(
          lineRule === 'auto'
            ? `giãn dòng ${(line / 240).toFixed(2).replace('.', ',')} dòng`
            : `giãn dòng cố định ${pt(line / 10)}`,
        );
        fix.push('giãn dòng từ 1 (Single) đến 1,5 dòng');
      }
      if (p.fmt.before < 120 && p.fmt.after < 120) {
        what.push(`khoảng cách đoạn trước ${pt(p.fmt.before / 10)}, sau ${pt(p.fmt.after / 10)}`);
        fix.push('khoảng cách giữa các đoạn tối thiểu 6 pt (Spacing Before 6 pt)');
      }
      if (what.length > 0) f.push(at(p, what.join('; '), `Đặt ${fix.join('; ')}.`, this.code));
    }
    return result(this.code, f);
  },
};

export const bodySize: Check = {
  code: 'nd30-body-size',
  run({ parts }) {
    if (parts.body.length === 0)
      return notChecked(this.code, NOT_CHECKED.notFound('phần nội dung'));
    const f: Finding[] = [];
    for (const p of parts.body) {
      const s = sizes(p.runs).filter((x) => x !== 26 && x !== 28);
      if (s.length > 0)
        f.push(
          at(
            p,
            `cỡ chữ ${sizes(p.runs).map(pt).join(', ')}`,
            'Đặt cỡ chữ 13 hoặc 14 cho phần nội dung.',
            this.code,
          ),
        );
    }
    return result(this.code, f);
  },
};
