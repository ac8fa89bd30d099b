/** Memory of the server and of Neo4j during a load test: sampled once a second, then summarised. */
import os from 'node:os';
import { rssMiB } from '../lib/processes.js';
import { METRICS_KEY } from './stack.js';
import { round } from './statistics.js';

export interface Sample {
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
    const text = await (await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_KEY}` }, signal: AbortSignal.timeout(2_000) })).text();
    const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+([\d.e+]+)/m.exec(text);
    return match ? Number(match[1]) / 2 ** 20 : undefined;
  } catch {
    return undefined;
  }
}

const rss = (pid: number | undefined) => (pid ? rssMiB(pid) : undefined);

export class MemorySampler {
  readonly samples: Sample[] = [];
  private phase: Sample['phase'] = 'warmup';
  private ticks = 0;

  /** `origin`: performance.now() at which the measurement is expected to start (re-set by measuring()). */
  constructor(
    private readonly base: string,
    private readonly serverPid: number | undefined,
    private readonly neo4jPid: () => number | undefined,
    private origin: number,
  ) {}

  readonly take = (): void => {
    const row: Sample = {
      t: round((performance.now() - this.origin) / 1000, 2),
      phase: this.phase,
      serverRssMiB: rss(this.serverPid),
      neo4jRssMiB: rss(this.neo4jPid()),
      load1: round(os.loadavg()[0]!, 2),
    };
    this.samples.push(row);
    if (this.ticks++ % 5 === 0) void heapUsedMiB(this.base).then((heap) => (row.serverHeapUsedMiB = heap));
  };

  /** The measurement starts now: later samples are timed from `origin`. */
  measuring(origin: number): void {
    this.origin = origin;
    this.phase = 'measure';
    this.take();
  }
}

/**
 * Start, peak and end of the measurement, plus the floor (minimum) of each half: RSS follows the
 * garbage collector in a sawtooth, so end − start alone can look like growth or shrinkage that is
 * only where the last collection happened; a leak shows as a rising floor.
 */
export function memorySummary(samples: Sample[], key: 'serverRssMiB' | 'neo4jRssMiB' | 'serverHeapUsedMiB') {
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
