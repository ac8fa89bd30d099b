/**
 * The cost-based per-client limits (rateLimit.ts): once Apollo has parsed and validated a
 * document, its estimated cost is known; it is spent from the client's cost per second and must
 * fit beside the client's requests in flight, or the request is refused with
 * RATE_LIMITED (429, Retry-After) before any resolver runs. Its weight is given back when the
 * answer is sent. The request-rate half runs earlier, in the /graphql handler, before the body is read.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { rateLimited } from '../domain/errors.js';
import type { RateLimiter } from './rateLimit.js';

export interface ClientContext {
  /** Who the limits count against: `key:<name>` or `address:<ip>`. */
  client: string;
}

export function rateLimitPlugin<TContext extends ClientContext>(
  limiter: RateLimiter,
  costOf: (document: DocumentNode | undefined) => number,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      let release: (() => void) | undefined;
      return {
        async didResolveOperation({ document }) {
          const cost = costOf(document);
          const admission = limiter.acquire(contextValue.client, cost);
          if (!admission.ok) throw rateLimited('in-flight', admission.retryAfterS);
          // Spent only once admitted, so a refused request costs its client nothing.
          const spent = limiter.spend(contextValue.client, cost);
          if (!spent.ok) {
            admission.release();
            throw rateLimited('cost', spent.retryAfterS);
          }
          release = admission.release;
        },
        async willSendResponse() {
          release?.();
        },
      };
    },
  };
}
