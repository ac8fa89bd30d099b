/**
 * `npm run bench -- [--sizes 10000,100000,1000000] [--duration 10] [--warmup 3] [--connections 8]
 *                   [--rounds 2] [--scenarios entity,search,neighbors,subgraph,paths,stats,mix] [--rate 300]`
 *
 * For each size: starts a dedicated local Neo4j (.data/bench/neo4j-<size>, generated on first use
 * with bench/generate's writer), starts the servers against it — this service, the same without
 * its hub neighbour-page cache (service-nocache), the @neo4j/graphql peer and the raw handler —, checks that they give the same answers, waits for the
 * machine to be quiet (1-minute load average), then measures every scenario with autocannon,
 * alternating the servers (the order rotates every round). Every process it starts is stopped by
 * pid at the end, on failure and on Ctrl-C. Results go to bench/results/<date>-<size>.json and a
 * Markdown summary to stdout and bench/results/<date>.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { PROJECT_ROOT } from '../src/paths.js';
import { compareAnswers } from './lib/compare.js';
import { measure, warmUp, type Measurement } from './lib/measure.js';
import { BENCH_PASSWORD, BENCH_USER, benchClient, defaultMemory, startBenchNeo4j, stopPid } from './lib/neo4j.js';
import { mixedQuestions, questions } from './lib/pool.js';
import { rssMiB, stopAll } from './lib/processes.js';
import { SCENARIOS, SERVER_NAMES, type Question, type Scenario, type ServerName } from './lib/queries.js';
import { startServers, stopServers } from './lib/servers.js';
import { ensureGraph } from './lib/ensureGraph.js';
import { positiveInt } from './lib/cliArguments.js';
import { resultStamp } from './lib/results.js';
import { SERVICE_NODE_FLAGS } from '../src/server/nodeFlags.js';

type RunScenario = Scenario | 'mix';

const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);
const program = new Command('bench')
  .description('Compare this service, an @neo4j/graphql peer and a raw handler on a synthetic graph')
  .option('--sizes <list>', 'graph sizes (entities), comma-separated', (v) => list(v).map(positiveInt), [10_000, 100_000])
  .option('--seed <n>', 'seed of the synthetic graph and of the question lists', positiveInt, 42)
  .option('--duration <s>', 'measured seconds per server and round', positiveInt, 10)
  .option('--warmup <s>', 'warm-up seconds before each measurement (discarded)', (v) => Number(v), 3)
  .option('--prewarm <s>', 'seconds each server spends on each scenario once, before any measurement (JIT, plan and page caches of Neo4j and the servers)', (v) => Number(v), 5)
  .option('--connections <n>', 'concurrent connections (fixed)', positiveInt, 8)
  .option('--rate <n>', 'offer every server this many requests per second (latency at equal load); by default each connection asks again as soon as it is answered', positiveInt)
  .option('--rounds <n>', 'rounds per scenario; the server order rotates each round', positiveInt, 2)
  .option('--scenarios <list>', 'scenarios to measure', (v) => list(v) as RunScenario[], [...SCENARIOS, 'mix'] as RunScenario[])
  .option('--servers <list>', 'servers to measure', (v) => list(v) as ServerName[], [...SERVER_NAMES])
  .option('--port <n>', 'Bolt port of the benchmark Neo4j', positiveInt, 7690)
  .option('--max-load <x>', 'wait until the 1-minute load average is below this before measuring', (v) => Number(v), 1.5)
  .option('--wait-load-minutes <n>', 'longest total wait for a quiet machine in this run (then measure anyway, flagged)', (v) => Number(v), 20)
  .option('--query-timeout-ms <n>', "statement timeout of the service and the raw handler (the service's NEO4J_QUERY_TIMEOUT_MS; default 5000)", positiveInt)
  .option('--service-log-level <level>', 'LOG_LEVEL of the service', 'warn')
  .option('--cpu-prof <server>', 'write a V8 CPU profile of this server to bench/results/profiles')
  .option('--service-root <dir>', 'run the service from another checkout (before/after comparisons)')
  .option('--label <text>', 'label of this run in the results (e.g. "before index")', '')
  .option('--out <dir>', 'results folder', join(PROJECT_ROOT, 'bench/results'))
  .parse();

const opts = program.opts<{
  sizes: number[];
  seed: number;
  duration: number;
  warmup: number;
  prewarm: number;
  connections: number;
  rate?: number;
  rounds: number;
  scenarios: RunScenario[];
  servers: ServerName[];
  port: number;
  maxLoad: number;
  waitLoadMinutes: number;
  serviceLogLevel: string;
  cpuProf?: ServerName;
  serviceRoot?: string;
  queryTimeoutMs?: number;
  label: string;
  out: string;
}>();

const QUESTIONS_PER_SCENARIO = 400;
const stamp = resultStamp();
mkdirSync(opts.out, { recursive: true });

let neo4jPid: number | undefined;
let stopping = false;
async function cleanUpAndExit(code: number): Promise<never> {
  stopping = true;
  await stopAll();
  if (neo4jPid) await stopPid(neo4jPid, 60_000);
  process.exit(code);
}
process.on('SIGINT', () => void cleanUpAndExit(130));
process.on('SIGTERM', () => void cleanUpAndExit(143));

const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

/** Seconds of waiting for a quiet machine still allowed in this run (one budget for all sizes). */
let waitBudgetSeconds = opts.waitLoadMinutes * 60;

