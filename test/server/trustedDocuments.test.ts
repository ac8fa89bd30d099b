/**
 * Trusted documents through the real app with TRUSTED_DOCUMENTS=require and the committed
 * manifest: the explorer's operations run, also by id alone (POST and GET), and any other
 * document is refused with 400 DOCUMENT_NOT_TRUSTED before it reaches Apollo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ExplorerOverviewDocument } from '../../src/explorer/gql/graphql.js';
import type { GraphClient } from '../../src/graph/client.js';
import { createApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { documentHash } from '../../src/trustedDocuments.js';
import { testClient } from '../support/graph.js';

const OVERVIEW = ExplorerOverviewDocument.toString();
const VARIABLES = { top: 5 };

describe('trusted documents through the app (require)', () => {
  let graph: GraphClient;
  let app: App;
  let url: string;

  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', TRUSTED_DOCUMENTS: 'require' });
    graph = testClient();
    app = createApp({ config: { ...config, http: { ...config.http, host: '127.0.0.1', port: 0 } }, graph, logger: createLogger({ logLevel: 'silent' }) });
    ({ url } = await app.start());
  });

  afterAll(async () => {
    await app?.stop();
    await graph?.close();
  });

  const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  type Body = { data?: Record<string, unknown>; errors?: { extensions?: Record<string, unknown> }[] };

  it('runs an explorer operation sent in full', async () => {
    const res = await post({ query: OVERVIEW, variables: VARIABLES });
    const body = (await res.json()) as Body;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toHaveProperty('stats');
  });

  it('runs it by documentId alone, and by the APQ hash alone', async () => {
    const byId = (await (await post({ documentId: `sha256:${documentHash(OVERVIEW)}`, variables: VARIABLES })).json()) as Body;
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toHaveProperty('stats');
    const byHash = (await (await post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(OVERVIEW) } }, variables: VARIABLES })).json()) as Body;
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toHaveProperty('stats');
  });

  it('runs it by documentId on GET', async () => {
    const res = await fetch(`${url}?documentId=sha256:${documentHash(OVERVIEW)}&variables=${encodeURIComponent(JSON.stringify(VARIABLES))}`, { headers: { Accept: 'application/json', 'apollo-require-preflight': 'true' } });
    const body = (await res.json()) as Body;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.data).toHaveProperty('stats');
  });

  it('refuses any other document, or an unknown id, with 400 DOCUMENT_NOT_TRUSTED', async () => {
    for (const request of [{ query: '{ __typename }' }, { query: `${OVERVIEW}\n` }, { documentId: `sha256:${documentHash('{ __typename }')}` }]) {
      const res = await post(request);
      const body = (await res.json()) as Body;
      expect(res.status, JSON.stringify(request)).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('DOCUMENT_NOT_TRUSTED');
    }
    const get = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { Accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
  });
});
