/**
 * A dedicated local Neo4j per benchmark size (.data/bench/neo4j-<entities>), started with the
 * project's launcher (src/embedded/localNeo4j.ts) on loopback, so generated graphs are kept between
 * runs and never touch the development database.
 */
import { join } from 'node:path';
import { startLocalNeo4j, stopPid, type RunningNeo4j } from '../../src/embedded/localNeo4j.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { GraphClient } from '../../src/graph/client.js';
import { GraphCache } from '../../src/graph/cache.js';

export const BENCH_PASSWORD = 'bench-password-1';
export const BENCH_USER = 'neo4j';

export interface BenchNeo4jOptions {
  entities: number;
  port: number;
  heap: string;
  pageCache: string;
  /** Where the store lives; defaults to benchDataDir(entities) (e.g. a throw-away graph elsewhere). */
  dataDir?: string;
  log?: (line: string) => void;
  /** Stop the server when this process dies (default true). */
  stopWithParent?: boolean;
}

export const benchDataDir = (entities: number) => join(PROJECT_ROOT, '.data/bench', `neo4j-${entities}`);

/** Memory that fits a 24 GiB machine shared with other work: more for the larger graphs. */
export function defaultMemory(entities: number): { heap: string; pageCache: string } {
  if (entities >= 500_000) return { heap: '4g', pageCache: '4g' };
  if (entities >= 50_000) return { heap: '2g', pageCache: '2g' };
  return { heap: '1g', pageCache: '512m' };
}

export async function startBenchNeo4j(options: BenchNeo4jOptions): Promise<RunningNeo4j> {
  const running = await startLocalNeo4j({
    port: options.port,
    dataDir: options.dataDir ?? benchDataDir(options.entities),
    user: BENCH_USER,
    password: BENCH_PASSWORD,
    heap: options.heap,
    pageCache: options.pageCache,
    startTimeoutMs: 900_000,
    // Stops itself if the benchmark process dies without cleaning up.
    stopWithParent: options.stopWithParent ?? true,
    detached: true,
    log: options.log,
  });
  if (running.startedHere) return running;
  // Already running for this data directory (e.g. left by `npm run bench:generate`): use its port.
  const uri = /bolt:\/\/[\d.]+:\d+/.exec(running.readyLine)?.[0];
  return uri ? { ...running, uri } : running;
}

/** A client of a benchmark Neo4j for loading and checking graphs: long timeouts, a cache of its own. */
export const benchClient = (uri: string) =>
  new GraphClient({ uri, user: BENCH_USER, password: BENCH_PASSWORD, database: 'neo4j', queryTimeoutMs: 600_000, writeTimeoutMs: 600_000, cache: new GraphCache() });

export { stopPid };
