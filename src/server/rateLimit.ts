/**
 * Per-client limits (config.rateLimit): a token bucket for the request rate, a second one for the
 * estimated cost (limits.ts) a client may spend per second, and a cap on the requests it has in
 * flight, weighted by that cost, so one client cannot hold the whole Neo4j pool. A client is its API key's name or, without a key, its address.
 *
 * Written here rather than taken from a package: the maintained limiters (express-rate-limit,
 * rate-limiter-flexible) count requests in windows and know nothing of a request's cost.
 */

/** Milliseconds on a monotonic clock; injected so tests control time. */
export type Clock = () => number;

export interface RateLimitOptions {
  /** Tokens added per second (the sustained request rate). */
  perSecond: number;
  /** Bucket size: the requests a client may send at once after a quiet spell. */
  burst: number;
  /** The most requests one client may have in flight. */
  maxInFlight: number;
  /** The estimated cost one client's requests in flight may add up to. */
  inFlightCost: number;
  /** Estimated cost a client may spend per second (also the most it can save up). */
  costPerSecond: number;
}

/** An admitted request gives its weight back with `release`. */
export type Admission = { ok: true; release: () => void } | { ok: false; retryAfterS: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Past this many clients, buckets that have refilled (the same as no bucket) are dropped. */
const PRUNE_ABOVE = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly costBuckets = new Map<string, Bucket>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly options: RateLimitOptions,
    private readonly clock: Clock,
  ) {}

  /** Takes one token from the client's bucket; when there is none, says how long until there is. */
  take(client: string): { ok: true } | { ok: false; retryAfterS: number } {
    const now = this.clock();
    const { perSecond, burst } = this.options;
    const bucket = this.buckets.get(client) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(client, bucket);
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
    }
    bucket.tokens -= 1;
    if (!this.buckets.has(client) && this.buckets.size >= PRUNE_ABOVE) this.prune(this.buckets, perSecond, burst, now);
    this.buckets.set(client, bucket);
    return { ok: true };
  }

  /**
   * Spends a request's estimated cost from the client's cost bucket. A client not in debt may
   * always spend (so the costliest allowed query can run), and pays it back before the next.
   */
  spend(client: string, cost: number): { ok: true } | { ok: false; retryAfterS: number } {
    const now = this.clock();
    const { costPerSecond } = this.options;
    const bucket = this.costBuckets.get(client) ?? { tokens: costPerSecond, at: now };
    bucket.tokens = Math.min(costPerSecond, bucket.tokens + ((now - bucket.at) / 1000) * costPerSecond);
    bucket.at = now;
    if (!this.costBuckets.has(client) && this.costBuckets.size >= PRUNE_ABOVE) this.prune(this.costBuckets, costPerSecond, costPerSecond, now);
    this.costBuckets.set(client, bucket);
    if (bucket.tokens < 0) return { ok: false, retryAfterS: Math.max(1, Math.ceil(-bucket.tokens / costPerSecond)) };
    bucket.tokens -= cost;
    return { ok: true };
  }

  /**
   * Admits a request of estimated `cost` when the client's requests in flight leave room for it.
   * Each weighs at least inFlightCost / maxInFlight, so cheap requests are capped by count; a
   * client with nothing in flight is always admitted, so no single document is refused forever.
   */
  acquire(client: string, cost: number): Admission {
    const { maxInFlight, inFlightCost } = this.options;
    const weight = Math.max(cost, inFlightCost / maxInFlight);
    const held = this.inFlight.get(client) ?? 0;
    // The small tolerance keeps float sums of equal weights from refusing the last slot.
    if (held > 0 && held + weight > inFlightCost * (1 + 1e-9)) return { ok: false, retryAfterS: 1 };
    this.inFlight.set(client, held + weight);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.inFlight.get(client) ?? 0) - weight;
        if (left <= 1e-9) this.inFlight.delete(client);
        else this.inFlight.set(client, left);
      },
    };
  }

  /** The weight a client has in flight (for tests and metrics). */
  heldBy(client: string): number {
    return this.inFlight.get(client) ?? 0;
  }

  private prune(buckets: Map<string, Bucket>, perSecond: number, full: number, now: number): void {
    for (const [client, bucket] of buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= full) buckets.delete(client);
    }
  }
}
