/** Exact statistics over every recorded response (no histogram), for the summary and the JSON. */
import { isError, type ResponseRecord } from './traffic.js';
import type { Sample } from './memory.js';

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[index]!);
}

export function latencyStats(latencies: number[]) {
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

export function countBy<T>(items: T[], key: (item: T) => string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) for (const k of key(item)) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

export type Summary = ReturnType<typeof summarise>;

export function summarise(records: ResponseRecord[], durationS: number) {
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
export function timeline(records: ResponseRecord[], samples: Sample[], durationS: number) {
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
