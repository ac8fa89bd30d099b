/**
 * `npm run bench:before-after -- --baseline <dir> [--entities 10000] [--scenario mix] [--rounds 7]
 *                               [--duration 6] [--connections 4] [--prewarm 30] [--raw]
 *                               [--runtime-flags '' --after-runtime-flags '--max-semi-space-size=64']`
 *
 * A change measured against the code before it: the service from another checkout (`--baseline`,
 * e.g. `git worktree add /tmp/before <commit> && ln -s "$PWD/node_modules" /tmp/before/`) and the
 * service from this one run side by side against one Neo4j, alternating every round (the order
 * flips each round), optionally with the raw handler as the limit. Neo4j on this 2-core machine
 * keeps warming up for minutes, so the first round is discarded and the rest averaged; CPU per
 * request (from /proc) is the steadier figure, throughput the one that matters.
 * Results: bench/results/<date>-before-after.json and a Markdown table on stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { PROJECT_ROOT } from '../src/paths.js';
import { measureAlternately, summarize } from './lib/alternate.js';
import { warmUp } from './lib/measure.js';
import { BENCH_PASSWORD, BENCH_USER, benchClient, defaultMemory, startBenchNeo4j, stopPid } from './lib/neo4j.js';
import { mixedQuestions, questions } from './lib/pool.js';
import { stopAll } from './lib/processes.js';
import { SCENARIOS, type Scenario } from './lib/queries.js';
import { startServers, stopServers, type RunningServer } from './lib/servers.js';
import { ensureGraph } from './lib/ensureGraph.js';
import { positiveInt } from './lib/cliArguments.js';
import { resultStamp } from './lib/results.js';
import { SERVICE_NODE_FLAGS } from '../src/server/nodeFlags.js';

const scenarioName = (value: string) => {
  if (value !== 'mix' && !(SCENARIOS as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${[...SCENARIOS, 'mix'].join(', ')}`);
  return value as Scenario | 'mix';
};

const opts = new Command('bench:before-after')
  .description('The service from another checkout against this one, alternating, on one Neo4j')
  .requiredOption('--baseline <dir>', 'checkout of the code before the change (with node_modules)')
  .option('--entities <n>', 'size of the generated graph', positiveInt, 10_000)
  .option('--seed <n>', 'seed of the graph and the questions', positiveInt, 42)
  .option('--scenario <name>', 'scenario to measure', scenarioName, 'mix' as Scenario | 'mix')
  .option('--rounds <n>', 'rounds; the first is discarded as warm-up', positiveInt, 7)
  .option('--duration <s>', 'measured seconds per server and round', positiveInt, 6)
  .option('--connections <n>', 'concurrent connections; 4 leaves CPU for Neo4j and steadier numbers than 8', positiveInt, 4)
  .option('--prewarm <s>', 'seconds of unmeasured load per server before the first round', positiveInt, 30)
  .option('--raw', 'also measure the raw handler (the limit)', false)
  .option('--runtime-flags <flags>', 'Node flags of every server, space-separated', SERVICE_NODE_FLAGS.join(' '))
  .option('--after-runtime-flags <flags>', "Node flags of this checkout's service instead (a runtime flag against another)")
  .option('--port <n>', 'Bolt port of the benchmark Neo4j', positiveInt, 7690)
  .parse()
  .opts<{ baseline: string; entities: number; seed: number; scenario: Scenario | 'mix'; rounds: number; duration: number; connections: number; prewarm: number; raw: boolean; runtimeFlags: string; afterRuntimeFlags?: string; port: number }>();

const baselineRoot = resolve(opts.baseline);
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
  const flags = (text: string) => text.split(' ').filter(Boolean);
  const runtimeFlags = flags(opts.runtimeFlags);
  const [before] = await startServers(target, { only: ['service'], serviceRoot: baselineRoot, runtimeFlags });
  running.push(before!);
  const [after] = await startServers(target, { only: ['service'], runtimeFlags: flags(opts.afterRuntimeFlags ?? opts.runtimeFlags) });
  running.push(after!);
  const [raw] = opts.raw ? await startServers(target, { only: ['raw'], runtimeFlags }) : [];
  if (raw) running.push(raw);
  const servers = [
    { label: 'before', server: before! },
    { label: 'after', server: after! },
    ...(raw ? [{ label: 'raw', server: raw }] : []),
  ];
  console.log(`before: ${baselineRoot}; after: ${PROJECT_ROOT}; ${opts.scenario} at ${opts.entities} entities, ${opts.connections} connections`);

  const pool = opts.scenario === 'mix' ? mixedQuestions(opts.entities, opts.seed, 100) : questions(opts.scenario, opts.entities, opts.seed, 400);
  for (const { server } of servers) await warmUp(server, pool, opts.connections, opts.prewarm);

  const kept = await measureAlternately(servers, pool, { rounds: opts.rounds, connections: opts.connections, durationSeconds: opts.duration, neo4jPid: neo4j.pid });
  const summary = summarize(kept);
  const stamp = resultStamp();
  const out = join(PROJECT_ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${stamp}-before-after.json`), `${JSON.stringify({ date: new Date().toISOString(), baseline: baselineRoot, options: opts, summary, rounds: Object.fromEntries(kept) }, null, 1)}\n`);
  const rows = summary.map((s) => `| ${s.label} | ${s.requestsPerSecond.toFixed(1)} | ${s.p50.toFixed(1)} | ${s.serverCpuMsPerRequest.toFixed(2)} | ${s.neo4jCpuMsPerRequest.toFixed(2)} | ${s.errors} |`);
  const [b, a] = summary;
  console.log(
    [
      '',
      `| server | req/s | p50 ms | CPU ms/request | Neo4j CPU ms/request | errors |`,
      `| --- | ---: | ---: | ---: | ---: | ---: |`,
      ...rows,
      '',
      `after ÷ before: throughput ${(a!.requestsPerSecond / b!.requestsPerSecond).toFixed(3)}×, CPU per request ${(a!.serverCpuMsPerRequest / b!.serverCpuMsPerRequest).toFixed(3)}× (means of rounds 2–${opts.rounds}, bench/results/${stamp}-before-after.json)`,
    ].join('\n'),
  );
} finally {
  await cleanUp();
}
