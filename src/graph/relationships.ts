/**
 * Reading relationships around entities. Every function takes a LIST of entity ids and answers
 * for all of them in one round trip, so resolvers can batch nested fields with DataLoader.
 */
import type { GraphClient, Statement } from './client.js';
import type { EvidenceRecord, NeighborRecord, Page, RelationshipRecord } from './records.js';
import { ENTITY_PROJECTION } from './entities.js';
import { GRAPH, LINK_TYPE_NAMES, RELATIONSHIP_TYPE_NAMES, type EntityKind, type LinkType } from '../domain/vocabulary.js';
import { ANY_DOMAIN_TYPE, ANY_LINK_TYPE, LINK_TYPE, LINK_VARIANTS, linkVariant, type LinkFilter, type LinkVariant } from './linkFilter.js';
import { graphGeneration } from './changes.js';

const { entityLabel: E, evidenceLabel: EV } = GRAPH;

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

/**
 * Every domain relationship type as a pattern alternative. When a query follows all of them (the
 * default), the types go into the pattern instead of a `type(r) IN $types` filter: Neo4j then reads
 * only those relationship groups of a dense node — a hub's many MENTIONS from documents are never
 * touched — and counts come from the degree store in constant time. Domain relationships only ever
 * join two entities (src/graph/ingest.ts), so such a count needs no check of the other end.
 * Which links a list follows beyond that (statuses, minimum sources, co-mentions) is ./linkFilter.ts.
 */
export { ANY_DOMAIN_TYPE };

/** True when `types` asks for every relationship type (or says nothing). */
export const isAllTypes = (types: readonly LinkType[] | null | undefined) =>
  !types?.length || RELATIONSHIP_TYPE_NAMES.every((type) => types.includes(type));

/** Patterns per direction; the only text spliced into Cypher, and it comes from these constants. */
const pattern = (variant: LinkVariant, direction: Direction) =>
  ({
    OUTGOING: `(e)-[${variant.rel}]->(other:${E})`,
    INCOMING: `(e)<-[${variant.rel}]-(other:${E})`,
    BOTH: `(e)-[${variant.rel}]-(other:${E})`,
  })[direction];

/** Degree-store counts of all domain relationships of `e` (constant time, also for hubs). */
const DEGREE_ALL: Record<Direction, string> = {
  OUTGOING: `COUNT { (e)-[:${ANY_DOMAIN_TYPE}]->() }`,
  INCOMING: `COUNT { (e)<-[:${ANY_DOMAIN_TYPE}]-() }`,
  BOTH: `COUNT { (e)-[:${ANY_DOMAIN_TYPE}]-() }`,
};

const DIRECTIONS: Direction[] = ['OUTGOING', 'INCOMING', 'BOTH'];

/** Projection of a relationship into a RelationshipRecord, endpoints included. */
export const RELATIONSHIP_PROJECTION = (r: string) => `{
  id: ${r}.id, type: ${LINK_TYPE(r)}, basis: ${r}.basis,
  curation: coalesce(${r}.curation, 'CURATED'), sources: coalesce(${r}.sources, 1),
  sourceId: startNode(${r}).id, targetId: endNode(${r}).id,
  source: ${ENTITY_PROJECTION(`startNode(${r})`)}, target: ${ENTITY_PROJECTION(`endNode(${r})`)}
}`;

type Family = Map<string, Statement>;

/** One statement per link variant and direction, keyed by `variant.key|direction`. */
const family = (base: string, build: (variant: LinkVariant, direction: Direction) => string): Family =>
  new Map(
    LINK_VARIANTS.flatMap((variant) =>
      DIRECTIONS.map((direction) => [`${variant.key}|${direction}`, { name: `${base}.${direction}${variant.key}`, cypher: build(variant, direction) }] as const),
    ),
  );

const statementOf = (statements: Family, variant: LinkVariant, direction: Direction) => statements.get(`${variant.key}|${direction}`)!;

const relationshipPages = family('relationships.pages', (variant, direction) => `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    CALL (e) {
      ${
        variant.plain
          ? `RETURN ${DEGREE_ALL[direction]} AS total`
          : `MATCH ${pattern(variant, direction)} WHERE ${variant.where}
      RETURN count(r) AS total`
      }
    }
    CALL (e) {
      MATCH ${pattern(variant, direction)} WHERE ${variant.where}
      WITH r, other ORDER BY ${LINK_TYPE('r')}, other.name, r.id
      SKIP $offset LIMIT $limit
      RETURN collect(${RELATIONSHIP_PROJECTION('r')}) AS items
    }
    RETURN id, total, items`);

