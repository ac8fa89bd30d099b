/**
 * Query.search: full-text search over names, aliases and descriptions. Relevance, typo tolerance,
 * the kinds filter, the bounds of `first`, and hostile input that must never reach Lucene as
 * syntax (results or BAD_USER_INPUT, never a server error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createTestApi } from '../support/api.js';
import { SEED_FILE } from '../support/extractionFixtures.js';
import { resetDatabase } from '../support/graph.js';

const api = await createTestApi();
const { extraction } = readExtractionFile(SEED_FILE);
const seedEntities = extraction.entities;
const entityById = new Map(seedEntities.map((e) => [e.id, e]));

beforeAll(async () => {
  await resetDatabase(api.graph);
  await seedGraph(api.graph);
});
afterAll(() => api.close());

interface Hit {
  score: number;
  entity: { id: string; kind: string; name: string };
}

const SEARCH = `
  query Search($query: String!, $kinds: [EntityKind!], $first: Int) {
    search(query: $query, kinds: $kinds, first: $first) { score entity { id kind name } }
  }`;

async function search(query: string, extra: Record<string, unknown> = {}): Promise<Hit[]> {
  const { data, errors } = await api.run<{ search: Hit[] }>(SEARCH, { query, ...extra });
  expect(errors, JSON.stringify(errors)).toBeUndefined();
  return data!.search;
}

async function searchError(query: string, extra: Record<string, unknown> = {}) {
  const { data, errors } = await api.run<{ search: Hit[] }>(SEARCH, { query, ...extra });
  expect(errors, 'expected an error').toBeDefined();
  expect(data ?? null).toBeNull();
  return errors!;
}

/** Well-formed hits: unique entities, positive scores, best first. */
function expectRanked(hits: Hit[]) {
  expect(new Set(hits.map((h) => h.entity.id)).size).toBe(hits.length);
  for (const hit of hits) {
    expect(hit.score).toBeGreaterThan(0);
    expect(entityById.has(hit.entity.id), hit.entity.id).toBe(true);
  }
  for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
}

describe('search: relevance', () => {
  it('"self defense" finds the Ground Self-Defense Force first', async () => {
    const gsdf = seedEntities.find((e) => e.name === 'Ground Self-Defense Force')!;
    expect(gsdf).toBeDefined();
    const hits = await search('self defense');
    expectRanked(hits);
    expect(hits[0]!.entity.id).toBe(gsdf.id);
    expect(hits[0]!.score, 'strictly better than the next hit').toBeGreaterThan(hits[1]?.score ?? 0);
  });

  it('a typo ("Akazwa") still finds Akazawa, first', async () => {
    const akazawa = seedEntities.find((e) => e.aliases.includes('Akazawa'))!;
    const hits = await search('Akazwa');
    expectRanked(hits);
    expect(hits[0]!.entity.id).toBe(akazawa.id);
  });

  it('finds an entity by an alias the text never uses ("JGSDF")', async () => {
    const owner = seedEntities.find((e) => e.aliases.includes('JGSDF'))!;
    const hits = await search('JGSDF');
    expect(hits[0]!.entity.id).toBe(owner.id);
  });

  it('finds entities by words that occur only in descriptions', async () => {
    const word = 'backdrop';
    const expected = seedEntities.filter((e) => e.description.toLowerCase().includes(word) && ![e.name, ...e.aliases].join(' ').toLowerCase().includes(word));
    expect(expected.length, `the seed uses "${word}" in a description`).toBeGreaterThan(0);
    const hits = await search(word);
    expect(hits.map((h) => h.entity.id)).toEqual(expect.arrayContaining(expected.map((e) => e.id)));
  });

  it("every entity's canonical name finds that entity among the first hits", async () => {
    for (const entity of seedEntities) {
      const hits = await search(entity.name, { first: 10 });
      expectRanked(hits);
      expect(hits.map((h) => h.entity.id), entity.name).toContain(entity.id);
    }
  });

  it('matching is case-insensitive', async () => {
    const lower = await search('okinawa');
    const upper = await search('OKINAWA');
    expect(lower.map((h) => h.entity.id)).toEqual(upper.map((h) => h.entity.id));
    expect(lower[0]!.entity.id).toBe(seedEntities.find((e) => e.name === 'Okinawa')!.id);
  });

  it('possessives and plurals match the plain word ("japan" finds text that only says "Japan\'s")', async () => {
    const possessiveOnly = seedEntities.filter((e) => {
      const words = [e.name, ...e.aliases, e.description].join(' ');
      return /Japan['’]s/.test(words) && !/\bJapan\b(?!['’])/.test(words);
    });
    expect(possessiveOnly.length).toBeGreaterThan(0);
    const found = new Set((await search('japan', { first: 100 })).map((h) => h.entity.id));
    for (const entity of possessiveOnly) expect(found.has(entity.id), entity.id).toBe(true);
    const regiment = seedEntities.find((e) => e.name === 'Seventh Regiment')!;
    expect((await search('regiments', { first: 100 })).map((h) => h.entity.id)).toContain(regiment.id);
  });

  it('words that match nothing give an empty list, not an error', async () => {
    expect(await search('zyxwvutsrq qqqqqqqqqq')).toEqual([]);
  });
});

