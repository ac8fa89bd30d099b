/**
 * Runs GraphQL operations through the real schema, resolvers and Neo4j, without HTTP.
 * Counts the database round trips each operation makes (the N+1 test reads them).
 */
import { ApolloServer } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { buildSchema } from '../../src/resolvers/schema.js';
import { createContext, type GraphContext } from '../../src/resolvers/context.js';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import type { GraphClient, QueryObservation } from '../../src/graph/client.js';
import { testClient } from './graph.js';

export interface TestApi {
  graph: GraphClient;
  /** Runs an operation; returns data and errors as a client would see them, plus round trips. */
  run<T = Record<string, unknown>>(
    query: string | DocumentNode,
    variables?: Record<string, unknown>,
  ): Promise<{ data: T | null | undefined; errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined; roundTrips: number }>;
  close(): Promise<void>;
}

export async function createTestApi(): Promise<TestApi> {
  const observations: QueryObservation[] = [];
  const graph = testClient((observation) => observations.push(observation));
  const server = new ApolloServer<GraphContext>({ schema: buildSchema(), includeStacktraceInErrorResponses: false });
  await server.start();
  return {
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
    async close() {
      await server.stop();
      await graph.close();
    },
  };
}