/** Polls every 60 s until the 1-minute load average is below the threshold, within the run's budget. */
async function waitForQuietMachine(): Promise<{ waitedSeconds: number; quiet: boolean; load: number }> {
  const started = Date.now();
  const waited = () => (Date.now() - started) / 1000;
  while (load1() >= opts.maxLoad) {
    if (stopping) break;
    if (waited() >= waitBudgetSeconds) {
      console.log(`Load average still ${load1()} after waiting ${Math.round(opts.waitLoadMinutes * 60 - waitBudgetSeconds + waited())} s in this run; measuring anyway (flagged in the results)`);
      waitBudgetSeconds = Math.max(0, waitBudgetSeconds - waited());
      return { waitedSeconds: waited(), quiet: false, load: load1() };
    }
    console.log(`Load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} ≥ ${opts.maxLoad}; waiting 60 s…`);
    await sleep(Math.min(60_000, Math.max(1_000, (waitBudgetSeconds - waited()) * 1000)));
  }
  waitBudgetSeconds = Math.max(0, waitBudgetSeconds - waited());
  return { waitedSeconds: waited(), quiet: true, load: load1() };
}

interface ScenarioResult {
  scenario: RunScenario;
  loadBefore: number;
  loadAfter: number;
  rounds: Measurement[][];
  /** Per server: mean over rounds. */
  summary: Record<string, Measurement>;
}

