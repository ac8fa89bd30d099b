/**
 * The HTTP service: Express 5 with Apollo Server on /graphql, GraphiQL, health probes and
 * Prometheus metrics. `createApp` wires everything but binds no port, so tests and main.ts share
 * the exact same app; `start()` starts Apollo and listens, `stop()` drains in-flight requests.
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { pinoHttp } from 'pino-http';
import type { SerializedRequest } from 'pino-std-serializers';
import type { Config } from '../config.js';
import type { GraphClient } from '../graph/client.js';
import { deadlineAfter } from '../graph/deadline.js';
import { EXAMPLES_DIR } from '../paths.js';
import { createContext, type ArticleServices, type GraphContext } from '../resolvers/context.js';
import { buildSchema } from '../resolvers/schema.js';
import { authenticate } from './auth.js';
import { directGraphqlHandler, isDirectGraphqlRequest } from './directGraphql.js';
import { accessLogLevel, httpErrorAnswer, requestIdFrom, requireUtf8Body } from './httpErrors.js';
import { classifyDatabaseError, createErrorFormatter } from './formatError.js';
import { explorerRouter } from './explorer.js';
import { loadExampleOperations } from '../examples.js';
import { graphiqlRouter } from './graphiql.js';
import { queryLimits } from './limits.js';
import { healthRouter } from './health.js';
import type { Logger } from './logger.js';
import { createMetrics, type GraphqlOutcome, type Metrics } from './metrics.js';

export const GRAPHQL_PATH = '/graphql';
/** How long `stop()` lets in-flight requests finish before closing their connections. */
export const DRAIN_GRACE_MS = 10_000;

export interface RequestContext extends GraphContext {
  requestId: string;
  log: Logger;
}

export interface AppOptions {
  config: Config;
  graph: GraphClient;
  /** The article extractor behind ingestArticle; without it that mutation answers SERVICE_UNAVAILABLE. */
  articles?: ArticleServices | null;
  logger: Logger;
  /**
   * Pass the instance whose `observeQuery` the GraphClient reports to, so Neo4j timings appear
   * on /metrics; when omitted the app makes its own and only HTTP/GraphQL metrics are filled.
   */
  metrics?: Metrics;
}

export interface App {
  app: express.Express;
  httpServer: Server;
  apollo: ApolloServer<RequestContext>;
  metrics: Metrics;
  /** Starts Apollo and listens on config.http; resolves with the bound address. */
  start(): Promise<{ host: string; port: number; url: string }>;
  /** Stops accepting, lets in-flight requests finish (bounded by DRAIN_GRACE_MS), then closes. */
  stop(): Promise<void>;
}

