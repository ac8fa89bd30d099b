/**
 * Turns resolver failures into errors a client can act on. Database outages and timeouts get
 * their own codes; anything unexpected is masked (no Cypher, no driver text, no stack) and logged
 * with the request id so an operator can find it.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseOutOfMemory, isDatabaseUnavailable, isQueryTimeout } from '../graph/availability.js';

/** Codes clients may branch on; everything else with a code of ours passes through unchanged. */
export function classifyDatabaseError(error: unknown): keyof typeof MESSAGES | undefined {
  if (isDatabaseUnavailable(error)) return 'SERVICE_UNAVAILABLE';
  if (isQueryTimeout(error)) return 'QUERY_TIMEOUT';
  if (isDatabaseOutOfMemory(error)) return 'DATABASE_BUSY';
  return undefined;
}

const MESSAGES = {
  SERVICE_UNAVAILABLE: 'The graph database is unavailable right now; retry in a few seconds.',
  // A broad question is the usual cause, but a database that has just restarted (cold caches) or is
  // overloaded times out on ordinary ones too, so the message names both remedies.
  QUERY_TIMEOUT:
    'The query did not finish within the time limit. If it asks for a lot, narrow it (fewer hops, a smaller page or limit); otherwise the database is busy or warming up — retry in a few seconds.',
  // Neo4j cannot tell "others are using the memory" from "this query alone needs too much" in its
  // error, so the message gives both remedies, in the order that usually works.
  DATABASE_BUSY:
    'The graph database has no memory left for this query right now, usually because other heavy queries are running — retry in a few seconds. If it keeps failing, ask for less (fewer hops, a smaller page or limit).',
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
