/**
 * Whether Neo4j is there at all, and a circuit breaker (opossum) that stops asking while it is not.
 *
 * Without the breaker every request during an outage pays the full price of finding out: a
 * refused connection costs the driver's retry (~1 s), and a half-started Neo4j — Bolt port open,
 * database not yet serving — holds each new transaction until the request's deadline
 * (docs/decisions/009-outage-deadline-and-circuit-breaker.md). Once most recent statements
 * failed that way, the breaker opens and statements fail at once; every `resetTimeout` one
 * statement is let through to test the database, and its success closes the breaker again.
 */
import CircuitBreaker from 'opossum';
import { Neo4jError } from 'neo4j-driver';
import { DeadlineExceededError } from './deadline.js';

const UNAVAILABLE_CODES = new Set([
  // The driver's own codes: no connection could be made, or the one in use broke.
  'ServiceUnavailable',
  'SessionExpired',
  // The server's answer while it shuts down (or a database is stopped): statements in flight when
  // Neo4j stops get this, not a driver code (test/server/outage.test.ts).
  'Neo.TransientError.General.DatabaseUnavailable',
]);

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/**
 * Neo4j refused the memory a statement needed. The shared pool (dbms.memory.transaction.total.max,
 * 70 % of the heap by default) runs out when several heavy statements run at once (hub pages at
 * 1M entities, docs/decisions/003-hub-relationships.md) — or when
 * one statement alone is huge; the JVM's own OutOfMemoryError is reported the same way.
 */
const OUT_OF_MEMORY_CODES = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.OutOfMemoryError',
  // One transaction over its own limit (db.memory.transaction.max), however idle the database is.
  'Neo.ClientError.General.TransactionOutOfMemoryError',
  'Neo.TransientError.General.TransactionMemoryLimit',
]);

/** The graph database cannot be reached: Neo4j is away, starting, or the breaker is open. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** A statement that ran out of time in the database (Neo4j's transaction timeout, or the request's deadline). */
export function isQueryTimeout(error: unknown): boolean {
  if (error instanceof DeadlineExceededError) return error.reachedDatabase;
  return error instanceof Neo4jError && TIMEOUT_CODES.has(error.code);
}

/**
 * Neo4j had no memory for the statement (see OUT_OF_MEMORY_CODES). The database is there — these
 * never count against the breaker — but the answer is "retry shortly, or ask for less", not a bug.
 */
export function isDatabaseOutOfMemory(error: unknown): boolean {
  return error instanceof Neo4jError && OUT_OF_MEMORY_CODES.has(error.code);
}

/** True for failures that say "the database is not there", as opposed to "this statement failed". */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (error instanceof DeadlineExceededError) return !error.reachedDatabase;
  if (!(error instanceof Neo4jError)) return false;
  return UNAVAILABLE_CODES.has(error.code) || /acquisition timed out|connect ECONNREFUSED|Pool is closed/i.test(error.message);
}

export interface AvailabilityOptions {
  /** Milliseconds the breaker stays open before letting one statement test the database. */
  retryAfterMs?: number;
  /**
   * Milliseconds after the database came back during which a statement that times out counts as
   * the database being unavailable (cold caches, first plans), not as a question that is too big.
   */
  warmUpMs?: number;
  /** Told when the breaker opens (database considered away) and closes (back). */
  onChange?: (available: boolean) => void;
}

/**
 * Runs database work through one shared breaker. Only unavailability counts against it: a
 * statement's own errors (bad input, a query timeout, a constraint) prove the database is there.
 */
export class AvailabilityGuard {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private readonly warmUpMs: number;
  private backAt = -Infinity;

  constructor({ retryAfterMs = 1_000, warmUpMs = 30_000, onChange }: AvailabilityOptions = {}) {
    this.warmUpMs = warmUpMs;
    this.breaker = new CircuitBreaker((work: () => Promise<unknown>) => work(), {
      timeout: false, // deadlines are the request's business (./deadline.ts)
      errorFilter: (error: unknown) => !isDatabaseUnavailable(error),
      // Open when more than half of at least 3 statements in the last 5 s found no database.
      errorThresholdPercentage: 50,
      volumeThreshold: 3,
      rollingCountTimeout: 5_000,
      rollingCountBuckets: 5,
      resetTimeout: retryAfterMs,
      enableSnapshots: false,
    });
    this.breaker.on('close', () => (this.backAt = Date.now()));
    if (onChange) {
      this.breaker.on('open', () => onChange(false));
      this.breaker.on('close', () => onChange(true));
    }
  }

  /** False while the breaker is open or testing the database. */
  get available(): boolean {
    return this.breaker.closed;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const guarded = async () => {
      try {
        return await work();
      } catch (error) {
        // A database that has just come back answers slowly for a while. Its time-outs then say
        // "retry shortly", not "narrow your query" — and during the breaker's test they keep it open.
        if (isQueryTimeout(error) && (this.breaker.halfOpen || Date.now() - this.backAt < this.warmUpMs)) {
          throw new DatabaseUnavailableError('The graph database came back moments ago and is still warming up', { cause: error });
        }
        throw error;
      }
    };
    return (this.breaker.fire(guarded) as Promise<T>).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'EOPENBREAKER') {
        throw new DatabaseUnavailableError('The graph database did not answer recent statements; not asking it again for a moment');
      }
      throw error;
    });
  }

  close(): void {
    this.breaker.shutdown();
  }
}
