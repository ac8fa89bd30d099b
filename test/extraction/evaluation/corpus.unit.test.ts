import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkGold, loadCorpus } from '../../../src/extraction/evaluation/gold.js';

const corpusDir = fileURLToPath(new URL('../../fixtures/articles', import.meta.url));
const seedFile = fileURLToPath(new URL('../../../seed/japan-missile-regiments.yaml', import.meta.url));
const seed = parse(readFileSync(seedFile, 'utf8')) as { entities: { id: string; name: string; aliases?: string[] }[] };
const seedIds = new Set(seed.entities.map((entity) => entity.id));

describe('the evaluation corpus', () => {
  // loadCorpus throws on any mention not in its text, unknown endpoint, bad id or wrong prefix.
  const corpus = loadCorpus(corpusDir);

  it('has at least 10 articles of 250–450 words with front matter', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(10);
    for (const article of corpus) {
      const words = article.text.split(/\s+/).filter(Boolean).length;
      expect(words, article.id).toBeGreaterThanOrEqual(250);
      expect(words, article.id).toBeLessThanOrEqual(450);
      expect(article.url).toBe(`https://example.org/newsgraph/${article.id}`);
      expect(article.text.startsWith('---')).toBe(false);
    }
  });

  it('names seed entities in surface forms the seed does not use, in at least 3 articles', () => {
    const seedForms = new Map(seed.entities.map((entity) => [entity.id, new Set([entity.name, ...(entity.aliases ?? [])])]));
    const articlesWithNewForms = corpus.filter((article) =>
      article.gold.entities.some((entity) => seedIds.has(entity.id) && entity.mentions.some((mention) => !seedForms.get(entity.id)!.has(mention))),
    );
    expect(articlesWithNewForms.length).toBeGreaterThanOrEqual(3);
  });

  it('uses each global id with one kind across the corpus', () => {
    const kinds = new Map<string, string>();
    for (const entity of corpus.flatMap((article) => article.gold.entities)) {
      expect(kinds.get(entity.id) ?? entity.kind, entity.id).toBe(entity.kind);
      kinds.set(entity.id, entity.kind);
    }
  });
});

describe('checkGold', () => {
  const text = 'Col. Yohei Ito leads the 7th Regiment on Okinawa.';
  const ok = {
    entities: [
      { id: 'actor:yohei-ito', kind: 'Actor' as const, mentions: ['Col. Yohei Ito', 'Ito'] },
      { id: 'unit:seventh-regiment', kind: 'Unit' as const, mentions: ['7th Regiment'] },
    ],
    relationships: [{ type: 'LEADS' as const, source: 'actor:yohei-ito', target: 'unit:seventh-regiment' }],
  };

  it('accepts a consistent gold file', () => {
    expect(checkGold(ok, text)).toEqual([]);
  });

  it('rejects a mention that is not in the text as a whole word, or differs in case', () => {
    const bad = { ...ok, entities: [{ id: 'location:okinawa', kind: 'Location' as const, mentions: ['Okina', 'okinawa'] }, ...ok.entities] };
    expect(checkGold(bad, text)).toHaveLength(2);
  });

  it('rejects an unknown endpoint, a duplicate and a prefix that does not match the kind', () => {
    const bad = {
      entities: [...ok.entities, { id: 'unit:okinawa', kind: 'Location' as const, mentions: ['Okinawa'] }],
      relationships: [...ok.relationships, ...ok.relationships, { type: 'BASED_AT' as const, source: 'unit:seventh-regiment', target: 'location:okinawa' }],
    };
    const problems = checkGold(bad, text);
    expect(problems.some((p) => p.includes('must start with "location:"'))).toBe(true);
    expect(problems.some((p) => p.includes('listed twice'))).toBe(true);
    expect(problems.some((p) => p.includes('location:okinawa is not a listed entity'))).toBe(true);
  });
});
