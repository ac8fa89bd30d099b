/** Connects tests to the run's Neo4j (see test/globalSetup.ts) and resets or seeds its data. */
import { inject } from 'vitest';
import { GraphClient, type QueryObservation } from '../../src/graph/client.js';
import { GraphCache } from '../../src/graph/cache.js';
import { applyMigrations } from '../../src/graph/migrations.js';

export function testNeo4j() {
  return inject('neo4j');
}

/** A client of the test database with its own cache (pass one to set its threshold, ttl or clock). */
export function testClient(onQuery?: (observation: QueryObservation) => void, cache = new GraphCache()): GraphClient {
  const { uri, user, password, database } = testNeo4j();
  return new GraphClient({ uri, user, password, database, queryTimeoutMs: 10_000, onQuery, cache });
}

/** Deletes all data (not the schema) and makes sure migrations are applied. */
export async function resetDatabase(client: GraphClient): Promise<void> {
  await client.write({ name: 'test.reset', cypher: 'MATCH (n) WHERE NOT n:Migration DETACH DELETE n' });
  await applyMigrations(client);
}

/** Counts of nodes, relationships and properties: equal counts before and after prove "nothing changed". */
export async function graphCounts(client: GraphClient) {
  const [row] = await client.read<{ nodes: number; relationships: number; nodeProperties: number; relationshipProperties: number }>({
    name: 'test.counts',
    cypher: `
      CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeProperties }
      CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships, sum(size(keys(r))) AS relationshipProperties }
      RETURN nodes, relationships, coalesce(nodeProperties, 0) AS nodeProperties, coalesce(relationshipProperties, 0) AS relationshipProperties`,
  });
  return row!;
}
