/**
 * Latency percentiles from every answered request's own time. autocannon's histogram counts whole
 * milliseconds, which for answers of 3–8 ms moved a p50 by up to a third, and with it every ratio
 * of p50s and every p99 comparison (docs/decisions/023-exact-latency-percentiles.md).
 */
export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of `latenciesMs` (unsorted; not modified), in ms; NaN when there are none. */
export function percentiles(latenciesMs: readonly number[]): Percentiles {
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (fraction: number) => (sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)]!);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}
