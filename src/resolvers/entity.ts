/**
 * Fields every entity kind shares (relationships, neighbours, mentions, degree), mapped onto the
 * seven concrete types, plus the Entity and Node type resolution.
 */
import type { EntityNeighborsArgs, EntityRelationshipsArgs, EntityResolvers, NodeResolvers, Resolvers } from '../generated/resolvers.js';
import type { DocumentRecord, EntityRecord, NeighborRecord, Page, RelationshipRecord } from '../graph/records.js';
import type { NeighborPageArgs, RelationshipPageArgs } from '../graph/relationships.js';
import { ENTITY_KIND_NAMES, type EntityKind } from '../domain/vocabulary.js';
import { classifyId } from '../domain/ids.js';
import { whenRead, type Loaders } from './loaders.js';
import { boundedCount, MAX_MIN_SOURCES, pageWindow, toConnection, toEdgeConnection } from './pagination.js';

type EntityTypeResolvers = NonNullable<Resolvers['Actor']>;

/**
 * The data layer's page arguments for a `relationships` field; throws BAD_USER_INPUT on bad ones.
 * The look-ahead (./lookAhead.ts) primes the loader family under exactly these keys.
 */
export function relationshipPageArgs({ direction, types, statuses, minSources, includeCoMentions, first, after }: Partial<EntityRelationshipsArgs>): RelationshipPageArgs {
  const { offset, limit } = pageWindow(first, after);
  // Spelled out, not spread: an entity page of pages builds eleven of these per request.
  return { direction: direction ?? 'BOTH', types, statuses, minSources: boundedCount('minSources', minSources, 1, 1, MAX_MIN_SOURCES), includeCoMentions, offset, limit };
}

/** The data layer's page arguments for a `neighbors` field (the look-ahead primes under these keys too). */
export function neighborPageArgs({ direction, types, kinds, statuses, includeCoMentions, first, after }: Partial<EntityNeighborsArgs>): NeighborPageArgs {
  const { offset, limit } = pageWindow(first, after);
  return { direction: direction ?? 'BOTH', types, kinds, statuses, includeCoMentions, offset, limit };
}

function relationshipConnection(loaders: Loaders, page: Page<RelationshipRecord>) {
  for (const relationship of page.items) loaders.rememberEntities(relationship.source, relationship.target);
  return toConnection(page);
}

// Field by field: a spread of driver-decoded records is several times slower (decision 016).
const neighborConnection = (page: Page<NeighborRecord>) =>
  toEdgeConnection(page, ({ entity, relationshipTypes, relationshipCount }, cursor) => ({ entity, relationshipTypes, relationshipCount, cursor }));

const sharedEntityFields: EntityTypeResolvers = {
  // A page the look-ahead read comes without a promise (./loaders.ts, LoaderFamily.read).
  relationships: (entity, args, { loaders }) =>
    whenRead(loaders.relationships.read(relationshipPageArgs(args), entity.id), (page) => relationshipConnection(loaders, page)),
  neighbors: (entity, args, { loaders }) => whenRead(loaders.neighbors.read(neighborPageArgs(args), entity.id), neighborConnection),
  async mentions(entity, { first, after }, { loaders }) {
    return toConnection(await loaders.entityMentions(pageWindow(first, after)).load(entity.id));
  },
  curation: (entity) => entity.curation ?? 'CURATED',
  sources: (entity, _args, { loaders }) => loaders.entitySources.load(entity.id),
  merges: (entity, _args, { loaders }) => loaders.merges.load(entity.id),
  candidates: (entity, _args, { loaders }) => loaders.candidates.load(entity.id),
  degree(entity, { direction, types }, { loaders }) {
    return loaders.degree({ direction: direction ?? 'BOTH', types }).load(entity.id);
  },
};

export const entityTypeResolvers = Object.fromEntries(ENTITY_KIND_NAMES.map((kind) => [kind, sharedEntityFields])) as Record<
  EntityKind,
  EntityTypeResolvers
>;

export const Entity: EntityResolvers = {
  __resolveType: (entity) => entity.kind,
};

type NodeRecord = EntityRecord | RelationshipRecord | DocumentRecord;

export const Node: NodeResolvers = {
  __resolveType(node) {
    const record = node as NodeRecord;
    switch (classifyId(record.id)) {
      case 'entity':
        return (record as EntityRecord).kind;
      case 'relationship':
        return 'Relationship';
      case 'document':
        return 'Document';
      default:
        throw new Error(`"${record.id}" is the id of no Node type`);
    }
  },
};
