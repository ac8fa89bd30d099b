/**
 * Every id in the graph is formatted, parsed and classified here, and nowhere else:
 *
 *   entity        `prefix:slug`         actor:ryosei-akazawa (the prefix is the kind's idPrefix, ./vocabulary.ts)
 *   document      `doc:slug`            doc:japan-missile-regiments
 *   relationship  `source|TYPE|target`  country:japan|NEGOTIATES_WITH|actor:zorvan-ministry
 *   evidence      22 base64url chars    a SHA-256 of its relationship, document and offsets
 *
 * Relationship and evidence ids are derived from what they identify, so loading the same
 * extraction twice finds the same ids (ingest MERGEs on them).
 */
import { createHash } from 'node:crypto';
import { ENTITY_KIND_NAMES, ENTITY_KINDS, LINK_TYPE_NAMES, type EntityKind, type LinkType } from './vocabulary.js';

/**
 * Ids are range-indexed, and Neo4j refuses index keys over ~8 KB with a database error; this bound
 * keeps far below that in any UTF-8 and turns an overlong id into a clear problem.
 */
export const MAX_ID_LENGTH = 200;
/** Longest slug `slugify` makes: a minted id then stays well inside MAX_ID_LENGTH. */
export const MAX_SLUG_LENGTH = 100;

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
/** Lower-case words joined by single hyphens, so ids read well in URLs and in the IDE. */
export const SLUG_PATTERN = new RegExp(`^${SLUG}$`);
/** `prefix:slug`; whether the prefix names a kind is checked by `parseEntityId`. */
export const ENTITY_ID_PATTERN = new RegExp(`^[a-z]+:${SLUG}$`);
export const DOCUMENT_ID_PATTERN = new RegExp(`^doc:${SLUG}$`);

const DOCUMENT_PREFIX = 'doc';
const RELATIONSHIP_SEPARATOR = '|';
const EVIDENCE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

const KIND_BY_PREFIX = new Map<string, EntityKind>(ENTITY_KIND_NAMES.map((kind) => [ENTITY_KINDS[kind].idPrefix, kind]));
/** Typed relationships and the weak co-mention link share the id form. */
const RELATIONSHIP_TYPES = new Set<string>(LINK_TYPE_NAMES);

/**
 * A slug from free text: "Ryosei Akazawa" → "ryosei-akazawa", "Café Noël" → "cafe-noel". Accents
 * are dropped, every other run of characters outside a–z and 0–9 becomes one hyphen, and the slug
 * is cut (at a hyphen where it can be) to `maxLength`. Text without a letter or digit in a–z/0–9
 * gives "" — not a slug; `entityId` refuses it.
 */
export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  return lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut;
}

export const isSlug = (text: string): boolean => SLUG_PATTERN.test(text);

/** The id prefix of an entity kind ("actor" for Actor). */
export const entityIdPrefix = (kind: EntityKind): string => ENTITY_KINDS[kind].idPrefix;

/** `prefix:slug` of an entity of `kind`; throws on a slug `isSlug` refuses (a programming error). */
export function entityId(kind: EntityKind, slug: string): string {
  if (!isSlug(slug)) throw new RangeError(`not a slug: ${JSON.stringify(slug)}`);
  return `${entityIdPrefix(kind)}:${slug}`;
}

/** The id an entity of `kind` named `name` gets when a new one is minted from its name. */
export const entityIdFromName = (kind: EntityKind, name: string): string => entityId(kind, slugify(name));

/** The kind and slug of an entity id, or undefined when `id` is not one (an unknown prefix included). */
export function parseEntityId(id: string): { kind: EntityKind; slug: string } | undefined {
  if (id.length > MAX_ID_LENGTH || !ENTITY_ID_PATTERN.test(id)) return undefined;
  const colon = id.indexOf(':');
  const kind = KIND_BY_PREFIX.get(id.slice(0, colon));
  return kind ? { kind, slug: id.slice(colon + 1) } : undefined;
}

/** True when `id` is an entity id whose prefix is that of `kind`. */
export const isEntityIdOfKind = (id: string, kind: EntityKind): boolean => parseEntityId(id)?.kind === kind;

export function documentId(slug: string): string {
  if (!isSlug(slug)) throw new RangeError(`not a slug: ${JSON.stringify(slug)}`);
  return `${DOCUMENT_PREFIX}:${slug}`;
}

export const isDocumentId = (id: string): boolean => id.length <= MAX_ID_LENGTH && DOCUMENT_ID_PATTERN.test(id);

/** What a relationship id is made of. */
export interface RelationshipKey {
  source: string;
  type: LinkType;
  target: string;
}

/** Stable id of the relationship `type` from `source` to `target` (an extracted relationship will do). */
export const relationshipId = ({ source, type, target }: RelationshipKey): string =>
  `${source}${RELATIONSHIP_SEPARATOR}${type}${RELATIONSHIP_SEPARATOR}${target}`;

/** Source, type and target of a relationship id, or undefined when `id` is not one. */
export function parseRelationshipId(id: string): RelationshipKey | undefined {
  const parts = id.split(RELATIONSHIP_SEPARATOR);
  if (parts.length !== 3) return undefined;
  const [source, type, target] = parts as [string, string, string];
  if (!RELATIONSHIP_TYPES.has(type) || !parseEntityId(source) || !parseEntityId(target)) return undefined;
  return { source, type: type as LinkType, target };
}

/** What an evidence id is derived from: one quote of one document for one relationship. */
export interface EvidenceKey {
  relationshipId: string;
  documentId: string;
  start: number;
  end: number;
}

/** Stable id of a quote: the first 22 base64url characters (132 bits) of a SHA-256 of its key. */
export const evidenceId = ({ relationshipId, documentId, start, end }: EvidenceKey): string =>
  createHash('sha256').update(`${relationshipId}\u0000${documentId}\u0000${start}\u0000${end}`).digest('base64url').slice(0, 22);

export const isEvidenceId = (id: string): boolean => EVIDENCE_ID_PATTERN.test(id);

export type IdClass = 'entity' | 'document' | 'relationship' | 'evidence';

/**
 * What `id` identifies, judged by its form alone (it may not exist), or undefined for a string
 * that is no id at all. "doc:…" is a document even though it has the shape of an entity id.
 */
export function classifyId(id: string): IdClass | undefined {
  if (isDocumentId(id)) return 'document';
  if (parseEntityId(id)) return 'entity';
  if (id.includes(RELATIONSHIP_SEPARATOR)) return parseRelationshipId(id) ? 'relationship' : undefined;
  return isEvidenceId(id) ? 'evidence' : undefined;
}
