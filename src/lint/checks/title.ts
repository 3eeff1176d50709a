import { NOT_CHECKED } from '../../issues/catalogue/lint.js';
import { displayText, measure, norm, type Parts } from '../identify.js';
import { ruleCheck } from './header.js';
import {
  allBold,
  alignName,
  anyBold,
  anyItalic,
  at,
  isCentred,
  notChecked,
  result,
  sizeProblem,
  type Check,
  type CheckResult,
  type Finding,
} from './types.js';
import type { CheckCode } from '../../issues/catalogue/lint.js';

/** Type-specific checks run only for the types whose template is implemented. */
function typeGate(
  code: CheckCode,
  parts: Parts,
  forCongVan: string | undefined,
): CheckResult | undefined {
  const t = parts.type;
  if (t.slug === 'khac') return notChecked(code, NOT_CHECKED.typeUnknown);
  if (!t.supported)
    return notChecked(code, NOT_CHECKED.typeUnsupported(t.name?.toLowerCase() ?? t.slug));
  if (t.slug === 'cong-van' && forCongVan)
    return notChecked(code, NOT_CHECKED.notApplicable(forCongVan));
  return undefined;
}

export const tenLoai: Check = {
  code: 'nd30-ten-loai',
  run({ parts }) {
    const gate = typeGate(this.code, parts, 'công văn không có tên loại');
    if (gate) return gate;
    const l = parts.tenLoai!;
    const f: Finding[] = [];
    const shown = norm(displayText(l));
    if (shown !== parts.type.name)
      f.push(
        at(l, `tên loại ghi là "${shown}"`, `Ghi "${parts.type.name}" (chữ in hoa).`, this.code),
      );
    if (!allBold(l.runs)) f.push(at(l, 'tên loại không in đậm', 'Đặt tên loại in đậm.', this.code));
    if (anyItalic(l.runs)) f.push(at(l, 'tên loại in nghiêng', 'Bỏ nghiêng.', this.code));
    const sp = sizeProblem(l.runs, [26, 28]);
    if (sp) f.push(at(l, `tên loại ${sp}`, 'Đặt cỡ chữ 13 hoặc 14.', this.code));
    if (!isCentred(l.p))
      f.push(at(l, `tên loại ${alignName(l.p.fmt.jc)}`, 'Canh giữa tên loại.', this.code));
    return result(this.code, f);
  },
};

export const trichYeu: Check = {
  code: 'nd30-trich-yeu',
  run({ parts }) {
    const gate = typeGate(this.code, parts, undefined);
    if (gate) return gate;
    const f: Finding[] = [];
    if (parts.type.slug === 'cong-van') {
      for (const l of parts.vv) {
        const t = norm(l.text);
        if (!/^V\/v [^:]/.test(t))
          f.push(
            at(
              l,
              `trích yếu công văn ghi là "${t}"`,
              'Ghi "V/v <nội dung>" (chữ "V/v", một dấu cách, không có dấu hai chấm).',
              this.code,
            ),
          );
        const sp = sizeProblem(l.runs, [24, 26]);
        if (sp) f.push(at(l, `trích yếu ${sp}`, 'Đặt cỡ chữ 12 hoặc 13.', this.code));
        if (anyBold(l.runs)) f.push(at(l, 'trích yếu công văn in đậm', 'Bỏ đậm.', this.code));
        if (anyItalic(l.runs))
          f.push(at(l, 'trích yếu công văn in nghiêng', 'Bỏ nghiêng.', this.code));
        if (l.text === l.p.text && !isCentred(l.p))
          f.push(
            at(l, `trích yếu ${alignName(l.p.fmt.jc)}`, 'Canh giữa dưới số và ký hiệu.', this.code),
          );
      }
      return result(this.code, f);
    }
    if (parts.trichYeu.length === 0) {
      return result(this.code, [
        at(
          parts.tenLoai!,
          'không có trích yếu ngay dưới tên loại',
          'Ghi trích yếu nội dung (chữ thường, đậm, canh giữa) ngay dưới tên loại.',
          this.code,
        ),
      ]);
    }
    parts.trichYeu.forEach((l, i) => {
      const shown = norm(displayText(l));
      if (i === 0 && /^v\s*\/\s*v\b/i.test(shown))
        f.push(
          at(
            l,
            'trích yếu bắt đầu bằng "V/v"',
            'Bỏ "V/v": chỉ công văn mới dùng "V/v".',
            this.code,
          ),
        );
      if (shown === shown.toUpperCase() && /\p{L}{2}/u.test(shown))
        f.push(
          at(
            l,
            'trích yếu viết in hoa cả dòng',
            'Viết trích yếu bằng chữ thường (chỉ viết hoa chữ đầu và danh từ riêng).',
            this.code,
          ),
        );
      if (!allBold(l.runs))
        f.push(at(l, 'trích yếu không in đậm', 'Đặt trích yếu in đậm.', this.code));
      if (anyItalic(l.runs)) f.push(at(l, 'trích yếu in nghiêng', 'Bỏ nghiêng.', this.code));
      const sp = sizeProblem(l.runs, [26, 28]);
      if (sp) f.push(at(l, `trích yếu ${sp}`, 'Đặt cỡ chữ 13 hoặc 14.', this.code));
      if (!isCentred(l.p))
        f.push(at(l, `trích yếu ${alignName(l.p.fmt.jc)}`, 'Canh giữa trích yếu.', this.code));
    });
    return result(this.code, f);
  },
};

export const trichYeuRule: Check = {
  code: 'nd30-trich-yeu-rule',
  run({ parts, doc }) {
    const gate = typeGate(this.code, parts, 'công văn không có đường kẻ dưới "V/v"');
    if (gate) return gate;
    const lines = parts.trichYeu;
    const last = lines[lines.length - 1];
    if (!last) return notChecked(this.code, NOT_CHECKED.notFound('trích yếu'));
    const s = doc.sections[0];
    const room =
      s?.pageWidth !== undefined && s.margins.left !== undefined && s.margins.right !== undefined
        ? s.pageWidth - s.margins.left - s.margins.right
        : undefined;
    if (room === undefined) return notChecked(this.code, NOT_CHECKED.notFound('độ rộng trang'));
    // A trích yếu that wraps: "dòng chữ" is then a full line of the text width.
    const line = Math.min(Math.max(...lines.map(measure)), room);
    return ruleCheck(
      'nd30-trich-yeu-rule',
      last,
      parts.trichYeuRule,
      line,
      0.3,
      0.55,
      'trích yếu',
      'từ 1/3 đến 1/2 dòng chữ',
    );
  },
};
