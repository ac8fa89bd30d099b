/**
 * The per-request deadline (src/graph/deadline.ts) as GraphClient applies it to reads:
 * - a database that accepts TCP connections but never answers (what a half-started Neo4j, or a
 *   wedged one, looks like to the driver) costs a request its deadline, not the driver's
 *   connection timeout plus a retry, and is reported as "never reached the database";
 * - a statement that runs past the deadline on the real Neo4j is cut off at the deadline and
 *   reported as "reached the database" (a query timeout, not an outage);
 * - without a deadline (outside a request) nothing changes: reads get the configured transaction
 *   timeout only, and a deadline bounds only the read it is passed to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphClient, type Statement } from '../../src/graph/client.js';
import { GraphCache } from '../../src/graph/cache.js';
import { deadlineAfter, DeadlineExceededError, NO_DEADLINE } from '../../src/graph/deadline.js';
import { classifyDatabaseError } from '../../src/server/formatError.js';
import { testClient } from '../support/graph.js';
import { startSilentServer } from '../support/silentServer.js';

/** Counts to a large number: seconds of CPU in Neo4j, no data needed. */
const slowStatement: Statement = {
  name: 'test.deadline.slow',
  cypher: 'UNWIND range(1, 300000000) AS x WITH x WHERE x % 7 = 0 RETURN count(*) AS n',
};
const quickStatement: Statement = { name: 'test.deadline.quick', cypher: 'RETURN 1 AS one' };

async function failureOf(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected the read to fail');
}

describe('reads inside a request deadline', () => {
  /** Accepts connections and never writes a byte back. */
  let silentServer: Awaited<ReturnType<typeof startSilentServer>>;
  let silentClient: GraphClient;
  let realClient: GraphClient;

  beforeAll(async () => {
    silentServer = await startSilentServer();
    silentClient = new GraphClient({ uri: silentServer.uri, user: 'neo4j', password: 'unused-password', database: 'neo4j', queryTimeoutMs: 5_000, cache: new GraphCache() });
    realClient = testClient();
  });

  afterAll(async () => {
    await silentClient.close().catch(() => undefined);
    await realClient.close();
    await silentServer.close();
  });

  it('gives up on a database that never answers at the deadline, as unavailable', async () => {
    const { error, ms } = await failureOf(silentClient.read(quickStatement, {}, deadlineAfter(600)));
    console.log(`[deadline] silent database: failed after ${Math.round(ms)} ms`);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as DeadlineExceededError).reachedDatabase).toBe(false);
    expect(classifyDatabaseError(error)).toBe('SERVICE_UNAVAILABLE');
    // The driver alone would wait its 3 s connection timeout, then retry.
    expect(ms).toBeGreaterThanOrEqual(550);
    expect(ms).toBeLessThan(1_500);
  });

  it('fails at once when the deadline has already passed', async () => {
    const { error, ms } = await failureOf(realClient.read(quickStatement, {}, deadlineAfter(-1)));
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(ms).toBeLessThan(50);
  });

  it('cuts off a statement that runs past the deadline, as a query timeout', async () => {
    await realClient.read(quickStatement); // a pooled connection, so only the statement's time counts
    const { error, ms } = await failureOf(realClient.read(slowStatement, {}, deadlineAfter(800)));
    console.log(`[deadline] slow statement: ${String(error)} after ${Math.round(ms)} ms`);
    expect(classifyDatabaseError(error)).toBe('QUERY_TIMEOUT');
    expect(ms).toBeLessThan(2_000);
  });

  it('leaves reads without a deadline alone; a deadline bounds only the read it is given to', async () => {
    expect(await realClient.read(quickStatement)).toEqual([{ one: 1 }]);
    expect(await realClient.read(quickStatement, {}, NO_DEADLINE)).toEqual([{ one: 1 }]);
    // A read with a deadline holds a session of the client while it runs (its /metrics gauge).
    const running = realClient.read(slowStatement, {}, deadlineAfter(600)).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(realClient.sessionsInUse).toBeGreaterThanOrEqual(1);
    await running;
    // A passed deadline fails its own read; the next read, with none, is unaffected.
    const { error } = await failureOf(realClient.read(quickStatement, {}, deadlineAfter(-1)));
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(await realClient.read(quickStatement)).toEqual([{ one: 1 }]);
  });
});
