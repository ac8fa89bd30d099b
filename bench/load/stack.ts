/** The stack under test: a throw-away Neo4j, migrated and seeded, and the API as its own process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONFIG_VARIABLES } from '../../src/config.js';
import { startLocalNeo4j, type LocalNeo4jOptions, type RunningNeo4j } from '../../src/embedded/localNeo4j.js';
import { GraphClient } from '../../src/graph/client.js';
import { GraphCache } from '../../src/graph/cache.js';
import { applyMigrations } from '../../src/graph/migrations.js';
import { seedGraph } from '../../src/graph/seed.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { hashApiKey } from '../../src/server/auth.js';
import type { Supervisor } from './supervisor.js';

export const NEO4J_USER = 'neo4j';
export const NEO4J_PASSWORD = 'load-test-password';
/** The memory sampler's key: a production server serves /metrics only to the metrics role. */
export const METRICS_KEY = 'load-bench-metrics-key-0123456789';

/** Starts (or restarts) Neo4j and records it with the supervisor, so it is stopped whatever happens. */
export async function startNeo4j(supervisor: Supervisor, options: LocalNeo4jOptions): Promise<RunningNeo4j> {
  const server = await startLocalNeo4j(options);
  supervisor.neo4j = server;
  return server;
}

export async function migrateAndSeed(uri: string): Promise<{ documents: number; entities: number; relationships: number }> {
  const client = new GraphClient({ cache: new GraphCache(), uri, user: NEO4J_USER, password: NEO4J_PASSWORD, database: 'neo4j', queryTimeoutMs: 60_000 });
  try {
    await applyMigrations(client);
    const summaries = await seedGraph(client);
    return {
      documents: summaries.length,
      entities: summaries.reduce((sum, s) => sum + s.entities.created, 0),
      relationships: summaries.reduce((sum, s) => sum + s.relationships.created, 0),
    };
  } finally {
    await client.close();
  }
}

/** The server's environment: ours minus every variable the service reads, plus the test's own. */
export function serverEnv(neo4jUri: string, port: number, logLevel: string, extra: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete env[name];
  return {
    ...env,
    NODE_ENV: 'production',
    LOG_LEVEL: logLevel,
    HOST: '127.0.0.1',
    PORT: String(port),
    NEO4J_URI: neo4jUri,
    NEO4J_USER,
    NEO4J_PASSWORD,
    SEED_ON_EMPTY: 'false',
    API_KEYS: `load-bench:metrics:${hashApiKey(METRICS_KEY).toString('hex')}`,
    ...Object.fromEntries(extra.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])),
  };
}

export function startServer(supervisor: Supervisor, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out = openSync(logFile, 'w');
  // Own process group: a Ctrl-C in the terminal reaches only the load script, which stops the load
  // first and then the server, so the server's shutdown never shows up as errors in the results.
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  if (server.pid === undefined) throw new Error('Could not start the server');
  supervisor.server = server;
  writeFileSync(join(supervisor.tempDir!, 'server.pid'), `${server.pid}\n`);
  return server;
}

export async function waitUntilReady(base: string, server: ChildProcess, boundMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`The server exited during start-up (${server.exitCode ?? server.signalCode}); last lines of its log:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`The server was not ready within ${boundMs / 1000} s; last lines of its log:\n${tail(logFile)}`);
}

function tail(file: string, lines = 20): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';
}
