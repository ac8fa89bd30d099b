/**
 * Servers measured against each other round by round on one question pool, the order flipping
 * every round: on this 2-core machine Neo4j keeps warming up for minutes, so the first round is
 * discarded and the rest averaged (`npm run bench:before-after`, `npm run bench:floor`).
 */
import { measure, type Measurement } from './measure.js';
import type { Question } from './queries.js';
import type { RunningServer } from './servers.js';

/** A server under the name the comparison's table gives it. */
export interface Contender {
  label: string;
  server: RunningServer;
}

export interface AlternateOptions {
  rounds: number;
  connections: number;
  durationSeconds: number;
  /** The Neo4j process, whose CPU per request is reported next to each server's. */
  neo4jPid: number;
}

export interface Summary {
  label: string;
  requestsPerSecond: number;
  p50: number;
  serverCpuMsPerRequest: number;
  neo4jCpuMsPerRequest: number;
  errors: number;
}

/** The measurements of rounds 2 onwards, by label; every round is logged as it ends. */
export async function measureAlternately(contenders: readonly Contender[], pool: readonly Question[], options: AlternateOptions): Promise<Map<string, Measurement[]>> {
  const kept = new Map<string, Measurement[]>(contenders.map(({ label }) => [label, []]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const { label, server } of round % 2 ? contenders : [...contenders].reverse()) {
      const m = await measure(server, pool, { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: 1, neo4jPid: options.neo4jPid });
      console.log(`round ${round} ${label.padEnd(7)} ${m.requestsPerSecond.toFixed(1).padStart(7)} req/s  p50 ${m.p50.toFixed(2)} ms  CPU/req ${m.serverCpuMsPerRequest.toFixed(2)} + Neo4j ${m.neo4jCpuMsPerRequest.toFixed(2)} ms  errors ${m.errors}${round === 1 ? '  (warm-up round, discarded)' : ''}`);
      if (round > 1) kept.get(label)!.push(m);
    }
  }
  return kept;
}

/** Means of the kept rounds, in the contenders' order (errors summed). */
export function summarize(kept: ReadonlyMap<string, Measurement[]>): Summary[] {
  const mean = (runs: Measurement[], pick: (m: Measurement) => number) => runs.reduce((sum, m) => sum + pick(m), 0) / runs.length;
  return [...kept].map(([label, runs]) => ({
    label,
    requestsPerSecond: mean(runs, (m) => m.requestsPerSecond),
    p50: mean(runs, (m) => m.p50),
    serverCpuMsPerRequest: mean(runs, (m) => m.serverCpuMsPerRequest),
    neo4jCpuMsPerRequest: mean(runs, (m) => m.neo4jCpuMsPerRequest),
    errors: runs.reduce((sum, m) => sum + m.errors, 0),
  }));
}
