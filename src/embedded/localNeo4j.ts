/**
 * Builds (with Maven) and runs the real Neo4j Community server from tools/neo4j, for machines
 * without Docker. Used by `npm start` when NEO4J_URI is unset, by `npm run db:start|db:stop`
 * and by the test suite's global setup.
 *
 * The server writes its output to a log file rather than a pipe, so it outlives an API process
 * that is killed: killing the API never takes the database down with it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LAUNCHER_DIR } from '../paths.js';
import { JavaServiceError, ensureMavenBuilt, javaEnvironment, recordedPid, requirePortFree, stopPid, tail, type MavenLauncher } from './javaProcess.js';

export { JavaServiceError, stopPid } from './javaProcess.js';

const NEO4J_LAUNCHER: MavenLauncher = {
  dir: LAUNCHER_DIR,
  source: 'src/main/java/newsgraph/Neo4jLauncher.java',
  title: 'the local Neo4j (or set NEO4J_URI to a running server)',
  downloadHint: 'about 130 MB',
};
const LAUNCHER_CLASS = 'newsgraph.Neo4jLauncher';
const READY_PREFIX = 'NEO4J READY';

/** Lets the JVM reach the internals Neo4j uses for fast I/O, as Neo4j's own start script does. */
const JVM_OPENS = ['java.nio', 'java.io', 'sun.nio.ch', 'java.lang', 'java.lang.invoke', 'java.util'].map(
  (pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`,
);

export interface LocalNeo4jOptions {
  port: number;
  dataDir: string;
  user: string;
  password: string;
  heap: string;
  pageCache: string;
  startTimeoutMs: number;
  /** Stop the server when this process dies (tests); unset for `db:start` and `npm start`. */
  stopWithParent?: boolean;
  /** Start in its own process group, so Ctrl-C in the terminal does not reach it. */
  detached?: boolean;
  /** Where progress goes (Maven output, waiting messages). */
  log?: (line: string) => void;
}

export interface RunningNeo4j {
  pid: number;
  uri: string;
  /** Set when this call started the server; false when one was already running. */
  startedHere: boolean;
  /** The "NEO4J READY …" line, with the version. */
  readyLine: string;
}

const pidFileFor = (dataDir: string) => `${resolve(dataDir)}.pid`;
const logFileFor = (dataDir: string) => `${resolve(dataDir)}.log`;

/** Compiles the launcher and copies Neo4j's jars on first use (a few minutes: Maven downloads Neo4j). */
export function ensureLauncherBuilt(log: (line: string) => void = console.log): void {
  ensureMavenBuilt(NEO4J_LAUNCHER, log);
}

/** The pid of the launcher recorded for dataDir, if that process is alive and really is our launcher. */
export function runningPid(dataDir: string): number | undefined {
  return recordedPid(pidFileFor(dataDir), LAUNCHER_CLASS);
}

/** Starts the server for dataDir unless it already runs, and resolves once Bolt accepts connections. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<RunningNeo4j> {
  const log = options.log ?? console.log;
  const uri = `bolt://127.0.0.1:${options.port}`;
  const existing = runningPid(options.dataDir);
  if (existing) {
    const readyLine = lastReadyLine(logFileFor(options.dataDir)) ?? `${READY_PREFIX} (already running)`;
    return { pid: existing, uri, startedHere: false, readyLine };
  }

  await requirePortFree(options.port, 'the local Neo4j', 'NEO4J_LOCAL_PORT for npm start');
  ensureLauncherBuilt(log);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  const logFile = logFileFor(dataDir);
  const out = openSync(logFile, 'w');
  const child = spawn(
    'java',
    [`-Xms${options.heap}`, `-Xmx${options.heap}`, ...JVM_OPENS, '-cp', 'target/classes:target/lib/*', LAUNCHER_CLASS],
    {
      cwd: LAUNCHER_DIR,
      detached: options.detached ?? false,
      stdio: ['ignore', out, out],
      env: javaEnvironment({
        NEO4J_LAUNCHER_PORT: String(options.port),
        NEO4J_LAUNCHER_DATA_DIR: dataDir,
        NEO4J_LAUNCHER_PAGECACHE: options.pageCache,
        NEO4J_USER: options.user,
        NEO4J_PASSWORD: options.password,
        ...(options.stopWithParent ? { NEO4J_LAUNCHER_PARENT_PID: String(process.pid) } : {}),
      }),
    },
  );
  closeSync(out);
  if (child.pid === undefined) throw new JavaServiceError('Could not start java (is it installed?)');
  if (options.detached) child.unref();
  writeFileSync(pidFileFor(dataDir), `${child.pid}\n`);

  let exitCode: number | null | undefined;
  child.on('exit', (code) => (exitCode = code));
  log(`Starting Neo4j on ${uri} (pid ${child.pid}, log ${logFile})…`);
  const deadline = Date.now() + options.startTimeoutMs;
  while (Date.now() < deadline) {
    const ready = lastReadyLine(logFile);
    if (ready) return { pid: child.pid, uri, startedHere: true, readyLine: ready };
    if (exitCode !== undefined) {
      rmSync(pidFileFor(dataDir), { force: true });
      throw new JavaServiceError(`Neo4j exited during start-up (code ${exitCode}); last lines of ${logFile}:\n${tail(logFile)}`);
    }
    // The launcher's main thread can fail (e.g. on its user set-up statement) while Neo4j's own
    // threads keep the JVM alive: without this check start-up would wait out the whole timeout.
    const failure = launcherFailure(logFile);
    if (failure) {
      await stopPid(child.pid);
      rmSync(pidFileFor(dataDir), { force: true });
      throw new JavaServiceError(`The Neo4j launcher failed during start-up (see ${logFile}):\n${failure}`);
    }
    await sleep(250);
  }
  await stopPid(child.pid);
  rmSync(pidFileFor(dataDir), { force: true });
  throw new JavaServiceError(`Neo4j did not become ready within ${options.startTimeoutMs / 1000} s; see ${logFile}`);
}

/** Stops the server for dataDir if it runs. Harmless when it does not. Returns whether it stopped one. */
export async function stopLocalNeo4j(dataDir: string): Promise<boolean> {
  const pid = runningPid(dataDir);
  rmSync(pidFileFor(dataDir), { force: true });
  if (!pid) return false;
  await stopPid(pid);
  return true;
}

function lastReadyLine(logFile: string): string | undefined {
  if (!existsSync(logFile)) return undefined;
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .findLast((line) => line.startsWith(READY_PREFIX));
}

/** The exception lines (no stack frames) if the launcher's main thread died. */
function launcherFailure(logFile: string): string | undefined {
  if (!existsSync(logFile)) return undefined;
  const lines = readFileSync(logFile, 'utf8').split('\n');
  const at = lines.findIndex((line) => line.startsWith('Exception in thread "main"'));
  if (at === -1) return undefined;
  return lines
    .slice(at)
    .filter((line) => line.trim() && !/^\s+(at |\.\.\. \d+ more)/.test(line))
    .join('\n');
}
