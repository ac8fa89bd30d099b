/** Outage mode: stop Neo4j mid-run, restart it, and judge what the clients saw. */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type autocannon from 'autocannon';
import { stopPid, type LocalNeo4jOptions } from '../../src/embedded/localNeo4j.js';
import type { Options } from './options.js';
import { startNeo4j } from './stack.js';
import { countBy, latencyStats, round } from './statistics.js';
import type { Supervisor } from './supervisor.js';
import { isError, type ResponseRecord } from './traffic.js';

/** When things happened, in ms since the measurement started. */
export interface OutageEvents {
  stopIssuedAt?: number;
  stoppedAt?: number;
  restartIssuedAt?: number;
  readyAt?: number;
  /** Every restart that failed, with the launcher's reason. */
  failedRestarts: { startedAt: number; failedAt: number; error: string }[];
  restartError?: string;
}

/** The lines of the launcher's log that say what went wrong (its own tail is mostly stack frames). */
function neo4jFailure(dataDir: string, error: unknown): string {
  const log = `${dataDir}.log`;
  const causes = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((line) => line.trim() && !/^\s+(at |\.\.\. \d+ more)/.test(line)) : [];
  const first = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
  return `${first}${causes.length ? ` — ${causes.slice(-6).join(' | ')}` : ''}`;
}

/**
 * Stops Neo4j at --outage-at, restarts it --outage-for seconds after it exited, then lets the load
 * run on until it has been error-free for --recovery-window (at most --max-recovery), and stops it.
 */
export async function runOutage(
  supervisor: Supervisor,
  options: Options,
  neo4jOptions: LocalNeo4jOptions,
  origin: number,
  events: OutageEvents,
  instance: autocannon.Instance,
  records: readonly ResponseRecord[],
): Promise<void> {
  const now = () => performance.now() - origin;
  try {
    await sleep(Math.max(0, options.outageAt * 1000 - now()));
    const pid = supervisor.neo4j!.pid;
    console.log(`  t=${(now() / 1000).toFixed(1)} s  stopping Neo4j (pid ${pid})`);
    events.stopIssuedAt = now();
    await stopPid(pid);
    events.stoppedAt = now();
    console.log(`  t=${(now() / 1000).toFixed(1)} s  Neo4j stopped; down for ${options.outageFor} s`);
    await sleep(options.outageFor * 1000);
    events.restartIssuedAt = now();
    for (let attempt = 1; ; attempt++) {
      const startedAt = now();
      console.log(`  t=${(startedAt / 1000).toFixed(1)} s  restarting Neo4j (same data directory and port), attempt ${attempt}`);
      try {
        await startNeo4j(supervisor, neo4jOptions);
        break;
      } catch (error) {
        const reason = neo4jFailure(neo4jOptions.dataDir, error);
        events.failedRestarts.push({ startedAt, failedAt: now(), error: reason });
        console.error(`  t=${(now() / 1000).toFixed(1)} s  restart attempt ${attempt} failed: ${reason}`);
        if (attempt >= options.restartAttempts) throw new Error(`Neo4j could not be restarted in ${attempt} attempts`);
      }
    }
    events.readyAt = now();
    console.log(`  t=${(now() / 1000).toFixed(1)} s  Neo4j ready again (pid ${supervisor.neo4j!.pid})`);
    // Run on until the errors have stopped for a whole recovery window (bounded by --max-recovery).
    const giveUpAt = events.readyAt + options.maxRecovery * 1000;
    for (;;) {
      const lastError = records.reduce((max, r) => (isError(r) ? Math.max(max, r.doneAt) : max), events.stopIssuedAt);
      const quietSince = Math.max(lastError, events.readyAt);
      const until = Math.max(options.duration * 1000, quietSince + options.recoveryWindow * 1000);
      if (now() >= until) break;
      if (now() >= giveUpAt) {
        console.log(`  t=${(now() / 1000).toFixed(1)} s  errors have not stopped ${options.maxRecovery} s after Neo4j came back; ending the run`);
        break;
      }
      await sleep(Math.min(1_000, Math.max(50, until - now())));
    }
  } catch (error) {
    events.restartError = error instanceof Error ? error.message : String(error);
    console.error(`  t=${(now() / 1000).toFixed(1)} s  outage sequence failed: ${events.restartError}`);
  } finally {
    instance.stop();
  }
}

export type OutageVerdict = ReturnType<typeof judgeOutage>;

/**
 * Splits the errors of an outage run by when their request was sent:
 *   before   — completed before Neo4j was told to stop (must be none);
 *   gap      — sent before Neo4j reported ready again: these must be clean, quick failures
 *              (SERVICE_UNAVAILABLE GraphQL errors or 503s), not QUERY_TIMEOUTs or hangs;
 *   after    — sent once Neo4j reported ready again: "errors after recovery", must be none.
 * Recovery time is when the error rate returned to zero for good: the last error of the run,
 * measured from the restart command and from Neo4j's ready line.
 */
