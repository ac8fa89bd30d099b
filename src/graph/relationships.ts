/**
 * Reading relationships around entities. Every function takes a LIST of entity ids and answers
 * for all of them in one round trip, so resolvers can batch nested fields with DataLoader.
 */
import type { GraphClient, Statement } from './client.js';
import type { GraphCache } from './cache.js';
import type { Deadline } from './deadline.js';
import type { EvidenceRecord, NeighborRecord, Page, RelationshipRecord } from './records.js';
import { ENTITY_PROJECTION } from './entities.js';
import { CO_MENTION, GRAPH, RELATIONSHIP_TYPE_NAMES, type EntityKind, type LinkType } from '../domain/vocabulary.js';
import { ANY_DOMAIN_TYPE, ANY_LINK_TYPE, LINK_TYPE, LINK_VARIANTS, linkVariant, type LinkFilter, type LinkVariant } from './linkFilter.js';
import { parseRelationshipId } from '../domain/ids.js';

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

export const DIRECTIONS: readonly Direction[] = ['OUTGOING', 'INCOMING', 'BOTH'];

/** Projection of a relationship into a RelationshipRecord, endpoints included. */
export const RELATIONSHIP_PROJECTION = (r: string) => `{
  id: ${r}.id, type: ${LINK_TYPE(r)}, basis: ${r}.basis,
  curation: coalesce(${r}.curation, 'CURATED'), sources: coalesce(${r}.sources, 1),
  sourceId: startNode(${r}).id, targetId: endNode(${r}).id,
  source: ${ENTITY_PROJECTION(`startNode(${r})`)}, target: ${ENTITY_PROJECTION(`endNode(${r})`)}
}`;

export type Family = Map<string, Statement>;

/** One statement per link variant and direction, keyed by `variant.key|direction`. */
export const family = (base: string, build: (variant: LinkVariant, direction: Direction) => string, variants: readonly LinkVariant[] = LINK_VARIANTS): Family =>
  new Map(
    variants.flatMap((variant) =>
      DIRECTIONS.map((direction) => [`${variant.key}|${direction}`, { name: `${base}.${direction}${variant.key}`, cypher: build(variant, direction) }] as const),
    ),
  );

export const statementOf = (statements: Family, variant: LinkVariant, direction: Direction) => statements.get(`${variant.key}|${direction}`)!;

/**
 * The two CALL blocks that give `total` and the page `items` of the relationships of `e`; `page`
 * names the offset/limit parameters and `alsoCollect` adds lists collected from the page's rows
 * (./entityLookAhead.ts folds the next level into the same statement with them).
 */
export const relationshipPageCalls = (
  variant: LinkVariant,
  direction: Direction,
  page = { offset: '$offset', limit: '$limit' },
  alsoCollect = '',
) => `
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
      SKIP ${page.offset} LIMIT ${page.limit}
      RETURN collect(${RELATIONSHIP_PROJECTION('r')}) AS items${alsoCollect}
    }`;

const relationshipPages = family('relationships.pages', (variant, direction) => `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})${relationshipPageCalls(variant, direction)}
    RETURN id, total, items`);

export interface RelationshipPageArgs extends LinkFilter {
  direction: Direction;
  offset: number;
  limit: number;
}

/** A page of relationships for each entity id (empty page for unknown ids). */
export async function getRelationshipPages(
  client: GraphClient,
  deadline: Deadline,
  ids: readonly string[],
  args: RelationshipPageArgs,
): Promise<Map<string, Page<RelationshipRecord>>> {
  const { variant, params } = linkVariant(args);
  const rows = await client.read<{ id: string; total: number; items: RelationshipRecord[] }>(statementOf(relationshipPages, variant, args.direction), {
    ids,
    ...params,
    offset: args.offset,
    limit: args.limit,
  }, deadline);
  return new Map(rows.map((row) => [row.id, { items: row.items, totalCount: row.total, offset: args.offset }]));
}

/**
 * Distinct neighbours: the relationships are expanded ONCE — aggregated per neighbour, counted for
 * the total, then the page is cut with a top-k sort. (Counting in a second subquery expanded a
 * hub's relationships twice.) The statement also returns the entity's degree (degree store,
 * constant time), the fingerprint of the client's neighbour-page cache (./cache.ts).
 */
/** The CALL blocks that give `neighbors` (all of them, for the total) and the page `items` of `e`. */
export const neighborPageCalls = (variant: LinkVariant, direction: Direction) => `
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
    }`;

/** The entity's degree for the hub cache's check (constant time), or null when the cache does not apply. */
export const neighborCacheDegree = (variant: LinkVariant, direction: Direction) => (variant.plain ? DEGREE_ALL[direction] : 'null');

const neighborPages = family('relationships.neighbors', (variant, direction) => `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})${neighborPageCalls(variant, direction)}
    RETURN id, size(neighbors) AS total, items, ${neighborCacheDegree(variant, direction)} AS degree`);

export interface NeighborPageArgs extends RelationshipPageArgs {
  kinds: readonly EntityKind[] | null | undefined;
}

/** What a neighbour page statement returns for one entity (see neighborPageCalls). */
export interface NeighborPageRow {
  total: number;
  items: NeighborRecord[];
  /** The entity's degree for the hub cache's check; null when the cache does not apply. */
  degree: number | null;
}

/** The parameters of a neighbour page statement beside the link variant's own. */
export const neighborPageParams = (args: NeighborPageArgs, variantParams: Record<string, unknown>) => ({
  ...variantParams,
  kinds: args.kinds?.length ? args.kinds : null,
  offset: args.offset,
  limit: args.limit,
});

