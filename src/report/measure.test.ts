import { describe, expect, it } from 'vitest';
import { textWidthTwips } from './measure.js';

const cm = (twips: number) => twips / 567;

// Widths measured for Liberation Serif in nd30-format.md §3.1-3.4 and §3.8.
describe('textWidthTwips', () => {
  it.each([
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 13, { bold: true }, 9.57],
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, { bold: true }, 8.83],
    ['Độc lập - Tự do - Hạnh phúc', 14, { bold: true }, 6.05],
    ['Độc lập - Tự do - Hạnh phúc', 13, { bold: true }, 5.61],
    ['ỦY BAN NHÂN DÂN', 13, { bold: true }, 4.32],
    ['HUYỆN TRIỆU SƠN', 13, { bold: true }, 4.28],
    ['Số: 125/BC-UBND', 13, {}, 3.61],
    ['Triệu Sơn, ngày 05 tháng 7 năm 2022', 14, { italic: true }, 7.48],
    ['TM. ỦY BAN NHÂN DÂN', 14, { bold: true }, 5.69],
  ])('%s at %i pt', (text, size, style, want) => {
    expect(cm(textWidthTwips(text, size, style))).toBeCloseTo(want, 1);
  });
});
