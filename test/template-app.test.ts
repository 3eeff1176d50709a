import { describe, expect, it } from 'vitest';
import { closeUnitCodes, templateFileName } from '../src/app/template.js';
import { unitCodes } from '../src/cli/commands/template.js';
import { makePeriod } from '../src/period/periods.js';
import type { Unit } from '../src/period/units.js';

const units: Unit[] = [
  { code: '15664', name: 'Thị trấn Triệu Sơn', kind: 'thi_tran' },
  { code: '15667', name: 'Xã Thọ Sơn', kind: 'xa' },
  { code: '15718', name: 'Thị trấn Nưa', kind: 'thi_tran' },
  { code: 'PLDTBXH', name: 'Phòng Lao động - Thương binh và Xã hội', kind: 'phong' },
];

describe('template file names', () => {
  it.each([
    [units[0]!, '15664-thi-tran-trieu-son-2022-6m.xlsx'],
    [units[3]!, 'PLDTBXH-phong-lao-dong-thuong-binh-va-xa-hoi-2022-6m.xlsx'],
    [{ code: 'X/01', name: 'Xã Đồng Lợi' }, 'x-01-xa-dong-loi-2022-6m.xlsx'],
  ])('%j -> %s', (unit, name) => {
    expect(templateFileName(unit, makePeriod('6m', 2022))).toBe(name);
  });
});

describe('close unit codes', () => {
  it('suggests codes a typo away, and units whose name holds the words typed', () => {
    expect(closeUnitCodes('15665', units)).toEqual([
      '15664 (Thị trấn Triệu Sơn)',
      '15667 (Xã Thọ Sơn)',
    ]);
    expect(closeUnitCodes('nưa', units)).toEqual(['15718 (Thị trấn Nưa)']);
    expect(closeUnitCodes('99999', units)).toEqual([]);
  });
});

describe('--unit values', () => {
  it('accepts one string, repeated options and comma lists', () => {
    expect(unitCodes(undefined)).toEqual([]);
    expect(unitCodes('15664')).toEqual(['15664']);
    expect(unitCodes(['15664', '15667,15718'])).toEqual(['15664', '15667', '15718']);
  });
});
