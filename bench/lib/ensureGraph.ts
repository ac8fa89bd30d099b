/**
 * Brings a benchmark Neo4j up to date and makes sure it holds the synthetic graph of the given size
 * and seed, generating it (with a progress bar) when it is missing or different. Used by
 * `npm run bench` and `npm run bench:explorer`.
 */
import cliProgress from 'cli-progress';
import type { GraphClient } from '../../src/graph/client.js';
import { applyMigrations } from '../../src/graph/migrations.js';
import { entityAt } from './synthetic.js';
import { generateGraph, plannedTotals, type GenerateSummary } from './writer.js';

export interface EnsuredGraph {
  /** Seconds the generation took; null when the graph was already there. */
  loadSeconds: number | null;
  load?: GenerateSummary;
}

export async function ensureGraph(client: GraphClient, entities: number, seed: number, log: (line: string) => void = console.log): Promise<EnsuredGraph> {
  // Before any server starts, with this client's long timeouts: a graph written by an older version
  // is brought up to date here (migration 4 backfills every entity's degree, which the ranking reads).
  const applied = await applyMigrations(client);
  if (applied.length) log(`Applied migrations ${applied.join(', ')}`);
  const [row] = await client.read<{ n: number }>({ name: 'bench.count', cypher: 'MATCH (e:Entity) RETURN count(e) AS n' });
  const existing = row?.n ?? 0;
  const probe = entityAt(Math.min(entities - 1, 12_345), seed).id;
  const [found] = await client.read<{ n: number }>({ name: 'bench.probe', cypher: 'MATCH (e:Entity {id: $id}) RETURN count(e) AS n' }, { id: probe });
  if (existing === entities && found?.n === 1) {
    log(`Graph of ${entities} entities (seed ${seed}) already loaded`);
    return { loadSeconds: null };
  }
  const planned = plannedTotals(entities);
  log(`Generating ${planned.entities} entities, ${planned.relationships} relationships, ${planned.documents} documents…`);
  const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}', noTTYOutput: true, notTTYSchedule: 10_000 }, cliProgress.Presets.shades_classic);
  let phase = 'entities';
  let done = 0;
  bar.start(planned.entities, 0, { phase });
  try {
    const summary = await generateGraph(client, {
      entities,
      seed,
      batchSize: 10_000,
      reset: existing > 0,
      onProgress: (p, rows) => {
        if (p !== phase) {
          phase = p;
          done = 0;
          bar.stop();
          bar.start(planned.relationships, 0, { phase });
        }
        done += rows;
        bar.update(done);
      },
    });
    bar.stop();
    log(`Loaded in ${summary.seconds.toFixed(1)} s (${Math.round(summary.rows / summary.seconds)} nodes+relationships/s)`);
    return { loadSeconds: summary.seconds, load: summary };
  } finally {
    bar.stop();
  }
}
