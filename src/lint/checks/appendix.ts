import { displayText, norm } from '../identify.js';
import {
  allBold,
  allItalic,
  alignName,
  anyItalic,
  at,
  isCentred,
  result,
  sizeProblem,
  type Check,
  type Finding,
} from './types.js';

export const appendix: Check = {
  code: 'nd30-appendix',
  run({ parts, doc }) {
    const code = this.code;
    const f: Finding[] = [];
    const many = parts.appendices.length >= 2;
    for (const a of parts.appendices) {
      const h = a.heading;
      const shown = norm(displayText(h));
      const m = /^Phụ lục(?: ([IVXLCDM]+|\d+))?$/.exec(shown);
      if (!m)
        f.push(
          at(
            h,
            `ghi là "${shown}"`,
            'Ghi "Phụ lục" chữ thường (chỉ viết hoa chữ P) và số thứ tự, ví dụ "Phụ lục I".',
            code,
          ),
        );
      else if (many && !/^[IVXLCDM]+$/.test(m[1] ?? ''))
        f.push(
          at(
            h,
            'có nhiều phụ lục nhưng không đánh số La Mã',
            'Đánh số "Phụ lục I", "Phụ lục II", ...',
            code,
          ),
        );
      if (!allBold(h.runs)) f.push(at(h, 'dòng "Phụ lục" không in đậm', 'Đặt in đậm.', code));
      if (anyItalic(h.runs)) f.push(at(h, 'dòng "Phụ lục" in nghiêng', 'Bỏ nghiêng.', code));
      const sp = sizeProblem(h.runs, [28]);
      if (sp) f.push(at(h, `dòng "Phụ lục" ${sp}`, 'Đặt cỡ chữ 14.', code));
      if (!isCentred(h.p))
        f.push(at(h, `dòng "Phụ lục" ${alignName(h.p.fmt.jc)}`, 'Canh giữa.', code));
      if (a.title) {
        const t = norm(displayText(a.title));
        if (t !== t.toUpperCase())
          f.push(
            at(a.title, 'tiêu đề phụ lục không viết in hoa', `Ghi "${t.toUpperCase()}".`, code),
          );
        if (!allBold(a.title.runs))
          f.push(at(a.title, 'tiêu đề phụ lục không in đậm', 'Đặt in đậm.', code));
        const tsp = sizeProblem(a.title.runs, [26, 28]);
        if (tsp) f.push(at(a.title, `tiêu đề phụ lục ${tsp}`, 'Đặt cỡ chữ 13 hoặc 14.', code));
        if (!isCentred(a.title.p))
          f.push(at(a.title, `tiêu đề phụ lục ${alignName(a.title.p.fmt.jc)}`, 'Canh giữa.', code));
      }
      if (!a.reference) {
        f.push(
          at(
            a.title ?? h,
            'thiếu dòng "(Kèm theo ...)"',
            'Thêm dòng nghiêng "(Kèm theo Báo cáo số .../BC-... ngày ... của ...)" dưới tiêu đề.',
            code,
          ),
        );
      } else {
        if (!allItalic(a.reference.runs))
          f.push(
            at(a.reference, 'dòng "(Kèm theo ...)" không in nghiêng', 'Đặt in nghiêng.', code),
          );
        const rsp = sizeProblem(a.reference.runs, [26, 28]);
        if (rsp)
          f.push(at(a.reference, `dòng "(Kèm theo ...)" ${rsp}`, 'Đặt cỡ chữ 13 hoặc 14.', code));
        if (!isCentred(a.reference.p))
          f.push(
            at(
              a.reference,
              `dòng "(Kèm theo ...)" ${alignName(a.reference.p.fmt.jc)}`,
              'Canh giữa.',
              code,
            ),
          );
      }
      // PL I, III.1.đ: each phụ lục is numbered on its own: a new section restarting at 1.
      if (!a.startsSection || a.section === 0) {
        f.push(
          at(
            h,
            'phụ lục không bắt đầu một phần (section) mới',
            'Chèn Section Break (Next Page) trước phụ lục để đánh số trang riêng.',
            code,
          ),
        );
      } else if (doc.sections[a.section]?.pgNumStart !== 1) {
        f.push(
          at(
            h,
            'số trang của phụ lục không bắt đầu lại từ 1',
            'Trong Page Number Format của phần phụ lục, chọn "Start at: 1".',
            code,
          ),
        );
      }
    }
    return result(code, f);
  },
};