export interface RelationshipPageArgs extends LinkFilter {
  direction: Direction;
  offset: number;
  limit: number;
}

/** A page of relationships for each entity id (empty page for unknown ids). */
export async function getRelationshipPages(
  client: GraphClient,
  ids: readonly string[],
  args: RelationshipPageArgs,
): Promise<Map<string, Page<RelationshipRecord>>> {
  const { variant, params } = linkVariant(args);
  const rows = await client.read<{ id: string; total: number; items: RelationshipRecord[] }>(statementOf(relationshipPages, variant, args.direction), {
    ids,
    ...params,
    offset: args.offset,
    limit: args.limit,
  });
  return new Map(rows.map((row) => [row.id, { items: row.items, totalCount: row.total, offset: args.offset }]));
}

/**
 * Distinct neighbours: the relationships are expanded ONCE — aggregated per neighbour, counted for
 * the total, then the page is cut with a top-k sort. (Counting in a second subquery expanded a
 * hub's relationships twice.) The statement also returns the entity's degree (degree store,
 * constant time), the fingerprint of the neighbour-page cache below.
 */
const neighborPages = family('relationships.neighbors', (variant, direction) => `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    CALL (e) {
      MATCH ${pattern(variant, direction)}
      WHERE ${variant.where} AND ($kinds IS NULL OR other.kind IN $kinds)
      WITH other, collect(DISTINCT ${LINK_TYPE('r')}) AS relationshipTypes, count(r) AS relationshipCount
      RETURN collect({ other: other, relationshipTypes: relationshipTypes, relationshipCount: relationshipCount }) AS neighbors
    }
    CALL (neighbors) {
      UNWIND neighbors AS n
      WITH n ORDER BY n.relationshipCount DESC, n.other.name, n.other.id
      SKIP $offset LIMIT $limit
      RETURN collect({ entity: ${ENTITY_PROJECTION('n.other')}, relationshipTypes: n.relationshipTypes, relationshipCount: n.relationshipCount }) AS items
    }
    RETURN id, size(neighbors) AS total, items, ${variant.plain ? DEGREE_ALL[direction] : 'null'} AS degree`);

export interface NeighborPageArgs extends RelationshipPageArgs {
  kinds: readonly EntityKind[] | null | undefined;
}

/**
 * Neighbour pages of hubs. Ordering a hub's neighbours (most strongly linked first) reads every one
 * of them — O(degree), and a hub's degree grows with the graph — so pages of entities with at least
 * DENSE_NEIGHBORS neighbours are cached, over all relationship types only. A cached page is used
 * while (1) this process has not written since (graphGeneration), (2) the entity's degree, read from
 * the degree store in constant time, is unchanged — any relationship added to or removed from the
 * hub by any instance changes it — and (3) it is younger than NEIGHBOR_CACHE_TTL_MS, which bounds
 * what (2) cannot see: another instance changing a neighbour's aliases, or removing and adding the
 * same number of the hub's relationships. Smaller entities are never cached and cost one round
 * trip as before; a cached hub costs one constant-time round trip.
 */
export const DENSE_NEIGHBORS = 1_000;
export const NEIGHBOR_CACHE_TTL_MS = 60_000;
const NEIGHBOR_CACHE_ENTRIES = 1_000;

interface CachedNeighborPage {
  page: Page<NeighborRecord>;
  degree: number;
  generation: number;
  at: number;
}

interface NeighborCache {
  /** Ids seen with at least DENSE_NEIGHBORS neighbours (their pages are worth checking). */
  dense: Set<string>;
  /** Pages by id and arguments, oldest first (a Map keeps insertion order). */
  pages: Map<string, CachedNeighborPage>;
}

// Keyed by the driver: every deadline view of one client (GraphClient.withDeadline) shares it.
const neighborCaches = new WeakMap<object, NeighborCache>();

const neighborCacheKey = (id: string, args: NeighborPageArgs) =>
  JSON.stringify([id, args.direction, args.kinds?.length ? [...args.kinds].sort() : null, args.offset, args.limit]);

