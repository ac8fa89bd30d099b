/**
 * Entity resolution's lookup: which entities a name may refer to, by normalised name key
 * (src/domain/nameKeys.ts) and kind. Rejected entities never match; merged-away entities do not
 * either — their names became the survivor's aliases, so the survivor matches in their place.
 */
import type { GraphClient, Statement } from './client.js';
import { GRAPH, type EntityKind } from '../domain/vocabulary.js';
import { nameKeyNeedle } from './nameKeyIndex.js';

const { entityLabel: E } = GRAPH;

export interface NameKeyQuery {
  /** Only entities of this kind; any kind when null. */
  kind: EntityKind | null;
  /** Keys as made by nameKey(). */
  keys: readonly string[];
}

export interface NameKeyMatch {
  /** Index of the query in the input. */
  query: number;
  key: string;
  /** Matching entity ids, sorted; empty when none. */
  ids: string[];
}

const byNameKeys: Statement = {
  name: 'resolution.byNameKeys',
  cypher: `
    UNWIND $rows AS row
    CALL (row) {
      MATCH (e:${E})
      WHERE e.nameKeyText CONTAINS row.needle
        AND (row.kind IS NULL OR e.kind = row.kind)
        AND coalesce(e.curation, 'CURATED') <> 'REJECTED'
      WITH e ORDER BY e.id
      RETURN collect(e.id) AS ids
    }
    RETURN row.query AS query, row.key AS key, ids`,
};

/** One match per (query, key), in input order: the ids of the entities with that key (and kind). */
export async function findEntitiesByNameKeys(graph: GraphClient, queries: readonly NameKeyQuery[]): Promise<NameKeyMatch[]> {
  const rows = queries.flatMap((q, query) => [...new Set(q.keys)].filter(Boolean).map((key) => ({ query, key, kind: q.kind, needle: nameKeyNeedle(key) })));
  if (!rows.length) return [];
  return graph.read<NameKeyMatch>(byNameKeys, { rows });
}

/**
 * The lookup in the shape the extractor takes (src/extraction's FindCandidates): for each query, the
 * ids of the entities that have any of its keys.
 */
export function candidateFinder(graph: GraphClient): (queries: readonly NameKeyQuery[]) => Promise<string[][]> {
  return async (queries) => {
    const found = queries.map(() => new Set<string>());
    for (const match of await findEntitiesByNameKeys(graph, queries)) for (const id of match.ids) found[match.query]!.add(id);
    return found.map((ids) => [...ids].sort());
  };
}
