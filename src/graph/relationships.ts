/**
 * Reading relationships around entities. Every function takes a LIST of entity ids and answers
 * for all of them in one round trip, so resolvers can batch nested fields with DataLoader.
 */
import type { GraphClient, Statement } from './client.js';
import type { EvidenceRecord, NeighborRecord, Page, RelationshipRecord } from './records.js';
import { ENTITY_PROJECTION } from './entities.js';
import { GRAPH, RELATIONSHIP_TYPE_NAMES, type EntityKind, type RelationshipType } from '../domain/vocabulary.js';

const { entityLabel: E, evidenceLabel: EV } = GRAPH;

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

/** Patterns per direction; the only text spliced into Cypher, and it comes from this constant. */
const PATTERN: Record<Direction, string> = {
  OUTGOING: `(e)-[r]->(other:${E})`,
  INCOMING: `(e)<-[r]-(other:${E})`,
  BOTH: `(e)-[r]-(other:${E})`,
};

const DIRECTIONS = Object.keys(PATTERN) as Direction[];

/** Projection of a relationship into a RelationshipRecord, endpoints included. */
export const RELATIONSHIP_PROJECTION = (r: string) => `{
  id: ${r}.id, type: type(${r}), basis: ${r}.basis,
  sourceId: startNode(${r}).id, targetId: endNode(${r}).id,
  source: ${ENTITY_PROJECTION(`startNode(${r})`)}, target: ${ENTITY_PROJECTION(`endNode(${r})`)}
}`;

const byDirection = <T>(build: (direction: Direction) => T) =>
  Object.fromEntries(DIRECTIONS.map((direction) => [direction, build(direction)])) as Record<Direction, T>;

const relationshipPages = byDirection<Statement>((direction) => ({
  name: `relationships.pages.${direction}`,
  cypher: `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    CALL (e) {
      MATCH ${PATTERN[direction]} WHERE type(r) IN $types
      RETURN count(r) AS total
    }
    CALL (e) {
      MATCH ${PATTERN[direction]} WHERE type(r) IN $types
      WITH r, other ORDER BY type(r), other.name, r.id
      SKIP $offset LIMIT $limit
      RETURN collect(${RELATIONSHIP_PROJECTION('r')}) AS items
    }
    RETURN id, total, items`,
}));

export interface RelationshipPageArgs {
  direction: Direction;
  types: readonly RelationshipType[] | null | undefined;
  offset: number;
  limit: number;
}

const typesOrAll = (types: readonly RelationshipType[] | null | undefined) => (types?.length ? types : RELATIONSHIP_TYPE_NAMES);

/** A page of relationships for each entity id (empty page for unknown ids). */
export async function getRelationshipPages(
  client: GraphClient,
  ids: readonly string[],
  args: RelationshipPageArgs,
): Promise<Map<string, Page<RelationshipRecord>>> {
  const rows = await client.read<{ id: string; total: number; items: RelationshipRecord[] }>(relationshipPages[args.direction], {
    ids,
    types: typesOrAll(args.types),
    offset: args.offset,
    limit: args.limit,
  });
  return new Map(rows.map((row) => [row.id, { items: row.items, totalCount: row.total, offset: args.offset }]));
}

const neighborPages = byDirection<Statement>((direction) => ({
  name: `relationships.neighbors.${direction}`,
  cypher: `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    CALL (e) {
      MATCH ${PATTERN[direction]}
      WHERE type(r) IN $types AND ($kinds IS NULL OR other.kind IN $kinds)
      RETURN count(DISTINCT other) AS total
    }
    CALL (e) {
      MATCH ${PATTERN[direction]}
      WHERE type(r) IN $types AND ($kinds IS NULL OR other.kind IN $kinds)
      WITH other, collect(DISTINCT type(r)) AS relationshipTypes, count(r) AS relationshipCount
      ORDER BY relationshipCount DESC, other.name, other.id
      SKIP $offset LIMIT $limit
      RETURN collect({ entity: ${ENTITY_PROJECTION('other')}, relationshipTypes: relationshipTypes, relationshipCount: relationshipCount }) AS items
    }
    RETURN id, total, items`,
}));

export interface NeighborPageArgs extends RelationshipPageArgs {
  kinds: readonly EntityKind[] | null | undefined;
}

/** A page of distinct neighbours for each entity id. */
export async function getNeighborPages(
  client: GraphClient,
  ids: readonly string[],
  args: NeighborPageArgs,
): Promise<Map<string, Page<NeighborRecord>>> {
  const rows = await client.read<{ id: string; total: number; items: NeighborRecord[] }>(neighborPages[args.direction], {
    ids,
    types: typesOrAll(args.types),
    kinds: args.kinds?.length ? args.kinds : null,
    offset: args.offset,
    limit: args.limit,
  });
  return new Map(rows.map((row) => [row.id, { items: row.items, totalCount: row.total, offset: args.offset }]));
}

const degrees = byDirection<Statement>((direction) => ({
  name: `relationships.degree.${direction}`,
  cypher: `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    RETURN id, COUNT { ${PATTERN[direction]} WHERE type(r) IN $types } AS degree`,
}));

/** Number of relationships of each entity. */
export async function getDegrees(
  client: GraphClient,
  ids: readonly string[],
  direction: Direction,
  types: readonly RelationshipType[] | null | undefined,
): Promise<Map<string, number>> {
  const rows = await client.read<{ id: string; degree: number }>(degrees[direction], { ids, types: typesOrAll(types) });
  return new Map(rows.map((row) => [row.id, row.degree]));
}

const relationshipsByIds: Statement = {
  name: 'relationships.byIds',
  cypher: `
    UNWIND $ids AS id
    WITH id, split(id, '|') AS parts
    WHERE size(parts) = 3 AND parts[1] IN $types
    MATCH (:${E} {id: parts[0]})-[r]->(:${E} {id: parts[2]})
    WHERE r.id = id
    RETURN ${RELATIONSHIP_PROJECTION('r')} AS relationship`,
};

/** Relationships by id (`source|TYPE|target`); unknown ids are absent. */
export async function getRelationshipsByIds(client: GraphClient, ids: readonly string[]): Promise<RelationshipRecord[]> {
  const rows = await client.read<{ relationship: RelationshipRecord }>(relationshipsByIds, { ids, types: RELATIONSHIP_TYPE_NAMES });
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