function meanOf(runs: Measurement[]): Measurement {
  const avg = (key: keyof Measurement) => runs.reduce((sum, run) => sum + (run[key] as number), 0) / runs.length;
  return {
    server: runs[0]!.server,
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
    requestsPerSecond: runs.reduce((sum, run) => sum + run.requests, 0) / runs.reduce((sum, run) => sum + run.seconds, 0),
    p50: avg('p50'),
    p90: avg('p90'),
    p99: avg('p99'),
    max: Math.max(...runs.map((run) => run.max)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    rssPeakMiB: Math.max(...runs.map((run) => run.rssPeakMiB)),
    rssMeanMiB: avg('rssMeanMiB'),
    serverCpuMsPerRequest: avg('serverCpuMsPerRequest'),
    neo4jCpuMsPerRequest: avg('neo4jCpuMsPerRequest'),
  };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

function markdownTable(size: number, results: ScenarioResult[]): string {
  const lines = [
    `| scenario | server | req/s | p50 ms | p99 ms | errors | RSS peak MiB | CPU ms/request: server, Neo4j | load avg (before → after) |`,
    `| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |`,
  ];
  for (const result of results) {
    for (const server of opts.servers) {
      const m = result.summary[server];
      if (!m) continue;
      lines.push(`| ${result.scenario} | ${server} | ${fmt(m.requestsPerSecond)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${m.errors} | ${fmt(m.rssPeakMiB, 0)} | ${fmt(m.serverCpuMsPerRequest, 2)}, ${fmt(m.neo4jCpuMsPerRequest, 2)} | ${result.loadBefore} → ${result.loadAfter} |`);
    }
  }
  const ratio = (r: ScenarioResult, server: string, other: string) => {
    const a = r.summary[server];
    const b = r.summary[other];
    return a && b ? `${fmt(a.requestsPerSecond / b.requestsPerSecond, 2)}×` : '–';
  };
  const ratios = results.map(
    (r) =>
      `| ${r.scenario} | ${ratio(r, 'service', 'neo4j-graphql')} | ${ratio(r, 'service', 'raw')} | ${ratio(r, 'service-nocache', 'neo4j-graphql')} | ${ratio(r, 'service-nocache', 'raw')} |`,
  );
  // At an offered rate every server answers about that rate: the throughput ratios would say nothing.
  const ratioTable = opts.rate
    ? []
    : [
        '',
        '| scenario | service ÷ @neo4j/graphql (req/s) | service ÷ raw | without hub cache ÷ @neo4j/graphql | without hub cache ÷ raw |',
        '| --- | ---: | ---: | ---: | ---: |',
        ...ratios,
      ];
  return [`### ${size.toLocaleString('en')} entities`, '', ...lines, ...ratioTable].join('\n');
}

async function runSize(entities: number) {
  const memory = defaultMemory(entities);
  console.log(`\n=== ${entities.toLocaleString('en')} entities: Neo4j heap ${memory.heap}, page cache ${memory.pageCache} ===`);
  const neo4j = await startBenchNeo4j({ entities, port: opts.port, ...memory, log: (line) => console.log(line) });
  neo4jPid = neo4j.startedHere ? neo4j.pid : undefined;
  const target = { uri: neo4j.uri, user: BENCH_USER, password: BENCH_PASSWORD };
  const client = benchClient(target.uri);
  let servers: Awaited<ReturnType<typeof startServers>> = [];
  try {
    const generated = await ensureGraph(client, entities, opts.seed);
    const logDir = join(opts.out, 'logs', `${stamp}-${entities}`);
    const profDir = join(opts.out, 'profiles', `${stamp}-${entities}`);
    servers = await startServers(target, {
      serviceLogLevel: opts.serviceLogLevel,
      logDir,
      only: opts.servers,
      serviceRoot: opts.serviceRoot,
      queryTimeoutMs: opts.queryTimeoutMs,
      nodeFlags: opts.cpuProf ? { [opts.cpuProf]: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] } : {},
    });
    console.log(`Servers: ${servers.map((s) => `${s.name} ${s.origin} (pid ${s.process.pid})`).join(', ')}`);

    const check = await compareAnswers(
      servers,
      SCENARIOS.flatMap((scenario) => questions(scenario, entities, opts.seed, 3)),
      true,
    );
    console.log(check.length ? `WARNING: ${check.length} questions answered differently:\n${JSON.stringify(check, null, 1).slice(0, 4000)}` : 'All servers agree on the check questions');

    const quiet = await waitForQuietMachine();
    const pools = new Map<RunScenario, Question[]>(
      opts.scenarios.map((scenario) => [
        scenario,
        scenario === 'mix' ? mixedQuestions(entities, opts.seed, QUESTIONS_PER_SCENARIO / 4) : questions(scenario, entities, opts.seed, QUESTIONS_PER_SCENARIO),
      ]),
    );
    // Otherwise the server measured first also pays for Neo4j's JIT, plans and cold page cache.
    if (opts.prewarm > 0) {
      console.log(`Pre-warming: ${opts.prewarm} s per server and scenario…`);
      for (const [scenario, pool] of pools) {
        if (scenario === 'mix') continue;
        for (const server of servers) await warmUp(server, pool, opts.connections, opts.prewarm);
      }
    }
    const results: ScenarioResult[] = [];
    for (const [index, scenario] of opts.scenarios.entries()) {
      const pool = pools.get(scenario)!;
      const loadBefore = load1();
      const rounds: Measurement[][] = [];
      for (let round = 0; round < opts.rounds; round++) {
        const shift = (round + index) % servers.length;
        const order = [...servers.slice(shift), ...servers.slice(0, shift)];
        const runs: Measurement[] = [];
        for (const server of order) {
          const m = await measure(server, pool, { connections: opts.connections, durationSeconds: opts.duration, warmupSeconds: opts.warmup, neo4jPid: neo4j.pid, rate: opts.rate });
          console.log(
            `${scenario.padEnd(9)} round ${round + 1} ${server.name.padEnd(13)} ${fmt(m.requestsPerSecond).padStart(8)} req/s  p50 ${fmt(m.p50).padStart(7)} ms  p99 ${fmt(m.p99).padStart(7)} ms  errors ${m.errors}  RSS ${fmt(m.rssPeakMiB, 0)} MiB  CPU/req ${fmt(m.serverCpuMsPerRequest, 2)} + Neo4j ${fmt(m.neo4jCpuMsPerRequest, 2)} ms  load ${load1()}`,
          );
          runs.push(m);
        }
        rounds.push(runs);
      }
      const summary = Object.fromEntries(
        servers.map((server) => [server.name, meanOf(rounds.map((runs) => runs.find((m) => m.server === server.name)!))]),
      );
      results.push({ scenario, loadBefore, loadAfter: load1(), rounds, summary });
    }
    const record = {
      label: opts.label,
      date: new Date().toISOString(),
      entities,
      seed: opts.seed,
      machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
      serviceRoot: opts.serviceRoot ?? null,
      settings: { runtimeFlags: SERVICE_NODE_FLAGS, queryTimeoutMs: opts.queryTimeoutMs ?? 5000, duration: opts.duration, warmup: opts.warmup, prewarm: opts.prewarm, connections: opts.connections, rate: opts.rate ?? null, rounds: opts.rounds, serviceLogLevel: opts.serviceLogLevel, neo4jMemory: memory },
      quietMachine: quiet,
      generated,
      neo4jRssMiB: rssMiB(neo4j.pid),
      disagreements: check.length,
      results,
    };
    writeFileSync(join(opts.out, `${stamp}-${entities}.json`), `${JSON.stringify(record, null, 1)}\n`);
    return { entities, results, quiet, record };
  } finally {
    await stopServers(servers);
    await client.close();
    if (neo4jPid) {
      await stopPid(neo4jPid, 60_000);
      neo4jPid = undefined;
    }
  }
}

try {
  const sections: string[] = [];
  for (const size of opts.sizes) {
    const { entities, results, quiet } = await runSize(size);
    sections.push(
      `${markdownTable(entities, results)}\n\nLoad average when measuring started: ${quiet.load}${quiet.quiet ? '' : ' (NOT quiet: waited the maximum)'}; ${opts.connections} connections${opts.rate ? ` offered ${opts.rate} req/s in all` : ''}, ${opts.warmup} s warm-up + ${opts.duration} s × ${opts.rounds} rounds per server.`,
    );
  }
  const markdown = `## Run ${stamp}${opts.label ? ` (${opts.label})` : ''}\n\n${sections.join('\n\n')}\n`;
  writeFileSync(join(opts.out, `${stamp}.md`), markdown);
  console.log(`\n${markdown}`);
  await cleanUpAndExit(0);
} catch (error) {
  console.error(error);
  await cleanUpAndExit(1);
}
