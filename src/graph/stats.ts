/** Counts and rankings for dashboards, and the dated-event timeline. */
import type { GraphClient, Statement } from './client.js';
import type { ConnectedEntityRecord, EntityRecord, StatsRecord } from './records.js';
import { ENTITY_PROJECTION } from './entities.js';
import { ENTITY_KIND_NAMES, GRAPH, RELATIONSHIP_TYPE_NAMES } from '../domain/vocabulary.js';

const { entityLabel: E, documentLabel: D, mentionsType: MENTIONS } = GRAPH;

/** Every domain relationship type as a pattern alternative, so degree counts come from the degree store. */
const ANY_DOMAIN_TYPE = RELATIONSHIP_TYPE_NAMES.join('|');

// Per-label and per-type counts with literal labels/types are answered from Neo4j's count store
// in constant time, however large the graph; the literals come from the vocabulary only.
const statsStatement: Statement = {
  name: 'stats.counts',
  cypher: `
    CALL () {
      ${ENTITY_KIND_NAMES.map((kind) => `MATCH (n:${kind}) RETURN '${kind}' AS kind, count(n) AS count`).join('\n      UNION ALL\n      ')}
    }
    WITH collect({ kind: kind, count: count }) AS entitiesByKind
    CALL () {
      ${RELATIONSHIP_TYPE_NAMES.map((type) => `MATCH ()-[r:${type}]->() RETURN '${type}' AS type, count(r) AS count`).join('\n      UNION ALL\n      ')}
    }
    WITH entitiesByKind, collect({ type: type, count: count }) AS relationshipsByType
    CALL () { MATCH (d:${D}) RETURN count(d) AS documentCount }
    CALL () { MATCH ()-[m:${MENTIONS}]->() RETURN count(m) AS mentionCount }
    CALL () { MATCH (e:${E}) RETURN count(e) AS entityCount }
    RETURN entitiesByKind, relationshipsByType, documentCount, mentionCount, entityCount,
           reduce(total = 0, row IN relationshipsByType | total + row.count) AS relationshipCount`,
};

export async function getStats(client: GraphClient): Promise<StatsRecord> {
  const [row] = await client.read<StatsRecord>(statsStatement);
  return row!;
}

const mostConnectedStatement: Statement = {
  name: 'stats.mostConnected',
  cypher: `
    MATCH (e:${E})
    WITH e, COUNT { (e)-[:${ANY_DOMAIN_TYPE}]-() } AS degree
    ORDER BY degree DESC, e.name ASC
    LIMIT $first
    RETURN ${ENTITY_PROJECTION('e')} AS entity, degree`,
};

export async function getMostConnected(client: GraphClient, first: number): Promise<ConnectedEntityRecord[]> {
  return client.read<ConnectedEntityRecord>(mostConnectedStatement, { first });
}

const timelineStatement: Statement = {
  name: 'stats.timeline',
  cypher: `
    MATCH (e:Event)
    WHERE e.startDate IS NOT NULL
      AND ($from IS NULL OR e.startDate >= date($from))
      AND ($to IS NULL OR e.startDate <= date($to))
      AND ($entityId IS NULL OR EXISTS { (e)-[:${ANY_DOMAIN_TYPE}]-(:${E} {id: $entityId}) })
    RETURN ${ENTITY_PROJECTION('e')} AS event
    ORDER BY e.startDate ASC, e.name ASC
    LIMIT $first`,
};

export interface TimelineArgs {
  from: string | null | undefined;
  to: string | null | undefined;
  entityId: string | null | undefined;
  first: number;
}

/** Dated events in date order; events without a date are not on the timeline. */
export async function getTimeline(client: GraphClient, args: TimelineArgs): Promise<EntityRecord[]> {
  const rows = await client.read<{ event: EntityRecord }>(timelineStatement, {
    from: args.from ?? null,
    to: args.to ?? null,
    entityId: args.entityId ?? null,
    first: args.first,
  });
  return rows.map((row) => row.event);
}
