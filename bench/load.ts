/**
 * `npm run load -- [--mode steady|outage]`: a load test of the whole stack, on loopback only.
 * Not part of `npm test`. See docs/load-testing.md.
 *
 * It starts everything it measures and stops everything it started (bench/load/supervisor.ts):
 *   1. a throw-away Neo4j (temporary data directory, free port, stops itself if this process dies),
 *      migrated and seeded with seed/ (bench/load/stack.ts);
 *   2. the API as a separate process, so the resident memory sampled every second is the
 *      server's own and not the load generator's (bench/load/memory.ts);
 *   3. autocannon on POST /graphql, cycling through a mix of the example operations in
 *      schema/examples: a warm-up (not measured), then the measured run (bench/load/traffic.ts).
 *
 * Every response body is checked (a 200 carrying `"errors"` is a GraphQL error, with its codes).
 * `--mode outage` stops Neo4j part-way through, restarts it on the same data directory and port,
 * and judges what clients saw during the gap (bench/load/outage.ts).
 *
 * Results: a table on stdout and bench/results/load-<mode>.json (not committed).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalNeo4jOptions } from '../src/embedded/localNeo4j.js';
import { EXAMPLES_DIR, PROJECT_ROOT } from '../src/paths.js';
import { loadExampleOperations } from '../src/examples.js';
import { freePort } from './lib/processes.js';
import { MemorySampler, memorySummary } from './load/memory.js';
import { outageAllowanceS, parseOptions } from './load/options.js';
import { judgeOutage, runOutage, type OutageEvents } from './load/outage.js';
import { reportTable } from './load/report.js';
import { migrateAndSeed, NEO4J_PASSWORD, NEO4J_USER, serverEnv, startNeo4j, startServer, waitUntilReady } from './load/stack.js';
import { round, summarise, timeline } from './load/statistics.js';
import { Supervisor } from './load/supervisor.js';
import { classify, requestBody, runLoad } from './load/traffic.js';

const loadavg = () => os.loadavg().map((x) => round(x, 2));

function fail(message: string): never {
  throw new Error(message);
}

async function main(supervisor: Supervisor, options: ReturnType<typeof parseOptions>): Promise<void> {
  const outageExtraS = options.mode === 'outage' ? outageAllowanceS(options) + 60 : 0;
  const budgetMs = (options.neo4jStartTimeout + 120 + options.warmup + options.duration + outageExtraS + 60) * 1000;
  supervisor.installExitHandlers(budgetMs);

  const all = loadExampleOperations(EXAMPLES_DIR);
  const wanted = options.operations === 'all' ? all.map((op) => op.name) : options.operations.split(',').map((s) => s.trim()).filter(Boolean);
  const mix = wanted.map((name) => all.find((op) => op.name === name) ?? fail(`No example operation named ${name} (known: ${all.map((op) => op.name).join(', ')})`));

  const loadBefore = loadavg();
  console.log(`newsgraph load test — mode ${options.mode}, ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s`);
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${loadBefore.join(' ')}`);
  console.log(`mix: ${mix.map((op) => op.name).join(', ')}`);

  // 1. Neo4j
  supervisor.tempDir = mkdtempSync(join(os.tmpdir(), 'newsgraph-load-'));
  supervisor.startWatchdog(supervisor.tempDir);
  const neo4jOptions: LocalNeo4jOptions = {
    port: await freePort(),
    dataDir: join(supervisor.tempDir, 'neo4j'),
    user: NEO4J_USER,
    password: NEO4J_PASSWORD,
    heap: options.neo4jHeap,
    pageCache: options.neo4jPagecache,
    startTimeoutMs: options.neo4jStartTimeout * 1000,
    stopWithParent: true,
    detached: true,
    log: (line) => console.log(`[neo4j] ${line}`),
  };
  supervisor.neo4jDataDir = neo4jOptions.dataDir;
  const neo4j = await startNeo4j(supervisor, neo4jOptions);
  console.log(`[neo4j] ${neo4j.readyLine}`);
  const seeded = await migrateAndSeed(neo4j.uri);
  console.log(`[neo4j] migrated and seeded: ${seeded.documents} documents, ${seeded.entities} entities, ${seeded.relationships} relationships`);

  // 2. The API, as its own process
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverLog = join(supervisor.tempDir, 'server.log');
  const server = startServer(supervisor, serverEnv(neo4j.uri, port, options.logLevel, options.serverEnv), serverLog);
  await waitUntilReady(base, server, 120_000, serverLog);
  console.log(`[server] ready at ${base}/graphql (pid ${server.pid}, NODE_ENV=production, LOG_LEVEL=${options.logLevel})`);

  // Every operation of the mix must work before any load is applied. One at a time: on a cold,
  // busy Neo4j the first planning of a statement can exceed the query timeout, so retry a little.
  for (const op of mix) {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: requestBody(op),
        signal: AbortSignal.timeout(options.timeout * 1000),
      });
      const c = classify(op.name, response.status, await response.text());
      if (c.outcome === 'ok') break;
      if (attempt >= 5) fail(`Smoke check failed: ${op.name} answered ${c.status} ${c.codes.join(',')} ${attempt} times`);
      console.log(`[smoke] ${op.name} answered ${c.status} ${c.codes.join(',')}; retrying`);
      await sleep(1_000);
    }
  }

  // 3. Memory sampling, once a second, for the whole run
  const memory = new MemorySampler(base, server.pid, () => supervisor.neo4j?.pid, performance.now() + options.warmup * 1000);
  memory.take();
  supervisor.timers.push(setInterval(memory.take, 1000));
  const track = (instance: Supervisor['load']) => (supervisor.load = instance);

  // 4. Warm-up
  console.log(`warm-up: ${options.warmup} s…`);
  const url = `${base}/graphql`;
  const warmupStarted = performance.now();
  const warm = await runLoad(url, mix, { connections: options.connections, durationS: options.warmup, timeoutS: options.timeout, origin: warmupStarted, track });
  if (supervisor.abandoned) throw new Error(`run abandoned (${supervisor.abandoned}); no results written`);
  const warmup = summarise(warm.records, (performance.now() - warmupStarted) / 1000);

  // 5. Measurement
  const origin = performance.now();
  memory.measuring(origin);
  const loadAtStart = loadavg();
  const events: OutageEvents = { failedRestarts: [] };
  let outageDone: Promise<void> | undefined;
  const measureFor = options.mode === 'outage' ? options.duration + outageAllowanceS(options) : options.duration; // runOutage stops it
  console.log(options.mode === 'outage'
    ? `measuring: Neo4j stops at t=${options.outageAt} s for ${options.outageFor} s, then until ${options.recoveryWindow} s pass without errors…`
    : `measuring: ${options.duration} s…`);
  const measured = await runLoad(url, mix, { connections: options.connections, durationS: measureFor, timeoutS: options.timeout, origin, track }, (instance, records) => {
    if (options.mode === 'outage') outageDone = runOutage(supervisor, options, neo4jOptions, origin, events, instance, records);
  });
  await outageDone;
  if (supervisor.abandoned) throw new Error(`run abandoned (${supervisor.abandoned}); no results written`);
  const durationS = (performance.now() - origin) / 1000;
  memory.take();
  const loadAtEnd = loadavg();
  for (const timer of supervisor.timers) clearInterval(timer);

  // 6. Results
  const samples = memory.samples;
  const summary = summarise(measured.records, durationS);
  const outage = options.mode === 'outage' ? judgeOutage(measured.records, events, durationS * 1000) : undefined;
  const memoryMiB = {
    server: memorySummary(samples, 'serverRssMiB'),
    serverHeapUsed: memorySummary(samples, 'serverHeapUsedMiB'),
    neo4j: memorySummary(samples, 'neo4jRssMiB'),
  };
  const results = {
    mode: options.mode,
    date: new Date().toISOString(),
    command: `npx tsx bench/load.ts ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      neo4j: neo4j.readyLine,
      loadAverage: { beforeStart: loadBefore, measurementStart: loadAtStart, measurementEnd: loadAtEnd },
      note: 'shared machine: other processes (test runs with their own Neo4j) may compete for the CPU',
    },
    options: { ...options, operations: mix.map((op) => op.name) },
    seeded,
    warmup: { durationS: warmup.durationS, requests: warmup.requests, requestsPerSecond: warmup.requestsPerSecond, errors: warmup.errors },
    measurement: summary,
    autocannon: {
      requestsPerSecondAverage: measured.result.requests.average,
      latencyMs: { p50: measured.result.latency.p50, p97_5: measured.result.latency.p97_5, p99: measured.result.latency.p99, max: measured.result.latency.max },
      non2xx: measured.result.non2xx,
      errors: measured.result.errors,
      timeouts: measured.result.timeouts,
    },
    memoryMiB,
    ...(outage ? { outage } : {}),
    timeline: timeline(measured.records, samples, durationS),
    samples,
  };

  const outFile = options.out ?? join(PROJECT_ROOT, 'bench/results', `load-${options.mode}.json`);
  mkdirSync(join(outFile, '..'), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

  const printed = reportTable({ options, cores: os.cpus().length, durationS: round(durationS), loadAtStart, loadAtEnd, summary, memory: memoryMiB, outage });
  console.log(`\n${printed}\n\nResults: ${relative(process.cwd(), outFile)}`);
  if (outage && !outage.pass) process.exitCode = 1;
}

const options = parseOptions(process.argv);
const supervisor = new Supervisor(options.keepTemp);
try {
  await main(supervisor, options);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (supervisor.abandoned) {
    console.error(`Load test stopped: ${message}`);
  } else {
    console.error(`Load test failed: ${message}`);
    process.exitCode = 1;
  }
} finally {
  await supervisor.cleanup();
}
// Nothing of ours is left running; leave even if a library keeps a handle open.
process.exit(process.exitCode ?? 0);
