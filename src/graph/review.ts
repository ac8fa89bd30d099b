/**
 * The editor's review: accepting and rejecting relationships and entities, renaming, changing a
 * kind, and the queue of proposed facts. A rejected link is moved to a type of its own
 * (./linkFilter.ts) with its original type in `rejectedType`, so the default lists, the stored
 * degree and the hub caches never see it; accepting moves it back.
 */
import { KIND_SPECIFIC_FIELDS } from '../domain/extraction.js';
import type { GraphClient, Statement } from './client.js';
import type { EntityRecord, RelationshipRecord, ReviewQueueRecord } from './records.js';
import { CO_MENTION, ENTITY_KIND_NAMES, GRAPH, LINK_TYPE_NAMES, type EntityKind, type LinkType } from '../domain/vocabulary.js';
import { nameKeys } from '../domain/nameKeys.js';
import { ANY_DOMAIN_TYPE, ANY_LINK_TYPE, REJECTED_CO_MENTION_TYPE, REJECTED_TYPE } from './linkFilter.js';
import { RELATIONSHIP_PROJECTION } from './relationships.js';
import { ENTITY_PROJECTION } from './entities.js';
import { SET_NAME_KEYS } from './nameKeyIndex.js';
import { recomputeDegrees } from './degree.js';
import { CANDIDATE_TYPE } from './ingestArticle.js';
import { relationshipEndpoints } from './relationshipKeys.js';
import type { Deadline } from './deadline.js';

const { entityLabel: E, documentLabel: D, evidenceLabel: EV, mentionsType: MENTIONS } = GRAPH;

/** Parameters `id`, `source`, `target`: see linkParams. */
const MATCH_LINK = `
    MATCH (s:${E} {id: $source})-[r:${ANY_LINK_TYPE}]->(t:${E} {id: $target})
    WHERE r.id = $id`;

/** The id and its endpoints; undefined for a string that is no relationship id. */
const linkParams = (id: string) => relationshipEndpoints([id])[0];

const rejectLink = (from: string, to: string): Statement => ({
  name: `review.reject.${from === CO_MENTION ? 'coMention' : 'typed'}`,
  cypher: `${MATCH_LINK} AND type(r) IN $types
    CREATE (s)-[n:${to}]->(t)
    SET n = properties(r), n.rejectedType = type(r), n.curation = 'REJECTED', n.reviewedBy = $by, n.reviewedAt = toString(datetime())
    DELETE r
    RETURN s.id AS sourceId, t.id AS targetId`,
});
const rejectTyped = rejectLink('typed', REJECTED_TYPE);
const rejectCoMention = rejectLink(CO_MENTION, REJECTED_CO_MENTION_TYPE);

/** Moving a rejected link back under its type: one statement per type (types cannot be parameters). */
const restoreLinkOfType = Object.fromEntries(
  LINK_TYPE_NAMES.map((type) => [
    type,
    {
      name: `review.restore.${type}`,
      cypher: `${MATCH_LINK} AND r.rejectedType = '${type}'
    CREATE (s)-[n:${type}]->(t)
    SET n = properties(r), n.curation = 'CURATED', n.reviewedBy = $by, n.reviewedAt = toString(datetime())
    REMOVE n.rejectedType
    DELETE r
    RETURN s.id AS sourceId, t.id AS targetId`,
    } satisfies Statement,
  ]),
) as Record<LinkType, Statement>;

const acceptLink: Statement = {
  name: 'review.accept',
  cypher: `${MATCH_LINK} AND r.rejectedType IS NULL
    SET r.curation = 'CURATED', r.reviewedBy = $by, r.reviewedAt = toString(datetime())
    RETURN s.id AS sourceId, t.id AS targetId`,
};

const linkTypeOf: Statement = {
  name: 'review.linkType',
  cypher: `${MATCH_LINK}
    RETURN coalesce(r.rejectedType, type(r)) AS type, r.curation AS curation`,
};

/** Marks the relationship CURATED; false when there is no such relationship. */
export async function acceptRelationship(client: GraphClient, id: string, by: string): Promise<boolean> {
  return client.writeTransaction(async (run) => {
    const key = linkParams(id);
    if (!key) return false;
    const [link] = (await run(linkTypeOf, { ...key })) as { type: LinkType; curation: string }[];
    if (!link) return false;
    const [row] = (await run(link.curation === 'REJECTED' ? restoreLinkOfType[link.type] : acceptLink, { ...key, by })) as { sourceId: string; targetId: string }[];
    if (row) await recomputeDegrees(run, [row.sourceId, row.targetId]);
    return Boolean(row);
  });
}

