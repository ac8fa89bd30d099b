/**
 * Writes a validated extraction in ONE transaction with MERGE on ids: loading the same input
 * twice changes nothing, a second document's evidence is added beside the first's, and a
 * failure half-way leaves nothing behind. Used by the seed, the ingest CLI and the mutation.
 */
import neo4j from 'neo4j-driver';
import type { GraphClient, Statement } from './client.js';
import type { ValidExtraction } from '../domain/validateExtraction.js';
import type { ExtractedEntity } from '../domain/extraction.js';
import { evidenceId, relationshipId } from '../domain/ids.js';
import { ENTITY_KIND_NAMES, GRAPH, RELATIONSHIP_TYPE_NAMES, type EntityKind, type RelationshipType } from '../domain/vocabulary.js';
import { recomputeDegrees } from './degree.js';
import { nameKeys } from '../domain/nameKeys.js';
import { ADD_NAME_KEYS } from './nameKeyIndex.js';
import { ANY_LINK_TYPE } from './linkFilter.js';
import { COUNT_SOURCES } from './curationBackfill.js';
import { relationshipEndpoints } from './relationshipKeys.js';

const { entityLabel: E, documentLabel: D, evidenceLabel: EV, mentionsType: MENTIONS, citesType: CITES } = GRAPH;

export interface Tally {
  created: number;
  merged: number;
}

export interface IngestSummary {
  documentId: string;
  document: Tally;
  entities: Tally;
  relationships: Tally;
  evidence: Tally;
  mentions: Tally;
}

export class IngestConflictError extends Error {
  override name = 'IngestConflictError';
}

/** What of an extraction the graph already holds; shared with the machine write path (ingestArticle.ts). */
export const existingState: Statement = {
  name: 'ingest.existingState',
  cypher: `
    OPTIONAL MATCH (d:${D} {id: $documentId})
    WITH d
    CALL (d) {
      UNWIND $entityIds AS id
      MATCH (e:${E} {id: id})
      RETURN collect({id: e.id, kind: e.kind}) AS entities
    }
    CALL () {
      UNWIND $evidenceIds AS id
      MATCH (ev:${EV} {id: id})
      RETURN collect(ev.id) AS evidence
    }
    CALL () {
      UNWIND $relationshipIds AS id
      MATCH (:${EV} {relationshipId: id})
      RETURN collect(DISTINCT id) AS relationships
    }
    CALL (d) {
      OPTIONAL MATCH (d)-[m:${MENTIONS}]->(e:${E})
      RETURN collect(e.id + '@' + toString(m.start)) AS mentions
    }
    RETURN d.text AS documentText, entities, evidence, relationships, mentions`,
};

const mergeDocument: Statement = {
  name: 'ingest.mergeDocument',
  cypher: `
    MERGE (d:${D} {id: $document.id})
    ON CREATE SET d.title = $document.title, d.text = $document.text, d.source = $document.source,
                  d.publishedAt = CASE WHEN $document.publishedAt IS NULL THEN null ELSE date($document.publishedAt) END,
                  d.ingestedAt = datetime()`,
};

/** One statement per kind: labels cannot be parameters, so they come from the vocabulary only. */
const mergeEntitiesOfKind = Object.fromEntries(
  ENTITY_KIND_NAMES.map((kind) => [
    kind,
    {
      name: `ingest.mergeEntities.${kind}`,
      cypher: `
        UNWIND $rows AS row
        MERGE (e:${E} {id: row.id})
        ON CREATE SET e:${kind}, e += row.properties, e.aliases = row.aliases
        // Another document may name a known entity differently: its name and aliases become aliases
        // (the stored name stays), so every mention's text is the entity's name or one of its aliases.
        ON MATCH SET e.aliases = reduce(known = e.aliases, alias IN [row.properties.name] + row.aliases |
                                   CASE WHEN alias = e.name OR alias IN known THEN known ELSE known + alias END)
        // A curated extraction vouches for the entity, also for one a machine proposed before.
        SET e.aliasText = reduce(text = '', alias IN e.aliases | text + alias + ' | '), e.curation = 'CURATED'
        ${ADD_NAME_KEYS('e', 'row.nameKeys')}`,
    } satisfies Statement,
  ]),
) as Record<EntityKind, Statement>;

