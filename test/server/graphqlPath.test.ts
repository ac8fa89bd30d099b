/**
 * One request path for /graphql (src/server/http/graphqlHandler.ts), answered from node:http
 * without Express. Every request here is sent twice — once as a server-side client sends it and
 * once with an Origin, as a browser does — and the two answers must be the same: status, content
 * type, body, request id; the browser's also carries its CORS header. A spy on Express's handler
 * proves neither went through Express.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { GraphClient } from '../../src/graph/client.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createApp, type App } from '../../src/server/app.js';
import { hashApiKey } from '../../src/server/auth.js';
import { createLogger } from '../../src/server/logger.js';
import { resetDatabase, testClient } from '../support/graph.js';

const BROWSER_ORIGIN = 'http://dashboard.example';
const TOKEN = 'direct-path-test-token';

function appConfig(env: Record<string, string> = {}): Config {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', CORS_ORIGINS: BROWSER_ORIGIN, BODY_LIMIT_BYTES: '4096', ...env });
  return { ...config, http: { ...config.http, host: '127.0.0.1', port: 0 } };
}

/** Outside production errors carry stack traces, whose innermost frame names the route's own file. */
const withoutStackTraces = (body: string) => body.replace(/,"stacktrace":\[[^\]]*\]/g, '');

interface Answer {
  status: number;
  contentType: string | null;
  requestId: string | null;
  body: string;
}

