/**
 * How the API fails: every bounded argument and every cursor is checked (BAD_USER_INPUT, with the
 * argument named, before the database is asked), documents that do not validate are rejected
 * before execution, a bad nested argument nulls only its own branch, and a record that vanished
 * mid-request is NOT_FOUND. Nothing a client sends may produce INTERNAL_SERVER_ERROR.
 */
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createContext, type GraphContext } from '../../src/resolvers/context.js';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import { buildSchema } from '../../src/resolvers/schema.js';
import { createTestApi } from '../support/api.js';
import type { GraphQLErrorJson as GraphQLError } from '../support/graphqlResponse.js';
import { SEED_FILE } from '../support/extractionFixtures.js';
import { resetDatabase } from '../support/graph.js';
import { relationshipId } from '../../src/domain/ids.js';

const api = await createTestApi();
const { extraction } = readExtractionFile(SEED_FILE);
const DOC = extraction.document.id;
const JAPAN = 'country:japan';
const COLONEL = 'actor:yohei-ito';
const ENVOY = 'actor:ryosei-akazawa';
const aRelationship = extraction.relationships[0]!;
const A_RELATIONSHIP_ID = relationshipId(aRelationship);

beforeAll(async () => {
  await resetDatabase(api.graph);
  await seedGraph(api.graph);
});
afterAll(() => api.close());

const withPaths = (errors: readonly GraphQLError[] | undefined) => errors ?? [];

/** Every error carries a code a client can branch on, and none is a server error or leaks internals. */
function expectClientErrors(errors: readonly GraphQLError[] | undefined, code: string) {
  expect(errors, `expected ${code}`).toBeDefined();
  expect(errors!.length).toBeGreaterThan(0);
  for (const error of errors!) {
    expect(error.extensions?.code, error.message).toBe(code);
    expect(error.message).not.toMatch(/neo4j|cypher|MATCH \(|\bat .*\.(ts|js):\d+/i);
    expect(error.extensions).not.toHaveProperty('stacktrace');
  }
}

/** Field, argument name, an accepted value, and the values refused. */
interface Bound {
  label: string;
  query: string;
  argument: string;
  accepted: number[];
  refused: number[];
}

const BOUNDS: Bound[] = [
  { label: 'entities', query: `query($v: Int) { entities(first: $v) { totalCount } }`, argument: 'first', accepted: [0, 100], refused: [-1, 101] },
  { label: 'documents', query: `query($v: Int) { documents(first: $v) { totalCount } }`, argument: 'first', accepted: [0, 100], refused: [-1, 101] },
  { label: 'Entity.relationships', query: `query($v: Int) { entity(id: "${JAPAN}") { relationships(first: $v) { totalCount } } }`, argument: 'first', accepted: [0, 100], refused: [-1, 101] },
  { label: 'Entity.neighbors', query: `query($v: Int) { entity(id: "${JAPAN}") { neighbors(first: $v) { totalCount } } }`, argument: 'first', accepted: [0, 100], refused: [-1, 101] },
  { label: 'Entity.mentions', query: `query($v: Int) { entity(id: "${JAPAN}") { mentions(first: $v) { totalCount } } }`, argument: 'first', accepted: [0, 100], refused: [-1, 101] },
  { label: 'Document.mentions', query: `query($v: Int) { document(id: "${DOC}") { mentions(first: $v) { totalCount } } }`, argument: 'first', accepted: [0, 100], refused: [-1, 101] },
  { label: 'search', query: `query($v: Int) { search(query: "japan", first: $v) { score } }`, argument: 'first', accepted: [1, 100], refused: [0, 101] },
  { label: 'stats.mostConnected', query: `query($v: Int) { stats { mostConnected(first: $v) { degree } } }`, argument: 'first', accepted: [1, 100], refused: [0, 101] },
  { label: 'timeline', query: `query($v: Int) { timeline(first: $v) { id } }`, argument: 'first', accepted: [1, 100], refused: [0, 101] },
  { label: 'paths.first', query: `query($v: Int) { paths(fromId: "${COLONEL}", toId: "${ENVOY}", first: $v) { length } }`, argument: 'first', accepted: [1, 25], refused: [0, 26] },
  { label: 'paths.maxHops', query: `query($v: Int) { paths(fromId: "${COLONEL}", toId: "${ENVOY}", maxHops: $v) { length } }`, argument: 'maxHops', accepted: [1, 6], refused: [0, 7] },
  { label: 'subgraph.depth', query: `query($v: Int) { subgraph(centerId: "${JAPAN}", depth: $v) { truncated } }`, argument: 'depth', accepted: [0, 3], refused: [-1, 4] },
  { label: 'subgraph.limit', query: `query($v: Int) { subgraph(centerId: "${JAPAN}", limit: $v) { truncated } }`, argument: 'limit', accepted: [1, 500], refused: [0, 501] },
];

describe('bounded arguments', () => {
  it.each(BOUNDS.map((b) => [b.label, b]))('%s: refuses values out of range with BAD_USER_INPUT naming the argument, before any database round trip', async (_label, bound) => {
    for (const value of bound.refused) {
      const { errors, roundTrips } = await api.run(bound.query, { v: value });
      expectClientErrors(errors, 'BAD_USER_INPUT');
      expect(errors!.length).toBe(1);
      expect(errors![0]!.extensions?.argumentName, `${bound.label}=${value}`).toBe(bound.argument);
      expect(errors![0]!.message).toContain(String(value));
      expect(withPaths(errors)[0]!.path?.length, 'the error points at the field').toBeGreaterThan(0);
      // Refused values are refused by the resolver, not by the database; only a parent lookup (the
      // entity or document whose field it is) may have run.
      expect(roundTrips, `${bound.label}=${value}`).toBeLessThanOrEqual(1);
    }
    for (const value of bound.accepted) {
      const { errors } = await api.run(bound.query, { v: value });
      expect(errors, `${bound.label}=${value}`).toBeUndefined();
    }
  });
});

describe('cursors', () => {
  const CONNECTIONS = [
    ['entities', `query($after: String) { entities(after: $after) { totalCount } }`],
    ['documents', `query($after: String) { documents(after: $after) { totalCount } }`],
    ['Entity.relationships', `query($after: String) { entity(id: "${JAPAN}") { relationships(after: $after) { totalCount } } }`],
    ['Entity.neighbors', `query($after: String) { entity(id: "${JAPAN}") { neighbors(after: $after) { totalCount } } }`],
    ['Entity.mentions', `query($after: String) { entity(id: "${JAPAN}") { mentions(after: $after) { totalCount } } }`],
    ['Document.mentions', `query($after: String) { document(id: "${DOC}") { mentions(after: $after) { totalCount } } }`],
  ] as const;
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  const FOREIGN = ['garbage', '%%%', '0', b64('o:-3'), b64('o:'), b64('offset:3'), b64('o:3;DROP'), 'x'.repeat(5000)];

  it.each(CONNECTIONS.map(([label, query]) => [label, query]))('%s: a cursor the API did not issue is BAD_USER_INPUT', async (label, query) => {
    for (const after of FOREIGN) {
      const { errors } = await api.run(query, { after });
      expectClientErrors(errors, 'BAD_USER_INPUT');
      expect(errors![0]!.extensions?.argumentName, `${label} after=${after.slice(0, 20)}`).toBe('after');
    }
  });

  it('a cursor the API issued is accepted by the same connection', async () => {
    for (const [label, query] of CONNECTIONS) {
      const cursorQuery = query.replace('totalCount', 'totalCount pageInfo { endCursor }').replace('($after: String)', '').replace('(after: $after)', '(first: 1)');
      const first = await api.run<Record<string, unknown>>(cursorQuery);
      expect(first.errors, label).toBeUndefined();
      const cursor = JSON.stringify(first.data).match(/"endCursor":"([^"]+)"/)?.[1];
      expect(cursor, label).toBeDefined();
      const { errors } = await api.run(query, { after: cursor });
      expect(errors, label).toBeUndefined();
    }
  });
});

