/**
 * `npm run load -- [--mode steady|outage]`: a load test of the whole stack, on loopback only.
 * Not part of `npm test`.
 *
 * It starts everything it measures and stops everything it started:
 *   1. a throw-away Neo4j (temporary data directory, free port, stops itself if this process dies),
 *      migrated and seeded with seed/;
 *   2. the API as a separate process (`node --import tsx src/server/main.ts`, NODE_ENV=production,
 *      logs to a file), so the resident memory sampled from /proc/<pid>/status every second is the
 *      server's own and not the load generator's;
 *   3. autocannon on POST /graphql, cycling through a mix of the example operations in
 *      schema/examples: a warm-up (not measured), then the measured run at fixed concurrency.
 *
 * Every response body is checked: a 200 carrying `"errors"` counts as a GraphQL error, with its
 * codes. `--mode outage` stops Neo4j (by pid) part-way through, restarts it on the same data
 * directory and port, and reports what clients saw during the gap and how fast errors stopped.
 *
 * Results: a table on stdout and bench/results/load-<mode>.json. See docs/load-testing.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CONFIG_VARIABLES } from '../src/config.js';
import { runningPid, startLocalNeo4j, stopPid, type LocalNeo4jOptions, type RunningNeo4j } from '../src/embedded/localNeo4j.js';
import { GraphClient } from '../src/graph/client.js';
import { GraphCache } from '../src/graph/cache.js';
import { applyMigrations } from '../src/graph/migrations.js';
import { seedGraph } from '../src/ingest/seed.js';
import { EXAMPLES_DIR, PROJECT_ROOT } from '../src/paths.js';
import { loadExampleOperations, type ExampleOperation } from '../src/server/graphiql.js';
import { positiveInt } from './lib/cliArguments.js';

// ---------------------------------------------------------------------------------------------
// Options

type Mode = 'steady' | 'outage';

interface Options {
  mode: Mode;
  connections: number;
  duration: number;
  warmup: number;
  outageAt: number;
  outageFor: number;
  recoveryWindow: number;
  maxRecovery: number;
  restartAttempts: number;
  timeout: number;
  operations: string;
  logLevel: string;
  neo4jHeap: string;
  neo4jPagecache: string;
  neo4jStartTimeout: number;
  serverEnv: string[];
  out?: string;
  keepTemp: boolean;
}

/** The default mix: one of each kind of read a client makes (see schema/examples). */
const DEFAULT_MIX = [
  'ColonelAndHisLinks', // entity with relationships + evidence
  'SearchSelfDefense', // full-text search
  'JapanCounterparts', // neighbours
  'RegimentNeighbourhood', // subgraph, depth 2
  'ColonelToEnvoy', // paths colonel → envoy
  'GraphOverview', // stats
];

function collectEnv(value: string, previous: string[]): string[] {
  if (!/^[A-Z][A-Z0-9_]*=/.test(value)) throw new InvalidArgumentError('must look like NAME=value');
  return [...previous, value];
}

