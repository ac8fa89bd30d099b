/**
 * The shape of an extraction: one document and what a careful reader takes from it.
 * The seed file, `npm run ingest` and the `ingestDocument` mutation all accept this shape.
 * Structural rules live here; rules that need the document text (quotes, offsets, mentions)
 * live in ./validateExtraction.ts.
 */
import { z } from 'zod';
import type { EntityKind } from './vocabulary.js';
import { ACTOR_TYPE_NAMES, EVIDENCE_BASIS_NAMES, RELATIONSHIP_TYPE_NAMES } from './vocabulary.js';
import { DOCUMENT_ID_PATTERN, ENTITY_ID_PATTERN, MAX_ID_LENGTH } from './ids.js';

const nonBlank = z.string().trim().min(1, 'must not be empty');

/**
 * Names are range-indexed, and Neo4j refuses index keys over ~8 KB with a database error; this
 * bound keeps far below that in any UTF-8 and turns an overlong name into a clear problem.
 */
export const MAX_NAME_LENGTH = 500;

const entityId = z
  .string()
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .regex(ENTITY_ID_PATTERN, 'must look like "unit:seventh-regiment" (prefix, colon, lower-case slug)');

const isoDate = z.iso.date({ message: 'must be an ISO date such as 2025-06-30' });

const entityBase = {
  id: entityId,
  name: nonBlank.max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`),
  aliases: z.array(nonBlank).default([]),
  description: nonBlank,
};

export const actorSchema = z
  .object({
    ...entityBase,
    kind: z.literal('Actor'),
    actorType: z.enum(ACTOR_TYPE_NAMES),
    rank: nonBlank.optional(),
    role: nonBlank.optional(),
  })
  .strict();

export const countrySchema = z.object({ ...entityBase, kind: z.literal('Country') }).strict();

export const unitSchema = z
  .object({ ...entityBase, kind: z.literal('Unit'), echelon: nonBlank.optional(), branch: nonBlank.optional() })
  .strict();

export const policySchema = z
  .object({ ...entityBase, kind: z.literal('Policy'), policyType: nonBlank.optional(), status: nonBlank.optional() })
  .strict();

export const locationSchema = z
  .object({ ...entityBase, kind: z.literal('Location'), locationType: nonBlank.optional() })
  .strict();

export const eventSchema = z
  .object({
    ...entityBase,
    kind: z.literal('Event'),
    eventType: nonBlank.optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    /** Free text when the article implies a time but no date ("recently"). */
    period: nonBlank.optional(),
  })
  .strict();

export const equipmentSchema = z
  .object({ ...entityBase, kind: z.literal('Equipment'), equipmentType: nonBlank.optional() })
  .strict();

export const entitySchema = z.discriminatedUnion('kind', [
  actorSchema,
  countrySchema,
  unitSchema,
  policySchema,
  locationSchema,
  eventSchema,
  equipmentSchema,
]);

/** The fields only entities of one kind have (Actor: actorType, rank, role; …), read off the schemas above. */
export const KIND_SPECIFIC_FIELDS = Object.fromEntries(
  entitySchema.options.map((schema) => [
    schema.shape.kind.value,
    Object.keys(schema.shape).filter((field) => field !== 'kind' && !(field in entityBase)),
  ]),
) as Record<EntityKind, string[]>;

export const evidenceSchema = z
  .object({
    /** Verbatim substring of the document text; not trimmed, so the offsets are checked against exactly what was sent. */
    quote: z.string().refine((quote) => quote.trim().length > 0, 'must not be empty'),
    /** UTF-16 offsets into the document text: text.slice(start, end) === quote. */
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    basis: z.enum(EVIDENCE_BASIS_NAMES),
  })
  .strict();

export const relationshipSchema = z
  .object({
    type: z.enum(RELATIONSHIP_TYPE_NAMES),
    source: entityId,
    target: entityId,
    evidence: z.array(evidenceSchema).min(1, 'every relationship needs at least one evidence quote'),
  })
  .strict();

export const documentSchema = z
  .object({
    id: z.string().max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`).regex(DOCUMENT_ID_PATTERN, 'must look like "doc:japan-missile-regiments"'),
    title: nonBlank,
    source: nonBlank,
    publishedAt: isoDate.nullish(),
    /** The full text. Seed files may instead name a sibling file with `textFile`. */
    text: z.string().min(1, 'must not be empty'),
  })
  .strict();

export const extractionSchema = z
  .object({
    document: documentSchema,
    entities: z.array(entitySchema).min(1, 'an extraction needs at least one entity'),
    relationships: z.array(relationshipSchema).default([]),
  })
  .strict();

export type Extraction = z.infer<typeof extractionSchema>;
export type ExtractedEntity = z.infer<typeof entitySchema>;
export type ExtractedRelationship = z.infer<typeof relationshipSchema>;
export type ExtractedEvidence = z.infer<typeof evidenceSchema>;
export type ExtractedDocument = z.infer<typeof documentSchema>;
