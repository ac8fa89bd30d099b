/**
 * Removes a document and everything that exists only because of it, in ONE transaction:
 * its mentions and evidence, relationships left without evidence, and entities left with no
 * mention and no relationship. Relationships that keep evidence from other documents stay,
 * with their basis recomputed from what remains. The stored degree of the endpoints of removed
 * relationships is recomputed in the same transaction (src/graph/degree.ts).
 */
import type { GraphClient, Statement } from './client.js';
import { GRAPH } from '../domain/vocabulary.js';
import { ANY_LINK_TYPE } from './linkFilter.js';
import { COUNT_SOURCES } from './curationBackfill.js';
import { parseRelationshipId } from '../domain/ids.js';
import { recomputeDegrees } from './degree.js';

const { entityLabel: E, documentLabel: D, evidenceLabel: EV, mentionsType: MENTIONS } = GRAPH;
export interface DeleteSummary {
  documentId: string;
  mentionsRemoved: number;
  evidenceRemoved: number;
  relationshipsRemoved: number;
  entitiesRemoved: number;
}

const removeDocument: Statement = {
  name: 'delete.document',
  cypher: `
    MATCH (d:${D} {id: $id})
    OPTIONAL MATCH (d)-[m:${MENTIONS}]->(e:${E})
    WITH d, count(m) AS mentions, collect(DISTINCT e.id) AS mentioned
    DETACH DELETE d
    RETURN mentions, mentioned`,
};

const removeEvidence: Statement = {
  name: 'delete.evidence',
  cypher: `
    MATCH (ev:${EV} {documentId: $id})
    WITH collect(ev) AS evidence, collect(DISTINCT ev.relationshipId) AS relationshipIds
    FOREACH (ev IN evidence | DETACH DELETE ev)
    RETURN size(evidence) AS removed, relationshipIds`,
};

const settleRelationships: Statement = {
  name: 'delete.settleRelationships',
  cypher: `
    UNWIND $relationships AS rel
    MATCH (s:${E} {id: rel.source})-[r:${ANY_LINK_TYPE}]->(t:${E} {id: rel.target})
    WHERE r.id = rel.id
    OPTIONAL MATCH (left:${EV} {relationshipId: rel.id})
    WITH r, s, t, collect(left.basis) AS bases
    CALL (r, bases) {
      WITH r, bases WHERE size(bases) = 0
      DELETE r
      RETURN 1 AS removed
      UNION
      WITH r, bases WHERE size(bases) > 0
      SET r.basis = CASE WHEN 'STATED' IN bases THEN 'STATED' ELSE 'INFERRED' END, r.sources = ${COUNT_SOURCES('r')}
      RETURN 0 AS removed
    }
    RETURN sum(removed) AS removed, collect(s.id) + collect(t.id) AS endpoints,
           collect(CASE WHEN removed = 1 THEN s.id END) + collect(CASE WHEN removed = 1 THEN t.id END) AS removedEndpoints`,
};

const removeOrphans: Statement = {
  name: 'delete.orphanEntities',
  cypher: `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    WHERE NOT EXISTS { (e)<-[:${MENTIONS}]-() } AND NOT EXISTS { (e)-[:${ANY_LINK_TYPE}]-() }
    DETACH DELETE e
    RETURN count(*) AS removed`,
};

/**
 * A machine-proposed entity no remaining document names goes, with its links and their evidence:
 * only the deleted document supported them.
 */
const removeUnsupportedProposed: Statement = {
  name: 'delete.unsupportedProposed',
  cypher: `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    WHERE e.curation = 'PROPOSED' AND NOT EXISTS { (e)<-[:${MENTIONS}]-() }
    OPTIONAL MATCH (e)-[r:${ANY_LINK_TYPE}]-(other:${E})
    WITH e, collect(r.id) AS relationshipIds, collect(other.id) AS others
    CALL (relationshipIds) {
      MATCH (ev:${EV}) WHERE ev.relationshipId IN relationshipIds
      DETACH DELETE ev
      RETURN count(*) AS evidence
    }
    DETACH DELETE e
    RETURN count(e) AS removed, sum(size(relationshipIds)) AS relationships, collect(others) AS others`,
};

/** Deletes the document; returns undefined (nothing written) when no such document exists. */
export function deleteDocument(client: GraphClient, id: string): Promise<DeleteSummary | undefined> {
  return client.writeTransaction(async (run) => {
    const [document] = (await run(removeDocument, { id })) as { mentions: number; mentioned: string[] }[];
    if (!document) return undefined;
    const [evidence] = (await run(removeEvidence, { id })) as [{ removed: number; relationshipIds: string[] }];
    const [settled] = (await run(settleRelationships, { relationships: evidence.relationshipIds.map(endpointsOf) })) as {
      removed: number;
      endpoints: string[];
      removedEndpoints: string[];
    }[];
    const candidates = [...new Set([...document.mentioned, ...(settled?.endpoints ?? [])])];
    const [proposed] = (await run(removeUnsupportedProposed, { ids: candidates })) as { removed: number; relationships: number; others: string[][] }[];
    const [orphans] = (await run(removeOrphans, { ids: candidates })) as [{ removed: number }];
    // Orphans are gone (and had no relationship left); every other endpoint lost one or more.
    await recomputeDegrees(run, [...(settled?.removedEndpoints ?? []), ...(proposed?.others.flat() ?? [])]);
    return {
      documentId: id,
      mentionsRemoved: document.mentions,
      evidenceRemoved: evidence.removed,
      relationshipsRemoved: (settled?.removed ?? 0) + (proposed?.relationships ?? 0),
      entitiesRemoved: orphans.removed + (proposed?.removed ?? 0),
    };
  });
}

/** The statement matches a relationship from its endpoints, which its id names (src/domain/ids.ts). */
function endpointsOf(id: string): { id: string; source: string; target: string } {
  const key = parseRelationshipId(id);
  // Ingest made every stored id; one that does not parse is corrupt data, and the delete is rolled back.
  if (!key) throw new Error(`evidence names the relationship "${id}", which is not a relationship id`);
  return { id, source: key.source, target: key.target };
}
