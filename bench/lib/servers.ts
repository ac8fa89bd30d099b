/** Starts the three servers under comparison against one Neo4j, each on its own loopback port. */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';
import { compile, compiledEntry } from './build.js';
import type { Endpoint } from './compare.js';
import { SERVICE_NODE_FLAGS } from '../../src/server/nodeFlags.js';
import { freePort, spawnTracked, waitForHttp, type Spawned } from './processes.js';
import { isService, type ServerName } from './queries.js';

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
}

export interface RunningServer extends Endpoint {
  process: Spawned;
}

export interface StartOptions {
  /** LOG_LEVEL of the service (its per-operation log lines are at info). */
  serviceLogLevel?: string;
  /** Node flags per server, e.g. { service: ['--cpu-prof', '--cpu-prof-dir=…'] }. */
  nodeFlags?: Partial<Record<ServerName, string[]>>;
  logDir?: string;
  /** Which servers to start (all three by default). */
  only?: readonly ServerName[];
  /**
   * Per-statement timeout of the service and the raw handler (the service's NEO4J_QUERY_TIMEOUT_MS,
   * 5 s by default). A busy shared machine needs more for the first, unplanned statements.
   */
  queryTimeoutMs?: number;
  /**
   * Run the service from another checkout of this project (e.g. an export of the last commit), to
   * measure a change before and after on the same data. Defaults to this checkout.
   */
  serviceRoot?: string;
  /** The Node flags every server runs on; defaults to the service's deployed ones (src/server/nodeFlags.ts). */
  runtimeFlags?: readonly string[];
  /** Extra environment of the service, applied last (e.g. its per-client limits). */
  serviceEnv?: Record<string, string>;
  /**
   * Let the service start its bundled CoreNLP, as `npm start` does (the first-request benchmark).
   * Off by default: the benchmarks ingest nothing, and loading CoreNLP's models keeps both cores
   * busy for about half a minute, next to whatever is measured first.
   */
  bundledNlp?: boolean;
}

const ENTRY: Record<ServerName, string> = {
  service: 'src/server/main.ts',
  'service-nocache': 'src/server/main.ts',
  'neo4j-graphql': 'bench/servers/neo4jGraphql.ts',
  raw: 'bench/servers/raw.ts',
  floor: 'bench/servers/floor.ts',
};

const READY_PATH: Record<ServerName, string> = { service: '/health/ready', 'service-nocache': '/health/ready', 'neo4j-graphql': '/health', raw: '/health', floor: '/health' };

/**
 * Compiles what `names` run (./build.ts): this checkout always with the bench servers, so one
 * incremental build serves every call; another checkout's service with its production build.
 */
function buildServers(names: readonly ServerName[], serviceRoot: string | undefined): void {
  if (names.some((name) => !isService(name) || !serviceRoot)) compile(PROJECT_ROOT, 'bench/tsconfig.servers.json');
  if (serviceRoot && names.some(isService)) compile(serviceRoot, 'tsconfig.build.json');
}

/** Builds the servers, spawns them (in parallel) and waits until each answers its health check. */
export async function startServers(neo4j: Neo4jTarget, options: StartOptions = {}): Promise<RunningServer[]> {
  const names = options.only ?? (['service', 'neo4j-graphql', 'raw'] as const);
  buildServers(names, options.serviceRoot);
  const started: RunningServer[] = [];
  // An NLP server address where none listens: the service then starts no CoreNLP of its own.
  const noNlp = options.bundledNlp ? {} : { NLP_URL: `http://127.0.0.1:${await freePort()}` };
  try {
    for (const name of names) {
      const port = await freePort();
      // Only what each server needs, plus PATH/HOME for node itself.
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NEO4J_URI: neo4j.uri,
        NEO4J_USER: neo4j.user,
        NEO4J_PASSWORD: neo4j.password,
        ...(options.queryTimeoutMs ? { NEO4J_QUERY_TIMEOUT_MS: String(options.queryTimeoutMs) } : {}),
        ...(isService(name)
          ? {
              PORT: String(port),
              HOST: '127.0.0.1',
              NODE_ENV: 'production',
              LOG_LEVEL: options.serviceLogLevel ?? 'warn',
              SEED_ON_EMPTY: 'false',
              // The load generator is one client on one address; the limits would measure themselves.
              RATE_LIMIT_ENABLED: 'false',
              ...noNlp,
              ...(name === 'service-nocache' ? { HUB_CACHE_PAGES: '0' } : {}),
              ...options.serviceEnv,
            }
          : { BENCH_PORT: String(port) }),
      };
      // Every server runs on the service's deployed Node flags: the comparison is of code, not of runtime tuning.
      const root = isService(name) && options.serviceRoot ? options.serviceRoot : PROJECT_ROOT;
      const args = [...(options.runtimeFlags ?? SERVICE_NODE_FLAGS), ...(options.nodeFlags?.[name] ?? []), compiledEntry(root, ENTRY[name])];
      const spawned = spawnTracked(name, process.execPath, args, {
        cwd: root,
        env,
        logFile: options.logDir ? join(options.logDir, `${name}.log`) : undefined,
      });
      started.push({ name, origin: `http://127.0.0.1:${port}`, process: spawned });
    }
    await Promise.all(
      started.map((server) =>
        waitForHttp(
          `${server.origin}${READY_PATH[server.name]}`,
          120_000,
          () => server.process.child.exitCode === null && server.process.child.signalCode === null,
          () => `${server.name} (pid ${server.process.pid}); output:\n${server.process.output().slice(-3000)}`,
        ),
      ),
    );
    return started;
  } catch (error) {
    await Promise.all(started.map((server) => server.process.stop()));
    throw error;
  }
}

export const stopServers = (servers: readonly RunningServer[]) => Promise.all(servers.map((server) => server.process.stop()));
