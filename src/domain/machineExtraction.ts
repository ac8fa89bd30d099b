/**
 * What the automatic extractor (src/extraction) hands to the graph layer for one raw article: the
 * curated extraction's shape, with ids already resolved against the graph, plus what only a
 * machine extraction has — a confidence on every fact, how each entity was resolved, the weak
 * co-mention links, and the extractor's name and version on every piece of evidence.
 */
import type { ExtractedEntity, ExtractedEvidence } from './extraction.js';
import type { CO_MENTION, RelationshipType } from './vocabulary.js';

/** How an extracted entity was matched to what the graph already holds. */
export type Resolution =
  /** Matched one existing entity by normalised name, alias and kind: facts attach to it. */
  | 'EXISTING'
  /** Nothing matched: a new PROPOSED entity. */
  | 'NEW'
  /** Several existing entities matched: a new PROPOSED entity, and the candidates go to review. */
  | 'AMBIGUOUS';

export interface MachineEntity {
  /** Fields as in a curated extraction; `id` is the existing entity's id when resolution is EXISTING. */
  entity: ExtractedEntity;
  resolution: Resolution;
  /** Existing entity ids it may be the same as (AMBIGUOUS only). */
  candidates: string[];
  /** 0..1: how sure the extractor is of the entity and its kind. */
  confidence: number;
}

/** Two entities named in one sentence with no typed relation between them: a weak link (defined in the vocabulary). */
export { CO_MENTION } from './vocabulary.js';

export interface MachineRelationship {
  type: RelationshipType | typeof CO_MENTION;
  source: string;
  target: string;
  /** 0..1. */
  confidence: number;
  /** The sentence(s) of this article; quote === text.slice(start, end), UTF-16 offsets. */
  evidence: ExtractedEvidence[];
}

export interface MachineExtraction {
  document: {
    id: string;
    title: string;
    source: string;
    url?: string | null;
    publishedAt?: string | null;
    text: string;
    /** sha256 of the text, hex: the same text ingested twice is the same document. */
    contentHash: string;
  };
  /** E.g. { name: "newsgraph-corenlp", version: "1.0.0+corenlp-4.5.10" }; stored on every evidence. */
  extractor: { name: string; version: string };
  entities: MachineEntity[];
  relationships: MachineRelationship[];
}

/** Extracts one raw article; implemented by src/extraction, injected into resolvers and the CLI. */
export interface ArticleExtractor {
  extract(article: {
    text: string;
    title: string;
    source: string;
    url?: string | null;
    publishedAt?: string | null;
  }): Promise<MachineExtraction>;
}

/** The NLP server is down, refused, or timed out: the ingest answers SERVICE_UNAVAILABLE and writes nothing. */
export class NlpUnavailableError extends Error {
  override name = 'NlpUnavailableError';
}
