/**
 * Prometheus metrics. Every app gets its own Registry: the global default registry would make a
 * second app in the same process (tests) fail with "metric already registered" and would mix
 * their numbers.
 *
 * Pool usage: neo4j-driver 5 exposes no pool statistics (only private fields of its internal Pool),
 * so `neo4j_sessions_in_use` counts the GraphClient's open sessions instead — each holds or waits
 * for one pooled connection — next to the pool's size.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { MAX_CONNECTION_POOL_SIZE, type QueryObservation } from '../graph/client.js';

export type GraphqlOutcome = 'ok' | 'error' | 'rejected';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  graphqlRequests: Counter<'operation' | 'outcome'>;
  graphqlDuration: Histogram<'operation' | 'outcome'>;
  neo4jQueries: Counter<'statement' | 'mode' | 'outcome'>;
  neo4jQueryDuration: Histogram<'statement' | 'mode' | 'outcome'>;
  /** Pass as GraphClient's `onQuery`. */
  observeQuery: (observation: QueryObservation) => void;
  recordOperation: (operationName: string | undefined, outcome: GraphqlOutcome, durationMs: number) => void;
  /** Reports the client's session count and availability on every scrape. */
  watchGraph: (graph: GraphState) => void;
}

/** What /metrics reads from the GraphClient at scrape time. */
export interface GraphState {
  readonly sessionsInUse: number;
  readonly databaseAvailable: boolean;
}

/**
 * Operation names come from clients, so they are unbounded: past this many distinct names every
 * new one is counted as "other", which keeps a misbehaving client from exhausting memory.
 */
const MAX_OPERATION_LABELS = 100;

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const graphqlRequests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations by operation name and outcome (ok, error, rejected before execution)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const graphqlDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its response',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const neo4jQueries = new Counter({
    name: 'neo4j_queries_total',
    help: 'Neo4j statements run, by statement name, access mode and outcome',
    labelNames: ['statement', 'mode', 'outcome'] as const,
    registers: [registry],
  });
  const neo4jQueryDuration = new Histogram({
    name: 'neo4j_query_duration_seconds',
    help: 'Round-trip time of one Neo4j statement, including driver retries',
    labelNames: ['statement', 'mode', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  let watched: GraphState | undefined;
  new Gauge({
    name: 'neo4j_sessions_in_use',
    help: 'Neo4j sessions open in this process; each holds or waits for one pooled connection',
    registers: [registry],
    collect() {
      this.set(watched?.sessionsInUse ?? 0);
    },
  });
  new Gauge({
    name: 'neo4j_connection_pool_max',
    help: 'Connections the Neo4j driver may open (its pool size)',
    registers: [registry],
  }).set(MAX_CONNECTION_POOL_SIZE);
  new Gauge({
    name: 'neo4j_available',
    help: '1 while statements reach Neo4j; 0 while its circuit breaker is open after an outage',
    registers: [registry],
    collect() {
      this.set(watched && !watched.databaseAvailable ? 0 : 1);
    },
  });

  const knownOperations = new Set<string>();
  const operationLabel = (name: string | undefined): string => {
    if (!name) return 'anonymous';
    if (knownOperations.has(name)) return name;
    if (knownOperations.size >= MAX_OPERATION_LABELS) return 'other';
    knownOperations.add(name);
    return name;
  };

  return {
    registry,
    httpRequests,
    graphqlRequests,
    graphqlDuration,
    neo4jQueries,
    neo4jQueryDuration,
    observeQuery: ({ statement, mode, durationMs, ok }) => {
      const labels = { statement, mode, outcome: ok ? 'ok' : 'error' };
      neo4jQueries.inc(labels);
      neo4jQueryDuration.observe(labels, durationMs / 1000);
    },
    watchGraph: (graph) => {
      watched = graph;
    },
    recordOperation: (operationName, outcome, durationMs) => {
      const labels = { operation: operationLabel(operationName), outcome };
      graphqlRequests.inc(labels);
      graphqlDuration.observe(labels, durationMs / 1000);
    },
  };
}
