/**
 * The one request path for /graphql (in the manner of graphql-http's handler): the CORS decision,
 * the body checks (size, charset, UTF-8, strict JSON) and Apollo with the request's context, on a
 * plain request giving back a plain answer. It knows no HTTP framework: node.ts reads and writes
 * the wire, and every GET and POST, with or without an Origin, comes through here.
 */
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { parse as parseContentType } from 'content-type';
import { GraphQLError } from 'graphql';
import { badRequest, httpStatusOf, notStarted, unsupportedMediaType } from '../../domain/errors.js';
import type { Logger } from '../logger.js';
import { httpErrorAnswer, requireUtf8Body } from './httpErrors.js';

export type Headers = Readonly<Record<string, string | string[] | undefined>>;

export interface GraphqlRequest {
  method: string;
  /** The query string with its `?`, or ''. */
  search: string;
  /** Lower-case names, as node:http gives them. */
  headers: Headers;
  /** The body decoded from its Content-Encoding, refused past `limit` bytes. */
  readBody(limit: number): Promise<Buffer>;
  requestId: string;
  log: Logger;
  /** The peer's IP address, for the per-client limits of clients without an API key. */
  clientAddress: string;
}

export interface GraphqlAnswer {
  status: number;
  headers: [string, string][];
  body: string;
  /** What made it a 5xx, for the access log. */
  failure?: Error;
}

export interface GraphqlHandlerOptions<TContext extends object> {
  apollo: ApolloServer<TContext>;
  /** Apollo's context for a request, from its Authorization header and its client (`clientOf`). */
  context: (authorization: string | undefined, requestId: string, log: Logger, client: string) => Promise<TContext>;
  /** Who the per-client limits count this request against. */
  clientOf: (authorization: string | undefined, address: string) => string;
  /** The request-rate limit: a refusal (RATE_LIMITED) when the client has no token left. */
  takeToken?: (client: string) => GraphQLError | undefined;
  /** Trusted documents: the parameters Apollo should see (a document id replaced by its text), or a refusal thrown. */
  trustDocument?: (params: Record<string, unknown>) => Record<string, unknown>;
  bodyLimitBytes: number;
  /** Origins whose pages may call the API; none: same-origin pages only. */
  corsOrigins: readonly string[];
  /** False until Apollo has started. */
  isStarted: () => boolean;
}

/** How long a browser may cache a preflight answer. */
const PREFLIGHT_MAX_AGE_S = 600;

export function createGraphqlHandler<TContext extends object>(options: GraphqlHandlerOptions<TContext>) {
  const { apollo, context, clientOf, takeToken, trustDocument, bodyLimitBytes, corsOrigins, isStarted } = options;

  const corsHeaders = (headers: Headers): [string, string][] => {
    const origin = headers.origin;
    const allowed = typeof origin === 'string' && corsOrigins.includes(origin);
    return allowed ? [['Vary', 'Origin'], ['Access-Control-Allow-Origin', origin]] : [['Vary', 'Origin']];
  };

  const errorAnswer = (error: unknown, request: GraphqlRequest, cors: [string, string][]): GraphqlAnswer => {
    const { status, error: body } = httpErrorAnswer(error, bodyLimitBytes);
    const failure = status >= 500 ? (error instanceof Error ? error : new Error(String(error))) : undefined;
    const json = JSON.stringify({ error: { ...body, requestId: request.requestId } });
    return { status, headers: [...cors, ['Content-Type', 'application/json; charset=utf-8']], body: json, ...(failure ? { failure } : {}) };
  };

  return async (request: GraphqlRequest): Promise<GraphqlAnswer> => {
    const cors = corsHeaders(request.headers);
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS') return preflight(request.headers, cors);
    try {
      if (!isStarted()) throw notStarted();
      const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
      const client = clientOf(authorization, request.clientAddress);
      // Refused before the body is read, so a flood costs as little as possible.
      const refusal = takeToken?.(client);
      if (refusal) return graphqlErrorAnswer(refusal, cors);
      let body = method === 'POST' ? await jsonBody(request, bodyLimitBytes) : undefined;
      let search = request.search;
      if (trustDocument) {
        try {
          if (isParams(body)) body = trustDocument(body);
          else if (method === 'GET') search = trustedSearch(search, trustDocument);
        } catch (error) {
          if (error instanceof GraphQLError) return graphqlErrorAnswer(error, cors);
          throw error;
        }
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search, body },
        context: () => context(authorization, request.requestId, request.log, client),
      });
      // Apollo streams only incremental delivery (@defer), which this schema does not enable.
      if (response.body.kind !== 'complete') throw new Error('Apollo answered with a stream; this route sends complete responses only');
      const status = legacyJsonStatus(request.headers.accept, response.status ?? 200, response.body.string);
      return { status, headers: [...cors, ...response.headers], body: response.body.string };
    } catch (error) {
      return errorAnswer(error, request, cors);
    }
  };
}

