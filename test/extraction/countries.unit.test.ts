import { describe, expect, it } from 'vitest';
import { createCountryLookup } from '../../src/extraction/countries.js';

const countries = createCountryLookup();

describe('the country lookup (world-countries)', () => {
  it('finds sovereign states by name, official name, spelling and code', () => {
    expect(countries.byName('Japan')?.id).toBe('country:japan');
    expect(countries.byName('U.S.')?.id).toBe('country:united-states');
    expect(countries.byName('United States of America')?.id).toBe('country:united-states');
    expect(countries.byName('South Korea')?.id).toBe('country:south-korea');
  });

  it('reads codes only in capitals, never the word "us"', () => {
    expect(countries.byName('USA')?.id).toBe('country:united-states');
    expect(countries.byName('us')).toBeUndefined();
  });

  it('leaves territories and disputed places to be locations', () => {
    expect(countries.byName('Guam')).toBeUndefined();
    expect(countries.byName('Taiwan')).toBeUndefined();
  });

  it('maps demonyms to the sovereign state, not a territory sharing them', () => {
    expect(countries.byDemonym('American')?.id).toBe('country:united-states');
    expect(countries.byDemonym('Japanese')?.id).toBe('country:japan');
    expect(countries.byDemonym('Filipino')?.id).toBe('country:philippines');
  });

  it('maps capitals to their country, "Washington" included', () => {
    expect(countries.byCapital('Tokyo')?.id).toBe('country:japan');
    expect(countries.byCapital('Beijing')?.id).toBe('country:china');
    expect(countries.byCapital('Washington')?.id).toBe('country:united-states');
    expect(countries.byCapital('Osaka')).toBeUndefined();
  });
});
