/**
 * What every HTTP answer shares: the request id, the JSON error of a request that never reached
 * GraphQL (worded by the error model, src/domain/errors.ts), and the level of the access log line.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { badRequest, internalRequestError, payloadTooLarge, RequestError, type ErrorCode, type RequestErrorBody } from '../../domain/errors.js';

/** Client-chosen request ids are echoed and logged, so they must be short and printable. */
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The client's X-Request-Id when it is sane, else a fresh UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * GraphQL over HTTP bodies are UTF-8; decoding invalid bytes would replace them with U+FFFD and run
 * something other than what the client sent.
 */
export function requireUtf8Body(body: Buffer): void {
  if (!isUtf8(body)) throw badRequest('Request body is not valid UTF-8');
}

export interface HttpErrorAnswer {
  status: number;
  error: RequestErrorBody;
}

/** Codes for the 4xx errors of the libraries underneath (raw-body, send, Express), by status. */
const CODE_BY_STATUS: Record<number, ErrorCode> = { 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/**
 * The answer to a request that failed before GraphQL: the error model's RequestErrors as they are,
 * the libraries' errors (their `status`, `type` and `expose`) in words a client can act on, and
 * anything else a masked 500.
 */
export function httpErrorAnswer(error: unknown, bodyLimitBytes: number): HttpErrorAnswer {
  const known = error instanceof RequestError ? error : fromLibrary(error, bodyLimitBytes);
  return { status: known.status, error: { code: known.code, message: known.message } };
}

function fromLibrary(error: unknown, bodyLimitBytes: number): RequestError {
  const details = (error ?? {}) as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown; message?: unknown };
  if (details.type === 'entity.too.large') return payloadTooLarge(bodyLimitBytes);
  const status = Number(details.status ?? details.statusCode);
  if (Number.isInteger(status) && status >= 400 && status < 500 && details.expose === true && typeof details.message === 'string') {
    // The library's status stands (e.g. 416 from a range request), under the code of its family.
    return Object.assign(new RequestError(CODE_BY_STATUS[status] ?? 'BAD_REQUEST', details.message), { status });
  }
  return internalRequestError();
}

/** Probes, scrapes, GraphQL requests (which get their own operation line) and rate-limit refusals log at debug. */
export function accessLogLevel(path: string, status: number, error: unknown): 'debug' | 'info' | 'warn' | 'error' {
  if (error || status >= 500) return 'error';
  // A line per refusal would let a flooding client fill the log (and spend the CPU the limit saves).
  if (status === 429) return 'debug';
  if (status >= 400) return 'warn';
  return path.startsWith('/health/') || path === '/metrics' || path === '/graphql' ? 'debug' : 'info';
}
