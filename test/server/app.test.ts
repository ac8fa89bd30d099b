/**
 * The HTTP app against the run's real Neo4j: GraphQL, probes, metrics, request ids, GraphiQL and
 * the error paths (oversized or malformed bodies, unknown routes, a database that is away).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, type Config } from '../../src/config.js';
import { GraphClient } from '../../src/graph/client.js';
import { deadlineAfter } from '../../src/graph/deadline.js';
import { GraphCache } from '../../src/graph/cache.js';
import { LATEST_MIGRATION } from '../../src/graph/migrations.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createApp, type App } from '../../src/server/app.js';
import { hashApiKey } from '../../src/server/auth.js';
import { createLogger } from '../../src/server/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { freePort } from '../support/freePort.js';
import { resetDatabase, testClient, testNeo4j } from '../support/graph.js';
import type { GraphQLResponseJson } from '../support/graphqlResponse.js';

const LOGGED_TOKEN = 'token-must-not-be-logged';

function appConfig(env: Record<string, string> = {}): Config {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...env });
  return { ...config, http: { ...config.http, host: '127.0.0.1', port: 0 } };
}

/** Log lines the app wrote, parsed. */
function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  return {
    lines,
    raw,
    stream: {
      write(chunk: string) {
        raw.push(chunk);
        lines.push(JSON.parse(chunk) as Record<string, unknown>);
      },
    },
  };
}

async function started(app: App) {
  const { url } = await app.start();
  return url.replace(/\/graphql$/, '');
}

