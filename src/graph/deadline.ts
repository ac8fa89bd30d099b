/**
 * A deadline for everything the graph layer does on behalf of one request.
 *
 * Neo4j's own transaction timeout only starts once a statement reaches a working database. While
 * Neo4j is half-started (the Bolt port open, the database not yet serving) or the connection pool
 * is exhausted, a read can wait on connection acquisition, a retry and another acquisition —
 * more than ten seconds in the outage load test (docs/load-testing.md). The server sets one
 * deadline per request (AsyncLocalStorage, so the resolvers and the statements in between need
 * not pass it along); GraphClient gives each read statement at most the time left and stops
 * waiting when it is gone.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const requestDeadline = new AsyncLocalStorage<number>();

/** Runs `work` (and everything it starts) with a deadline `budgetMs` from now. */
export function runWithDeadline<T>(budgetMs: number, work: () => T): T {
  return requestDeadline.run(Date.now() + budgetMs, work);
}

/** Milliseconds left before the current request's deadline, or undefined outside a request. */
export function timeLeftMs(): number | undefined {
  const deadline = requestDeadline.getStore();
  return deadline === undefined ? undefined : deadline - Date.now();
}

/**
 * A read did not finish before the request's deadline. `reachedDatabase` tells the two causes
 * apart: false — Neo4j never acknowledged the statement (away, half-started and holding new
 * transactions, or the pool exhausted); true — it ran but did not finish (a heavy query, or a cold
 * or overloaded database).
 */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
  constructor(
    readonly statement: string,
    readonly waitedMs: number,
    readonly reachedDatabase: boolean,
  ) {
    super(
      `"${statement}" did not finish within the request's deadline (waited ${Math.round(waitedMs)} ms, ` +
        `${reachedDatabase ? 'running in the database' : 'waiting for a database connection'})`,
    );
  }
}
