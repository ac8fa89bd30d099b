/** Connects tests to the run's Neo4j (see test/globalSetup.ts) and resets or seeds its data. */
import { inject } from 'vitest';
import { GraphClient, type QueryObservation } from '../../src/graph/client.js';
import { GraphCache } from '../../src/graph/cache.js';
import { applyMigrations } from '../../src/graph/migrations.js';
import { seedGraph } from '../../src/graph/seed.js';

export function testNeo4j() {
  return inject('neo4j');
}

/** The environment that points a process of the entry point (test/support/mainProcess.ts) at the run's Neo4j. */
export function testNeo4jEnv(): Record<string, string> {
  const { uri, user, password } = testNeo4j();
  return { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password };
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

/** Resets the run's database and loads the seed graph, with a client of its own. */
export async function seedTestDatabase(): Promise<void> {
  const graph = testClient();
  try {
    await resetDatabase(graph);
    await seedGraph(graph);
  } finally {
    await graph.close();
  }
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
