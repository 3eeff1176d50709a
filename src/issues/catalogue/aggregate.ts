import { entry, issueMaker } from '../catalogue.js';

/**
 * Wording of the aggregation warnings (issue 5, point 2): totals that an outline's `from`
 * supplier decides, and files about no expected unit of the period. The codes are stable.
 */

const list = (xs: readonly string[]): string => xs.join(', ');

export const AGGREGATE_ISSUES = {
  'from-mismatch': entry<{ label: string; supplier: string; others: string; units: string[] }>({
    severity: 'warning',
    title: 'Số liệu của đơn vị khác loại không khớp với đơn vị cung cấp',
    message: (p) =>
      `${p.label}: số tổng hợp lấy từ ${p.supplier}; số do ${p.others} báo cáo (${list(p.units)}) khác số này và không được cộng thêm.`,
    fix: () =>
      'Đối chiếu số liệu giữa các đơn vị; số trong báo cáo vẫn lấy theo đơn vị cung cấp ghi trong đề cương.',
  }),
  'from-supplier-missing': entry<{ label: string; supplier: string; others: string }>({
    severity: 'warning',
    title: 'Đơn vị cung cấp chưa báo cáo',
    message: (p) =>
      `${p.label}: số tổng hợp lấy từ ${p.supplier} nhưng đơn vị này chưa báo cáo; ${p.others} có báo cáo nhưng không được dùng thay.`,
    fix: (p) => `Đề nghị ${p.supplier} nộp số liệu rồi tổng hợp lại.`,
  }),
  'unit-not-expected': entry<{ file: string; unit: string }>({
    severity: 'warning',
    title: 'Đơn vị không thuộc danh sách của kỳ',
    message: (p) =>
      `Tệp ${p.file} của đơn vị ${p.unit}, đơn vị này không hoạt động trong kỳ báo cáo (đã sáp nhập, giải thể hoặc thành lập sau ngày chốt số liệu); số liệu không được tổng hợp.`,
    fix: () =>
      'Kiểm tra ngày hiệu lực của đơn vị trong danh sách đơn vị (units.yaml) hoặc nhận lại tệp của đơn vị mới.',
  }),
  'unknown-unit': entry<{ file: string; unit: string }>({
    severity: 'warning',
    title: 'Mã đơn vị không có trong danh sách',
    message: (p) =>
      `Tệp ${p.file} ghi mã đơn vị ${p.unit}, mã này không có trong danh sách đơn vị; số liệu không được tổng hợp.`,
    fix: () =>
      'Sửa mã đơn vị trong sheet Thông tin, hoặc bổ sung đơn vị vào danh sách (units.yaml).',
  }),
};

export const makeAggregateIssue = issueMaker(AGGREGATE_ISSUES);