function parseOptions(argv: string[]): Options {
  const program = new Command('load')
    .description('Load-test the newsgraph API against its own throw-away Neo4j (loopback only)')
    .addOption(new Option('--mode <mode>', 'steady: fixed concurrency; outage: stop and restart Neo4j mid-run').choices(['steady', 'outage']).default('steady'))
    .option('-c, --connections <n>', 'concurrent HTTP connections', positiveInt, 16)
    .option('-d, --duration <s>', 'measured seconds (outage mode runs longer if recovery needs it)', positiveInt, 60)
    .option('-w, --warmup <s>', 'warm-up seconds before measuring', positiveInt, 10)
    .option('--outage-at <s>', 'outage mode: seconds into the measurement at which Neo4j is stopped', positiveInt, 20)
    .option('--outage-for <s>', 'outage mode: seconds Neo4j stays down before it is restarted', positiveInt, 10)
    .option('--recovery-window <s>', 'outage mode: error-free seconds required after Neo4j is back before the run ends', positiveInt, 20)
    .option('--max-recovery <s>', 'outage mode: give up waiting for that error-free stretch this long after Neo4j is back', positiveInt, 300)
    .option('--restart-attempts <n>', 'outage mode: tries to bring Neo4j back before giving up', positiveInt, 3)
    .option('--timeout <s>', 'per-request timeout: a response slower than this is a hang', positiveInt, 10)
    .option('--operations <names>', `comma-separated operation names from schema/examples, or "all"`, DEFAULT_MIX.join(','))
    .addOption(new Option('--log-level <level>', 'LOG_LEVEL of the server (its log goes to a temporary file)').choices(['fatal', 'error', 'warn', 'info', 'debug']).default('info'))
    .option('--neo4j-heap <size>', 'heap of the throw-away Neo4j', '1g')
    .option('--neo4j-pagecache <size>', 'page cache of the throw-away Neo4j', '256m')
    .option('--neo4j-start-timeout <s>', 'seconds Neo4j gets to start', positiveInt, 300)
    .option('--server-env <KEY=VALUE...>', 'extra environment for the server, e.g. NEO4J_QUERY_TIMEOUT_MS=30000', collectEnv, [])
    .option('--out <file>', 'where the JSON results go (default bench/results/load-<mode>.json)')
    .option('--keep-temp', 'keep the temporary directory (Neo4j data, logs) for inspection', false)
    .showHelpAfterError();
  program.parse(argv);
  const options = program.opts<Options>();
  if (options.mode === 'outage' && options.outageAt >= options.duration) {
    program.error(`--outage-at (${options.outageAt}) must be less than --duration (${options.duration})`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Everything this process starts, and how it is stopped (by pid, never by name)

interface Owned {
  tempDir?: string;
  /** Known from the moment the launcher is spawned (its pid file), so a start can be interrupted. */
  neo4jDataDir?: string;
  neo4j?: RunningNeo4j;
  server?: ChildProcess;
  watchdog?: ChildProcess;
  load?: autocannon.Instance;
  timers: NodeJS.Timeout[];
}

const owned: Owned = { timers: [] };
let cleaningUp: Promise<void> | undefined;
/** Set by a signal or the time budget: the run is abandoned and no results are written. */
let abandoned: string | undefined;
let keepTemp = false;

function alive(pid: number | undefined): pid is number {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2]?.startsWith('Z');
  } catch {
    return false;
  }
}

async function stopServer(): Promise<void> {
  const server = owned.server;
  if (!alive(server?.pid)) return;
  // main.ts drains in-flight requests on SIGTERM (bounded by its own DRAIN_GRACE_MS of 10 s).
  await stopPid(server.pid, 15_000);
}

/** Idempotent: stops the watchdog, the load, the server and Neo4j, then removes the temp directory. */
function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    if (alive(owned.watchdog?.pid)) process.kill(owned.watchdog.pid, 'SIGTERM');
    for (const timer of owned.timers) clearInterval(timer);
    owned.load?.stop();
    await stopServer().catch((error: unknown) => console.error(`Could not stop the server: ${String(error)}`));
    for (const pid of neo4jPids()) {
      await stopPid(pid).catch((error: unknown) => console.error(`Could not stop Neo4j: ${String(error)}`));
    }
    if (owned.tempDir) {
      if (keepTemp) console.log(`Kept ${owned.tempDir}`);
      else rmSync(owned.tempDir, { recursive: true, force: true });
    }
  })();
  return cleaningUp;
}

/** The Neo4j launcher(s) of ours still alive: the one that reported ready, and one still starting. */
function neo4jPids(): number[] {
  const starting = owned.neo4jDataDir ? runningPid(owned.neo4jDataDir) : undefined;
  return [...new Set([owned.neo4j?.pid, starting])].filter(alive);
}

/** Last resort on a second Ctrl-C: no waiting, no grace. */
function killEverythingNow(): void {
  for (const pid of [owned.server?.pid, owned.watchdog?.pid, ...neo4jPids()]) {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}

function installExitHandlers(budgetMs: number): void {
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // tsx's CLI relays the terminal's Ctrl-C to this process a few ms after the terminal itself
    // delivered it: that echo is not an impatient second Ctrl-C.
    if (cleaningUp && Date.now() - firstSignalAt < 2_000) return;
    if (cleaningUp) {
      console.error(`${signal} again: killing everything now`);
      killEverythingNow();
      process.exit(130);
    }
    firstSignalAt = Date.now();
    abandoned = signal;
    process.exitCode = signal === 'SIGINT' ? 130 : 143;
    console.error(`\n${signal}: stopping the load, the server and Neo4j…`);
    void cleanup().finally(() => process.exit(process.exitCode));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  // Bounded in time whatever happens: a hung start-up or a stuck run ends here.
  const deadline = setTimeout(() => {
    console.error(`The load test exceeded its time budget of ${Math.round(budgetMs / 1000)} s; stopping everything`);
    abandoned = 'time budget exceeded';
    process.exitCode = 2;
    void cleanup().finally(() => process.exit(2));
  }, budgetMs);
  deadline.unref();
  owned.timers.push(deadline);
}

// ---------------------------------------------------------------------------------------------
// Setting up: Neo4j, seed, server

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

const NEO4J_USER = 'neo4j';
const NEO4J_PASSWORD = 'load-test-password';

async function startNeo4j(options: LocalNeo4jOptions): Promise<RunningNeo4j> {
  const server = await startLocalNeo4j(options);
  owned.neo4j = server;
  return server;
}

async function migrateAndSeed(uri: string): Promise<{ documents: number; entities: number; relationships: number }> {
  const client = new GraphClient({ uri, user: NEO4J_USER, password: NEO4J_PASSWORD, database: 'neo4j', queryTimeoutMs: 60_000, cache: new GraphCache() });
  try {
    await applyMigrations(client);
    const summaries = await seedGraph(client);
    return {
      documents: summaries.length,
      entities: summaries.reduce((sum, s) => sum + s.entities.created, 0),
      relationships: summaries.reduce((sum, s) => sum + s.relationships.created, 0),
    };
  } finally {
    await client.close();
  }
}

/** The server's environment: ours minus every variable the service reads, plus the test's own. */
function serverEnv(neo4jUri: string, port: number, logLevel: string, extra: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete env[name];
  return {
    ...env,
    NODE_ENV: 'production',
    LOG_LEVEL: logLevel,
    HOST: '127.0.0.1',
    PORT: String(port),
    NEO4J_URI: neo4jUri,
    NEO4J_USER,
    NEO4J_PASSWORD,
    SEED_ON_EMPTY: 'false',
    ...Object.fromEntries(extra.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])),
  };
}

