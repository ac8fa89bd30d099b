/**
 * `npm run bench:smoke -- --uri bolt://127.0.0.1:7687 --password … [--entities 200] [--seed 7]`
 *
 * A few-second version of `npm run bench` against a Neo4j you name (its data is replaced): a small
 * synthetic graph, the three servers started as the benchmark starts them, the same answers from
 * all three, and a one-second measurement of each; likewise the floor of `npm run bench:floor`,
 * on the entity question only, and the service once more at a fixed offered rate (`--rate`).
 * Prints one `BENCH_SMOKE {…}` JSON line and exits 1 if anything disagreed or failed. `test/bench/smoke.test.ts` runs it in `npm test`, so the
 * benchmark's scripts cannot rot.
 */
import { Command } from 'commander';
import { GraphClient } from '../src/graph/client.js';
import { GraphCache } from '../src/graph/cache.js';
import { positiveInt } from './lib/cliArguments.js';
import { compareAnswers } from './lib/compare.js';
import { measure } from './lib/measure.js';
import { mixedQuestions, questions } from './lib/pool.js';
import { stopAll } from './lib/processes.js';
import { SCENARIOS } from './lib/queries.js';
import { startServers, stopServers, type RunningServer } from './lib/servers.js';
import { generateGraph, plannedTotals } from './lib/writer.js';

const options = new Command('bench:smoke')
  .description('A few-second benchmark run on a small synthetic graph (replaces the data of the given Neo4j)')
  .requiredOption('--uri <uri>', 'Bolt URI')
  .option('--user <user>', 'Neo4j user', 'neo4j')
  .requiredOption('--password <password>', 'Neo4j password')
  .option('--database <name>', 'database', 'neo4j')
  .option('--entities <n>', 'entities of the synthetic graph', positiveInt, 200)
  .option('--seed <n>', 'seed of the graph and of the questions', positiveInt, 7)
  .option('--query-timeout-ms <n>', "the servers' statement timeout (generous: a shared machine plans slowly)", positiveInt, 30_000)
  .parse()
  .opts<{ uri: string; user: string; password: string; database: string; entities: number; seed: number; queryTimeoutMs: number }>();

/** The paced run: requests per second far below what even a 2-connection closed loop gets. */
const PACED = { rate: 10, seconds: 2 };

async function stopEverything(code: number): Promise<never> {
  await stopAll();
  process.exit(code);
}
process.on('SIGINT', () => void stopEverything(130));
process.on('SIGTERM', () => void stopEverything(143));

const client = new GraphClient({ cache: new GraphCache(), uri: options.uri, user: options.user, password: options.password, database: options.database, queryTimeoutMs: 60_000, writeTimeoutMs: 60_000 });
let servers: RunningServer[] = [];
try {
  const generated = await generateGraph(client, { entities: options.entities, seed: options.seed, batchSize: 100, reset: true });
  const planned = plannedTotals(options.entities);
  servers = await startServers({ uri: options.uri, user: options.user, password: options.password }, { queryTimeoutMs: options.queryTimeoutMs, only: ['service', 'neo4j-graphql', 'raw', 'floor'] });
  const compared = servers.filter((server) => server.name !== 'floor');
  // The floor (npm run bench:floor) answers the entity question only, the same as the service.
  const entityQuestions = questions('entity', options.entities, options.seed, 5);
  const disagreements = [
    ...(await compareAnswers(compared, SCENARIOS.flatMap((scenario) => questions(scenario, options.entities, options.seed, 2)))),
    ...(await compareAnswers(servers.filter((server) => server.name === 'service' || server.name === 'floor'), entityQuestions)),
  ];
  const pool = mixedQuestions(options.entities, options.seed, 5);
  const measurements = [];
  for (const server of servers) {
    const m = await measure(server, server.name === 'floor' ? entityQuestions : pool, { connections: 2, durationSeconds: 1, warmupSeconds: 0 });
    measurements.push({ server: m.server, requests: m.requests, errors: m.errors, rssPeakMiB: Math.round(m.rssPeakMiB) });
  }
  const service = servers.find((server) => server.name === 'service')!;
  const pacedRun = await measure(service, pool, { connections: 2, durationSeconds: PACED.seconds, warmupSeconds: 0, rate: PACED.rate });
  const paced = { ...PACED, requests: pacedRun.requests, errors: pacedRun.errors };
  const ok =
    generated.entities === planned.entities &&
    generated.relationships === planned.relationships &&
    generated.documents === planned.documents &&
    disagreements.length === 0 &&
    measurements.every((m) => m.errors === 0 && m.requests > 0) &&
    paced.errors === 0 &&
    paced.requests > 0;
  console.log(`BENCH_SMOKE ${JSON.stringify({ ok, planned, generated, disagreements, measurements, paced })}`);
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopServers(servers);
  await stopAll();
  await client.close();
}
