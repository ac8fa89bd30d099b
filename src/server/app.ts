/**
 * The HTTP service: Apollo Server on /graphql, GraphiQL, the explorer, health probes and
 * Prometheus metrics. `createApp` wires everything but binds no port, so tests and main.ts share
 * the exact same app; `start()` starts Apollo and listens, `stop()` drains in-flight requests.
 *
 * Every request is opened at the node:http server (request id, access log line, metrics:
 * http/exchange.ts). /graphql is answered by one framework-free handler (http/graphqlHandler.ts)
 * straight from node:http; Express serves the other routes, and /graphql only when a browser asks
 * for the IDE (docs/decisions/010-one-request-path.md).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type ErrorRequestHandler } from 'express';
import type { Config } from '../config.js';
import { forbidden, rateLimited, routeNotFound, unauthenticated } from '../domain/errors.js';
import type { GraphClient } from '../graph/client.js';
import { deadlineAfter } from '../graph/deadline.js';
import { EXAMPLES_DIR } from '../paths.js';
import { createContext, type ArticleServices, type GraphContext, type Principal } from '../resolvers/context.js';
import { LookAheadPlans } from '../resolvers/lookAhead.js';
import { buildSchema } from '../resolvers/schema.js';
import { compileAtOnce, compiledExecution } from './compiledExecution.js';
import { authenticate, authorizeMetrics } from './auth.js';
import { createErrorFormatter } from './formatError.js';
import { explorerRouter } from './explorer.js';
import { loadExampleOperations } from '../examples.js';
import { graphiqlRouter } from './graphiql.js';
import { createExchanges, pathOf, type Exchanges } from './http/exchange.js';
import { createGraphqlHandler } from './http/graphqlHandler.js';
import { httpErrorAnswer } from './http/httpErrors.js';
import { serveGraphql } from './http/node.js';
import { queryLimits } from './limits.js';
import { RateLimiter } from './rateLimit.js';
import { trustedDocuments } from './trustedDocuments.js';
import { readManifest } from '../trustedDocuments.js';
import { rateLimitPlugin } from './rateLimitPlugin.js';
import { healthRouter } from './health.js';
import { knownOperationTypes } from './knownOperationTypes.js';
import type { Logger } from './logger.js';
import type { Execute } from './warmUp.js';
import { createMetrics, type Metrics } from './metrics.js';
import { operationLogPlugin } from './operationLog.js';

export const GRAPHQL_PATH = '/graphql';
/** How long `stop()` lets in-flight requests finish before closing their connections. */
export const DRAIN_GRACE_MS = 10_000;

export interface RequestContext extends GraphContext {
  requestId: string;
  log: Logger;
  /** Who the per-client limits count this request against (rateLimitPlugin.ts). */
  client: string;
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
  /**
   * The per-client limits; by default one is made from config.rateLimit on the wall clock, or
   * none when they are disabled.
   */
  rateLimiter?: RateLimiter;
  /** The trusted documents by id; read from schema/generated/trusted-documents.json by default. */
  trustedDocumentManifest?: ReadonlyMap<string, string>;
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
  /**
   * Runs an operation in-process as an anonymous request would run, its document compiled on this
   * first run (the start-up warm-up, ./warmUp.ts).
   */
  execute: Execute;
  /** How many (document, operation) pairs run compiled so far (./compiledExecution.ts). */
  compiledCount(): number;
}