/** A GraphQL error refusing the whole request, answered as Apollo would: its status and headers from `extensions.http`. */
function graphqlErrorAnswer(error: GraphQLError, cors: [string, string][]): GraphqlAnswer {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> }; code?: unknown };
  const headers: [string, string][] = [...cors, ['Content-Type', 'application/json; charset=utf-8'], ...(http?.headers ?? [])];
  return { status: http?.status ?? httpStatusOf(extensions.code), headers, body: JSON.stringify({ errors: [{ message: error.message, extensions }] }) };
}

const isParams = (body: unknown): body is Record<string, unknown> => typeof body === 'object' && body !== null && !Array.isArray(body);

/** A GET's query string with the trusted-documents step applied (`extensions` is JSON there). */
function trustedSearch(search: string, trust: (params: Record<string, unknown>) => Record<string, unknown>): string {
  const query = new URLSearchParams(search);
  const params: Record<string, unknown> = {};
  for (const name of ['query', 'documentId'] as const) if (query.has(name)) params[name] = query.get(name);
  try {
    if (query.has('extensions')) params.extensions = JSON.parse(query.get('extensions')!);
  } catch {
    // Apollo refuses malformed extensions itself.
  }
  const trusted = trust(params);
  if (trusted === params) return search;
  query.delete('documentId');
  if (typeof trusted.query === 'string') query.set('query', trusted.query);
  return `?${query.toString()}`;
}

/** Request errors the GraphQL-over-HTTP spec answers with 200 to a client that accepts only application/json. */
const LEGACY_200_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * The status for a client that names application/json but not application/graphql-response+json:
 * the spec's legacy contract says a document that does not parse or validate, or variables that do
 * not coerce, still get 200 (the errors are in the body, which is unchanged). Every other client,
 * and every other error (CSRF, auth, limits), keeps Apollo's status.
 */
function legacyJsonStatus(accept: string | string[] | undefined, status: number, body: string): number {
  if (status !== 400 || !acceptsOnlyLegacyJson(accept)) return status;
  let parsed: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return status;
  }
  const errors = parsed.errors ?? [];
  const requestError = !('data' in parsed) && errors.length > 0 && errors.every((e) => LEGACY_200_CODES.has(String(e.extensions?.code)));
  return requestError ? 200 : status;
}

function acceptsOnlyLegacyJson(accept: string | string[] | undefined): boolean {
  const header = Array.isArray(accept) ? accept.join(',') : accept;
  if (!header) return false;
  const types = header
    .split(',')
    .map((part) => part.split(';').map((piece) => piece.trim().toLowerCase()))
    .filter(([, ...params]) => !params.some((param) => /^q=0(\.0*)?$/.test(param)))
    .map(([type]) => type);
  return types.includes('application/json') && !types.includes('application/graphql-response+json');
}

/** What the `cors` package answered a preflight with: always 204, the origin only when allowed. */
function preflight(headers: Headers, cors: [string, string][]): GraphqlAnswer {
  const requested = headers['access-control-request-headers'];
  const answer: [string, string][] = [
    ...cors.filter(([name]) => name !== 'Vary'),
    ['Vary', 'Origin, Access-Control-Request-Headers'],
    ['Access-Control-Allow-Methods', 'GET,POST'],
    ...(typeof requested === 'string' && requested ? [['Access-Control-Allow-Headers', requested] as [string, string]] : []),
    ['Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_S)],
  ];
  return { status: 204, headers: answer, body: '' };
}

/**
 * The body as body-parser's strict JSON parser read it: only for a JSON content type (otherwise
 * none, and Apollo says what it needs), in UTF-8, an empty body is `{}`, and anything but an
 * object or array is refused.
 */
async function jsonBody(request: GraphqlRequest, limit: number): Promise<unknown> {
  const contentType = request.headers['content-type'];
  if (typeof contentType !== 'string') return undefined;
  let parsed: ReturnType<typeof parseContentType>;
  try {
    parsed = parseContentType(contentType);
  } catch {
    return undefined;
  }
  if (parsed.type !== 'application/json') return undefined;
  // Other charsets (UTF-16, UTF-7, Latin-1) would run something other than what the client sent.
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8') throw unsupportedMediaType(`Unsupported charset "${charset.toUpperCase()}": send UTF-8`);

  const raw = await request.readBody(limit);
  requireUtf8Body(raw);
  const text = raw.toString('utf8');
  if (text.length === 0) return {};
  const first = text.trimStart()[0];
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError('not an object or an array');
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}
