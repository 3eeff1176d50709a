import { describe, expect, it } from 'vitest';
import { parseOutline } from '../outline/load.js';
import type { Outline } from '../outline/schema.js';
import { makePeriod } from '../period/periods.js';
import { noiDungSkeleton, parseNoiDung, textBlocks } from './compose.js';
import { createHandlebars, renderOutlineText } from './helpers.js';
import type { Rollup } from '../aggregate/types.js';

const YAML = `id: t
version: "1"
title: Báo cáo thử
trich_yeu: "Kết quả {{ky.nhan}}"
periods: [6m]
unit_kinds: {xa: Xã}
inputs:
  - {code: A, label: Số A, unit: người, reporters: [xa]}
sections:
  - number: I
    title: Công tác chỉ đạo
    guidance: Nêu văn bản.
    children:
      - {number: 1, title: Văn bản}
  - number: II
    title: Kết quả
`;
function outline(): Outline {
  const r = parseOutline(YAML, 't.yaml');
  if (!r.ok) throw new Error('outline');
  return r.outline;
}

describe('noi-dung.md', () => {
  it('writes the headings with guidance and reads texts back by heading numbers (CRLF, NFD, blank lines)', () => {
    const o = outline();
    const sk = noiDungSkeleton(o, makePeriod('6m', 2022));
    expect(sk).toContain('## I. CÔNG TÁC CHỈ ĐẠO');
    expect(sk).toContain('### 1. Văn bản');
    expect(sk).toContain('<!-- Nêu văn bản. -->');
    const filled = sk
      .replace('### 1. Văn bản', '### 1. Văn bản\n\n\nĐã ban hành kế hoạch.\n\n\n\nĐoạn hai.')
      .replace('## II. KẾT QUẢ', '## II. Kết quả (đã sửa tên)\nĐạt kết quả tốt.')
      .replace(/\n/g, '\r\n')
      .normalize('NFD');
    const p = parseNoiDung(filled, o);
    expect(p.texts['I.1']).toBe('Đã ban hành kế hoạch.\n\nĐoạn hai.');
    expect(p.texts.II).toBe('Đạt kết quả tốt.');
    expect(p.texts.I).toBeUndefined();
    expect(parseNoiDung('## IX. Lạ\nabc', o).unknown).toEqual(['## IX. Lạ']);
    expect(parseNoiDung('# Tiêu đề\nMở đầu riêng.\n## I. X\n', o).texts['']).toBe('Mở đầu riêng.');
  });

  it('turns blank lines into paragraphs and dash lines into bullets', () => {
    expect(textBlocks('Một\ndòng tiếp.\n\nHai.\n- gạch')).toEqual([
      { kind: 'paragraph', runs: [{ text: 'Một dòng tiếp.' }] },
      { kind: 'paragraph', runs: [{ text: 'Hai.' }] },
      { kind: 'bullet', runs: [{ text: '- gạch' }] },
    ]);
  });
});

describe('outline templates', () => {
  const o = outline();
  const rollup = { values: { A: { value: 1234 } }, indicators: {}, units: [] } as unknown as Rollup;
  const hb = createHandlebars({ outline: o, rollup });
  it('formats numbers the Vietnamese way and does not HTML-escape', () => {
    expect(
      renderOutlineText(hb, 'Có {{so "A"}} người & {{x}}', { x: 'Văn hóa & Thông tin' }, 'mục I'),
    ).toBe('Có 1.234 người & Văn hóa & Thông tin');
  });
  it('a missing variable fails (strict) and names the section in Vietnamese', () => {
    expect(() =>
      renderOutlineText(hb, '{{ky.khong_co}}', { ky: {} }, 'mục II.1 (Kết quả)'),
    ).toThrow(/Mẫu văn bản \(template\) của mục II\.1 \(Kết quả\) trong đề cương bị lỗi/);
  });
});
