/**
 * The only module that talks to neo4j-driver. Every statement in src/graph goes through
 * `read`, `write` or `writeTransaction`, which apply the configured transaction timeout, convert
 * Neo4j values to plain JavaScript, and report each round trip to `onQuery` (metrics, and the
 * tests' round-trip counter). Reads are single statements in auto-commit transactions, bounded by
 * the caller's deadline; writes use the driver's managed (retrying) transactions and mark the
 * client's GraphCache stale.
 */
import neo4j, { isRetriableError, type Driver, type QueryResult, type RecordShape, type Session } from 'neo4j-driver';
import { toParameters, toPlain } from './values.js';
import { DeadlineExceededError, NO_DEADLINE, type Deadline } from './deadline.js';
import type { GraphCache } from './cache.js';
import { AvailabilityGuard, type AvailabilityOptions } from './availability.js';
import { tuneBoltSockets } from './boltSockets.js';

/** A named, parameterized statement. Names appear in metrics and logs; Cypher never does. */
export interface Statement {
  readonly name: string;
  readonly cypher: string;
}

export interface QueryObservation {
  statement: string;
  mode: 'read' | 'write';
  durationMs: number;
  ok: boolean;
}

export interface GraphClientOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
  /** Timeout of a multi-statement write (an ingest); defaults to 60 s. */
  writeTimeoutMs?: number;
  onQuery?: (observation: QueryObservation) => void;
  /** Answers kept across requests (./cache.ts); every write through this client makes them stale. */
  cache: GraphCache;
  /** The circuit breaker's settings and its open/close listener; see ./availability.ts. */
  availability?: AvailabilityOptions;
}

/** Connections the driver may open; sessionsInUse is measured against it. */
export const MAX_CONNECTION_POOL_SIZE = 50;

export type Row = Record<string, unknown>;

export class GraphClient {
  readonly driver: Driver;
  readonly cache: GraphCache;
  private readonly database: string;
  private readonly timeoutMs: number;
  private readonly writeTimeoutMs: number;
  private readonly onQuery: (observation: QueryObservation) => void;
  private readonly availability: AvailabilityGuard;
  private openSessions = 0;
  private readonly stopSocketTuning: () => void;

