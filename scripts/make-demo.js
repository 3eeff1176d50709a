#!/usr/bin/env node
/**
 * Regenerates the demo workspace `fixtures/demo/` (issue 5, "The demo workspace"): the Triệu
 * Sơn 2022 preset, synthetic submissions of every unit for 2021-6m (so cùng kỳ shows), 2022-6m
 * and 2022-year with their receipt ledgers, and the agency's own text for the 2022-6m report.
 * In 2022-6m two units sent nothing, one was late and three files carry a typical mistake.
 *
 *   npm run build && node scripts/make-demo.js [--out DIR]
 *
 * Deterministic: the same build gives the same bytes (test/demo-fixtures.test.ts checks that
 * the committed fixtures are what this script makes).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinOutline } from '../dist/app/outline.js';
import { synthesizeWorkspace } from '../dist/app/synthetic.js';
import { flattenSections } from '../dist/outline/helpers.js';
import { makePeriod } from '../dist/period/periods.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEMO_SEED = 'trieu-son-demo-2022';
/** The 2022-6m story the report and the status table tell. */
export const DEMO_PLAN = {
  missing: ['15703', 'PTP'], // Xã Dân Lý, Phòng Tư pháp
  late: ['15742'], // Xã Thọ Dân
  mistakes: {
    15688: ['text-number'], // Xã Hợp Thắng: numbers typed as text, one amount read two ways (warning)
    15730: ['nu-gt-tong'], // Xã Tiến Nông: Nữ > Tổng số (error)
    15757: ['tcvn3-text'], // Xã Thọ Phú: narratives typed in TCVN3 (converted, warning)
  },
};

/** The agency's own text per section of the 2022-6m report (noi-dung.md). */
const NOI_DUNG = {
  '': 'Thực hiện Công văn của UBND tỉnh Thanh Hóa về việc báo cáo tình hình thực hiện các mục tiêu, chỉ tiêu về bình đẳng giới 6 tháng đầu năm 2022, UBND huyện Triệu Sơn báo cáo kết quả như sau:',
  'I.1':
    'UBND huyện đã ban hành Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2022, giao nhiệm vụ cụ thể cho các phòng, ban, đơn vị và UBND các xã, thị trấn. Các văn bản chỉ đạo được ban hành kịp thời, bám sát kế hoạch của UBND tỉnh và tình hình thực tế của địa phương.\n\nCông tác bình đẳng giới được lồng ghép trong chương trình công tác năm của UBND huyện và được kiểm điểm định kỳ tại các cuộc họp giao ban.',
  'I.2':
    'Ban Vì sự tiến bộ của phụ nữ huyện được kiện toàn do đồng chí Phó Chủ tịch UBND huyện làm Trưởng ban; các xã, thị trấn đã kiện toàn Ban Vì sự tiến bộ của phụ nữ cấp xã. Mỗi xã, thị trấn đều phân công công chức văn hóa - xã hội kiêm nhiệm theo dõi công tác bình đẳng giới.',
  'I.3':
    'Vấn đề bình đẳng giới được lồng ghép trong Kế hoạch phát triển kinh tế - xã hội năm 2022 của huyện, nhất là trong các lĩnh vực lao động, việc làm, giảm nghèo, giáo dục và y tế. Các phòng chuyên môn từng bước thu thập số liệu có tách biệt giới tính phục vụ công tác quản lý.',
  'II.1':
    'Công tác quy hoạch, đào tạo, bồi dưỡng cán bộ nữ tiếp tục được cấp ủy, chính quyền các cấp quan tâm. Tuy nhiên, tỷ lệ nữ giữ các vị trí lãnh đạo chủ chốt ở cấp xã còn thấp so với mục tiêu của Chiến lược.',
  'II.3':
    'Các vụ bạo lực gia đình được phát hiện đều được can thiệp, hòa giải kịp thời, không để xảy ra vụ việc nghiêm trọng. Hệ thống địa chỉ tin cậy, câu lạc bộ phòng, chống bạo lực gia đình tiếp tục được duy trì ở các xã, thị trấn.',
  'II.4':
    'Trung tâm Y tế huyện chỉ đạo các trạm y tế tăng cường truyền thông về kiểm soát mất cân bằng giới tính khi sinh; tỷ số giới tính khi sinh của huyện vẫn ở mức cao, cần tiếp tục quan tâm chỉ đạo.',
  'II.6':
    'Hệ thống thông tin cơ sở ở các xã, thị trấn thường xuyên đăng, phát tin, bài về bình đẳng giới; Đài truyền thanh huyện duy trì chuyên mục về gia đình và bình đẳng giới hằng tháng.',
  'III.1':
    'Công tác thông tin, truyền thông được triển khai với nhiều hình thức: hội nghị, nói chuyện chuyên đề, truyền thanh cơ sở, tờ rơi, pa nô, áp phích và mạng xã hội. Nội dung tập trung vào Luật Bình đẳng giới, Luật Phòng, chống bạo lực gia đình năm 2022 và vai trò của nam giới trong chia sẻ công việc gia đình.',
  'III.3':
    'Phòng Lao động - Thương binh và Xã hội phối hợp với Hội Liên hiệp Phụ nữ huyện tổ chức tập huấn kiến thức về giới, kỹ năng lồng ghép giới cho cán bộ, công chức cấp xã và cán bộ chi hội ở thôn, khu phố.',
  'III.6':
    'Kinh phí thực hiện công tác bình đẳng giới chủ yếu được bố trí lồng ghép trong kinh phí hoạt động của các cơ quan, đơn vị; nguồn xã hội hóa còn ít.',
  'IV.1':
    'Công tác bình đẳng giới nhận được sự quan tâm lãnh đạo, chỉ đạo của cấp ủy, chính quyền từ huyện đến cơ sở. Sự phối hợp giữa các phòng, ban, đoàn thể và UBND các xã, thị trấn ngày càng chặt chẽ; nhận thức của cán bộ và nhân dân về bình đẳng giới có chuyển biến tích cực.',
  'IV.2':
    'Tỷ lệ nữ tham gia lãnh đạo chủ chốt ở cấp xã chưa đạt mục tiêu; tỷ số giới tính khi sinh còn cao. Một số đơn vị gửi báo cáo chậm, số liệu chưa đầy đủ hoặc phải chỉnh sửa nhiều lần.',
  'IV.3':
    'Cán bộ làm công tác bình đẳng giới ở cơ sở đều kiêm nhiệm, thường xuyên thay đổi; kinh phí bố trí còn hạn chế. Định kiến giới và tư tưởng trọng nam hơn nữ vẫn còn trong một bộ phận nhân dân.',
  V: '6 tháng cuối năm 2022, UBND huyện tiếp tục chỉ đạo thực hiện có hiệu quả Kế hoạch công tác bình đẳng giới năm 2022; tổ chức tốt Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới; nâng cao chất lượng thu thập số liệu có tách biệt giới tính và bảo đảm thời hạn báo cáo.',
  VI: 'Đề nghị Sở Lao động - Thương binh và Xã hội tiếp tục tổ chức tập huấn nâng cao năng lực cho đội ngũ làm công tác bình đẳng giới cấp huyện, cấp xã và hỗ trợ tài liệu truyền thông cho các xã, thị trấn.',
};

