/** Role checks for resolvers. Who the caller is was settled per request (src/server/auth.ts). */
import { forbidden, unauthenticated } from '../domain/errors.js';
import type { GraphContext } from './context.js';

/** Mutations need an editor key: none → UNAUTHENTICATED, a reader key → FORBIDDEN. */
export function requireEditor(context: GraphContext): void {
  if (!context.principal) {
    throw unauthenticated('This operation needs an API key: send "Authorization: Bearer <key>" with the editor role');
  }
  if (context.principal.role !== 'editor') {
    throw forbidden(`The API key "${context.principal.name}" has the ${context.principal.role} role; this operation needs editor`);
  }
}
