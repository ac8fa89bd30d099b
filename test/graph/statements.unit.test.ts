/**
 * Every named Cypher statement of src/graph, checked without a database (in the manner of
 * @neo4j/graphql's TCK tests): each public data function runs against a client that records the
 * statements it is handed. For every statement the `$parameters` its Cypher uses must be exactly
 * the ones the function passes, its brackets must balance, and its name must belong to that one
 * Cypher text. The statement names are found in the source, so a new statement that no call below
 * reaches fails the inventory test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import { relationshipId } from '../../src/domain/ids.js';
import { nameKeys } from '../../src/domain/nameKeys.js';
import type { MachineExtraction } from '../../src/domain/machineExtraction.js';
import type { LinkFilter } from '../../src/graph/linkFilter.js';
import { LINK_VARIANTS } from '../../src/graph/linkFilter.js';
import { getEntityLookAhead, getEntityWithNeighbors } from '../../src/graph/entityLookAhead.js';
import { backfillCuration } from '../../src/graph/curationBackfill.js';
import { findEntitiesByNameKeys } from '../../src/graph/findEntities.js';
import { contentHash } from '../../src/domain/article.js';
import { writeMachineExtraction } from '../../src/graph/ingestArticle.js';
import { getMergesInto, mergeEntities, unmergeEntity } from '../../src/graph/merge.js';
import { acceptEntity, acceptRelationship, changeEntityKind, getProposedOfDocument, getReviewQueue, rejectEntity, rejectRelationship, renameEntity } from '../../src/graph/review.js';
import { DEGREE_VARIANTS } from '../../src/graph/relationships.js';
import { GraphCache } from '../../src/graph/cache.js';
import { describe, expect, it } from 'vitest';
import type { ValidExtraction } from '../../src/domain/validateExtraction.js';
import { ENTITY_KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../../src/domain/vocabulary.js';
import type { GraphClient, Row, Statement } from '../../src/graph/client.js';
import { backfillDegrees } from '../../src/graph/degree.js';
import { deleteDocument } from '../../src/graph/deleteDocument.js';
import { getDocumentsByIds, getMentionsInDocuments, getMentionsOfEntities, listDocuments } from '../../src/graph/documents.js';
import { getEntitiesByIds, getEntityCandidates, getEntitySources, listEntities, searchEntities, type EntityOrder } from '../../src/graph/entities.js';
import { getShortestPaths, getSubgraph, MAX_PATH_HOPS, MAX_SUBGRAPH_DEPTH } from '../../src/graph/explore.js';
import { ingestExtraction, isGraphEmpty } from '../../src/graph/ingest.js';
import { applyMigrations, currentMigrationVersion } from '../../src/graph/migrations.js';
import { getDegrees, getEvidence, getNeighborPages, getRelationshipPages, getRelationshipsByIds, type Direction } from '../../src/graph/relationships.js';
import { getMostConnected, getStats, getTimeline } from '../../src/graph/stats.js';
import { PROJECT_ROOT } from '../../src/paths.js';

interface Call {
  name: string;
  cypher: string;
  params: Record<string, unknown>;
}

/** Rows that steer a function down its whole path (a document to delete, an empty graph to write). */
const CANNED: Record<string, Row[]> = {
  'ingest.existingState': [{ documentText: null, entities: [], evidence: [], relationships: [], mentions: [] }],
  'delete.document': [{ mentions: 1, mentioned: ['actor:a'] }],
  'delete.evidence': [{ removed: 1, relationshipIds: [relationshipId({ source: 'actor:a', type: 'LEADS', target: 'unit:b' })] }],
  'delete.settleRelationships': [{ removed: 1, endpoints: ['actor:a', 'unit:b'], removedEndpoints: ['actor:a', 'unit:b'] }],
  'delete.orphanEntities': [{ removed: 0 }],
  'stats.counts': [{}],
  'stats.countsByStatus': [{}],
  'delete.unsupportedProposed': [{ removed: 0, relationships: 0, others: [] }],
  'curation.backfillRead': [{ id: 'actor:a', name: 'A', aliases: [] }],
  'article.documentByHash': [{ sameText: null, idTaken: false }],
  'article.rejectedLinks': [{ ids: [] }],
  'review.linkType': [{ type: 'LEADS', curation: 'PROPOSED' }],
  'review.entityCuration': [{ id: 'actor:a' }],
  'review.readNames': [{ name: 'A', aliases: [] }],
  'review.linksOfDocument': [{ ids: [relationshipId({ source: 'actor:a', type: 'LEADS', target: 'unit:b' })] }],
  'merge.entities': [
    { id: 'actor:s', kind: 'Actor', name: 'S', aliases: [] },
    { id: 'actor:m', kind: 'Actor', name: 'M', aliases: [] },
  ],
  'merge.linksOf': [{ type: 'LEADS', source: 'actor:m', target: 'unit:b', props: { id: 'actor:m|LEADS|unit:b' } }],
  'merge.find': [
    {
      mergeId: 'x',
      survivorId: 'actor:s',
      survivorActive: true,
      kind: 'Actor',
      links: JSON.stringify([{ type: 'LEADS', source: 'actor:m', target: 'unit:b', props: { id: 'actor:m|LEADS|unit:b' } }]),
      addedAliases: [],
    },
  ],
  'merge.dropCopies': [{ relationshipIds: [] }],
  'merge.survivorNames': [{ name: 'S', aliases: ['M'] }],
};

