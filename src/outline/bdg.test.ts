import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeOutline, outlineTreeLines } from './describe.js';
import { evaluate, isDivisionByZero } from './expr.js';
import {
  compileOutline,
  flattenSections,
  impliedRules,
  inputsForKind,
  layoutFingerprint,
  nextTarget,
  placeholderMeaning,
  sectionsForKind,
  targetFor,
} from './helpers.js';
import { formatOutlineError, parseOutline } from './load.js';
import type { Outline } from './schema.js';

const TEXT = readFileSync(new URL('../../outlines/bdg.yaml', import.meta.url), 'utf8');

function bdg(text = TEXT): Outline {
  const r = parseOutline(text, 'bdg.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatOutlineError).join('\n'));
  return r.outline;
}

describe('built-in outline bdg', () => {
  const o = bdg();

  it('parses without error: six objectives and every chỉ tiêu of NQ 28 (20, reported as 23 lines)', () => {
    expect(o.objectives.map((x) => x.code)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    expect(o.indicators).toHaveLength(23);
    const perObjective = o.objectives.map(
      (x) => o.indicators.filter((i) => i.objective === x.code).length,
    );
    expect(perObjective).toEqual([1, 3, 5, 4, 6, 4]);
  });

  it('keeps indicators a district cannot compute, with the reason', () => {
    const off = o.indicators.filter((i) => !i.district_computable).map((i) => i.code);
    expect(off).toEqual([
      'M2.CT1',
      'M2.CT2',
      'M3.CT1',
      'M3.CT4',
      'M4.CT4',
      'M5.CT1',
      'M5.CT4a',
      'M5.CT4b',
    ]);
    for (const i of o.indicators.filter((x) => !x.district_computable)) expect(i.note).toBeTruthy();
  });

  it('has 2025 and 2030 targets, absent only where the source was not found', () => {
    const m41 = o.indicators.find((i) => i.code === 'M4.CT1');
    expect(m41 && targetFor(m41, 2025)).toEqual({ op: '<=', value: 111, year: 2025 });
    expect(m41 && nextTarget(m41, 2022)).toEqual({ op: '<=', value: 111, year: 2025 });
    expect(m41 && nextTarget(m41, 2026)).toEqual({ op: '<=', value: 109, year: 2030 });
    const no2030 = o.indicators.filter((i) => i.targets['2030'] === undefined).map((i) => i.code);
    expect(no2030).toEqual(['M5.CT1', 'M5.CT2b', 'M5.CT3']);
    for (const code of no2030)
      expect(o.indicators.find((i) => i.code === code)?.targets_note).toBeTruthy();
  });

  it('takes district births from the health centre, not communes plus centre', () => {
    const births = o.inputs.find((i) => i.code === 'SINH_SONG');
    expect(births?.aggregate).toEqual({ kind: 'from', from: 'trung_tam_y_te' });
    expect(births?.reporters).toEqual(['xa', 'thi_tran', 'trung_tam_y_te']);
  });

  it('computes the sex ratio at birth from its inputs', () => {
    const c = compileOutline(o).indicators.get('M4.CT1');
    const v = { nam: 1120, nu: 1000 } as Record<string, number>;
    const num = evaluate(
      c?.numerator ?? { kind: 'number', value: 0, column: 1 },
      (_c, m) => v[m ?? ''] ?? null,
    );
    const den = evaluate(
      c?.denominator ?? { kind: 'number', value: 0, column: 1 },
      (_c, m) => v[m ?? ''] ?? null,
    );
    expect(
      typeof num === 'number' && typeof den === 'number' ? (num / den) * 100 : null,
    ).toBeCloseTo(112, 9);
  });

  it('counts bodies with a female key leader among those that answered', () => {
    const c = compileOutline(o).indicators.get('M1.CT1');
    // 34 communes answered for UBND and HĐND, 10 yes each; 7 offices, 3 yes.
    const yes: Record<string, number> = {
      UBND_CO_LDCC_NU: 10,
      HDND_CO_LDCC_NU: 10,
      CQ_CO_LANH_DAO_NU: 3,
    };
    const answered: Record<string, number> = {
      UBND_CO_LDCC_NU: 35,
      HDND_CO_LDCC_NU: 35,
      CQ_CO_LANH_DAO_NU: 7,
    };
    const look = (code: string, _m: string | undefined, counted: boolean) =>
      (counted ? answered : yes)[code] ?? null;
    const num = c?.numerator && evaluate(c.numerator, look);
    const den = c?.denominator && evaluate(c.denominator, look);
    expect([num, den]).toEqual([23, 77]);
  });

  it('reports 0/0 as division by zero (the report prints "không phát sinh")', () => {
    const c = compileOutline(o).indicators.get('M3.CT3');
    const den = c?.denominator && evaluate(c.denominator, () => 0);
    expect(den).toBe(0);
    const ratio = evaluate(
      {
        kind: 'arith',
        op: '/',
        left: c?.numerator ?? { kind: 'number', value: 0, column: 1 },
        right: c?.denominator ?? { kind: 'number', value: 0, column: 1 },
        column: 1,
      },
      () => 0,
    );
    expect(isDivisionByZero(ratio)).toBe(true);
    expect(o.indicators.find((i) => i.code === 'M3.CT3')?.zero_denominator_text).toBe(
      'không phát sinh',
    );
  });

  it('gives each kind of unit its own rows and sections', () => {
    const xa = inputsForKind(o, 'xa', '6m').map((i) => i.code);
    expect(xa).toContain('SINH_SONG');
    expect(xa).toContain('NAN_NHAN_BL');
    expect(xa).not.toContain('TU_VONG_ME');
    expect(xa).not.toContain('THANG_HD_HOAT_DONG');
    expect(inputsForKind(o, 'xa', 'year').map((i) => i.code)).toContain('THANG_HD_HOAT_DONG');
    expect(inputsForKind(o, 'trung_tam_y_te').map((i) => i.code)).toEqual(
      expect.arrayContaining(['SINH_SONG', 'TU_VONG_ME', 'SINH_ME_15_19', 'NU_15_19']),
    );
    const gddt = sectionsForKind(o, 'phong_gddt', '6m').map((s) => s.path);
    expect(gddt).toContain('II.5');
    expect(gddt).not.toContain('II.4');
    expect(gddt).not.toContain('III.2');
    expect(sectionsForKind(o, 'phong_gddt', 'year').map((s) => s.path)).toContain('III.2');
  });

  it('numbers sections I to VI with their children', () => {
    const paths = flattenSections(o).map((s) => s.path);
    expect(paths.filter((p) => !p.includes('.'))).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI']);
    expect(paths).toContain('II.6');
    expect(paths).toContain('III.6');
  });

  it('has the appendix tables Biểu 01 to 08, B08 per commune', () => {
    expect(o.appendix.map((t) => t.name)).toEqual([
      'Biểu 01',
      'Biểu 02',
      'Biểu 03',
      'Biểu 04',
      'Biểu 05',
      'Biểu 06',
      'Biểu 07',
      'Biểu 08',
    ]);
    expect(o.appendix[7]?.rows).toEqual({ from: 'units', kinds: ['xa', 'thi_tran'] });
    expect(o.appendix[7]?.orientation).toBe('landscape');
  });

  it('implies "Nữ <= Tổng số" for entered parts and no sum rule when a part is derived', () => {
    const codes = impliedRules(o).map((r) => r.code);
    expect(codes).toContain('AUTO_SINH_SONG_NU_LE_TOTAL');
    expect(codes).not.toContain('AUTO_SINH_SONG_SUM');
    expect(codes).toContain('AUTO_NAN_NHAN_BL_TUOI_DUOI_16_LE_TOTAL');
    // Age groups do not cover everyone: no sum rule.
    expect(codes).not.toContain('AUTO_NAN_NHAN_BL_TUOI_SUM');
  });

  it('maps placeholders clerks type', () => {
    const input = o.inputs[0];
    if (input === undefined) throw new Error('no input');
    expect(placeholderMeaning(o, input, ' KPS ')).toBe('zero');
    expect(placeholderMeaning(o, input, 'X')).toBe('not_applicable');
    expect(placeholderMeaning(o, input, 'Không  phát sinh')).toBe('zero');
    expect(placeholderMeaning(o, input, '12')).toBeUndefined();
  });

  it('has a layout fingerprint that ignores wording but not layout', () => {
    const fp = layoutFingerprint(o);
    expect(fp).toMatch(/^[0-9a-f]{12}$/);
    expect(
      layoutFingerprint(bdg(TEXT.replace('label: Số trẻ sinh ra sống', 'label: Trẻ sinh ra sống'))),
    ).toBe(fp);
    expect(
      layoutFingerprint(
        bdg(
          TEXT.replace(
            '    entered: [tong, nu]\n    derived: { nam: "tong - nu" }\n    reporters: [xa, thi_tran, trung_tam_y_te]',
            '    reporters: [xa, thi_tran, trung_tam_y_te]',
          ),
        ),
      ),
    ).not.toBe(fp);
  });
});

describe('describeOutline', () => {
  const tree = describeOutline(bdg());

  it('says in Vietnamese who reports an input and how it aggregates', () => {
    const births = tree.inputs.find((i) => i.code === 'SINH_SONG');
    expect(births).toMatchObject({
      reporters: 'Xã, Thị trấn, Trung tâm Y tế huyện',
      aggregation: 'lấy từ Trung tâm Y tế huyện (số của Xã, Thị trấn chỉ để đối chiếu, không cộng)',
      cells: 'nhập Tổng số, Nữ; Nam = Tổng số - Nữ',
    });
    expect(tree.inputs.find((i) => i.code === 'VU_BLGD')?.aggregation).toBe(
      'cộng các Xã, Thị trấn',
    );
    expect(tree.inputs.find((i) => i.code === 'UBND_CO_LDCC_NU')?.aggregation).toBe(
      'đếm số đơn vị trả lời Có (Xã, Thị trấn, Phòng Nội vụ)',
    );
  });

  it('gives indicators with formula and targets', () => {
    const m4 = tree.objectives.find((o) => o.code === 'M4');
    expect(m4?.indicators[0]).toMatchObject({
      code: 'M4.CT1',
      formula: 'SINH_SONG.nam / SINH_SONG.nu × 100',
      targets: '2025: ≤ 111; 2030: ≤ 109',
      direction: 'càng thấp càng tốt',
    });
    expect(tree.objectives.find((o) => o.code === 'M3')?.indicators[0]?.notComputable).toMatch(
      /^không tính được ở cấp huyện: /,
    );
  });

  it('prints an indented tree', () => {
    const lines = outlineTreeLines(tree);
    expect(lines[0]).toBe(
      'Đề cương bdg (phiên bản 2022.1): Báo cáo kết quả thực hiện các mục tiêu, chỉ tiêu về bình đẳng giới',
    );
    expect(lines).toContain('    II.4. Mục tiêu 4: Trong lĩnh vực y tế');
    expect(lines).toContain(
      '    Tổng hợp: lấy từ Trung tâm Y tế huyện (số của Xã, Thị trấn chỉ để đối chiếu, không cộng)',
    );
    expect(lines).toContain('      Mục tiêu: 2025: ≥ 60; 2030: ≥ 75; càng cao càng tốt');
  });
});
