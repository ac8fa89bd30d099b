/**
 * One request/response pair as every route sees it, opened at the node:http server before any
 * routing: its request id (X-Request-Id), its logger (the id bound once as `reqId`), and, when the
 * response is done, its one access log line and its http_requests_total sample.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { accessLogLevel, requestIdFrom } from './httpErrors.js';

export interface Exchange {
  readonly requestId: string;
  /** The service's logger with this request's `reqId`. */
  readonly log: Logger;
  /** Attaches the cause of a 5xx to the access log line. */
  failed(error: unknown): void;
}

export interface Exchanges {
  open(req: IncomingMessage, res: ServerResponse): Exchange;
  /** The exchange a response belongs to (for the Express routes, which get node's objects). */
  of(res: ServerResponse): Exchange | undefined;
}

/** The path without its query string: a GET /graphql carries the operation's variables there. */
export function pathOf(url: string | undefined): string {
  if (url === undefined) return '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/** Bounded route labels: the raw path would let any client mint a new time series per URL. */
function routeLabel(path: string): string {
  if (['/', '/graphql', '/health/live', '/health/ready', '/metrics', '/explore'].includes(path)) return path;
  if (path.startsWith('/ide/assets/')) return '/ide/assets';
  if (path.startsWith('/explore/assets/')) return '/explore/assets';
  return 'unmatched';
}

/**
 * The exchange rides on its response as a symbol-keyed property. A WeakMap keyed by responses kept
 * every exchange alive through V8's young-generation collections, which promoted them and tripled
 * the CPU of a plain request (docs/decisions/016-hot-path-allocations.md).
 */
const EXCHANGE = Symbol('exchange');
type WithExchange = ServerResponse & { [EXCHANGE]?: Exchange };

export function createExchanges(logger: Logger, metrics: Metrics): Exchanges {
  return {
    open(req, res) {
      const started = performance.now();
      const requestId = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', requestId);
      const log = logger.child({ reqId: requestId });
      const method = req.method ?? '';
      const path = pathOf(req.url);
      let failure: Error | undefined;

      // 'close' comes once the response is sent or its connection is gone: one listener, where
      // stream.finished adds five.
      res.once('close', () => {
        metrics.httpRequests.inc({ method, route: routeLabel(path), status: String(res.statusCode) });
        const level = accessLogLevel(path, res.statusCode, failure);
        if (!log.isLevelEnabled(level)) return;
        const line = { req: { method, url: path }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - started) };
        if (level === 'error') log.error({ ...line, err: failure ?? new Error(`failed with status code ${res.statusCode}`) }, 'request errored');
        else log[level](line, 'request completed');
      });

      const exchange: Exchange = {
        requestId,
        log,
        failed: (error) => {
          failure = error instanceof Error ? error : new Error(String(error));
        },
      };
      (res as WithExchange)[EXCHANGE] = exchange;
      return exchange;
    },
    of: (res) => (res as WithExchange)[EXCHANGE],
  };
}
