/** GraphQL errors with the codes clients branch on (`extensions.code`). */
import { GraphQLError } from 'graphql';

/** The request asked for something impossible: a page too large, a malformed cursor, a bad date. */
export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}) } });
}

/** A non-null field pointed at something that no longer exists (e.g. deleted while being read). */
export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}
