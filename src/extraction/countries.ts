/**
 * Countries from the maintained `world-countries` dataset: common and official names, alternative
 * spellings and ISO codes, demonyms ("Japanese" → Japan) and capitals ("Tokyo" → Japan, used when a
 * capital stands for its government). Nothing here is typed by hand but the id scheme.
 */
import worldCountries, { type Countries } from 'world-countries';
import { nameKey } from '../domain/nameKeys.js';
import { entityIdFromName } from '../domain/ids.js';

// The package is CommonJS (module.exports = the array); its typings describe an ES default export.
const countries = worldCountries as unknown as Countries;

export interface CountryRecord {
  id: string;
  name: string;
}

export interface CountryLookup {
  /** A country's name, official name, alternative spelling or code. */
  byName(text: string): CountryRecord | undefined;
  /** "Japanese", "South Korean". */
  byDemonym(text: string): CountryRecord | undefined;
  /** "Tokyo", "Washington", "Beijing". */
  byCapital(text: string): CountryRecord | undefined;
}

/** Codes and short spellings count only when written in capitals ("US", "PRC"), never as words ("us"). */
const isCodeLike = (spelling: string) => /^[A-Z]{2,4}$/.test(spelling);

export function createCountryLookup(): CountryLookup {
  const names = new Map<string, CountryRecord>();
  const codes = new Map<string, CountryRecord>();
  const demonyms = new Map<string, CountryRecord>();
  const capitals = new Map<string, CountryRecord>();
  const add = (map: Map<string, CountryRecord>, key: string, record: CountryRecord) => {
    if (key && !map.has(key)) map.set(key, record);
  };

  // Sovereign states only (the vocabulary's Country); territories and disputed places are Locations.
  for (const country of countries.filter((entry) => entry.independent === true)) {
    const record = { id: entityIdFromName('Country', country.name.common), name: country.name.common };
    add(names, nameKey(country.name.common), record);
    add(names, nameKey(country.name.official), record);
    for (const spelling of country.altSpellings) {
      if (isCodeLike(spelling)) add(codes, spelling, record);
      else if (spelling.length > 3) add(names, nameKey(spelling), record);
    }
    for (const code of [country.cca2, country.cca3]) add(codes, code, record);
    const demonym = country.demonyms?.eng;
    if (demonym) for (const form of [demonym.m, demonym.f]) add(demonyms, nameKey(form), record);
    for (const capital of country.capital ?? []) {
      add(capitals, nameKey(capital), record);
      // "Washington D.C." is written "Washington" in news text.
      add(capitals, nameKey(capital.replace(/,?\s+D\.?C\.?$/, '')), record);
    }
  }

  return {
    byName: (text) => {
      const compact = text.replace(/\./g, '');
      return names.get(nameKey(text)) ?? (isCodeLike(compact) ? codes.get(compact) : undefined);
    },
    byDemonym: (text) => demonyms.get(nameKey(text)),
    byCapital: (text) => capitals.get(nameKey(text)),
  };
}