/** Shared with the machine write path (ingestArticle.ts): mentions are the same whoever found them. */
export const mergeMentions: Statement = {
  name: 'ingest.mergeMentions',
  cypher: `
    MATCH (d:${D} {id: $documentId})
    UNWIND $rows AS row
    MATCH (e:${E} {id: row.entityId})
    MERGE (d)-[m:${MENTIONS} {start: row.start}]->(e)
    ON CREATE SET m.end = row.end, m.text = row.text`,
};

/**
 * MERGE of one `type` link per row (`row.id`, `.source`, `.target`, `.basis`) as `r`, ending in the
 * SET of its basis; `onCreate` is an ON CREATE clause for new links. Curated and machine ingests share it.
 */
export const mergeLinkRows = (type: string, onCreate = '') => `
        UNWIND $rows AS row
        MATCH (s:${E} {id: row.source}), (t:${E} {id: row.target})
        MERGE (s)-[r:${type} {id: row.id}]->(t)${onCreate}
        // A relationship is STATED once any document states it; INFERRED while all evidence infers it.
        SET r.basis = CASE WHEN r.basis = 'STATED' OR row.basis = 'STATED' THEN 'STATED' ELSE 'INFERRED' END`;

const mergeRelationshipsOfType = Object.fromEntries(
  RELATIONSHIP_TYPE_NAMES.map((type) => [
    type,
    {
      name: `ingest.mergeRelationships.${type}`,
      cypher: `${mergeLinkRows(type)},
            r.curation = 'CURATED'`,
    } satisfies Statement,
  ]),
) as Record<RelationshipType, Statement>;

/** Sets `sources` (distinct documents with evidence) of relationships; rows from relationshipEndpoints. */
export const recountSources: Statement = {
  name: 'ingest.recountSources',
  cypher: `
    UNWIND $relationships AS rel
    MATCH (:${E} {id: rel.source})-[r:${ANY_LINK_TYPE}]->(:${E} {id: rel.target})
    WHERE r.id = rel.id
    SET r.sources = ${COUNT_SOURCES('r')}`,
};

const mergeEvidence: Statement = {
  name: 'ingest.mergeEvidence',
  cypher: `
    MATCH (d:${D} {id: $documentId})
    UNWIND $rows AS row
    MERGE (ev:${EV} {id: row.id})
    ON CREATE SET ev += row.properties
    MERGE (ev)-[:${CITES}]->(d)`,
};

/** Writes the extraction; throws IngestConflictError (nothing written) if it contradicts the graph. */
export async function ingestExtraction(client: GraphClient, { extraction, mentions }: ValidExtraction): Promise<IngestSummary> {
  const { document, entities, relationships } = extraction;
  const relationshipRows = relationships.map((r) => ({ ...r, id: relationshipId(r) }));
  const evidenceRows = relationshipRows.flatMap((r) =>
    r.evidence.map((ev) => ({
      id: evidenceId({ relationshipId: r.id, documentId: document.id, start: ev.start, end: ev.end }),
      properties: { relationshipId: r.id, documentId: document.id, quote: ev.quote, start: ev.start, end: ev.end, basis: ev.basis },
    })),
  );
  return writeExtraction(client, document, entities, relationshipRows, evidenceRows, mentions);
}