/**
 * If this script is killed outright (SIGKILL, or tsx's CLI giving up on it), none of its own
 * clean-up runs. This watchdog then stops the server and Neo4j (by the pids in the temporary
 * directory, checking their command lines) and removes the directory. cleanup() stops the
 * watchdog first, so in every other case it does nothing.
 */
const WATCHDOG = `
parent=$1; dir=$2
ours() { pid=$(cat "$dir/$1" 2>/dev/null) && [ -n "$pid" ] && grep -q "$2" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"; }
while kill -0 "$parent" 2>/dev/null; do sleep 1; done
for p in $(ours server.pid src/server/main.ts) $(ours neo4j.pid Neo4jLauncher); do kill -TERM "$p" 2>/dev/null; done
i=0
while [ $i -lt 60 ] && [ -n "$(ours server.pid src/server/main.ts)$(ours neo4j.pid Neo4jLauncher)" ]; do sleep 1; i=$((i+1)); done
[ "$3" = keep ] || case "$dir" in */newsgraph-load-*) rm -rf -- "$dir" ;; esac
`;

function startWatchdog(tempDir: string): void {
  owned.watchdog = spawn('/bin/sh', ['-c', WATCHDOG, 'newsgraph-load-watchdog', String(process.pid), tempDir, keepTemp ? 'keep' : 'remove'], { detached: true, stdio: 'ignore' });
  owned.watchdog.unref();
}

function startServer(env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out = openSync(logFile, 'w');
  // Own process group: a Ctrl-C in the terminal reaches only this script, which stops the load
  // first and then the server, so the server's shutdown never shows up as errors in the results.
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  if (server.pid === undefined) throw new Error('Could not start the server');
  owned.server = server;
  writeFileSync(join(owned.tempDir!, 'server.pid'), `${server.pid}\n`);
  return server;
}

