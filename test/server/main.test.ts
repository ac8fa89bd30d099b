/**
 * The real entry point as a child process: start-up against the run's Neo4j, a query, a clean
 * SIGTERM that leaves the database (which it did not start) running, start-up while Neo4j is away,
 * and a configuration error.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startMain as startMainProcess, waitForLine, type MainProcess } from '../support/mainProcess.js';
import { freePort } from '../support/freePort.js';
import { seedTestDatabase, testNeo4j, testNeo4jEnv } from '../support/graph.js';
import { loadExampleOperations } from '../../src/examples.js';
import { EXAMPLES_DIR } from '../../src/paths.js';
import { readManifestOperations } from '../../src/trustedDocuments.js';

const children: ChildProcess[] = [];

/** The entry point with the run's Neo4j and CoreNLP settings given; killed after each test if still running. */
function startMain(env: Record<string, string>): MainProcess {
  const started = startMainProcess(env);
  children.push(started.child);
  return started;
}

function exitWithin(started: MainProcess, ms: number) {
  return Promise.race([
    started.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not exit within ${ms} ms`)), ms)),
  ]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  }
});

describe('src/server/main.ts', () => {
  it('starts against NEO4J_URI, answers, and exits 0 on SIGTERM leaving that Neo4j running', async () => {
    const neo4j = testNeo4j();
    const port = await freePort();
    // No seeding: other test files own the shared database's data; migrations still run.
    const main = startMain({
      ...testNeo4jEnv(),
      PORT: String(port),
      SEED_ON_EMPTY: 'false',
    });

    const ready = await waitForLine(main, /^newsgraph ready at /, 120_000);
    expect(ready.msg).toBe(`newsgraph ready at http://127.0.0.1:${port}/graphql`);

    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);

    const started = Date.now();
    main.child.kill('SIGTERM');
    expect(await exitWithin(main, 15_000)).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(isAlive(neo4j.pid)).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  }, 180_000);

  it('warms up in the background after it is ready: every explorer query on the hubs and every example, without errors', async () => {
    await seedTestDatabase();
    const port = await freePort();
    const main = startMain({ ...testNeo4jEnv(), PORT: String(port) });
    const ready = await waitForLine(main, /^newsgraph ready at /, 120_000);
    // Readiness came first: the warm-up is reported after it.
    const done = await waitForLine(main, /^Warm-up done in \d+ ms/, 120_000);
    expect(main.lines.indexOf(done)).toBeGreaterThan(main.lines.indexOf(ready));
    const result = done.warmUp as { operations: number; failed: string[]; skipped: string[] };
    const examples = loadExampleOperations(EXAMPLES_DIR);
    const explorerQueries = readManifestOperations().filter((o) => o.name.startsWith('explorer/') && o.type === 'query');
    expect(result.failed).toEqual([]);
    // The hub query, then each example, and each explorer query once per hub it can open.
    const explorerRun = explorerQueries.filter((o) => !result.skipped.includes(o.name));
    expect(result.operations).toBeGreaterThanOrEqual(1 + examples.length + explorerRun.length);
    // Each compiled on its first run, so a first user request finds it compiled.
    const documents = new Set([...examples.map((e) => e.query), ...explorerRun.map((o) => o.body)]);
    expect(done.compiled).toBeGreaterThanOrEqual(1 + documents.size);
    expect(result.skipped.every((name) => name.startsWith('explorer/'))).toBe(true);
    main.child.kill('SIGTERM');
    expect(await exitWithin(main, 15_000)).toEqual({ code: 0, signal: null });
  }, 180_000);

  it('starts even while NEO4J_URI is unreachable: live, not ready, and still stops cleanly', async () => {
    const port = await freePort();
    const deadPort = await freePort();
    const main = startMain({ NEO4J_URI: `bolt://127.0.0.1:${deadPort}`, NEO4J_PASSWORD: 'whatever-password', PORT: String(port) });

    await waitForLine(main, /^newsgraph listening at .* not ready/, 60_000);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ neo4j: false, failed: ['neo4j'] });

    main.child.kill('SIGTERM');
    expect(await exitWithin(main, 15_000)).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('exits 1 with one line naming the variable when the configuration is invalid', async () => {
    const main = startMain({ PORT: 'abc' });
    expect(await exitWithin(main, 30_000)).toEqual({ code: 1, signal: null });
    const stderr = main.stderr().trim();
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('PORT');
    expect(main.lines).toEqual([]);
  }, 60_000);
});
