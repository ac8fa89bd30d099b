/**
 * Child processes of a benchmark run: each is tracked by pid and stopped on exit, on a signal or
 * on failure (SIGTERM, then SIGKILL after a grace period). Everything listens on loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const children = new Map<number, { name: string; child: ChildProcess }>();

function killAllNow(): void {
  for (const [pid] of children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
}
process.once('exit', killAllNow);

export interface Spawned {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Output so far (stdout and stderr), for error messages. */
  output: () => string;
  stop: () => Promise<void>;
}

export function spawnTracked(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile?: string }): Spawned {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const pid = child.pid;
  children.set(pid, { name, child });
  let output = '';
  let log: ReturnType<typeof createWriteStream> | undefined;
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    log = createWriteStream(options.logFile);
  }
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
    log?.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited = false;
  child.once('exit', () => {
    exited = true;
    children.delete(pid);
    log?.end();
  });
  return {
    name,
    pid,
    child,
    output: () => output,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      for (let i = 0; i < 100 && !exited; i++) await sleep(100);
      if (!exited) child.kill('SIGKILL');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    },
  };
}

/** Stops every tracked child (graceful), e.g. from a signal handler. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...children.values()].map(async ({ child }) => {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }),
  );
}

/** A TCP port on loopback that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resident set size of a process in MiB, or undefined if it is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; undefined once it
 * is gone. Differences of two readings give the CPU a measurement cost that process.
 */
export function cpuSeconds(pid: number): number | undefined {
  try {
    // The command name (field 2) may contain spaces: fields are counted after its closing ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; Linux counts them
    // in USER_HZ ticks, which is 100 on every architecture Node runs on.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Polls `url` until it answers 200, or throws after `timeoutMs` (or when `alive()` turns false). */
export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${describe()} exited before answering ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${describe()} did not answer ${url} within ${timeoutMs / 1000} s`);
}
