import { describe, expect, it } from 'vitest';
import { textWidth, TWIPS_PER_CM } from './metrics.js';

// Widths measured with Liberation Serif in nd30-format.md §3.1-3.4; the checks that decide
// whether the Quốc hiệu fits its column rely on these within a few per cent.
describe('textWidth (Times New Roman metrics)', () => {
  const cm = (text: string, size: number, bold: boolean): number =>
    textWidth(text, size * 2, bold) / TWIPS_PER_CM;
  it.each([
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 13, true, 9.57],
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, true, 8.83],
    ['Độc lập - Tự do - Hạnh phúc', 14, true, 6.05],
    ['ỦY BAN NHÂN DÂN', 13, true, 4.32],
    ['TM. ỦY BAN NHÂN DÂN', 14, true, 5.69],
  ])('%s at %i pt (bold %s) is about %f cm', (text, size, bold, expected) => {
    expect(Math.abs(cm(text, size, bold) - expected) / expected).toBeLessThan(0.04);
  });
});