/** A GraphClient that records each statement and answers with canned rows, never a database. */
function recordingClient(calls: Call[], overrides: Record<string, Row[]> = {}): GraphClient {
  const run = async (statement: Statement, params: Record<string, unknown> = {}): Promise<Row[]> => {
    calls.push({ name: statement.name, cypher: statement.cypher, params });
    return overrides[statement.name] ?? CANNED[statement.name] ?? [];
  };
  const client = { cache: new GraphCache(), read: run, write: run, writeTransaction: (work: (r: typeof run) => Promise<unknown>) => work(run) };
  return client as unknown as GraphClient;
}

const DIRECTIONS: Direction[] = ['OUTGOING', 'INCOMING', 'BOTH'];
const ORDERS: EntityOrder[] = ['NAME_ASC', 'NAME_DESC', 'DEGREE_DESC'];
/** `null` means every relationship type (the typed-pattern variants); a list filters by `$types`. */
const TYPE_CHOICES = [null, ['LEADS' as const]];

/** One entity of every kind and one relationship of every type: every per-kind and per-type statement runs. */
function everyKindExtraction(): ValidExtraction {
  const entities = ENTITY_KIND_NAMES.map((kind, i) => ({ id: `${kind.toLowerCase()}:e${i}`, kind, name: `${kind} ${i}`, aliases: [], description: 'x' }));
  const relationships = RELATIONSHIP_TYPE_NAMES.map((type) => ({
    type,
    source: entities[0]!.id,
    target: entities[1]!.id,
    evidence: [{ quote: 'q', start: 0, end: 1, basis: 'STATED' }],
  }));
  return {
    extraction: { document: { id: 'doc:d', title: 't', source: 's', text: 'q', publishedAt: '2025-01-01' }, entities, relationships },
    mentions: [{ entityId: entities[0]!.id, start: 0, end: 1, text: 'q' }],
  } as unknown as ValidExtraction;
}

/** Link filters reaching every link variant (./linkFilter.ts): statuses × co-mentions × minimum sources × types. */
const LINK_FILTERS: LinkFilter[] = [null, ['CURATED' as const], ['CURATED' as const, 'PROPOSED' as const, 'REJECTED' as const], ['REJECTED' as const]].flatMap((statuses) =>
  [false, true].flatMap((includeCoMentions) => [1, 2].flatMap((minSources) => TYPE_CHOICES.map((types) => ({ statuses, includeCoMentions, minSources, types })))),
);

