import { describe, expect, it } from 'vitest';
import {
  checkReferences,
  evaluate,
  formatExpr,
  parseExpr,
  references,
  type Expr,
  type Lookup,
} from './expr.js';

const values: Record<string, number | null> = {
  'SINH_SONG.tong': 100,
  'SINH_SONG.nu': 48,
  'SINH_SONG.nam': 52,
  SINH_SONG: 100,
  TRONG: null,
  KHONG: 0,
};
const lookup: Lookup = (code, member, counted) => {
  if (counted) return code === 'TRONG' ? 0 : 3;
  const v = values[member === undefined ? code : `${code}.${member}`];
  return v === undefined ? null : v;
};

function ast(text: string): Expr {
  const r = parseExpr(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message} @${r.error.column}`);
  return r.ast;
}
const ev = (text: string) => evaluate(ast(text), lookup);

describe('parseExpr + evaluate', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['8 - 3 - 2', 3],
    ['8 / 4 / 2', 1],
    ['2 * 3 / 4', 1.5],
    ['-2 * 3', -6],
    ['- -2', 2],
    ['-(2 + 3)', -5],
    ['1.5 + 1', 2.5],
    ['1 + 2 < 4', 1],
    ['1 + 2 >= 4', 0],
    ['2 = 2', 1],
    ['2 == 2', 1],
    ['2 != 2', 0],
    ['0.1 + 0.2 = 0.3', 1],
    ['sum(1, 2, 3)', 6],
    ['min(4, 2, 3)', 2],
    ['max(4, 2, 3)', 4],
    ['abs(0 - 5)', 5],
    ['round(35.45, 1)', 35.5],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['if(1 > 0, 10, 20)', 10],
    ['if(0, 10, 20)', 20],
    ['SINH_SONG.nam / SINH_SONG.nu * 100', (52 / 48) * 100],
    ['SINH_SONG - SINH_SONG.nu', 52],
    ['SUM(1, 2)', 3],
    ['count(SINH_SONG)', 3],
  ])('%s = %s', (text, want) => {
    expect(ev(text)).toBeCloseTo(want as number, 9);
  });

  it('propagates a missing value as null', () => {
    expect(ev('TRONG + 1')).toBeNull();
    expect(ev('sum(SINH_SONG, TRONG)')).toBeNull();
    expect(ev('TRONG > 1')).toBeNull();
    expect(ev('-TRONG')).toBeNull();
    expect(ev('if(TRONG, 1, 2)')).toBeNull();
  });

  it('reports division by zero with its column, never Infinity', () => {
    expect(ev('SINH_SONG / KHONG')).toEqual({ error: 'division-by-zero', column: 11 });
    expect(ev('1 + 0 / 0')).toEqual({ error: 'division-by-zero', column: 7 });
    // if() evaluates only the branch it takes.
    expect(ev('if(KHONG = 0, 0, SINH_SONG / KHONG)')).toBe(0);
  });

  it('a missing operand wins over a division by zero on its right', () => {
    expect(ev('TRONG / 0')).toBeNull();
  });
});

describe('parse errors carry a Vietnamese message and a column', () => {
  it.each([
    ['1 +', 4, 'kết thúc đột ngột'],
    ['(1 + 2', 7, ')'],
    ['1 2', 3, 'Thừa'],
    ['SINH_SONG.', 11, 'Sau dấu chấm'],
    ['avg(1, 2)', 1, 'Hàm "avg" không có'],
    ['if(1, 2)', 1, 'cần đúng 3 đối số'],
    ['1 < 2 < 3', 7, 'nối hai phép so sánh'],
    ['2 # 3', 3, 'Ký tự không hợp lệ "#"'],
    ['', 1, 'trống'],
    ['count(1 + 2)', 1, 'count'],
  ])('%j', (text, column, fragment) => {
    const r = parseExpr(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.column).toBe(column);
    expect(r.error.message).toContain(fragment);
  });
});

describe('references', () => {
  it('lists references with their columns and whether they are counted', () => {
    expect(
      references(ast('A.nu + sum(B, count(C))')).map((r) => [r.text, r.column, r.counted]),
    ).toEqual([
      ['A.nu', 1, false],
      ['B', 12, false],
      ['C', 21, true],
    ]);
  });

  it('reports an unknown reference at its position', () => {
    const known = new Set(['SINH_SONG']);
    const errors = checkReferences(ast('SINH_SONG.nam / SINH_SONGG.nu'), (r) =>
      known.has(r.code) ? undefined : `không có số liệu mã "${r.code}"`,
    );
    expect(errors).toEqual([{ message: 'không có số liệu mã "SINH_SONGG"', column: 17 }]);
  });
});

describe('formatExpr', () => {
  it.each([
    ['8 - (3 - 2)', '8 - (3 - 2)'],
    ['(8 - 3) - 2', '8 - 3 - 2'],
    ['(1 + 2) * 3', '(1 + 2) * 3'],
    ['A.nu/A.tong*100', 'A.nu / A.tong * 100'],
    ['-(a+b)', '-(a + b)'],
    ['sum(A,B) >= 2', 'sum(A, B) >= 2'],
  ])('%s -> %s', (text, want) => {
    expect(formatExpr(ast(text))).toBe(want);
    // Round trip: the printed text parses to the same value tree.
    expect(formatExpr(ast(formatExpr(ast(text))))).toBe(want);
  });
});
