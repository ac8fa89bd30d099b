/**
 * The real entry point as a child process: start-up against the run's Neo4j, a query, a clean
 * SIGTERM that leaves the database (which it did not start) running, start-up while Neo4j is away,
 * and a configuration error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { freePort } from '../support/freePort.js';
import { testNeo4j } from '../support/graph.js';

interface Started {
  child: ChildProcess;
  /** Every stdout line, parsed when it is JSON (pino), else as { msg: line }. */
  lines: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];

/**
 * Only the variables given: nothing from the developer's environment leaks into the child. It uses
 * the run's CoreNLP server (NLP_URL), so no test starts a second one.
 */
function startMain(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', NLP_URL: inject('nlp').url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete.filter(Boolean)) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ msg: line });
      }
    }
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, lines, stderr: () => stderr, exited };
}

async function waitForLine(started: Started, pattern: RegExp, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = started.lines.find((l) => pattern.test(String(l.msg)));
    if (line) return line;
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no log line matching ${pattern}; got:\n${started.lines.map((l) => JSON.stringify(l)).join('\n')}\n${started.stderr()}`);
}

function exitWithin(started: Started, ms: number) {
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
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
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