async function waitUntilReady(base: string, server: ChildProcess, boundMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`The server exited during start-up (${server.exitCode ?? server.signalCode}); last lines of its log:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`The server was not ready within ${boundMs / 1000} s; last lines of its log:\n${tail(logFile)}`);
}

function tail(file: string, lines = 20): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** VmRSS of a process in MiB, or undefined once it is gone. */
function rssMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface Sample {
  /** Seconds since the measurement started (negative during warm-up). */
  t: number;
  phase: 'warmup' | 'measure';
  serverRssMiB?: number;
  neo4jRssMiB?: number;
  /** V8 heap in use, from the server's /metrics (every 5 s only: a scrape is a request too). */
  serverHeapUsedMiB?: number;
  load1: number;
}

/** nodejs_heap_size_used_bytes from the server's Prometheus endpoint, in MiB. */
async function heapUsedMiB(base: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(2_000) })).text();
    const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+([\d.e+]+)/m.exec(text);
    return match ? Number(match[1]) / 2 ** 20 : undefined;
  } catch {
    return undefined;
  }
}

type Outcome = 'ok' | 'graphql-error' | 'http-error' | 'timeout' | 'connection-error';

interface ResponseRecord {
  operation: string;
  /** ms since the measurement started, when the request was sent and when it ended. */
  sentAt: number;
  doneAt: number;
  latencyMs: number;
  status: number;
  outcome: Outcome;
  /** GraphQL error codes, or the error body's code for a non-2xx. */
  codes: string[];
}

interface Classified {
  operation: string;
  status: number;
  outcome: Outcome;
  codes: string[];
}

function classify(operation: string, status: number, body: string): Classified {
  let parsed: { errors?: { extensions?: { code?: unknown } }[]; error?: { code?: unknown } } | undefined;
  const parse = () => {
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      parsed = undefined;
    }
  };
  if (status < 200 || status >= 300) {
    parse();
    const codes = parsed?.errors?.map((e) => String(e.extensions?.code ?? 'NO_CODE')) ?? (parsed?.error?.code ? [String(parsed.error.code)] : [`HTTP_${status}`]);
    return { operation, status, outcome: 'http-error', codes: [...new Set(codes)] };
  }
  // Cheap test first; parse only to be sure and to read the codes.
  if (body.includes('"errors"')) {
    parse();
    if (Array.isArray(parsed?.errors) && parsed.errors.length > 0) {
      return { operation, status, outcome: 'graphql-error', codes: [...new Set(parsed.errors.map((e) => String(e.extensions?.code ?? 'NO_CODE')))] };
    }
  }
  return { operation, status, outcome: 'ok', codes: [] };
}

function requestsFor(mix: ExampleOperation[], onClassified: (c: Classified) => void): autocannon.Request[] {
  return mix.map((op) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ operationName: op.name, query: op.query, variables: op.variables ?? {} }),
    onResponse: (status: number, body: string) => onClassified(classify(op.name, status, body)),
  }));
}

interface LoadRun {
  result: autocannon.Result;
  records: ResponseRecord[];
}

/**
 * Runs autocannon and records every response with its outcome. autocannon calls the request's
 * onResponse (which sees the body) and then, synchronously, emits 'response' (which sees the
 * latency), so the classification is handed from one to the other through `pending`.
 */
function runLoad(
  url: string,
  mix: ExampleOperation[],
  options: { connections: number; durationS: number; timeoutS: number; origin: number },
  onStart?: (instance: autocannon.Instance, records: readonly ResponseRecord[]) => void,
): Promise<LoadRun> {
  const records: ResponseRecord[] = [];
  let pending: Classified | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.durationS,
        timeout: options.timeoutS,
        pipelining: 1,
        requests: requestsFor(mix, (c) => (pending = c)),
      },
      (error, result) => {
        owned.load = undefined;
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ result, records });
      },
    );
    owned.load = instance;
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      const c = pending ?? { operation: '?', status: statusCode, outcome: statusCode >= 200 && statusCode < 300 ? 'ok' : 'http-error', codes: [] };
      pending = undefined;
      const doneAt = performance.now() - options.origin;
      records.push({ ...c, sentAt: doneAt - responseTime, doneAt, latencyMs: responseTime });
    });
    instance.on('reqError', (error: unknown) => {
      const doneAt = performance.now() - options.origin;
      const timedOut = error instanceof Error && /timed out/.test(error.message);
      const latencyMs = timedOut ? options.timeoutS * 1000 : 0;
      records.push({
        operation: '?',
        sentAt: doneAt - latencyMs,
        doneAt,
        latencyMs,
        status: 0,
        outcome: timedOut ? 'timeout' : 'connection-error',
        codes: [timedOut ? 'TIMEOUT' : error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error)],
      });
    });
    onStart?.(instance, records);
  });
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[index]!);
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function latencyStats(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((sum, x) => sum + x, 0) / sorted.length : 0;
  return {
    count: sorted.length,
    mean: sorted.length ? round(mean) : null,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p97_5: percentile(sorted, 97.5),
    p99: percentile(sorted, 99),
    max: sorted.length ? round(sorted[sorted.length - 1]!) : null,
  };
}

function countBy<T>(items: T[], key: (item: T) => string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) for (const k of key(item)) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

const isError = (r: ResponseRecord) => r.outcome !== 'ok';

function summarise(records: ResponseRecord[], durationS: number) {
  const errors = records.filter(isError);
  const perOperation: Record<string, ReturnType<typeof latencyStats> & { errors: number }> = {};
  for (const name of [...new Set(records.map((r) => r.operation))].sort()) {
    const mine = records.filter((r) => r.operation === name);
    perOperation[name] = { ...latencyStats(mine.map((r) => r.latencyMs)), errors: mine.filter(isError).length };
  }
  return {
    durationS: round(durationS, 2),
    requests: records.length,
    requestsPerSecond: round(records.length / durationS),
    latencyMs: latencyStats(records.filter((r) => r.outcome !== 'timeout' && r.outcome !== 'connection-error').map((r) => r.latencyMs)),
    non2xx: records.filter((r) => r.outcome === 'http-error').length,
    graphqlErrors: records.filter((r) => r.outcome === 'graphql-error').length,
    timeouts: records.filter((r) => r.outcome === 'timeout').length,
    connectionErrors: records.filter((r) => r.outcome === 'connection-error').length,
    errors: errors.length,
    errorCodes: countBy(errors, (r) => r.codes),
    perOperation,
  };
}

/** Per-second counts by completion time, for the JSON timeline. */
function timeline(records: ResponseRecord[], samples: Sample[], durationS: number) {
  const seconds = Math.ceil(durationS);
  const rows = Array.from({ length: seconds }, (_, t) => ({ t, ok: 0, errors: 0, p50Ms: null as number | null, serverRssMiB: null as number | null }));
  const latencies: number[][] = rows.map(() => []);
  for (const r of records) {
    const t = Math.min(seconds - 1, Math.max(0, Math.floor(r.doneAt / 1000)));
    if (isError(r)) rows[t]!.errors++;
    else rows[t]!.ok++;
    latencies[t]!.push(r.latencyMs);
  }
  rows.forEach((row, t) => {
    row.p50Ms = percentile(latencies[t]!.sort((a, b) => a - b), 50);
    const sample = samples.find((s) => s.phase === 'measure' && Math.floor(s.t) === t);
    row.serverRssMiB = sample?.serverRssMiB !== undefined ? round(sample.serverRssMiB) : null;
  });
  return rows;
}

/**
 * Start, peak and end of the measurement, plus the floor (minimum) of each half: RSS follows the
 * garbage collector in a sawtooth, so end − start alone can look like growth or shrinkage that is
 * only where the last collection happened; a leak shows as a rising floor.
 */
function memorySummary(samples: Sample[], key: 'serverRssMiB' | 'neo4jRssMiB' | 'serverHeapUsedMiB') {
  const measured = samples.filter((s) => s.phase === 'measure' && s[key] !== undefined).map((s) => s[key]!);
  const warm = samples.filter((s) => s.phase === 'warmup' && s[key] !== undefined).map((s) => s[key]!);
  if (measured.length === 0) return null;
  const start = measured[0]!;
  const end = measured[measured.length - 1]!;
  const half = Math.ceil(measured.length / 2);
  const floorFirstHalf = Math.min(...measured.slice(0, half));
  const floorSecondHalf = Math.min(...measured.slice(half).concat(measured.slice(-1)));
  return {
    warmupStart: warm.length ? round(warm[0]!) : null,
    start: round(start),
    peak: round(Math.max(...measured)),
    end: round(end),
    growthSinceWarmup: round(end - start),
    floorFirstHalf: round(floorFirstHalf),
    floorSecondHalf: round(floorSecondHalf),
    floorGrowth: round(floorSecondHalf - floorFirstHalf),
  };
}

// ---------------------------------------------------------------------------------------------
// Outage mode: stop Neo4j mid-run, restart it, judge what clients saw

interface OutageEvents {
  stopIssuedAt?: number;
  stoppedAt?: number;
  restartIssuedAt?: number;
  readyAt?: number;
  /** Every restart that failed, with the launcher's reason. */
  failedRestarts: { startedAt: number; failedAt: number; error: string }[];
  restartError?: string;
}

/** The lines of the launcher's log that say what went wrong (its own tail is mostly stack frames). */
function neo4jFailure(dataDir: string, error: unknown): string {
  const log = `${dataDir}.log`;
  const causes = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((line) => line.trim() && !/^\s+(at |\.\.\. \d+ more)/.test(line)) : [];
  const first = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
  return `${first}${causes.length ? ` — ${causes.slice(-6).join(' | ')}` : ''}`;
}

async function runOutage(
  options: Options,
  neo4jOptions: LocalNeo4jOptions,
  origin: number,
  events: OutageEvents,
  instance: autocannon.Instance,
  records: readonly ResponseRecord[],
): Promise<void> {
  const now = () => performance.now() - origin;
  try {
    await sleep(Math.max(0, options.outageAt * 1000 - now()));
    const pid = owned.neo4j!.pid;
    console.log(`  t=${(now() / 1000).toFixed(1)} s  stopping Neo4j (pid ${pid})`);
    events.stopIssuedAt = now();
    await stopPid(pid);
    events.stoppedAt = now();
    console.log(`  t=${(now() / 1000).toFixed(1)} s  Neo4j stopped; down for ${options.outageFor} s`);
    await sleep(options.outageFor * 1000);
    events.restartIssuedAt = now();
    for (let attempt = 1; ; attempt++) {
      const startedAt = now();
      console.log(`  t=${(startedAt / 1000).toFixed(1)} s  restarting Neo4j (same data directory and port), attempt ${attempt}`);
      try {
        await startNeo4j(neo4jOptions);
        break;
      } catch (error) {
        const reason = neo4jFailure(neo4jOptions.dataDir, error);
        events.failedRestarts.push({ startedAt, failedAt: now(), error: reason });
        console.error(`  t=${(now() / 1000).toFixed(1)} s  restart attempt ${attempt} failed: ${reason}`);
        if (attempt >= options.restartAttempts) throw new Error(`Neo4j could not be restarted in ${attempt} attempts`);
      }
    }
    events.readyAt = now();
    console.log(`  t=${(now() / 1000).toFixed(1)} s  Neo4j ready again (pid ${owned.neo4j!.pid})`);
    // Run on until the errors have stopped for a whole recovery window (bounded by --max-recovery).
    const giveUpAt = events.readyAt + options.maxRecovery * 1000;
    for (;;) {
      const lastError = records.reduce((max, r) => (isError(r) ? Math.max(max, r.doneAt) : max), events.stopIssuedAt);
      const quietSince = Math.max(lastError, events.readyAt);
      const until = Math.max(options.duration * 1000, quietSince + options.recoveryWindow * 1000);
      if (now() >= until) break;
      if (now() >= giveUpAt) {
        console.log(`  t=${(now() / 1000).toFixed(1)} s  errors have not stopped ${options.maxRecovery} s after Neo4j came back; ending the run`);
        break;
      }
      await sleep(Math.min(1_000, Math.max(50, until - now())));
    }
  } catch (error) {
    events.restartError = error instanceof Error ? error.message : String(error);
    console.error(`  t=${(now() / 1000).toFixed(1)} s  outage sequence failed: ${events.restartError}`);
  } finally {
    instance.stop();
  }
}

/**
 * Splits the errors of an outage run by when their request was sent:
 *   before   — completed before Neo4j was told to stop (must be none);
 *   gap      — sent before Neo4j reported ready again: these must be clean, quick failures
 *              (SERVICE_UNAVAILABLE GraphQL errors or 503s), not QUERY_TIMEOUTs or hangs;
 *   after    — sent once Neo4j reported ready again: "errors after recovery", must be none.
 * Recovery time is when the error rate returned to zero for good: the last error of the run,
 * measured from the restart command and from Neo4j's ready line.
 */
function judgeOutage(records: ResponseRecord[], events: OutageEvents, endedAt: number) {
  const s = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? null : round(ms / 1000, 2));
  const span = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined || !Number.isFinite(from) || !Number.isFinite(to) ? null : Math.round(to - from);
  const stopIssuedAt = events.stopIssuedAt ?? Infinity;
  const readyAt = events.readyAt ?? Infinity;
  const restartIssuedAt = events.restartIssuedAt ?? Infinity;
  const errors = records.filter(isError);

  const before = errors.filter((r) => r.doneAt < stopIssuedAt);
  const gap = errors.filter((r) => r.doneAt >= stopIssuedAt && r.sentAt <= readyAt);
  const after = errors.filter((r) => r.sentAt > readyAt);
  const okDuringGap = records.filter((r) => r.outcome === 'ok' && r.doneAt >= stopIssuedAt && r.sentAt <= readyAt).length;

  const cleanGapError = (r: ResponseRecord) =>
    (r.outcome === 'graphql-error' && r.codes.every((c) => c === 'SERVICE_UNAVAILABLE')) || (r.outcome === 'http-error' && r.status === 503);
  const unclean = gap.filter((r) => !cleanGapError(r));

  const lastErrorAt = errors.reduce((max, r) => Math.max(max, r.doneAt), -Infinity);
  const firstOkAfterRestart = records
    .filter((r) => r.outcome === 'ok' && r.sentAt >= restartIssuedAt)
    .reduce((min, r) => Math.min(min, r.doneAt), Infinity);
  const errorsAfterFirstSuccess = errors.filter((r) => r.sentAt > firstOkAfterRestart).length;
  const recovered = Number.isFinite(readyAt) && Number.isFinite(firstOkAfterRestart) && after.length === 0;

  return {
    events: {
      stopIssuedAtS: s(events.stopIssuedAt),
      stoppedAtS: s(events.stoppedAt),
      neo4jStopMs: span(events.stopIssuedAt, events.stoppedAt),
      restartIssuedAtS: s(events.restartIssuedAt),
      failedRestarts: events.failedRestarts.map((f) => ({ startedAtS: s(f.startedAt), failedAtS: s(f.failedAt), error: f.error })),
      readyAtS: s(events.readyAt),
      neo4jRestartMs: span(events.restartIssuedAt, events.readyAt),
      firstSuccessAfterRestartAtS: s(firstOkAfterRestart),
      lastErrorAtS: s(lastErrorAt),
      endedAtS: s(endedAt),
      restartError: events.restartError ?? null,
    },
    errorsBeforeOutage: before.length,
    gap: {
      errors: gap.length,
      okResponses: okDuringGap,
      byOutcome: countBy(gap, (r) => [r.outcome]),
      byCode: countBy(gap, (r) => r.codes),
      latencyMs: latencyStats(gap.filter((r) => r.outcome !== 'connection-error').map((r) => r.latencyMs)),
      latencyMsByCode: Object.fromEntries(
        [...new Set(gap.flatMap((r) => r.codes))].sort().map((code) => [code, latencyStats(gap.filter((r) => r.codes.includes(code)).map((r) => r.latencyMs))]),
      ),
      timeouts: gap.filter((r) => r.outcome === 'timeout').length,
      uncleanErrors: unclean.length,
      uncleanByCode: countBy(unclean, (r) => r.codes),
    },
    recovery: {
      recovered,
      /** Restart command → the error rate is zero for good (the last error of the run). */
      errorsStoppedAfterRestartIssuedMs: span(events.restartIssuedAt, lastErrorAt),
      /** Neo4j's ready line → the last error (negative: errors had stopped before the line). */
      errorsStoppedRelativeToReadyMs: span(events.readyAt, lastErrorAt),
      /** Restart command → first successful response. */
      firstSuccessAfterRestartIssuedMs: span(events.restartIssuedAt, firstOkAfterRestart),
      /** Seconds of error-free traffic at the end of the run. */
      errorFreeTailS: Number.isFinite(lastErrorAt) ? round((endedAt - lastErrorAt) / 1000, 2) : null,
    },
    errorsAfterRecovery: after.length,
    errorsAfterRecoveryByCode: countBy(after, (r) => r.codes),
    /** Errors for requests sent after the first post-restart success (flapping), ready or not. */
    errorsAfterFirstSuccess,
    pass: before.length === 0 && gap.length > 0 && unclean.length === 0 && recovered && !events.restartError,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} ms`);
