import { describe, expect, it } from 'vitest';
import { aliasBomb } from '../../test/helpers/yaml.js';
import { formatOutlineError, parseOutline, type OutlineError } from './load.js';

/** A small valid outline; each test breaks one line of it. Line numbers are 1-based. */
const VALID = `id: thu
version: "1"
title: Đề cương thử
trich_yeu: "Kết quả {{ky.nhan}}"
periods: [6m, year]
unit_kinds:
  xa: Xã
  trung_tam_y_te: Trung tâm Y tế
category_sets:
  gioi_tinh:
    members:
      - {code: tong, label: Tổng số}
      - {code: nam, label: Nam}
      - {code: nu, label: Nữ}
    total: tong
objectives:
  - {code: M4, title: "Mục tiêu 4: Trong lĩnh vực y tế"}
inputs:
  - code: SINH_SONG
    label: Số trẻ sinh ra sống
    unit: trẻ
    categories: gioi_tinh
    entered: [tong, nu]
    derived: {nam: "tong - nu"}
    reporters: [xa, trung_tam_y_te]
    aggregate: {kind: from, from: trung_tam_y_te}
indicators:
  - code: M4.CT1
    objective: M4
    label: Tỷ số giới tính khi sinh
    numerator: SINH_SONG.nam
    denominator: SINH_SONG.nu
    scale: 100
    unit: bé trai/100 bé gái
    direction: down
    targets: {2025: "<= 111", 2030: "<= 109"}
    status: CONFIRMED
    source: NQ 28/NQ-CP
rules:
  - code: R_NU
    left: SINH_SONG.nu
    op: "<="
    right: SINH_SONG.tong
    message: Số trẻ gái không lớn hơn tổng số.
sections:
  - number: I
    title: KẾT QUẢ
    children:
      - number: 1
        title: Y tế
        template: |
          Tỷ số giới tính khi sinh {{chi_so "M4.CT1"}}.
          {{#if (co_so_lieu "SINH_SONG")}}Có {{so "SINH_SONG.nu"}} trẻ gái.{{else}}Chưa có số liệu.{{/if}}
appendix:
  - id: B08
    name: Biểu 08
    title: Theo xã
    rows: {from: units, kinds: [xa]}
    columns:
      - {key: stt, label: STT}
      - {key: unit_name, label: Đơn vị}
      - {input: SINH_SONG.nam, label: Nam}
`;

function lineOf(text: string, fragment: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(fragment));
  if (i < 0) throw new Error(`fragment not found: ${fragment}`);
  return i + 1;
}

