/** Relationships, their evidence, documents and mentions: resolved through the request's loaders. */
import type { Resolvers } from '../generated/resolvers.js';
import type { EntityRecord } from '../graph/records.js';
import type { Loaders } from './loaders.js';
import { notFound } from '../domain/errors.js';
import { pageWindow, toConnection } from './pagination.js';

/**
 * An entity a non-null field points at; gone only if deleted while this request was running.
 * An entity that came embedded in its record is returned as is, not as a promise: a subgraph has
 * hundreds of endpoints, and graphql-js completes plain values much faster than promises.
 */
function requireEntity(loaders: Loaders, id: string, embedded?: EntityRecord): EntityRecord | Promise<EntityRecord> {
  return embedded ?? loadEntity(loaders, id);
}

async function loadEntity(loaders: Loaders, id: string): Promise<EntityRecord> {
  const entity = await loaders.entity.load(id);
  if (!entity) throw notFound(`entity "${id}" no longer exists`);
  return entity;
}

async function requireDocument(loaders: Loaders, id: string) {
  const document = await loaders.document.load(id);
  if (!document) throw notFound(`document "${id}" no longer exists`);
  return document;
}

export const linkResolvers: Pick<Resolvers, 'Relationship' | 'Evidence' | 'Document' | 'Mention' | 'NeighborEdge' | 'EntityMerge'> = {
  Relationship: {
    source: (relationship, _args, { loaders }) => requireEntity(loaders, relationship.sourceId, relationship.source),
    target: (relationship, _args, { loaders }) => requireEntity(loaders, relationship.targetId, relationship.target),
    evidence: (relationship, _args, { loaders }) => loaders.evidence.load(relationship.id),
  },
  Evidence: {
    document: (evidence, _args, { loaders }) => requireDocument(loaders, evidence.documentId),
    extractor: (evidence) => (evidence.extractorName ? { name: evidence.extractorName, version: evidence.extractorVersion ?? '' } : null),
    confidence: (evidence) => evidence.confidence ?? null,
  },
  EntityMerge: {
    survivor: (merge, _args, { loaders }) => requireEntity(loaders, merge.survivorId),
  },
  Document: {
    async mentions(document, { first, after }, { loaders }) {
      return toConnection(await loaders.documentMentions(pageWindow(first, after)).load(document.id));
    },
  },
  NeighborEdge: {
    node: (edge) => edge.entity,
  },
  Mention: {
    entity: (mention, _args, { loaders }) => requireEntity(loaders, mention.entityId),
    document: (mention, _args, { loaders }) => requireDocument(loaders, mention.documentId),
  },
};
