import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
  type ISectionOptions,
} from 'docx';

/**
 * Builds ND30 báo cáo documents with the docx library: a correct one (the layout of
 * nd30-format.md §8), a correct draft, and variants with exactly one deliberate fault each.
 * Each element's formatting is a `Spec`; with `viaStyles` the specs become paragraph styles
 * and the runs carry no direct formatting, so the checker must compute effective formatting.
 */

export interface Faults {
  /** Header table split 4677/4678 twips with no cell margins: the Quốc hiệu wraps. */
  header5050?: boolean;
  month07?: boolean;
  so5?: boolean;
  /** Page number on page 1: no titlePg, no first-page header. */
  noTitlePg?: boolean;
  arial12Body?: boolean;
  noiNhanLastSemicolon?: boolean;
  signerKT?: boolean;
  badMargins?: boolean;
  redText?: boolean;
  qhNotBold?: boolean;
  /** Blank number, day and month (Mẫu 1.4 paper template). */
  draft?: boolean;
  /** Header typed as plain paragraphs, the two sides separated by a tab (no table). */
  tabHeader?: boolean;
  /** A công văn (Mẫu 1.5): ký hiệu without type abbreviation, V/v under Số, no tên loại. */
  congVan?: boolean;
  /** Formatting only in styles: docDefaults TNR 14 and one paragraph style per element. */
  viaStyles?: boolean;
}

interface Spec {
  size?: number;
  bold?: boolean;
  italic?: boolean;
  align?: 'center' | 'both' | 'left';
  font?: string;
  color?: string;
  firstLine?: number;
  before?: number;
  after?: number;
}

const ALIGN = {
  center: AlignmentType.CENTER,
  both: AlignmentType.JUSTIFIED,
  left: AlignmentType.LEFT,
};
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

class Builder {
  readonly styles: IParagraphStyleOptions[] = [];
  private readonly ids = new Map<string, string>();
  constructor(private readonly viaStyles: boolean) {}

  p(text: string, spec: Spec = {}): Paragraph {
    const run = {
      ...(spec.size !== undefined ? { size: spec.size * 2 } : {}),
      ...(spec.bold ? { bold: true } : {}),
      ...(spec.italic ? { italics: true } : {}),
      ...(spec.font ? { font: spec.font } : {}),
      ...(spec.color ? { color: spec.color } : {}),
    };
    const para = {
      ...(spec.align ? { alignment: ALIGN[spec.align] } : {}),
      ...(spec.firstLine !== undefined ? { indent: { firstLine: spec.firstLine } } : {}),
      ...(spec.before !== undefined || spec.after !== undefined
        ? { spacing: { before: spec.before ?? 0, after: spec.after ?? 0 } }
        : {}),
    };
    if (!this.viaStyles) {
      return new Paragraph({ ...para, children: text ? [new TextRun({ text, ...run })] : [] });
    }
    const key = JSON.stringify(spec);
    let id = this.ids.get(key);
    if (!id) {
      id = `Nd30S${this.ids.size + 1}`;
      this.ids.set(key, id);
      this.styles.push({ id, name: id, basedOn: 'Normal', run, paragraph: para });
    }
    return new Paragraph({ style: id, children: text ? [new TextRun({ text })] : [] });
  }
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA } });
}

function twoColumn(
  rows: Paragraph[][][],
  widths: [number, number],
  opts: { indent?: number; margin?: number },
): Table {
  return new Table({
    columnWidths: widths,
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    ...(opts.indent !== undefined ? { indent: { size: opts.indent, type: WidthType.DXA } } : {}),
    margins: { left: opts.margin ?? 85, right: opts.margin ?? 85, top: 0, bottom: 0 },
    rows: rows.map(
      (r) => new TableRow({ children: [cell(r[0] ?? [], widths[0]), cell(r[1] ?? [], widths[1])] }),
    ),
  });
}

const SECTORS = [
  'sản xuất nông nghiệp',
  'công nghiệp, tiểu thủ công nghiệp',
  'thương mại, dịch vụ',
  'xây dựng nông thôn mới',
  'tài chính, ngân sách',
  'quản lý đất đai, tài nguyên',
  'giáo dục và đào tạo',
  'y tế, dân số',
  'văn hóa, thông tin, thể thao',
  'lao động, việc làm, an sinh xã hội',
  'quốc phòng, an ninh',
  'cải cách hành chính',
];

