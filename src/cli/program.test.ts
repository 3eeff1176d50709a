import { describe, expect, it } from 'vitest';
import { InvalidOptionValue, parseIntOption, parseYearOption } from './program.js';

describe('numeric options', () => {
  it('refuses 0 and non-numbers for --number and --jobs, with the option named', () => {
    const number = parseIntOption('--number');
    expect(number('125')).toBe(125);
    expect(number(' 7 ')).toBe(7);
    for (const bad of ['0', '00', '-5', '12a', '', '1.5']) {
      expect(() => number(bad)).toThrow(InvalidOptionValue);
    }
    expect(() => number('0')).toThrow('--number phải là số nguyên dương, không phải "0".');
    // --jobs 0 would mean the main process, where no file has a time limit: refused too.
    const jobs = parseIntOption('--jobs');
    expect(jobs('2')).toBe(2);
    for (const bad of ['0', '-1', 'x']) expect(() => jobs(bad)).toThrow(InvalidOptionValue);
    expect(() => jobs('0')).toThrow('--jobs phải là số nguyên dương, không phải "0".');
  });

  it('takes a four-digit year and refuses 0, two digits and typos', () => {
    expect(parseYearOption('2022')).toBe(2022);
    for (const bad of ['0', '22', '20222', 'abc', '0202', '']) {
      expect(() => parseYearOption(bad)).toThrow(InvalidOptionValue);
    }
    expect(() => parseYearOption('22')).toThrow(
      '--year phải là năm có 4 chữ số, ví dụ 2022, không phải "22".',
    );
  });
});