/** A machine extraction with a typed link and a co-mention, as the extractor hands it over. */
function machineExtraction(): MachineExtraction {
  const text = 'Alpha leads Beta.';
  const entity = (id: string, name: string) => ({ entity: { id, kind: 'Actor' as const, actorType: 'PERSON' as const, name, aliases: [], description: 'x' }, resolution: 'AMBIGUOUS' as const, candidates: ['actor:c'], confidence: 0.5 });
  const evidence = [{ quote: text, start: 0, end: text.length, basis: 'STATED' as const }];
  return {
    document: { id: 'doc:m', title: 't', source: 's', url: null, publishedAt: null, text, contentHash: contentHash(text) },
    extractor: { name: 'x', version: '1' },
    entities: [entity('actor:alpha', 'Alpha'), entity('actor:beta', 'Beta')],
    relationships: [
      { type: 'LEADS', source: 'actor:alpha', target: 'actor:beta', confidence: 0.5, evidence },
      { type: 'CO_MENTIONED_WITH', source: 'actor:beta', target: 'actor:alpha', confidence: 0.5, evidence },
    ],
  };
}

/** Calls every public data function of src/graph, over each statement variant it chooses between. */
async function recordAll(): Promise<Call[]> {
  const calls: Call[] = [];
  const client = recordingClient(calls);
  const ids = ['actor:a'];
  await getEntitiesByIds(client, NO_DEADLINE, ids);
  for (const order of ORDERS) await listEntities(client, NO_DEADLINE, { kinds: ['Actor'], nameContains: 'x', relatedTo: 'unit:b' }, order, 0, 10);
  await searchEntities(client, NO_DEADLINE, 'ito', ['Actor'], 5);
  await getDocumentsByIds(client, NO_DEADLINE, ['doc:d']);
  await listDocuments(client, NO_DEADLINE, 0, 10);
  await getMentionsOfEntities(client, NO_DEADLINE, ids, 0, 10);
  await getMentionsInDocuments(client, NO_DEADLINE, ['doc:d'], 0, 10);
  for (const direction of DIRECTIONS) {
    for (const filter of LINK_FILTERS) {
      await getRelationshipPages(client, NO_DEADLINE, ids, { direction, ...filter, offset: 0, limit: 10 });
      await getNeighborPages(client, NO_DEADLINE, ids, { direction, ...filter, kinds: ['Actor'], offset: 0, limit: 10 });
      await getEntityWithNeighbors(client, NO_DEADLINE, 'actor:a', { direction, ...filter, kinds: ['Actor'], offset: 0, limit: 10 });
      for (const nested of [false, true]) {
        for (const evidence of [false, true]) {
          await getEntityLookAhead(client, NO_DEADLINE, 'actor:a', { page: { direction, ...filter, offset: 0, limit: 10 }, evidence, nested: nested ? { offset: 0, limit: 5 } : null });
        }
      }
    }
    for (const types of [null, [...RELATIONSHIP_TYPE_NAMES, 'CO_MENTIONED_WITH' as const], ['LEADS' as const]]) await getDegrees(client, NO_DEADLINE, ids, direction, types);
  }
  await getRelationshipsByIds(client, NO_DEADLINE, [relationshipId({ source: 'actor:a', type: 'LEADS', target: 'unit:b' })]);
  await getEvidence(client, NO_DEADLINE, [relationshipId({ source: 'actor:a', type: 'LEADS', target: 'unit:b' })]);
  for (const filter of LINK_FILTERS) {
    for (let depth = 0; depth <= MAX_SUBGRAPH_DEPTH; depth++) await getSubgraph(client, NO_DEADLINE, { ids, depth, kinds: null, ...filter, limit: 50 });
    for (let maxHops = 1; maxHops <= MAX_PATH_HOPS; maxHops++) await getShortestPaths(client, NO_DEADLINE, { fromId: 'actor:a', toId: 'unit:b', maxHops, ...filter, first: 5 });
  }
  await getStats(client, NO_DEADLINE);
  await getStats(client, NO_DEADLINE, ['CURATED']);
  await getEntitySources(client, NO_DEADLINE, ids);
  await getEntityCandidates(client, NO_DEADLINE, ids);
  await findEntitiesByNameKeys(client, [{ kind: 'Actor', keys: nameKeys('Ryosei Akazawa', ['Akazawa']) }]);
  await writeMachineExtraction(client, machineExtraction());
  await backfillCuration(client);
  // Review: accept and reject down each path (a proposed link, a rejected one, a co-mention).
  await acceptRelationship(client, relationshipId({ source: 'actor:a', type: 'LEADS', target: 'unit:b' }), 'editor');
  await rejectRelationship(client, relationshipId({ source: 'actor:a', type: 'LEADS', target: 'unit:b' }), 'editor');
  const rejected = recordingClient(calls, { 'review.linkType': [{ type: 'LEADS', curation: 'REJECTED' }] });
  await acceptRelationship(rejected, relationshipId({ source: 'actor:a', type: 'LEADS', target: 'unit:b' }), 'editor');
  const coMention = recordingClient(calls, { 'review.linkType': [{ type: 'CO_MENTIONED_WITH', curation: 'PROPOSED' }] });
  await rejectRelationship(coMention, relationshipId({ source: 'actor:a', type: 'CO_MENTIONED_WITH', target: 'unit:b' }), 'editor');
  await acceptEntity(client, 'actor:a', 'editor');
  await rejectEntity(client, 'actor:a', 'editor');
  await renameEntity(client, 'actor:a', 'B', true);
  for (const kind of ENTITY_KIND_NAMES) await changeEntityKind(client, 'actor:a', kind);
  await getReviewQueue(client, NO_DEADLINE, 10);
  await getProposedOfDocument(client, NO_DEADLINE, 'doc:d');
  await mergeEntities(client, 'actor:s', ['actor:m'], 'editor');
  await unmergeEntity(client, 'actor:m', 'editor');
  await getMergesInto(client, NO_DEADLINE, ids);
  await getMostConnected(client, NO_DEADLINE, 5);
  await getTimeline(client, NO_DEADLINE, { from: '2025-01-01', to: null, entityId: null, first: 10 });
  await ingestExtraction(client, everyKindExtraction());
  await isGraphEmpty(client);
  await deleteDocument(client, 'doc:d');
  await backfillDegrees(client);
  await applyMigrations(client);
  await currentMigrationVersion(client);
  return calls;
}

