/**
 * The write API over HTTP, against createApp and the run's Neo4j: API-key authentication and the
 * editor role, ingestDocument (created, merged, extended, rejected whole) and deleteDocument.
 * Every rejected request is checked to leave the database exactly as it was (exportGraph).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { validateExtraction } from '../../src/domain/validateExtraction.js';
import type { GraphClient } from '../../src/graph/client.js';
import { relationshipId } from '../../src/domain/ids.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createApp, type App } from '../../src/server/app.js';
import { hashApiKey } from '../../src/server/auth.js';
import { createLogger } from '../../src/server/logger.js';
import { exportGraph } from '../support/exportGraph.js';
import { resetDatabase, testClient } from '../support/graph.js';

const newKey = () => `ng_${randomBytes(24).toString('base64url')}`;
const EDITOR_KEY = newKey();
const READER_KEY = newKey();
const API_KEYS = [`curator:editor:${hashApiKey(EDITOR_KEY).toString('hex')}`, `dashboard:reader:${hashApiKey(READER_KEY).toString('hex')}`].join(',');

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const AS_EDITOR = bearer(EDITOR_KEY);
const AS_READER = bearer(READER_KEY);

function appConfig(env: Record<string, string> = {}): Config {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', API_KEYS, ...env });
  // Port 0: the system picks a free port.
  return { ...config, http: { ...config.http, host: '127.0.0.1', port: 0 } };
}

async function startApp(graph: GraphClient, env: Record<string, string> = {}): Promise<{ app: App; url: string }> {
  const app = createApp({ config: appConfig(env), graph, logger: createLogger({ logLevel: 'silent' }) });
  const { url } = await app.start();
  return { app, url };
}

interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; problems?: { path: string; message: string }[] } & Record<string, unknown>;
}
interface GraphqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphqlError[];
}

async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T | null; errors?: GraphqlError[] };
  return { status: res.status, ...body };
}

const INGEST = /* GraphQL */ `
  mutation Ingest($input: IngestDocumentInput!) {
    ingestDocument(input: $input) {
      document { id title publishedAt }
      entities { created merged }
      relationships { created merged }
      evidence { created merged }
      mentions { created merged }
    }
  }`;

const DELETE = /* GraphQL */ `
  mutation Delete($id: ID!) {
    deleteDocument(id: $id) { documentId mentionsRemoved evidenceRemoved relationshipsRemoved entitiesRemoved }
  }`;

const RELATIONSHIP = /* GraphQL */ `
  query Relationship($id: ID!) {
    relationship(id: $id) { id basis evidence { quote basis document { id } } }
  }`;

const STATS = 'query Stats { stats { entityCount } }';

interface IngestPayload {
  ingestDocument: {
    document: { id: string; title: string; publishedAt: string | null };
    entities: { created: number; merged: number };
    relationships: { created: number; merged: number };
    evidence: { created: number; merged: number };
    mentions: { created: number; merged: number };
  };
}

/** Evidence for `words` in `text`, with its offsets. */
function quoteIn(text: string, words: string, basis: 'STATED' | 'INFERRED') {
  const start = text.indexOf(words);
  if (start === -1) throw new Error(`fixture: "${words}" is not in the text`);
  return { quote: words, start, end: start + words.length, basis };
}

// A small synthetic article whose entities are all new to the graph.
const FLOTILLA_TEXT = 'Admiral Kenji Sato commands the Fourth Flotilla from Sasebo. The Fourth Flotilla trains near Kyushu.';
const FLOTILLA = {
  document: { id: 'doc:synthetic-fourth-flotilla', title: 'The Fourth Flotilla', source: 'written for the mutation test', publishedAt: '2025-05-01', text: FLOTILLA_TEXT },
  entities: [
    { id: 'actor:kenji-sato', kind: 'Actor', actorType: 'PERSON', name: 'Kenji Sato', aliases: ['Admiral Kenji Sato'], rank: 'Admiral', description: 'A synthetic admiral.' },
    { id: 'unit:fourth-flotilla', kind: 'Unit', name: 'Fourth Flotilla', echelon: 'flotilla', branch: 'navy', description: 'A synthetic flotilla.' },
    { id: 'location:sasebo', kind: 'Location', name: 'Sasebo', locationType: 'port', description: 'A port.' },
    { id: 'location:kyushu', kind: 'Location', name: 'Kyushu', locationType: 'island', description: 'An island.' },
  ],
  relationships: [
    { type: 'LEADS', source: 'actor:kenji-sato', target: 'unit:fourth-flotilla', evidence: [quoteIn(FLOTILLA_TEXT, 'Admiral Kenji Sato commands the Fourth Flotilla', 'STATED')] },
    { type: 'BASED_AT', source: 'unit:fourth-flotilla', target: 'location:sasebo', evidence: [quoteIn(FLOTILLA_TEXT, 'the Fourth Flotilla from Sasebo', 'STATED')] },
    { type: 'OPERATES_NEAR', source: 'unit:fourth-flotilla', target: 'location:kyushu', evidence: [quoteIn(FLOTILLA_TEXT, 'The Fourth Flotilla trains near Kyushu', 'INFERRED')] },
  ],
};
const LEADS = relationshipId({ type: 'LEADS', source: 'actor:kenji-sato', target: 'unit:fourth-flotilla' });