describe('search: kinds and first', () => {
  it('kinds keeps only hits of those kinds, a subset of the unfiltered hits', async () => {
    const unfiltered = await search('japan', { first: 100 });
    const kindsPresent = [...new Set(unfiltered.map((h) => h.entity.kind))];
    expect(kindsPresent.length, 'the query hits several kinds').toBeGreaterThan(1);
    for (const kind of kindsPresent) {
      const hits = await search('japan', { kinds: [kind], first: 100 });
      expectRanked(hits);
      expect(hits.length, kind).toBeGreaterThan(0);
      for (const hit of hits) expect(hit.entity.kind).toBe(kind);
      expect(hits.map((h) => h.entity.id).sort(), kind).toEqual(unfiltered.filter((h) => h.entity.kind === kind).map((h) => h.entity.id).sort());
    }
    const two = kindsPresent.slice(0, 2);
    const hits = await search('japan', { kinds: two, first: 100 });
    expect(hits.map((h) => h.entity.id).sort()).toEqual(unfiltered.filter((h) => two.includes(h.entity.kind)).map((h) => h.entity.id).sort());
  });

  it('kinds with no matching entity gives an empty list', async () => {
    const gsdfKind = seedEntities.find((e) => e.name === 'Ground Self-Defense Force')!.kind;
    const hits = await search('Akazawa', { kinds: [gsdfKind] });
    for (const hit of hits) expect(hit.entity.kind).toBe(gsdfKind);
    expect(hits.map((h) => h.entity.name)).not.toContain('Ryosei Akazawa');
  });

  it('first limits the hits (default 10, 1 and 100 allowed), best first', async () => {
    // Words most descriptions use, so there are more hits than the default page.
    const words = 'the military';
    const all = await search(words, { first: 100 });
    expectRanked(all);
    expect(all.length).toBeGreaterThan(10);
    const byDefault = await search(words);
    expect(byDefault.length).toBe(10);
    expect(byDefault.map((h) => h.score)).toEqual(all.slice(0, 10).map((h) => h.score));
    const one = await search(words, { first: 1 });
    expect(one.length).toBe(1);
    expect(one[0]!.score).toBe(all[0]!.score);
  });

  it('first outside 1–100 is BAD_USER_INPUT', async () => {
    for (const first of [0, -1, 101]) {
      const errors = await searchError('japan', { first });
      expect(errors[0]!.extensions?.code, String(first)).toBe('BAD_USER_INPUT');
      expect(errors[0]!.message).toMatch(/first/);
    }
  });
});

describe('search: hostile and degenerate input', () => {
  const hostile = [
    'japan AND (',
    '*',
    '\\',
    '"',
    '~',
    'OR',
    'AND NOT',
    'NOT',
    'title:x',
    'name:Japan',
    '/regex/',
    '/.*/',
    'japan^1000',
    'japan~',
    '[a TO z]',
    '{a TO z}',
    '+japan -china',
    'ja?an',
    '&& || !',
    '"unbalanced',
    "O'Reilly's",
    'Japan’s resolve',
    'a'.repeat(500),
    'ß ü ø 東京 😀',
    '\u0000\u0001\u001f',
    'x'.repeat(40).split('').join(' '),
    ') OR (',
  ];

  it.each(hostile.map((q) => [JSON.stringify(q).slice(0, 40), q]))('%s gives results or BAD_USER_INPUT, never a server error', async (_label, query) => {
    const { data, errors } = await api.run<{ search: Hit[] }>(SEARCH, { query });
    if (errors) {
      for (const error of errors) {
        expect(error.extensions?.code, error.message).toBe('BAD_USER_INPUT');
        expect(error.message.length).toBeGreaterThan(10);
      }
    } else {
      expectRanked(data!.search);
    }
  });

  it('search syntax is searched as plain words: "japan AND (" finds Japan first', async () => {
    const japan = seedEntities.find((e) => e.name === 'Japan')!;
    const hits = await search('japan AND (');
    expect(hits[0]!.entity.id).toBe(japan.id);
    // "AND" must not be an operator demanding both sides: the same hits as the word alone plus "and".
    expect(hits.map((h) => h.entity.id)).toEqual((await search('japan and')).map((h) => h.entity.id));
  });

  it('field syntax does not select an index field ("name:Japan" is the words name and Japan)', async () => {
    const hits = await search('name:Japan');
    expect(hits.map((h) => h.entity.id)).toEqual((await search('name Japan')).map((h) => h.entity.id));
  });

  it('a 10 kB query is BAD_USER_INPUT naming the 500-character limit', async () => {
    const errors = await searchError('japan '.repeat(1700));
    expect(errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]!.message).toMatch(/500/);
  });

  it('500 characters are accepted, 501 are not', async () => {
    const base = 'missile regiment okinawa ';
    const exactly500 = base.repeat(Math.ceil(500 / base.length)).slice(0, 500);
    expect(exactly500.length).toBe(500);
    expectRanked(await search(exactly500));
    const errors = await searchError(`${exactly500}x`);
    expect(errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an empty or whitespace-only query is BAD_USER_INPUT', async () => {
    for (const query of ['', ' ', '   \t\n ']) {
      const errors = await searchError(query);
      expect(errors[0]!.extensions?.code, JSON.stringify(query)).toBe('BAD_USER_INPUT');
      expect(errors[0]!.extensions?.argumentName).toBe('query');
    }
  });
});
