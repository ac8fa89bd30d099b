/**
 * The real entry point (src/server/main.ts) as a child process under tsx, with only the variables
 * given, its pino lines collected. Tests stop it with `stop` (SIGKILL if it is still running).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { freePort } from './freePort.js';
import { testNeo4jEnv } from './graph.js';

export interface MainProcess {
  child: ChildProcess;
  /** Every stdout line, parsed when it is JSON (pino), else as { msg: line }. */
  lines: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Only the variables given: nothing from the developer's environment leaks into the child. It uses
 * the run's CoreNLP server (NLP_URL): without it main.ts would start a second one, which a SIGKILLed
 * API would leave running.
 */
export function startMain(env: Record<string, string>): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', NLP_URL: inject('nlp').url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

/**
 * The entry point on a free port against the run's Neo4j, which it does not seed (the test owns
 * the data), with `env` on top; resolves with its /graphql URL once it is ready. `track` gets the
 * process before the wait, so the test stops it even when it never becomes ready.
 */
export async function startMainOnTestDatabase(env: Record<string, string>, track: (main: MainProcess) => void): Promise<{ main: MainProcess; url: string }> {
  const port = await freePort();
  const main = startMain({ ...testNeo4jEnv(), PORT: String(port), SEED_ON_EMPTY: 'false', ...env });
  track(main);
  await waitForLine(main, /^newsgraph ready at /, 120_000);
  return { main, url: `http://127.0.0.1:${port}/graphql` };
}

export async function waitForLine(main: MainProcess, pattern: RegExp, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = main.lines.find((l) => pattern.test(String(l.msg)));
    if (line) return line;
    if (main.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no log line matching ${pattern}; got:\n${main.lines.map((l) => JSON.stringify(l)).join('\n')}\n${main.stderr()}`);
}

/** SIGKILLs the process if it still runs and waits for it to be gone. */
export async function stopMain(main: MainProcess): Promise<void> {
  if (main.child.exitCode === null && main.child.signalCode === null) main.child.kill('SIGKILL');
  await main.exited;
}
