/**
 * The circuit breaker in front of Neo4j (src/graph/availability.ts), through a TCP proxy to the
 * run's real Neo4j that can turn into a black hole — it keeps accepting connections but passes
 * nothing on, which is how a half-started or wedged Neo4j looks to the driver — and back:
 * - while the database answers, statement errors of its own never open the breaker;
 * - in the black hole, reads fail at their deadline until the breaker opens, then at once, with
 *   an error classified SERVICE_UNAVAILABLE;
 * - once the proxy forwards again, the breaker's next test statement closes it by itself.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../../src/graph/availability.js';
import { GraphClient, type Statement } from '../../src/graph/client.js';
import { deadlineAfter } from '../../src/graph/deadline.js';
import { GraphCache } from '../../src/graph/cache.js';
import { classifyDatabaseError } from '../../src/server/formatError.js';
import { testNeo4j } from '../support/graph.js';
import { startProxy } from '../support/tcpProxy.js';

const quick: Statement = { name: 'test.availability.quick', cypher: 'RETURN 1 AS one' };
const broken: Statement = { name: 'test.availability.broken', cypher: 'RETURN nosuchfunction(1) AS x' };
const DEADLINE_MS = 400;
const WARM_UP_MS = 3_000;
/** Seconds of CPU in Neo4j, no data needed. */
const slow: Statement = { name: 'test.availability.slow', cypher: 'UNWIND range(1, 300000000) AS x WITH x WHERE x % 7 = 0 RETURN count(*) AS n' };

async function timed(work: () => Promise<unknown>): Promise<{ error?: unknown; ms: number }> {
  const started = performance.now();
  try {
    await work();
    return { ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

describe('the circuit breaker in front of Neo4j', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let client: GraphClient;
  const changes: boolean[] = [];

  beforeAll(async () => {
    const neo4j = testNeo4j();
    const target = new URL(neo4j.uri.replace(/^bolt:/, 'http:'));
    proxy = await startProxy({ host: target.hostname, port: Number(target.port) });
    client = new GraphClient({
      uri: `bolt://127.0.0.1:${proxy.port}`,
      user: neo4j.user,
      password: neo4j.password,
      database: neo4j.database,
      queryTimeoutMs: 5_000,
      cache: new GraphCache(),
      availability: { warmUpMs: WARM_UP_MS, onChange: (available) => changes.push(available) },
    });
  });

  afterAll(async () => {
    await client.close().catch(() => undefined);
    await proxy.close();
  });

  it('stays closed when statements fail on their own', async () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const { error } = await timed(() => client.read(broken));
      expect(classifyDatabaseError(error)).toBeUndefined();
    }
    expect(client.databaseAvailable).toBe(true);
    expect(await client.read(quick)).toEqual([{ one: 1 }]);
    expect(changes).toEqual([]);
  });

  it('opens when the database stops answering, then fails statements at once', async () => {
    proxy.blackHole();
    const slow: number[] = [];
    for (let attempt = 0; attempt < 10 && client.databaseAvailable; attempt++) {
      const { error, ms } = await timed(() => client.read(quick, {}, deadlineAfter(DEADLINE_MS)));
      expect(classifyDatabaseError(error)).toBe('SERVICE_UNAVAILABLE');
      slow.push(ms);
    }
    expect(client.databaseAvailable).toBe(false);
    expect(changes).toEqual([false]);

    const fast: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const { error, ms } = await timed(() => client.read(quick, {}, deadlineAfter(DEADLINE_MS)));
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(classifyDatabaseError(error)).toBe('SERVICE_UNAVAILABLE');
      fast.push(ms);
    }
    console.log(`[breaker] before opening: ${slow.map(Math.round).join(', ')} ms; open: ${fast.map((ms) => ms.toFixed(1)).join(', ')} ms`);
    expect(slow.length).toBeGreaterThanOrEqual(3);
    for (const ms of slow) expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
    for (const ms of fast) expect(ms).toBeLessThan(50);
    // Writes are refused too, before anything is sent.
    await expect(client.write({ name: 'test.availability.write', cypher: 'CREATE (:AvailabilityProbe)' })).rejects.toBeInstanceOf(DatabaseUnavailableError);
  });

  it('closes by itself once the database answers again', async () => {
    proxy.forward();
    const started = performance.now();
    let answered = false;
    while (!answered && performance.now() - started < 15_000) {
      const { error } = await timed(() => client.read(quick, {}, deadlineAfter(2_000)));
      answered = error === undefined;
      if (!answered) await sleep(100);
    }
    console.log(`[breaker] answering again ${Math.round(performance.now() - started)} ms after the proxy forwarded again`);
    expect(answered).toBe(true);
    expect(client.databaseAvailable).toBe(true);
    expect(changes).toEqual([false, true]);
    const [row] = await client.read<{ probes: number }>({ name: 'test.availability.count', cypher: 'MATCH (p:AvailabilityProbe) RETURN count(p) AS probes' });
    expect(row?.probes).toBe(0);

    // Just back, a time-out is the database warming up: retry, not "narrow the query".
    const warming = await timed(() => client.read(slow, {}, deadlineAfter(DEADLINE_MS)));
    expect(warming.error).toBeInstanceOf(DatabaseUnavailableError);
    expect(classifyDatabaseError(warming.error)).toBe('SERVICE_UNAVAILABLE');
  });

  it('reports time-outs as the query\'s own once the database has been back a while', async () => {
    await sleep(WARM_UP_MS);
    await client.read(quick); // the breaker closed again after the warm-up time-out above
    const { error } = await timed(() => client.read(slow, {}, deadlineAfter(DEADLINE_MS)));
    expect(classifyDatabaseError(error)).toBe('QUERY_TIMEOUT');
    expect(client.databaseAvailable).toBe(true);
  });
});
