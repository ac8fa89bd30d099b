/**
 * POST /graphql without an Origin and with a JSON body skips Express (src/server/directGraphql.ts).
 * Every request here is sent twice — once as a server-side client sends it (direct path) and once
 * with an Origin, as a browser does (Express) — and the two answers must be the same: status,
 * content type, body, request id. A spy on Express's handler proves which path each one took.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { loadConfig, type Config } from '../../src/config.js';
import type { GraphClient } from '../../src/graph/client.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createApp, GRAPHQL_PATH, type App } from '../../src/server/app.js';
import { hashApiKey } from '../../src/server/auth.js';
import { isDirectGraphqlRequest } from '../../src/server/directGraphql.js';
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

describe('POST /graphql without Express', () => {
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

  /** Sends one request both ways; checks each took the path it should. */
  async function bothWays(app: App, headers: Record<string, string>, body: string | Uint8Array<ArrayBuffer>, id: string): Promise<{ direct: Answer; viaExpress: Answer }> {
    const spy = express.get(app)!;
    const send = async (extra: Record<string, string>): Promise<Answer> => {
      const res = await fetch(bases.get(app)!, { method: 'POST', headers: { 'X-Request-Id': id, ...headers, ...extra }, body });
      return { status: res.status, contentType: res.headers.get('content-type'), requestId: res.headers.get('x-request-id'), body: withoutStackTraces(await res.text()) };
    };
    const before = spy.mock.calls.length;
    const direct = await send({});
    expect(spy.mock.calls.length, 'the direct request went through Express').toBe(before);
    const viaExpress = await send({ Origin: BROWSER_ORIGIN });
    expect(spy.mock.calls.length, 'the browser request did not go through Express').toBe(before + 1);
    return { direct, viaExpress };
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
    it(`answers ${label} exactly as Express does`, async () => {
      const { direct, viaExpress } = await bothWays(open, headers, body, `case-${label.replace(/\W+/g, '-')}`);
      expect(direct).toEqual(viaExpress);
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
    expect(refused.direct).toEqual(refused.viaExpress);
    const accepted = await bothWays(locked, { ...json, Authorization: `Bearer ${TOKEN}` }, query, 'with-key');
    expect(accepted.direct.status).toBe(200);
    expect(accepted.direct).toEqual(accepted.viaExpress);
  });

  it('replaces an unusable request id with a fresh one', async () => {
    const { direct } = await bothWays(open, json, JSON.stringify({ query: '{ __typename }' }), 'bad id with spaces');
    expect(direct.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes only POST /graphql with a JSON body in UTF-8, no Origin and no content encoding', () => {
    const request = (method: string, url: string, headers: Record<string, string>) => ({ method, url, headers }) as unknown as IncomingMessage;
    const taken = (method: string, url: string, headers: Record<string, string>) => isDirectGraphqlRequest(request(method, url, headers), GRAPHQL_PATH);
    expect(taken('POST', '/graphql', { 'content-type': 'application/json' })).toBe(true);
    expect(taken('POST', '/graphql', { 'content-type': 'Application/JSON; charset="utf-8"' })).toBe(true);
    expect(taken('POST', '/graphql', { 'content-type': 'application/json', 'content-encoding': 'identity' })).toBe(true);

    expect(taken('GET', '/graphql', { 'content-type': 'application/json' })).toBe(false);
    expect(taken('POST', '/graphql?query=x', { 'content-type': 'application/json' })).toBe(false);
    expect(taken('POST', '/graphql/extra', { 'content-type': 'application/json' })).toBe(false);
    expect(taken('POST', '/graphql', { 'content-type': 'application/json', origin: BROWSER_ORIGIN })).toBe(false);
    expect(taken('POST', '/graphql', { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toBe(false);
    expect(taken('POST', '/graphql', { 'content-type': 'application/json; charset=latin1' })).toBe(false);
    expect(taken('POST', '/graphql', { 'content-type': 'text/plain' })).toBe(false);
    expect(taken('POST', '/graphql', { 'content-type': 'application/json;;;' })).toBe(false);
    expect(taken('POST', '/graphql', {})).toBe(false);
  });
});
