/**
 * Everything a load test starts — the temporary directory, Neo4j, the server, the watchdog, the
 * load — and how it is stopped: by pid, never by name, on success, failure, a signal or the time
 * budget.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import type autocannon from 'autocannon';
import { runningPid, stopPid, type RunningNeo4j } from '../../src/embedded/localNeo4j.js';

export function alive(pid: number | undefined): pid is number {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2]?.startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * If the load script is killed outright (SIGKILL, or tsx's CLI giving up on it), none of its own
 * clean-up runs. This watchdog then stops the server and Neo4j (by the pids in the temporary
 * directory, checking their command lines) and removes the directory. cleanup() stops the
 * watchdog first, so in every other case it does nothing.
 */
const WATCHDOG = `
parent=$1; dir=$2
ours() { pid=$(cat "$dir/$1" 2>/dev/null) && [ -n "$pid" ] && grep -q "$2" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"; }
while kill -0 "$parent" 2>/dev/null; do sleep 1; done
for p in $(ours server.pid src/server/main.ts) $(ours neo4j.pid Neo4jLauncher); do kill -TERM "$p" 2>/dev/null; done
i=0
while [ $i -lt 60 ] && [ -n "$(ours server.pid src/server/main.ts)$(ours neo4j.pid Neo4jLauncher)" ]; do sleep 1; i=$((i+1)); done
[ "$3" = keep ] || case "$dir" in */newsgraph-load-*) rm -rf -- "$dir" ;; esac
`;

export class Supervisor {
  tempDir?: string;
  /** Known from the moment the launcher is spawned (its pid file), so a start can be interrupted. */
  neo4jDataDir?: string;
  neo4j?: RunningNeo4j;
  server?: ChildProcess;
  watchdog?: ChildProcess;
  load?: autocannon.Instance;
  readonly timers: NodeJS.Timeout[] = [];
  /** Set by a signal or the time budget: the run is abandoned and no results are written. */
  abandoned?: string;
  private cleaningUp?: Promise<void>;

  constructor(private readonly keepTemp: boolean) {}

  startWatchdog(tempDir: string): void {
    this.watchdog = spawn('/bin/sh', ['-c', WATCHDOG, 'newsgraph-load-watchdog', String(process.pid), tempDir, this.keepTemp ? 'keep' : 'remove'], { detached: true, stdio: 'ignore' });
    this.watchdog.unref();
  }

  /** Idempotent: stops the watchdog, the load, the server and Neo4j, then removes the temp directory. */
  cleanup(): Promise<void> {
    this.cleaningUp ??= (async () => {
      if (alive(this.watchdog?.pid)) process.kill(this.watchdog.pid, 'SIGTERM');
      for (const timer of this.timers) clearInterval(timer);
      this.load?.stop();
      await this.stopServer().catch((error: unknown) => console.error(`Could not stop the server: ${String(error)}`));
      for (const pid of this.neo4jPids()) {
        await stopPid(pid).catch((error: unknown) => console.error(`Could not stop Neo4j: ${String(error)}`));
      }
      if (this.tempDir) {
        if (this.keepTemp) console.log(`Kept ${this.tempDir}`);
        else rmSync(this.tempDir, { recursive: true, force: true });
      }
    })();
    return this.cleaningUp;
  }

  /** Ctrl-C, SIGTERM and SIGHUP stop everything in order; past `budgetMs` the run is stopped too. */
  installExitHandlers(budgetMs: number): void {
    let firstSignalAt = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      // tsx's CLI relays the terminal's Ctrl-C a few ms after the terminal did: not a second Ctrl-C.
      if (this.cleaningUp && Date.now() - firstSignalAt < 2_000) return;
      if (this.cleaningUp) {
        console.error(`${signal} again: killing everything now`);
        this.killEverythingNow();
        process.exit(130);
      }
      firstSignalAt = Date.now();
      this.abandoned = signal;
      process.exitCode = signal === 'SIGINT' ? 130 : 143;
      console.error(`\n${signal}: stopping the load, the server and Neo4j…`);
      void this.cleanup().finally(() => process.exit(process.exitCode));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);

    const deadline = setTimeout(() => {
      console.error(`The load test exceeded its time budget of ${Math.round(budgetMs / 1000)} s; stopping everything`);
      this.abandoned = 'time budget exceeded';
      process.exitCode = 2;
      void this.cleanup().finally(() => process.exit(2));
    }, budgetMs);
    deadline.unref();
    this.timers.push(deadline);
  }

  private async stopServer(): Promise<void> {
    const server = this.server;
    if (!alive(server?.pid)) return;
    // main.ts drains in-flight requests on SIGTERM (bounded by its own DRAIN_GRACE_MS of 10 s).
    await stopPid(server.pid, 15_000);
  }

  /** The Neo4j launcher(s) of ours still alive: the one that reported ready, and one still starting. */
  private neo4jPids(): number[] {
    const starting = this.neo4jDataDir ? runningPid(this.neo4jDataDir) : undefined;
    return [...new Set([this.neo4j?.pid, starting])].filter(alive);
  }

  /** Last resort on a second Ctrl-C: no waiting, no grace. */
  private killEverythingNow(): void {
    for (const pid of [this.server?.pid, this.watchdog?.pid, ...this.neo4jPids()]) {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  }
}
