/**
 * Machine ingest and review over HTTP, against createApp and the run's Neo4j. The extractor is the
 * ArticleExtractor interface answering with hand-built MachineExtraction objects (data, not an
 * imitation of CoreNLP); everything after it — the write path, statuses, sources, co-mentions,
 * merges and the review mutations — is the real code on the real database.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are checked by shape, field by field */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ArticleExtractor, MachineEntity, MachineExtraction, MachineRelationship } from '../../src/domain/machineExtraction.js';
import { NlpUnavailableError } from '../../src/domain/machineExtraction.js';
import type { ExtractedEntity } from '../../src/domain/extraction.js';
import type { GraphClient } from '../../src/graph/client.js';
import { contentHash } from '../../src/domain/article.js';
import { findEntitiesByNameKeys } from '../../src/graph/findEntities.js';
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
const AS_EDITOR = { Authorization: `Bearer ${EDITOR_KEY}` };
const AS_READER = { Authorization: `Bearer ${READER_KEY}` };
const MAX_CHARS = 2_000;
const EXTRACTOR = { name: 'test-extractor', version: '0.0.1' };

function quoteOf(text: string, quote: string) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return { quote, start, end: start + quote.length, basis: 'STATED' as const };
}

const person = (id: string, name: string, aliases: string[] = []): ExtractedEntity => ({ id, kind: 'Actor', actorType: 'PERSON', name, aliases, description: `${name}, named in an article.` });
const place = (id: string, name: string): ExtractedEntity => ({ id, kind: 'Location', name, aliases: [], description: `${name}, a place.` });
const unit = (id: string, name: string): ExtractedEntity => ({ id, kind: 'Unit', name, aliases: [], description: `${name}, a unit.` });
const existing = (entity: ExtractedEntity): MachineEntity => ({ entity, resolution: 'EXISTING', candidates: [], confidence: 0.9 });
const fresh = (entity: ExtractedEntity): MachineEntity => ({ entity, resolution: 'NEW', candidates: [], confidence: 0.8 });

function extraction(id: string, text: string, entities: MachineEntity[], relationships: MachineRelationship[]): MachineExtraction {
  return { document: { id, title: id, source: 'test', url: `https://example.test/${id}`, publishedAt: '2025-07-01', text, contentHash: contentHash(text) }, extractor: EXTRACTOR, entities, relationships };
}

const TEXT_A = 'Colonel Yohei Ito leads the Seventh Regiment on Okinawa. Kenji Sato met Yohei Ito in Naha, which lies on Okinawa.';
const TEXT_B = 'Kenji Sato returned to Naha. Naha lies on Okinawa, Kenji Sato said.';

const ARTICLE_A = extraction(
  'doc:article-a',
  TEXT_A,
  [existing(person('actor:yohei-ito', 'Yohei Ito')), existing(unit('unit:seventh-regiment', 'Seventh Regiment')), existing(place('location:okinawa', 'Okinawa')), fresh(person('actor:kenji-sato', 'Kenji Sato')), fresh(place('location:naha', 'Naha'))],
  [
    { type: 'LEADS', source: 'actor:yohei-ito', target: 'unit:seventh-regiment', confidence: 0.9, evidence: [quoteOf(TEXT_A, 'Colonel Yohei Ito leads the Seventh Regiment')] },
    { type: 'LOCATED_IN', source: 'location:naha', target: 'location:okinawa', confidence: 0.7, evidence: [quoteOf(TEXT_A, 'Naha, which lies on Okinawa')] },
    { type: 'CO_MENTIONED_WITH', source: 'actor:yohei-ito', target: 'actor:kenji-sato', confidence: 0.5, evidence: [quoteOf(TEXT_A, 'Kenji Sato met Yohei Ito in Naha, which lies on Okinawa.')] },
  ],
);

const ARTICLE_B = extraction(
  'doc:article-b',
  TEXT_B,
  [existing(person('actor:kenji-sato', 'Kenji Sato')), existing(place('location:naha', 'Naha')), existing(place('location:okinawa', 'Okinawa'))],
  [{ type: 'LOCATED_IN', source: 'location:naha', target: 'location:okinawa', confidence: 0.8, evidence: [quoteOf(TEXT_B, 'Naha lies on Okinawa')] }],
);

