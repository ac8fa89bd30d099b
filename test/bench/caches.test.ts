/**
 * The caches the benchmark led to (src/graph/stats.ts: the most connected entities) stay correct:
 * an ingest or delete through this process, and a write by another instance, are both seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphClient, QueryObservation } from '../../src/graph/client.js';
import { getMostConnected } from '../../src/graph/stats.js';
import { ingestExtraction } from '../../src/graph/ingest.js';
import { deleteDocument } from '../../src/graph/deleteDocument.js';
import { checkExtraction } from '../../src/domain/validateExtraction.js';
import { resetDatabase, testClient } from '../support/graph.js';
import { generateGraph } from '../../bench/lib/writer.js';

const TEXT = 'Japan is negotiating with the Zorvan Ministry. Japan relies on the Zorvan Ministry.';

function extraction() {
  const quote1 = 'Japan is negotiating with the Zorvan Ministry.';
  const quote2 = 'Japan relies on the Zorvan Ministry.';
  const checked = checkExtraction({
    document: { id: 'doc:cache-test', title: 'Cache test', source: 'test', text: TEXT },
    entities: [
      { id: 'country:japan', kind: 'Country', name: 'Japan', description: 'A country.' },
      { id: 'actor:zorvan-ministry', kind: 'Actor', actorType: 'ORGANIZATION', name: 'Zorvan Ministry', description: 'A ministry.' },
    ],
    relationships: [
      { type: 'NEGOTIATES_WITH', source: 'country:japan', target: 'actor:zorvan-ministry', evidence: [{ quote: quote1, start: 0, end: quote1.length, basis: 'STATED' }] },
      { type: 'RELIES_ON', source: 'country:japan', target: 'actor:zorvan-ministry', evidence: [{ quote: quote2, start: TEXT.indexOf(quote2), end: TEXT.indexOf(quote2) + quote2.length, basis: 'STATED' }] },
    ],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.value;
}

describe('cached most-connected ranking', () => {
  const observations: QueryObservation[] = [];
  let client: GraphClient;
  const statementsOf = async <T>(work: () => Promise<T>) => {
    const before = observations.length;
    const result = await work();
    return { result, statements: observations.slice(before).map((o) => o.statement) };
  };

  beforeAll(async () => {
    client = testClient((observation) => observations.push(observation));
    await resetDatabase(client);
    await generateGraph(client, { entities: 300, seed: 11, batchSize: 1000, reset: false });
  }, 120_000);

  afterAll(async () => {
    await resetDatabase(client);
    await client.close();
  });

  it('answers a repeated request from the cache after one constant-time check', async () => {
    const first = await statementsOf(() => getMostConnected(client, 3));
    expect(first.statements).toEqual(['stats.fingerprint', 'stats.mostConnected']);
    expect(first.result[0]!.entity.id).toBe('country:japan');
    const again = await statementsOf(() => getMostConnected(client, 3));
    expect(again.statements).toEqual(['stats.fingerprint']);
    expect(again.result).toEqual(first.result);
  });

  it('sees an ingest and a delete through this process', async () => {
    const before = (await getMostConnected(client, 3))[0]!.degree;
    await ingestExtraction(client, extraction());
    const afterIngest = await statementsOf(() => getMostConnected(client, 3));
    expect(afterIngest.statements).toContain('stats.mostConnected');
    expect(afterIngest.result[0]).toMatchObject({ entity: { id: 'country:japan' }, degree: before + 2 });
    await deleteDocument(client, 'doc:cache-test');
    expect((await getMostConnected(client, 3))[0]!.degree).toBe(before);
  });

  it('sees a write by another instance (the count-store fingerprint changes)', async () => {
    const before = (await getMostConnected(client, 3))[0]!.degree;
    // Straight to the database, as another instance of the service would.
    await client.write({
      name: 'test.otherInstance',
      cypher: `MATCH (j:Entity {id: 'country:japan'}), (o:Entity) WHERE o.id <> j.id WITH j, o LIMIT 1
               CREATE (j)-[:DETERS {id: j.id + '|DETERS|' + o.id, basis: 'STATED'}]->(o)`,
    });
    const after = await statementsOf(() => getMostConnected(client, 3));
    expect(after.statements).toEqual(['stats.fingerprint', 'stats.mostConnected']);
    expect(after.result[0]!.degree).toBe(before + 1);
  });
});