/** The page from `row`, offered to the hub cache when its statement read the degree (default links only). */
export function keepNeighborPage(cache: GraphCache, id: string, args: NeighborPageArgs, row: NeighborPageRow, generation: number): Page<NeighborRecord> {
  const page = { items: row.items, totalCount: row.total, offset: args.offset };
  if (row.degree !== null) cache.keep(id, neighborPageKey(id, args), page, row.degree, generation);
  return page;
}

const neighborPageKey = (id: string, args: NeighborPageArgs) =>
  JSON.stringify([id, args.direction, args.kinds?.length ? [...args.kinds].sort() : null, args.offset, args.limit]);

/**
 * A page of distinct neighbours for each entity id. Pages of hubs over all relationship types come
 * from the client's cache (./cache.ts) while their degree is unchanged: one constant-time round
 * trip instead of reading every neighbour. Other entities cost one round trip as always.
 */
export async function getNeighborPages(
  client: GraphClient,
  deadline: Deadline,
  ids: readonly string[],
  args: NeighborPageArgs,
): Promise<Map<string, Page<NeighborRecord>>> {
  const { variant, params } = linkVariant(args);
  const result = new Map<string, Page<NeighborRecord>>();
  const cache = client.cache;
  const generation = cache.generation;

  let pending = [...ids];
  const dense = variant.plain ? pending.filter((id) => cache.isDense(id)) : [];
  if (dense.length) {
    const degrees = await getDegrees(client, deadline, dense, args.direction, null);
    for (const id of dense) {
      const page = cache.get(neighborPageKey(id, args), degrees.get(id));
      if (page) result.set(id, page);
    }
    pending = pending.filter((id) => !result.has(id));
  }
  if (!pending.length) return result;

  const rows = await client.read<{ id: string } & NeighborPageRow>(statementOf(neighborPages, variant, args.direction), { ids: pending, ...neighborPageParams(args, params) }, deadline);
  for (const row of rows) result.set(row.id, keepNeighborPage(client.cache, row.id, args, row, generation));
  return result;
}

/** The variants `getDegrees` can reach (it filters by type only). */
export const DEGREE_VARIANTS = [null, [...RELATIONSHIP_TYPE_NAMES, CO_MENTION], ['LEADS']].map((types) => linkVariant({ types: types as LinkType[] | null }).variant);

const degrees = family('relationships.degree', (variant, direction) => `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    RETURN id, ${variant.plain ? DEGREE_ALL[direction] : `COUNT { ${pattern(variant, direction)} WHERE ${variant.where} }`} AS degree`,
  // `degree` takes types only: all typed links, with co-mentions, or a list of types.
  DEGREE_VARIANTS,
);

/** Number of relationships of each entity. */
export async function getDegrees(
  client: GraphClient,
  deadline: Deadline,
  ids: readonly string[],
  direction: Direction,
  types: readonly LinkType[] | null | undefined,
): Promise<Map<string, number>> {
  const { variant, params } = linkVariant({ types });
  const rows = await client.read<{ id: string; degree: number }>(statementOf(degrees, variant, direction), { ids, ...params }, deadline);
  return new Map(rows.map((row) => [row.id, row.degree]));
}

/** Rows `{ id, source, target }`: the endpoints come from the id (src/domain/ids.ts), so the match starts at an indexed entity. */
const relationshipsByIds: Statement = {
  name: 'relationships.byIds',
  cypher: `
    UNWIND $relationships AS rel
    MATCH (:${E} {id: rel.source})-[r:${ANY_LINK_TYPE}]->(:${E} {id: rel.target})
    WHERE r.id = rel.id
    RETURN ${RELATIONSHIP_PROJECTION('r')} AS relationship`,
};

/** Relationships by id (`source|TYPE|target`); unknown ids, and strings that are no relationship id, are absent. */
export async function getRelationshipsByIds(client: GraphClient, deadline: Deadline, ids: readonly string[]): Promise<RelationshipRecord[]> {
  const relationships = ids.flatMap((id) => {
    const key = parseRelationshipId(id);
    return key ? [{ id, source: key.source, target: key.target }] : [];
  });
  if (!relationships.length) return [];
  const rows = await client.read<{ relationship: RelationshipRecord }>(relationshipsByIds, { relationships }, deadline);
  return rows.map((row) => row.relationship);
}

/** The evidence of the relationships whose ids are in `list`, as `ev`, by document then position. */
export const EVIDENCE_OF = (list: string) => `
    UNWIND ${list} AS relationshipId
    MATCH (ev:${EV} {relationshipId: relationshipId})
    WITH ev ORDER BY ev.documentId, ev.start`;

const evidenceForRelationships: Statement = {
  name: 'relationships.evidence',
  cypher: `${EVIDENCE_OF('$ids')}
    RETURN ev { .* } AS evidence`,
};

/** Evidence records grouped by relationship, in their order; each of `ids` is present, possibly with none. */
export function groupEvidence(records: readonly EvidenceRecord[], ids: readonly string[] = []): Map<string, EvidenceRecord[]> {
  const byRelationship = new Map<string, EvidenceRecord[]>(ids.map((id) => [id, []]));
  for (const evidence of records) {
    const list = byRelationship.get(evidence.relationshipId) ?? [];
    list.push(evidence);
    byRelationship.set(evidence.relationshipId, list);
  }
  return byRelationship;
}

/** All evidence of each relationship, by document then position. */
export async function getEvidence(client: GraphClient, deadline: Deadline, relationshipIds: readonly string[]): Promise<Map<string, EvidenceRecord[]>> {
  const rows = await client.read<{ evidence: EvidenceRecord }>(evidenceForRelationships, { ids: relationshipIds }, deadline);
  return groupEvidence(rows.map((row) => row.evidence));
}

