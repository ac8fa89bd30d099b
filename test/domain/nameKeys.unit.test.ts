import { describe, expect, it } from 'vitest';
import { nameKey, nameKeys } from '../../src/domain/nameKeys.js';

describe('nameKey', () => {
  it.each([
    ['The U.S.', 'us'],
    ['U.S', 'us'],
    ['US', 'us'],
    ["Japan's", 'japan'],
    ['Japan’s', 'japan'],
    ['Mr. Akazawa', 'akazawa'],
    ['Tōkyō', 'tokyo'],
    ['the Chinese  navy', 'chinese navy'],
    ['Seventh Regiment', '7th regiment'],
    ['7th Regiment', '7th regiment'],
  ])('%s → %s', (name, key) => expect(nameKey(name)).toBe(key));

  it('keeps a lone honorific-like word that is the whole name', () => {
    expect(nameKey('Dr')).toBe('dr');
  });
});

describe('nameKeys', () => {
  it('gives the distinct keys of a name and its aliases, in order', () => {
    expect(nameKeys('United States', ['U.S.', 'US', 'the United States'])).toEqual(['united states', 'us']);
  });
});
