/**
 * The in-flight half of the per-client limits (rateLimit.ts): once Apollo has parsed and validated
 * a document, its estimated cost is known, and the request is admitted or refused with
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
          const admission = limiter.acquire(contextValue.client, costOf(document));
          if (!admission.ok) throw rateLimited('in-flight', admission.retryAfterS);
          release = admission.release;
        },
        async willSendResponse() {
          release?.();
        },
      };
    },
  };
}