function writeExtraction(
  client: GraphClient,
  document: ValidExtraction['extraction']['document'],
  entities: ValidExtraction['extraction']['entities'],
  relationshipRows: (ValidExtraction['extraction']['relationships'][number] & { id: string })[],
  evidenceRows: { id: string; properties: Record<string, unknown> }[],
  mentions: ValidExtraction['mentions'],
): Promise<IngestSummary> {
  return client.writeTransaction(async (run) => {
    const [state] = (await run(existingState, {
      documentId: document.id,
      entityIds: entities.map((e) => e.id),
      evidenceIds: evidenceRows.map((e) => e.id),
      relationshipIds: relationshipRows.map((r) => r.id),
    })) as [{ documentText: string | null; entities: { id: string; kind: string }[]; evidence: string[]; relationships: string[]; mentions: string[] }];

    if (state.documentText !== null && state.documentText !== document.text) {
      throw new IngestConflictError(
        `document "${document.id}" already exists with a different text; delete it first (deleteDocument) or give the new text another id`,
      );
    }
    const kindById = new Map(state.entities.map((e) => [e.id, e.kind]));
    for (const entity of entities) {
      const kind = kindById.get(entity.id);
      if (kind && kind !== entity.kind) {
        throw new IngestConflictError(`entity "${entity.id}" already exists as a ${kind}; this extraction says ${entity.kind}`);
      }
    }

    await run(mergeDocument, { document: { ...document, publishedAt: document.publishedAt ?? null } });
    for (const kind of ENTITY_KIND_NAMES) {
      const rows = entities.filter((e) => e.kind === kind).map(entityRow);
      if (rows.length) await run(mergeEntitiesOfKind[kind], { rows });
    }
    await run(mergeMentions, { documentId: document.id, rows: mentions });
    for (const type of RELATIONSHIP_TYPE_NAMES) {
      const rows = relationshipRows.filter((r) => r.type === type).map(({ id, source, target, evidence }) => ({
        id,
        source,
        target,
        basis: evidence.some((ev) => ev.basis === 'STATED') ? 'STATED' : 'INFERRED',
      }));
      if (rows.length) await run(mergeRelationshipsOfType[type], { rows });
    }
    await run(mergeEvidence, { documentId: document.id, rows: evidenceRows });
    await run(recountSources, { relationships: relationshipEndpoints(relationshipRows.map((r) => r.id)) });
    // The stored degree (src/graph/degree.ts) of every entity this extraction names: the endpoints of
    // its relationships, new or merged, and new entities with no relationship yet (degree 0).
    await recomputeDegrees(run, entities.map((e) => e.id));

    const documentExisted = state.documentText !== null;
    const existingMentions = new Set(state.mentions);
    return {
      documentId: document.id,
      document: tally(1, documentExisted ? 1 : 0),
      entities: tally(entities.length, state.entities.length),
      relationships: tally(relationshipRows.length, state.relationships.length),
      evidence: tally(evidenceRows.length, state.evidence.length),
      mentions: tally(mentions.length, mentions.filter((m) => existingMentions.has(`${m.entityId}@${m.start}`)).length),
    };
  });
}

export const tally = (total: number, existing: number): Tally => ({ created: total - existing, merged: existing });

/** Properties stored on the node: the shared fields plus whichever kind-specific fields are present. */
function entityRow(entity: ExtractedEntity) {
  const { id, aliases, ...properties } = entity;
  const stored: Record<string, unknown> = { ...properties };
  // Event dates are Neo4j DATE values, so the timeline sorts and filters on an index.
  for (const key of ['startDate', 'endDate']) {
    if (typeof stored[key] === 'string') stored[key] = toNeo4jDate(stored[key]);
  }
  return { id, aliases: [...new Set(aliases)], nameKeys: nameKeys(entity.name, aliases), properties: stored };
}

function toNeo4jDate(iso: string) {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new neo4j.types.Date(year, month, day);
}

const documentCount: Statement = { name: 'ingest.documentCount', cypher: `MATCH (d:${D}) RETURN count(d) AS documents` };

/** True when no document has been loaded yet (start-up seeds the graph then). */
export async function isGraphEmpty(client: GraphClient): Promise<boolean> {
  const [row] = await client.read<{ documents: number }>(documentCount);
  return (row?.documents ?? 0) === 0;
}
