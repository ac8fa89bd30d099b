/**
 * The stored `degree` of every entity: its number of domain relationships, both directions (the
 * relationship vocabulary only; MENTIONS from documents are not counted). It is what
 * `stats.mostConnected` ranks by, read in index order (range index `entity_degree`, migration 4),
 * so the ranking costs O(k) instead of one degree computation per entity.
 *
 * Every write path keeps it exact in the transaction that changes the relationships:
 * src/graph/ingest.ts recomputes it for the entities of the extraction, src/graph/deleteDocument.ts
 * for the endpoints of the relationships it removes, and migration 4 backfills it (see
 * `backfillDegrees`). Anything else that creates or deletes domain relationships must call
 * `recomputeDegrees` in its transaction too.
 */
import type { GraphClient, Row, Statement } from './client.js';
import { GRAPH } from '../domain/vocabulary.js';
import { ANY_DOMAIN_TYPE } from './linkFilter.js';

const { entityLabel: E } = GRAPH;

/**
 * The live domain degree of `node`, counted from the graph. With the types in the pattern a dense
 * node's count comes from the degree store (its MENTIONS are never read). Domain relationships only
 * join two entities and are never self-loops, so each counts once.
 */
export const DOMAIN_DEGREE = (node: string) => `COUNT { (${node})-[:${ANY_DOMAIN_TYPE}]-() }`;

/**
 * Sets `e.degree` from the live count, for the entity bound to `e`. The first SET write-locks the
 * node (Neo4j takes the lock even when the value does not change) and the count comes after it:
 * a concurrent transaction that changed e's relationships holds the same lock (ingest writes every
 * entity it touches; this fragment locks every endpoint), so it has committed before the count is
 * read, and the count includes it. Counting first and then writing could store a count that
 * misses the other transaction's relationships (read committed) and overwrite its correct value.
 */
const SET_DEGREE = (e: string) => `
    SET ${e}.degree = coalesce(${e}.degree, 0)
    WITH ${e}
    SET ${e}.degree = ${DOMAIN_DEGREE(e)}`;

export const recomputeDegreesStatement: Statement = {
  name: 'degree.recompute',
  cypher: `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    ${SET_DEGREE('e')}
    RETURN count(e) AS updated`,
};

/** Runner of a statement inside a transaction, as `GraphClient.writeTransaction` hands it out. */
type Run = (statement: Statement, params?: Record<string, unknown>) => Promise<Row[]>;

/**
 * Recomputes the stored degree of these entities inside the caller's transaction (unknown ids are
 * skipped). Ids are locked in sorted order, so two writers touching the same entities queue instead
 * of deadlocking on each other.
 */
export async function recomputeDegrees(run: Run, ids: Iterable<string>): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length) await run(recomputeDegreesStatement, { ids: sorted });
}

/**
 * Entities per backfill transaction. The typed count costs ~24 db hits per entity (one degree read
 * per relationship type); 5 000 entities took well under a second on a 10k graph, so a batch stays
 * far inside the default 5 s timeout however large the graph is.
 */
export const BACKFILL_BATCH = 5_000;

// Keyset pagination over the unique index of Entity.id (an ordered index seek, no sort), so each
// batch costs O(batch) however large the graph is — unlike `WHERE e.degree IS NULL … LIMIT`, which
// would rescan the entities already done.
const backfillBatch: Statement = {
  name: 'degree.backfill',
  cypher: `
    MATCH (e:${E})
    WHERE e.id > $after
    WITH e ORDER BY e.id ASC
    LIMIT $batch
    ${SET_DEGREE('e')}
    RETURN count(e) AS updated, max(e.id) AS last`,
};

/**
 * Sets `degree` on every entity, in transactions of `batch` entities (a million entities do not fit
 * one transaction's memory or timeout). Each batch is an ordinary managed write through
 * GraphClient, so it uses the configured database, timeout and retries; a batch is idempotent, so
 * an interrupted backfill is simply run again. Returns the number of entities updated.
 */
export async function backfillDegrees(client: GraphClient, batch = BACKFILL_BATCH): Promise<number> {
  let after = '';
  let total = 0;
  for (;;) {
    const [row] = await client.write<{ updated: number; last: string | null }>(backfillBatch, { after, batch });
    const updated = row?.updated ?? 0;
    total += updated;
    if (updated < batch || row?.last == null) return total;
    after = row.last;
  }
}
