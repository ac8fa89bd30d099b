/**
 * A few-second version of `npm run bench`, so its scripts cannot rot: a 200-entity synthetic graph,
 * the three servers (this service, the @neo4j/graphql peer, the raw handler) started as the
 * benchmark starts them, the same answers from all three, and a one-second autocannon run each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphClient } from '../../src/graph/client.js';
import { resetDatabase, testClient, testNeo4j } from '../support/graph.js';
import { compareAnswers } from '../../bench/lib/compare.js';
import { measure } from '../../bench/lib/measure.js';
import { mixedQuestions, questions } from '../../bench/lib/pool.js';
import { stopAll } from '../../bench/lib/processes.js';
import { SCENARIOS } from '../../bench/lib/queries.js';
import { startServers, stopServers, type RunningServer } from '../../bench/lib/servers.js';
import { generateGraph } from '../../bench/lib/writer.js';
import { documentCount, relationshipCount } from '../../bench/lib/synthetic.js';

const ENTITIES = 200;
const SEED = 7;

describe('benchmark smoke run', () => {
  let client: GraphClient;
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    client = testClient();
    await resetDatabase(client);
    const summary = await generateGraph(client, { entities: ENTITIES, seed: SEED, batchSize: 100, reset: false });
    expect(summary).toMatchObject({ entities: ENTITIES, relationships: relationshipCount(ENTITIES), documents: documentCount(ENTITIES) });
    const { uri, user, password } = testNeo4j();
    servers = await startServers({ uri, user, password }, { queryTimeoutMs: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await stopServers(servers);
    await stopAll();
    // Later test files reset the data themselves; leave it empty and the schema in place anyway.
    await resetDatabase(client);
    await client.close();
  }, 60_000);

  it('wrote the real model: quotes are substrings of their documents at their offsets, mentions name their entities', async () => {
    const [row] = await client.read<{ evidence: number; badQuotes: number; badMentions: number; kinds: number; types: number; unmentioned: number }>({
      name: 'test.bench.shape',
      cypher: `
        CALL () { MATCH (ev:Evidence)-[:CITES]->(d:Document)
                  RETURN count(ev) AS evidence, sum(CASE WHEN substring(d.text, ev.start, ev.end - ev.start) = ev.quote AND ev.documentId = d.id THEN 0 ELSE 1 END) AS badQuotes }
        CALL () { MATCH (d:Document)-[m:MENTIONS]->(e:Entity)
                  RETURN sum(CASE WHEN substring(d.text, m.start, m.end - m.start) = m.text AND (m.text = e.name OR m.text IN e.aliases) THEN 0 ELSE 1 END) AS badMentions }
        CALL () { MATCH (e:Entity) RETURN count(DISTINCT e.kind) AS kinds }
        CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(DISTINCT type(r)) AS types }
        CALL () { MATCH (e:Entity) WHERE NOT EXISTS { (:Document)-[:MENTIONS]->(e) } RETURN count(e) AS unmentioned }
        RETURN evidence, badQuotes, badMentions, kinds, types, unmentioned`,
    });
    expect(row).toEqual({ evidence: relationshipCount(ENTITIES), badQuotes: 0, badMentions: 0, kinds: 7, types: expect.any(Number), unmentioned: 0 });
    expect(row!.types).toBeGreaterThan(15);
  });

  it('gets the same answers from the service, the @neo4j/graphql peer and the raw handler', async () => {
    const disagreements = await compareAnswers(servers, SCENARIOS.flatMap((scenario) => questions(scenario, ENTITIES, SEED, 2)));
    expect(disagreements).toEqual([]);
  }, 60_000);

  it('measures each server briefly without errors', async () => {
    const pool = mixedQuestions(ENTITIES, SEED, 5);
    for (const server of servers) {
      const result = await measure(server, pool, { connections: 2, durationSeconds: 1, warmupSeconds: 0 });
      expect(result.errors, server.name).toBe(0);
      expect(result.requests, server.name).toBeGreaterThan(0);
      expect(result.rssPeakMiB, server.name).toBeGreaterThan(10);
    }
  }, 60_000);
});