export function createApp({ config, graph, logger, metrics = createMetrics(), articles = null }: AppOptions): App {
  metrics.watchGraph(graph);
  const app = express();
  // Set once Apollo has started: the common POST /graphql, answered without Express (directGraphql.ts).
  let directGraphql: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const httpServer = createServer((req, res) => {
    if (directGraphql && isDirectGraphqlRequest(req, GRAPHQL_PATH)) directGraphql(req, res);
    else app(req, res);
  });
  app.disable('x-powered-by');
  // res.send would hash every GraphQL answer (sha1) for an ETag no client revalidates against a
  // POST; static files (the IDE, the explorer) keep theirs from express.static.
  app.set('etag', false);

  const limits = queryLimits(config.limits, config.isProduction);
  const apollo = new ApolloServer<RequestContext>({
    schema: buildSchema(),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: false,
    formatError: createErrorFormatter((error) => logger.error({ err: error }, 'internal error in a resolver')),
    csrfPrevention: true,
    introspection: config.introspectionEnabled,
    includeStacktraceInErrorResponses: !config.isProduction,
    // main.ts owns signal handling (drain, then stop the local Neo4j); Apollo's own handler would
    // re-raise the signal and kill the process half-way through.
    stopOnTerminationSignals: false,
    logger: logger.child({ component: 'apollo' }),
    plugins: [
      // graphql-armor's typings point at Apollo's CommonJS build; the plugins are the same objects.
      ...(limits.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: DRAIN_GRACE_MS }),
      // Apollo's default landing page loads from a CDN; GraphiQL below is served locally instead.
      ApolloServerPluginLandingPageDisabled(),
      // The schema declares no @cacheControl hints, so Apollo's default cache-control plugin would
      // only wrap every field resolver to compute "not cacheable" (a few % of CPU per request).
      ApolloServerPluginCacheControlDisabled(),
      operationLogPlugin(metrics),
    ],
  });

  app.use(requestLogger(logger));
  app.use(countRequests(metrics));
  app.use(healthRouter({ graph }));
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // Before Apollo, so a browser's GET /graphql gets the IDE and everything else falls through.
  if (config.graphiqlEnabled) {
    app.use(graphiqlRouter({ endpoint: GRAPHQL_PATH, examples: loadExampleOperations(EXAMPLES_DIR) }));
  }

  // expressMiddleware can only be created once Apollo has started; until then /graphql is 503.
  // app.all rather than app.use: /graphql/anything is an unknown route, not a GraphQL endpoint.
  let graphqlHandler: RequestHandler | undefined;
  // No CORS_ORIGINS: no CORS headers, so browsers allow only same-origin pages (the IDE, the explorer).
  const corsPolicy = cors({ origin: config.http.corsOrigins, methods: ['GET', 'POST'], maxAge: 600 });
  app.all(GRAPHQL_PATH, corsPolicy, express.json({ limit: config.http.bodyLimitBytes, verify: requireUtf8 }), ensureBody, (req, res, next) => {
    if (graphqlHandler) return graphqlHandler(req, res, next);
    res.status(503).json({ error: { code: 'NOT_STARTED', message: 'The GraphQL server is starting' } });
  });

  app.use(explorerRouter());
  app.use((req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: `No route for ${req.method} ${req.path}` } });
  });
  app.use(jsonErrors(config.http.bodyLimitBytes));

  let started = false;
  return {
    app,
    httpServer,
    apollo,
    metrics,
    async start() {
      await apollo.start();
      started = true;
      const context = async (authorization: string | undefined, requestId: string, log: Logger): Promise<RequestContext> => {
        const principal = authenticate(authorization, config.auth.apiKeys);
        if (!principal && config.auth.readsRequireApiKey) {
          throw new GraphQLError('This API needs an API key: send "Authorization: Bearer <key>"', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        }
        // The deadline starts once the body is parsed: only time spent on the database counts.
        return { ...createContext(graph, deadlineAfter(config.http.requestTimeoutMs), principal, articles), requestId, log };
      };
      graphqlHandler = expressMiddleware(apollo, { context: ({ req }) => context(req.headers.authorization, String(req.id), req.log) });
      directGraphql = directGraphqlHandler({
        apollo,
        context,
        path: GRAPHQL_PATH,
        bodyLimitBytes: config.http.bodyLimitBytes,
        logger,
        metrics,
      });
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.http.port, config.http.host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const { address, port } = httpServer.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      return { host: address, port, url: `http://${host}:${port}${GRAPHQL_PATH}` };
    },
    async stop() {
      // The drain plugin closes the HTTP server as part of apollo.stop(); without a started
      // Apollo there is no plugin to do it.
      if (started) await apollo.stop();
      else if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Wrapping pino's standard serializers, then keeping only the URL without its query string
    // (a GET /graphql carries the operation's variables there) and no headers at all.
    serializers: {
      req: (req: SerializedRequest) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    wrapSerializers: true,
    // Probes and scrapes arrive every few seconds and GraphQL operations get their own line.
    customLogLevel: (req, res, error) =>
      accessLogLevel(((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0] ?? '', res.statusCode, error),
  });
}

/** Bounded route labels: the raw path would let any client mint a new time series per URL. */
function routeLabel(path: string): string {
  if (['/', GRAPHQL_PATH, '/health/live', '/health/ready', '/metrics'].includes(path)) return path;
  if (path.startsWith('/ide/assets/')) return '/ide/assets';
  if (path === '/explore') return path;
  if (path.startsWith('/explore/assets/')) return '/explore/assets';
  return 'unmatched';
}

function countRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      // originalUrl: inside a mounted router req.path is relative to the mount point.
      const path = req.originalUrl.split('?')[0] ?? '';
      metrics.httpRequests.inc({ method: req.method, route: routeLabel(path), status: String(res.statusCode) });
    });
    next();
  };
}

/**
 * body-parser 2 leaves `req.body` unset when there is nothing to parse (GET, or a non-JSON
 * content type), and the Express integration answers that with a 500 "forgot the json
 * middleware"; an explicit undefined lets Apollo give its proper 400 instead.
 */
const ensureBody: RequestHandler = (req, _res, next) => {
  if (!Reflect.has(req, 'body')) req.body = undefined;
  next();
};

/**
 * GraphQL over HTTP bodies are UTF-8. body-parser would decode any `utf-*` charset it knows (UTF-16,
 * UTF-7) and replace invalid bytes with U+FFFD, so the server would run something other than what
 * the client sent: other charsets are 415 and invalid bytes 400 instead (test/server/badInput.test.ts).
 */
function requireUtf8(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8') {
    throw Object.assign(new Error(`Unsupported charset "${encoding.toUpperCase()}": send UTF-8`), { status: 415, type: 'charset.unsupported' });
  }
  requireUtf8Body(body);
}

/** One log line and one metric sample per GraphQL operation; never the variables. */
function operationLogPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
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

          // The codes clients see: outages and timeouts are classified the way formatError does.
          const codeOf = (e: GraphQLError) => classifyDatabaseError(e.originalError) ?? String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
          const codes = [...new Set(errors?.map(codeOf))];
          const line = {
            reqId: contextValue.requestId,
            operation: operationName ?? null,
            outcome,
            durationMs: Math.round(durationMs * 10) / 10,
            ...(codes.length ? { errorCodes: codes } : {}),
          };
          const unexpected = errors?.filter((e) => codeOf(e) === 'INTERNAL_SERVER_ERROR');
          if (unexpected?.length) {
            contextValue.log.error({ ...line, err: unexpected[0]?.originalError ?? unexpected[0] }, 'graphql operation failed');
          } else {
            contextValue.log.info(line, 'graphql operation');
          }
        },
      };
    },
  };
}

/** Every error leaves as JSON; Express's default handler would render an HTML stack trace. */
const jsonErrors = (bodyLimitBytes: number): ErrorRequestHandler => (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  const { status, error: body } = httpErrorAnswer(error, bodyLimitBytes);
  // pino-http logs the response line with this error attached (at error level for 5xx).
  if (status >= 500) res.err = error instanceof Error ? error : new Error(String(error));
  res.status(status).json({ error: { ...body, requestId: String(req.id) } });
};