const LOCATED_IN = 'location:naha|LOCATED_IN|location:okinawa';
const LEADS = 'actor:yohei-ito|LEADS|unit:seventh-regiment';
const CO_MENTION = 'actor:kenji-sato|CO_MENTIONED_WITH|actor:yohei-ito';

/** The extractor interface answering from a table of prepared extractions; `down` makes it fail like a dead NLP server. */
const byText = new Map<string, MachineExtraction>();
const state = { down: false };
const extractor: ArticleExtractor = {
  async extract(article) {
    if (state.down) throw new NlpUnavailableError('connection refused');
    const found = byText.get(article.text);
    if (!found) throw new Error('no prepared extraction for this text');
    return found;
  },
};

interface GraphqlResponse {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

let graph: GraphClient;
let app: App;
let url: string;

async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = AS_EDITOR): Promise<GraphqlResponse> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as GraphqlResponse;
}

async function ok(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const body = await gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

const codeOf = (body: GraphqlResponse) => body.errors?.[0]?.extensions?.code;

const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) {
  created document { id url contentHash } entities { created merged } relationships { created merged }
  proposedEntities { id curation } proposedRelationships { id type curation } } }`;

const input = (article: MachineExtraction) => ({ text: article.document.text, title: article.document.title, source: 'test', url: article.document.url, publishedAt: '2025-07-01' });

const RELATIONSHIP = `query($id: ID!) { relationship(id: $id) { id curation sources evidence { document { id } confidence extractor { name version } } } }`;

beforeAll(async () => {
  graph = testClient();
  await resetDatabase(graph);
  await seedGraph(graph);
  byText.set(TEXT_A, ARTICLE_A).set(TEXT_B, ARTICLE_B);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', API_KEYS });
  app = createApp({ config: { ...config, http: { ...config.http, host: '127.0.0.1', port: 0 } }, graph, logger: createLogger({ logLevel: 'silent' }), articles: { extractor, maxTextChars: MAX_CHARS } });
  ({ url } = await app.start());
});

afterAll(async () => {
  await app?.stop();
  await graph?.close();
});

describe('curated data', () => {
  it('is CURATED with one source', async () => {
    const data = await ok(`{ entity(id: "actor:yohei-ito") { curation sources } relationship(id: "${LEADS}") { curation sources evidence { extractor { name } confidence } } }`);
    expect(data.entity).toEqual({ curation: 'CURATED', sources: 1 });
    expect(data.relationship).toMatchObject({ curation: 'CURATED', sources: 1 });
    expect(data.relationship.evidence.every((ev: any) => ev.extractor === null && ev.confidence === null)).toBe(true);
  });
});

describe('ingestArticle', () => {
  it('needs an editor key and writes nothing otherwise', async () => {
    const before = await exportGraph(graph);
    expect(codeOf(await gql(INGEST, { input: input(ARTICLE_A) }, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await gql(INGEST, { input: input(ARTICLE_A) }, AS_READER))).toBe('FORBIDDEN');
    expect(await exportGraph(graph)).toEqual(before);
  });

  it('rejects bad input with what to fix, writing nothing', async () => {
    const before = await exportGraph(graph);
    const empty = await gql(INGEST, { input: { ...input(ARTICLE_A), text: '   ' } });
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors![0]!.message).toContain('empty');
    const long = await gql(INGEST, { input: { ...input(ARTICLE_A), text: 'x'.repeat(MAX_CHARS + 1) } });
    expect(codeOf(long)).toBe('BAD_USER_INPUT');
    expect(long.errors![0]!.message).toContain(String(MAX_CHARS));
    expect(codeOf(await gql(INGEST, { input: { ...input(ARTICLE_A), text: 42 } }))).toBe('BAD_USER_INPUT');
    expect(await exportGraph(graph)).toEqual(before);
  });

  it('answers SERVICE_UNAVAILABLE when the NLP server is down, writing nothing', async () => {
    const before = await exportGraph(graph);
    state.down = true;
    try {
      expect(codeOf(await gql(INGEST, { input: input(ARTICLE_A) }))).toBe('SERVICE_UNAVAILABLE');
    } finally {
      state.down = false;
    }
    expect(await exportGraph(graph)).toEqual(before);
  });

  it('leaves nothing behind when the write fails', async () => {
    const before = await exportGraph(graph);
    const text = 'Okinawa and Yohei Ito.';
    // Matched to an entity deleted since: found inside the transaction, after the document check.
    const broken = extraction('doc:broken', text, [existing(person('actor:yohei-ito', 'Yohei Ito')), existing(place('location:nowhere', 'Okinawa'))], []);
    byText.set(text, broken);
    expect(codeOf(await gql(INGEST, { input: input(broken) }))).toBe('CONFLICT');
    expect(await exportGraph(graph)).toEqual(before);
  });

  it('writes PROPOSED facts, attaches evidence to curated ones and counts sources', async () => {
    const result = (await ok(INGEST, { input: input(ARTICLE_A) })).ingestArticle;
    expect(result.created).toBe(true);
    expect(result.document).toMatchObject({ id: 'doc:article-a', url: 'https://example.test/doc:article-a', contentHash: contentHash(TEXT_A) });
    expect(result.entities).toEqual({ created: 2, merged: 3 });
    expect(result.proposedEntities.map((e: any) => e.id).sort()).toEqual(['actor:kenji-sato', 'location:naha']);
    expect(result.proposedRelationships.map((r: any) => r.id).sort()).toEqual([CO_MENTION, LOCATED_IN]);

    const leads = (await ok(RELATIONSHIP, { id: LEADS })).relationship;
    expect(leads.curation).toBe('CURATED');
    expect(leads.sources).toBe(2);
    const machine = leads.evidence.find((ev: any) => ev.document.id === 'doc:article-a');
    expect(machine).toEqual({ document: { id: 'doc:article-a' }, confidence: 0.9, extractor: EXTRACTOR });
    expect((await ok(`{ entity(id: "actor:yohei-ito") { curation sources name } }`)).entity).toEqual({ curation: 'CURATED', sources: 2, name: 'Yohei Ito' });
  });

  it('is idempotent: the same text again writes nothing', async () => {
    const before = await exportGraph(graph);
    const again = (await ok(INGEST, { input: input(ARTICLE_A) })).ingestArticle;
    expect(again.created).toBe(false);
    expect(again.document.id).toBe('doc:article-a');
    expect(await exportGraph(graph)).toEqual(before);
  });

  it('counts sources across two documents and serves evidence from each', async () => {
    await ok(INGEST, { input: input(ARTICLE_B) });
    const located = (await ok(RELATIONSHIP, { id: LOCATED_IN })).relationship;
    expect(located.curation).toBe('PROPOSED');
    expect(located.sources).toBe(2);
    expect(located.evidence.map((ev: any) => ev.document.id).sort()).toEqual(['doc:article-a', 'doc:article-b']);
    expect((await ok(`{ entity(id: "actor:kenji-sato") { sources } }`)).entity.sources).toBe(2);
  });

  it('finds entities by name key for the extractor', async () => {
    const matches = await findEntitiesByNameKeys(graph, [{ kind: 'Actor', keys: ['kenji sato', 'ito', 'nobody here'] }, { kind: 'Location', keys: ['kenji sato'] }]);
    expect(matches).toEqual([
      { query: 0, key: 'kenji sato', ids: ['actor:kenji-sato'] },
      { query: 0, key: 'ito', ids: ['actor:yohei-ito'] },
      { query: 0, key: 'nobody here', ids: [] },
      { query: 1, key: 'kenji sato', ids: [] },
    ]);
  });
});

describe('lists', () => {
  const rels = (args: string) => `{ entity(id: "location:okinawa") { relationships(${args} first: 100) { totalCount edges { node { id } } } } }`;
  const ids = (data: Record<string, any>) => data.entity.relationships.edges.map((e: any) => e.node.id) as string[];

  it('filter by status and by minimum sources', async () => {
    expect(ids(await ok(rels('')))).toContain(LOCATED_IN);
    expect(ids(await ok(rels('statuses: [CURATED]')))).not.toContain(LOCATED_IN);
    const twice = await ok(rels('minSources: 2'));
    expect(ids(twice)).toEqual([LOCATED_IN]);
    expect(twice.entity.relationships.totalCount).toBe(1);
    const sub = await ok(`{ subgraph(centerId: "location:okinawa", minSources: 2) { nodes { id } edges { id sources } } }`);
    expect(sub.subgraph.edges).toEqual([{ id: LOCATED_IN, sources: 2 }]);
    expect(sub.subgraph.nodes.map((n: any) => n.id).sort()).toEqual(['location:naha', 'location:okinawa']);
  });

  it('leave co-mentions out unless asked for', async () => {
    const q = (args: string) => `{ entity(id: "actor:kenji-sato") { relationships(${args}) { edges { node { id type } } } neighbors(${args}) { edges { node { id } } } } }`;
    const plain = await ok(q('first: 10'));
    expect(plain.entity.relationships.edges).toEqual([]);
    expect(plain.entity.neighbors.edges).toEqual([]);
    const withCo = await ok(q('includeCoMentions: true, first: 10'));
    expect(withCo.entity.relationships.edges).toEqual([{ node: { id: CO_MENTION, type: 'CO_MENTIONED_WITH' } }]);
    expect(withCo.entity.neighbors.edges).toEqual([{ node: { id: 'actor:yohei-ito' } }]);
    const paths = (args: string) => `{ paths(fromId: "actor:kenji-sato", toId: "actor:yohei-ito"${args}) { length } }`;
    expect((await ok(paths(''))).paths).toEqual([]);
    expect((await ok(paths(', includeCoMentions: true'))).paths).toEqual([{ length: 1 }]);
  });

  it('hide rejected facts by default and keep them for audit', async () => {
    expect(codeOf(await gql(`mutation { rejectRelationship(id: "${LOCATED_IN}") { id } }`, {}, AS_READER))).toBe('FORBIDDEN');
    expect(codeOf(await gql(`mutation { rejectRelationship(id: "${LOCATED_IN}") { id } }`, {}, {}))).toBe('UNAUTHENTICATED');
    const rejected = (await ok(`mutation { rejectRelationship(id: "${LOCATED_IN}") { id type curation sources } }`)).rejectRelationship;
    expect(rejected).toEqual({ id: LOCATED_IN, type: 'LOCATED_IN', curation: 'REJECTED', sources: 2 });
    expect(ids(await ok(rels('')))).not.toContain(LOCATED_IN);
    expect(ids(await ok(rels('statuses: [REJECTED]')))).toEqual([LOCATED_IN]);
    expect((await ok(`{ paths(fromId: "location:naha", toId: "location:okinawa") { length } }`)).paths).toEqual([]);
    const stats = await ok(`{ all: stats(statuses: [CURATED, PROPOSED, REJECTED]) { relationshipCount } plain: stats { relationshipCount } }`);
    expect(stats.all.relationshipCount).toBe(stats.plain.relationshipCount + 1);

    const accepted = (await ok(`mutation { acceptRelationship(id: "${LOCATED_IN}") { id type curation } }`)).acceptRelationship;
    expect(accepted).toEqual({ id: LOCATED_IN, type: 'LOCATED_IN', curation: 'CURATED' });
    expect(ids(await ok(rels('statuses: [CURATED]')))).toContain(LOCATED_IN);
  });

  it('review queue lists proposed facts for editors only', async () => {
    expect(codeOf(await gql(`{ reviewQueue { relationshipCount } }`, {}, AS_READER))).toBe('FORBIDDEN');
    const queue = (await ok(`{ reviewQueue(first: 10) { relationshipCount entityCount entities { id } relationships { id } } }`)).reviewQueue;
    expect(queue.entities.map((e: any) => e.id).sort()).toEqual(['actor:kenji-sato', 'location:naha']);
    expect(queue.entityCount).toBe(2);
    expect(queue.relationships).toEqual([]);
  });
});

describe('merges', () => {
  // The merge record stays for audit (marked undone); the rest must be exactly as before.
  const withoutRecords = (dump: string) => dump.split('\n').filter((line) => !line.includes('EntityMerge') && !line.startsWith('# ')).join('\n');

  it('redirect merged ids and unmerge restores the graph exactly', async () => {
    const before = await exportGraph(graph);
    expect(codeOf(await gql(`mutation { mergeEntities(survivorId: "actor:ryosei-akazawa", ids: ["actor:kenji-sato"]) { id } }`, {}, AS_READER))).toBe('FORBIDDEN');
    expect(codeOf(await gql(`mutation { mergeEntities(survivorId: "actor:ryosei-akazawa", ids: ["location:naha"]) { id } }`))).toBe('BAD_USER_INPUT');
    const merged = (await ok(`mutation { mergeEntities(survivorId: "actor:ryosei-akazawa", ids: ["actor:kenji-sato"]) { id aliases merges { mergedId mergedBy survivor { id } } } }`)).mergeEntities;
    expect(merged.id).toBe('actor:ryosei-akazawa');
    expect(merged.aliases).toContain('Kenji Sato');
    expect(merged.merges).toEqual([{ mergedId: 'actor:kenji-sato', mergedBy: 'curator', survivor: { id: 'actor:ryosei-akazawa' } }]);

    const redirected = await ok(`{ entity(id: "actor:kenji-sato") { id } node(id: "actor:kenji-sato") { id } survivor: entity(id: "actor:ryosei-akazawa") { sources relationships(includeCoMentions: true) { edges { node { id } } } } }`);
    expect(redirected.entity).toEqual({ id: 'actor:ryosei-akazawa' });
    expect(redirected.node).toEqual({ id: 'actor:ryosei-akazawa' });
    expect(redirected.survivor.relationships.edges.map((e: any) => e.node.id)).toContain('actor:ryosei-akazawa|CO_MENTIONED_WITH|actor:yohei-ito');
    expect(redirected.survivor.sources).toBe(3);
    const found = await findEntitiesByNameKeys(graph, [{ kind: 'Actor', keys: ['kenji sato'] }]);
    expect(found[0]!.ids).toEqual(['actor:ryosei-akazawa']);

    const restored = (await ok(`mutation { unmergeEntity(id: "actor:kenji-sato") { id name } }`)).unmergeEntity;
    expect(restored).toEqual({ id: 'actor:kenji-sato', name: 'Kenji Sato' });
    expect(withoutRecords(await exportGraph(graph))).toEqual(withoutRecords(before));
    expect((await ok(`{ entity(id: "actor:ryosei-akazawa") { merges { mergedId } } }`)).entity.merges).toEqual([]);
    expect(codeOf(await gql(`mutation { unmergeEntity(id: "actor:kenji-sato") { id } }`))).toBe('NOT_FOUND');
  });

  it('renames and changes kinds', async () => {
    const renamed = (await ok(`mutation { renameEntity(id: "location:naha", name: "Naha City") { name aliases } }`)).renameEntity;
    expect(renamed).toEqual({ name: 'Naha City', aliases: ['Naha'] });
    const changed = (await ok(`mutation { changeEntityKind(id: "location:naha", kind: Country) { __typename kind } }`)).changeEntityKind;
    expect(changed).toEqual({ __typename: 'Country', kind: 'Country' });
    await ok(`mutation { changeEntityKind(id: "location:naha", kind: Location) { id } }`);
    await ok(`mutation { renameEntity(id: "location:naha", name: "Naha", keepOldNameAsAlias: false) { id } }`);
  });
});

describe('deleteDocument', () => {
  it('removes machine facts no other document supports', async () => {
    await ok(`mutation { deleteDocument(id: "doc:article-a") { documentId } }`);
    const after = await ok(`{ co: relationship(id: "${CO_MENTION}") { id } located: relationship(id: "${LOCATED_IN}") { sources } sato: entity(id: "actor:kenji-sato") { id } leads: relationship(id: "${LEADS}") { sources } }`);
    expect(after).toEqual({ co: null, located: { sources: 1 }, sato: { id: 'actor:kenji-sato' }, leads: { sources: 1 } });
    await ok(`mutation { deleteDocument(id: "doc:article-b") { documentId } }`);
    const gone = await ok(`{ sato: entity(id: "actor:kenji-sato") { id } naha: entity(id: "location:naha") { id } }`);
    expect(gone).toEqual({ sato: null, naha: null });
  });
});
