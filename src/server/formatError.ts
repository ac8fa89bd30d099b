/**
 * Every GraphQL error on its way to a client goes through here and leaves with a code from the
 * error model (src/domain/errors.ts): database outages, timeouts and memory refusals get their
 * own codes, query-limit refusals QUERY_TOO_COMPLEX, and anything else without a listed code is
 * masked (no Cypher, no driver text, no stack) and reported, so an operator finds it by request id.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DATABASE_MESSAGES, isErrorCode, MASKED_MESSAGE, queryTooComplex, type DatabaseErrorCode } from '../domain/errors.js';
import { isDatabaseOutOfMemory, isDatabaseUnavailable, isQueryTimeout } from '../graph/availability.js';

/** The code a database failure gets, or undefined when it is not one clients can act on. */
export function classifyDatabaseError(error: unknown): DatabaseErrorCode | undefined {
  if (isDatabaseUnavailable(error)) return 'SERVICE_UNAVAILABLE';
  if (isQueryTimeout(error)) return 'QUERY_TIMEOUT';
  if (isDatabaseOutOfMemory(error)) return 'DATABASE_BUSY';
  return undefined;
}

/** graphql-js's words when a document passes `maxLexicalTokens` (src/server/limits.ts). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more than (\d+) tokens\./;

/** Apollo files every validation-rule error under GRAPHQL_VALIDATION_FAILED; the query limits carry their own code. */
function queryLimitRefusal(error: unknown): GraphQLError | undefined {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  return original instanceof GraphQLError && original.extensions.code === 'QUERY_TOO_COMPLEX' ? original : undefined;
}

export function createErrorFormatter(onInternalError: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const databaseCode = classifyDatabaseError(original);
    if (databaseCode) {
      return { message: DATABASE_MESSAGES[databaseCode], locations: formatted.locations, path: formatted.path, extensions: { code: databaseCode } };
    }
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED') {
      const limit = queryLimitRefusal(error);
      if (limit) return { ...formatted, message: limit.message, extensions: { ...formatted.extensions, ...limit.extensions } };
    }
    const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
    if (tokens) {
      const limit = queryTooComplex('tokens', Number(tokens[1]));
      return { ...formatted, message: limit.message, extensions: { ...formatted.extensions, ...limit.extensions } };
    }
    if (!isErrorCode(code) || code === 'INTERNAL_SERVER_ERROR') {
      onInternalError(original);
      return { message: MASKED_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return formatted;
  };
}

/** Masked errors name the request, so a client's report leads to the operator's log line. */
export function withRequestId(errors: readonly GraphQLFormattedError[], requestId: string): GraphQLFormattedError[] {
  return errors.map((error) => (error.extensions?.code === 'INTERNAL_SERVER_ERROR' ? { ...error, extensions: { ...error.extensions, requestId } } : error));
}
