/**
 * A counter of this process's writes to the graph. Caches of derived answers (neighbour pages of
 * hubs, src/graph/relationships.ts) remember the generation they were computed in and are stale
 * once it moves on. Writes by other instances are caught by the cache's own check against the
 * database (a degree-store fingerprint) and, at the latest, by its time-to-live.
 */
let generation = 0;

/** Marks every cached answer stale; called after each ingest and delete, committed or not. */
export function graphChanged(): void {
  generation += 1;
}

export function graphGeneration(): number {
  return generation;
}