describe('/graphql without Express', () => {
  let client: GraphClient;
  let open: App;
  let locked: App;
  const express = new Map<App, ReturnType<typeof vi.spyOn>>();
  const bases = new Map<App, string>();

  async function startApp(env: Record<string, string> = {}): Promise<App> {
    const app = createApp({ config: appConfig(env), graph: client, logger: createLogger({ logLevel: 'error' }) });
    express.set(app, vi.spyOn(app.app as unknown as { handle: () => void }, 'handle'));
    bases.set(app, (await app.start()).url);
    return app;
  }

  /** Sends one request both ways; checks neither took Express and only the browser's got CORS. */
  async function bothWays(app: App, headers: Record<string, string>, body: string | Uint8Array<ArrayBuffer>, id: string): Promise<{ direct: Answer; fromBrowser: Answer }> {
    const spy = express.get(app)!;
    const send = async (extra: Record<string, string>): Promise<Answer & { allowOrigin: string | null }> => {
      const res = await fetch(bases.get(app)!, { method: 'POST', headers: { 'X-Request-Id': id, ...headers, ...extra }, body });
      const answer = { status: res.status, contentType: res.headers.get('content-type'), requestId: res.headers.get('x-request-id'), body: withoutStackTraces(await res.text()) };
      expect(res.headers.get('vary')).toBe('Origin');
      return { ...answer, allowOrigin: res.headers.get('access-control-allow-origin') };
    };
    const before = spy.mock.calls.length;
    const { allowOrigin: none, ...direct } = await send({});
    const { allowOrigin, ...fromBrowser } = await send({ Origin: BROWSER_ORIGIN });
    expect(spy.mock.calls.length, 'a /graphql request went through Express').toBe(before);
    expect(none).toBeNull();
    expect(allowOrigin).toBe(BROWSER_ORIGIN);
    return { direct, fromBrowser };
  }

  beforeAll(async () => {
    client = testClient();
    await resetDatabase(client);
    await seedGraph(client);
    open = await startApp();
    locked = await startApp({ READS_REQUIRE_API_KEY: 'true', API_KEYS: `reader:reader:${hashApiKey(TOKEN).toString('hex')}` });
  }, 120_000);

  afterAll(async () => {
    await open?.stop();
    await locked?.stop();
    await client?.close();
  });

  const json = { 'Content-Type': 'application/json' };
  const cases: [string, Record<string, string>, string | Uint8Array<ArrayBuffer>][] = [
    ['a query that reads the graph', json, JSON.stringify({ query: '{ stats { entityCount relationshipCount } }' })],
    ['a named operation with variables', { 'Content-Type': 'application/json; charset=UTF-8' }, JSON.stringify({ query: 'query One($id: ID!) { entity(id: $id) { name } }', operationName: 'One', variables: { id: 'country:japan' } })],
    ['a GraphQL error', json, JSON.stringify({ query: '{ entity(id: "country:japan") { nosuchfield } }' })],
    ['a syntax error', json, JSON.stringify({ query: '{ stats {' })],
    ['an empty body', json, ''],
    ['malformed JSON', json, '{"query": '],
    ['JSON that is not an object', json, '"{ stats { entityCount } }"'],
    ['JSON null', json, 'null'],
    ['a batch', json, JSON.stringify([{ query: '{ __typename }' }])],
    ['invalid UTF-8', json, Uint8Array.from([...new TextEncoder().encode('{"query": "{ search(query: \\"'), 0xff, ...new TextEncoder().encode('\\") { score } }"}')])],
    ['a body over the limit', json, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(10_000) } })],
  ];

  for (const [label, headers, body] of cases) {
    it(`answers ${label} the same with and without an Origin`, async () => {
      const { direct, fromBrowser } = await bothWays(open, headers, body, `case-${label.replace(/\W+/g, '-')}`);
      expect(direct).toEqual(fromBrowser);
      expect(direct.requestId).toBe(`case-${label.replace(/\W+/g, '-')}`);
    });
  }

  it('the cases cover success, GraphQL errors and every refusal before GraphQL', async () => {
    const statuses = new Set<number>();
    for (const [label, headers, body] of cases) statuses.add((await bothWays(open, headers, body, `status-${label.length}`)).direct.status);
    expect([...statuses].sort()).toEqual([200, 400, 413]);
  });

  it('asks for an API key the same way, and accepts one the same way', async () => {
    const query = JSON.stringify({ query: '{ stats { entityCount } }' });
    const refused = await bothWays(locked, json, query, 'no-key');
    expect(refused.direct.status).toBe(401);
    expect(refused.direct).toEqual(refused.fromBrowser);
    const accepted = await bothWays(locked, { ...json, Authorization: `Bearer ${TOKEN}` }, query, 'with-key');
    expect(accepted.direct.status).toBe(200);
    expect(accepted.direct).toEqual(accepted.fromBrowser);
  });

  it('replaces an unusable request id with a fresh one', async () => {
    const { direct } = await bothWays(open, json, JSON.stringify({ query: '{ __typename }' }), 'bad id with spaces');
    expect(direct.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers GET operations, other content types, encodings and methods on the same path', async () => {
    const spy = express.get(open)!;
    const before = spy.mock.calls.length;
    const base = bases.get(open)!;
    const get = await fetch(`${base}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true', Origin: BROWSER_ORIGIN } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const gzip = await fetch(base, { method: 'POST', headers: { ...json, 'Content-Encoding': 'gzip' }, body: gzipSync(JSON.stringify({ query: '{ __typename }' })) });
    expect(await gzip.json()).toEqual({ data: { __typename: 'Query' } });
    const unknownEncoding = await fetch(base, { method: 'POST', headers: { ...json, 'Content-Encoding': 'x-unknown' }, body: '{}' });
    expect(unknownEncoding.status).toBe(415);
    expect(await unknownEncoding.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const latin1 = await fetch(base, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=latin1' }, body: '{}' });
    expect(latin1.status).toBe(415);
    const text = await fetch(base, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{ __typename }' });
    expect(text.status).toBe(400);
    const put = await fetch(base, { method: 'PUT', headers: json, body: '{}' });
    expect(put.status).toBe(405);
    expect(spy.mock.calls.length, 'a /graphql request went through Express').toBe(before);
  });

  it('answers a CORS preflight as the cors package did: 204, the origin only when allowed', async () => {
    const preflight = (origin: string) =>
      fetch(bases.get(open)!, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    const allowed = await preflight(BROWSER_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(BROWSER_ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(allowed.headers.get('access-control-max-age')).toBe('600');
    const other = await preflight('http://elsewhere.example');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
