/**
 * `npm run bench:generate -- --entities 100000 [--seed 42] [--uri bolt://…] [--reset]`
 *
 * Writes a deterministic synthetic graph (bench/lib/synthetic.ts) of the given size into Neo4j,
 * after applying the migrations, and reports the load rate. Without --uri it uses the bundled
 * local Neo4j's settings (NEO4J_* / NEO4J_LOCAL_PORT, see src/config.ts) — start it first with
 * `npm run db:start`, or let `npm run bench` start a dedicated one.
 */
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../src/config.js';
import { GraphClient } from '../src/graph/client.js';
import { GraphCache } from '../src/graph/cache.js';
import { generateGraph, plannedTotals } from './lib/writer.js';
import { positiveInt } from './lib/cliArguments.js';

const config = loadConfig();
const program = new Command('bench:generate')
  .description('Write a synthetic graph with the real model into Neo4j')
  .requiredOption('--entities <n>', 'number of entities (10000, 100000, 1000000 …)', positiveInt)
  .option('--seed <n>', 'PRNG seed', positiveInt, 42)
  .option('--batch <n>', 'rows per transaction', positiveInt, 10_000)
  .option('--uri <uri>', 'Bolt URI', config.neo4j.uri ?? `bolt://127.0.0.1:${config.localNeo4j.port}`)
  .option('--user <user>', 'Neo4j user', config.neo4j.user)
  .option('--password <password>', 'Neo4j password (default: NEO4J_PASSWORD)', config.neo4j.password)
  .option('--database <name>', 'database', config.neo4j.database)
  .option('--reset', 'delete the existing data first', false)
  .parse();

const options = program.opts<{ entities: number; seed: number; batch: number; uri: string; user: string; password: string; database: string; reset: boolean }>();
const client = new GraphClient({
  uri: options.uri,
  user: options.user,
  password: options.password,
  database: options.database,
  queryTimeoutMs: 600_000,
  writeTimeoutMs: 600_000,
  cache: new GraphCache(),
});

const planned = plannedTotals(options.entities);
const bar = new cliProgress.SingleBar(
  { format: '{phase} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}', etaBuffer: 20, noTTYOutput: true, notTTYSchedule: 10_000 },
  cliProgress.Presets.shades_classic,
);
let phaseStarted = performance.now();
let done = 0;
let currentPhase = 'entities';
const startPhase = (phase: string, total: number) => {
  bar.start(total, 0, { phase, rate: 0 });
  phaseStarted = performance.now();
  done = 0;
};

console.log(
  `Generating ${planned.entities} entities, ${planned.relationships} relationships, ${planned.documents} documents (seed ${options.seed}) into ${options.uri}`,
);
startPhase('entities     ', planned.entities);
try {
  const summary = await generateGraph(client, {
    entities: options.entities,
    seed: options.seed,
    batchSize: options.batch,
    reset: options.reset,
    onProgress: (phase, rows) => {
      if (phase !== currentPhase) {
        currentPhase = phase;
        bar.stop();
        startPhase('relationships', planned.relationships);
      }
      done += rows;
      bar.update(done, { rate: Math.round(done / ((performance.now() - phaseStarted) / 1000)) });
    },
  });
  bar.stop();
  const rate = (count: number, seconds: number) => Math.round(count / seconds).toLocaleString('en');
  console.log(
    [
      `Loaded in ${summary.seconds.toFixed(1)} s: ${summary.entities} entities (${rate(summary.entities, summary.entitySeconds)}/s),`,
      `${summary.relationships} relationships with ${summary.evidence} evidence and ${summary.mentions} mentions in ${summary.documents} documents`,
      `(${rate(summary.relationships, summary.seconds - summary.entitySeconds)} relationships/s);`,
      `${summary.rows} nodes + relationships written, ${rate(summary.rows, summary.seconds)} rows/s overall.`,
    ].join(' '),
  );
  console.log(`BENCH_LOAD ${JSON.stringify({ ...summary, seed: options.seed })}`);
} catch (error) {
  bar.stop();
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await client.close();
}
