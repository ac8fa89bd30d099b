/**
 * Liveness says the process answers; readiness says it can serve queries: Neo4j answers and the
 * schema migrations this build expects are applied. Orchestrators (compose, Kubernetes) probe
 * readiness every few seconds, so results are memoised briefly and concurrent probes share one
 * check instead of each opening a Neo4j round trip.
 */
import express from 'express';
import type { GraphClient } from '../graph/client.js';
import { LATEST_MIGRATION, currentMigrationVersion } from '../graph/migrations.js';

export interface Readiness {
  ready: boolean;
  neo4j: boolean;
  migrations: number | null;
  /** Names of the checks that failed. */
  failed: ('neo4j' | 'migrations')[];
}

export interface HealthOptions {
  graph: GraphClient;
  memoMs?: number;
  /** A probe that hangs is a failed probe: the driver alone may wait several seconds on a dead host. */
  timeoutMs?: number;
}

export function createReadinessCheck({ graph, memoMs = 1_000, timeoutMs = 4_000 }: HealthOptions): () => Promise<Readiness> {
  let memo: { at: number; result: Promise<Readiness> } | undefined;

  const check = async (): Promise<Readiness> => {
    if (!(await withTimeout(graph.ping(), timeoutMs, false))) {
      return { ready: false, neo4j: false, migrations: null, failed: ['neo4j'] };
    }
    const migrations = await withTimeout(currentMigrationVersion(graph), timeoutMs, null).catch(() => null);
    if (migrations !== LATEST_MIGRATION) return { ready: false, neo4j: true, migrations, failed: ['migrations'] };
    return { ready: true, neo4j: true, migrations, failed: [] };
  };

  return () => {
    const now = Date.now();
    if (!memo || now - memo.at >= memoMs) memo = { at: now, result: check() };
    return memo.result;
  };
}

export function healthRouter(options: HealthOptions): express.Router {
  const readiness = createReadinessCheck(options);
  const router = express.Router();

  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/health/ready', async (_req, res) => {
    const { ready, neo4j, migrations, failed } = await readiness();
    res.set('Cache-Control', 'no-store');
    if (ready) {
      res.json({ status: 'ready', neo4j, migrations });
    } else {
      res.status(503).json({ status: 'unavailable', neo4j, migrations, expectedMigrations: LATEST_MIGRATION, failed });
    }
  });

  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
