/**
 * A deadline for everything the graph layer does on behalf of one request.
 *
 * Neo4j's own transaction timeout only starts once a statement reaches a working database. While
 * Neo4j is half-started (the Bolt port open, the database not yet serving) or the connection pool
 * is exhausted, a read can wait on connection acquisition, a retry and another acquisition
 * (docs/decisions/009-outage-deadline-and-circuit-breaker.md). The server gives each
 * request's resolvers a view of the GraphClient with one deadline (`GraphClient.withDeadline`);
 * each read statement gets at most the time left and the client stops waiting when it is gone.
 *
 * The deadline travels with the client object, not in an AsyncLocalStorage, whose promise hooks
 * tax every promise of the process (docs/decisions/008-deadline-without-async-local-storage.md).
 */

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