function postGraphql(base: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the app against a running Neo4j', () => {
  const logs = captureLogs();
  const metrics = createMetrics();
  let client: GraphClient;
  let app: App;
  let base: string;

  beforeAll(async () => {
    client = testClient(metrics.observeQuery);
    await resetDatabase(client);
    await seedGraph(client);
    // A real key, so the request is accepted and the test can check the key never reaches the logs.
    const apiKeys = `logtest:reader:${hashApiKey(LOGGED_TOKEN).toString('hex')}`;
    app = createApp({ config: appConfig({ API_KEYS: apiKeys }), graph: client, logger: createLogger({ logLevel: 'info' }, logs.stream), metrics });
    base = await started(app);
  });

  afterAll(async () => {
    await app?.stop();
    await client?.close();
  });

  it('answers { __typename }', async () => {
    const res = await postGraphql(base, { query: '{ __typename }' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers a query that reads the graph', async () => {
    const res = await postGraphql(base, { query: 'query Stats { stats { entityCount } }' });
    const body = (await res.json()) as { data?: { stats: { entityCount: number } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.stats.entityCount).toBeGreaterThan(0);
  });

  it('accepts GET operations with a CSRF preflight header, and blocks them without one', async () => {
    const url = `${base}/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const allowed = await fetch(url, { headers: { Accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { __typename: 'Query' } });

    const blocked = await fetch(url, { headers: { Accept: 'application/json' } });
    expect(blocked.status).toBe(400);
  });

  it('is live', async () => {
    const res = await fetch(`${base}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('is ready once Neo4j answers and every migration is applied', async () => {
    const res = await fetch(`${base}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', neo4j: true, migrations: LATEST_MIGRATION });
  });

  it('exposes GraphQL, Neo4j, HTTP and process metrics', async () => {
    await postGraphql(base, { query: 'query Stats { stats { entityCount } }' });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^graphql_requests_total\{operation="Stats",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^graphql_request_duration_seconds_bucket\{.*operation="Stats",outcome="ok"/m);
    expect(text).toMatch(/^neo4j_queries_total\{statement="stats\.counts",mode="read",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^neo4j_query_duration_seconds_count\{statement="stats\.counts",mode="read",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^http_requests_total\{method="POST",route="\/graphql",status="200"\} [1-9]/m);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toMatch(/^neo4j_connection_pool_max 50$/m);
    expect(text).toMatch(/^neo4j_available 1$/m);
    expect(text).toMatch(/^neo4j_sessions_in_use 0$/m);
  });

  it('counts the Neo4j sessions in use while statements run', async () => {
    const slow = { name: 'test.metrics.slow', cypher: 'UNWIND range(1, 300000000) AS x WITH x WHERE x % 7 = 0 RETURN count(*) AS n' };
    const running = [1, 2].map(() => client.read(slow, {}, deadlineAfter(1_500)).catch(() => undefined));
    await sleep(300);
    const text = await (await fetch(`${base}/metrics`)).text();
    await Promise.all(running);
    expect(text).toMatch(/^neo4j_sessions_in_use 2$/m);
    // The requests gave up at their deadline; the sessions close when Neo4j ends the transactions.
    let after = '';
    for (let waited = 0; waited < 10_000 && !/^neo4j_sessions_in_use 0$/m.test(after); waited += 250) {
      await sleep(250);
      after = await (await fetch(`${base}/metrics`)).text();
    }
    expect(after).toMatch(/^neo4j_sessions_in_use 0$/m);
  });

  it('labels rejected operations as such', async () => {
    const res = await postGraphql(base, { query: 'query Broken { noSuchField }' });
    expect(res.status).toBe(400);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/^graphql_requests_total\{operation="anonymous",outcome="rejected"\} [1-9]/m);
  });

  it('echoes a sane x-request-id and logs one line per operation with it, without variables or tokens', async () => {
    const res = await postGraphql(
      base,
      { query: 'query Echo($secret: String!) { __type(name: $secret) { name } }', operationName: 'Echo', variables: { secret: 'do-not-log-me' } },
      { 'x-request-id': 'test-req-123', Authorization: `Bearer ${LOGGED_TOKEN}` },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('test-req-123');

    const line = logs.lines.find((l) => l.msg === 'graphql operation' && l.reqId === 'test-req-123');
    expect(line).toMatchObject({ operation: 'Echo', outcome: 'ok', reqId: 'test-req-123' });
    expect(typeof line?.durationMs).toBe('number');
    const all = logs.raw.join('');
    expect(all).not.toContain('do-not-log-me');
    expect(all).not.toContain('token-must-not-be-logged');
  });

  it('replaces an unusable x-request-id with a fresh one', async () => {
    const res = await postGraphql(base, { query: '{ __typename }' }, { 'x-request-id': 'x'.repeat(500) });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const other = await postGraphql(base, { query: '{ __typename }' });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(other.headers.get('x-request-id')).not.toBe(id);
  });

  it('serves GraphiQL to browsers on GET /graphql', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('GraphiQL');
    expect(html).toContain('ColonelAndHisLinks');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${base}/no/such/route`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('treats paths below /graphql as unknown routes', async () => {
    const res = await fetch(`${base}/graphql/extra`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(404);
  });

  it('refuses an oversized body with a JSON 413, not a 500', async () => {
    const res = await postGraphql(base, { query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('refuses malformed JSON with a JSON 400 and no stack trace', async () => {
    const res = await postGraphql(base, '{"query": ');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(text).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('the app in production mode', () => {
  let client: GraphClient;
  let app: App;
  let base: string;
  const SCRAPER_KEY = 'scraper-key-0123456789abcdef';
  const READER_KEY = 'reader-key-0123456789abcdef';

  beforeAll(async () => {
    client = testClient();
    const apiKeys = [`prometheus:metrics:${hashApiKey(SCRAPER_KEY).toString('hex')}`, `dashboard:reader:${hashApiKey(READER_KEY).toString('hex')}`].join(',');
    app = createApp({
      config: appConfig({ NODE_ENV: 'production', NEO4J_PASSWORD: 'not-the-dev-password', API_KEYS: apiKeys }),
      graph: client,
      logger: createLogger({ logLevel: 'silent' }),
    });
    base = await started(app);
  });

  afterAll(async () => {
    await app?.stop();
    await client?.close();
  });

  it('serves no IDE, no landing page and no introspection', async () => {
    const page = await fetch(`${base}/graphql`, { headers: { Accept: 'text/html' } });
    expect(await page.text()).not.toContain('GraphiQL');

    const res = await postGraphql(base, { query: '{ __schema { queryType { name } } }' });
    const body = (await res.json()) as GraphQLResponseJson;
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    expect(body.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
  });

  it('serves /metrics only to a key with the metrics role, with a coded error otherwise', async () => {
    const scrape = (key?: string) => fetch(`${base}/metrics`, key ? { headers: { Authorization: `Bearer ${key}` } } : {});
    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const wrongKey = await scrape('not-a-configured-key-0123');
    expect(wrongKey.status).toBe(401);
    const reader = await scrape(READER_KEY);
    expect(reader.status).toBe(403);
    expect(await reader.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const scraper = await scrape(SCRAPER_KEY);
    expect(scraper.status).toBe(200);
    expect(await scraper.text()).toContain('http_requests_total');
  });
});

describe('the app while Neo4j is unreachable', () => {
  let client: GraphClient;
  let app: App;
  let base: string;

  beforeAll(async () => {
    const { user, password, database } = testNeo4j();
    client = new GraphClient({ uri: `bolt://127.0.0.1:${await freePort()}`, user, password, database, queryTimeoutMs: 2_000, cache: new GraphCache() });
    app = createApp({ config: appConfig(), graph: client, logger: createLogger({ logLevel: 'silent' }) });
    base = await started(app);
  });

  afterAll(async () => {
    await app?.stop();
    await client?.close();
  });

  it('is live but not ready, and says which check failed', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const res = await fetch(`${base}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', neo4j: false, failed: ['neo4j'], expectedMigrations: LATEST_MIGRATION });
  });

  it('answers a query with a GraphQL error instead of crashing', async () => {
    const res = await postGraphql(base, { query: '{ stats { entityCount } }' });
    const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
    expect(body.errors?.length).toBeGreaterThan(0);
    expect((await postGraphql(base, { query: '{ __typename }' })).status).toBe(200);
  });
});
