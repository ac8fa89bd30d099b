/**
 * `npm run bench:rate-limit [-- --seconds 10 --flood-connections 32]`
 *
 * Two clients, one flooding and one polite, against the real service on loopback with its
 * per-client limits (src/server/rateLimit.ts). The polite client sends one search at a time, ten a
 * second; the flooder (autocannon, in its own process) sends costly documents over many connections
 * as fast as it can. Three phases of `--seconds` each: the polite client alone, then beside the
 * flooder with the limits on, then (for contrast) beside the flooder with the limits off. Starts a
 * throw-away Neo4j (the seed graph) unless given `--uri`, and stops everything it started.
 * Prints one `BENCH_RATE_LIMIT {…}` JSON line; exits 1 when the polite p99 with the flooder and the
 * limits on is more than twice its p99 alone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { PROJECT_ROOT } from '../src/paths.js';
import { hashApiKey } from '../src/server/auth.js';
import { positiveInt } from './lib/cliArguments.js';
import { BENCH_PASSWORD, BENCH_USER, startBenchNeo4j, stopPid } from './lib/neo4j.js';
import { freePort, stopAll } from './lib/processes.js';
import { startServers, stopServers } from './lib/servers.js';
import { latencyStats } from './load/statistics.js';

const options = new Command('bench:rate-limit')
  .description('A flooding and a polite client against the service with its per-client limits')
  .option('--uri <uri>', 'Bolt URI of a Neo4j to use (read only); default: a throw-away one')
  .option('--password <password>', 'its password', BENCH_PASSWORD)
  .option('--seconds <n>', 'length of each phase', positiveInt, 10)
  .option('--polite-rate <n>', 'requests per second of the polite client', positiveInt, 10)
  .option('--flood-connections <n>', "the flooder's concurrent connections", positiveInt, 32)
  .option('--flooder-nice <n>', "nice level of the flooder's process (0-19): on one machine its own CPU would otherwise count against the server", (value) => Number(value), 0)
  .parse()
  .opts<{ uri?: string; password: string; seconds: number; politeRate: number; floodConnections: number; flooderNice: number }>();

const KEYS = { polite: 'polite-bench-key-0123456789', flooder: 'flooder-bench-key-0123456789' };
const API_KEYS = Object.entries(KEYS)
  .map(([name, key]) => `${name}:reader:${hashApiKey(key).toString('hex')}`)
  .join(',');

const POLITE = JSON.stringify({ query: 'query Polite($q: String!) { search(query: $q, first: 10) { score entity { id name kind } } }', variables: { q: 'Japan' } });
// Twelve aliased searches of 100: graphql-armor estimates 13200, under the default MAX_QUERY_COST.
const FLOOD = JSON.stringify({
  query: `{ ${Array.from({ length: 12 }, (_, i) => `s${i}: search(query: "${['Japan', 'China', 'Korea', 'Navy'][i % 4]}", first: 100) { score entity { id name kind } }`).join(' ')} }`,
});

async function cleanup(code: number): Promise<never> {
  await stopAll();
  process.exit(code);
}
process.on('SIGINT', () => void cleanup(130));
process.on('SIGTERM', () => void cleanup(143));

/** The polite client: one request at a time, at a fixed rate, for `seconds`. */
async function politeClient(url: string, seconds: number, rate: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const end = performance.now() + seconds * 1000;
  const gap = 1000 / rate;
  while (performance.now() < end) {
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEYS.polite}` }, body: POLITE });
    await res.arrayBuffer();
    const took = performance.now() - started;
    latencies.push(took);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    await sleep(Math.max(0, gap - took));
  }
  return { ...latencyStats(latencies), statuses };
}

/** The flooder: autocannon in its own process, so its work does not slow the polite client's timing. */
function flooder(url: string, seconds: number, connections: number): Promise<Record<string, unknown>> {
  const args = ['-c', String(connections), '-d', String(seconds), '-m', 'POST', '-H', 'Content-Type=application/json', '-H', `Authorization=Bearer ${KEYS.flooder}`, '-b', FLOOD, '-j', url];
  return new Promise((resolve, reject) => {
    const child = spawn('nice', ['-n', String(options.flooderNice), join(PROJECT_ROOT, 'node_modules/.bin/autocannon'), ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', () => {
      try {
        const result = JSON.parse(out) as { requests: { total: number }; latency: { p99: number }; statusCodeStats?: Record<string, { count: number }>; errors: number };
        const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]));
        resolve({ requests: result.requests.total, statuses, errors: result.errors, p99: result.latency.p99 });
      } catch (error) {
        reject(new Error(`autocannon gave no JSON: ${(error as Error).message}`));
      }
    });
  });
}

async function phase(url: string, withFlooder: boolean) {
  const flood = withFlooder ? flooder(url, options.seconds + 1, options.floodConnections) : undefined;
  // The flooder gets a second's head start, so the polite client meets it at full strength.
  if (flood) await sleep(1000);
  const polite = await politeClient(url, options.seconds, options.politeRate);
  return { polite, ...(flood ? { flooder: await flood } : {}) };
}

async function main() {
  let neo4jPid: number | undefined;
  let dataDir: string | undefined;
  let uri = options.uri;
  try {
    if (!uri) {
      // The launcher keeps its pid and log files beside the data directory: all inside one temp folder.
      dataDir = mkdtempSync(join(tmpdir(), 'newsgraph-rate-limit-'));
      const neo4j = await startBenchNeo4j({ entities: 0, port: await freePort(), heap: '1g', pageCache: '256m', dataDir: join(dataDir, 'neo4j') });
      neo4jPid = neo4j.pid;
      uri = neo4j.uri;
    }
    const target = { uri, user: BENCH_USER, password: options.password };
    const serviceEnv = (enabled: boolean) => ({ API_KEYS, SEED_ON_EMPTY: 'true', RATE_LIMIT_ENABLED: String(enabled) });

    const [limited] = await startServers(target, { only: ['service'], serviceEnv: serviceEnv(true) });
    const url = `${limited!.origin}/graphql`;
    await politeClient(url, 2, options.politeRate); // warm-up: plans, caches, JIT
    const alone = await phase(url, false);
    const limitsOn = await phase(url, true);
    await stopServers([limited!]);

    const [unlimited] = await startServers(target, { only: ['service'], serviceEnv: serviceEnv(false) });
    const unlimitedUrl = `${unlimited!.origin}/graphql`;
    await politeClient(unlimitedUrl, 2, options.politeRate);
    const limitsOff = await phase(unlimitedUrl, true);
    await stopServers([unlimited!]);

    const ratio = limitsOn.polite.p99 !== null && alone.polite.p99 ? limitsOn.polite.p99 / alone.polite.p99 : null;
    const result = { seconds: options.seconds, floodConnections: options.floodConnections, flooderNice: options.flooderNice, alone, limitsOn, limitsOff, politeP99Ratio: ratio };
    console.log(`BENCH_RATE_LIMIT ${JSON.stringify(result)}`);
    console.log(
      `polite p99: alone ${alone.polite.p99} ms; with the flooder, limits on ${limitsOn.polite.p99} ms (×${ratio?.toFixed(2)}); limits off ${limitsOff.polite.p99} ms`,
    );
    return ratio !== null && ratio <= 2 ? 0 : 1;
  } finally {
    if (neo4jPid) await stopPid(neo4jPid, 30_000);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(cleanup, async (error: unknown) => {
  console.error(error);
  await cleanup(1);
});
