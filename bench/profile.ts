/**
 * `npx tsx bench/profile.ts --uri bolt://127.0.0.1:7690 --entities 100000 [--seed 42]`
 *
 * PROFILEs the statements behind each benchmark question (captured from src/graph) on a generated
 * graph and prints, per statement, the wall time (median of 5 runs after a warm-up), the database
 * hits and the operators that did most of the work — the evidence for the query-plan changes
 * recorded in docs/benchmarks.md.
 */
import { Command } from 'commander';
import neo4j, { type Driver } from 'neo4j-driver';
import { getEntitiesByIds, searchEntities } from '../src/graph/entities.js';
import { NO_DEADLINE } from '../src/graph/deadline.js';
import { getNeighborPages, getRelationshipPages } from '../src/graph/relationships.js';
import { getShortestPaths, getSubgraph } from '../src/graph/explore.js';
import { getMostConnected, getStats } from '../src/graph/stats.js';
import { toParameters } from '../src/graph/values.js';
import { capture, type Captured } from './lib/capture.js';
import { BENCH_PASSWORD, BENCH_USER } from './lib/neo4j.js';
import { questions } from './lib/pool.js';
import { entityAt } from './lib/synthetic.js';
import { QUERY_SHAPE } from './lib/queries.js';

const opts = new Command('bench:profile')
  .requiredOption('--entities <n>', 'size of the generated graph', Number)
  .option('--uri <uri>', 'Bolt URI', 'bolt://127.0.0.1:7690')
  .option('--seed <n>', 'seed the graph was generated with', Number, 42)
  .option('--only <names>', 'comma-separated statement names to profile')
  .parse()
  .opts<{ entities: number; uri: string; seed: number; only?: string }>();

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  children: PlanNode[];
  arguments: Record<string, unknown>;
}

function flatten(plan: PlanNode, into: PlanNode[] = []): PlanNode[] {
  into.push(plan);
  for (const child of plan.children) flatten(child, into);
  return into;
}

async function timeIt(driver: Driver, c: Captured, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    const started = performance.now();
    await session.executeRead((tx) => tx.run(c.statement.cypher, toParameters(c.params)));
    if (i > 0) times.push(performance.now() - started);
    await session.close();
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function profile(driver: Driver, label: string, c: Captured) {
  if (opts.only && !opts.only.split(',').some((name) => c.statement.name.includes(name))) return;
  const ms = await timeIt(driver, c);
  const session = driver.session();
  const result = await session.run(`PROFILE ${c.statement.cypher}`, toParameters(c.params));
  await session.close();
  const operators = flatten(result.summary.profile as unknown as PlanNode);
  const hits = operators.reduce((sum, op) => sum + Number(op.dbHits), 0);
  const top = [...operators].sort((a, b) => Number(b.dbHits) - Number(a.dbHits)).slice(0, 4);
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${String(hits).padStart(9)} db hits`);
  for (const op of top) {
    const details = String((op.arguments as { Details?: string }).Details ?? '').replace(/\s+/g, ' ').slice(0, 90);
    console.log(`    ${op.operatorType.padEnd(36)} ${String(op.dbHits).padStart(9)} hits ${String(op.rows).padStart(7)} rows  ${details}`);
  }
}

const driver = neo4j.driver(opts.uri, neo4j.auth.basic(BENCH_USER, BENCH_PASSWORD), { logging: { level: 'error', logger: () => undefined } });
try {
  const hub = entityAt(0, opts.seed).id;
  const [random] = questions('entity', opts.entities, opts.seed, 1) as { id: string }[];
  const [pair] = questions('paths', opts.entities, opts.seed, 1) as { from: string; to: string }[];
  const [search] = questions('search', opts.entities, opts.seed, 1) as { text: string }[];
  const E = QUERY_SHAPE.entity;
  console.log(`hub ${hub}, random ${random!.id}, path ${pair!.from} → ${pair!.to}, search "${search!.text}"`);
  await profile(driver, 'entity.byIds (random)', await capture((c) => getEntitiesByIds(c, NO_DEADLINE, [random!.id])));
  await profile(driver, 'relationships OUTGOING (random, level 1)', await capture((c) => getRelationshipPages(c, NO_DEADLINE, [random!.id], { direction: 'OUTGOING', types: null, offset: 0, limit: E.first })));
  await profile(driver, 'relationships OUTGOING (hub, level 2)', await capture((c) => getRelationshipPages(c, NO_DEADLINE, [hub], { direction: 'OUTGOING', types: null, offset: 0, limit: E.second })));
  await profile(driver, 'relationships BOTH (hub)', await capture((c) => getRelationshipPages(c, NO_DEADLINE, [hub], { direction: 'BOTH', types: null, offset: 0, limit: 20 })));
  await profile(driver, 'neighbors BOTH (hub, page 1)', await capture((c) => getNeighborPages(c, NO_DEADLINE, [hub], { direction: 'BOTH', types: null, kinds: null, offset: 0, limit: 20 })));
  await profile(driver, 'search', await capture((c) => searchEntities(c, NO_DEADLINE, search!.text, null, 10)));
  await profile(driver, 'subgraph depth 2 (random)', await capture((c) => getSubgraph(c, NO_DEADLINE, { ids: [random!.id], depth: 2, kinds: null, types: null, limit: 200 })));
  await profile(driver, 'paths (random pair)', await capture((c) => getShortestPaths(c, NO_DEADLINE, { fromId: pair!.from, toId: pair!.to, maxHops: 4, types: null, first: 5 })));
  await profile(driver, 'stats.counts', await capture((c) => getStats(c, NO_DEADLINE)));
  await profile(driver, 'stats.mostConnected', await capture((c) => getMostConnected(c, NO_DEADLINE, 5), 'stats.mostConnected'));
} finally {
  await driver.close();
}