describe('invalid operations', () => {
  it.each([
    ['unknown field', `{ entity(id: "${JAPAN}") { population } }`],
    ['missing required argument', `{ entity { id } }`],
    ['wrong argument type', `{ entities(first: "ten") { totalCount } }`],
    ['unknown enum value (kind)', `{ entities(filter: { kinds: [Planet] }) { totalCount } }`],
    ['unknown enum value (direction)', `{ entity(id: "${JAPAN}") { relationships(direction: SIDEWAYS) { totalCount } } }`],
    ['unknown enum value (order)', `{ entities(orderBy: RANDOM) { totalCount } }`],
    ['unknown relationship type', `{ paths(fromId: "${COLONEL}", toId: "${ENVOY}", types: [LIKES]) { length } }`],
    ['invalid date literal', `{ timeline(from: "2025-13-01") { id } }`],
    ['float for Int', `{ subgraph(centerId: "${JAPAN}", depth: 1.5) { truncated } }`],
    ['Int overflow', `{ entities(first: 99999999999) { totalCount } }`],
    ['selection on a scalar', `{ stats { entityCount { id } } }`],
    ['kind-specific field without a fragment', `{ entity(id: "${COLONEL}") { rank } }`],
  ])('%s is GRAPHQL_VALIDATION_FAILED without touching the database', async (_label, query) => {
    const { data, errors, roundTrips } = await api.run(query);
    expectClientErrors(errors, 'GRAPHQL_VALIDATION_FAILED');
    expect(data ?? null).toBeNull();
    expect(roundTrips).toBe(0);
  });

  it('a syntax error is GRAPHQL_PARSE_FAILED', async () => {
    const { errors, roundTrips } = await api.run(`{ entities(first: 1 { totalCount } }`);
    expectClientErrors(errors, 'GRAPHQL_PARSE_FAILED');
    expect(roundTrips).toBe(0);
  });

  it.each([
    ['string for Int', `query($v: Int) { entities(first: $v) { totalCount } }`, { v: 'ten' }],
    ['unknown enum value', `query($v: [EntityKind!]) { entities(filter: { kinds: $v }) { totalCount } }`, { v: ['Planet'] }],
    ['invalid date', `query($v: LocalDate) { timeline(from: $v) { id } }`, { v: '2025-13-01' }],
    ['missing required variable', `query($v: ID!) { entity(id: $v) { id } }`, {}],
    ['null for a non-null variable', `query($v: String!) { search(query: $v) { score } }`, { v: null }],
    ['unknown filter field', `query($v: EntityFilter) { entities(filter: $v) { totalCount } }`, { v: { country: 'Japan' } }],
  ])('variables that do not coerce (%s) are BAD_USER_INPUT without touching the database', async (_label, query, variables) => {
    const { data, errors, roundTrips } = await api.run(query, variables);
    expectClientErrors(errors, 'BAD_USER_INPUT');
    expect(data ?? null).toBeNull();
    expect(roundTrips).toBe(0);
  });
});

