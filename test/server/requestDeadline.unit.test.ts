/**
 * REQUEST_TIMEOUT_MS end to end: an API whose database accepts connections but never answers
 * (a half-started Neo4j) answers every read request with SERVICE_UNAVAILABLE at its deadline,
 * instead of holding the request for the driver's connection timeouts and retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { GraphClient } from '../../src/graph/client.js';
import { GraphCache } from '../../src/graph/cache.js';
import { createApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { startSilentServer } from '../support/silentServer.js';
import type { GraphQLResponseJson } from '../support/graphqlResponse.js';

const REQUEST_TIMEOUT_MS = 700;

describe('a read request while the database does not answer', () => {
  let silentServer: Awaited<ReturnType<typeof startSilentServer>>;
  let graph: GraphClient;
  let app: App;
  let url: string;

  beforeAll(async () => {
    silentServer = await startSilentServer();
    const loaded = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      NEO4J_URI: silentServer.uri,
      NEO4J_PASSWORD: 'unused-password',
      NEO4J_QUERY_TIMEOUT_MS: '500',
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    });
    const config = { ...loaded, http: { ...loaded.http, host: '127.0.0.1', port: 0 } };
    graph = new GraphClient({ ...config.neo4j, uri: silentServer.uri, cache: new GraphCache() });
    app = createApp({ config, graph, logger: createLogger({ logLevel: 'silent' }) });
    url = (await app.start()).url;
  });

  afterAll(async () => {
    await app.stop();
    await graph.close().catch(() => undefined);
    await silentServer.close();
  });

  it('fails with SERVICE_UNAVAILABLE at REQUEST_TIMEOUT_MS, for every request', async () => {
    const timings = await Promise.all(
      ['{ entity(id: "country:japan") { name relationships(first: 5) { edges { node { type } } } } }', '{ stats { entityCount } }', '{ search(query: "Ito") { entity { name } score } }'].map(async (query) => {
        const started = performance.now();
        const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
        const body = (await res.json()) as GraphQLResponseJson;
        const ms = performance.now() - started;
        expect(res.status).toBe(200);
        // Nothing answered: a nullable root field is null, a non-null one nulls `data` itself.
        expect(Object.values((body.data ?? {}) as Record<string, unknown>).every((value) => value === null)).toBe(true);
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
        expect(body.errors?.[0]?.message).toMatch(/unavailable.*retry/i);
        return ms;
      }),
    );
    console.log(`[request deadline] answered in ${timings.map(Math.round).join(', ')} ms`);
    for (const ms of timings) {
      expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000);
    }
  });

  it('rejects a request timeout shorter than the query timeout, naming both', () => {
    expect(() => loadConfig({ NEO4J_QUERY_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).toThrow(/REQUEST_TIMEOUT_MS: 1000 .*NEO4J_QUERY_TIMEOUT_MS \(5000\)/);
  });
});
