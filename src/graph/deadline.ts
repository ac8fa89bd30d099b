/**
 * A deadline for everything the graph layer reads on behalf of one request.
 *
 * Neo4j's own transaction timeout only starts once a statement reaches a working database. While
 * Neo4j is half-started (the Bolt port open, the database not yet serving) or the connection pool
 * is exhausted, a read can wait on connection acquisition, a retry and another acquisition —
 * (docs/decisions/009-outage-deadline-and-circuit-breaker.md). The server puts one
 * deadline on each request's context; every read function takes it and passes it to
 * `GraphClient.read`, which gives the statement at most the time left and stops waiting when it
 * is gone.
 *
 * The deadline is a plain number passed along, not an AsyncLocalStorage: on Node 20 that installs
 * promise hooks for the whole process, and see docs/decisions/008-deadline-without-async-local-storage.md.
 */

/** When a request's reads must be done, in epoch milliseconds (the Date.now() clock). */
export type Deadline = number;

/** No deadline: reads are bounded by the client's query timeout only (tools, tests, start-up). */
export const NO_DEADLINE: Deadline = Infinity;

/** The deadline `budgetMs` after `now`. */
export const deadlineAfter = (budgetMs: number, now: number = Date.now()): Deadline => now + budgetMs;

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
