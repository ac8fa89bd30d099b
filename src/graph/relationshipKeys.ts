/**
 * Statements find a relationship from its endpoints, which its id names (src/domain/ids.ts): the
 * match starts at an indexed entity. Ids that are no relationship id are dropped.
 */
import { parseRelationshipId } from '../domain/ids.js';

export interface RelationshipEndpoints {
  id: string;
  source: string;
  target: string;
}

export function relationshipEndpoints(ids: Iterable<string>): RelationshipEndpoints[] {
  return [...new Set(ids)].flatMap((id) => {
    const key = parseRelationshipId(id);
    return key ? [{ id, source: key.source, target: key.target }] : [];
  });
}
