/**
 * Runs GraphQL operations through the real schema, resolvers and Neo4j, without HTTP.
 * Counts the database round trips each operation makes (the N+1 test reads them).
 */
import { ApolloServer } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { expect } from 'vitest';
import { buildSchema } from '../../src/resolvers/schema.js';
import { compiledExecution } from '../../src/server/compiledExecution.js';
import { createContext, type GraphContext } from '../../src/resolvers/context.js';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import type { GraphClient, QueryObservation } from '../../src/graph/client.js';
import { testClient } from './graph.js';
import type { GraphQLErrorJson } from './graphqlResponse.js';

export interface TestApi {
  graph: GraphClient;
  /** Runs an operation; returns data and errors as a client would see them, plus round trips. */
  run<T = Record<string, unknown>>(
    query: string | DocumentNode,
    variables?: Record<string, unknown>,
  ): Promise<{ data: T | null | undefined; errors: readonly GraphQLErrorJson[] | undefined; roundTrips: number }>;
  /** Runs an operation that must succeed; returns its data. */
  ok<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Runs an operation that must fail with no data, every error with one of `codes`; returns the errors. */
  fails(query: string, variables: Record<string, unknown> | undefined, ...codes: string[]): Promise<readonly GraphQLErrorJson[]>;
  close(): Promise<void>;
}

export async function createTestApi(): Promise<TestApi> {
  const observations: QueryObservation[] = [];
  const graph = testClient((observation) => observations.push(observation));
  // Executed as the service executes (src/server/app.ts): compiled from an operation's second run.
  const server = new ApolloServer<GraphContext>({ gateway: compiledExecution(buildSchema()).gateway, includeStacktraceInErrorResponses: false });
  await server.start();
  const api: TestApi = {
    graph,
    async run(query, variables) {
      const before = observations.length;
      const response = await server.executeOperation(
        typeof query === 'string' ? { query, variables } : { query, variables },
        { contextValue: createContext(graph, NO_DEADLINE) },
      );
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used');
      const { data, errors } = response.body.singleResult;
      return { data: data as never, errors: errors as never, roundTrips: observations.length - before };
    },
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const { data, errors } = await api.run<T>(query, variables);
      expect(errors, JSON.stringify(errors)).toBeUndefined();
      expect(data).toBeTruthy();
      return data as T;
    },
    async fails(query, variables, ...codes) {
      const { data, errors } = await api.run(query, variables);
      expect(errors, `expected ${codes.join(' or ')} for ${JSON.stringify(variables)}`).toBeDefined();
      for (const error of errors!) expect(codes, error.message).toContain(error.extensions?.code);
      expect(data ?? null).toBeNull();
      return errors!;
    },
    async close() {
      await server.stop();
      await graph.close();
    },
  };
  return api;
}
