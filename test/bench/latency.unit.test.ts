/** Exact latency percentiles of the benchmark (bench/lib/latency.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentiles } from '../../bench/lib/latency.js';

describe('percentiles', () => {
  it('keeps fractions of a millisecond that a whole-ms histogram would drop', () => {
    const latencies = [4.9, 4.2, 4.6, 4.1, 4.8, 4.3, 4.7, 4.4, 4.5, 4.0];
    expect(percentiles(latencies)).toEqual({ p50: 4.4, p90: 4.8, p99: 4.9, max: 4.9 });
  });

  it('gives each percentile as the nearest-rank value, at least that share of requests at or below it', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1000, noNaN: true }), { minLength: 1, maxLength: 300 }), (latencies) => {
        const result = percentiles(latencies);
        for (const [fraction, value] of [[0.5, result.p50], [0.9, result.p90], [0.99, result.p99], [1, result.max]] as const) {
          expect(latencies).toContain(value);
          expect(latencies.filter((l) => l <= value).length).toBeGreaterThanOrEqual(Math.ceil(fraction * latencies.length));
          expect(latencies.filter((l) => l < value).length).toBeLessThan(Math.ceil(fraction * latencies.length));
        }
        expect(result.max).toBe(Math.max(...latencies));
      }),
    );
  });

  it('is NaN without any answer, and leaves its input unsorted', () => {
    expect(percentiles([]).p50).toBeNaN();
    const latencies = [3, 1, 2];
    percentiles(latencies);
    expect(latencies).toEqual([3, 1, 2]);
  });
});
