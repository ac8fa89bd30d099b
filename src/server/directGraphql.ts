/**
 * POST /graphql for the clients that make nearly all requests — dashboards, scripts, other
 * services: no `Origin` header (so no CORS), a plain JSON body. They are answered here, straight
 * from node:http to Apollo, instead of through Express, its router, body-parser, cors and
 * pino-http, whose CPU cost showed in the benchmark (docs/decisions/007-direct-post-graphql.md).
 *
 * The Express route in app.ts remains the reference: browsers (the IDE and the explorer send an
 * Origin), GET requests, other content types and encodings all take it. This path does exactly
 * what it does for the requests it takes — the same body limit, UTF-8 and strict-JSON checks
 * with the same error answers (httpErrors.ts), request id, Apollo context (and its deadline), access log
 * line and metrics — and tests send the same requests both ways (test/server/directGraphql.test.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished } from 'node:stream';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { parse as parseContentType } from 'content-type';
import getRawBody from 'raw-body';
import { accessLogLevel, httpErrorAnswer, requestIdFrom, requireUtf8Body } from './httpErrors.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

export interface DirectGraphqlOptions<TContext extends object> {
  apollo: ApolloServer<TContext>;
  /** The same context the Express route builds, from the request's Authorization header. */
  context: (authorization: string | undefined, requestId: string, log: Logger) => Promise<TContext>;
  path: string;
  bodyLimitBytes: number;
  logger: Logger;
  metrics: Metrics;
}

/** True for the requests this path answers; everything else goes to Express. */
export function isDirectGraphqlRequest(req: IncomingMessage, path: string): boolean {
  if (req.method !== 'POST' || req.url !== path || req.headers.origin !== undefined) return false;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const contentType = req.headers['content-type'];
  if (!contentType) return false;
  try {
    const { type, parameters } = parseContentType(contentType);
    const charset = parameters.charset?.toLowerCase();
    return type === 'application/json' && (charset === undefined || charset === 'utf-8');
  } catch {
    return false; // a malformed header gets Express's answer
  }
}

export function directGraphqlHandler<TContext extends object>(options: DirectGraphqlOptions<TContext>) {
  const { apollo, context, path, bodyLimitBytes, logger, metrics } = options;

  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    let failure: Error | undefined;

    finished(res, () => {
      metrics.httpRequests.inc({ method: 'POST', route: path, status: String(res.statusCode) });
      const level = accessLogLevel(path, res.statusCode, failure);
      if (!logger.isLevelEnabled(level)) return;
      const line = { reqId: requestId, req: { id: requestId, method: 'POST', url: path }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - started) };
      if (level === 'error') logger.error({ ...line, err: failure ?? new Error(`failed with status code ${res.statusCode}`) }, 'request errored');
      else logger[level](line, 'request completed');
    });

    const answerError = (error: unknown) => {
      const { status, error: body } = httpErrorAnswer(error, bodyLimitBytes);
      if (status >= 500) failure = error instanceof Error ? error : new Error(String(error));
      send(res, status, JSON.stringify({ error: { ...body, requestId } }), 'application/json; charset=utf-8');
    };

    readJsonBody(req, bodyLimitBytes).then(
      async (body) => {
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        }
        const log = logger.child({ reqId: requestId });
        const response = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers, search: '', body },
          context: () => context(req.headers.authorization, requestId, log),
        });
        for (const [key, value] of response.headers) res.setHeader(key, value);
        // Apollo streams only incremental delivery (@defer), which this schema does not enable.
        if (response.body.kind !== 'complete') throw new Error('Apollo answered with a stream; this route sends complete responses only');
        send(res, response.status ?? 200, response.body.string);
      },
      // The rest of a refused body is read off first, so the client, still sending, gets the answer.
      (error: unknown) => drain(req, () => answerError(error)),
    ).catch(answerError);
  };
}

/**
 * The body as body-parser's strict JSON parser reads it: an empty body is `{}`, anything but an
 * object or array is a syntax error; failures carry body-parser's `status` and `type`, so
 * httpErrorAnswer words them the same way.
 */
async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const raw = await getRawBody(req, { length: req.headers['content-length'], limit });
  requireUtf8Body(raw);
  const text = raw.toString('utf8');
  if (text.length === 0) return {};
  const first = text.trimStart()[0];
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError('Only objects and arrays are valid JSON request bodies');
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw Object.assign(error as Error, { status: 400, type: 'entity.parse.failed' });
  }
}

function drain(req: IncomingMessage, then: () => void): void {
  finished(req, () => then());
  req.resume();
}

function send(res: ServerResponse, status: number, body: string, contentType?: string): void {
  if (res.headersSent) return;
  res.statusCode = status;
  if (contentType) res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
