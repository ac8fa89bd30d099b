/**
 * One measurement: autocannon against one server for a fixed duration at a fixed number of
 * connections, after a warm-up whose numbers are discarded, cycling through a list of questions.
 * The server's RSS is sampled during the measured part. By default each connection asks again as
 * soon as it is answered (a closed loop: the faster server also gets more load); with `rate`, every
 * server is offered the same requests per second, which compares latencies at equal load.
 */
import autocannon from 'autocannon';
import { toLuceneQueries } from '../../src/graph/entities.js';
import { percentiles } from './latency.js';
import { cpuSeconds, rssMiB } from './processes.js';
import { requestFor, type HttpRequest, type Question } from './queries.js';
import type { RunningServer } from './servers.js';

export interface MeasureOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** The Neo4j process, whose CPU per request is reported next to the server's. */
  neo4jPid?: number;
  /** Requests per second offered over all connections (warm-up included); none: a closed loop. */
  rate?: number;
}

export interface Measurement {
  server: string;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Non-2xx answers, transport errors, timeouts and 200 answers carrying GraphQL errors. */
  errors: number;
  rssPeakMiB: number;
  rssMeanMiB: number;
  /** CPU milliseconds (user + system) the server process spent per answered request. */
  serverCpuMsPerRequest: number;
  /** The same for Neo4j: what the server's statements cost the database. */
  neo4jCpuMsPerRequest: number;
}

async function fire(origin: string, requests: readonly HttpRequest[], connections: number, seconds: number, offset: number, rate?: number) {
  let next = offset;
  let bodyErrors = 0;
  const latenciesMs: number[] = [];
  const options: autocannon.Options = {
    url: origin,
    connections,
    duration: seconds,
    timeout: 30,
    pipelining: 1,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const picked = requests[next++ % requests.length]!;
          return { ...request, path: picked.path, body: picked.body };
        },
        onResponse: (status, body) => {
          if (status === 200 && (body.startsWith('{"errors"') || body.includes('"errors":[') || body.startsWith('{"error"'))) bodyErrors += 1;
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)));
    // As autocannon's own histogram: the time of each 2xx answer, but not rounded to whole ms.
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latenciesMs.push(ms);
    });
  });
  return { result, bodyErrors, next, latency: percentiles(latenciesMs) };
}

const requestsOf = (server: RunningServer, questions: readonly Question[]) => questions.map((question) => requestFor(server.name, question, toLuceneQueries));

/**
 * Load that is not measured: the server, and the Neo4j behind it, answer `questions` for `seconds`
 * (JIT, query plans, caches). Returns where in the list it stopped.
 */
export async function warmUp(server: RunningServer, questions: readonly Question[], connections: number, seconds: number, rate?: number): Promise<number> {
  if (seconds <= 0) return 0;
  return (await fire(server.origin, requestsOf(server, questions), connections, seconds, 0, rate)).next;
}

export async function measure(server: RunningServer, questions: readonly Question[], options: MeasureOptions): Promise<Measurement> {
  const requests = requestsOf(server, questions);
  const offset = await warmUp(server, questions, options.connections, options.warmupSeconds, options.rate);

  const samples: number[] = [];
  const sample = () => {
    const rss = rssMiB(server.process.pid);
    if (rss !== undefined) samples.push(rss);
  };
  sample();
  const readCpu = () => ({ server: cpuSeconds(server.process.pid), neo4j: options.neo4jPid ? cpuSeconds(options.neo4jPid) : undefined });
  const cpuBefore = readCpu();
  const timer = setInterval(sample, 250);
  let fired;
  try {
    fired = await fire(server.origin, requests, options.connections, options.durationSeconds, offset, options.rate);
  } finally {
    clearInterval(timer);
  }
  sample();
  const cpuAfter = readCpu();
  const { result, bodyErrors, latency } = fired;
  const seconds = result.duration;
  const perRequestMs = (before: number | undefined, after: number | undefined) =>
    before === undefined || after === undefined || result.requests.total === 0 ? NaN : ((after - before) * 1000) / result.requests.total;
  return {
    server: server.name,
    requests: result.requests.total,
    seconds,
    requestsPerSecond: result.requests.total / seconds,
    ...latency,
    errors: result.non2xx + result.errors + result.timeouts + bodyErrors,
    rssPeakMiB: Math.max(...samples),
    rssMeanMiB: samples.reduce((a, b) => a + b, 0) / samples.length,
    serverCpuMsPerRequest: perRequestMs(cpuBefore.server, cpuAfter.server),
    neo4jCpuMsPerRequest: perRequestMs(cpuBefore.neo4j, cpuAfter.neo4j),
  };
}
