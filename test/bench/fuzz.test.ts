/**
 * A short, fixed-seed run of `npm run fuzz` (bench/fuzz.ts) against the real API process over the
 * seeded test graph: every answer a 200 or a coded 4xx, none later than the request deadline, no
 * error or unhandled rejection in the server's log, and the graph digest unchanged. One run sends
 * mutations with an editor key (invalid input only), one without a key.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphClient } from '../../src/graph/client.js';
import { seedGraph } from '../../src/graph/seed.js';
import { hashApiKey } from '../../src/server/auth.js';
import { runBenchCli, taggedJson } from '../support/benchCli.js';
import { resetDatabase, testClient, testNeo4j } from '../support/graph.js';
import { startMainOnTestDatabase, stopMain, type MainProcess } from '../support/mainProcess.js';

interface FuzzSummary {
  tried: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  byLabel: Record<string, number>;
  failures: number;
  graphDigest: { before: string; after: string; unchanged: boolean };
}

const EDITOR_KEY = `ng_${randomBytes(24).toString('base64url')}`;
const REQUEST_TIMEOUT_MS = 6000;
const COUNT = 150;

describe('npm run fuzz (fixed seed)', () => {
  let graph: GraphClient;
  let main: MainProcess;
  let url: string;

  beforeAll(async () => {
    graph = testClient();
    await resetDatabase(graph);
    await seedGraph(graph);
    ({ url } = await startMainOnTestDatabase(
      { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), API_KEYS: `fuzz:editor:${hashApiKey(EDITOR_KEY).toString('hex')}` },
      (started) => (main = started),
    ));
  }, 180_000);

  afterAll(async () => {
    if (main) await stopMain(main);
    await resetDatabase(graph);
    await graph.close();
  }, 60_000);

  async function fuzz(seed: number, extra: string[]): Promise<FuzzSummary> {
    const { uri, user, password, database } = testNeo4j();
    const args = ['--url', url, '--count', String(COUNT), '--seconds', '240', '--seed', String(seed), '--timeout-ms', String(REQUEST_TIMEOUT_MS + 3000)];
    const run = await runBenchCli('fuzz.ts', [...args, '--neo4j-uri', uri, '--neo4j-user', user, '--neo4j-password', password, '--neo4j-database', database, ...extra], 300_000);
    expect(run.code, run.stderr).toBe(0);
    return taggedJson<FuzzSummary>(run, 'FUZZ');
  }

  const serverProblems = () =>
    main.lines.filter((line) => Number(line.level) >= 50 || /unhandled|uncaught/i.test(JSON.stringify(line))).concat(main.stderr() ? [{ stderr: main.stderr() }] : []);

  it('with an editor key: only 200s and coded 4xx, no hang, the graph unchanged', async () => {
    const summary = await fuzz(20261129, ['--api-key', EDITOR_KEY]);
    expect(summary.tried).toBe(COUNT);
    expect(summary.failures).toBe(0);
    expect(summary.graphDigest.unchanged).toBe(true);
    expect(Object.keys(summary.byStatus).every((status) => status === '200' || /^4\d\d$/.test(status))).toBe(true);
    // The generator really covers the flavours and reaches both successful and refused answers.
    expect(Object.keys(summary.byLabel).sort()).toEqual(['broken', 'deep', 'hostile', 'valid', 'wide']);
    expect(summary.byCode.OK).toBeGreaterThan(0);
    expect(Object.keys(summary.byCode).length).toBeGreaterThan(2);
    expect(serverProblems()).toEqual([]);
    expect(main.child.exitCode).toBeNull();
  }, 300_000);

  it('without a key: mutations are refused, and the same holds', async () => {
    const summary = await fuzz(7, []);
    expect(summary.failures).toBe(0);
    expect(summary.graphDigest.unchanged).toBe(true);
    expect(serverProblems()).toEqual([]);
    expect(main.child.exitCode).toBeNull();
  }, 300_000);
});
