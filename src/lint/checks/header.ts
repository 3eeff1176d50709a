import { NOT_CHECKED } from '../../issues/catalogue/lint.js';
import { displayText, measure, norm, TYPES, type Line, type Rule } from '../identify.js';
import { cm } from '../metrics.js';
import {
  allBold,
  alignName,
  anyBold,
  anyItalic,
  allItalic,
  at,
  docFinding,
  isCentred,
  notChecked,
  pt,
  ptList,
  result,
  sizeProblem,
  sizes,
  type Check,
  type Finding,
} from './types.js';

const QH = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const TN = 'Độc lập - Tự do - Hạnh phúc';

/** Ô 1: the Quốc hiệu (PL I, II.1.a). */
export const quocHieu: Check = {
  code: 'nd30-quoc-hieu',
  run({ parts }) {
    const code = this.code;
    const l = parts.quocHieu;
    if (!l) {
      return result(code, [
        docFinding(
          code,
          'không tìm thấy dòng Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" ở đầu văn bản',
          `Thêm Quốc hiệu "${QH}" ở ô bên phải phần đầu văn bản.`,
        ),
      ]);
    }
    const f: Finding[] = [];
    const shown = norm(displayText(l));
    if (shown !== QH && shown !== 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM') {
      f.push(
        at(
          l,
          `Quốc hiệu ghi là "${shown}"`,
          `Ghi đúng "${QH}" (chữ in hoa, một dấu cách giữa các từ).`,
          code,
        ),
      );
    }
    if (/\n/.test(l.text))
      f.push(
        at(
          l,
          'Quốc hiệu bị ngắt dòng bằng dấu xuống dòng',
          'Xóa dấu xuống dòng để Quốc hiệu nằm trên một dòng.',
          code,
        ),
      );
    if (!allBold(l.runs)) f.push(at(l, 'Quốc hiệu không in đậm', 'Đặt Quốc hiệu in đậm.', code));
    if (anyItalic(l.runs))
      f.push(at(l, 'Quốc hiệu in nghiêng', 'Bỏ nghiêng: Quốc hiệu là chữ đứng.', code));
    const sp = sizeProblem(l.runs, [24, 26]);
    if (sp) f.push(at(l, `Quốc hiệu ${sp}`, 'Đặt cỡ chữ 12 hoặc 13 (13 khi Tiêu ngữ 14).', code));
    if (l.text === l.p.text && !isCentred(l.p)) {
      f.push(
        at(l, `Quốc hiệu ${alignName(l.p.fmt.jc)}`, 'Canh giữa Quốc hiệu trong ô bên phải.', code),
      );
    }
    return result(code, f);
  },
};

/**
 * Static half of "Quốc hiệu on one line": the room in its cell (cell width minus cell
 * margins and indents) must hold the line at its size. This catches the 50/50 header
 * (4677 twips = 8,25 cm) that wraps the 9,57 cm Quốc hiệu even without LibreOffice.
 */
export const quocHieuFit: Check = {
  code: 'nd30-quoc-hieu-fit',
  run({ parts }) {
    const l = parts.quocHieu;
    if (!l) return notChecked(this.code, NOT_CHECKED.notFound('Quốc hiệu'));
    if (parts.quocHieuRoom === undefined) return notChecked(this.code, NOT_CHECKED.roomUnknown);
    const need = measure(l);
    if (need <= parts.quocHieuRoom) return result(this.code, []);
    return result(this.code, [
      at(
        l,
        `Quốc hiệu dài ${cm(need)} nhưng chỗ trống trong ô chỉ ${cm(parts.quocHieuRoom)}: Quốc hiệu sẽ bị xuống dòng`,
        `Nới cột bên phải của bảng phần đầu lên khoảng 10 cm (ví dụ 6,75 cm | 10 cm như Mẫu 1.4, có thể lấn sang lề), hoặc giảm lề trong ô.`,
        this.code,
      ),
    ]);
  },
};

