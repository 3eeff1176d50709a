import { NOT_CHECKED } from '../../issues/catalogue/lint.js';
import { allParagraphs, type HeaderPart, type Paragraph, type Section } from '../model.js';
import {
  alignName,
  anyItalic,
  docFinding,
  at,
  notChecked,
  result,
  sizeProblem,
  type Check,
  type Finding,
} from './types.js';

const A4_SHORT = 11906;
const A4_LONG = 16838;
/** ±0.1 mm, so that the decree's own 1985-twip left margin (35.02 mm) passes. */
const TOL = 6;

const mm = (tw: number): string => `${(tw / 56.7).toFixed(1).replace('.', ',')} mm`;
const near = (a: number | undefined, b: number): boolean =>
  a !== undefined && Math.abs(a - b) <= 20;
const sectionWhere = (s: Section): string => `phần (section) ${s.index + 1}`;

export const pageSize: Check = {
  code: 'nd30-page-size',
  run({ doc }) {
    const f: Finding[] = [];
    for (const s of doc.sections) {
      const { pageWidth: w, pageHeight: h } = s;
      const portrait = near(w, A4_SHORT) && near(h, A4_LONG);
      const landscape = near(w, A4_LONG) && near(h, A4_SHORT);
      if (w === undefined || h === undefined) {
        f.push(
          docFinding(
            this.code,
            `${sectionWhere(s)} không khai báo khổ giấy (Word sẽ dùng khổ mặc định, thường là Letter)`,
            'Chọn Bố cục > Khổ giấy > A4.',
          ),
        );
      } else if (!portrait && !landscape) {
        f.push(
          docFinding(
            this.code,
            `${sectionWhere(s)} khổ ${mm(w)} x ${mm(h)}, không phải A4`,
            'Chọn Bố cục > Khổ giấy > A4 (210 x 297 mm).',
          ),
        );
      } else if (landscape && s.index === 0) {
        f.push(
          docFinding(
            this.code,
            'trang đầu văn bản trình bày theo chiều rộng',
            'Trình bày trang đầu theo chiều dài (Portrait); chỉ các trang có bảng rộng mới được xoay ngang.',
          ),
        );
      }
    }
    return result(this.code, f);
  },
};

/** Landscape sections are excepted: the decree gives no margins for rotated pages (§5). */
export const margins: Check = {
  code: 'nd30-margins',
  run({ doc }) {
    const f: Finding[] = [];
    const ranges = [
      ['top', 'trên', 1134, 1417],
      ['bottom', 'dưới', 1134, 1417],
      ['left', 'trái', 1701, 1984],
      ['right', 'phải', 850, 1134],
    ] as const;
    let judged = 0;
    for (const s of doc.sections) {
      if (s.orient === 'landscape' || (s.pageWidth ?? 0) > (s.pageHeight ?? Infinity)) continue;
      judged++;
      for (const [k, name, lo, hi] of ranges) {
        const v = s.margins[k];
        if (v === undefined) {
          f.push(
            docFinding(
              this.code,
              `${sectionWhere(s)} không khai báo lề ${name}`,
              `Đặt lề ${name} trong khoảng ${mm(lo)} - ${mm(hi)}.`,
            ),
          );
        } else if (v < lo - TOL || v > hi + TOL) {
          f.push(
            docFinding(
              this.code,
              `${sectionWhere(s)}: lề ${name} ${mm(v)}`,
              `Đặt lề ${name} trong khoảng ${mm(lo)} - ${mm(hi)} (Bố cục > Lề > Lề tùy chỉnh).`,
            ),
          );
        }
      }
    }
    if (judged === 0)
      return notChecked(
        this.code,
        NOT_CHECKED.notApplicable(
          'mọi trang đều xoay ngang; Nghị định không quy định lề cho trang xoay ngang',
        ),
      );
    return result(this.code, f);
  },
};

const hasPage = (p: Paragraph): boolean => p.fields.some((x) => /^PAGE\b/i.test(x));
const partParas = (h: HeaderPart | undefined): Paragraph[] => (h ? allParagraphs(h.blocks) : []);

/**
 * PL I, I.7: page numbers centred in the top margin, 13-14 pt upright, none on page 1.
 * In OOXML: a PAGE field in the default header of section 1 and `titlePg` with an empty
 * first-page header. Without any page-number header the check fails unless `--render`
 * showed the document is one page long.
 */
export const pageNumber: Check = {
  code: 'nd30-page-number',
  run({ doc, layout }) {
    const code = this.code;
    const s0 = doc.sections[0];
    if (!s0) return notChecked(code, NOT_CHECKED.notFound('phần (section) nào'));
    const f: Finding[] = [];
    for (const s of doc.sections) {
      for (const [kind, part] of Object.entries(s.footers)) {
        const p = partParas(part).find(hasPage);
        if (p && kind !== 'even')
          f.push(
            at(
              p,
              `số trang đặt ở chân trang (${sectionWhere(s)})`,
              'Chuyển số trang lên đầu trang (Header), canh giữa.',
              code,
            ),
          );
      }
    }
    const def = partParas(s0.headers.default).find(hasPage);
    const first = partParas(s0.headers.first);
    if (!def) {
      const onePage = 'pages' in layout && layout.pages.length === 1;
      if (!onePage && f.length === 0) {
        f.push(
          docFinding(
            code,
            'văn bản không có số trang ở đầu trang',
            'Chèn số trang (Insert > Page Number > Top of Page, canh giữa), cỡ 13 - 14, và chọn "Different First Page" để trang 1 không hiện số.',
          ),
        );
      }
      if (partParas(s0.headers.first).some(hasPage))
        f.push(
          docFinding(
            code,
            'số trang chỉ hiện ở trang đầu',
            'Đặt số trang ở đầu trang mặc định (từ trang 2), để trống đầu trang của trang 1.',
          ),
        );
      return result(code, dedupe(f));
    }
    if (!s0.titlePg) {
      f.push(
        at(
          def,
          'số trang hiện cả ở trang 1 (chưa chọn "Trang đầu khác" - titlePg)',
          'Chọn Header > Different First Page (Trang đầu khác) và để trống đầu trang của trang 1.',
          code,
        ),
      );
    } else if (first.some((p) => p.text.trim() !== '' || hasPage(p))) {
      const p = first.find((x) => x.text.trim() !== '' || hasPage(x))!;
      f.push(
        at(
          p,
          'đầu trang của trang 1 có nội dung hoặc số trang',
          'Để trống đầu trang của trang 1.',
          code,
        ),
      );
    }
    if (def.fmt.jc !== 'center')
      f.push(at(def, `số trang ${alignName(def.fmt.jc)}`, 'Canh giữa số trang.', code));
    const runs = def.runs.filter((r) => r.instr !== undefined || r.text.trim() !== '');
    const sp = sizeProblem(
      runs.map((r) => ({ ...r, text: r.text || '0' })),
      [26, 28],
    );
    if (sp) f.push(at(def, `số trang ${sp}`, 'Đặt cỡ chữ 13 hoặc 14 cho số trang.', code));
    if (anyItalic(runs.map((r) => ({ ...r, text: r.text || '0' }))))
      f.push(at(def, 'số trang in nghiêng', 'Bỏ nghiêng: số trang là chữ đứng.', code));
    return result(code, dedupe(f));
  },
};

function dedupe(f: Finding[]): Finding[] {
  const seen = new Set<string>();
  return f.filter((x) => {
    const k = x.found + JSON.stringify(x.where);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