/** Marks the relationship REJECTED (kept, hidden by default); false when there is no such relationship. */
export async function rejectRelationship(client: GraphClient, id: string, by: string): Promise<boolean> {
  return client.writeTransaction(async (run) => {
    const key = linkParams(id);
    if (!key) return false;
    const [link] = (await run(linkTypeOf, { ...key })) as { type: LinkType; curation: string }[];
    if (!link) return false;
    if (link.curation === 'REJECTED') return true;
    const statement = link.type === CO_MENTION ? rejectCoMention : rejectTyped;
    const [row] = (await run(statement, { ...key, by, types: [link.type] })) as { sourceId: string; targetId: string }[];
    if (row) await recomputeDegrees(run, [row.sourceId, row.targetId]);
    return Boolean(row);
  });
}

const setEntityCuration: Statement = {
  name: 'review.entityCuration',
  cypher: `
    MATCH (e:${E} {id: $id})
    SET e.curation = $curation, e.reviewedBy = $by, e.reviewedAt = toString(datetime())
    RETURN e.id AS id`,
};

const rejectProposedLinksOf = (types: string, to: string, name: string): Statement => ({
  name,
  cypher: `
    MATCH (e:${E} {id: $id})-[r:${types}]-(:${E})
    WHERE r.curation = 'PROPOSED'
    WITH r, startNode(r) AS s, endNode(r) AS t
    CREATE (s)-[n:${to}]->(t)
    SET n = properties(r), n.rejectedType = type(r), n.curation = 'REJECTED', n.reviewedBy = $by, n.reviewedAt = toString(datetime())
    DELETE r
    RETURN collect(s.id) + collect(t.id) AS endpoints`,
});
const rejectTypedOf = rejectProposedLinksOf(ANY_DOMAIN_TYPE, REJECTED_TYPE, 'review.rejectEntityLinks.typed');
const rejectCoMentionsOf = rejectProposedLinksOf(CO_MENTION, REJECTED_CO_MENTION_TYPE, 'review.rejectEntityLinks.coMentions');

/** Marks an entity CURATED; false when unknown. */
export async function acceptEntity(client: GraphClient, id: string, by: string): Promise<boolean> {
  const rows = await client.write(setEntityCuration, { id, by, curation: 'CURATED' });
  return rows.length > 0;
}

/** Marks an entity and its PROPOSED links REJECTED; false when unknown. */
export async function rejectEntity(client: GraphClient, id: string, by: string): Promise<boolean> {
  return client.writeTransaction(async (run) => {
    const rows = await run(setEntityCuration, { id, by, curation: 'REJECTED' });
    if (!rows.length) return false;
    const [typed] = (await run(rejectTypedOf, { id, by })) as { endpoints: string[] }[];
    await run(rejectCoMentionsOf, { id, by });
    await recomputeDegrees(run, [id, ...(typed?.endpoints ?? [])]);
    return true;
  });
}

const readNames: Statement = { name: 'review.readNames', cypher: `MATCH (e:${E} {id: $id}) RETURN e.name AS name, e.aliases AS aliases` };

const writeNames: Statement = {
  name: 'review.writeNames',
  cypher: `
    MATCH (e:${E} {id: $id})
    SET e.name = $name, e.aliases = $aliases, e.aliasText = reduce(text = '', alias IN $aliases | text + alias + ' | ')
    ${SET_NAME_KEYS('e', '$nameKeys')}
    RETURN e.id AS id`,
};

/** Renames an entity (the old name kept as an alias unless asked); false when unknown. */
export async function renameEntity(client: GraphClient, id: string, name: string, keepOldName: boolean): Promise<boolean> {
  return client.writeTransaction(async (run) => {
    const [entity] = (await run(readNames, { id })) as { name: string; aliases: string[] }[];
    if (!entity) return false;
    const aliases = [...new Set([...(keepOldName ? [entity.name] : []), ...entity.aliases])].filter((alias) => alias !== name);
    await run(writeNames, { id, name, aliases, nameKeys: nameKeys(name, aliases) });
    return true;
  });
}