export const tieuNgu: Check = {
  code: 'nd30-tieu-ngu',
  run({ parts }) {
    const l = parts.tieuNgu;
    if (!parts.quocHieu) return notChecked(this.code, NOT_CHECKED.notFound('Quốc hiệu'));
    if (!l) {
      return result(this.code, [
        at(
          parts.quocHieu,
          'không có dòng Tiêu ngữ ngay dưới Quốc hiệu',
          `Thêm dòng "${TN}" ngay dưới Quốc hiệu.`,
          this.code,
        ),
      ]);
    }
    const f: Finding[] = [];
    const t = displayText(l)
      .normalize('NFC')
      .replace(/\u00a0/g, ' ')
      .trim();
    if (t !== TN) {
      const dash = /[\u2013\u2014\u2012]/.test(t)
        ? ' (dùng gạch ngang dài thay cho gạch nối "-")'
        : '';
      f.push(
        at(
          l,
          `Tiêu ngữ ghi là "${t}"${dash}`,
          `Ghi đúng "${TN}": gạch nối (-) có một dấu cách mỗi bên.`,
          this.code,
        ),
      );
    }
    if (!allBold(l.runs)) f.push(at(l, 'Tiêu ngữ không in đậm', 'Đặt Tiêu ngữ in đậm.', this.code));
    if (anyItalic(l.runs))
      f.push(at(l, 'Tiêu ngữ in nghiêng', 'Bỏ nghiêng: Tiêu ngữ là chữ đứng.', this.code));
    const sp = sizeProblem(l.runs, [26, 28]);
    if (sp)
      f.push(at(l, `Tiêu ngữ ${sp}`, 'Đặt cỡ chữ 13 hoặc 14 (14 khi Quốc hiệu 13).', this.code));
    if (l.text === l.p.text && !isCentred(l.p))
      f.push(
        at(l, `Tiêu ngữ ${alignName(l.p.fmt.jc)}`, 'Canh giữa Tiêu ngữ dưới Quốc hiệu.', this.code),
      );
    return result(this.code, f);
  },
};

/** Accepts a rule whose length is within these fractions of the reference length. */
export function ruleCheck(
  code: 'nd30-tieu-ngu-rule' | 'nd30-agency-rule' | 'nd30-trich-yeu-rule',
  owner: Line,
  rule: Rule | undefined,
  ref: number,
  min: number,
  max: number,
  what: string,
  wanted: string,
) {
  if (!rule) {
    return result(code, [
      at(
        owner,
        `không có đường kẻ ngang dưới ${what}`,
        `Kẻ một đường nét liền dưới ${what}, dài ${wanted}, canh giữa (viền dưới của đoạn hoặc một dòng gạch dưới "____").`,
        code,
      ),
    ]);
  }
  if (rule.length === undefined) return notChecked(code, NOT_CHECKED.lengthUnknown);
  if (rule.length < ref * min || rule.length > ref * max) {
    return result(code, [
      at(
        rule.kind === 'border' ? rule.p : owner,
        `đường kẻ dài khoảng ${cm(rule.length)}, dòng chữ dài ${cm(ref)}`,
        `Chỉnh đường kẻ dài ${wanted} (khoảng ${cm(ref * min)} - ${cm(ref * max)}).`,
        code,
      ),
    ]);
  }
  return result(code, []);
}

/**
 * The rule under the Tiêu ngữ is "bằng độ dài của dòng chữ". Its length is estimated from
 * the border width, shape extent or underscore count, so a tolerance of 2/3 to 3/2 of the
 * text width is allowed: enough for the estimate, not enough for a rule across the cell.
 */
export const tieuNguRule: Check = {
  code: 'nd30-tieu-ngu-rule',
  run({ parts }) {
    const l = parts.tieuNgu;
    if (!l) return notChecked(this.code, NOT_CHECKED.notFound('Tiêu ngữ'));
    return ruleCheck(
      'nd30-tieu-ngu-rule',
      l,
      parts.tieuNguRule,
      measure(l),
      2 / 3,
      3 / 2,
      'Tiêu ngữ',
      'bằng dòng Tiêu ngữ',
    );
  },
};

