/** Resolution's lookup against the graph: the extractor's name queries answered by one statement. */
import type { GraphClient } from '../graph/client.js';
import { findEntitiesByNameKeys } from '../graph/findEntities.js';
import type { FindCandidates } from './resolve.js';

export function graphCandidates(graph: GraphClient): FindCandidates {
  return async (queries) => {
    const found = queries.map(() => new Set<string>());
    for (const match of await findEntitiesByNameKeys(graph, queries)) for (const id of match.ids) found[match.query]!.add(id);
    return found.map((ids) => [...ids]);
  };
}
