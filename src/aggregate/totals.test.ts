import { describe, expect, it } from 'vitest';
import { namesForMessage } from './totals.js';

describe('namesForMessage', () => {
  it('keeps up to ten names as they are', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `Xã ${i + 1}`);
    expect(namesForMessage(ten)).toEqual(ten);
  });

  it('names the first ten of a country and says how many more', () => {
    const names = Array.from({ length: 9986 }, (_, i) => `Xã ${i + 1}`);
    const shown = namesForMessage(names);
    expect(shown).toHaveLength(10);
    expect(shown[0]).toBe('Xã 1');
    expect(shown[9]).toBe('Xã 10 và 9.976 đơn vị khác');
  });
});
