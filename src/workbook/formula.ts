import { colName, colNumber } from './address.js';

const REF = /(?<![\w.$])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(.])/g;

/**
 * Moves a shared formula from its master cell to a dependant, as Excel does when it shares
 * one formula down a column: relative references shift by the distance, `$` parts stay.
 * Text in double quotes and quoted sheet names are left alone.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // Doubled quotes escape themselves inside a literal / quoted sheet name.
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < formula.length && formula[j] !== '"' && formula[j] !== "'") j++;
    out += formula
      .slice(i, j)
      .replace(REF, (m, cAbs: string, letters: string, rAbs: string, digits: string) => {
        const col = cAbs ? colNumber(letters) : colNumber(letters) + dCol;
        const row = rAbs ? Number(digits) : Number(digits) + dRow;
        if (colNumber(letters) === 0 || col > 16_384) return m;
        if (col < 1 || row < 1) return '#REF!';
        return `${cAbs}${colName(col)}${rAbs}${row}`;
      });
    i = j;
  }
  return out;
}
