/**
 * The service's one error model (in the manner of tRPC's TRPCError and getHTTPStatusCode): the
 * closed list of `extensions.code` values a client can see, the HTTP status of each, and one
 * constructor per code. Anything carrying another code is masked as INTERNAL_SERVER_ERROR.
 *
 * `status` is the status of an answer that this code refuses as a whole: an HTTP request that
 * never reached GraphQL, a document refused before execution, or an auth error. An error a
 * resolver raises while executing is a field error: GraphQL over HTTP answers it with 200 next to
 * the (partial) data, so only the auth constructors carry their status into the answer.
 */
import { GraphQLError } from 'graphql';

/** The phase that raises a code: the HTTP request, the GraphQL document, or a resolver. */
type Phase = 'http' | 'document' | 'execution';

export const ERROR_CODES = {
  // The HTTP request, before GraphQL; answered as { error: { code, message, requestId } }.
  BAD_REQUEST: { status: 400, phase: 'http' },
  NOT_FOUND: { status: 404, phase: 'http' },
  PAYLOAD_TOO_LARGE: { status: 413, phase: 'http' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, phase: 'http' },
  NOT_STARTED: { status: 503, phase: 'http' },
  // The document, refused before any resolver runs (Apollo's codes, and the query limits).
  GRAPHQL_PARSE_FAILED: { status: 400, phase: 'document' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, phase: 'document' },
  QUERY_TOO_COMPLEX: { status: 400, phase: 'document' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, phase: 'document' },
  PERSISTED_QUERY_NOT_FOUND: { status: 200, phase: 'document' },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 200, phase: 'document' },
  // A document off the trusted-documents manifest while TRUSTED_DOCUMENTS=require.
  DOCUMENT_NOT_TRUSTED: { status: 400, phase: 'document' },
  // The client sends too fast, or has too much in flight (config.rateLimit); refused whole.
  RATE_LIMITED: { status: 429, phase: 'document' },
  // Raised while executing (BAD_USER_INPUT also for variables that do not coerce: then 400).
  BAD_USER_INPUT: { status: 400, phase: 'execution' },
  UNAUTHENTICATED: { status: 401, phase: 'execution' },
  FORBIDDEN: { status: 403, phase: 'execution' },
  CONFLICT: { status: 409, phase: 'execution' },
  SERVICE_UNAVAILABLE: { status: 503, phase: 'execution' },
  QUERY_TIMEOUT: { status: 504, phase: 'execution' },
  DATABASE_BUSY: { status: 503, phase: 'execution' },
  INTERNAL_SERVER_ERROR: { status: 500, phase: 'execution' },
} as const satisfies Record<string, { status: number; phase: Phase }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** The HTTP status of an answer refused with `code`; unknown codes are internal errors. */
export function httpStatusOf(code: unknown): number {
  return isErrorCode(code) ? ERROR_CODES[code].status : ERROR_CODES.INTERNAL_SERVER_ERROR.status;
}

/** What the body of an answer that never reached GraphQL says. */
export interface RequestErrorBody {
  code: ErrorCode;
  message: string;
}

/** A request refused before GraphQL, with its code; the HTTP paths answer it as JSON. */
export class RequestError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
    this.status = httpStatusOf(code);
  }
}

export const MASKED_MESSAGE = 'Internal server error';

// --- The HTTP request -------------------------------------------------------------------------

export const badRequest = (message: string) => new RequestError('BAD_REQUEST', message);
export const routeNotFound = (method: string, path: string) => new RequestError('NOT_FOUND', `No route for ${method} ${path}`);
export const payloadTooLarge = (limitBytes: number) => new RequestError('PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${limitBytes} bytes`);
export const unsupportedMediaType = (message: string) => new RequestError('UNSUPPORTED_MEDIA_TYPE', message);
export const notStarted = () => new RequestError('NOT_STARTED', 'The GraphQL server is starting');
export const internalRequestError = () => new RequestError('INTERNAL_SERVER_ERROR', MASKED_MESSAGE);

// --- GraphQL errors ---------------------------------------------------------------------------

function graphqlError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** Auth refuses the whole request, so its errors carry their status into the answer. */
function refusal(code: 'UNAUTHENTICATED' | 'FORBIDDEN', message: string): GraphQLError {
  return graphqlError(code, message, { http: { status: ERROR_CODES[code].status } });
}

/** TRUSTED_DOCUMENTS=require and the document (or id) is not on the manifest. */
export function documentNotTrusted(): GraphQLError {
  return graphqlError(
    'DOCUMENT_NOT_TRUSTED',
    'This server runs only trusted documents (the explorer\'s operations and the examples); this document or id is not one of them.',
    { http: { status: ERROR_CODES.DOCUMENT_NOT_TRUSTED.status } },
  );
}

/** A document id the server does not know; send the full document. */
export function persistedQueryNotFound(): GraphQLError {
  return graphqlError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound: the server does not know this document id; send the document itself.');
}

/** Why a client was held back: its request rate, the cost it spends per second, or its requests in flight. */
export type RateLimit = 'rate' | 'cost' | 'in-flight';

const SLOW_DOWN: Record<RateLimit, string> = {
  rate: 'Too many requests from this client',
  cost: 'This client has asked for too much (by estimated query cost) in the last moments',
  'in-flight': 'This client has too many (or too costly) requests in flight',
};

/**
 * A request refused by the per-client limits: 429 with Retry-After (a plain Map, which Apollo
 * merges into the answer's headers), and `retryAfterSeconds` for clients that read only the body.
 */
export function rateLimited(limit: RateLimit, retryAfterS: number): GraphQLError {
  return graphqlError('RATE_LIMITED', `${SLOW_DOWN[limit]}; retry in ${retryAfterS} s.`, {
    limit,
    retryAfterSeconds: retryAfterS,
    http: { status: ERROR_CODES.RATE_LIMITED.status, headers: new Map([['retry-after', String(retryAfterS)]]) },
  });
}

/** The request asked for something impossible: a page too large, a malformed cursor, a bad date. */
export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return graphqlError('BAD_USER_INPUT', message, argumentName ? { argumentName } : {});
}

