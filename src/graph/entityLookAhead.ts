/**
 * An entity with the first page of its relationships in ONE round trip, optionally with their
 * evidence and with the same kind of page for every entity at the other end (two levels). The
 * `entity` root field uses it when its selection set will surely ask for these
 * (src/resolvers/lookAhead.ts); the pages are exactly what getRelationshipPages and getEvidence
 * return for the same arguments, because they are built from the same Cypher fragments.
 */
import type { GraphClient, Statement } from './client.js';
import type { Deadline } from './deadline.js';
import type { EntityRecord, EvidenceRecord, NeighborRecord, Page, RelationshipRecord } from './records.js';
import { ENTITY_PROJECTION } from './entities.js';
import { GRAPH } from '../domain/vocabulary.js';
import { LINK_VARIANTS, linkVariant, type LinkVariant } from './linkFilter.js';
import {
  DIRECTIONS,
  neighborCacheDegree,
  neighborPageCalls,
  neighborPageKey,
  relationshipPageCalls,
  type Direction,
  type NeighborPageArgs,
  type RelationshipPageArgs,
} from './relationships.js';

const { entityLabel: E, evidenceLabel: EV } = GRAPH;

export interface LookAheadShape {
  /** Also the evidence of every relationship on the first page. */
  evidence: boolean;
  /** Also a page of relationships (same filter and direction) for every entity at the other end. */
  nested: boolean;
}

const SHAPES: readonly LookAheadShape[] = [false, true].flatMap((nested) => [false, true].map((evidence) => ({ nested, evidence })));

const shapeKey = (variant: LinkVariant, direction: Direction, shape: LookAheadShape) =>
  `${variant.key}|${direction}${shape.nested ? '|nested' : ''}${shape.evidence ? '|evidence' : ''}`;

/** The entity asked for, or the survivor of a merged-away id, as `e`. */
const ENTITY_OR_SURVIVOR = `
    OPTIONAL MATCH (asked:${E} {id: $id})
    OPTIONAL MATCH (:MergedEntity {id: $id})-[:MERGED_INTO*1..20]->(survivor:${E})
    WITH coalesce(asked, survivor) AS e
    WHERE e IS NOT NULL`;

const build = (variant: LinkVariant, direction: Direction, shape: LookAheadShape) => `${ENTITY_OR_SURVIVOR}${relationshipPageCalls(variant, direction, undefined, ', collect(r.id) AS relationshipIds, collect(DISTINCT other) AS others')}
    ${
      shape.evidence
        ? `CALL (relationshipIds) {
      UNWIND relationshipIds AS relationshipId
      MATCH (ev:${EV} {relationshipId: relationshipId})
      WITH ev ORDER BY ev.documentId, ev.start
      RETURN collect(ev { .* }) AS evidence
    }`
        : 'WITH e, total, items, others, [] AS evidence'
    }
    ${
      shape.nested
        ? `CALL (others) {
      UNWIND others AS e${relationshipPageCalls(variant, direction, { offset: '$nestedOffset', limit: '$nestedLimit' })}
      RETURN collect({ id: e.id, total: total, items: items }) AS nestedPages
    }`
        : 'WITH e, total, items, evidence, [] AS nestedPages'
    }
    RETURN ${ENTITY_PROJECTION('e')} AS entity, total, items, evidence, nestedPages`;

const statements = new Map<string, Statement>(
  LINK_VARIANTS.flatMap((variant) =>
    DIRECTIONS.flatMap((direction) =>
      SHAPES.map((shape) => {
        const suffix = `${shape.nested ? '.nested' : ''}${shape.evidence ? '.evidence' : ''}`;
        return [shapeKey(variant, direction, shape), { name: `entities.lookAhead.${direction}${variant.key}${suffix}`, cypher: build(variant, direction, shape) }] as const;
      }),
    ),
  ),
);

export interface LookAheadRequest extends LookAheadShape {
  /** The first page: direction, filter and window. */
  page: RelationshipPageArgs;
  /** The nested pages' window (same direction and filter as `page`); required when `nested`. */
  nestedWindow?: { offset: number; limit: number };
}

