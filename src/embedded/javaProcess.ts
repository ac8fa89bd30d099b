/**
 * What the bundled Java servers (Neo4j in tools/neo4j, CoreNLP in tools/corenlp) share: a Maven
 * build on first use, a pid file that is only trusted while its process runs our launcher class,
 * and a stop that escalates from SIGTERM to SIGKILL.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export class JavaServiceError extends Error {
  override name = 'JavaServiceError';
}

export interface MavenLauncher {
  /** The folder with pom.xml. */
  dir: string;
  /** The launcher's source, relative to dir; its class file must be newer than it and the pom. */
  source: string;
  /** What to call it in messages, e.g. "the local Neo4j". */
  title: string;
  /** Roughly what the first build downloads, for the log line. */
  downloadHint: string;
}

/** Compiles the launcher and copies its jars into target/lib on first use (Maven downloads them once). */
export function ensureMavenBuilt(launcher: MavenLauncher, log: (line: string) => void = console.log): void {
  const built = join(launcher.dir, 'target/classes', launcher.source.replace(/^src\/main\/java\//, '').replace(/\.java$/, '.class'));
  const inputs = [join(launcher.dir, 'pom.xml'), join(launcher.dir, launcher.source)];
  const upToDate =
    existsSync(built) &&
    existsSync(join(launcher.dir, 'target/lib')) &&
    statSync(built).mtimeMs >= Math.max(...inputs.map((file) => statSync(file).mtimeMs));
  if (upToDate) return;

  requireCommand('java', `Java 17+ is needed to run ${launcher.title}.`);
  requireCommand('mvn', `Maven 3.8+ is needed to build ${launcher.title}.`);
  log(`Building ${launcher.title} with Maven (the first run downloads ${launcher.downloadHint} from Maven Central)…`);
  const result = spawnSync('mvn', ['-B', '-ntp', 'package', '-DskipTests'], { cwd: launcher.dir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new JavaServiceError(`Maven could not build ${launcher.dir} (exit ${result.status}); see the output above.`);
  }
}

function requireCommand(command: string, hint: string): void {
  const probe = spawnSync(command, ['-version'], { stdio: 'ignore' });
  if (probe.error) throw new JavaServiceError(`${command} was not found on PATH. ${hint}`);
}

/**
 * Fails at once when `port` on 127.0.0.1 is taken by another process. The Java server would
 * otherwise load for tens of seconds before its bind error surfaced in its log.
 */
export async function requirePortFree(port: number, server: string, portSetting: string): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new JavaServiceError(
      `Port ${port} on 127.0.0.1 is already in use by another process, so ${server} cannot listen there: stop that process, or choose another port (${portSetting}).`,
    );
  } finally {
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}

/** The pid recorded in pidFile, if that process is alive and its command line names launcherClass. */
export function recordedPid(pidFile: string, launcherClass: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    // A recycled pid must never be mistaken for ours: check the command line too.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(launcherClass) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** SIGTERM, then SIGKILL if the process has not exited after the grace period. */
export async function stopPid(pid: number, graceMs = 30_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (exited, not yet reaped by its parent) still answers signal 0.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2]?.startsWith('Z');
  } catch {
    return false;
  }
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 15): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';
}

/** The environment a child JVM needs to find itself; nothing else of ours leaks into it. */
export function javaEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    // eslint-disable-next-line no-restricted-properties
    PATH: process.env.PATH,
    // eslint-disable-next-line no-restricted-properties
    JAVA_HOME: process.env.JAVA_HOME,
    ...extra,
  };
}
