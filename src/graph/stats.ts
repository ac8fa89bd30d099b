/** Counts and rankings for dashboards, and the dated-event timeline. */
import type { GraphClient, Statement } from './client.js';
import type { ConnectedEntityRecord, EntityRecord, StatsRecord } from './records.js';
import { ENTITY_PROJECTION } from './entities.js';
import { ENTITY_KIND_NAMES, GRAPH, RELATIONSHIP_TYPE_NAMES } from '../domain/vocabulary.js';
import { graphGeneration } from './changes.js';

const { entityLabel: E, documentLabel: D, mentionsType: MENTIONS } = GRAPH;

/** Every domain relationship type as a pattern alternative, so degree counts come from the degree store. */
const ANY_DOMAIN_TYPE = RELATIONSHIP_TYPE_NAMES.join('|');

// Per-label and per-type counts with literal labels/types are answered from Neo4j's count store in
// constant time, however large the graph — but only as COUNT { } expressions: the planner does not
// use the count store inside UNION branches (the first version of this statement scanned every
// node and relationship, 35 000 db hits at 10 000 entities). The literals come from the vocabulary.
const statsStatement: Statement = {
  name: 'stats.counts',
  cypher: `
    WITH [${ENTITY_KIND_NAMES.map((kind) => `{ kind: '${kind}', count: COUNT { (:${kind}) } }`).join(',\n          ')}] AS entitiesByKind,
         [${RELATIONSHIP_TYPE_NAMES.map((type) => `{ type: '${type}', count: COUNT { ()-[:${type}]->() } }`).join(',\n          ')}] AS relationshipsByType
    RETURN entitiesByKind, relationshipsByType,
           COUNT { (:${D}) } AS documentCount,
           COUNT { ()-[:${MENTIONS}]->() } AS mentionCount,
           COUNT { (:${E}) } AS entityCount,
           reduce(total = 0, row IN relationshipsByType | total + row.count) AS relationshipCount`,
};

export async function getStats(client: GraphClient): Promise<StatsRecord> {
  const [row] = await client.read<StatsRecord>(statsStatement);
  return row!;
}

/**
 * The most connected entities need every entity's degree: O(entities), about a second at a million
 * entities. They are cached per `first` and recomputed only when the graph may have changed:
 *
 * - this process's ingests and deletes call `graphChanged()` (./changes.ts);
 * - another instance's writes change the total node or relationship count, which every call reads
 *   from the count store first (constant time, one round trip) and compares with the fingerprint of
 *   the cached ranking — when it is unchanged the ranking is not computed again;
 * - and, for the rare write that leaves both totals unchanged (a delete and an ingest of the same
 *   size on another instance), a cached answer is never older than MOST_CONNECTED_TTL_MS.
 *
 * Concurrent requests that miss the cache share one computation.
 */
export const MOST_CONNECTED_TTL_MS = 300_000;


interface CachedRanking {
  fingerprint: string;
  generation: number;
  at: number;
  rows: ConnectedEntityRecord[];
}

const mostConnectedCache = new WeakMap<GraphClient, Map<number, CachedRanking>>();

/** Total node and relationship counts, from the count store: constant time. */
const fingerprintStatement: Statement = {
  name: 'stats.fingerprint',
  cypher: `RETURN toString(COUNT { () }) + '/' + toString(COUNT { ()-->() }) AS fingerprint`,
};

// An entity's relationships are its domain relationships and the MENTIONS of documents naming it
// (src/graph/ingest.ts writes nothing else to an entity), so its domain degree is two degree-store
// reads — all relationships minus incoming MENTIONS — instead of one per relationship type (23).
const mostConnectedStatement: Statement = {
  name: 'stats.mostConnected',
  cypher: `
    MATCH (e:${E})
    WITH e, COUNT { (e)--() } - COUNT { (e)<-[:${MENTIONS}]-() } AS degree
    ORDER BY degree DESC, e.name ASC
    LIMIT $first
    RETURN ${ENTITY_PROJECTION('e')} AS entity, degree`,
};

/** Rankings being computed, so concurrent requests share one O(entities) computation. */
const inFlight = new WeakMap<GraphClient, Map<string, Promise<ConnectedEntityRecord[]>>>();

/** The `first` most connected entities: one constant-time round trip when the cached ranking is current. */
export async function getMostConnected(client: GraphClient, first: number): Promise<ConnectedEntityRecord[]> {
  let byFirst = mostConnectedCache.get(client);
  if (!byFirst) mostConnectedCache.set(client, (byFirst = new Map()));
  let running = inFlight.get(client);
  if (!running) inFlight.set(client, (running = new Map()));
  const seenGeneration = graphGeneration();
  const [current] = await client.read<{ fingerprint: string }>(fingerprintStatement);
  const fingerprint = current?.fingerprint ?? '';
  const cached = byFirst.get(first);
  if (cached && cached.generation === seenGeneration && cached.fingerprint === fingerprint && Date.now() - cached.at < MOST_CONNECTED_TTL_MS) {
    return cached.rows;
  }
  const key = `${first}/${seenGeneration}/${fingerprint}`;
  let computation = running.get(key);
  if (!computation) {
    const table = running;
    computation = client.read<ConnectedEntityRecord>(mostConnectedStatement, { first }).finally(() => table.delete(key));
    running.set(key, computation);
  }
  const rows = await computation;
  // A write that finished while the ranking was computed may or may not be in it: keep it uncached.
  if (seenGeneration === graphGeneration()) byFirst.set(first, { fingerprint, generation: seenGeneration, at: Date.now(), rows });
  return rows;
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
