/**
 * One log line and one metric sample per GraphQL operation; never the variables. The codes are
 * the ones the client saw (after formatError); masked errors get the request id in their
 * extensions, and their cause goes to the error line.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from './logger.js';
import type { GraphqlOutcome, Metrics } from './metrics.js';
import { withRequestId } from './formatError.js';

export interface OperationContext {
  requestId: string;
  log: Logger;
}

export function operationLogPlugin<TContext extends OperationContext>(metrics: Metrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const durationMs = performance.now() - started;
          const body = response.body;
          const executed = body.kind === 'single' ? body.singleResult.data !== undefined : true;
          const outcome: GraphqlOutcome = !errors?.length ? 'ok' : executed ? 'error' : 'rejected';
          metrics.recordOperation(operationName ?? undefined, outcome, durationMs);

          const formatted = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          const codes = formatted.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          // The child logger carries reqId already.
          const line = { operation: operationName ?? null, outcome, durationMs: Math.round(durationMs * 10) / 10, ...(codes.length ? { errorCodes: [...new Set(codes)] } : {}) };
          const internal = codes.indexOf('INTERNAL_SERVER_ERROR');
          if (internal >= 0 && body.kind === 'single') {
            body.singleResult.errors = withRequestId(formatted, contextValue.requestId);
            const cause = errors?.[internal];
            contextValue.log.error({ ...line, err: cause?.originalError ?? cause }, 'graphql operation failed');
          } else {
            contextValue.log.info(line, 'graphql operation');
          }
        },
      };
    },
  };
}
