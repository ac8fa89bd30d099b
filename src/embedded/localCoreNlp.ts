/**
 * Builds (with Maven) and runs Stanford CoreNLP's own HTTP server from tools/corenlp, as a separate
 * process on loopback. Used by `npm start` when NLP_URL is unset, by `npm run nlp:start|stop|status`
 * and by the test suite's global setup. CoreNLP is GPL-licensed: it is never linked into the API.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { NLP_LAUNCHER_DIR } from '../paths.js';
import { JavaServiceError, ensureMavenBuilt, javaEnvironment, recordedPid, requirePortFree, stopPid, tail, type MavenLauncher } from './javaProcess.js';

const LAUNCHER_CLASS = 'newsgraph.CoreNlpLauncher';

const CORENLP_LAUNCHER: MavenLauncher = {
  dir: NLP_LAUNCHER_DIR,
  source: 'src/main/java/newsgraph/CoreNlpLauncher.java',
  title: 'the local Stanford CoreNLP server (or set NLP_URL to a running one)',
  downloadHint: 'about 480 MB of jars and models',
};

export interface LocalCoreNlpOptions {
  port: number;
  heap: string;
  threads: number;
  /** Annotators loaded before the server says it is ready, e.g. "tokenize,ssplit,pos,lemma,ner". */
  annotators: string;
  maxTextChars: number;
  startTimeoutMs: number;
  /** Where the pid and log files go: `<stateFile>.pid`, `<stateFile>.log`. */
  stateFile: string;
  /** Stop the server when this process dies (tests); unset for `nlp:start` and `npm start`. */
  stopWithParent?: boolean;
  /** Start in its own process group, so Ctrl-C in the terminal does not reach it. */
  detached?: boolean;
  log?: (line: string) => void;
}

export interface RunningCoreNlp {
  pid: number;
  url: string;
  /** Set when this call started the server; false when one was already running. */
  startedHere: boolean;
}

const pidFileFor = (stateFile: string) => `${resolve(stateFile)}.pid`;
const logFileFor = (stateFile: string) => `${resolve(stateFile)}.log`;

export function runningCoreNlpPid(stateFile: string): number | undefined {
  return recordedPid(pidFileFor(stateFile), LAUNCHER_CLASS);
}

/** Starts the server unless it already runs, and resolves once it has loaded its annotators. */
export async function startLocalCoreNlp(options: LocalCoreNlpOptions): Promise<RunningCoreNlp> {
  const log = options.log ?? console.log;
  const url = `http://127.0.0.1:${options.port}`;
  const existing = runningCoreNlpPid(options.stateFile);
  if (existing) return { pid: existing, url, startedHere: false };

  await requirePortFree(options.port, 'the local Stanford CoreNLP server', 'NLP_LOCAL_PORT for npm start');
  ensureMavenBuilt(CORENLP_LAUNCHER, log);
  mkdirSync(dirname(resolve(options.stateFile)), { recursive: true });
  const logFile = logFileFor(options.stateFile);
  const out = openSync(logFile, 'w');
  const child = spawn(
    'java',
    [`-Xmx${options.heap}`, '-Djava.net.preferIPv4Stack=true', '-cp', 'target/classes:target/lib/*', LAUNCHER_CLASS],
    {
      cwd: NLP_LAUNCHER_DIR,
      detached: options.detached ?? false,
      stdio: ['ignore', out, out],
      env: javaEnvironment({
        CORENLP_LAUNCHER_PORT: String(options.port),
        CORENLP_LAUNCHER_THREADS: String(options.threads),
        CORENLP_LAUNCHER_PRELOAD: options.annotators,
        CORENLP_LAUNCHER_MAX_CHARS: String(options.maxTextChars),
        ...(options.stopWithParent ? { CORENLP_LAUNCHER_PARENT_PID: String(process.pid) } : {}),
      }),
    },
  );
  closeSync(out);
  if (child.pid === undefined) throw new JavaServiceError('Could not start java (is it installed?)');
  if (options.detached) child.unref();
  writeFileSync(pidFileFor(options.stateFile), `${child.pid}\n`);

  let exitCode: number | null | undefined;
  child.on('exit', (code) => (exitCode = code));
  log(`Starting Stanford CoreNLP on ${url} (pid ${child.pid}, log ${logFile}); loading models takes about half a minute…`);
  const deadline = Date.now() + options.startTimeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      rmSync(pidFileFor(options.stateFile), { force: true });
      throw new JavaServiceError(`CoreNLP exited during start-up (code ${exitCode}); last lines of ${logFile}:\n${tail(logFile)}`);
    }
    if (await isReady(url)) return { pid: child.pid, url, startedHere: true };
    await sleep(500);
  }
  await stopPid(child.pid);
  rmSync(pidFileFor(options.stateFile), { force: true });
  throw new JavaServiceError(`CoreNLP did not become ready within ${options.startTimeoutMs / 1000} s; see ${logFile}`);
}

/** The server's own readiness probe: it answers 200 once the preloaded annotators are loaded. */
export async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Stops the server recorded in stateFile if it runs. Returns whether it stopped one. */
export async function stopLocalCoreNlp(stateFile: string): Promise<boolean> {
  const pid = runningCoreNlpPid(stateFile);
  rmSync(pidFileFor(stateFile), { force: true });
  if (!pid) return false;
  await stopPid(pid, 10_000);
  return true;
}