/** A page of distinct neighbours for each entity id. */
export async function getNeighborPages(
  client: GraphClient,
  ids: readonly string[],
  args: NeighborPageArgs,
): Promise<Map<string, Page<NeighborRecord>>> {
  const { variant, params } = linkVariant(args);
  const result = new Map<string, Page<NeighborRecord>>();
  let cache = neighborCaches.get(client.driver);
  if (!cache) neighborCaches.set(client.driver, (cache = { dense: new Set(), pages: new Map() }));
  const generation = graphGeneration();

  let pending = [...ids];
  const dense = variant.plain ? pending.filter((id) => cache.dense.has(id)) : [];
  if (dense.length) {
    const degrees = await getDegrees(client, dense, args.direction, null);
    const now = Date.now();
    for (const id of dense) {
      const key = neighborCacheKey(id, args);
      const cached = cache.pages.get(key);
      if (cached && cached.generation === generation && cached.degree === degrees.get(id) && now - cached.at < NEIGHBOR_CACHE_TTL_MS) {
        result.set(id, cached.page);
      } else if (cached) {
        cache.pages.delete(key);
      }
    }
    pending = pending.filter((id) => !result.has(id));
  }
  if (!pending.length) return result;

  const rows = await client.read<{ id: string; total: number; items: NeighborRecord[]; degree: number | null }>(statementOf(neighborPages, variant, args.direction), {
    ids: pending,
    ...params,
    kinds: args.kinds?.length ? args.kinds : null,
    offset: args.offset,
    limit: args.limit,
  });
  for (const row of rows) {
    const page = { items: row.items, totalCount: row.total, offset: args.offset };
    result.set(row.id, page);
    // A write that finished meanwhile may or may not be in this page: then it is not cached.
    if (variant.plain && row.degree !== null && row.total >= DENSE_NEIGHBORS && generation === graphGeneration()) {
      cache.dense.add(row.id);
      const key = neighborCacheKey(row.id, args);
      cache.pages.delete(key);
      cache.pages.set(key, { page, degree: row.degree, generation, at: Date.now() });
      if (cache.pages.size > NEIGHBOR_CACHE_ENTRIES) cache.pages.delete(cache.pages.keys().next().value!);
    }
  }
  return result;
}

const degrees = family('relationships.degree', (variant, direction) => `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    RETURN id, ${variant.plain ? DEGREE_ALL[direction] : `COUNT { ${pattern(variant, direction)} WHERE ${variant.where} }`} AS degree`);

/** Number of relationships of each entity. */
export async function getDegrees(
  client: GraphClient,
  ids: readonly string[],
  direction: Direction,
  types: readonly LinkType[] | null | undefined,
): Promise<Map<string, number>> {
  const { variant, params } = linkVariant({ types });
  const rows = await client.read<{ id: string; degree: number }>(statementOf(degrees, variant, direction), { ids, ...params });
  return new Map(rows.map((row) => [row.id, row.degree]));
}

const relationshipsByIds: Statement = {
  name: 'relationships.byIds',
  cypher: `
    UNWIND $ids AS id
    WITH id, split(id, '|') AS parts
    WHERE size(parts) = 3 AND parts[1] IN $types
    MATCH (:${E} {id: parts[0]})-[r:${ANY_LINK_TYPE}]->(:${E} {id: parts[2]})
    WHERE r.id = id
    RETURN ${RELATIONSHIP_PROJECTION('r')} AS relationship`,
};

/** Relationships by id (`source|TYPE|target`); unknown ids are absent. */
export async function getRelationshipsByIds(client: GraphClient, ids: readonly string[]): Promise<RelationshipRecord[]> {
  const rows = await client.read<{ relationship: RelationshipRecord }>(relationshipsByIds, { ids, types: LINK_TYPE_NAMES });
  return rows.map((row) => row.relationship);
}

const evidenceForRelationships: Statement = {
  name: 'relationships.evidence',
  cypher: `
    UNWIND $ids AS id
    MATCH (ev:${EV} {relationshipId: id})
    RETURN ev { .* } AS evidence
    ORDER BY ev.documentId, ev.start`,
};

/** All evidence of each relationship, by document then position. */
export async function getEvidence(client: GraphClient, relationshipIds: readonly string[]): Promise<Map<string, EvidenceRecord[]>> {
  const rows = await client.read<{ evidence: EvidenceRecord }>(evidenceForRelationships, { ids: relationshipIds });
  const byRelationship = new Map<string, EvidenceRecord[]>();
  for (const { evidence } of rows) {
    const list = byRelationship.get(evidence.relationshipId) ?? [];
    list.push(evidence);
    byRelationship.set(evidence.relationshipId, list);
  }
  return byRelationship;
}

