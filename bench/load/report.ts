/** The summary table a load test prints at the end. */
import type { Options } from './options.js';
import type { memorySummary } from './memory.js';
import type { OutageVerdict } from './outage.js';
import type { Summary } from './statistics.js';

type Memory = Record<'server' | 'serverHeapUsed' | 'neo4j', ReturnType<typeof memorySummary>>;

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} ms`);
const mib = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} MiB`);

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

export function reportTable(run: {
  options: Options;
  cores: number;
  durationS: number;
  loadAtStart: number[];
  loadAtEnd: number[];
  summary: Summary;
  memory: Memory;
  outage?: OutageVerdict;
}): string {
  const { options, summary, memory, outage } = run;
  const rows: [string, string][] = [
    ['mode', `${options.mode}, ${options.connections} connections, ${run.durationS} s measured after ${options.warmup} s warm-up`],
    ['machine', `${run.cores} cores; load average ${run.loadAtStart.join(' ')} at start, ${run.loadAtEnd.join(' ')} at end`],
    ['requests', `${summary.requests} (${summary.requestsPerSecond} req/s)`],
    ['latency p50', ms(summary.latencyMs.p50)],
    ['latency p97.5', ms(summary.latencyMs.p97_5)],
    ['latency p99', ms(summary.latencyMs.p99)],
    ['latency max', ms(summary.latencyMs.max)],
    ['non-2xx', String(summary.non2xx)],
    ['GraphQL errors', String(summary.graphqlErrors)],
    ['timeouts / conn. errors', `${summary.timeouts} / ${summary.connectionErrors}`],
    ['error codes', Object.entries(summary.errorCodes).map(([k, v]) => `${k}×${v}`).join(', ') || '—'],
    ['server RSS start/peak/end', `${mib(memory.server?.start)} / ${mib(memory.server?.peak)} / ${mib(memory.server?.end)} (growth ${mib(memory.server?.growthSinceWarmup)}; ${mib(memory.server?.warmupStart)} before warm-up)`],
    ['server RSS floor 1st/2nd half', `${mib(memory.server?.floorFirstHalf)} / ${mib(memory.server?.floorSecondHalf)} (${mib(memory.server?.floorGrowth)})`],
    ['server V8 heap used start/peak/end', `${mib(memory.serverHeapUsed?.start)} / ${mib(memory.serverHeapUsed?.peak)} / ${mib(memory.serverHeapUsed?.end)}`],
    ['Neo4j RSS start/peak/end', `${mib(memory.neo4j?.start)} / ${mib(memory.neo4j?.peak)} / ${mib(memory.neo4j?.end)}`],
  ];
  for (const [name, stats] of Object.entries(summary.perOperation)) {
    rows.push([`  ${name}`, `${stats.count} req, p50 ${ms(stats.p50)}, p99 ${ms(stats.p99)}, ${stats.errors} errors`]);
  }
  if (outage) {
    const e = outage.events;
    rows.push(
      ['outage: stop → stopped', `t=${e.stopIssuedAtS} s → ${e.stoppedAtS} s (${ms(e.neo4jStopMs)})`],
      ['outage: restart → ready', `t=${e.restartIssuedAtS} s → ${e.readyAtS ?? 'never'} s (${ms(e.neo4jRestartMs)}; ${e.failedRestarts.length} failed attempts)`],
      ['errors before outage', String(outage.errorsBeforeOutage)],
      ['errors during gap', `${outage.gap.errors} (${Object.entries(outage.gap.byCode).map(([k, v]) => `${k}×${v}`).join(', ') || '—'}); ${outage.gap.okResponses} ok`],
      ['gap error latency', `p50 ${ms(outage.gap.latencyMs.p50)}, p99 ${ms(outage.gap.latencyMs.p99)}, max ${ms(outage.gap.latencyMs.max)}; ${outage.gap.timeouts} hangs ≥ ${options.timeout} s`],
      ...Object.entries(outage.gap.latencyMsByCode).map(([code, stats]): [string, string] => [`  ${code}`, `${stats.count}, p50 ${ms(stats.p50)}, p99 ${ms(stats.p99)}`]),
      ['unclean gap errors', `${outage.gap.uncleanErrors} (not SERVICE_UNAVAILABLE / 503)`],
      ['first success after restart', ms(outage.recovery.firstSuccessAfterRestartIssuedMs)],
      ['errors stopped after restart', `${ms(outage.recovery.errorsStoppedAfterRestartIssuedMs)} (${ms(outage.recovery.errorsStoppedRelativeToReadyMs)} relative to ready)`],
      ['error-free tail', outage.recovery.errorFreeTailS === null ? '—' : `${outage.recovery.errorFreeTailS} s`],
      ['errors after recovery', `${outage.errorsAfterRecovery} (sent after ready); ${outage.errorsAfterFirstSuccess} after the first success`],
      ['verdict', outage.pass ? 'PASS' : 'FAIL'],
    );
  }
  return table(rows);
}