export const sizeSet: Check = {
  code: 'nd30-size-set',
  run({ parts }) {
    const { quocHieu: q, tieuNgu: t, date: d } = parts;
    if (!q || !t || !d)
      return notChecked(
        this.code,
        NOT_CHECKED.notFound('đủ Quốc hiệu, Tiêu ngữ và dòng ngày tháng'),
      );
    const one = (l: Line): number | undefined => {
      const s = sizes(l.runs);
      return s.length === 1 ? s[0] : undefined;
    };
    const [a, b, c] = [one(q), one(t), one(d)];
    const ok = (a === 24 && b === 26 && c === 26) || (a === 26 && b === 28 && c === 28);
    if (ok) return result(this.code, []);
    const show = (x: number | undefined, l: Line): string =>
      x === undefined ? `nhiều cỡ (${sizes(l.runs).map(pt).join(', ')})` : pt(x);
    return result(this.code, [
      at(
        q,
        `Quốc hiệu ${show(a, q)}, Tiêu ngữ ${show(b, t)}, ngày tháng ${show(c, d)}`,
        'Dùng một bộ cỡ chữ: Quốc hiệu 13, Tiêu ngữ 14, ngày tháng 14; hoặc 12, 13, 13.',
        this.code,
      ),
    ]);
  },
};

const CAPS = (s: string): boolean => s === s.toUpperCase() && /\p{Lu}/u.test(s);

export const agency: Check = {
  code: 'nd30-agency',
  run({ parts }) {
    const lines = parts.agency;
    if (lines.length === 0) {
      if (!parts.quocHieu) return notChecked(this.code, NOT_CHECKED.notFound('phần đầu văn bản'));
      return result(this.code, [
        at(
          parts.quocHieu,
          'không thấy tên cơ quan ban hành ở ô bên trái',
          'Ghi tên cơ quan ban hành (in hoa, đậm, cỡ 12 - 13) ở ô bên trái, ngang hàng Quốc hiệu.',
          this.code,
        ),
      ]);
    }
    const f: Finding[] = [];
    let seenBold = false;
    lines.forEach((l, i) => {
      const shown = displayText(l);
      if (!CAPS(shown))
        f.push(
          at(
            l,
            'tên cơ quan không viết in hoa',
            `Viết in hoa: "${shown.toUpperCase()}".`,
            this.code,
          ),
        );
      const sp = sizeProblem(l.runs, [24, 26]);
      if (sp) f.push(at(l, `tên cơ quan ${sp}`, 'Đặt cỡ chữ 12 hoặc 13.', this.code));
      if (anyItalic(l.runs)) f.push(at(l, 'tên cơ quan in nghiêng', 'Bỏ nghiêng.', this.code));
      if (l.text === l.p.text && !isCentred(l.p))
        f.push(
          at(
            l,
            `tên cơ quan ${alignName(l.p.fmt.jc)}`,
            'Canh giữa các dòng tên cơ quan trong ô.',
            this.code,
          ),
        );
      const bold = allBold(l.runs);
      if (!bold && anyBold(l.runs))
        f.push(
          at(
            l,
            'dòng chỉ đậm một phần',
            'Đặt cả dòng đậm (cơ quan ban hành) hoặc cả dòng không đậm (cơ quan chủ quản).',
            this.code,
          ),
        );
      if (bold) seenBold = true;
      else if (seenBold)
        f.push(
          at(
            l,
            'dòng không đậm nằm dưới tên cơ quan ban hành',
            'Tên cơ quan chủ quản (không đậm) đặt trên; mọi dòng của tên cơ quan ban hành đều đậm.',
            this.code,
          ),
        );
      const next = lines[i + 1];
      // "ỦY BAN NHÂN DÂN" / "HUYỆN X" is one name split over two lines (nd30-format.md §3.2).
      if (
        !bold &&
        next &&
        allBold(next.runs) &&
        /^(ỦY|UỶ) BAN NHÂN DÂN$|^HỘI ĐỒNG NHÂN DÂN$/.test(norm(shown))
      ) {
        f.push(
          at(
            l,
            `"${norm(shown)}" không đậm nhưng là một phần tên cơ quan ban hành "${norm(shown)} ${norm(displayText(next))}"`,
            'Đặt đậm cả hai dòng của tên cơ quan ban hành.',
            this.code,
          ),
        );
      }
    });
    if (!seenBold)
      f.push(
        at(
          lines[lines.length - 1]!,
          'tên cơ quan ban hành không in đậm',
          'Đặt tên cơ quan ban hành in đậm.',
          this.code,
        ),
      );
    return result(this.code, f);
  },
};

