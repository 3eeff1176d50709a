/**
 * A realistic report model: the Triệu Sơn 2022 six-month report on gender equality. Used by the
 * renderer's tests and available to others (the lint tests, the demo) as a document known to
 * follow ND30. Numbers are synthetic but plausible for a district of about 200,000 people.
 */
import { kemTheoLine } from './format.js';
import { fontSizes, type ReportDate, type ReportModel } from './model.js';

export interface SampleOptions {
  /** Leave the number, day and month blank (Mẫu 1.4 before signing). */
  draft?: boolean;
  date?: { year: number; month: number; day: number };
  number?: string;
}

export function trieuSonSample(opts: SampleOptions = {}): ReportModel {
  const date: ReportDate = opts.draft
    ? { year: 2022, draft: true }
    : (opts.date ?? { year: 2022, month: 7, day: 5 });
  const number = opts.draft ? null : (opts.number ?? '125');
  const issuer = 'Ủy ban nhân dân huyện Triệu Sơn';
  const reference = kemTheoLine({ documentType: 'Báo cáo', number, code: 'BC-UBND', date, issuer });
  const para = (text: string) => ({ kind: 'paragraph' as const, runs: [{ text }] });
  return {
    sizes: fontSizes('13/14'),
    agency: { name: ['ỦY BAN NHÂN DÂN', 'HUYỆN TRIỆU SƠN'] },
    number,
    code: 'BC-UBND',
    place: 'Triệu Sơn',
    date,
    documentType: 'BÁO CÁO',
    trichYeu: [
      'Kết quả thực hiện mục tiêu quốc gia về bình đẳng giới',
      '6 tháng đầu năm 2022 trên địa bàn huyện Triệu Sơn',
    ],
    kinhGui: ['Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa'],
    body: [
      para(
        'Thực hiện Công văn số 1520/SLĐTBXH-BĐG ngày 10 tháng 6 năm 2022 của Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa về việc báo cáo kết quả thực hiện công tác bình đẳng giới 6 tháng đầu năm 2022, Ủy ban nhân dân huyện Triệu Sơn báo cáo như sau:',
      ),
      { kind: 'heading', level: 1, label: 'I', text: 'Công tác chỉ đạo, điều hành' },
      para(
        'Ủy ban nhân dân huyện đã ban hành Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2022; chỉ đạo các cơ quan, đơn vị và Ủy ban nhân dân các xã, thị trấn lồng ghép nội dung bình đẳng giới vào kế hoạch phát triển kinh tế - xã hội của địa phương.',
      ),
      { kind: 'heading', level: 1, label: 'II', text: 'Kết quả thực hiện các mục tiêu' },
      { kind: 'heading', level: 2, label: '1', text: 'Lĩnh vực chính trị' },
      { kind: 'heading', level: 3, label: 'a', text: 'Tỷ lệ nữ tham gia cấp ủy' },
      {
        kind: 'paragraph',
        runs: [
          { text: 'Tỷ lệ nữ tham gia cấp ủy Đảng nhiệm kỳ 2020 - 2025 đạt ' },
          { text: '21,4%', bold: true },
          { text: ', tăng 1,2 điểm phần trăm so với nhiệm kỳ trước.' },
        ],
      },
      { kind: 'heading', level: 3, label: 'b', text: 'Tỷ lệ nữ lãnh đạo chủ chốt' },
      para(
        'Có 14/34 xã, thị trấn có lãnh đạo chủ chốt là nữ, đạt 38,9%; mục tiêu năm 2025: ≥ 60%.',
      ),
      { kind: 'heading', level: 2, label: '2', text: 'Lĩnh vực kinh tế, lao động, việc làm' },
      para('Kết quả giải quyết việc làm 6 tháng đầu năm 2022 theo giới như sau:'),
      {
        kind: 'table',
        table: {
          columns: [
            { width: 1, align: 'center' },
            { width: 5, align: 'left' },
            { width: 2, align: 'right' },
            { width: 2, align: 'right' },
          ],
          header: [['TT', 'Chỉ tiêu', 'Tổng số', 'Trong đó nữ']],
          rows: [
            ['1', 'Lao động được tạo việc làm mới', '2.150', '1.032'],
            ['2', 'Lao động đi làm việc ở nước ngoài', '412', '96'],
            ['3', 'Lao động được đào tạo nghề', '1.860', '874'],
          ],
          total: ['', 'Tổng cộng', '4.422', '2.002'],
        },
      },
      { kind: 'bullet', runs: [{ text: 'Chi tiết theo xã, thị trấn tại Phụ lục I.' }] },
      {
        kind: 'bullet',
        runs: [{ text: 'Tình hình tiếp nhận báo cáo của các đơn vị tại Phụ lục II.' }],
      },
      { kind: 'heading', level: 1, label: 'III', text: 'Phương hướng, nhiệm vụ 6 tháng cuối năm' },
      para(
        'Tiếp tục tuyên truyền, nâng cao nhận thức về bình đẳng giới; tăng cường kiểm tra, giám sát việc thực hiện pháp luật về bình đẳng giới tại các cơ quan, đơn vị và địa phương.',
      ),
    ],
    closing: './.',
    signer: { authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Lê Quang Trung' },
    noiNhan: [
      'Như trên',
      'TT Huyện ủy, TT HĐND huyện (b/c)',
      'Chủ tịch, các PCT UBND huyện',
      'Lưu: VT, LĐTBXH',
    ],
    appendices: [
      {
        number: 'I',
        title: 'Kết quả giải quyết việc làm theo giới 6 tháng đầu năm 2022',
        reference,
        orientation: 'landscape',
        blocks: [
          {
            kind: 'table',
            table: {
              columns: [
                { width: 1, align: 'center' },
                { width: 4, align: 'left' },
                { width: 2, align: 'right' },
                { width: 2, align: 'right' },
                { width: 2, align: 'right' },
                { width: 2, align: 'right' },
                { width: 2, align: 'right' },
                { width: 2, align: 'right' },
              ],
              header: [
                [
                  { text: 'TT', rowSpan: 2 },
                  { text: 'Xã, thị trấn', rowSpan: 2 },
                  { text: 'Việc làm mới', colSpan: 2 },
                  { text: 'Xuất khẩu lao động', colSpan: 2 },
                  { text: 'Đào tạo nghề', colSpan: 2 },
                ],
                ['Tổng số', 'Nữ', 'Tổng số', 'Nữ', 'Tổng số', 'Nữ'],
              ],
              rows: Array.from({ length: XA.length }, (_, i) => [
                String(i + 1),
                XA[i] ?? '',
                String(40 + ((i * 37) % 50)),
                String(18 + ((i * 17) % 25)),
                String(8 + ((i * 7) % 9)),
                String(1 + ((i * 5) % 4)),
                String(35 + ((i * 29) % 40)),
                String(15 + ((i * 11) % 20)),
              ]),
            },
          },
        ],
      },
      {
        number: 'II',
        title: 'Tình hình tiếp nhận báo cáo của các đơn vị',
        reference,
        orientation: 'portrait',
        blocks: [
          {
            kind: 'table',
            table: {
              columns: [
                { width: 3, align: 'left' },
                { width: 1, align: 'right' },
              ],
              header: [['Tình trạng', 'Số đơn vị']],
              rows: [
                ['Phải báo cáo', '42'],
                ['Đã nhận', '40'],
                ['Hợp lệ', '38'],
                ['Nộp muộn', '1'],
                ['Chưa nộp', '2'],
              ],
            },
          },
        ],
      },
    ],
    properties: {
      title: 'Báo cáo kết quả thực hiện mục tiêu quốc gia về bình đẳng giới 6 tháng đầu năm 2022',
      subject: 'Bình đẳng giới 6 tháng đầu năm 2022',
      creator: issuer,
      keywords: 'bình đẳng giới; báo cáo định kỳ; 2022',
      description: 'Lập bằng bctd từ báo cáo của các đơn vị',
      date: '2022-07-05T00:00:00Z',
    },
  };
}

/** The 34 communes and towns of Triệu Sơn (GSO list, 01/10/2022). */
const XA = [
  'Thị trấn Triệu Sơn',
  'Xã Thọ Sơn',
  'Xã Thọ Bình',
  'Xã Thọ Tiến',
  'Xã Hợp Lý',
  'Xã Hợp Tiến',
  'Xã Hợp Thành',
  'Xã Triệu Thành',
  'Xã Hợp Thắng',
  'Xã Minh Sơn',
  'Xã Dân Lực',
  'Xã Dân Lý',
  'Xã Dân Quyền',
  'Xã An Nông',
  'Xã Văn Sơn',
  'Xã Thái Hòa',
  'Thị trấn Nưa',
  'Xã Đồng Lợi',
  'Xã Đồng Tiến',
  'Xã Đồng Thắng',
  'Xã Tiến Nông',
  'Xã Khuyến Nông',
  'Xã Xuân Thịnh',
  'Xã Xuân Lộc',
  'Xã Thọ Dân',
  'Xã Xuân Thọ',
  'Xã Thọ Tân',
  'Xã Thọ Ngọc',
  'Xã Thọ Cường',
  'Xã Thọ Phú',
  'Xã Thọ Vực',
  'Xã Thọ Thế',
  'Xã Nông Trường',
  'Xã Bình Sơn',
];