/** Input that fails validation as a whole; every problem is listed for the client. */
export function invalidInput(message: string, problems: readonly { path: string; message: string }[]): GraphQLError {
  return graphqlError('BAD_USER_INPUT', message, { problems });
}

/** A non-null field pointed at something that no longer exists (e.g. deleted while being read). */
export function notFound(message: string): GraphQLError {
  return graphqlError('NOT_FOUND', message);
}

export function unauthenticated(message: string): GraphQLError {
  return refusal('UNAUTHENTICATED', message);
}

export function forbidden(message: string): GraphQLError {
  return refusal('FORBIDDEN', message);
}

/** Input that contradicts what the graph already holds; nothing was written. */
export function conflict(message: string): GraphQLError {
  return graphqlError('CONFLICT', message);
}

/** A service the request needs (the NLP server) is down or too slow; nothing was written. */
export function serviceUnavailable(message: string): GraphQLError {
  return graphqlError('SERVICE_UNAVAILABLE', message);
}

/** The database failures a client can act on, each with its remedy in the message. */
export const DATABASE_MESSAGES = {
  SERVICE_UNAVAILABLE: 'The graph database is unavailable right now; retry in a few seconds.',
  // A broad question is the usual cause, but a database that has just restarted (cold caches) or is
  // overloaded times out on ordinary ones too, so the message names both remedies.
  QUERY_TIMEOUT:
    'The query did not finish within the time limit. If it asks for a lot, narrow it (fewer hops, a smaller page or limit); otherwise the database is busy or warming up — retry in a few seconds.',
  // Neo4j cannot tell "others are using the memory" from "this query alone needs too much" in its
  // error, so the message gives both remedies, in the order that usually works.
  DATABASE_BUSY:
    'The graph database has no memory left for this query right now, usually because other heavy queries are running — retry in a few seconds. If it keeps failing, ask for less (fewer hops, a smaller page or limit).',
} as const satisfies Partial<Record<ErrorCode, string>>;

export type DatabaseErrorCode = keyof typeof DATABASE_MESSAGES;

// --- Query limits -----------------------------------------------------------------------------

/** The limits a document is held to before it runs (config.limits). */
export type QueryLimit = 'cost' | 'depth' | 'aliases' | 'directives' | 'tokens';

const NARROW: Record<QueryLimit, (maximum: number, found: number | undefined) => string> = {
  cost: (maximum, found) =>
    `The query asks for too much at once: its estimated cost${found === undefined ? '' : ` is ${found}, which`} exceeds the limit of ${maximum}. Ask for smaller pages (a lower \`first\`), fewer nested lists or fewer fields, or split it into several queries.`,
  depth: (maximum, found) =>
    `The query nests${found === undefined ? ' too' : ` ${found} levels`} deep; the limit is ${maximum}. Nest fewer levels: follow long chains with \`paths\` or \`subgraph\`, or in several queries.`,
  aliases: (maximum, found) =>
    `The query uses ${found ?? 'too many'} aliases; the limit is ${maximum}. Use fewer aliases, or send several queries.`,
  directives: (maximum, found) =>
    `The query uses ${found ?? 'too many'} directives; the limit is ${maximum}. Use fewer directives, or send several queries.`,
  tokens: (maximum) => `The query is longer than the limit of ${maximum} tokens. Send a shorter document (fewer fields and arguments), or several queries.`,
};

/**
 * A document over one of the query limits: QUERY_TOO_COMPLEX, naming the limit (`limit`), its
 * `maximum` and what the document `found`, and what to narrow.
 */
export function queryTooComplex(limit: QueryLimit, maximum: number, found?: number): GraphQLError {
  const rounded = found === undefined || !Number.isFinite(found) ? undefined : Math.ceil(found);
  return graphqlError('QUERY_TOO_COMPLEX', NARROW[limit](maximum, rounded), { limit, maximum, ...(rounded === undefined ? {} : { found: rounded }) });
}