/** `$name` parameters a Cypher text uses (string literals and comments left out). */
function parametersOf(cypher: string): string[] {
  const code = cypher.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\/\/[^\n]*/g, '');
  return [...new Set([...code.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!))].sort();
}

/** The first bracket that does not balance, or undefined (string literals and comments left out). */
function unbalancedBracket(cypher: string): string | undefined {
  const code = cypher.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|\/\/[^\n]*/g, '');
  const open: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const char of code) {
    if (char === '(' || char === '[' || char === '{') open.push(char);
    else if (char in pairs && open.pop() !== pairs[char]) return char;
  }
  return open.at(-1);
}

/**
 * The names given to statements in src/graph, as written: a literal (`'stats.counts'`) is exact; a
 * template or a `nameOf('relationships.pages', …)` family gives the fixed part before its variables.
 */
function declaredNames(): { exact: Set<string>; prefixes: Set<string> } {
  const dir = join(PROJECT_ROOT, 'src', 'graph');
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const m of source.matchAll(/\bname:\s*'([a-z]\w*(?:\.\w+)+)'/g)) exact.add(m[1]!);
    for (const m of source.matchAll(/\bname:\s*`([a-z]\w*\.[\w.]*)\$\{/g)) prefixes.add(m[1]!);
    for (const m of source.matchAll(/\bnameOf\(\s*'([a-z]\w*(?:\.\w+)+)'/g)) prefixes.add(`${m[1]!}.`);
  }
  return { exact, prefixes };
}

const calls = await recordAll();
const byName = new Map<string, Call[]>();
for (const call of calls) byName.set(call.name, [...(byName.get(call.name) ?? []), call]);

describe('the named Cypher statements of src/graph', () => {
  it('are all reached by the calls of this test', () => {
    const { exact, prefixes } = declaredNames();
    expect(exact.size + prefixes.size).toBeGreaterThan(20);
    for (const name of exact) expect(byName.has(name), `statement "${name}" is never run here: add a call for it`).toBe(true);
    for (const prefix of prefixes) {
      expect([...byName.keys()].some((name) => name.startsWith(prefix)), `no statement named "${prefix}…" is run here: add a call for it`).toBe(true);
    }
    // Every variant of each family: one per direction and type choice, depth, hop bound, order, kind, type.
    const count = (prefix: string) => [...byName.keys()].filter((name) => name.startsWith(prefix)).length;
    for (const family of ['relationships.pages.', 'relationships.neighbors.']) expect(count(family), family).toBe(DIRECTIONS.length * LINK_VARIANTS.length);
    expect(count('entities.lookAhead.')).toBe(DIRECTIONS.length * LINK_VARIANTS.length * 4);
    expect(count('entities.lookAheadNeighbors.')).toBe(DIRECTIONS.length * LINK_VARIANTS.length);
    expect(count('relationships.degree.')).toBe(DIRECTIONS.length * DEGREE_VARIANTS.length);
    expect(count('explore.subgraph.')).toBe((MAX_SUBGRAPH_DEPTH + 1) * LINK_VARIANTS.length);
    expect(count('explore.paths.')).toBe(MAX_PATH_HOPS * LINK_VARIANTS.length);
    expect(count('review.changeKind.')).toBe(ENTITY_KIND_NAMES.length);
    expect(count('entities.list.')).toBe(ORDERS.length);
    expect(count('ingest.mergeEntities.')).toBe(ENTITY_KIND_NAMES.length);
    expect(count('ingest.mergeRelationships.')).toBe(RELATIONSHIP_TYPE_NAMES.length);
  });

  it('each name stands for one Cypher text', () => {
    for (const [name, recorded] of byName) expect(new Set(recorded.map((c) => c.cypher)).size, name).toBe(1);
  });

  describe.each([...byName.keys()].sort())('%s', (name) => {
    const recorded = byName.get(name)!;
    const { cypher } = recorded[0]!;

    it('is passed exactly the parameters its Cypher uses', () => {
      for (const call of recorded) expect(Object.keys(call.params).sort(), cypher).toEqual(parametersOf(cypher));
    });

    it('has balanced brackets', () => {
      expect(unbalancedBracket(cypher), cypher).toBeUndefined();
    });

    it('passes no undefined value (the driver would reject it)', () => {
      for (const call of recorded) {
        for (const [key, value] of Object.entries(call.params)) expect(value, `$${key}`).not.toBeUndefined();
      }
    });
  });
});

describe('the checks themselves', () => {
  it('find parameters outside literals and comments only', () => {
    expect(parametersOf("MATCH (n {id: $id}) WHERE n.x = '$not' // $neither\nRETURN $limit, $id.x")).toEqual(['id', 'limit']);
  });

  it('find an unbalanced bracket', () => {
    expect(unbalancedBracket('MATCH (n)-[r]->(m {a: [1, 2]}) RETURN n')).toBeUndefined();
    expect(unbalancedBracket('MATCH (n-[r]->(m) RETURN n')).toBe('(');
    expect(unbalancedBracket('RETURN [1, 2)')).toBe(')');
  });
});
