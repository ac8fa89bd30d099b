/**
 * The most connected entities come from the stored degree (src/graph/degree.ts) in index order, so
 * the benchmark's ranking cache is gone: every request is one statement, and an ingest or delete —
 * through this process or through another instance — is in the very next answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphClient, QueryObservation } from '../../src/graph/client.js';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import { getMostConnected } from '../../src/graph/stats.js';
import { ingestExtraction } from '../../src/graph/ingest.js';
import { deleteDocument } from '../../src/graph/deleteDocument.js';
import { checkExtraction } from '../../src/domain/validateExtraction.js';
import { RELATIONSHIP_TYPE_NAMES } from '../../src/domain/vocabulary.js';
import { runBenchCli } from '../support/benchCli.js';
import { resetDatabase, testClient, testNeo4j } from '../support/graph.js';

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

describe('most-connected ranking without a cache', () => {
  const observations: QueryObservation[] = [];
  let client: GraphClient;
  /** Another instance of the service: its own client, so its writes bypass this process entirely. */
  let otherInstance: GraphClient;
  const statementsOf = async <T>(work: () => Promise<T>) => {
    const before = observations.length;
    const result = await work();
    return { result, statements: observations.slice(before).map((o) => o.statement) };
  };

  beforeAll(async () => {
    client = testClient((observation) => observations.push(observation));
    otherInstance = testClient();
    // The benchmark's synthetic graph, written by its CLI: hubs with exact stored degrees.
    const { uri, user, password, database } = testNeo4j();
    const generate = await runBenchCli('generate.ts', ['--entities', '300', '--seed', '11', '--batch', '1000', '--reset', '--uri', uri, '--user', user, '--password', password, '--database', database], 120_000);
    expect(generate.code, generate.stderr.slice(-2000)).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await resetDatabase(client);
    await otherInstance.close();
    await client.close();
  });

  it('the generated graph stores the exact degree of every entity', async () => {
    const [row] = await client.read<{ entities: number; bad: number }>({
      name: 'test.generatedDegrees',
      cypher: `MATCH (e:Entity)
               RETURN count(e) AS entities,
                      sum(CASE WHEN e.degree = COUNT { (e)-[:${RELATIONSHIP_TYPE_NAMES.join('|')}]-() } THEN 0 ELSE 1 END) AS bad`,
    });
    expect(row).toEqual({ entities: 300, bad: 0 });
  });

  it('answers every request with one statement', async () => {
    const first = await statementsOf(() => getMostConnected(client, NO_DEADLINE, 3));
    expect(first.statements).toEqual(['stats.mostConnected']);
    expect(first.result[0]!.entity.id).toBe('country:japan');
    const again = await statementsOf(() => getMostConnected(client, NO_DEADLINE, 3));
    expect(again.statements).toEqual(['stats.mostConnected']);
    expect(again.result).toEqual(first.result);
  });

  it('sees an ingest and a delete through this process', async () => {
    const before = (await getMostConnected(client, NO_DEADLINE, 3))[0]!.degree;
    await ingestExtraction(client, extraction());
    expect((await getMostConnected(client, NO_DEADLINE, 3))[0]).toMatchObject({ entity: { id: 'country:japan' }, degree: before + 2 });
    await deleteDocument(client, 'doc:cache-test');
    expect((await getMostConnected(client, NO_DEADLINE, 3))[0]!.degree).toBe(before);
  });

  it('sees an ingest and a delete by another instance', async () => {
    const before = (await getMostConnected(client, NO_DEADLINE, 3))[0]!.degree;
    await ingestExtraction(otherInstance, extraction());
    const after = await statementsOf(() => getMostConnected(client, NO_DEADLINE, 3));
    expect(after.statements).toEqual(['stats.mostConnected']);
    expect(after.result[0]).toMatchObject({ entity: { id: 'country:japan' }, degree: before + 2 });
    await deleteDocument(otherInstance, 'doc:cache-test');
    expect((await getMostConnected(client, NO_DEADLINE, 3))[0]!.degree).toBe(before);
  });
});