export async function buildReport(faults: Faults = {}): Promise<Uint8Array> {
  const b = new Builder(faults.viaStyles ?? false);
  const P = b.p.bind(b);
  const num = faults.draft ? '      ' : faults.so5 ? '5' : '125';
  const date = faults.draft
    ? 'Triệu Sơn, ngày     tháng     năm 2022'
    : `Triệu Sơn, ngày 05 tháng ${faults.month07 ? '07' : '7'} năm 2022`;
  const tabLine = (l: [string, Spec], r: [string, Spec]): Paragraph => {
    const run = (sp: Spec) => ({
      size: (sp.size ?? 14) * 2,
      ...(sp.bold ? { bold: true } : {}),
      ...(sp.italic ? { italics: true } : {}),
    });
    return new Paragraph({
      tabStops: [{ type: TabStopType.CENTER, position: 6500 }],
      children: [
        new TextRun({ text: l[0], ...run(l[1]) }),
        new TextRun({ children: [new Tab(), r[0]], ...run(r[1]) }),
      ],
    });
  };
  const so = faults.congVan ? `Số: ${faults.so5 ? '5' : '12'}/UBND-VX` : `Số: ${num}/BC-UBND`;
  const tabHeader = [
    tabLine(
      ['ỦY BAN NHÂN DÂN', { size: 13, bold: true }],
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 13, bold: true }],
    ),
    tabLine(
      ['HUYỆN TRIỆU SƠN', { size: 13, bold: true }],
      ['Độc lập - Tự do - Hạnh phúc', { size: 14, bold: true }],
    ),
    tabLine(['________', { size: 13 }], ['________________________', { size: 14 }]),
    tabLine([so, { size: 13 }], [date, { size: 14, italic: true }]),
  ];
  const header = twoColumn(
    [
      [
        [
          P('ỦY BAN NHÂN DÂN', { size: 13, bold: true, align: 'center' }),
          P('HUYỆN TRIỆU SƠN', { size: 13, bold: true, align: 'center' }),
          P('________', { size: 13, align: 'center' }),
        ],
        [
          P('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', {
            size: 13,
            bold: !faults.qhNotBold,
            align: 'center',
          }),
          P('Độc lập - Tự do - Hạnh phúc', { size: 14, bold: true, align: 'center' }),
          P('________________________', { size: 14, align: 'center' }),
        ],
      ],
      [
        [
          P(so, { size: 13, align: 'center' }),
          ...(faults.congVan
            ? [
                P('V/v báo cáo kết quả 6 tháng đầu năm 2022', {
                  size: 13,
                  align: 'center',
                  before: 120,
                }),
              ]
            : []),
        ],
        [P(date, { size: 14, italic: true, align: 'center' })],
      ],
    ],
    faults.header5050 ? [4677, 4678] : [3829, 5670],
    faults.header5050 ? { margin: 0 } : { indent: -199 },
  );
  const body = (text: string): Paragraph =>
    P(text, {
      size: faults.arial12Body ? 12 : 14,
      ...(faults.arial12Body ? { font: 'Arial' } : {}),
      align: 'both',
      firstLine: 567,
      before: 120,
    });
  const heading = (text: string): Paragraph =>
    P(text, { size: 14, bold: true, align: 'both', firstLine: 567, before: 120 });
  const signer = twoColumn(
    [
      [
        [
          P('Nơi nhận:', { size: 12, bold: true, italic: true }),
          P('- UBND tỉnh Thanh Hóa (b/c);', { size: 11 }),
          P('- TT Huyện ủy, TT HĐND huyện;', { size: 11 }),
          P('- Chủ tịch, các PCT UBND huyện;', { size: 11 }),
          P(faults.noiNhanLastSemicolon ? '- Lưu: VT, TCKH;' : '- Lưu: VT, TCKH.', { size: 11 }),
        ],
        [
          P('TM. ỦY BAN NHÂN DÂN', { size: 14, bold: true, align: 'center' }),
          P(faults.signerKT ? 'K/T CHỦ TỊCH' : 'KT. CHỦ TỊCH', {
            size: 14,
            bold: true,
            align: 'center',
          }),
          P('PHÓ CHỦ TỊCH', { size: 14, bold: true, align: 'center' }),
          P(''),
          P(''),
          P(''),
          P('Nguyễn Văn B', { size: 14, bold: true, align: 'center' }),
        ],
      ],
    ],
    [2994, 6290],
    { margin: 108 },
  );
  const pageHeader = (): Header =>
    new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [PageNumber.CURRENT], size: 28 })],
        }),
      ],
    });
  const page = {
    size: { width: 11906, height: 16838 },
    margin: {
      top: 1134,
      bottom: 1134,
      left: faults.badMargins ? 1440 : 1701,
      right: 1134,
      header: 567,
      footer: 567,
    },
  };
  const main: ISectionOptions = {
    properties: { page, titlePage: !faults.noTitlePg },
    headers: faults.noTitlePg
      ? { default: pageHeader() }
      : { default: pageHeader(), first: new Header({ children: [] }) },
    children: [
      ...(faults.tabHeader ? tabHeader : [header]),
      P(''),
      ...(faults.congVan
        ? [P('Kính gửi: Ủy ban nhân dân tỉnh Thanh Hóa', { size: 14, align: 'center' })]
        : [
            P('BÁO CÁO', { size: 14, bold: true, align: 'center' }),
            P('Tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2022', {
              size: 14,
              bold: true,
              align: 'center',
            }),
            P('________________', { size: 14, align: 'center' }),
          ]),
      P(''),
      heading('I. KẾT QUẢ ĐẠT ĐƯỢC'),
      body(
        'Sáu tháng đầu năm 2022, Ủy ban nhân dân huyện đã tập trung chỉ đạo thực hiện các nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh.',
      ),
      faults.redText
        ? P('Tổng giá trị sản xuất ước đạt 9.876 tỷ đồng, tăng 8,5% so với cùng kỳ.', {
            size: 14,
            align: 'both',
            firstLine: 567,
            before: 120,
            color: 'FF0000',
          })
        : body('Tổng giá trị sản xuất ước đạt 9.876 tỷ đồng, tăng 8,5% so với cùng kỳ.'),
      // Enough text for a second page, so that the page number on page 2 can be seen.
      ...SECTORS.map((s) =>
        body(
          `Về ${s}: các chỉ tiêu chủ yếu đạt và vượt kế hoạch đề ra; công tác chỉ đạo, điều hành được triển khai kịp thời, đồng bộ; những khó khăn, vướng mắc phát sinh được tập trung tháo gỡ, bảo đảm tiến độ thực hiện nhiệm vụ năm 2022.`,
        ),
      ),
      heading('II. NHIỆM VỤ 6 THÁNG CUỐI NĂM'),
      body('Tiếp tục thực hiện có hiệu quả các chương trình, kế hoạch đã đề ra./.'),
      P(''),
      signer,
    ],
  };
  const appendix: ISectionOptions = {
    properties: { page: { ...page, pageNumbers: { start: 1 } } },
    headers: { default: pageHeader() },
    children: [
      P('Phụ lục I', { size: 14, bold: true, align: 'center' }),
      P('SỐ LIỆU CHỦ YẾU 6 THÁNG ĐẦU NĂM 2022', { size: 14, bold: true, align: 'center' }),
      P(
        `(Kèm theo Báo cáo số ${num.trim() || '    '}/BC-UBND ngày 05 tháng 7 năm 2022 của Ủy ban nhân dân huyện Triệu Sơn)`,
        { size: 14, italic: true, align: 'center' },
      ),
      P('_______', { size: 14, align: 'center' }),
      body('Số liệu chi tiết theo các biểu kèm theo./.'),
    ],
  };
  const doc = new Document({
    styles: {
      default: { document: { run: { font: 'Times New Roman', size: 28 } } },
      paragraphStyles: b.styles,
    },
    sections: faults.congVan ? [main] : [main, appendix],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The fault variants and the check codes each must fail, exactly. */
export const FAULTS: ReadonlyArray<{ name: string; faults: Faults; fails: string[] }> = [
  {
    name: '50/50 header wraps the Quốc hiệu',
    faults: { header5050: true },
    fails: ['nd30-quoc-hieu-fit'],
  },
  { name: 'tháng 07', faults: { month07: true }, fails: ['nd30-date-line'] },
  { name: 'Số: 5/BC-UBND', faults: { so5: true }, fails: ['nd30-so-ky-hieu'] },
  { name: 'page number on page 1', faults: { noTitlePg: true }, fails: ['nd30-page-number'] },
  {
    name: '12 pt Arial body',
    faults: { arial12Body: true },
    fails: ['nd30-font-family', 'nd30-body-size'],
  },
  {
    name: 'Nơi nhận last item ends with ;',
    faults: { noiNhanLastSemicolon: true },
    fails: ['nd30-noi-nhan'],
  },
  { name: 'signer K/T CHỦ TỊCH', faults: { signerKT: true }, fails: ['nd30-signer'] },
  { name: 'left margin 25,4 mm', faults: { badMargins: true }, fails: ['nd30-margins'] },
  { name: 'red text', faults: { redText: true }, fails: ['nd30-font-color'] },
  { name: 'Quốc hiệu not bold', faults: { qhNotBold: true }, fails: ['nd30-quoc-hieu'] },
];
