/**
 * API-key authentication. Keys are configured only as SHA-256 hashes; a presented key is hashed
 * and compared with every configured hash in constant time, so neither timing nor the config
 * reveals a key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from '../config.js';
import { RequestError, unauthenticated } from '../domain/errors.js';
import type { Principal } from '../resolvers/context.js';

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/**
 * The principal for an Authorization header: null when there is none, an error when one is given
 * but is not a valid key (a wrong key never silently falls back to anonymous access).
 */
export function authenticate(authorization: string | undefined, keys: readonly ApiKey[]): Principal | null {
  if (!authorization) return null;
  const match = /^Bearer ([\x21-\x7e]{16,256})$/.exec(authorization.trim());
  if (!match) throw unauthenticated('Authorization must be "Bearer <API key>"');
  const presented = hashApiKey(match[1]!);
  let found: ApiKey | undefined;
  for (const key of keys) {
    // No early exit: every configured key is compared, whichever matches.
    if (timingSafeEqual(presented, Buffer.from(key.sha256, 'hex')) && !found) found = key;
  }
  if (!found) throw unauthenticated('The API key is not valid');
  return { name: found.name, role: found.role };
}

/**
 * GET /metrics, when it needs a key: a valid key with the metrics role, else a coded 401 or 403
 * (a RequestError: /metrics is plain HTTP, not GraphQL).
 */
export function authorizeMetrics(authorization: string | undefined, keys: readonly ApiKey[]): void {
  let principal: Principal | null;
  try {
    principal = authenticate(authorization, keys);
  } catch (error) {
    throw new RequestError('UNAUTHENTICATED', (error as Error).message);
  }
  if (!principal) throw new RequestError('UNAUTHENTICATED', '/metrics needs an API key with the metrics role: send "Authorization: Bearer <key>"');
  if (principal.role !== 'metrics') throw new RequestError('FORBIDDEN', `The API key "${principal.name}" has the ${principal.role} role; /metrics needs the metrics role`);
}