export function judgeOutage(records: ResponseRecord[], events: OutageEvents, endedAt: number) {
  const s = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? null : round(ms / 1000, 2));
  const span = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined || !Number.isFinite(from) || !Number.isFinite(to) ? null : Math.round(to - from);
  const stopIssuedAt = events.stopIssuedAt ?? Infinity;
  const readyAt = events.readyAt ?? Infinity;
  const restartIssuedAt = events.restartIssuedAt ?? Infinity;
  const errors = records.filter(isError);

  const before = errors.filter((r) => r.doneAt < stopIssuedAt);
  const gap = errors.filter((r) => r.doneAt >= stopIssuedAt && r.sentAt <= readyAt);
  const after = errors.filter((r) => r.sentAt > readyAt);
  const okDuringGap = records.filter((r) => r.outcome === 'ok' && r.doneAt >= stopIssuedAt && r.sentAt <= readyAt).length;

  const cleanGapError = (r: ResponseRecord) =>
    (r.outcome === 'graphql-error' && r.codes.every((c) => c === 'SERVICE_UNAVAILABLE')) || (r.outcome === 'http-error' && r.status === 503);
  const unclean = gap.filter((r) => !cleanGapError(r));

  const lastErrorAt = errors.reduce((max, r) => Math.max(max, r.doneAt), -Infinity);
  const firstOkAfterRestart = records
    .filter((r) => r.outcome === 'ok' && r.sentAt >= restartIssuedAt)
    .reduce((min, r) => Math.min(min, r.doneAt), Infinity);
  const errorsAfterFirstSuccess = errors.filter((r) => r.sentAt > firstOkAfterRestart).length;
  const recovered = Number.isFinite(readyAt) && Number.isFinite(firstOkAfterRestart) && after.length === 0;

  return {
    events: {
      stopIssuedAtS: s(events.stopIssuedAt),
      stoppedAtS: s(events.stoppedAt),
      neo4jStopMs: span(events.stopIssuedAt, events.stoppedAt),
      restartIssuedAtS: s(events.restartIssuedAt),
      failedRestarts: events.failedRestarts.map((f) => ({ startedAtS: s(f.startedAt), failedAtS: s(f.failedAt), error: f.error })),
      readyAtS: s(events.readyAt),
      neo4jRestartMs: span(events.restartIssuedAt, events.readyAt),
      firstSuccessAfterRestartAtS: s(firstOkAfterRestart),
      lastErrorAtS: s(lastErrorAt),
      endedAtS: s(endedAt),
      restartError: events.restartError ?? null,
    },
    errorsBeforeOutage: before.length,
    gap: {
      errors: gap.length,
      okResponses: okDuringGap,
      byOutcome: countBy(gap, (r) => [r.outcome]),
      byCode: countBy(gap, (r) => r.codes),
      latencyMs: latencyStats(gap.filter((r) => r.outcome !== 'connection-error').map((r) => r.latencyMs)),
      latencyMsByCode: Object.fromEntries(
        [...new Set(gap.flatMap((r) => r.codes))].sort().map((code) => [code, latencyStats(gap.filter((r) => r.codes.includes(code)).map((r) => r.latencyMs))]),
      ),
      timeouts: gap.filter((r) => r.outcome === 'timeout').length,
      uncleanErrors: unclean.length,
      uncleanByCode: countBy(unclean, (r) => r.codes),
    },
    recovery: {
      recovered,
      /** Restart command → the error rate is zero for good (the last error of the run). */
      errorsStoppedAfterRestartIssuedMs: span(events.restartIssuedAt, lastErrorAt),
      /** Neo4j's ready line → the last error (negative: errors had stopped before the line). */
      errorsStoppedRelativeToReadyMs: span(events.readyAt, lastErrorAt),
      /** Restart command → first successful response. */
      firstSuccessAfterRestartIssuedMs: span(events.restartIssuedAt, firstOkAfterRestart),
      /** Seconds of error-free traffic at the end of the run. */
      errorFreeTailS: Number.isFinite(lastErrorAt) ? round((endedAt - lastErrorAt) / 1000, 2) : null,
    },
    errorsAfterRecovery: after.length,
    errorsAfterRecoveryByCode: countBy(after, (r) => r.codes),
    /** Errors for requests sent after the first post-restart success (flapping), ready or not. */
    errorsAfterFirstSuccess,
    pass: before.length === 0 && gap.length > 0 && unclean.length === 0 && recovered && !events.restartError,
  };
}
