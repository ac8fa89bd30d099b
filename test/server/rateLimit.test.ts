/**
 * The per-client limits through the real app: a client over its request rate, or with too much in
 * flight, gets 429 with Retry-After and a RATE_LIMITED GraphQL error; other clients are not held back.
 * The limiter runs on a clock the test moves.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { GraphClient } from '../../src/graph/client.js';
import { createApp, type App } from '../../src/server/app.js';
import { hashApiKey } from '../../src/server/auth.js';
import { createLogger } from '../../src/server/logger.js';
import { RateLimiter, type RateLimitOptions } from '../../src/server/rateLimit.js';
import { testClient } from '../support/graph.js';

const KEYS = { flooder: 'flooder-key-0123456789', polite: 'polite-key-0123456789' };
const API_KEYS = Object.entries(KEYS)
  .map(([name, key]) => `${name}:reader:${hashApiKey(key).toString('hex')}`)
  .join(',');

describe('per-client rate limits through the app', () => {
  let graph: GraphClient;
  let app: App | undefined;
  let url: string;
  let now = 0;
  let limiter: RateLimiter;
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS, RATE_LIMIT_ENABLED: 'true' });

  /** A fresh app whose limiter has these options, on the test's clock. */
  async function startWith(options: Partial<RateLimitOptions>) {
    limiter = new RateLimiter({ perSecond: 2, burst: 3, maxInFlight: 2, inFlightCost: 20000, costPerSecond: 20000, ...options }, () => now);
    app = createApp({
      config: { ...config, http: { ...config.http, host: '127.0.0.1', port: 0 } },
      graph,
      logger: createLogger({ logLevel: 'silent' }),
      rateLimiter: limiter,
    });
    ({ url } = await app.start());
  }

  beforeAll(() => {
    graph = testClient();
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(async () => {
    await graph?.close();
  });

  const post = (key: string, query = '{ __typename }') =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });

  async function expectRateLimited(res: Response, limit: string) {
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit, retryAfterSeconds: retryAfter });
    expect(body.errors![0]!.message).toMatch(/retry in \d+ s/);
  }

  it('refuses a client past its burst with 429 and Retry-After, and lets it in again once tokens refill', async () => {
    await startWith({});
    for (let i = 0; i < 3; i++) expect((await post(KEYS.flooder)).status).toBe(200);
    await expectRateLimited(await post(KEYS.flooder), 'rate');
    // Another client has its own bucket.
    expect((await post(KEYS.polite)).status).toBe(200);
    now += 1000;
    expect((await post(KEYS.flooder)).status).toBe(200);
  });

  it('refuses a client whose requests in flight fill its share, by cost, and not others', async () => {
    await startWith({});
    // Two requests held open (as if still running) fill the flooder's two slots.
    const held = [limiter.acquire('key:flooder', 1), limiter.acquire('key:flooder', 1)];
    try {
      await expectRateLimited(await post(KEYS.flooder, '{ stats { entityCount } }'), 'in-flight');
      expect((await post(KEYS.polite, '{ stats { entityCount } }')).status).toBe(200);
    } finally {
      for (const admission of held) if (admission.ok) admission.release();
    }
    expect((await post(KEYS.flooder, '{ stats { entityCount } }')).status).toBe(200);
    // Every admitted request gave its weight back when it was answered.
    expect(limiter.heldBy('key:flooder')).toBe(0);
    expect(limiter.heldBy('key:polite')).toBe(0);
  });

  it('counts a costly document by its estimated cost, in flight and per second', async () => {
    await startWith({ perSecond: 100, burst: 100 });
    // One slot's worth (20000 / 2) is held: a cheap query still fits, one estimated over 10000 does not.
    const held = limiter.acquire('key:flooder', 1);
    try {
      expect((await post(KEYS.flooder, '{ stats { entityCount } }')).status).toBe(200);
      // graphql-armor estimates 1100 per aliased search of 100: 13200 in all, under MAX_QUERY_COST.
      const costly = `{ ${Array.from({ length: 12 }, (_, i) => `e${i}: search(query: "a", first: 100) { score entity { id name } }`).join(' ')} }`;
      await expectRateLimited(await post(KEYS.flooder, costly), 'in-flight');
      // Alone, the same document runs; the refused one spent nothing of the cost per second.
      if (held.ok) held.release();
      expect((await post(KEYS.flooder, costly)).status).toBe(200);
      // A second one still fits the 20000 a second (putting the client in debt); a third waits.
      expect((await post(KEYS.flooder, costly)).status).toBe(200);
      await expectRateLimited(await post(KEYS.flooder, costly), 'cost');
      await expectRateLimited(await post(KEYS.flooder, '{ stats { entityCount } }'), 'cost');
      now += 1000;
      expect((await post(KEYS.flooder, costly)).status).toBe(200);
    } finally {
      if (held.ok) held.release();
    }
  });
});
