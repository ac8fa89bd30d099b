/** Role checks for resolvers. Who the caller is was settled per request (src/server/auth.ts). */
import { GraphQLError } from 'graphql';
import type { GraphContext } from './context.js';

/** Mutations need an editor key: none → UNAUTHENTICATED, a reader key → FORBIDDEN. */
export function requireEditor(context: GraphContext): void {
  if (!context.principal) {
    throw new GraphQLError('This operation needs an API key: send "Authorization: Bearer <key>" with the editor role', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  if (context.principal.role !== 'editor') {
    throw new GraphQLError(`The API key "${context.principal.name}" has the ${context.principal.role} role; this operation needs editor`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
}
