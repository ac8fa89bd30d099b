/**
 * The query limits (src/server/limits.ts) as a client meets them: a real Apollo Server with the
 * service's schema, limits and error formatter refuses each over-limit document with 400 and
 * QUERY_TOO_COMPLEX, naming the limit, and never with armor's "Syntax Error: … exceeded".
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildSchema } from '../../src/resolvers/schema.js';
import { createErrorFormatter } from '../../src/server/formatError.js';
import { queryLimits } from '../../src/server/limits.js';

const { limits } = loadConfig({ NODE_ENV: 'test' });

describe('query limits', () => {
  let server: ApolloServer;
  const internal: unknown[] = [];

  beforeAll(async () => {
    const { validationRules, plugins, parseOptions } = queryLimits(limits, false);
    server = new ApolloServer({
      schema: buildSchema(),
      validationRules,
      parseOptions,
      plugins: plugins as unknown as ApolloServerPlugin[],
      formatError: createErrorFormatter((error) => internal.push(error)),
      includeStacktraceInErrorResponses: false,
    });
    await server.start();
  });
  afterAll(() => server?.stop());

  async function refused(query: string): Promise<{ status: number | undefined; errors: readonly GraphQLFormattedError[] }> {
    const response = await server.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.data).toBeUndefined();
    return { status: response.http.status, errors: response.body.singleResult.errors ?? [] };
  }

  const nested = (levels: number) => {
    let selection = 'id';
    for (let level = 0; level < levels; level++) selection = `neighbors(first: 1) { edges { node { ${selection} } } }`;
    return `{ entity(id: "country:japan") { ${selection} } }`;
  };

  it.each([
    ['cost', `{ entities(first: 100) { edges { node { neighbors(first: 100) { edges { node { neighbors(first: 100) { edges { node { id } } } } } } } } } }`, limits.maxCost],
    ['depth', nested(5), limits.maxDepth],
    ['aliases', `{ ${Array.from({ length: limits.maxAliases + 1 }, (_, i) => `a${i}: __typename`).join(' ')} }`, limits.maxAliases],
    ['directives', `{ __typename ${'@include(if: true) '.repeat(limits.maxDirectives + 1)}}`, limits.maxDirectives],
    ['tokens', `{ ${'__typename '.repeat(limits.maxTokens)}}`, limits.maxTokens],
  ])('refuses a document over the %s limit with 400 QUERY_TOO_COMPLEX and what to narrow', async (limit, query, maximum) => {
    const { status, errors } = await refused(query);
    expect(status).toBe(400);
    const error = errors.find((e) => e.extensions?.limit === limit);
    expect(error, JSON.stringify(errors)).toBeDefined();
    expect(error!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit, maximum });
    expect(error!.message).toContain(String(maximum));
    expect(error!.message).toMatch(/fewer|smaller|shorter/);
    expect(error!.message).not.toMatch(/Syntax Error/);
    if (limit !== 'tokens') expect(error!.extensions?.found).toBeGreaterThan(maximum);
    expect(internal).toEqual([]);
  });

  it('leaves ordinary validation errors as GRAPHQL_VALIDATION_FAILED', async () => {
    const { status, errors } = await refused('{ noSuchField }');
    expect(status).toBe(400);
    expect(errors.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
