import { NOT_CHECKED, type CheckCode } from '../../issues/catalogue/lint.js';
import { isQuocHieu } from '../identify.js';
import {
  at,
  docFinding,
  notChecked,
  result,
  type Check,
  type CheckResult,
  type LintContext,
} from './types.js';

/**
 * What only the laid-out pages show, read from `pdftotext -layout` (one string per page):
 * text on the same baseline comes out on the same line.
 */
function withPages(
  code: CheckCode,
  ctx: LintContext,
  fn: (pages: string[]) => CheckResult,
): CheckResult {
  if ('unavailable' in ctx.layout) return notChecked(code, ctx.layout.unavailable);
  return fn(ctx.layout.pages);
}

const lines = (page: string | undefined): string[] =>
  (page ?? '')
    .normalize('NFC')
    .split('\n')
    .filter((l) => l.trim() !== '');

export const renderQuocHieu: Check = {
  code: 'nd30-render-quoc-hieu-line',
  run(ctx) {
    return withPages(this.code, ctx, (pages) => {
      if (!ctx.parts.quocHieu) return notChecked(this.code, NOT_CHECKED.notFound('Quốc hiệu'));
      const ls = lines(pages[0]);
      // The agency shares the line in a two-column header: look for the QH inside the line.
      const one = ls.some((l) => l.split(/ {2,}/).some((seg) => isQuocHieu(seg)));
      if (one) return result(this.code, []);
      return result(this.code, [
        at(
          ctx.parts.quocHieu,
          'trên bản in, Quốc hiệu bị xuống dòng',
          'Nới rộng cột bên phải của phần đầu (khoảng 10 cm) để Quốc hiệu nằm trên một dòng.',
          this.code,
        ),
      ]);
    });
  },
};

export const renderNoNumberPage1: Check = {
  code: 'nd30-render-no-number-page-1',
  run(ctx) {
    return withPages(this.code, ctx, (pages) => {
      const first = lines(pages[0])[0]?.trim() ?? '';
      if (!/^\d+$/.test(first)) return result(this.code, []);
      return result(this.code, [
        docFinding(
          this.code,
          `trên bản in, trang 1 hiện số trang "${first}"`,
          'Chọn Header > Different First Page (Trang đầu khác) và để trống đầu trang của trang 1.',
          { part: 'header' },
        ),
      ]);
    });
  },
};

export const renderNumberPage2: Check = {
  code: 'nd30-render-number-page-2',
  run(ctx) {
    return withPages(this.code, ctx, (pages) => {
      if (pages.filter((p) => p.trim() !== '').length < 2)
        return notChecked(this.code, NOT_CHECKED.onePage);
      const ls = lines(pages[1]);
      const first = ls[0]?.trim() ?? '';
      if (first === '2') return result(this.code, []);
      // Page 2 may be the first page of a phụ lục, which is numbered on its own (PL I, III.1.đ).
      if (ls.slice(0, 3).some((l) => /^phụ lục\b/i.test(l.trim()))) {
        return notChecked(this.code, NOT_CHECKED.appendixPage2);
      }
      return result(this.code, [
        docFinding(
          this.code,
          first
            ? `trên bản in, dòng đầu trang 2 là "${first.slice(0, 60)}", không phải số trang 2`
            : 'trang 2 không có số trang',
          'Chèn số trang canh giữa ở đầu trang (Insert > Page Number > Top of Page).',
          { part: 'header' },
        ),
      ]);
    });
  },
};

export const renderSoDate: Check = {
  code: 'nd30-render-so-date-line',
  run(ctx) {
    return withPages(this.code, ctx, (pages) => {
      const { so, date } = ctx.parts;
      if (!so || !date)
        return notChecked(this.code, NOT_CHECKED.notFound('dòng số và dòng ngày tháng'));
      const place = (date.text.split(',')[0] ?? '').trim();
      const ls = lines(pages[0]);
      const soLine = ls.find((l) => /Số\s*:/.test(l));
      if (!soLine) return notChecked(this.code, NOT_CHECKED.notFound('dòng "Số:" trên bản in'));
      if (soLine.includes('ngày') || (place !== '' && soLine.includes(place)))
        return result(this.code, []);
      return result(this.code, [
        at(
          so,
          'trên bản in, dòng "Số:" và dòng ngày tháng lệch dòng',
          'Đặt số và ngày tháng cùng một hàng của bảng phần đầu.',
          this.code,
        ),
      ]);
    });
  },
};
