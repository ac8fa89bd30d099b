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
import { GraphCache } from '../../src/graph/cache.js';
import { describe, expect, it } from 'vitest';
import type { ValidExtraction } from '../../src/domain/validateExtraction.js';
import { ENTITY_KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../../src/domain/vocabulary.js';
import type { GraphClient, Row, Statement } from '../../src/graph/client.js';
import { backfillDegrees } from '../../src/graph/degree.js';
import { deleteDocument } from '../../src/graph/deleteDocument.js';
import { getDocumentsByIds, getMentionsInDocuments, getMentionsOfEntities, listDocuments } from '../../src/graph/documents.js';
import { getEntitiesByIds, listEntities, searchEntities, type EntityOrder } from '../../src/graph/entities.js';
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
};

/** A GraphClient that records each statement and answers with canned rows, never a database. */
function recordingClient(calls: Call[]): GraphClient {
  const run = async (statement: Statement, params: Record<string, unknown> = {}): Promise<Row[]> => {
    calls.push({ name: statement.name, cypher: statement.cypher, params });
    return CANNED[statement.name] ?? [];
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
    for (const types of TYPE_CHOICES) {
      await getRelationshipPages(client, NO_DEADLINE, ids, { direction, types, offset: 0, limit: 10 });
      await getNeighborPages(client, NO_DEADLINE, ids, { direction, types, kinds: ['Actor'], offset: 0, limit: 10 });
      await getDegrees(client, NO_DEADLINE, ids, direction, types);
    }
  }
  await getRelationshipsByIds(client, NO_DEADLINE, [relationshipId({ source: 'actor:a', type: 'LEADS', target: 'unit:b' })]);
  await getEvidence(client, NO_DEADLINE, [relationshipId({ source: 'actor:a', type: 'LEADS', target: 'unit:b' })]);
  for (const types of TYPE_CHOICES) {
    for (let depth = 0; depth <= MAX_SUBGRAPH_DEPTH; depth++) await getSubgraph(client, NO_DEADLINE, { ids, depth, kinds: null, types, limit: 50 });
    for (let maxHops = 1; maxHops <= MAX_PATH_HOPS; maxHops++) await getShortestPaths(client, NO_DEADLINE, { fromId: 'actor:a', toId: 'unit:b', maxHops, types, first: 5 });
  }
  await getStats(client, NO_DEADLINE);
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
    for (const family of ['relationships.pages.', 'relationships.neighbors.', 'relationships.degree.']) expect(count(family), family).toBe(DIRECTIONS.length * 2);
    expect(count('explore.subgraph.')).toBe((MAX_SUBGRAPH_DEPTH + 1) * 2);
    expect(count('explore.paths.')).toBe(MAX_PATH_HOPS * 2);
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
