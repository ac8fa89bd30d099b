/**
 * Turns resolver failures into errors a client can act on. Database outages and timeouts get
 * their own codes; anything unexpected is masked (no Cypher, no driver text, no stack) and logged
 * with the request id so an operator can find it.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { Neo4jError } from 'neo4j-driver';
import { DeadlineExceededError } from '../graph/deadline.js';

const UNAVAILABLE_CODES = new Set([
  // The driver's own codes: no connection could be made, or the one in use broke.
  'ServiceUnavailable',
  'SessionExpired',
  // The server's answer while it shuts down (or a database is stopped): queries in flight when
  // Neo4j stops get this, not a driver code (test/server/outage.test.ts).
  'Neo.TransientError.General.DatabaseUnavailable',
]);
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/** Codes clients may branch on; everything else with a code of ours passes through unchanged. */
export function classifyDatabaseError(error: unknown): 'SERVICE_UNAVAILABLE' | 'QUERY_TIMEOUT' | undefined {
  // Past the request's deadline: a statement that was running timed out; one that never got a
  // connection met a database that is away or half-started, which is what a client must retry.
  if (error instanceof DeadlineExceededError) return error.reachedDatabase ? 'QUERY_TIMEOUT' : 'SERVICE_UNAVAILABLE';
  if (!(error instanceof Neo4jError)) return undefined;
  if (UNAVAILABLE_CODES.has(error.code) || /acquisition timed out|connect ECONNREFUSED|Pool is closed/i.test(error.message)) return 'SERVICE_UNAVAILABLE';
  if (TIMEOUT_CODES.has(error.code)) return 'QUERY_TIMEOUT';
  return undefined;
}

const MESSAGES = {
  SERVICE_UNAVAILABLE: 'The graph database is unavailable right now; retry in a few seconds.',
  // A broad question is the usual cause, but a database that has just restarted (cold caches) or is
  // overloaded times out on ordinary ones too, so the message names both remedies.
  QUERY_TIMEOUT:
    'The query did not finish within the time limit. If it asks for a lot, narrow it (fewer hops, a smaller page or limit); otherwise the database is busy or warming up — retry in a few seconds.',
} as const;

export function createErrorFormatter(onInternalError: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const databaseCode = classifyDatabaseError(original);
    if (databaseCode) {
      return { message: MESSAGES[databaseCode], locations: formatted.locations, path: formatted.path, extensions: { code: databaseCode } };
    }
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      onInternalError(original);
      return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return formatted;
  };
}