export function createApp({ config, graph, logger, metrics = createMetrics(), articles = null, rateLimiter = defaultRateLimiter(config), trustedDocumentManifest }: AppOptions): App {
  metrics.watchGraph(graph);
  const exchanges = createExchanges(logger, metrics);
  const app = express();
  let started = false;

  const limits = queryLimits(config.limits, config.isProduction);
  // The server is created before Apollo, whose drain plugin needs it; it dispatches to `graphql` below.
  const httpServer = createServer((req, res) => {
    const exchange = exchanges.open(req, res);
    if (pathOf(req.url) === GRAPHQL_PATH && !wantsIde(req)) graphql(req, res, exchange);
    else app(req, res);
  });
  const execution = compiledExecution(buildSchema());
  const apollo = new ApolloServer<RequestContext>({
    gateway: execution.gateway,
    validationRules: [knownOperationTypes, ...limits.validationRules],
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
      // Inline tracing is for federated subgraphs; installed implicitly, it still runs a hook per request.
      ApolloServerPluginInlineTraceDisabled(),
      operationLogPlugin<RequestContext>(metrics),
      ...(rateLimiter ? [rateLimitPlugin<RequestContext>(rateLimiter, limits.costOf)] : []),
    ],
  });

  const lookAheadPlans = new LookAheadPlans();
  /** A request's context; its deadline starts now. */
  const requestContext = (principal: Principal | null, requestId: string, log: Logger, client: string): RequestContext =>
    // Not `{ ...context, requestId }`: V8 builds a spread followed by more properties on a slow path.
    Object.assign(createContext(graph, deadlineAfter(config.http.requestTimeoutMs), principal, articles, lookAheadPlans), { requestId, log, client });
  const context = async (authorization: string | undefined, requestId: string, log: Logger, client: string): Promise<RequestContext> => {
    const principal = authenticate(authorization, config.auth.apiKeys);
    if (!principal && config.auth.readsRequireApiKey) throw unauthenticated('This API needs an API key: send "Authorization: Bearer <key>"');
    // A metrics key is for scraping only; it does not stand in for a reader key.
    if (principal?.role === 'metrics' && config.auth.readsRequireApiKey) throw forbidden(`The API key "${principal.name}" has the metrics role; queries need reader or editor`);
    // The deadline starts once the body is parsed: only time spent on the database counts.
    return requestContext(principal, requestId, log, client);
  };
  const trustDocument =
    config.trustedDocuments === 'off' ? undefined : trustedDocuments(config.trustedDocuments, trustedDocumentManifest ?? readManifest());
  const takeToken = rateLimiter
    ? (client: string) => {
        const taken = rateLimiter.take(client);
        return taken.ok ? undefined : rateLimited('rate', taken.retryAfterS);
      }
    : undefined;
  const graphql = serveGraphql(
    createGraphqlHandler({ apollo, context, clientOf: clientOf(config), ...(takeToken ? { takeToken } : {}),
      ...(trustDocument ? { trustDocument } : {}),
      bodyLimitBytes: config.http.bodyLimitBytes, corsOrigins: config.http.corsOrigins, isStarted: () => started }),
  );
  /** A browser's GET /graphql gets the IDE (graphiqlRouter decides exactly, by the Accept header). */
  const wantsIde = (req: IncomingMessage) =>
    config.graphiqlEnabled && (req.method === 'GET' || req.method === 'HEAD') && /text\/html/i.test(req.headers.accept ?? '');

  app.disable('x-powered-by');
  // res.send would hash every answer (sha1) for an ETag no client revalidates; static files (the
  // IDE, the explorer) keep theirs from express.static.
  app.set('etag', false);
  app.use(healthRouter({ graph }));
  app.get('/metrics', async (req, res) => {
    if (config.auth.metricsRequireApiKey) {
      try {
        authorizeMetrics(req.headers.authorization, config.auth.apiKeys);
      } catch (error) {
        const { status, error: body } = httpErrorAnswer(error, config.http.bodyLimitBytes);
        res.status(status).json({ error: { ...body, requestId: exchanges.of(res)?.requestId } });
        return;
      }
    }
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  if (config.graphiqlEnabled) {
    app.use(graphiqlRouter({ endpoint: GRAPHQL_PATH, examples: loadExampleOperations(EXAMPLES_DIR) }));
  }
  // What reaches Express on /graphql (a browser that did not want the IDE after all, or the path
  // spelled as Express matches it: /GraphQL, /graphql/) still goes to the one handler.
  // app.all rather than app.use: /graphql/anything is an unknown route, not a GraphQL endpoint.
  app.all(GRAPHQL_PATH, (req, res) => graphql(req, res, exchanges.of(res)!));
  app.use(explorerRouter());
  app.use((req, res) => {
    const error = routeNotFound(req.method, req.path);
    res.status(error.status).json({ error: { code: error.code, message: error.message, requestId: exchanges.of(res)?.requestId } });
  });
  app.use(jsonErrors(config.http.bodyLimitBytes, exchanges));

  return {
    app,
    httpServer,
    apollo,
    metrics,
    async start() {
      await apollo.start();
      started = true;
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
    async execute(query, variables) {
      const contextValue = compileAtOnce(requestContext(null, 'warm-up', logger, 'warm-up'));
      const response = await apollo.executeOperation({ query, ...(variables ? { variables } : {}) }, { contextValue });
      return response.body.kind === 'single' ? response.body.singleResult : {};
    },
    compiledCount: execution.compiledCount,
    async stop() {
      // The drain plugin closes the HTTP server as part of apollo.stop(); without a started
      // Apollo there is no plugin to do it.
      if (started) await apollo.stop();
      else if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

function defaultRateLimiter(config: Config): RateLimiter | undefined {
  const { enabled, ...options } = config.rateLimit;
  return enabled ? new RateLimiter(options, () => performance.now()) : undefined;
}

/** A valid API key counts as its holder wherever it comes from; anyone else as their address. */
const clientOf = (config: Config) => (authorization: string | undefined, address: string) => {
  try {
    const principal = authenticate(authorization, config.auth.apiKeys);
    if (principal) return `key:${principal.name}`;
  } catch {
    // A bad key is refused later (UNAUTHENTICATED); meanwhile it counts against its address.
  }
  return `address:${address}`;
};

/** Every error leaves as JSON; Express's default handler would render an HTML stack trace. */
const jsonErrors = (bodyLimitBytes: number, exchanges: Exchanges): ErrorRequestHandler => (error: unknown, _req, res, next) => {
  if (res.headersSent) return next(error);
  const { status, error: body } = httpErrorAnswer(error, bodyLimitBytes);
  const exchange = exchanges.of(res);
  // The access log line carries the cause of a 5xx (at error level).
  if (status >= 500) exchange?.failed(error);
  res.status(status).json({ error: { ...body, requestId: exchange?.requestId } });
};
