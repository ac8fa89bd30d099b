/**
 * The floor of the service's fixed stack, for the `entity` question only: node:http, Apollo Server
 * (`executeHTTPGraphQLRequest`), the service's compiled execution (graphql-jit) on the service's
 * schema, and neo4j-driver running the service's look-ahead statement, with nothing else: no
 * request ids, logs, metrics, limits, deadlines, circuit breaker, loaders or per-request context.
 * Its resolvers hand GraphQL the rows already shaped, and every other field is a default resolver.
 * What it leaves to the raw handler is the price of Apollo and GraphQL execution alone
 * (`npm run bench:floor`, docs/decisions/028-the-floor-of-the-stack.md). Configured by BENCH_PORT,
 * NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD.
 *
 *   POST /graphql  the service's BenchEntity operation (bench/lib/queries.ts)
 *   GET  /health
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { EntityRecord, RelationshipRecord } from '../../src/graph/records.js';
import { readTypeDefs } from '../../src/resolvers/schema.js';
import { compiledExecution } from '../../src/server/compiledExecution.js';
import { benchDriver, capturedRunner, entityQuestionStatement, readJsonBody, serveUntilStopped } from './benchDriver.js';

const port = Number(process.env.BENCH_PORT ?? 4103);
const driver = benchDriver();
const run = capturedRunner(driver);

interface Row {
  entity: EntityRecord;
  total: number;
  items: RelationshipRecord[];
  nestedPages: { id: string; total: number; items: RelationshipRecord[] }[];
}

/** A connection as the schema's `relationships` field answers it, for the fields the benchmark asks. */
const connection = (totalCount: number, items: readonly unknown[]) => ({ totalCount, edges: items.map((node) => ({ node })) });

/** The entity, its first page and each target's page, shaped for default resolvers. */
async function entityWithPages(id: string): Promise<unknown> {
  const [row] = (await run(await entityQuestionStatement(id))) as unknown as Row[];
  if (!row) return null;
  const nested = new Map(row.nestedPages.map((pageOf) => [pageOf.id, pageOf]));
  const items = row.items.map((item) => {
    const next = nested.get(item.targetId);
    return { ...item, target: { ...item.target, relationships: connection(next?.total ?? 0, next?.items ?? []) } };
  });
  return { ...row.entity, relationships: connection(row.total, items) };
}

const schema = makeExecutableSchema({
  typeDefs: readTypeDefs(),
  resolvers: {
    Query: { entity: (_: unknown, { id }: { id: string }) => entityWithPages(id) },
    Entity: { __resolveType: (entity: EntityRecord) => entity.kind },
  },
  inheritResolversFromInterfaces: false,
});
const apollo = new ApolloServer({
  gateway: compiledExecution(schema).gateway,
  csrfPrevention: true,
  // As the service: no landing page, no cache-control or inline-trace plugins.
  plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled()],
});
await apollo.start();

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/health') {
    res.end('{"ok":true}');
    return;
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
  const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: '', body }, context: async () => ({}) });
  const text = response.body.kind === 'complete' ? response.body.string : '';
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

const server = createServer((req, res) => {
  answer(req, res).catch((error: unknown) => {
    res.statusCode = 500;
    res.end(JSON.stringify({ error: String(error) }));
  });
});
serveUntilStopped(server, driver, port);
