/**
 * An entity with the first page of its relationships in ONE round trip, optionally with their
 * evidence and with the same kind of page for every entity at the other end (two levels). The
 * `entity` root field uses it when its selection set will surely ask for these
 * (src/resolvers/lookAhead.ts); the pages are exactly what getRelationshipPages and getEvidence
 * return for the same arguments, because they are built from the same Cypher fragments.
 */
import type { GraphClient } from './client.js';
import type { Deadline } from './deadline.js';
import type { EntityRecord, EvidenceRecord, NeighborRecord, Page, RelationshipRecord } from './records.js';
import { ENTITY_OR_SURVIVOR, ENTITY_PROJECTION } from './entities.js';
import { linkVariant } from './linkFilter.js';
import {
  EVIDENCE_OF,
  family,
  groupEvidence,
  keepNeighborPage,
  neighborCacheDegree,
  neighborPageCalls,
  neighborPageParams,
  relationshipPageCalls,
  statementOf,
  type NeighborPageArgs,
  type NeighborPageRow,
  type RelationshipPageArgs,
} from './relationships.js';

const ENTITY = ENTITY_OR_SURVIVOR('$id', 'e');

/** One family per shape: with or without the first page's evidence, with or without the next level. */
const lookAheadFamilies = [false, true].map((nested) =>
  [false, true].map((evidence) =>
    family(`entities.lookAhead${nested ? '.nested' : ''}${evidence ? '.evidence' : ''}`, (variant, direction) => `${ENTITY}${relationshipPageCalls(variant, direction, undefined, ', collect(r.id) AS relationshipIds, collect(DISTINCT other) AS others')}
    ${
      evidence
        ? `CALL (relationshipIds) {${EVIDENCE_OF('relationshipIds')}
      RETURN collect(ev { .* }) AS evidence
    }`
        : 'WITH e, total, items, others, [] AS evidence'
    }
    ${
      nested
        ? `CALL (others) {
      UNWIND others AS e${relationshipPageCalls(variant, direction, { offset: '$nestedOffset', limit: '$nestedLimit' })}
      RETURN collect({ id: e.id, total: total, items: items }) AS nestedPages
    }`
        : 'WITH e, total, items, evidence, [] AS nestedPages'
    }
    RETURN ${ENTITY_PROJECTION('e')} AS entity, total, items, evidence, nestedPages`),
  ),
);

export interface LookAheadRequest {
  /** The first page: direction, filter and window. */
  page: RelationshipPageArgs;
  /** Also the evidence of every relationship on the first page. */
  evidence: boolean;
  /** Also a page (same direction and filter, this window) for every entity at the other end; null: not. */
  nested: { offset: number; limit: number } | null;
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
  const { page, evidence, nested } = request;
  const { variant, params } = linkVariant(page);
  const statement = statementOf(lookAheadFamilies[nested ? 1 : 0]![evidence ? 1 : 0]!, variant, page.direction);
  const [row] = await client.read<{
    entity: EntityRecord;
    total: number;
    items: RelationshipRecord[];
    evidence: EvidenceRecord[];
    nestedPages: { id: string; total: number; items: RelationshipRecord[] }[];
  }>(
    statement,
    { id, ...params, offset: page.offset, limit: page.limit, ...(nested ? { nestedOffset: nested.offset, nestedLimit: nested.limit } : {}) },
    deadline,
  );
  if (!row) return null;
  return {
    entity: row.entity,
    page: { items: row.items, totalCount: row.total, offset: page.offset },
    evidence: evidence ? groupEvidence(row.evidence, row.items.map((item) => item.id)) : new Map(),
    nestedPages: new Map(row.nestedPages.map((p) => [p.id, { items: p.items, totalCount: p.total, offset: nested!.offset }])),
  };
}

const neighborStatements = family(
  'entities.lookAheadNeighbors',
  (variant, direction) => `${ENTITY}${neighborPageCalls(variant, direction)}
    RETURN ${ENTITY_PROJECTION('e')} AS entity, size(neighbors) AS total, items, ${neighborCacheDegree(variant, direction)} AS degree`,
);

/**
 * The entity (a merged-away id gives its survivor) with a page of its neighbours, in one round
 * trip; null when unknown, undefined when not read: a hub whose pages the client's cache keeps
 * costs only a constant-time degree check through getNeighborPages, far less than reading every
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
  const [row] = await client.read<{ entity: EntityRecord } & NeighborPageRow>(
    statementOf(neighborStatements, variant, args.direction),
    { id, ...neighborPageParams(args, params) },
    deadline,
  );
  return row ? { entity: row.entity, page: keepNeighborPage(client.cache, row.entity.id, args, row, generation) } : null;
}
