/**
 * What the benchmark's own servers share: the driver to NEO4J_URI as the service's GraphClient
 * connects (its socket tuning, a pool of 50), a captured statement run as GraphClient.read runs
 * its reads, the entity question's statement, a request's JSON body, and how a server listens and
 * stops. Configured by NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_QUERY_TIMEOUT_MS.
 */
import type { IncomingMessage, Server } from 'node:http';
import neo4j, { type Driver } from 'neo4j-driver';
import { tuneBoltSockets } from '../../src/graph/boltSockets.js';
import { toParameters, toPlain } from '../../src/graph/values.js';
import { getEntityLookAhead } from '../../src/graph/entityLookAhead.js';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import { capture, type Captured } from '../lib/capture.js';
import { QUERY_SHAPE } from '../lib/queries.js';

export type Rows = Record<string, unknown>[];

export function benchDriver(): Driver {
  const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
  // The same socket tuning as the service's GraphClient (src/graph/boltSockets.ts): without it every
  // statement over ~1.3 KB waits ~40 ms for Nagle's algorithm and leaves in several writes, which
  // would measure the driver's transport, not the servers.
  tuneBoltSockets(uri);
  return neo4j.driver(uri, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''), {
    maxConnectionPoolSize: 50,
    logging: { level: 'error', logger: () => undefined },
  });
}

/** Runs a statement captured from src/graph (../lib/capture.ts) and returns its rows as plain objects. */
export function capturedRunner(driver: Driver): (captured: Captured) => Promise<Rows> {
  /** As the service's NEO4J_QUERY_TIMEOUT_MS. */
  const timeout = Number(process.env.NEO4J_QUERY_TIMEOUT_MS ?? 5_000);
  return async ({ statement, params }) => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      // An auto-commit transaction, as the service's GraphClient.read runs its reads.
      const result = await session.run(statement.cypher, toParameters(params), { timeout });
      return result.records.map((record) => toPlain(record.toObject()) as Record<string, unknown>);
    } finally {
      await session.close();
    }
  };
}

/** The benchmark's entity question as the service's look-ahead asks it: its first page and the next level, in one statement. */
export function entityQuestionStatement(id: string): Promise<Captured> {
  const page = { direction: 'OUTGOING' as const, types: null, offset: 0, limit: QUERY_SHAPE.entity.first };
  return capture((client) => getEntityLookAhead(client, NO_DEADLINE, id, { page, evidence: false, nested: { offset: 0, limit: QUERY_SHAPE.entity.second } }));
}

/** A request's body parsed as JSON; none is `{}`. */
export function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {});
      } catch (error) {
        reject(error as Error);
      }
    });
    req.on('error', reject);
  });
}

/**
 * Listens on loopback with long keep-alive (the load generator reuses its connections), and on
 * SIGTERM or SIGINT stops listening and closes the driver before exiting.
 */
export function serveUntilStopped(server: Server, driver: Driver, port: number, onListening?: () => void): void {
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1', onListening);
  const stop = () => {
    server.close();
    void driver.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