const changeKindTo = Object.fromEntries(
  ENTITY_KIND_NAMES.map((kind) => {
    const dropped = ENTITY_KIND_NAMES.filter((k) => k !== kind).flatMap((k) => KIND_SPECIFIC_FIELDS[k]);
    return [
      kind,
      {
        name: `review.changeKind.${kind}`,
        cypher: `
          MATCH (e:${E} {id: $id})
          REMOVE e:${ENTITY_KIND_NAMES.join(':')}
          SET e:${kind}, e.kind = '${kind}'
          ${dropped.length ? `REMOVE ${dropped.map((field) => `e.${field}`).join(', ')}` : ''}
          ${kind === 'Actor' ? "SET e.actorType = coalesce(e.actorType, 'ORGANIZATION')" : ''}
          RETURN e.id AS id`,
      } satisfies Statement,
    ];
  }),
) as Record<EntityKind, Statement>;

/** Changes an entity's kind; false when unknown. */
export async function changeEntityKind(client: GraphClient, id: string, kind: EntityKind): Promise<boolean> {
  return (await client.write(changeKindTo[kind], { id })).length > 0;
}

const reviewQueue: Statement = {
  name: 'review.queue',
  cypher: `
    CALL () {
      MATCH ()-[r:${ANY_DOMAIN_TYPE}]->() WHERE r.curation = 'PROPOSED'
      RETURN count(r) AS relationshipCount
    }
    CALL () {
      MATCH (s:${E})-[r:${ANY_DOMAIN_TYPE}]->(t:${E}) WHERE r.curation = 'PROPOSED'
      WITH r, coalesce(s.degree, 0) + coalesce(t.degree, 0) AS reach
      ORDER BY r.sources DESC, reach DESC, r.id
      LIMIT $first
      RETURN collect(${RELATIONSHIP_PROJECTION('r')}) AS relationships
    }
    CALL () {
      MATCH (e:${E}) WHERE e.curation = 'PROPOSED'
      RETURN count(e) AS entityCount
    }
    CALL () {
      MATCH (e:${E}) WHERE e.curation = 'PROPOSED'
      WITH e, EXISTS { (e)-[:${CANDIDATE_TYPE}]->() } AS ambiguous,
           COUNT { MATCH (d:${D})-[:${MENTIONS}]->(e) RETURN DISTINCT d } AS sources
      ORDER BY ambiguous DESC, sources DESC, coalesce(e.degree, 0) DESC, e.id
      LIMIT $first
      RETURN collect(${ENTITY_PROJECTION('e')}) AS entities
    }
    RETURN relationships, relationshipCount, entities, entityCount`,
};

/** Proposed facts, highest impact first. */
export async function getReviewQueue(client: GraphClient, deadline: Deadline, first: number): Promise<ReviewQueueRecord> {
  const [row] = await client.read<ReviewQueueRecord>(reviewQueue, { first }, deadline);
  return row!;
}

const proposedEntitiesOfDocument: Statement = {
  name: 'review.proposedEntitiesOfDocument',
  cypher: `
    MATCH (d:${D} {id: $id})-[:${MENTIONS}]->(e:${E}) WHERE e.curation = 'PROPOSED'
    WITH DISTINCT e ORDER BY e.name, e.id
    RETURN collect(${ENTITY_PROJECTION('e')}) AS entities, collect(e.id) AS ids`,
};

const linksOfDocument: Statement = {
  name: 'review.linksOfDocument',
  cypher: `MATCH (ev:${EV} {documentId: $id}) RETURN collect(DISTINCT ev.relationshipId) AS ids`,
};

const proposedLinks: Statement = {
  name: 'review.proposedLinks',
  cypher: `
    UNWIND $relationships AS rel
    MATCH (:${E} {id: rel.source})-[r:${ANY_DOMAIN_TYPE}|${CO_MENTION}]->(:${E} {id: rel.target})
    WHERE r.id = rel.id AND r.curation = 'PROPOSED'
    WITH r ORDER BY r.id
    RETURN collect(${RELATIONSHIP_PROJECTION('r')}) AS relationships`,
};

/** The PROPOSED entities a document names and the PROPOSED links it supports. */
export async function getProposedOfDocument(client: GraphClient, deadline: Deadline, id: string): Promise<{ entities: EntityRecord[]; relationships: RelationshipRecord[] }> {
  const [[entities], [links]] = await Promise.all([
    client.read<{ entities: EntityRecord[] }>(proposedEntitiesOfDocument, { id }, deadline),
    client.read<{ ids: string[] }>(linksOfDocument, { id }, deadline),
  ]);
  const relationships = links?.ids.length ? (await client.read<{ relationships: RelationshipRecord[] }>(proposedLinks, { relationships: relationshipEndpoints(links.ids) }, deadline))[0]?.relationships : [];
  return { entities: entities?.entities ?? [], relationships: relationships ?? [] };
}
