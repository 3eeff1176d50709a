import { AUTHORITY, displayText, norm, type Line } from '../identify.js';
import {
  allBold,
  allItalic,
  alignName,
  anyBold,
  anyItalic,
  at,
  docFinding,
  inked,
  isCentred,
  result,
  sizeProblem,
  type Check,
  type Finding,
} from './types.js';

/** Old or misspelt authority forms and what ND30 (Điều 13; PL I, II.7.b) writes instead. */
const OLD_FORMS: ReadonlyArray<[RegExp, string]> = [
  [/^T\s*\/\s*M\.?\s*|^T\.M\.?\s*|^TM\s+/, 'TM. '],
  [/^K\s*\/\s*T\.?\s*|^K\.T\.?\s*|^KT\s+/, 'KT. '],
  [/^T\s*\/\s*L\.?\s*|^T\.L\.?\s*|^TL\s+/, 'TL. '],
  [/^TUQ\s+/, 'TUQ. '],
];

const isPlaceholder = (l: Line): boolean => allItalic(l.runs) || /^\(.*\)$/.test(norm(l.text));

export const signer: Check = {
  code: 'nd30-signer',
  run({ parts }) {
    const code = this.code;
    const lines = parts.signer.filter((l) => !isPlaceholder(l));
    if (lines.length === 0) {
      const owner = parts.noiNhanLabel;
      const found = 'không tìm thấy quyền hạn, chức vụ và họ tên người ký';
      const fix =
        'Thêm khối chữ ký ở ô bên phải, ngang hàng "Nơi nhận:": quyền hạn, chức vụ (in hoa, đậm), họ tên (đậm).';
      return result(code, [owner ? at(owner, found, fix, code) : docFinding(code, found, fix)]);
    }
    const f: Finding[] = [];
    const name = lines[lines.length - 1]!;
    const titles = lines.slice(0, -1);
    if (titles.length === 0)
      f.push(
        at(
          name,
          'chỉ có một dòng, thiếu chức vụ người ký',
          'Ghi chức vụ (in hoa, đậm) phía trên họ tên.',
          code,
        ),
      );
    for (const l of titles) {
      const shown = norm(displayText(l));
      for (const [re, good] of OLD_FORMS) {
        if (re.test(shown) && !AUTHORITY.test(shown)) {
          f.push(
            at(
              l,
              `viết "${shown}"`,
              `Ghi "${shown.replace(re, good)}" (chữ viết tắt có dấu chấm, theo Điều 13 và Phụ lục I mục II.7.b).`,
              code,
            ),
          );
        }
      }
      if (shown !== shown.toUpperCase())
        f.push(
          at(l, 'quyền hạn, chức vụ không viết in hoa', `Ghi "${shown.toUpperCase()}".`, code),
        );
      if (!allBold(l.runs)) f.push(at(l, 'quyền hạn, chức vụ không in đậm', 'Đặt in đậm.', code));
      if (anyItalic(l.runs)) f.push(at(l, 'quyền hạn, chức vụ in nghiêng', 'Bỏ nghiêng.', code));
      const sp = sizeProblem(l.runs, [26, 28]);
      if (sp) f.push(at(l, `quyền hạn, chức vụ ${sp}`, 'Đặt cỡ chữ 13 hoặc 14.', code));
      if (l.text === l.p.text && !isCentred(l.p))
        f.push(
          at(l, `quyền hạn, chức vụ ${alignName(l.p.fmt.jc)}`, 'Canh giữa trong ô chữ ký.', code),
        );
    }
    const shownName = norm(displayText(name));
    if (shownName === shownName.toUpperCase() && /\p{L}{2}/u.test(shownName))
      f.push(
        at(
          name,
          'họ tên viết in hoa',
          'Viết họ tên bằng chữ thường, viết hoa chữ đầu mỗi tiếng (ví dụ "Nguyễn Văn B").',
          code,
        ),
      );
    if (/^(GS|PGS|TS|ThS|KS|CN|BS)\.?\s/i.test(shownName))
      f.push(
        at(
          name,
          'có học hàm, học vị trước họ tên',
          'Bỏ học hàm, học vị trước họ tên người ký.',
          code,
        ),
      );
    if (!allBold(name.runs)) f.push(at(name, 'họ tên không in đậm', 'Đặt họ tên in đậm.', code));
    if (anyItalic(name.runs)) f.push(at(name, 'họ tên in nghiêng', 'Bỏ nghiêng.', code));
    const sp = sizeProblem(name.runs, [26, 28]);
    if (sp) f.push(at(name, `họ tên ${sp}`, 'Đặt cỡ chữ 13 hoặc 14.', code));
    if (name.text === name.p.text && !isCentred(name.p))
      f.push(
        at(name, `họ tên ${alignName(name.p.fmt.jc)}`, 'Canh giữa họ tên dưới chức vụ.', code),
      );
    return result(code, f);
  },
};

