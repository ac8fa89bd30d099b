/**
 * How database failures reach clients (src/server/formatError.ts). Outages and timeouts are
 * exercised against a real Neo4j in outage.test.ts and requestDeadline.test.ts. Memory refusals
 * need a Neo4j short of memory: Community cannot lower its transaction memory limits at runtime
 * (dbms.setConfigValue is Enterprise-only) and exhausting the test database's real pool would take
 * ~700 MiB of its 1 GiB heap, so they are Neo4jErrors with the code and the message Neo4j 5.26
 * sent in the 1M-entity benchmark (MemoryPoolOutOfMemoryError) and the codes it documents, thrown
 * by a resolver of a real Apollo Server that formats errors as the service does.
 */
import { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/graph/availability.js';
import { classifyDatabaseError, createErrorFormatter, withRequestId } from '../../src/server/formatError.js';

const POOL_EXHAUSTED_MESSAGE =
  'The allocation of an extra 16.9 MiB would use more than the limit 2.8 GiB. Currently using 2.8 GiB. dbms.memory.transaction.total.max threshold reached';

const neo4jError = (code: string, message = 'no memory') => new Neo4jError(message, code, '50N42', 'error: general processing exception - unexpected error');

/** The formatted errors of `{ neighbors }` when its resolver throws `thrown`, and what was reported as internal. */
async function clientSees(thrown: Error): Promise<{ errors: readonly GraphQLFormattedError[]; internal: unknown[] }> {
  const internal: unknown[] = [];
  const server = new ApolloServer({
    typeDefs: 'type Query { neighbors: [String] }',
    resolvers: { Query: { neighbors: () => Promise.reject(thrown) } },
    formatError: createErrorFormatter((error) => internal.push(error)),
  });
  await server.start();
  try {
    const response = await server.executeOperation({ query: '{ neighbors }' });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { errors: response.body.singleResult.errors ?? [], internal };
  } finally {
    await server.stop();
  }
}

describe('database errors as clients see them', () => {
  it("Neo4j's memory refusals are DATABASE_BUSY, with both remedies, and are not reported as internal errors", async () => {
    for (const code of [
      'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
      'Neo.TransientError.General.OutOfMemoryError',
      'Neo.ClientError.General.TransactionOutOfMemoryError',
      'Neo.TransientError.General.TransactionMemoryLimit',
    ]) {
      const { errors, internal } = await clientSees(neo4jError(code));
      expect(errors, code).toHaveLength(1);
      expect(errors[0]!.extensions?.code, code).toBe('DATABASE_BUSY');
      expect(errors[0]!.message).toMatch(/retry in a few seconds/);
      expect(errors[0]!.message).toMatch(/ask for less/);
      expect(errors[0]!.path).toEqual(['neighbors']);
      expect(internal, code).toEqual([]);
    }
  });

  it("never shows Neo4j's own text (settings, sizes, codes) to the client", async () => {
    const { errors } = await clientSees(neo4jError('Neo.TransientError.General.MemoryPoolOutOfMemoryError', POOL_EXHAUSTED_MESSAGE));
    expect(errors[0]!.extensions?.code).toBe('DATABASE_BUSY');
    expect(JSON.stringify(errors)).not.toMatch(/dbms\.memory|GiB|Neo\.TransientError|50N42/);
  });

  it('a busy database is still an available one: the circuit breaker does not count it', () => {
    const error = neo4jError('Neo.TransientError.General.MemoryPoolOutOfMemoryError', POOL_EXHAUSTED_MESSAGE);
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(classifyDatabaseError(error)).toBe('DATABASE_BUSY');
  });

  it('other Neo4j errors stay internal: masked for the client, reported to the operator', async () => {
    const original = neo4jError('Neo.ClientError.Statement.SyntaxError', 'Unknown function nosuchfunction');
    const { errors, internal } = await clientSees(original);
    expect(errors).toMatchObject([{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(internal).toEqual([original]);
  });

  it('masks a code that is not on the error model\'s list, and keeps one that is', async () => {
    const stray = new GraphQLError('a library said something', { extensions: { code: 'SOME_LIBRARY_CODE' } });
    const { errors, internal } = await clientSees(stray);
    expect(errors).toMatchObject([{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(internal).toHaveLength(1);
    const listed = await clientSees(new GraphQLError('gone', { extensions: { code: 'NOT_FOUND' } }));
    expect(listed.errors).toMatchObject([{ message: 'gone', extensions: { code: 'NOT_FOUND' } }]);
    expect(listed.internal).toEqual([]);
  });

  it('names the request in masked errors only', () => {
    const errors: GraphQLFormattedError[] = [
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      { message: 'gone', extensions: { code: 'NOT_FOUND' } },
    ];
    expect(withRequestId(errors, 'req-1')).toEqual([
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' } },
      { message: 'gone', extensions: { code: 'NOT_FOUND' } },
    ]);
  });
});