export const agencyRule: Check = {
  code: 'nd30-agency-rule',
  run({ parts }) {
    const lines = parts.agency;
    const last = lines[lines.length - 1];
    if (!last) return notChecked(this.code, NOT_CHECKED.notFound('tên cơ quan ban hành'));
    const longest = Math.max(...lines.map(measure));
    return ruleCheck(
      'nd30-agency-rule',
      last,
      parts.agencyRule,
      longest,
      0.3,
      0.55,
      'tên cơ quan ban hành',
      'từ 1/3 đến 1/2 dòng chữ',
    );
  },
};

const ABBRS = new Set(TYPES.map((t) => t.abbr));

/** Ô 3: `Số: 05/BC-UBND`; a draft keeps the number blank (spaces or dots). */
export const soKyHieu: Check = {
  code: 'nd30-so-ky-hieu',
  run({ parts }) {
    const l = parts.so;
    if (!l) {
      const owner = parts.agency[parts.agency.length - 1] ?? parts.quocHieu;
      if (!owner) return notChecked(this.code, NOT_CHECKED.notFound('phần đầu văn bản'));
      return result(this.code, [
        at(
          owner,
          'không có dòng "Số:"',
          'Thêm dòng "Số: .../...-..." dưới tên cơ quan.',
          this.code,
        ),
      ]);
    }
    const f: Finding[] = [];
    const t = l.text.replace(/\u00a0/g, ' ').trim();
    const m = /^Số:(\s*)([^/]*)\/(.*)$/.exec(t);
    if (!m) {
      f.push(
        at(
          l,
          `dòng số ghi là "${t}"`,
          'Ghi theo mẫu "Số: 05/BC-UBND" ("Số" viết thường, có dấu hai chấm).',
          this.code,
        ),
      );
    } else {
      const num = m[2]!.trim();
      const sym = m[3]!;
      const draft = num === '' || /^[.…\s]+$/.test(num);
      if (!draft) {
        if (m[1] !== ' ')
          f.push(
            at(l, 'sau "Số:" không có đúng một dấu cách', `Ghi "Số: ${num}/${sym}".`, this.code),
          );
        if (!/^\d+$/.test(num))
          f.push(
            at(
              l,
              `số văn bản "${num}" không phải chữ số Ả Rập`,
              'Ghi số bằng chữ số Ả Rập, ví dụ 05 hoặc 125.',
              this.code,
            ),
          );
        else if (num.length === 1)
          f.push(
            at(
              l,
              `số "${num}" nhỏ hơn 10 nhưng không có số 0 phía trước`,
              `Ghi "Số: 0${num}/${sym}".`,
              this.code,
            ),
          );
        else if (num.startsWith('0') && Number(num) >= 10)
          f.push(
            at(
              l,
              `số "${num}" thừa số 0 phía trước`,
              `Ghi "Số: ${Number(num)}/${sym}".`,
              this.code,
            ),
          );
        else if (Number(num) === 0)
          f.push(at(l, 'số văn bản là 0', 'Số văn bản bắt đầu từ 01.', this.code));
      }
      if (/\s/.test(sym))
        f.push(
          at(
            l,
            `ký hiệu "${sym}" có dấu cách`,
            `Viết liền, không cách chữ: "${sym.replace(/\s+/g, '')}".`,
            this.code,
          ),
        );
      const groups = sym.replace(/\s+/g, '').split('-');
      const type = parts.type;
      if (!type.supported && type.slug !== 'cong-van') {
        // The ký hiệu of other types is not judged (their template is not implemented).
      } else if (type.slug === 'cong-van') {
        if (ABBRS.has(groups[0] ?? ''))
          f.push(
            at(
              l,
              `công văn có chữ viết tắt tên loại "${groups[0]}" trong ký hiệu`,
              'Ký hiệu công văn gồm tên cơ quan và đơn vị soạn thảo, ví dụ "12/UBND-VX".',
              this.code,
            ),
          );
        for (const g of groups)
          if (!/^[A-ZĐ0-9]+$/.test(g))
            f.push(
              at(
                l,
                `nhóm ký hiệu "${g}" không phải chữ in hoa`,
                'Viết ký hiệu bằng chữ in hoa, các nhóm cách nhau bằng "-".',
                this.code,
              ),
            );
      } else if (type.abbr) {
        if (groups[0] !== type.abbr) {
          f.push(
            at(
              l,
              `ký hiệu bắt đầu bằng "${groups[0] ?? ''}" thay vì "${type.abbr}" của ${type.name?.toLowerCase()}`,
              `Ghi "${type.abbr}-<tên cơ quan viết tắt>", ví dụ "${type.abbr}-UBND" (Phụ lục III, mục I).`,
              this.code,
            ),
          );
        }
        if (groups.length < 2)
          f.push(
            at(
              l,
              'ký hiệu thiếu chữ viết tắt tên cơ quan',
              `Ghi "${type.abbr}-UBND" (loại văn bản - cơ quan).`,
              this.code,
            ),
          );
        for (const g of groups.slice(1))
          if (!/^[A-ZĐ0-9]+$/.test(g))
            f.push(
              at(
                l,
                `nhóm ký hiệu "${g}" không phải chữ in hoa`,
                'Viết chữ viết tắt tên cơ quan bằng chữ in hoa.',
                this.code,
              ),
            );
      }
    }
    const sp = sizeProblem(l.runs, [26]);
    if (sp) f.push(at(l, `dòng số ${sp}`, 'Đặt cỡ chữ 13.', this.code));
    if (anyBold(l.runs))
      f.push(at(l, 'dòng số in đậm', 'Bỏ đậm: số và ký hiệu là chữ đứng thường.', this.code));
    if (anyItalic(l.runs))
      f.push(at(l, 'dòng số in nghiêng', 'Bỏ nghiêng: số và ký hiệu là chữ đứng.', this.code));
    return result(this.code, f);
  },
};