const mib = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} MiB`);
const loadavg = () => os.loadavg().map((x) => round(x, 2));

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv);
  keepTemp = options.keepTemp;
  const outageExtraS = options.mode === 'outage' ? 30 + options.outageFor + options.neo4jStartTimeout * options.restartAttempts + options.maxRecovery + 60 : 0;
  const budgetMs = (options.neo4jStartTimeout + 120 + options.warmup + options.duration + outageExtraS + 60) * 1000;
  installExitHandlers(budgetMs);

  const all = loadExampleOperations(EXAMPLES_DIR);
  const wanted = options.operations === 'all' ? all.map((op) => op.name) : options.operations.split(',').map((s) => s.trim()).filter(Boolean);
  const mix = wanted.map((name) => all.find((op) => op.name === name) ?? fail(`No example operation named ${name} (known: ${all.map((op) => op.name).join(', ')})`));

  const loadBefore = loadavg();
  console.log(`newsgraph load test — mode ${options.mode}, ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s`);
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${loadBefore.join(' ')}`);
  console.log(`mix: ${mix.map((op) => op.name).join(', ')}`);

  // 1. Neo4j
  owned.tempDir = mkdtempSync(join(os.tmpdir(), 'newsgraph-load-'));
  startWatchdog(owned.tempDir);
  const neo4jOptions: LocalNeo4jOptions = {
    port: await freePort(),
    dataDir: join(owned.tempDir, 'neo4j'),
    user: NEO4J_USER,
    password: NEO4J_PASSWORD,
    heap: options.neo4jHeap,
    pageCache: options.neo4jPagecache,
    startTimeoutMs: options.neo4jStartTimeout * 1000,
    stopWithParent: true,
    detached: true,
    log: (line) => console.log(`[neo4j] ${line}`),
  };
  owned.neo4jDataDir = neo4jOptions.dataDir;
  const neo4j = await startNeo4j(neo4jOptions);
  console.log(`[neo4j] ${neo4j.readyLine}`);
  const seeded = await migrateAndSeed(neo4j.uri);
  console.log(`[neo4j] migrated and seeded: ${seeded.documents} documents, ${seeded.entities} entities, ${seeded.relationships} relationships`);

  // 2. The API, as its own process
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverLog = join(owned.tempDir, 'server.log');
  const server = startServer(serverEnv(neo4j.uri, port, options.logLevel, options.serverEnv), serverLog);
  await waitUntilReady(base, server, 120_000, serverLog);
  console.log(`[server] ready at ${base}/graphql (pid ${server.pid}, NODE_ENV=production, LOG_LEVEL=${options.logLevel})`);

  // Every operation of the mix must work before any load is applied. One at a time: on a cold,
  // busy Neo4j the first planning of a statement can exceed the query timeout, so retry a little.
  for (const op of mix) {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ operationName: op.name, query: op.query, variables: op.variables ?? {} }),
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
  const samples: Sample[] = [];
  let origin = performance.now() + options.warmup * 1000; // re-set exactly when measuring starts
  let phase: Sample['phase'] = 'warmup';
  let ticks = 0;
  const sample = () => {
    const row: Sample = {
      t: round((performance.now() - origin) / 1000, 2),
      phase,
      serverRssMiB: rssMiB(server.pid),
      neo4jRssMiB: rssMiB(owned.neo4j?.pid),
      load1: round(os.loadavg()[0]!, 2),
    };
    samples.push(row);
    if (ticks++ % 5 === 0) void heapUsedMiB(base).then((heap) => (row.serverHeapUsedMiB = heap));
  };
  sample();
  owned.timers.push(setInterval(sample, 1000));

  // 4. Warm-up
  console.log(`warm-up: ${options.warmup} s…`);
  const url = `${base}/graphql`;
  const warmupStarted = performance.now();
  const warm = await runLoad(url, mix, { connections: options.connections, durationS: options.warmup, timeoutS: options.timeout, origin: warmupStarted });
  if (abandoned) throw new Error(`run abandoned (${abandoned}); no results written`);
  const warmup = summarise(warm.records, (performance.now() - warmupStarted) / 1000);

  // 5. Measurement
  origin = performance.now();
  phase = 'measure';
  sample();
  const loadAtStart = loadavg();
  const events: OutageEvents = { failedRestarts: [] };
  let outageDone: Promise<void> | undefined;
  const measureFor = options.mode === 'outage'
    ? options.duration + 30 + options.outageFor + options.neo4jStartTimeout * options.restartAttempts + options.maxRecovery // runOutage stops it
    : options.duration;
  console.log(options.mode === 'outage'
    ? `measuring: Neo4j stops at t=${options.outageAt} s for ${options.outageFor} s, then until ${options.recoveryWindow} s pass without errors…`
    : `measuring: ${options.duration} s…`);
  const measured = await runLoad(url, mix, { connections: options.connections, durationS: measureFor, timeoutS: options.timeout, origin }, (instance, records) => {
    if (options.mode === 'outage') outageDone = runOutage(options, neo4jOptions, origin, events, instance, records);
  });
  await outageDone;
  if (abandoned) throw new Error(`run abandoned (${abandoned}); no results written`);
  const durationS = (performance.now() - origin) / 1000;
  sample();
  const loadAtEnd = loadavg();
  for (const timer of owned.timers) clearInterval(timer);

  // 6. Results
  const summary = summarise(measured.records, durationS);
  const outage = options.mode === 'outage' ? judgeOutage(measured.records, events, durationS * 1000) : undefined;
  const memory = {
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
    memoryMiB: memory,
    ...(outage ? { outage } : {}),
    timeline: timeline(measured.records, samples, durationS),
    samples,
  };

  const outFile = options.out ?? join(PROJECT_ROOT, 'bench/results', `load-${options.mode}.json`);
  mkdirSync(join(outFile, '..'), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

  const rows: [string, string][] = [
    ['mode', `${options.mode}, ${options.connections} connections, ${round(durationS)} s measured after ${options.warmup} s warm-up`],
    ['machine', `${os.cpus().length} cores; load average ${loadAtStart.join(' ')} at start, ${loadAtEnd.join(' ')} at end`],
    ['requests', `${summary.requests} (${summary.requestsPerSecond} req/s)`],
    ['latency p50', ms(summary.latencyMs.p50)],
    ['latency p97.5', ms(summary.latencyMs.p97_5)],
    ['latency p99', ms(summary.latencyMs.p99)],
    ['latency max', ms(summary.latencyMs.max)],
    ['non-2xx', String(summary.non2xx)],
    ['GraphQL errors', String(summary.graphqlErrors)],
    ['timeouts / conn. errors', `${summary.timeouts} / ${summary.connectionErrors}`],
    ['error codes', Object.entries(summary.errorCodes).map(([k, v]) => `${k}×${v}`).join(', ') || '—'],
    ['server RSS start/peak/end', `${mib(memory.server?.start)} / ${mib(memory.server?.peak)} / ${mib(memory.server?.end)} (growth ${mib(memory.server?.growthSinceWarmup)}; ${mib(memory.server?.warmupStart)} before warm-up)`],
    ['server RSS floor 1st/2nd half', `${mib(memory.server?.floorFirstHalf)} / ${mib(memory.server?.floorSecondHalf)} (${mib(memory.server?.floorGrowth)})`],
    ['server V8 heap used start/peak/end', `${mib(memory.serverHeapUsed?.start)} / ${mib(memory.serverHeapUsed?.peak)} / ${mib(memory.serverHeapUsed?.end)}`],
    ['Neo4j RSS start/peak/end', `${mib(memory.neo4j?.start)} / ${mib(memory.neo4j?.peak)} / ${mib(memory.neo4j?.end)}`],
  ];
  for (const [name, stats] of Object.entries(summary.perOperation)) {
    rows.push([`  ${name}`, `${stats.count} req, p50 ${ms(stats.p50)}, p99 ${ms(stats.p99)}, ${stats.errors} errors`]);
  }
  if (outage) {
    const e = outage.events;
    rows.push(
      ['outage: stop → stopped', `t=${e.stopIssuedAtS} s → ${e.stoppedAtS} s (${ms(e.neo4jStopMs)})`],
      ['outage: restart → ready', `t=${e.restartIssuedAtS} s → ${e.readyAtS ?? 'never'} s (${ms(e.neo4jRestartMs)}; ${e.failedRestarts.length} failed attempts)`],
      ['errors before outage', String(outage.errorsBeforeOutage)],
      ['errors during gap', `${outage.gap.errors} (${Object.entries(outage.gap.byCode).map(([k, v]) => `${k}×${v}`).join(', ') || '—'}); ${outage.gap.okResponses} ok`],
      ['gap error latency', `p50 ${ms(outage.gap.latencyMs.p50)}, p99 ${ms(outage.gap.latencyMs.p99)}, max ${ms(outage.gap.latencyMs.max)}; ${outage.gap.timeouts} hangs ≥ ${options.timeout} s`],
      ...Object.entries(outage.gap.latencyMsByCode).map(([code, stats]): [string, string] => [`  ${code}`, `${stats.count}, p50 ${ms(stats.p50)}, p99 ${ms(stats.p99)}`]),
      ['unclean gap errors', `${outage.gap.uncleanErrors} (not SERVICE_UNAVAILABLE / 503)`],
      ['first success after restart', ms(outage.recovery.firstSuccessAfterRestartIssuedMs)],
      ['errors stopped after restart', `${ms(outage.recovery.errorsStoppedAfterRestartIssuedMs)} (${ms(outage.recovery.errorsStoppedRelativeToReadyMs)} relative to ready)`],
      ['error-free tail', outage.recovery.errorFreeTailS === null ? '—' : `${outage.recovery.errorFreeTailS} s`],
      ['errors after recovery', `${outage.errorsAfterRecovery} (sent after ready); ${outage.errorsAfterFirstSuccess} after the first success`],
      ['verdict', outage.pass ? 'PASS' : 'FAIL'],
    );
  }
  console.log(`\n${table(rows)}\n\nResults: ${relative(process.cwd(), outFile)}`);
  if (outage && !outage.pass) process.exitCode = 1;
}

function fail(message: string): never {
  throw new Error(message);
}

try {
  await main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (abandoned) {
    console.error(`Load test stopped: ${message}`);
  } else {
    console.error(`Load test failed: ${message}`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
// Nothing of ours is left running; leave even if a library keeps a handle open.
process.exit(process.exitCode ?? 0);