describe('partial results', () => {
  it('a bad argument on a nested field nulls only the nullable ancestor, siblings still answer', async () => {
    const { data, errors } = await api.run<{ good: { name: string } | null; bad: unknown; rel: { id: string } | null }>(`{
      good: entity(id: "${JAPAN}") { name }
      bad: entity(id: "${JAPAN}") { name relationships(first: 101) { totalCount } }
      rel: relationship(id: "${A_RELATIONSHIP_ID}") { id }
    }`);
    expectClientErrors(errors, 'BAD_USER_INPUT');
    expect(withPaths(errors).map((e) => e.path)).toEqual([['bad', 'relationships']]);
    expect(data).toEqual({ good: { name: extraction.entities.find((e) => e.id === JAPAN)!.name }, bad: null, rel: { id: A_RELATIONSHIP_ID } });
  });

  it('a failing non-null top-level field nulls the whole response, and the error names its path', async () => {
    const { data, errors } = await api.run<{ entity: { id: string } | null }>(`{ entity(id: "${JAPAN}") { id } a: search(query: " ") { score } }`);
    expectClientErrors(errors, 'BAD_USER_INPUT');
    expect(withPaths(errors)[0]!.path).toEqual(['a']);
    expect(data ?? null).toBeNull();
  });
});

describe('NOT_FOUND', () => {
  // Its own server, so the test can hand in a context whose loaders already hold a stale record.
  const server = new ApolloServer<GraphContext>({ schema: buildSchema(), includeStacktraceInErrorResponses: false });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function execute(query: string, contextValue: GraphContext) {
    const response = await server.executeOperation({ query }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not used');
    const { data, errors } = response.body.singleResult;
    return { data, errors: withPaths(errors) };
  }

  it('a relationship whose endpoint vanished mid-request is NOT_FOUND on that relationship only', async () => {
    const context = createContext(api.graph, NO_DEADLINE);
    const ghostId = relationshipId({ source: 'actor:ghost', type: 'LEADS', target: aRelationship.target });
    // A record read earlier in the request whose source entity has since been deleted.
    context.loaders.relationship.prime(ghostId, { id: ghostId, type: 'LEADS', basis: 'STATED', curation: 'CURATED', sources: 1, sourceId: 'actor:ghost', targetId: aRelationship.target });
    const result = await execute(
      `{ ghost: relationship(id: "${ghostId}") { id source { id } } real: relationship(id: "${A_RELATIONSHIP_ID}") { id source { id } } }`,
      context,
    );
    expect(result.errors.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(result.errors[0]!.message).toContain('actor:ghost');
    expect(result.errors[0]!.path).toEqual(['ghost', 'source']);
    expect(result.data).toEqual({ ghost: null, real: { id: A_RELATIONSHIP_ID, source: { id: aRelationship.source } } });
  });

  it('evidence citing a vanished document is NOT_FOUND', async () => {
    const context = createContext(api.graph, NO_DEADLINE);
    const [evidence] = aRelationship.evidence;
    context.loaders.evidence.prime(A_RELATIONSHIP_ID, [
      { id: 'ghost-evidence', relationshipId: A_RELATIONSHIP_ID, documentId: 'doc:deleted', quote: evidence!.quote, start: evidence!.start, end: evidence!.end, basis: evidence!.basis },
    ]);
    const result = await execute(`{ relationship(id: "${A_RELATIONSHIP_ID}") { id evidence { quote document { id } } } }`, context);
    expect(result.errors.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(result.errors[0]!.message).toContain('doc:deleted');
    expect(result.data).toEqual({ relationship: null });
  });
});
