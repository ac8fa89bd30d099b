/**
 * What both HTTP routes to GraphQL (Express in app.ts, node:http in directGraphql.ts) must answer
 * and log alike: the request id, the JSON error for a request that never reached GraphQL, and the
 * level of the access log line.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';

/** Client-chosen request ids are echoed and logged, so they must be short and printable. */
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The client's X-Request-Id when it is sane, else a fresh UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * GraphQL over HTTP bodies are UTF-8; decoding invalid bytes would replace them with U+FFFD and run
 * something other than what the client sent. Throws body-parser's kind of error, a 400.
 */
export function requireUtf8Body(body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('Request body is not valid UTF-8'), { status: 400, expose: true, type: 'entity.encoding.invalid' });
}

export interface HttpErrorAnswer {
  status: number;
  error: { code: string; message: string };
}

/**
 * The answer to a request that failed before GraphQL: body-parser's and raw-body's errors (their
 * `status` and `type`) in words a client can act on; anything else is a masked 500.
 */
export function httpErrorAnswer(error: unknown, bodyLimitBytes: number): HttpErrorAnswer {
  const details = (error ?? {}) as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown; message?: unknown };
  const raw = Number(details.status ?? details.statusCode);
  const status = Number.isInteger(raw) && raw >= 400 && raw < 600 ? raw : 500;

  if (details.type === 'entity.too.large') return { status, error: { code: 'PAYLOAD_TOO_LARGE', message: `Request body exceeds the limit of ${bodyLimitBytes} bytes` } };
  if (details.type === 'entity.parse.failed') return { status, error: { code: 'BAD_REQUEST', message: 'Request body is not valid JSON' } };
  if (status < 500 && details.expose === true && typeof details.message === 'string') {
    return { status, error: { code: status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST', message: details.message } };
  }
  return { status, error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } };
}

/** Probes, scrapes and GraphQL requests (which get their own operation line) log at debug. */
export function accessLogLevel(path: string, status: number, error: unknown): 'debug' | 'info' | 'warn' | 'error' {
  if (error || status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return path.startsWith('/health/') || path === '/metrics' || path === '/graphql' ? 'debug' : 'info';
}