// A second article that quotes one more passage for the flotilla's LEADS relationship.
const VISIT_TEXT = 'Kenji Sato, who leads the Fourth Flotilla, visited Sasebo on Friday.';
const VISIT = {
  document: { id: 'doc:synthetic-sasebo-visit', title: 'A visit to Sasebo', source: 'written for the mutation test', text: VISIT_TEXT },
  entities: [
    { id: 'actor:kenji-sato', kind: 'Actor', actorType: 'PERSON', name: 'Kenji Sato', description: 'A synthetic admiral.' },
    { id: 'unit:fourth-flotilla', kind: 'Unit', name: 'Fourth Flotilla', description: 'A synthetic flotilla.' },
    { id: 'location:sasebo', kind: 'Location', name: 'Sasebo', description: 'A port.' },
  ],
  relationships: [
    { type: 'LEADS', source: 'actor:kenji-sato', target: 'unit:fourth-flotilla', evidence: [quoteIn(VISIT_TEXT, 'Kenji Sato, who leads the Fourth Flotilla', 'INFERRED')] },
  ],
};

const mentionCount = (input: unknown) => validateExtraction(input).mentions.length;
const evidenceCount = (input: typeof FLOTILLA | typeof VISIT) => input.relationships.reduce((n, r) => n + r.evidence.length, 0);

