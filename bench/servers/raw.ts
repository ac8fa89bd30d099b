/**
 * The raw peer: node:http + neo4j-driver, no GraphQL. For each question it runs the same
 * statements as the GraphQL service (captured from src/graph, see ../lib/capture.ts) and answers
 * with the rows as JSON. Configured by BENCH_PORT, NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD.
 *
 *   POST /entity    {id}          the entity, its first 10 outgoing relationships with targets, and
 *                                 the first 5 outgoing relationships of each target (2 levels)
 *   POST /search    {text}        full-text search, 10 hits
 *   POST /neighbors {id, offset}  a page of 20 distinct neighbours, with the total
 *   POST /subgraph  {id}          depth 2, limit 200
 *   POST /paths     {from, to}    up to 5 shortest paths, at most 4 hops
 *   POST /stats     {}            counts and the 5 most connected entities
 */
import { createServer, type ServerResponse } from 'node:http';
import { searchEntities } from '../../src/graph/entities.js';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import { getNeighborPages } from '../../src/graph/relationships.js';
import { getShortestPaths, getSubgraph } from '../../src/graph/explore.js';
import { getMostConnected, getStats } from '../../src/graph/stats.js';
import { capture } from '../lib/capture.js';
import { QUERY_SHAPE } from '../lib/queries.js';
import { benchDriver, capturedRunner, entityQuestionStatement, readJsonBody, serveUntilStopped } from './benchDriver.js';

const port = Number(process.env.BENCH_PORT ?? 4102);
const driver = benchDriver();
const run = capturedRunner(driver);

type Body = Record<string, unknown>;
const str = (body: Body, key: string) => String(body[key] ?? '');

const { neighbors: N, subgraph: S, paths: P, search: Q, stats: T } = QUERY_SHAPE;

const handlers: Record<string, (body: Body) => Promise<unknown>> = {
  async entity(body) {
    // The service's look-ahead statement: the entity, its first page and the next level at once.
    const captured = await entityQuestionStatement(str(body, 'id'));
    const [row] = (await run(captured)) as {
      entity: unknown;
      total: number;
      items: { targetId: string }[];
      nestedPages: { id: string; total: number; items: unknown[] }[];
    }[];
    if (!row) return { entity: null, relationships: { total: 0, items: [] } };
    const byId = new Map(row.nestedPages.map((nested) => [nested.id, nested]));
    return {
      entity: row.entity,
      relationships: { total: row.total, items: row.items.map((r) => ({ ...r, targetRelationships: byId.get(r.targetId) ?? { total: 0, items: [] } })) },
    };
  },
  async search(body) {
    // searchEntities turns the text into the Lucene query exactly as the service does.
    const captured = await capture((c) => searchEntities(c, NO_DEADLINE, str(body, 'text'), null, Q.first));
    return run(captured);
  },
  async neighbors(body) {
    const offset = Number(body.offset ?? 0);
    const [row] = await run(
      await capture((c) => getNeighborPages(c, NO_DEADLINE, [str(body, 'id')], { direction: 'BOTH', types: null, kinds: null, offset, limit: N.first })),
    );
    return row ?? { total: 0, items: [] };
  },
  async subgraph(body) {
    const [row] = await run(await capture((c) => getSubgraph(c, NO_DEADLINE, { ids: [str(body, 'id')], depth: S.depth, kinds: null, types: null, limit: S.limit })));
    return row;
  },
  async paths(body) {
    return run(
      await capture((c) => getShortestPaths(c, NO_DEADLINE, { fromId: str(body, 'from'), toId: str(body, 'to'), maxHops: P.maxHops, types: null, first: P.first })),
    );
  },
  async stats() {
    const [counts, mostConnected] = await Promise.all([run(await capture((c) => getStats(c, NO_DEADLINE))), run(await capture((c) => getMostConnected(c, NO_DEADLINE, T.mostConnected), 'stats.mostConnected'))]);
    return { ...counts[0], mostConnected };
  },
};

function send(res: ServerResponse, status: number, payload: unknown) {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer(async (req, res) => {
  const name = (req.url ?? '').slice(1).split('?')[0] ?? '';
  if (req.method === 'GET' && name === 'health') return send(res, 200, { ok: true });
  const handler = handlers[name];
  if (!handler || req.method !== 'POST') return send(res, 404, { error: `no route ${req.method} ${req.url}` });
  try {
    send(res, 200, { data: await handler(await readJsonBody(req)) });
  } catch (error) {
    send(res, 500, { error: (error as Error).message });
  }
});

serveUntilStopped(server, driver, port, () => console.log(`raw handler listening on http://127.0.0.1:${port}`));