function errorsOf(text: string): OutlineError[] {
  const r = parseOutline(text, 'thu.yaml');
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('parseOutline', () => {
  it('accepts a valid outline and applies defaults', () => {
    const r = parseOutline(VALID, 'thu.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatOutlineError).join('\n'));
    const input = r.outline.inputs[0];
    expect(input?.type).toBe('integer');
    expect(input?.blank).toBe('not_reported');
    expect(r.outline.indicators[0]?.targets['2025']).toEqual({ op: '<=', value: 111 });
    expect(r.outline.sections[0]?.children[0]?.number).toBe('1');
  });

  it('names file, path and line for a wrong type', () => {
    const text = VALID.replace('    scale: 100', '    scale: "một trăm"');
    const [e] = errorsOf(text);
    expect(e).toMatchObject({
      file: 'thu.yaml',
      path: 'indicators[0].scale',
      line: lineOf(text, 'scale:'),
    });
    expect(e?.message).toContain('Cần một số');
  });

  it('names an unknown aggregation kind with the kinds that exist', () => {
    const text = VALID.replace('{kind: from, from: trung_tam_y_te}', '{kind: average}');
    const [e] = errorsOf(text);
    expect(e?.path).toBe('inputs[0].aggregate.kind');
    expect(e?.line).toBe(lineOf(text, 'kind: average'));
    expect(e?.message).toContain('sum, from, count_yes, max, last');
  });

  it('quotes an unknown aggregation in the short form, with the nearest kind', () => {
    const text = VALID.replace('{kind: from, from: trung_tam_y_te}', 'maxx');
    const [e] = errorsOf(text);
    expect(e?.line).toBe(lineOf(text, 'aggregate: maxx'));
    expect(e?.message).toMatch(/^chuỗi "maxx" không phải loại hợp lệ/);
    expect(e?.message).toContain('Có phải ý là "max"?');
  });

  it('names an undeclared supplying unit kind', () => {
    const text = VALID.replace('from: trung_tam_y_te}', 'from: trung_tam}');
    const errors = errorsOf(text);
    expect(formatOutlineError(errors[0] as OutlineError)).toBe(
      `thu.yaml:${lineOf(text, 'from: trung_tam}')} (inputs[0].aggregate.from): Loại đơn vị "trung_tam" chưa khai báo trong unit_kinds; dùng một trong: xa, trung_tam_y_te. Có phải ý là "trung_tam_y_te"?`,
    );
  });

  it('reports an unknown reference inside a formula with its column', () => {
    const text = VALID.replace(
      'numerator: SINH_SONG.nam',
      'numerator: SINH_SONG.nam + SINH_SONGG.nu',
    );
    const [e] = errorsOf(text);
    expect(e?.path).toBe('indicators[0].numerator');
    expect(e?.line).toBe(lineOf(text, 'SINH_SONGG'));
    expect(e?.message).toContain('cột 17');
    expect(e?.message).toContain('không có số liệu mã "SINH_SONGG"');
    expect(e?.message).toContain('Có phải ý là "SINH_SONG"?');
  });

  it('reports an unknown category member', () => {
    const text = VALID.replace('denominator: SINH_SONG.nu', 'denominator: SINH_SONG.nuu');
    const [e] = errorsOf(text);
    expect(e?.message).toContain('không có cột "nuu"');
    expect(e?.message).toContain('SINH_SONG.tong, SINH_SONG.nam, SINH_SONG.nu');
  });

  it('reports a duplicate code at the second occurrence', () => {
    const text = VALID.replace(
      'rules:\n',
      `  - code: M4.CT1
    objective: M4
    label: Lặp
    unit: x
    district_computable: false
    note: thử
    status: PARTIAL
    source: thử
rules:
`,
    );
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    const second = text.split('\n').findLastIndex((l) => l.includes('code: M4.CT1')) + 1;
    expect(errors[0]).toMatchObject({ path: 'indicators[1].code', line: second });
    expect(errors[0]?.message).toContain('bị trùng');
  });

  it('reports a YAML syntax error with its line', () => {
    const text = VALID.replace('periods: [6m, year]', 'periods: [6m, year');
    const [e] = errorsOf(text);
    expect(e?.path).toBe('');
    expect(e?.line).toBeGreaterThanOrEqual(lineOf(text, 'periods:'));
    expect(e?.message).toContain('cú pháp YAML');
  });

  it('reports a duplicate YAML key', () => {
    const text = VALID.replace('    unit: trẻ\n', '    unit: trẻ\n    unit: em\n');
    const [e] = errorsOf(text);
    expect(e?.line).toBe(lineOf(text, 'unit: em'));
    expect(e?.message).toContain('lặp lại');
  });

  it('reports a misspelled key on its own line with a suggestion', () => {
    const text = VALID.replace(
      '    reporters: [xa, trung_tam_y_te]',
      '    reporter: [xa, trung_tam_y_te]',
    );
    const errors = errorsOf(text);
    const unknown = errors.find((e) => e.path === 'inputs[0].reporter');
    expect(unknown?.line).toBe(lineOf(text, 'reporter:'));
    expect(unknown?.message).toContain('có phải ý là "reporters"');
    const missing = errors.find((e) => e.path === 'inputs[0].reporters');
    expect(missing?.message).toContain('Thiếu khóa bắt buộc "reporters"');
  });

  it('reports every error at once, in line order', () => {
    const text = VALID.replace('    scale: 100', '    scale: -1')
      .replace('{kind: from, from: trung_tam_y_te}', '{kind: average}')
      .replace('title: Đề cương thử', 'title: ""');
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual([
      'title',
      'inputs[0].aggregate.kind',
      'indicators[0].scale',
    ]);
    expect(errors.map((e) => e.line)).toEqual([...errors.map((e) => e.line)].sort((a, b) => a - b));
  });

  it('reports named-rule problems together (references, entered/derived, template codes)', () => {
    const text = VALID.replace('entered: [tong, nu]', 'entered: [tong]')
      .replace('objective: M4\n', 'objective: M9\n')
      .replace('{{chi_so "M4.CT1"}}', '{{chi_so "M4.CT9"}}');
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual([
      'inputs[0].entered',
      'inputs[0].derived.nam',
      'indicators[0].objective',
      'sections[0].children[0].template',
    ]);
    const tpl = errors[3] as OutlineError;
    // The template error points at the template's own first line inside the block scalar.
    expect(tpl.line).toBe(lineOf(text, 'M4.CT9'));
    expect(tpl.message).toContain('chỉ tiêu "M4.CT9" không có');
  });

  it('reports a target without an operator', () => {
    const text = VALID.replace('2030: "<= 109"', '2030: 109');
    const [e] = errorsOf(text);
    expect(e?.path).toBe('indicators[0].targets.2030');
    expect(e?.message).toContain('">= 60"');
  });

  it('says what a whole-file problem is', () => {
    expect(errorsOf('- a\n- b\n')[0]?.message).toContain('nhóm khóa: giá trị');
  });
});

describe('an alias bomb in an outline', () => {
  it('ends in one message, not in memory or a crash', () => {
    const r = parseOutline(aliasBomb(5, 'id'), 'de-cuong.yaml');
    if (r.ok) throw new Error('expected errors');
    expect(r.errors).toEqual([
      expect.objectContaining({
        file: 'de-cuong.yaml',
        message: expect.stringContaining('quá nhiều bí danh YAML'),
      }),
    ]);
  });
});