describe('mutations over HTTP', () => {
  let client: GraphClient;
  let app: App;
  let url: string;
  /** The graph with the seed only. */
  let seedOnly: string;

  /** Runs `request` and checks it was rejected with `code` and left the database byte for byte as it was. */
  async function expectRejectedUnchanged(request: () => Promise<GraphqlResponse<unknown>>, code: string) {
    const before = await exportGraph(client);
    const response = await request();
    expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response.errors)).toBe(code);
    expect(response.data ?? null).toBeNull();
    expect(await exportGraph(client)).toBe(before);
    return response;
  }

  beforeAll(async () => {
    client = testClient();
    await resetDatabase(client);
    await seedGraph(client);
    seedOnly = await exportGraph(client);
    ({ app, url } = await startApp(client));
    // The first load into a fresh Neo4j compiles every statement: slow on a busy machine.
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
    await client?.close();
  });

  describe('authentication and the editor role', () => {
    it('answers UNAUTHENTICATED (HTTP 401) to a mutation without a key, and writes nothing', async () => {
      const ingest = await expectRejectedUnchanged(() => graphql(url, INGEST, { input: FLOTILLA }), 'UNAUTHENTICATED');
      expect(ingest.status).toBe(401);
      expect(ingest.errors?.[0]?.path).toEqual(['ingestDocument']);
      const remove = await expectRejectedUnchanged(() => graphql(url, DELETE, { id: 'doc:japan-missile-regiments' }), 'UNAUTHENTICATED');
      expect(remove.status).toBe(401);
    });

    it('answers FORBIDDEN (HTTP 403) to a mutation with a reader key, and writes nothing', async () => {
      const ingest = await expectRejectedUnchanged(() => graphql(url, INGEST, { input: FLOTILLA }, AS_READER), 'FORBIDDEN');
      expect(ingest.status).toBe(403);
      expect(ingest.errors?.[0]?.message).toContain('"dashboard" has the reader role');
      const remove = await expectRejectedUnchanged(() => graphql(url, DELETE, { id: 'doc:japan-missile-regiments' }, AS_READER), 'FORBIDDEN');
      expect(remove.status).toBe(403);
    });

    it('lets anonymous and reader requests read (reads need no key by default)', async () => {
      for (const headers of [{}, AS_READER, AS_EDITOR]) {
        const response = await graphql<{ stats: { entityCount: number } }>(url, STATS, {}, headers);
        expect(response.errors).toBeUndefined();
        expect(response.data?.stats.entityCount).toBeGreaterThan(0);
      }
    });

    const badHeaders: [string, Record<string, string>][] = [
      ['an unknown key', bearer(newKey())],
      ['a key that differs in one character', bearer(`${EDITOR_KEY.slice(0, -1)}${EDITOR_KEY.endsWith('A') ? 'B' : 'A'}`)],
      ['another scheme', { Authorization: `Basic ${Buffer.from(`editor:${EDITOR_KEY}`).toString('base64')}` }],
      ['"Bearer" without a key', { Authorization: 'Bearer' }],
      ['a key too short to be one', { Authorization: 'Bearer short' }],
      ['the key without "Bearer"', { Authorization: EDITOR_KEY }],
    ];
    for (const [name, headers] of badHeaders) {
      it(`answers UNAUTHENTICATED (HTTP 401) to reads and writes with ${name}`, async () => {
        const read = await expectRejectedUnchanged(() => graphql(url, STATS, {}, headers), 'UNAUTHENTICATED');
        expect(read.status).toBe(401);
        const write = await expectRejectedUnchanged(() => graphql(url, INGEST, { input: FLOTILLA }, headers), 'UNAUTHENTICATED');
        expect(write.status).toBe(401);
      });
    }
  });

  describe('ingestDocument with an editor key', () => {
    let afterFlotilla: string;

    it('creates the document and everything in it, and reports the counts', async () => {
      const response = await graphql<IngestPayload>(url, INGEST, { input: FLOTILLA }, AS_EDITOR);
      expect(response.errors).toBeUndefined();
      expect(response.status).toBe(200);
      expect(response.data?.ingestDocument).toEqual({
        document: { id: FLOTILLA.document.id, title: FLOTILLA.document.title, publishedAt: FLOTILLA.document.publishedAt },
        entities: { created: FLOTILLA.entities.length, merged: 0 },
        relationships: { created: FLOTILLA.relationships.length, merged: 0 },
        evidence: { created: evidenceCount(FLOTILLA), merged: 0 },
        mentions: { created: mentionCount(FLOTILLA), merged: 0 },
      });
      afterFlotilla = await exportGraph(client);
      expect(afterFlotilla).not.toBe(seedOnly);

      const relationship = await graphql<{ relationship: { basis: string; evidence: { quote: string; document: { id: string } }[] } }>(url, RELATIONSHIP, { id: LEADS });
      expect(relationship.data?.relationship).toMatchObject({ basis: 'STATED', evidence: [{ quote: FLOTILLA.relationships[0]!.evidence[0]!.quote, document: { id: FLOTILLA.document.id } }] });
    });

    it('merges everything when the same input comes again, and changes nothing', async () => {
      const response = await graphql<IngestPayload>(url, INGEST, { input: FLOTILLA }, AS_EDITOR);
      expect(response.errors).toBeUndefined();
      expect(response.data?.ingestDocument).toEqual({
        document: { id: FLOTILLA.document.id, title: FLOTILLA.document.title, publishedAt: FLOTILLA.document.publishedAt },
        entities: { created: 0, merged: FLOTILLA.entities.length },
        relationships: { created: 0, merged: FLOTILLA.relationships.length },
        evidence: { created: 0, merged: evidenceCount(FLOTILLA) },
        mentions: { created: 0, merged: mentionCount(FLOTILLA) },
      });
      expect(await exportGraph(client)).toBe(afterFlotilla);
    });

    it('adds a second document’s evidence to the existing relationship', async () => {
      const response = await graphql<IngestPayload>(url, INGEST, { input: VISIT }, AS_EDITOR);
      expect(response.errors).toBeUndefined();
      expect(response.data?.ingestDocument).toEqual({
        document: { id: VISIT.document.id, title: VISIT.document.title, publishedAt: null },
        entities: { created: 0, merged: VISIT.entities.length },
        relationships: { created: 0, merged: 1 },
        evidence: { created: 1, merged: 0 },
        mentions: { created: mentionCount(VISIT), merged: 0 },
      });

      const relationship = await graphql<{ relationship: { basis: string; evidence: { quote: string; basis: string; document: { id: string } }[] } }>(url, RELATIONSHIP, { id: LEADS });
      const evidence = relationship.data?.relationship.evidence ?? [];
      expect(evidence).toHaveLength(2);
      expect(new Set(evidence.map((ev) => ev.document.id))).toEqual(new Set([FLOTILLA.document.id, VISIT.document.id]));
      expect(evidence).toContainEqual({ quote: VISIT.relationships[0]!.evidence[0]!.quote, basis: 'INFERRED', document: { id: VISIT.document.id } });
      // Stated by the first document, only implied by the second: still STATED.
      expect(relationship.data?.relationship.basis).toBe('STATED');
    });

    it('rejects input with unknown fields for its kind as BAD_USER_INPUT, listing each problem with its path', async () => {
      const entities: Record<string, unknown>[] = structuredClone(VISIT.entities);
      // A unit has no actorType, a country no rank.
      entities[1] = { ...entities[1], actorType: 'PERSON' };
      entities.push({ id: 'country:japan', kind: 'Country', name: 'Japan', rank: 'Admiral', description: 'A country has no rank.' });
      const input = { ...VISIT, document: { ...VISIT.document, id: 'doc:synthetic-invalid' }, entities };
      const response = await expectRejectedUnchanged(() => graphql(url, INGEST, { input }, AS_EDITOR), 'BAD_USER_INPUT');
      expect(response.status).toBe(200);
      expect(response.errors).toHaveLength(1);
      const problems = response.errors?.[0]?.extensions?.problems ?? [];
      expect(problems.map((p) => p.path).sort()).toEqual(['input.entities[1].actorType', 'input.entities[3].rank']);
      expect(problems.find((p) => p.path === 'input.entities[3].rank')?.message).toMatch(/entity "country:japan": unknown field\(s\) "rank"/);
      expect(response.errors?.[0]?.message).toMatch(/^The extraction is invalid \(2 problems\); nothing was written/);
    });

    it('rejects dangling references, misquotes and wrong offsets as BAD_USER_INPUT, listing every one', async () => {
      const text = VISIT_TEXT;
      const input = {
        ...structuredClone(VISIT),
        document: { ...VISIT.document, id: 'doc:synthetic-invalid' },
        relationships: [
          // Dangling: no such entity in this input (whether or not the graph has it).
          { type: 'BASED_AT', source: 'unit:fourth-flotilla', target: 'location:kyushu', evidence: [quoteIn(text, 'the Fourth Flotilla', 'INFERRED')] },
          // Not in the text.
          { type: 'LEADS', source: 'actor:kenji-sato', target: 'unit:fourth-flotilla', evidence: [{ quote: 'Kenji Sato commands the Fourth Flotilla', start: 0, end: 39, basis: 'STATED' }] },
          // In the text, at other offsets.
          { type: 'BASED_AT', source: 'unit:fourth-flotilla', target: 'location:sasebo', evidence: [{ ...quoteIn(text, 'visited Sasebo', 'INFERRED'), start: 1, end: 15 }] },
        ],
      };
      const response = await expectRejectedUnchanged(() => graphql(url, INGEST, { input }, AS_EDITOR), 'BAD_USER_INPUT');
      const problems = response.errors?.[0]?.extensions?.problems ?? [];
      expect(problems.map((p) => p.path)).toEqual([
        'input.relationships[0].target',
        'input.relationships[1].evidence[0].quote',
        'input.relationships[2].evidence[0].start',
      ]);
      expect(problems[0]?.message).toContain('target "location:kyushu" is not an entity of this extraction');
      expect(problems[1]?.message).toContain('is not found verbatim in document "doc:synthetic-invalid"');
      expect(problems[2]?.message).toContain(`the quote is at start: ${text.indexOf('visited Sasebo')}, end: ${text.indexOf('visited Sasebo') + 'visited Sasebo'.length}`);
    });

    it('rejects an entity id of another kind as BAD_USER_INPUT (the id prefix names the kind)', async () => {
      const input = structuredClone(VISIT);
      input.document.id = 'doc:synthetic-kind-clash';
      input.entities[2] = { id: 'location:sasebo', kind: 'Unit', name: 'Sasebo', description: 'Sasebo as a unit.' };
      const response = await expectRejectedUnchanged(() => graphql(url, INGEST, { input }, AS_EDITOR), 'BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.problems).toEqual([
        { path: 'input.entities[2].id', message: expect.stringContaining('the id of an entity of kind Unit must start with "unit:"') },
      ]);
    });

    it('answers CONFLICT to a known document id with another text, and writes nothing', async () => {
      const input = { ...VISIT, document: { ...VISIT.document, text: `${VISIT_TEXT} A sentence added later.` } };
      const response = await expectRejectedUnchanged(() => graphql(url, INGEST, { input }, AS_EDITOR), 'CONFLICT');
      expect(response.errors?.[0]?.message).toContain(`document "${VISIT.document.id}" already exists with a different text`);
    });

    it('answers CONFLICT when the graph holds the id with another kind, and writes nothing', async () => {
      // Validation ties a kind to its id prefix, so only data written otherwise (by hand, or before
      // the prefix rule) can disagree; the loader still refuses to merge a Unit into a Location.
      await client.write({
        name: 'test.legacyEntity',
        cypher: "CREATE (:Entity:Location {id: 'unit:sasebo-base', kind: 'Location', name: 'Sasebo base', aliases: [], aliasText: '', description: 'Legacy.'})",
      });
      try {
        const input = structuredClone(VISIT);
        input.document.id = 'doc:synthetic-legacy-clash';
        input.entities[2] = { id: 'unit:sasebo-base', kind: 'Unit', name: 'Sasebo', description: 'The base as a unit.' };
        const response = await expectRejectedUnchanged(() => graphql(url, INGEST, { input }, AS_EDITOR), 'CONFLICT');
        expect(response.errors?.[0]?.message).toContain('entity "unit:sasebo-base" already exists as a Location; this extraction says Unit');
      } finally {
        await client.write({ name: 'test.legacyEntity.remove', cypher: "MATCH (e:Entity {id: 'unit:sasebo-base'}) DETACH DELETE e" });
      }
    });

    describe('deleteDocument with an editor key', () => {
      it('removes the second document and leaves the graph as the first left it', async () => {
        const response = await graphql<{ deleteDocument: unknown }>(url, DELETE, { id: VISIT.document.id }, AS_EDITOR);
        expect(response.errors).toBeUndefined();
        expect(response.data?.deleteDocument).toEqual({
          documentId: VISIT.document.id,
          mentionsRemoved: mentionCount(VISIT),
          evidenceRemoved: 1,
          relationshipsRemoved: 0,
          entitiesRemoved: 0,
        });
        expect(await exportGraph(client)).toBe(afterFlotilla);
      });

      it('removes the first document and everything only it brought, back to the seed', async () => {
        const response = await graphql<{ deleteDocument: unknown }>(url, DELETE, { id: FLOTILLA.document.id }, AS_EDITOR);
        expect(response.errors).toBeUndefined();
        expect(response.data?.deleteDocument).toEqual({
          documentId: FLOTILLA.document.id,
          mentionsRemoved: mentionCount(FLOTILLA),
          evidenceRemoved: evidenceCount(FLOTILLA),
          relationshipsRemoved: FLOTILLA.relationships.length,
          entitiesRemoved: FLOTILLA.entities.length,
        });
        expect(await exportGraph(client)).toBe(seedOnly);
        const relationship = await graphql<{ relationship: unknown }>(url, RELATIONSHIP, { id: LEADS });
        expect(relationship.data?.relationship).toBeNull();
      });

      it('answers NOT_FOUND for an unknown id, and changes nothing', async () => {
        const response = await expectRejectedUnchanged(() => graphql(url, DELETE, { id: FLOTILLA.document.id }, AS_EDITOR), 'NOT_FOUND');
        expect(response.errors?.[0]?.message).toContain(`No document has the id "${FLOTILLA.document.id}"`);
      });
    });
  });

  describe('with READS_REQUIRE_API_KEY=true', () => {
    let closed: { app: App; url: string };

    beforeAll(async () => {
      closed = await startApp(client, { READS_REQUIRE_API_KEY: 'true' });
    });
    afterAll(() => closed?.app.stop());

    it('answers UNAUTHENTICATED (HTTP 401) to an anonymous query', async () => {
      const response = await expectRejectedUnchanged(() => graphql(closed.url, STATS), 'UNAUTHENTICATED');
      expect(response.status).toBe(401);
    });

    it('answers a reader or an editor key', async () => {
      for (const headers of [AS_READER, AS_EDITOR]) {
        const response = await graphql<{ stats: { entityCount: number } }>(closed.url, STATS, {}, headers);
        expect(response.status).toBe(200);
        expect(response.errors).toBeUndefined();
        expect(response.data?.stats.entityCount).toBeGreaterThan(0);
      }
    });

    it('still needs the editor role to write', async () => {
      const response = await expectRejectedUnchanged(() => graphql(closed.url, INGEST, { input: FLOTILLA }, AS_READER), 'FORBIDDEN');
      expect(response.status).toBe(403);
    });
  });
});