/** noi-dung.md in the skeleton's heading format (`## I. ...`, `### 1. ...`, `#### a) ...`). */
function noiDung(outline, period) {
  const lines = [`# Nội dung báo cáo: ${outline.title} ${period.label}`, '', NOI_DUNG[''], ''];
  for (const f of flattenSections(outline)) {
    if (f.periods !== undefined && !f.periods.includes(period.kind)) continue;
    const hashes = '#'.repeat(Math.min(f.depth + 2, 6));
    const label = f.depth >= 2 ? `${f.section.number})` : `${f.section.number}.`;
    const title = f.depth === 0 ? f.section.title.toLocaleUpperCase('vi') : f.section.title;
    lines.push(`${hashes} ${label} ${title}`, '');
    const text = NOI_DUNG[f.path];
    if (text !== undefined) lines.push(text, '');
  }
  return lines.join('\n').normalize('NFC');
}

export async function makeDemo(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const outline = builtinOutline('bdg');
  if (outline === undefined) throw new Error('built-in outline bdg not found');
  const p6m = makePeriod('6m', 2022);
  await synthesizeWorkspace({
    dir,
    outline,
    units: 48,
    periods: [makePeriod('6m', 2021), p6m, makePeriod('year', 2022)],
    seed: DEMO_SEED,
    presetDir: path.join(root, 'presets', 'trieu-son-2022'),
    perPeriod: { '2022-6m': DEMO_PLAN },
    now: new Date(2022, 11, 31, 12),
  });
  const reports = path.join(dir, 'bao-cao', p6m.id);
  mkdirSync(reports, { recursive: true });
  writeFileSync(path.join(reports, 'noi-dung.md'), noiDung(outline, p6m));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const dir = path.resolve(
    i > 0 ? (process.argv[i + 1] ?? '') : path.join(root, 'fixtures', 'demo'),
  );
  await makeDemo(dir);
  console.log(`Đã tạo không gian làm việc mẫu: ${path.relative(process.cwd(), dir) || '.'}`);
}
