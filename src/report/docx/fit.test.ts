import { describe, expect, it } from 'vitest';
import { textWidthTwips } from '../measure.js';
import { fittedTwips, minimumTwips } from './table.js';
import { balanceLine } from './title.js';

describe('table columns fitted to their words', () => {
  it('widens a narrow STT column to hold "STT" and takes the twips from the wide ones', () => {
    const model = {
      columns: [
        { width: 1, align: 'center' as const },
        { width: 8, align: 'left' as const },
        { width: 2, align: 'right' as const },
      ],
      header: [['STT', 'Nội dung', 'Tổng số']],
      rows: [['1', 'Dân số trung bình', '198.959']],
    };
    const min = minimumTwips(model, 12);
    const w = fittedTwips([1, 8, 2], min, 4000);
    expect(w.reduce((a, b) => a + b, 0)).toBe(4000);
    expect(w[0]).toBeGreaterThanOrEqual(textWidthTwips('STT', 12, { bold: true }) + 170);
    expect(w[2]).toBeGreaterThanOrEqual(textWidthTwips('198.959', 12) + 170);
    w.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(min[i]!));
  });

  it('keeps the proportional widths when they already fit, or when nothing can fit', () => {
    expect(fittedTwips([1, 1], [100, 100], 2000)).toEqual([1000, 1000]);
    expect(fittedTwips([1, 1], [1500, 1500], 2000)).toEqual([1000, 1000]);
  });
});

describe('the trích yếu broken into balanced lines', () => {
  it('leaves a line that fits alone, and splits a long one into two of similar length', () => {
    expect(balanceLine('Kết quả công tác bình đẳng giới', 14, 8700)).toEqual([
      'Kết quả công tác bình đẳng giới',
    ]);
    const text = 'Kết quả thực hiện các mục tiêu, chỉ tiêu về bình đẳng giới 6 tháng đầu năm 2022';
    const lines = balanceLine(text, 14, 8700);
    expect(lines).toHaveLength(2);
    expect(lines.join(' ')).toBe(text);
    const [a, b] = lines.map((l) => textWidthTwips(l, 14, { bold: true }));
    expect(Math.abs(a! - b!)).toBeLessThan(2000);
    expect(lines[1]!.split(' ').length).toBeGreaterThan(3);
  });
});
