/**
 * Plain records returned by src/graph. Resolvers receive these as parents (codegen's mappers,
 * see codegen.ts) and never see a driver type.
 */
import type { ActorType, CurationStatus, EntityKind, EvidenceBasis, LinkType } from '../domain/vocabulary.js';

export interface EntityRecord {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  description: string;
  actorType?: ActorType | null;
  rank?: string | null;
  role?: string | null;
  echelon?: string | null;
  branch?: string | null;
  policyType?: string | null;
  status?: string | null;
  locationType?: string | null;
  eventType?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  period?: string | null;
  equipmentType?: string | null;
  /** Absent only on graphs written before migration 5. */
  curation?: CurationStatus | null;
  nameKeys?: string[] | null;
}

export interface RelationshipRecord {
  id: string;
  type: LinkType;
  basis: EvidenceBasis;
  curation: CurationStatus;
  sources: number;
  sourceId: string;
  targetId: string;
  /** Present when the statement fetched the endpoints in the same round trip. */
  source?: EntityRecord;
  target?: EntityRecord;
}

export interface EvidenceRecord {
  id: string;
  relationshipId: string;
  documentId: string;
  quote: string;
  start: number;
  end: number;
  basis: EvidenceBasis;
  confidence?: number | null;
  extractorName?: string | null;
  extractorVersion?: string | null;
}

export interface DocumentRecord {
  id: string;
  title: string;
  text: string;
  source: string;
  publishedAt: string | null;
  url?: string | null;
  contentHash?: string | null;
}

/** One merge of an entity into a survivor (src/graph/merge.ts). */
export interface MergeRecord {
  mergedId: string;
  survivorId: string;
  mergedBy: string;
  mergedAt: string;
}

export interface ReviewQueueRecord {
  relationships: RelationshipRecord[];
  relationshipCount: number;
  entities: EntityRecord[];
  entityCount: number;
}

export interface MentionRecord {
  documentId: string;
  entityId: string;
  start: number;
  end: number;
  text: string;
}

export interface NeighborRecord {
  entity: EntityRecord;
  relationshipTypes: LinkType[];
  relationshipCount: number;
}

export interface SearchHitRecord {
  entity: EntityRecord;
  score: number;
}

export interface SubgraphRecord {
  nodes: EntityRecord[];
  edges: RelationshipRecord[];
  truncated: boolean;
}

export interface PathHopRecord {
  from: EntityRecord;
  to: EntityRecord;
  relationship: RelationshipRecord;
  forward: boolean;
}

export interface PathRecord {
  length: number;
  nodes: EntityRecord[];
  hops: PathHopRecord[];
}

export interface ConnectedEntityRecord {
  entity: EntityRecord;
  degree: number;
}

export interface StatsRecord {
  entityCount: number;
  relationshipCount: number;
  documentCount: number;
  mentionCount: number;
  entitiesByKind: { kind: EntityKind; count: number }[];
  relationshipsByType: { type: LinkType; count: number }[];
}

/** A page of a list: the rows plus the total, from one round trip. */
export interface Page<T> {
  items: T[];
  totalCount: number;
  /** Offset of the first item, for cursors. */
  offset: number;
}

export interface NeighborEdgeRecord extends NeighborRecord {
  cursor: string;
}
