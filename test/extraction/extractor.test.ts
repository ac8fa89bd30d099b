/**
 * The extractor against the run's real CoreNLP server: kinds, titles, resolution within an article
 * (surname, acronym, ministry variants, capital for government), evidence offsets, co-mentions,
 * resolution across articles, and a dead server.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CO_MENTION, NlpUnavailableError, type MachineExtraction } from '../../src/domain/machineExtraction.js';
import { createArticleExtractor, type FindCandidates } from '../../src/extraction/index.js';
import { freePort } from '../support/freePort.js';

const ARTICLE = [
  'TOKYO — Japan Ground Self-Defense Force (GSDF) troops moved new launchers to Ishigaki Island on Tuesday, the Ministry of Defense said.',
  'Colonel Aiko Tanabe, who commands the 9th Artillery Regiment, said the GSDF would hold drills near the island next month.',
  'Tanabe added that the Defense Ministry had informed Washington in advance.',
  'Beijing protested the deployment, and a Chinese Foreign Ministry spokesperson, Wen Jiahao, urged Tokyo to show restraint.',
  'Japanese officials called the move defensive.',
].join(' ');

const nothingKnown: FindCandidates = async (queries) => queries.map(() => []);

async function extract(text: string, find: FindCandidates = nothingKnown): Promise<MachineExtraction> {
  const { url, annotators } = inject('nlp');
  return createArticleExtractor({ url, annotators, timeoutMs: 60_000 }, find).extract({ text, title: 'Launchers move to Ishigaki', source: 'test' });
}

const byName = (extraction: MachineExtraction, name: string) => extraction.entities.find(({ entity }) => entity.name === name || entity.aliases.includes(name));

describe('the CoreNLP extractor', () => {
  let extraction: MachineExtraction;
  // The server's first annotation loads KBP's rules: once, with the hook's longer timeout.
  beforeAll(async () => {
    extraction = await extract(ARTICLE);
  });

  it('maps NER types onto kinds and titles onto rank', () => {
    expect(byName(extraction, 'Aiko Tanabe')?.entity).toMatchObject({ kind: 'Actor', actorType: 'PERSON', rank: 'Colonel' });
    expect(byName(extraction, 'Ground Self-Defense Force')?.entity.kind).toBe('Unit');
    expect(byName(extraction, '9th Artillery Regiment')?.entity.kind).toBe('Unit');
    expect(byName(extraction, 'Chinese Foreign Ministry')?.entity).toMatchObject({ kind: 'Actor', actorType: 'ORGANIZATION' });
    expect(byName(extraction, 'Japan')?.entity).toMatchObject({ id: 'country:japan', kind: 'Country' });
    // A demonym is a mention of its country.
    expect(byName(extraction, 'Japanese')?.entity.id).toBe('country:japan');
  });

  it('resolves surnames, acronyms, ministry variants and capitals within the article', () => {
    expect(byName(extraction, 'Tanabe')?.entity.name).toBe('Aiko Tanabe');
    expect(byName(extraction, 'GSDF')?.entity).toMatchObject({ kind: 'Unit', name: 'Ground Self-Defense Force' });
    expect(byName(extraction, 'Defense Ministry')?.entity.id).toBe(byName(extraction, 'Ministry of Defense')?.entity.id);
    expect(byName(extraction, 'Washington')?.entity.id).toBe('country:united-states');
    expect(byName(extraction, 'Beijing')?.entity.id).toBe('country:china');
    const people = extraction.entities.filter(({ entity }) => entity.kind === 'Actor' && entity.actorType === 'PERSON');
    expect(people.map(({ entity }) => entity.name).sort()).toEqual(['Aiko Tanabe', 'Wen Jiahao']);
  });

  it('backs every link with its sentence at exact UTF-16 offsets, and types the clear ones', async () => {
    const text = `“Prefix — ✓” ${ARTICLE}`;
    const extraction = await extract(text);
    expect(extraction.relationships.length).toBeGreaterThan(0);
    for (const relationship of extraction.relationships) {
      expect(relationship.confidence).toBeGreaterThan(0);
      for (const evidence of relationship.evidence) expect(text.slice(evidence.start, evidence.end)).toBe(evidence.quote);
    }
    const tanabe = byName(extraction, 'Aiko Tanabe')!.entity.id;
    const regiment = byName(extraction, '9th Artillery Regiment')!.entity.id;
    expect(extraction.relationships).toContainEqual(expect.objectContaining({ type: 'LEADS', source: tanabe, target: regiment }));
    const coMention = extraction.relationships.find((r) => r.type === CO_MENTION);
    expect(coMention?.confidence).toBeLessThan(0.5);
  });

  it('attaches to one existing entity, and sends several matches to review instead of merging', async () => {
    const known: FindCandidates = async (queries) =>
      queries.map((query) => (query.keys.includes('aiko tanabe') ? ['actor:a-tanabe'] : query.keys.includes('wen jiahao') ? ['actor:wen-1', 'actor:wen-2'] : []));
    const extraction = await extract(ARTICLE, known);
    expect(byName(extraction, 'Aiko Tanabe')).toMatchObject({ resolution: 'EXISTING', entity: { id: 'actor:a-tanabe' } });
    const wen = byName(extraction, 'Wen Jiahao')!;
    expect(wen.resolution).toBe('AMBIGUOUS');
    expect(wen.candidates.sort()).toEqual(['actor:wen-1', 'actor:wen-2']);
    expect(wen.entity.id).not.toMatch(/^actor:wen-[12]$/);
  });

  it('gives one entity to spellings the article kept apart but the graph knows as one', async () => {
    const sameGraphEntity: FindCandidates = async (queries) =>
      queries.map((query) => (query.keys.includes('ministry of defense') || query.keys.includes('ground self-defense force') ? ['unit:gsdf'] : []));
    const extraction = await extract(ARTICLE, sameGraphEntity);
    const matches = extraction.entities.filter(({ entity }) => entity.id === 'unit:gsdf');
    expect(matches).toHaveLength(1);
    expect(matches[0]!.entity.aliases).toEqual(expect.arrayContaining(['GSDF', 'Ministry of Defense']));
    expect(new Set(extraction.entities.map(({ entity }) => entity.id)).size).toBe(extraction.entities.length);
  });

  it('gives the same document id to the same text', async () => {
    const [first, second] = [await extract(ARTICLE), await extract(ARTICLE)];
    expect(first.document.id).toBe(second.document.id);
    expect(first.document.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a server that does not answer as NlpUnavailableError', async () => {
    const deadUrl = `http://127.0.0.1:${await freePort()}`;
    const extractor = createArticleExtractor({ url: deadUrl, annotators: 'tokenize,ssplit', timeoutMs: 2000 }, nothingKnown);
    await expect(extractor.extract({ text: ARTICLE, title: 't', source: 's' })).rejects.toBeInstanceOf(NlpUnavailableError);
  });
});
