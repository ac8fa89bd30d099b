/** Counts and rankings for dashboards, and the dated-event timeline. */
import type { GraphClient, Statement } from './client.js';
import type { Deadline } from './deadline.js';
import type { ConnectedEntityRecord, EntityRecord, StatsRecord } from './records.js';
import { ENTITY_PROJECTION } from './entities.js';
import { DEFAULT_STATUSES, ENTITY_KIND_NAMES, GRAPH, LINK_TYPE_NAMES, type CurationStatus } from '../domain/vocabulary.js';
import { LINK_TYPE } from './linkFilter.js';
import { ANY_DOMAIN_TYPE } from './linkFilter.js';

const { entityLabel: E, documentLabel: D, mentionsType: MENTIONS } = GRAPH;

// Per-label and per-type counts with literal labels/types are answered from Neo4j's count store in
// constant time, however large the graph — but only as COUNT { } expressions, not inside UNION
// branches (docs/decisions/001-stats-counts-from-the-count-store.md). The literals come from the
// vocabulary.
const statsStatement: Statement = {
  name: 'stats.counts',
  cypher: `
    // Rejected entities are few and found through the curation index; rejected links have types of their own.
    WITH [${ENTITY_KIND_NAMES.map((kind) => `{ kind: '${kind}', count: COUNT { (:${kind}) } - COUNT { (e:${E} {curation: 'REJECTED'}) WHERE e.kind = '${kind}' } }`).join(',\n          ')}] AS entitiesByKind,
         [${LINK_TYPE_NAMES.map((type) => `{ type: '${type}', count: COUNT { ()-[:${type}]->() } }`).join(',\n          ')}] AS relationshipsByType
    RETURN entitiesByKind, relationshipsByType,
           COUNT { (:${D}) } AS documentCount,
           COUNT { ()-[:${MENTIONS}]->() } AS mentionCount,
           reduce(total = 0, row IN entitiesByKind | total + row.count) AS entityCount,
           reduce(total = 0, row IN relationshipsByType | total + row.count) AS relationshipCount`,
};

/** With explicit statuses: every entity and link is read (a dashboard's rare question, not the default). */
const statsByStatusStatement: Statement = {
  name: 'stats.countsByStatus',
  cypher: `
    CALL () {
      MATCH (e:${E}) WHERE coalesce(e.curation, 'CURATED') IN $statuses
      WITH e.kind AS kind, count(*) AS count
      RETURN collect({ kind: kind, count: count }) AS kindRows
    }
    CALL () {
      MATCH (:${E})-[r]->(:${E}) WHERE ${LINK_TYPE('r')} IN $types AND coalesce(r.curation, 'CURATED') IN $statuses
      WITH ${LINK_TYPE('r')} AS type, count(*) AS count
      RETURN collect({ type: type, count: count }) AS typeRows
    }
    WITH [kind IN $kinds | { kind: kind, count: coalesce([row IN kindRows WHERE row.kind = kind | row.count][0], 0) }] AS entitiesByKind,
         [type IN $types | { type: type, count: coalesce([row IN typeRows WHERE row.type = type | row.count][0], 0) }] AS relationshipsByType
    RETURN entitiesByKind, relationshipsByType,
           COUNT { (:${D}) } AS documentCount,
           COUNT { ()-[:${MENTIONS}]->() } AS mentionCount,
           reduce(total = 0, row IN entitiesByKind | total + row.count) AS entityCount,
           reduce(total = 0, row IN relationshipsByType | total + row.count) AS relationshipCount`,
};

const isDefault = (statuses: readonly CurationStatus[] | null | undefined) =>
  !statuses?.length || (statuses.length === DEFAULT_STATUSES.length && DEFAULT_STATUSES.every((s) => statuses.includes(s)));

export async function getStats(client: GraphClient, deadline: Deadline, statuses?: readonly CurationStatus[] | null): Promise<StatsRecord> {
  const [row] = isDefault(statuses)
    ? await client.read<StatsRecord>(statsStatement, {}, deadline)
    : await client.read<StatsRecord>(statsByStatusStatement, { statuses, kinds: ENTITY_KIND_NAMES, types: LINK_TYPE_NAMES }, deadline);
  return row!;
}

// The top k by the stored degree (src/graph/degree.ts), read in the order of the range index
// entity_degree (migration 4): a descending index scan stops after the first k entities plus those
// tied with the k-th on degree (sorted by name, then id, within their degree), so the cost is O(k)
// however many entities there are — no entity's degree is computed here. Entities without a
// stored degree (only ones written around the service, e.g. by hand) are not ranked.
const mostConnectedStatement: Statement = {
  name: 'stats.mostConnected',
  cypher: `
    MATCH (e:${E})
    WHERE e.degree IS NOT NULL
    WITH e ORDER BY e.degree DESC, e.name ASC, e.id ASC
    LIMIT $first
    RETURN ${ENTITY_PROJECTION('e')} AS entity, e.degree AS degree`,
};

/** The `first` most connected entities (by domain degree, then name, then id): one indexed read. */
export async function getMostConnected(client: GraphClient, deadline: Deadline, first: number): Promise<ConnectedEntityRecord[]> {
  return client.read<ConnectedEntityRecord>(mostConnectedStatement, { first }, deadline);
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
export async function getTimeline(client: GraphClient, deadline: Deadline, args: TimelineArgs): Promise<EntityRecord[]> {
  const rows = await client.read<{ event: EntityRecord }>(timelineStatement, {
    from: args.from ?? null,
    to: args.to ?? null,
    entityId: args.entityId ?? null,
    first: args.first,
  }, deadline);
  return rows.map((row) => row.event);
}
