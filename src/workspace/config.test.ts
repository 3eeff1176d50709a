import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, parseUnits } from './config.js';
import { formatYamlProblem } from './yaml.js';

const preset = readFileSync(
  new URL('../../presets/trieu-son-2022/bctd.yaml', import.meta.url),
  'utf8',
);

describe('bctd.yaml', () => {
  it('accepts the Triệu Sơn preset and fills defaults', () => {
    const r = parseConfig(preset, 'bctd.yaml');
    if (!r.ok) throw new Error(r.problems.map(formatYamlProblem).join('\n'));
    expect(r.config.agency.name).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN TRIỆU SƠN']);
    expect(r.config.kinh_gui).toEqual(['Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa']);
    expect(r.config.periodSettings['6m'].deadline).toEqual({ month: 6, day: 20 });
    expect(r.config.periodSettings['6m'].end).toEqual({ month: 6, day: 14 });
  });

  it('names the file, key and line of every problem at once, in Vietnamese', () => {
    const text = [
      'agency:',
      '  name: Ủy ban nhân dân huyện', // not caps: line 2
      '  full_name: Ủy ban nhân dân huyện Triệu Sơn',
      '  place: Triệu Sơn',
      '  code: BC UBND', // space: line 5
      'signer:',
      '  authority: K/T CHỦ TỊCH', // old form: line 7
      '  title: PHÓ CHỦ TỊCH',
      '  name: Lê Quang Trung',
      'luu: VT',
      'font_sizes: 14/15', // line 11
      'colour: red', // unknown key: line 12
    ].join('\n');
    const r = parseConfig(text, 'bctd.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.problems.map(formatYamlProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bctd\.yaml:2 \(agency\.name\): .*in hoa/),
        expect.stringMatching(/^bctd\.yaml:5 \(agency\.code\): Ký hiệu dạng "BC-UBND"/),
        expect.stringMatching(/^bctd\.yaml:7 \(signer\.authority\): .*"KT\."/),
        expect.stringMatching(/^bctd\.yaml:11 \(font_sizes\): /),
        expect.stringMatching(/^bctd\.yaml:12 \(colour\): .*"colour"/),
      ]),
    );
    expect(lines).toHaveLength(5);
  });

  it('reports YAML syntax errors with their line', () => {
    const r = parseConfig('agency:\n  name: [ỦY BAN\n  place: x\n', 'bctd.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(formatYamlProblem(r.problems[0]!)).toMatch(/^bctd\.yaml:\d+: Lỗi cú pháp YAML/);
  });
});

describe('units.yaml', () => {
  it('parses dates (quoted or not) and reports duplicate codes with their line', () => {
    const ok = parseUnits(
      'units:\n  - {code: 15736, name: Xã Xuân Thịnh, kind: xa, valid_to: 2024-12-31}\n  - {code: "15664", name: Thị trấn Triệu Sơn, kind: thi_tran, valid_from: "2000-01-01"}\n',
      'units.yaml',
    );
    if (!ok.ok) throw new Error(ok.problems.map(formatYamlProblem).join('\n'));
    expect(ok.units[0]).toEqual({
      code: '15736',
      name: 'Xã Xuân Thịnh',
      kind: 'xa',
      validTo: { year: 2024, month: 12, day: 31 },
    });
    const dup = parseUnits(
      'units:\n  - {code: "1", name: A, kind: xa}\n  - {code: "1", name: B, kind: Xã}\n',
      'units.yaml',
    );
    expect(dup.ok).toBe(false);
    if (!dup.ok) {
      expect(dup.problems.map(formatYamlProblem)).toEqual([
        expect.stringMatching(/^units\.yaml:3 \(units\[1\]\.kind\): Loại đơn vị viết thường/),
        'units.yaml:3 (units[1].code): Mã đơn vị "1" bị trùng với đơn vị thứ 1.',
      ]);
    }
  });
});
