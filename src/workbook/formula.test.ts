import { describe, expect, it } from 'vitest';
import { shiftFormula } from './formula.js';

describe('moving a shared formula to a dependant cell', () => {
  it.each([
    ['A1+B1', 1, 0, 'A2+B2'],
    ['A1+$B$1*B1', 2, 0, 'A3+$B$1*B3'],
    ['SUM(C2:C10)', 0, 1, 'SUM(D2:D10)'],
    ['$A1+A$1', 1, 1, '$A2+B$1'],
    ["'Số liệu'!E5*2", 1, 0, "'Số liệu'!E6*2"],
    ['Sheet1!A1', 3, 0, 'Sheet1!A4'],
    ['IF(A1="B2","x",LOG10(A1))', 1, 0, 'IF(A2="B2","x",LOG10(A2))'],
    ['A1-1', -1, 0, '#REF!-1'],
  ])('%s moved by %i rows, %i columns', (formula, dRow, dCol, want) => {
    expect(shiftFormula(formula, dRow, dCol)).toBe(want);
  });
});
