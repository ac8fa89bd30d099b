/**
 * Compiled execution answers exactly what graphql-js answers: the same operations go through an
 * Apollo Server on graphql-js and one on compiledExecution, three times each (the first run is
 * graphql-js in both, the later ones compiled), and status and body must be equal every time.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { notFound } from '../../src/domain/errors.js';
import { readTypeDefs } from '../../src/resolvers/schema.js';
import { compileAtOnce, compiledExecution, type CompiledExecution } from '../../src/server/compiledExecution.js';
import { createErrorFormatter } from '../../src/server/formatError.js';
import { queryLimits } from '../../src/server/limits.js';

const actor = (i: number) => ({ id: `actor:a${i}`, kind: 'Actor', name: `Name ${i}`, aliases: [`A${i}`], description: `Actor ${i}.`, actorType: 'PERSON' });
const nodes = Array.from({ length: 30 }, (_, i) => actor(i));
const resolvers = {
  Query: {
    entity: (_: unknown, { id }: { id: string }) => {
      if (id === 'actor:missing') throw notFound(`No entity ${id}`);
      if (id === 'actor:broken') throw new Error('the driver failed');
      if (id === 'actor:nameless') return { ...actor(99), name: null };
      return nodes.find((node) => node.id === id) ?? null;
    },
    search: async (_: unknown, { first }: { first: number }) => nodes.slice(0, first).map((entity, i) => ({ score: 1 - i / 100, entity })),
    subgraph: async () => ({
      truncated: false,
      nodes,
      edges: nodes.map((node, i) => ({ id: `r${i}`, type: 'LEADS', source: node, target: nodes[(i * 7) % nodes.length] })),
    }),
  },
  Entity: { __resolveType: (entity: { kind: string }) => entity.kind },
  Node: { __resolveType: (entity: { kind: string }) => entity.kind },
};

const operations: { name: string; query: string; variables?: Record<string, unknown>; operationName?: string }[] = [
  { name: 'search with variables and a default', query: 'query S($text: String!, $n: Int) { search(query: $text, first: $n) { score entity { __typename id kind name } } }', variables: { text: 'x', n: 7 } },
  { name: 'subgraph', query: '{ subgraph(centerId: "actor:a1", depth: 2) { truncated nodes { id kind name } edges { id type source { id } target { id name } } } }' },
  {
    name: 'fragments, aliases, skip and include',
    query: `query E($id: ID!, $withAliases: Boolean!) {
      first: entity(id: $id) { ...Card ... on Actor { actorType } }
      again: entity(id: $id) { id aliases @include(if: $withAliases) description @skip(if: $withAliases) }
    }
    fragment Card on Entity { id kind label: name }`,
    variables: { id: 'actor:a3', withAliases: true },
  },
  { name: 'an unknown id', query: 'query E($id: ID!) { entity(id: $id) { id } }', variables: { id: 'actor:nobody' } },
  { name: 'a coded resolver error', query: '{ entity(id: "actor:missing") { id } }' },
  { name: 'an uncoded resolver error (masked)', query: '{ entity(id: "actor:broken") { id } }' },
  { name: 'null in a non-null field', query: '{ entity(id: "actor:nameless") { id name } search(query: "x", first: 1) { score } }' },
  { name: 'a missing required variable', query: 'query E($id: ID!) { entity(id: $id) { id } }', variables: {} },
  { name: 'a variable of the wrong type', query: 'query S($text: String!, $n: Int) { search(query: $text, first: $n) { score } }', variables: { text: 'x', n: 'seven' } },
  { name: 'more than 50 invalid variable items', query: 'query S($kinds: [EntityKind!]) { search(query: "x", kinds: $kinds) { score } }', variables: { kinds: Array(60).fill('NOPE') } },
  { name: 'one operation of several', query: 'query A { search(query: "x", first: 1) { score } } query B { entity(id: "actor:a2") { name } }', operationName: 'B' },
  { name: 'introspection', query: '{ __schema { queryType { name } } __type(name: "Actor") { fields { name } } }' },
];

describe('compiled execution', () => {
  const schema = () => makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers, inheritResolversFromInterfaces: false });
  // As in app.ts, in production: graphql-armor's plugins rewrite error messages (no field suggestions).
  const limits = queryLimits(loadConfig({ NODE_ENV: 'test' }).limits, true);
  const options = {
    formatError: createErrorFormatter(() => {}),
    includeStacktraceInErrorResponses: false,
    validationRules: limits.validationRules,
    plugins: limits.plugins as unknown as ApolloServerPlugin[],
  };
  const reference = new ApolloServer({ schema: schema(), ...options });
  const execution: CompiledExecution = compiledExecution(schema());
  const compiled = new ApolloServer({ gateway: execution.gateway, ...options });
  beforeAll(async () => {
    await Promise.all([reference.start(), compiled.start()]);
  });
  afterAll(async () => {
    await Promise.all([reference.stop(), compiled.stop()]);
  });

  const answer = async (server: ApolloServer, { query, variables, operationName }: (typeof operations)[number]) => {
    const response = await server.executeOperation({ query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status ?? 200, body: response.body.singleResult };
  };

  it.each(operations)('answers $name as graphql-js does, before and after compiling', async (operation) => {
    const expected = await answer(reference, operation);
    for (let run = 1; run <= 3; run++) expect(await answer(compiled, operation), `run ${run}`).toEqual(expected);
  });

  it('compiles a document on its second run, once', async () => {
    const before = execution.compiledCount();
    const operation = { name: 'fresh', query: '{ search(query: "fresh", first: 2) { entity { id } } }' };
    await answer(compiled, operation);
    expect(execution.compiledCount()).toBe(before);
    await answer(compiled, operation);
    expect(execution.compiledCount()).toBe(before + 1);
    await answer(compiled, operation);
    expect(execution.compiledCount()).toBe(before + 1);
  });

  it('compiles on the first run when the context is marked by compileAtOnce (the warm-up), and answers the same', async () => {
    const query = '{ search(query: "warm", first: 2) { entity { id } } }';
    const before = execution.compiledCount();
    const response = await compiled.executeOperation({ query }, { contextValue: compileAtOnce({}) });
    expect(execution.compiledCount()).toBe(before + 1);
    const expected = await answer(reference, { name: 'warm', query });
    expect(response.body.kind === 'single' && response.body.singleResult).toEqual(expected.body);
    // An unmarked context finds it compiled.
    await answer(compiled, { name: 'warm', query });
    expect(execution.compiledCount()).toBe(before + 1);
  });

  it('keeps the codes of resolver and variable errors once compiled', async () => {
    const coded = operations.find((operation) => operation.name === 'a coded resolver error')!;
    const variable = operations.find((operation) => operation.name === 'a missing required variable')!;
    for (let run = 0; run < 3; run++) {
      expect((await answer(compiled, coded)).body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      const refused = await answer(compiled, variable);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
  });
});
