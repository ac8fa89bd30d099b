/**
 * A variable with more than 50 invalid items (found by the fuzzer): graphql-js gives up with
 * "Too many errors processing variables", an error Apollo leaves without a code. It is the
 * client's input, so BAD_USER_INPUT (400), not a masked internal error reported to the operator.
 */
import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { createErrorFormatter } from '../../src/server/formatError.js';

describe('the variable error limit', () => {
  it('is BAD_USER_INPUT, like every other variable problem, and not reported as internal', async () => {
    const internal: unknown[] = [];
    const server = new ApolloServer({
      typeDefs: 'type Query { count(ids: [Int!]): Int }',
      resolvers: { Query: { count: (_: unknown, { ids }: { ids: number[] }) => ids.length } },
      formatError: createErrorFormatter((error) => internal.push(error)),
    });
    await server.start();
    try {
      const response = await server.executeOperation({ query: 'query Q($ids: [Int!]) { count(ids: $ids) }', variables: { ids: Array(60).fill('x') } });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const errors = response.body.singleResult.errors ?? [];
      expect(response.http.status).toBe(400);
      expect(errors.at(-1)?.message).toMatch(/^Too many errors processing variables/);
      expect(new Set(errors.map((error) => error.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
      expect(internal).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
