/** The per-client limits (src/server/rateLimit.ts) on an injected clock. */
import { describe, expect, it } from 'vitest';
import { RateLimiter, type RateLimitOptions } from '../../src/server/rateLimit.js';

const OPTIONS: RateLimitOptions = { perSecond: 10, burst: 5, maxInFlight: 4, inFlightCost: 1000, costPerSecond: 1000 };

function limiter(options: Partial<RateLimitOptions> = {}) {
  let now = 0;
  const limits = new RateLimiter({ ...OPTIONS, ...options }, () => now);
  return { limits, advance: (ms: number) => (now += ms) };
}

const takeMany = (limits: RateLimiter, client: string, n: number) => Array.from({ length: n }, () => limits.take(client).ok);

describe('the request-rate token bucket', () => {
  it('lets a burst through, then refuses with the seconds until the next token', () => {
    const { limits } = limiter();
    expect(takeMany(limits, 'a', 5)).toEqual([true, true, true, true, true]);
    expect(limits.take('a')).toEqual({ ok: false, retryAfterS: 1 });
  });

  it('refills at the configured rate, never past the burst', () => {
    const { limits, advance } = limiter();
    takeMany(limits, 'a', 5);
    advance(250); // 2.5 tokens at 10/s
    expect(takeMany(limits, 'a', 3)).toEqual([true, true, false]);
    advance(60_000);
    expect(takeMany(limits, 'a', 6)).toEqual([true, true, true, true, true, false]);
  });

  it('keeps one bucket per client', () => {
    const { limits } = limiter();
    takeMany(limits, 'flooder', 20);
    expect(limits.take('flooder').ok).toBe(false);
    expect(limits.take('polite').ok).toBe(true);
  });

  it('names a longer wait when the rate is below one per second', () => {
    const { limits } = limiter({ perSecond: 0.25, burst: 1 });
    expect(limits.take('a').ok).toBe(true);
    expect(limits.take('a')).toEqual({ ok: false, retryAfterS: 4 });
  });
});

describe('the cost bucket', () => {
  it('lets a client spend its cost per second, then one more request into debt, then waits for the debt to be paid', () => {
    const { limits, advance } = limiter();
    expect(limits.spend('a', 600).ok).toBe(true);
    expect(limits.spend('a', 2400).ok).toBe(true); // 400 left: allowed, 2000 in debt
    expect(limits.spend('a', 1)).toEqual({ ok: false, retryAfterS: 2 });
    expect(limits.spend('b', 1).ok).toBe(true);
    advance(1500);
    expect(limits.spend('a', 1).ok).toBe(false);
    advance(500);
    expect(limits.spend('a', 1).ok).toBe(true);
  });

  it('saves up no more than one second of cost', () => {
    const { limits, advance } = limiter();
    advance(60_000);
    expect(limits.spend('a', 1000).ok).toBe(true);
    expect(limits.spend('a', 1).ok).toBe(true); // at exactly 0: not in debt
    expect(limits.spend('a', 1).ok).toBe(false);
  });
});

describe('the in-flight cap, weighted by cost', () => {
  it('admits cheap requests up to the count cap, and again once one is released', () => {
    const { limits } = limiter();
    const admitted = Array.from({ length: 4 }, () => limits.acquire('a', 1));
    expect(admitted.every((a) => a.ok)).toBe(true);
    expect(limits.acquire('a', 1)).toEqual({ ok: false, retryAfterS: 1 });
    expect(limits.acquire('b', 1).ok).toBe(true);
    const first = admitted[0]!;
    if (first.ok) first.release();
    expect(limits.acquire('a', 1).ok).toBe(true);
  });

  it('gives costly requests fewer slots', () => {
    const { limits } = limiter();
    expect(limits.acquire('a', 600).ok).toBe(true);
    // A cheap request weighs the floor 1000 / 4 = 250: one more fits beside 600, not two.
    expect(limits.acquire('a', 1).ok).toBe(true);
    expect(limits.acquire('a', 1).ok).toBe(false);
    expect(limits.heldBy('a')).toBe(850);
  });

  it('always admits a client with nothing in flight, and a release counts once', () => {
    const { limits } = limiter();
    const huge = limits.acquire('a', 5000);
    expect(huge.ok).toBe(true);
    expect(limits.acquire('a', 1).ok).toBe(false);
    if (huge.ok) {
      huge.release();
      huge.release();
    }
    expect(limits.heldBy('a')).toBe(0);
  });
});
