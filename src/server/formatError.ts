/**
 * Every GraphQL error on its way to a client goes through here and leaves with a code from the
 * error model (src/domain/errors.ts): database outages, timeouts and memory refusals get their
 * own codes, query-limit refusals QUERY_TOO_COMPLEX, and anything else without a listed code is
 * masked (no Cypher, no driver text, no stack) and reported, so an operator finds it by request id.
 */
import type { GraphQLFormattedError } from 'graphql';
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

/** graphql-js stops coercing variables after 50 problems and adds this error, which Apollo leaves without a code. */
const VARIABLE_ERROR_LIMIT = /^Too many errors processing variables, error limit reached\. Execution aborted\.$/;

/** graphql-js's words ("more that" in 16.x) when a document passes `maxLexicalTokens` (limits.ts). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens\./;

/**
 * Apollo files every validation-rule error under GRAPHQL_VALIDATION_FAILED; the query limits'
 * (limits.ts) is the original error and keeps its code. Duck-typed: Apollo and this module may
 * load graphql's CommonJS and ES builds, whose GraphQLError classes differ.
 */
function queryLimitRefusal(error: unknown): { message: string; extensions: Record<string, unknown> } | undefined {
  const original = (error as { originalError?: { message?: unknown; extensions?: Record<string, unknown> } } | null)?.originalError;
  return original?.extensions?.code === 'QUERY_TOO_COMPLEX' && typeof original.message === 'string' ? { message: original.message, extensions: original.extensions } : undefined;
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
    if (VARIABLE_ERROR_LIMIT.test(formatted.message)) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
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
