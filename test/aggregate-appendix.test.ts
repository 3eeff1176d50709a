import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/aggregate.js';
import { appendixTable, completenessTable } from '../src/aggregate/appendix.js';
import {
  SAMPLE_UNITS,
  sampleOutline,
  samplePeriod,
  sampleSubmission,
} from '../src/aggregate/sample.js';
import type { AppendixTableDef } from '../src/outline/schema.js';
import type { Unit } from '../src/period/units.js';

const outline = sampleOutline();
const unit = (code: string): Unit => SAMPLE_UNITS.find((u) => u.code === code) as Unit;
const table = (id: string): AppendixTableDef =>
  outline.appendix.find((t) => t.id === id) as AppendixTableDef;

const lastYear = aggregate({
  outline,
  period: samplePeriod(2021),
  units: SAMPLE_UNITS,
  submissions: [
    sampleSubmission(
      unit('TT1'),
      { LD_QL: { tong: 50, nu: 20, nam: 30 }, CAN_BO: { value: 20 } },
      { period: '2021-6m' },
    ),
  ],
});
const rollup = aggregate({
  outline,
  period: samplePeriod(2022),
  units: SAMPLE_UNITS,
  previous: lastYear,
  submissions: [
    sampleSubmission(unit('X01'), {
      LD_QL: { tong: 4, nu: 3, nam: 1 },
      CAN_BO: { value: 10 },
      CO_LDCC_NU: { value: 1 },
      BL_VU: { value: 0 },
      BL_HO_TRO: { value: 0 },
    }),
    sampleSubmission(unit('TT1'), {
      LD_QL: { tong: 96, nu: 24, nam: 72 },
      CAN_BO: { value: 30 },
      CO_LDCC_NU: { value: 0 },
    }),
    sampleSubmission(unit('X02'), { LD_QL: { tong: 5, nu: 1, nam: 4 } }, { valid: false }),
  ],
});

describe('appendix rows from indicators', () => {
  const t = appendixTable(rollup, outline, table('B01'), { year: 2022 });

  it('has the column labels as header and one row per indicator in outline order', () => {
    expect(t.header).toEqual([
      'STT',
      'Chỉ tiêu',
      'Đơn vị tính',
      'Mục tiêu',
      'Tử số',
      'Mẫu số',
      'Kết quả',
      'Cùng kỳ',
      'So sánh',
      'Đánh giá',
    ]);
    expect(t.rows.map((r) => r[1])).toEqual(outline.indicators.map((i) => i.label));
    expect(t.totalRow).toBeNull();
  });

  it('keeps numbers as numbers, with the target as text and the assessment in words', () => {
    const [stt, , unitCell, target, num, den, value, prev, change, assessment] = t.rows[0] ?? [];
    expect([stt, unitCell, target, num, den]).toEqual([1, '%', '≥ 60', 27, 100]);
    expect(value).toBeCloseTo(27, 10);
    expect(prev).toBeCloseTo(40, 10);
    expect(change).toBeCloseTo(-13, 10);
    expect(assessment).toBe('Đang thực hiện (mục tiêu năm 2025)');
  });

  it('writes the year target verdict, không phát sinh and not computable where they apply', () => {
    const row = (code: string) =>
      t.rows[outline.indicators.findIndex((i) => i.code === code)] ?? [];
    expect(row('M1.CT2').slice(3, 7)).toEqual(['≥ 50', 1, 2, 50]);
    expect(row('M1.CT2')[9]).toBe('Đạt');
    expect(row('M2.CT1')[6]).toBe('không phát sinh');
    expect(row('M2.CT1')[9]).toBe('không phát sinh');
    expect(row('M4.CT2')[6]).toBe('Số liệu do Sở Y tế tổng hợp');
    expect(row('M4.CT1')[9]).toBe('Không có số liệu');
    expect(row('M4.CT1')[3]).toBe('~ 112');
  });

  it('a target column with its own year, and rows filtered by objective', () => {
    const custom: AppendixTableDef = {
      ...table('B01'),
      rows: { from: 'indicators', objectives: ['M1'] },
      columns: [
        { label: 'Mã', key: 'code' },
        { label: 'Mục tiêu 2030', key: 'target', year: 2030 },
      ],
    };
    expect(appendixTable(rollup, outline, custom, { year: 2022 }).rows).toEqual([
      ['M1.CT1', '≥ 75'],
      ['M1.CT2', null],
    ]);
  });
});

describe('appendix rows from inputs', () => {
  const t = appendixTable(rollup, outline, table('B02'), { year: 2022 });
  it('gives totals, members, shares and coverage, then a total row', () => {
    expect(t.rows[0]).toEqual([1, 'Cán bộ lãnh đạo, quản lý', 100, 27, 27, '2/5 đơn vị báo cáo']);
    expect(t.rows[1]).toEqual([
      2,
      'Số cán bộ tại thời điểm cuối kỳ',
      40,
      null,
      null,
      '2/4 đơn vị báo cáo',
    ]);
    // The share in the total row is 27 / 100 over the rows that have a Nữ column, not an
    // average of the rows' shares.
    expect(t.rows[2]?.slice(0, 4)).toEqual([null, 'Tổng cộng', 140, 27]);
    expect(t.rows[2]?.[4]).toBeCloseTo((27 / 100) * 100, 10);
    expect(t.totalRow).toBe(2);
  });

  it('previous and change come from the previous roll-up', () => {
    const custom: AppendixTableDef = {
      ...table('B02'),
      columns: [
        { label: 'Kỳ này', key: 'value' },
        { label: 'Cùng kỳ', key: 'previous' },
        { label: 'Tăng, giảm (%)', key: 'change' },
      ],
    };
    const r = appendixTable(rollup, outline, custom, { year: 2022 });
    expect(r.rows[0]).toEqual([100, 50, 100]);
    expect(r.rows[1]).toEqual([40, 20, 100]);
    expect(r.rows[2]).toEqual(['Tổng cộng', 70, 100]);
  });
});

describe('appendix rows per unit (B08)', () => {
  const t = appendixTable(rollup, outline, table('B08'), { year: 2022 });
  it('lists every expected unit of the kinds, with null for units not counted', () => {
    expect(t.rows.map((r) => r[1])).toEqual([
      'Xã Dân Lực',
      'Xã Dân Lý',
      'Xã Dân Quyền',
      'Thị trấn Triệu Sơn',
      'Toàn huyện',
    ]);
    expect(t.rows[0]).toEqual([1, 'Xã Dân Lực', 4, 3, 75, 'Hợp lệ']);
    expect(t.rows[1]).toEqual([2, 'Xã Dân Lý', null, null, null, 'Có lỗi']);
    expect(t.rows[2]).toEqual([3, 'Xã Dân Quyền', null, null, null, 'Chưa nộp']);
  });

  it('the total row sums the cells and recomputes the ratio from the sums', () => {
    expect(t.rows[4]).toEqual([null, 'Toàn huyện', 100, 27, 27, null]);
  });

  it('the completeness table uses the same statuses', () => {
    const c = completenessTable(rollup, outline);
    expect(c.header[3]).toBe('Tình trạng');
    expect(c.rows.map((r) => r[3])).toEqual([
      'Hợp lệ',
      'Có lỗi',
      'Chưa nộp',
      'Hợp lệ',
      'Chưa nộp',
      'Chưa nộp',
    ]);
    expect(c.rows[1]?.[5]).toBe(1);
  });
});
