/**
 * `npm run bench:floor -- [--entities 10000] [--rounds 5] [--duration 6] [--connections 8] [--prewarm 10]`
 *
 * How far the service is from the floor of its fixed stack on the `entity` question: the service,
 * the floor (bench/servers/floor.ts: Apollo, graphql-jit and the driver, with none of the
 * service's own request handling) and the raw handler, against one Neo4j, alternating every round
 * (the order flips each round; the first round is discarded). The three must give the same
 * answers first. Results: bench/results/<date>-floor.json and a Markdown table on stdout
 * (docs/decisions/028-the-floor-of-the-stack.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { PROJECT_ROOT } from '../src/paths.js';
import { positiveInt } from './lib/cliArguments.js';
import { compareAnswers } from './lib/compare.js';
import { ensureGraph } from './lib/ensureGraph.js';
import { measureAlternately, summarize } from './lib/alternate.js';
import { warmUp } from './lib/measure.js';
import { BENCH_PASSWORD, BENCH_USER, benchClient, defaultMemory, startBenchNeo4j, stopPid } from './lib/neo4j.js';
import { questions } from './lib/pool.js';
import { stopAll } from './lib/processes.js';
import { resultStamp } from './lib/results.js';
import { startServers, stopServers, type RunningServer } from './lib/servers.js';

const opts = new Command('bench:floor')
  .description('The service against the floor of its stack (Apollo + graphql-jit + the driver) and the raw handler, on entity')
  .option('--entities <n>', 'size of the generated graph', positiveInt, 10_000)
  .option('--seed <n>', 'seed of the graph and the questions', positiveInt, 42)
  .option('--rounds <n>', 'rounds; the first is discarded as warm-up', positiveInt, 5)
  .option('--duration <s>', 'measured seconds per server and round', positiveInt, 6)
  .option('--connections <n>', 'concurrent connections', positiveInt, 8)
  .option('--prewarm <s>', 'seconds of unmeasured load per server before the first round', positiveInt, 10)
  .option('--port <n>', 'Bolt port of the benchmark Neo4j', positiveInt, 7690)
  .parse()
  .opts<{ entities: number; seed: number; rounds: number; duration: number; connections: number; prewarm: number; port: number }>();

const neo4j = await startBenchNeo4j({ entities: opts.entities, port: opts.port, ...defaultMemory(opts.entities), log: (line) => console.log(line) });
const target = { uri: neo4j.uri, user: BENCH_USER, password: BENCH_PASSWORD };
const running: RunningServer[] = [];

async function cleanUp(): Promise<void> {
  await stopServers(running);
  await stopAll();
  if (neo4j.startedHere) await stopPid(neo4j.pid, 60_000);
}
process.on('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
process.on('SIGTERM', () => void cleanUp().finally(() => process.exit(143)));

try {
  const client = benchClient(target.uri);
  try {
    await ensureGraph(client, opts.entities, opts.seed);
  } finally {
    await client.close();
  }
  running.push(...(await startServers(target, { only: ['service', 'floor', 'raw'] })));
  const pool = questions('entity', opts.entities, opts.seed, 400);
  const disagreements = await compareAnswers(running, pool.slice(0, 50));
  if (disagreements.length) throw new Error(`the servers disagree on ${disagreements.length} of 50 questions, e.g. ${JSON.stringify(disagreements[0]).slice(0, 600)}`);
  console.log(`service, floor and raw on entity at ${opts.entities} entities, ${opts.connections} connections; answers agree on 50 questions`);
  for (const server of running) await warmUp(server, pool, opts.connections, opts.prewarm);

  const contenders = running.map((server) => ({ label: server.name, server }));
  const kept = await measureAlternately(contenders, pool, { rounds: opts.rounds, connections: opts.connections, durationSeconds: opts.duration, neo4jPid: neo4j.pid });
  const summary = summarize(kept);
  const raw = summary.find((s) => s.label === 'raw')!;
  const stamp = resultStamp();
  const out = join(PROJECT_ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${stamp}-floor.json`), `${JSON.stringify({ date: new Date().toISOString(), options: opts, summary, rounds: Object.fromEntries(kept) }, null, 1)}\n`);
  console.log(
    [
      '',
      '| server | req/s | ÷ raw | p50 ms | CPU ms/request | Neo4j CPU ms/request | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...summary.map((s) => `| ${s.label} | ${s.requestsPerSecond.toFixed(1)} | ${(s.requestsPerSecond / raw.requestsPerSecond).toFixed(3)}× | ${s.p50.toFixed(1)} | ${s.serverCpuMsPerRequest.toFixed(2)} | ${s.neo4jCpuMsPerRequest.toFixed(2)} | ${s.errors} |`),
      '',
      `Means of rounds 2–${opts.rounds}; bench/results/${stamp}-floor.json`,
    ].join('\n'),
  );
} finally {
  await cleanUp();
}