export const noiNhan: Check = {
  code: 'nd30-noi-nhan',
  run({ parts }) {
    const code = this.code;
    const label = parts.noiNhanLabel;
    if (!label) {
      const owner = parts.signer[0];
      const found = 'không có phần "Nơi nhận:"';
      const fix =
        'Thêm "Nơi nhận:" ở ô bên trái của bảng chữ ký, ngang hàng dòng chức vụ, và danh sách nơi nhận kết thúc bằng "- Lưu: VT, ...".';
      return result(code, [owner ? at(owner, found, fix, code) : docFinding(code, found, fix)]);
    }
    const f: Finding[] = [];
    if (norm(label.text) !== 'Nơi nhận:')
      f.push(
        at(
          label,
          `ghi là "${norm(label.text)}"`,
          'Ghi "Nơi nhận:" (chữ thường, có dấu hai chấm).',
          code,
        ),
      );
    const labelRuns = inked(label.runs).filter(
      (r) => /\S/.test(r.text) && label.text.includes(r.text.trim()),
    );
    const lr = label.p.text === label.text ? label.runs : labelRuns.slice(0, 1);
    if (!allBold(lr) || !allItalic(lr))
      f.push(at(label, '"Nơi nhận:" không đậm nghiêng', 'Đặt "Nơi nhận:" đậm và nghiêng.', code));
    const sp = sizeProblem(lr, [24]);
    if (sp) f.push(at(label, `"Nơi nhận:" ${sp}`, 'Đặt cỡ chữ 12.', code));
    const items = parts.noiNhanItems;
    if (items.length === 0) {
      f.push(
        at(
          label,
          'không có nơi nhận nào',
          'Liệt kê nơi nhận, mỗi nơi một dòng bắt đầu bằng "- ", dòng cuối "- Lưu: VT, ...".',
          code,
        ),
      );
      return result(code, f);
    }
    items.forEach((l, i) => {
      const t = l.text.replace(/\u00a0/g, ' ').trim();
      const last = i === items.length - 1;
      if (!/^- \S/.test(t))
        f.push(
          at(
            l,
            'dòng không bắt đầu bằng gạch đầu dòng "- "',
            `Ghi "- ${t.replace(/^[-–—•+*]\s*/, '')}".`,
            code,
          ),
        );
      if (!last && !t.endsWith(';'))
        f.push(
          at(
            l,
            'dòng không kết thúc bằng dấu chấm phẩy',
            `Ghi "${t.replace(/[.,;:]*$/, '')};".`,
            code,
          ),
        );
      if (last) {
        if (!/^- Lưu: VT\b/.test(t))
          f.push(
            at(
              l,
              'dòng cuối không phải "- Lưu: VT, ..."',
              'Dòng cuối là "- Lưu: VT, <đơn vị soạn thảo>." (ví dụ "- Lưu: VT, TCKH.").',
              code,
            ),
          );
        if (!t.endsWith('.'))
          f.push(
            at(
              l,
              `dòng cuối kết thúc bằng "${t.slice(-1)}"`,
              `Ghi "${t.replace(/[.,;:]*$/, '')}." (dòng cuối kết thúc bằng dấu chấm).`,
              code,
            ),
          );
      }
      if (l.p !== label.p) {
        const isp = sizeProblem(l.runs, [22]);
        if (isp) f.push(at(l, `nơi nhận ${isp}`, 'Đặt cỡ chữ 11 cho các dòng nơi nhận.', code));
        if (anyItalic(l.runs))
          f.push(at(l, 'nơi nhận in nghiêng', 'Bỏ nghiêng: các dòng nơi nhận là chữ đứng.', code));
        if (anyBold(l.runs)) f.push(at(l, 'nơi nhận in đậm', 'Bỏ đậm.', code));
      }
    });
    return result(code, f);
  },
};
