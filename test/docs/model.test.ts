import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitySchema } from '../../src/domain/extraction.js';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { ACTOR_TYPE_NAMES, ENTITY_KINDS, GRAPH, RELATIONSHIP_TYPES } from '../../src/domain/vocabulary.js';
import { ingestExtraction } from '../../src/graph/ingest.js';
import { END_MARKER, MODEL_DOC, renderVocabulary, replaceVocabularySection, START_MARKER, vocabularySection } from '../../tools/docs-vocabulary.js';
import { resetDatabase, testClient } from '../support/graph.js';
import { SEED_FILE } from '../support/extractionFixtures.js';

const doc = readFileSync(MODEL_DOC, 'utf8');

describe('docs/model.md vocabulary section', () => {
  it('is what tools/docs-vocabulary.ts generates (run `npx tsx tools/docs-vocabulary.ts` to update it)', () => {
    expect(vocabularySection(doc)).toBe(renderVocabulary().trim());
    expect(replaceVocabularySection(doc)).toBe(doc);
  });

  it('lists every relationship type with its description and example, one row each', () => {
    const section = vocabularySection(doc);
    for (const [type, term] of Object.entries(RELATIONSHIP_TYPES)) {
      const rows = section.split('\n').filter((line) => line.startsWith(`| \`${type}\` |`));
      expect(rows, type).toHaveLength(1);
      expect(rows[0]).toContain(term.description);
      expect(rows[0]).toContain(term.example);
    }
  });

  it('lists every entity kind with the fields its schema adds', () => {
    const section = vocabularySection(doc);
    for (const option of entitySchema.options) {
      const kind = option.shape.kind.value;
      const row = section.split('\n').find((line) => line.startsWith(`| \`${kind}\` |`));
      expect(row, kind).toBeDefined();
      expect(row).toContain(ENTITY_KINDS[kind].description);
      const ownFields = Object.keys(option.shape).filter((field) => !['id', 'kind', 'name', 'aliases', 'description'].includes(field));
      for (const field of ownFields) expect(row, `${kind}.${field}`).toContain(`\`${field}\``);
    }
    const actorRow = section.split('\n').find((line) => line.startsWith('| `Actor` |'));
    for (const actorType of ACTOR_TYPE_NAMES) expect(actorRow).toContain(`\`${actorType}\``);
  });

  it('replaces a stale section and refuses a document without markers', () => {
    const stale = doc.replace(vocabularySection(doc), '| `OLD_TYPE` | gone | — |');
    expect(stale).not.toBe(doc);
    expect(replaceVocabularySection(stale)).toBe(doc);
    expect(() => replaceVocabularySection(doc.replace(START_MARKER, ''))).toThrow(/vocabulary:start/);
    expect(() => replaceVocabularySection(doc.replace(END_MARKER, ''))).toThrow(/vocabulary:end/);
  });
});

describe('docs/model.md diagram', () => {
  const client = testClient();
  const diagram = doc.match(/```mermaid\n([\s\S]*?)```/)?.[1] ?? '';
  /** The diagram line that declares a node or edge, found by a piece of its label. */
  const line = (marker: string) => diagram.split('\n').find((l) => l.includes(marker)) ?? '';

  beforeAll(async () => {
    await resetDatabase(client);
    await ingestExtraction(client, readExtractionFile(SEED_FILE));
  });
  afterAll(() => client.close());

  /** Property keys the loader actually stores: those every element of the pattern has. */
  async function storedKeys(pattern: string, variable: string): Promise<string[]> {
    const [row] = await client.read<{ keys: string[] }>({
      name: 'test.storedKeys',
      cypher: `MATCH ${pattern} WITH collect(keys(${variable})) AS all
               RETURN reduce(common = all[0], ks IN all | [k IN common WHERE k IN ks]) AS keys`,
    });
    expect(row?.keys.length, pattern).toBeGreaterThan(0);
    return row!.keys;
  }

  it('draws the structural labels and relationship types', () => {
    for (const name of [GRAPH.entityLabel, GRAPH.documentLabel, GRAPH.evidenceLabel, GRAPH.mentionsType, GRAPH.citesType]) {
      expect(diagram, name).toContain(name);
    }
  });

  it('shows every property the loader stores on documents, entities, evidence, mentions and relationships', async () => {
    const boxes: [string, string, string][] = [
      [`<b>:${GRAPH.documentLabel}</b><br/>`, `(n:${GRAPH.documentLabel})`, 'n'],
      [`<b>:${GRAPH.entityLabel}:‹Kind›</b><br/>`, `(n:${GRAPH.entityLabel})`, 'n'],
      [`<b>:${GRAPH.evidenceLabel}</b><br/>`, `(n:${GRAPH.evidenceLabel})`, 'n'],
      [`${GRAPH.mentionsType} {`, `()-[r:${GRAPH.mentionsType}]->()`, 'r'],
      ['‹TYPE› {', '()-[r]->() WHERE r.id IS NOT NULL', 'r'],
    ];
    for (const [marker, pattern, variable] of boxes) {
      const drawn = line(marker);
      expect(drawn, marker).not.toBe('');
      for (const key of await storedKeys(pattern, variable)) expect(drawn, `${pattern}.${key}`).toMatch(new RegExp(`\\b${key}\\b`));
    }
  });
});
