import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { GRAPH } from '../../src/domain/vocabulary.js';
import { ingestExtraction } from '../../src/graph/ingest.js';
import { MODEL_DOC } from '../../tools/docs-vocabulary.js';
import { resetDatabase, testClient } from '../support/graph.js';
import { SEED_FILE } from '../support/extractionFixtures.js';

const doc = readFileSync(MODEL_DOC, 'utf8');

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