const DATE_RE = /^[^,]+, ngày (0[1-9]|[12][0-9]|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm [0-9]{4}$/;
const DRAFT_RE = /^[^,]+, ngày[\s.…]+tháng[\s.…]+năm [0-9]{4}$/;

export const dateLine: Check = {
  code: 'nd30-date-line',
  run({ parts }) {
    const l = parts.date;
    if (!l) {
      const owner = parts.tieuNgu ?? parts.quocHieu;
      if (!owner) return notChecked(this.code, NOT_CHECKED.notFound('phần đầu văn bản'));
      return result(this.code, [
        at(
          owner,
          'không có dòng địa danh và ngày tháng năm',
          'Thêm dòng "Triệu Sơn, ngày 05 tháng 7 năm 2022" dưới Tiêu ngữ, ngang hàng với dòng số.',
          this.code,
        ),
      ]);
    }
    const f: Finding[] = [];
    const t = l.text
      .replace(/[\u00a0\t]/g, ' ')
      .replace(/ {2,}/g, (s, off: number) =>
        /ngày|tháng/.test(l.text.slice(Math.max(0, off - 6), off)) ? s : ' ',
      )
      .trim();
    const flat = t.replace(/ {2,}/g, ' ');
    if (!DATE_RE.test(flat) && !DRAFT_RE.test(t)) {
      const m = /^([^,]+),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*\.?$/i.exec(
        flat,
      );
      if (m) {
        const [, place, d, mo, y] = m;
        const day = Number(d);
        const month = Number(mo);
        const good = `${place!.trim()}, ngày ${String(day).padStart(2, '0')} tháng ${month <= 2 ? String(month).padStart(2, '0') : String(month)} năm ${y}`;
        const what: string[] = [];
        if (day < 1 || day > 31 || month < 1 || month > 12)
          what.push('ngày hoặc tháng không có thật');
        if (d!.length === 1) what.push(`ngày "${d}" thiếu số 0 phía trước`);
        if (mo!.length === 2 && month >= 3)
          what.push(`tháng "${mo}" không được ghi số 0 phía trước (chỉ tháng 1, 2 mới ghi 01, 02)`);
        if (mo!.length === 1 && month <= 2) what.push(`tháng "${mo}" thiếu số 0 phía trước`);
        if (/Ngày|Tháng|Năm/.test(flat)) what.push('chữ "ngày", "tháng", "năm" phải viết thường');
        if (what.length === 0) what.push('sai dạng');
        f.push(at(l, what.join('; '), `Ghi "${good}".`, this.code));
      } else {
        f.push(
          at(
            l,
            `dòng ngày tháng ghi là "${flat}"`,
            'Ghi theo mẫu "Triệu Sơn, ngày 05 tháng 7 năm 2022" (địa danh, dấu phẩy, ngày dd, tháng m, năm yyyy).',
            this.code,
          ),
        );
      }
    }
    const place = flat.split(',')[0] ?? '';
    if (place && !/^\p{Lu}/u.test(place))
      f.push(
        at(
          l,
          `địa danh "${place}" không viết hoa chữ đầu`,
          'Viết hoa chữ cái đầu của địa danh.',
          this.code,
        ),
      );
    if (!allItalic(l.runs))
      f.push(at(l, 'dòng ngày tháng không in nghiêng', 'Đặt cả dòng in nghiêng.', this.code));
    if (anyBold(l.runs)) f.push(at(l, 'dòng ngày tháng in đậm', 'Bỏ đậm.', this.code));
    const sp = sizeProblem(l.runs, [26, 28]);
    if (sp)
      f.push(
        at(
          l,
          `dòng ngày tháng ${sp}`,
          `Đặt cỡ chữ ${ptList([26, 28])} (bằng cỡ Tiêu ngữ).`,
          this.code,
        ),
      );
    if (l.text === l.p.text && !isCentred(l.p))
      f.push(
        at(
          l,
          `dòng ngày tháng ${alignName(l.p.fmt.jc)}`,
          'Canh giữa dưới Quốc hiệu và Tiêu ngữ.',
          this.code,
        ),
      );
    return result(this.code, f);
  },
};

export const soDateSameRow: Check = {
  code: 'nd30-so-date-same-row',
  run({ parts }) {
    if (!parts.so || !parts.date)
      return notChecked(this.code, NOT_CHECKED.notFound('dòng số và dòng ngày tháng'));
    if (parts.soDateSameRow) return result(this.code, []);
    return result(this.code, [
      at(
        parts.so,
        'dòng số và dòng ngày tháng không nằm cùng một dòng (khác hàng của bảng, hoặc khác thứ tự đoạn trong hai ô)',
        'Đặt "Số: ..." và dòng ngày tháng ở cùng một hàng của bảng phần đầu (hàng thứ hai: ô trái là số, ô phải là ngày tháng).',
        this.code,
      ),
    ]);
  },
};
