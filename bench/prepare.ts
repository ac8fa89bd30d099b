/**
 * `npm run bench:prepare -- --sizes 10000,100000,1000000`
 *
 * Generates the benchmark graphs ahead of a run (each in its own .data/bench/neo4j-<size>), so a
 * later `npm run bench` measures without first spending an hour loading the 1M graph.
 */
import { Command } from 'commander';
import { benchClient, defaultMemory, startBenchNeo4j, stopPid } from './lib/neo4j.js';
import { ensureGraph } from './lib/ensureGraph.js';
import { positiveInt } from './lib/cliArguments.js';

const opts = new Command('bench:prepare')
  .description('Generate the benchmark graphs without measuring anything')
  .option('--sizes <list>', 'graph sizes (entities), comma-separated', (v) => v.split(',').map(positiveInt), [10_000, 100_000, 1_000_000])
  .option('--seed <n>', 'seed of the synthetic graph', positiveInt, 42)
  .option('--port <n>', 'Bolt port of the benchmark Neo4j', positiveInt, 7690)
  .parse()
  .opts<{ sizes: number[]; seed: number; port: number }>();

for (const entities of opts.sizes) {
  const neo4j = await startBenchNeo4j({ entities, port: opts.port, ...defaultMemory(entities), log: (line) => console.log(line) });
  const client = benchClient(neo4j.uri);
  try {
    await ensureGraph(client, entities, opts.seed);
  } finally {
    await client.close();
    if (neo4j.startedHere) await stopPid(neo4j.pid);
  }
}