export interface LookAheadResult {
  entity: EntityRecord;
  page: Page<RelationshipRecord>;
  /** Evidence per relationship of the first page (every id present, possibly with none); empty unless asked. */
  evidence: Map<string, EvidenceRecord[]>;
  /** Pages of the entities at the other end, by their id; empty unless asked. */
  nestedPages: Map<string, Page<RelationshipRecord>>;
}

/** The entity (a merged-away id gives its survivor) with what `request` asks for; null when unknown. */
export async function getEntityLookAhead(client: GraphClient, deadline: Deadline, id: string, request: LookAheadRequest): Promise<LookAheadResult | null> {
  const { variant, params } = linkVariant(request.page);
  const statement = statements.get(shapeKey(variant, request.page.direction, request))!;
  const nested = request.nested ? (request.nestedWindow ?? { offset: 0, limit: request.page.limit }) : null;
  const [row] = await client.read<{
    entity: EntityRecord;
    total: number;
    items: RelationshipRecord[];
    evidence: EvidenceRecord[];
    nestedPages: { id: string; total: number; items: RelationshipRecord[] }[];
  }>(
    statement,
    { id, ...params, offset: request.page.offset, limit: request.page.limit, ...(nested ? { nestedOffset: nested.offset, nestedLimit: nested.limit } : {}) },
    deadline,
  );
  if (!row) return null;
  const evidence = new Map<string, EvidenceRecord[]>();
  if (request.evidence) {
    for (const item of row.items) evidence.set(item.id, []);
    for (const record of row.evidence) evidence.get(record.relationshipId)?.push(record);
  }
  const nestedPages = new Map(row.nestedPages.map((p) => [p.id, { items: p.items, totalCount: p.total, offset: nested!.offset }]));
  return { entity: row.entity, page: { items: row.items, totalCount: row.total, offset: request.page.offset }, evidence, nestedPages };
}

const neighborStatements = new Map<string, Statement>(
  LINK_VARIANTS.flatMap((variant) =>
    DIRECTIONS.map(
      (direction) =>
        [
          `${variant.key}|${direction}`,
          {
            name: `entities.lookAheadNeighbors.${direction}${variant.key}`,
            cypher: `${ENTITY_OR_SURVIVOR}${neighborPageCalls(variant, direction)}
    RETURN ${ENTITY_PROJECTION('e')} AS entity, size(neighbors) AS total, items, ${neighborCacheDegree(variant, direction)} AS degree`,
          },
        ] as const,
    ),
  ),
);

/**
 * The entity (a merged-away id gives its survivor) with a page of its neighbours, in one round
 * trip; null when unknown, undefined when not read (see below). A hub whose pages the client's cache keeps is not read this way: its
 * cached page costs a constant-time degree check (getNeighborPages), far less than reading every
 * neighbour again. A page read here is offered to that cache as getNeighborPages would.
 */
export async function getEntityWithNeighbors(
  client: GraphClient,
  deadline: Deadline,
  id: string,
  args: NeighborPageArgs,
): Promise<{ entity: EntityRecord; page: Page<NeighborRecord> } | null | undefined> {
  const { variant, params } = linkVariant(args);
  if (variant.plain && client.cache.isDense(id)) return undefined;
  const generation = client.cache.generation;
  const [row] = await client.read<{ entity: EntityRecord; total: number; items: NeighborRecord[]; degree: number | null }>(
    neighborStatements.get(`${variant.key}|${args.direction}`)!,
    { id, ...params, kinds: args.kinds?.length ? args.kinds : null, offset: args.offset, limit: args.limit },
    deadline,
  );
  if (!row) return null;
  const page = { items: row.items, totalCount: row.total, offset: args.offset };
  if (variant.plain && row.degree !== null) client.cache.keep(row.entity.id, neighborPageKey(row.entity.id, args), page, row.degree, generation);
  return { entity: row.entity, page };
}