  constructor(options: GraphClientOptions) {
    this.stopSocketTuning = tuneBoltSockets(options.uri);
    this.cache = options.cache;
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      maxConnectionPoolSize: MAX_CONNECTION_POOL_SIZE,
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 3_000,
      // Writes (managed transactions) fail fast while the database is away instead of retrying for
      // the driver's default 30 s; reads retry on their own (autoCommitRead).
      // The driver waits ~1 s (±20 %) before its first retry and doubles the wait after each one,
      // retrying while less than this has elapsed: 500 ms allows exactly one retry (a stale pooled
      // connection, a deadlock) and a stopped server fails in ~1 s. At 2 s it made two retries
      // and every query took ~3 s to fail (test/server/outage.test.ts measures it).
      maxTransactionRetryTime: 500,
      disableLosslessIntegers: false,
      logging: { level: 'error', logger: () => undefined },
    });
    this.database = options.database;
    this.timeoutMs = options.queryTimeoutMs;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 60_000;
    this.onQuery = options.onQuery ?? (() => undefined);
    this.availability = new AvailabilityGuard(options.availability);
  }

  /**
   * Sessions holding (or waiting for) a pooled connection right now. neo4j-driver publishes no pool
   * statistics, but each session of this client uses one connection while it runs, so this is the
   * pool's usage as far as this process can know it.
   */
  get sessionsInUse(): number {
    return this.openSessions;
  }

  /** False while recent statements found no database and new ones fail at once. */
  get databaseAvailable(): boolean {
    return this.availability.available;
  }

  /**
   * Runs one read statement in one round trip and returns its rows as plain objects. Before a
   * `deadline` (./deadline.ts) the statement gets at most the time left — as its transaction
   * timeout, and as the longest this method waits for the driver at all.
   */
  read<T = Row>(statement: Statement, params: Record<string, unknown> = {}, deadline: Deadline = NO_DEADLINE): Promise<T[]> {
    const left = deadline === NO_DEADLINE ? undefined : deadline - Date.now();
    const timeoutMs = left === undefined ? this.timeoutMs : Math.max(1, Math.min(this.timeoutMs, left));
    // Set when Neo4j acknowledges the statement (its header arrives): the database is working on it.
    // Acquiring a connection is not enough — a half-started Neo4j accepts connections and then
    // holds the statement until its database is available (bench/load.ts --mode outage showed it).
    let reachedDatabase = false;
    const run = () => this.autoCommitRead(statement, toParameters(params), timeoutMs, () => (reachedDatabase = true));
    return this.observe(statement, 'read', () =>
      this.availability.run(left === undefined ? run : () => withDeadline(statement.name, left, run, () => reachedDatabase)),
    ) as Promise<T[]>;
  }

  /** Runs one write statement in its own transaction. */
  write<T = Row>(statement: Statement, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.observe(statement, 'write', () =>
      this.availability.run(() =>
        this.withSession('write', async (session) =>
          toRows(await session.executeWrite((tx) => tx.run(statement.cypher, toParameters(params)), { timeout: this.timeoutMs })),
        ),
      ),
    ).finally(() => this.cache.changed()) as Promise<T[]>;
  }

  /**
   * Runs several write statements in ONE transaction: all of them land or none does.
   * `work` receives a runner; each call is one round trip inside the transaction.
   */
  writeTransaction<T>(work: (run: (statement: Statement, params?: Record<string, unknown>) => Promise<Row[]>) => Promise<T>): Promise<T> {
    // Kept answers are stale once this may have committed, even if it failed late.
    return this.availability.run(() => this.runWriteTransaction(work)).finally(() => this.cache.changed());
  }

  private runWriteTransaction<T>(work: (run: (statement: Statement, params?: Record<string, unknown>) => Promise<Row[]>) => Promise<T>): Promise<T> {
    return this.withSession('write', (session) =>
      session.executeWrite(
        (tx) => work((statement, params = {}) => this.observe(statement, 'write', async () => toRows(await tx.run(statement.cypher, toParameters(params))))),
        { timeout: this.writeTimeoutMs },
      ),
    );
  }

  /** True when the database answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await this.driver.executeQuery('RETURN 1', {}, { database: this.database });
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    this.availability.close();
    this.stopSocketTuning();
    return this.driver.close();
  }

  /**
   * A read is one statement, so it needs no explicit transaction: an auto-commit transaction sends
   * RUN and PULL together and nothing else, where a managed one adds BEGIN and COMMIT
   * (docs/decisions/004-auto-commit-reads.md). The managed transaction's retry is kept where it
   * matters: a statement that failed with a retriable error (a stale pooled connection, a database
   * still starting) is run once more, at once; a second failure is the caller's (and the circuit
   * breaker's) to see.
   */
  private async autoCommitRead(statement: Statement, params: Record<string, unknown>, timeoutMs: number, acknowledged: () => void): Promise<Row[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.withSession('read', async (session) => {
          const result = session.run(statement.cypher, params, { timeout: timeoutMs });
          result.keys().then(acknowledged, () => undefined);
          return toRows(await result);
        });
      } catch (error) {
        if (attempt >= READ_ATTEMPTS || !isRetriableError(error)) throw error;
      }
    }
  }

  /** Opens a session for `work` and closes it after; `sessionsInUse` counts it meanwhile. */
  private async withSession<T>(mode: 'read' | 'write', work: (session: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE });
    this.openSessions += 1;
    try {
      return await work(session);
    } finally {
      this.openSessions -= 1;
      await session.close();
    }
  }

  private async observe(statement: Statement, mode: 'read' | 'write', run: () => Promise<Row[]>): Promise<Row[]> {
    const started = performance.now();
    try {
      const rows = await run();
      this.onQuery({ statement: statement.name, mode, durationMs: performance.now() - started, ok: true });
      return rows;
    } catch (error) {
      this.onQuery({ statement: statement.name, mode, durationMs: performance.now() - started, ok: false });
      throw error;
    }
  }
}

/**
 * Settles with `run`'s result, or rejects with DeadlineExceededError once `leftMs` has passed.
 * Writes never go through here: abandoning a write would leave the caller not knowing whether it
 * committed. An abandoned read finishes (or fails) in the driver and its session is closed then.
 */
function withDeadline<T>(statement: string, leftMs: number, run: () => Promise<T>, reachedDatabase: () => boolean): Promise<T> {
  if (leftMs <= 0) return Promise.reject(new DeadlineExceededError(statement, 0, false));
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    // A small grace past the deadline, so a transaction timeout Neo4j enforces itself arrives as
    // Neo4j's own error when it is on time. (Neo4j checks timeouts every couple of seconds, so it
    // often is not; then this ends the wait.)
    timer = setTimeout(
      () => reject(new DeadlineExceededError(statement, performance.now() - started, reachedDatabase())),
      leftMs + DEADLINE_GRACE_MS,
    );
  });
  const running = run();
  running.catch(() => undefined); // an abandoned read's late failure is not an unhandled rejection
  return Promise.race([running, expired]).finally(() => clearTimeout(timer));
}

/** Attempts of a read that fails with a retriable error (see GraphClient.autoCommitRead). */
const READ_ATTEMPTS = 2;

/** How long past a request's deadline a read may take to report Neo4j's own timeout. */
const DEADLINE_GRACE_MS = 250;

function toRows(result: QueryResult<RecordShape>): Row[] {
  return result.records.map((record) => toPlain(record.toObject()) as Row);
}
