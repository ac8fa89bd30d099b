/**
 * Writes a machine extraction (src/domain/machineExtraction.ts) in ONE transaction: the document
 * (idempotent on its content hash), PROPOSED entities for NEW and AMBIGUOUS ones (with their
 * candidates), mentions on EXISTING entities without touching a CURATED entity's fields, PROPOSED
 * relationships and co-mentions, and evidence carrying confidence and the extractor. A link that
 * exists already gains this document's evidence and its `sources` is recounted.
 */
import { contentHash } from '../domain/article.js';
import type { GraphClient, Statement } from './client.js';
import type { MachineExtraction } from '../domain/machineExtraction.js';
import { checkExtraction, formatPath } from '../domain/validateExtraction.js';
import { nameKeys } from '../domain/nameKeys.js';
import { CO_MENTION, ENTITY_KIND_NAMES, GRAPH, LINK_TYPE_NAMES, type LinkType } from '../domain/vocabulary.js';
import { existingState, IngestConflictError, mergeLinkRows, mergeMentions, recountSources, tally, type Tally } from './ingest.js';
import { evidenceId, relationshipId } from '../domain/ids.js';
import { relationshipEndpoints } from './relationshipKeys.js';
import { ADD_NAME_KEYS } from './nameKeyIndex.js';
import { REJECTED_CO_MENTION_TYPE, REJECTED_TYPE } from './linkFilter.js';
import { recomputeDegrees } from './degree.js';

const { entityLabel: E, documentLabel: D, evidenceLabel: EV, citesType: CITES } = GRAPH;

/** A machine entity that may be the same as an existing one (AMBIGUOUS): reviewed, never merged silently. */
export const CANDIDATE_TYPE = 'MAY_BE';

export interface ArticleSummary {
  documentId: string;
  /** False when a document with the same text existed: nothing was written. */
  created: boolean;
  entities: Tally;
  relationships: Tally;
  evidence: Tally;
  mentions: Tally;
}

/** The extraction contradicts itself or the graph in a way only a bug in the extractor explains. */
export class MachineExtractionError extends Error {
  override name = 'MachineExtractionError';
}


const documentByHash: Statement = {
  name: 'article.documentByHash',
  cypher: `
    OPTIONAL MATCH (byHash:${D} {contentHash: $contentHash})
    OPTIONAL MATCH (byId:${D} {id: $documentId})
    RETURN byHash.id AS sameText, byId.id IS NOT NULL AS idTaken`,
};

const createDocument: Statement = {
  name: 'article.createDocument',
  cypher: `
    CREATE (d:${D} {id: $document.id, title: $document.title, text: $document.text, source: $document.source,
                    url: $document.url, contentHash: $document.contentHash, ingestedAt: datetime()})
    SET d.publishedAt = CASE WHEN $document.publishedAt IS NULL THEN null ELSE date($document.publishedAt) END`,
};

/** One statement per kind (labels cannot be parameters). A CURATED entity is never changed here. */
const upsertEntitiesOfKind = Object.fromEntries(
  ENTITY_KIND_NAMES.map((kind) => [
    kind,
    {
      name: `article.upsertEntities.${kind}`,
      cypher: `
        UNWIND $rows AS row
        MERGE (e:${E} {id: row.id})
        ON CREATE SET e:${kind}, e += row.properties, e.aliases = [], e.curation = 'PROPOSED', e.degree = 0
        WITH e, row
        CALL (e, row) {
          WITH e, row WHERE e.curation = 'PROPOSED'
          SET e.aliases = reduce(known = e.aliases, alias IN [row.properties.name] + row.aliases |
                            CASE WHEN alias = e.name OR alias IN known THEN known ELSE known + alias END),
              e.confidence = CASE WHEN e.confidence IS NULL OR row.confidence > e.confidence THEN row.confidence ELSE e.confidence END
          SET e.aliasText = reduce(text = '', alias IN e.aliases | text + alias + ' | ')
          ${ADD_NAME_KEYS('e', 'row.nameKeys')}
        }
        WITH e, row
        UNWIND row.candidates AS candidateId
        MATCH (c:${E} {id: candidateId})
        MERGE (e)-[:${CANDIDATE_TYPE}]->(c)`,
    } satisfies Statement,
  ]),
) as Record<string, Statement>;

const rejectedLinks: Statement = {
  name: 'article.rejectedLinks',
  cypher: `
    UNWIND $relationships AS rel
    MATCH (:${E} {id: rel.source})-[r:${REJECTED_TYPE}|${REJECTED_CO_MENTION_TYPE}]->(:${E} {id: rel.target})
    WHERE r.id = rel.id
    RETURN collect(r.id) AS ids`,
};

/** New links are PROPOSED; a known one keeps its status (a CURATED link stays CURATED). */
const mergeLinksOfType = Object.fromEntries(
  LINK_TYPE_NAMES.map((type) => [
    type,
    {
      name: `article.mergeLinks.${type}`,
      cypher: mergeLinkRows(type, `
        ON CREATE SET r.curation = 'PROPOSED', r.sources = 0`),
    } satisfies Statement,
  ]),
) as Record<LinkType, Statement>;

const mergeEvidence: Statement = {
  name: 'article.mergeEvidence',
  cypher: `
    MATCH (d:${D} {id: $documentId})
    UNWIND $rows AS row
    MERGE (ev:${EV} {id: row.id})
    ON CREATE SET ev += row.properties
    MERGE (ev)-[:${CITES}]->(d)`,
};

interface LinkRow {
  id: string;
  type: LinkType;
  source: string;
  target: string;
  confidence: number;
  evidence: MachineExtraction['relationships'][number]['evidence'];
}

/** Checks what the extractor handed over and returns the rows to write; throws MachineExtractionError. */
function prepare(extraction: MachineExtraction) {
  const { document } = extraction;
  const typed = extraction.relationships.filter((r) => r.type !== CO_MENTION);
  // An article in which the extractor found nothing is still a document (the curated shape needs an entity).
  if (!extraction.entities.length) {
    if (extraction.relationships.length) throw new MachineExtractionError('relationships without entities');
    if (contentHash(document.text) !== document.contentHash) throw new MachineExtractionError('document.contentHash is not the sha256 of document.text');
    return { mentions: [], links: [] };
  }
  const checked = checkExtraction({
    document: { id: document.id, title: document.title, source: document.source, publishedAt: document.publishedAt ?? null, text: document.text },
    entities: extraction.entities.map((e) => e.entity),
    relationships: typed.map(({ type, source, target, evidence }) => ({ type, source, target, evidence })),
  });
  if (!checked.ok) {
    const first = checked.problems[0]!;
    throw new MachineExtractionError(`the machine extraction is invalid (${checked.problems.length} problems); first: ${formatPath(first.path)}: ${first.message}`);
  }
  if (contentHash(document.text) !== document.contentHash) throw new MachineExtractionError('document.contentHash is not the sha256 of document.text');
  const entityIds = new Set(extraction.entities.map((e) => e.entity.id));
  for (const link of extraction.relationships.filter((r) => r.type === CO_MENTION)) {
    if (!entityIds.has(link.source) || !entityIds.has(link.target) || link.source === link.target) {
      throw new MachineExtractionError(`co-mention ${link.source} – ${link.target} must join two distinct entities of the extraction`);
    }
    for (const ev of link.evidence) {
      if (document.text.slice(ev.start, ev.end) !== ev.quote) throw new MachineExtractionError(`co-mention evidence at ${ev.start}–${ev.end} does not match the text`);
    }
  }
  // A co-mention has no direction: stored once, from the lower id to the higher.
  const links: LinkRow[] = extraction.relationships.map((r) => {
    const [source, target] = r.type === CO_MENTION && r.source > r.target ? [r.target, r.source] : [r.source, r.target];
    return { id: relationshipId({ source, type: r.type, target }), type: r.type, source, target, confidence: r.confidence, evidence: r.evidence };
  });
  return { mentions: checked.value.mentions, links };
}

/** Writes the extraction; an article whose text is already stored is returned with created=false. */
export async function writeMachineExtraction(client: GraphClient, extraction: MachineExtraction): Promise<ArticleSummary> {
  const { mentions, links } = prepare(extraction);
  return write(client, extraction, mentions, links);
}

function write(client: GraphClient, extraction: MachineExtraction, mentions: ReturnType<typeof prepare>['mentions'], links: LinkRow[]): Promise<ArticleSummary> {
  const { document, extractor } = extraction;
  const evidenceRows = links.flatMap((link) =>
    link.evidence.map((ev) => ({
      id: evidenceId({ relationshipId: link.id, documentId: document.id, start: ev.start, end: ev.end }),
      properties: {
        relationshipId: link.id,
        documentId: document.id,
        quote: ev.quote,
        start: ev.start,
        end: ev.end,
        basis: ev.basis,
        confidence: link.confidence,
        extractorName: extractor.name,
        extractorVersion: extractor.version,
      },
    })),
  );
  const none = { created: 0, merged: 0 };
  return client.writeTransaction(async (run) => {
    const [found] = (await run(documentByHash, { contentHash: document.contentHash, documentId: document.id })) as [{ sameText: string | null; idTaken: boolean }];
    if (found.sameText) return { documentId: found.sameText, created: false, entities: none, relationships: none, evidence: none, mentions: none };
    if (found.idTaken) throw new IngestConflictError(`document "${document.id}" already exists with a different text`);

    const entityIds = extraction.entities.map((e) => e.entity.id);
    const [state] = (await run(existingState, {
      documentId: document.id,
      entityIds,
      evidenceIds: evidenceRows.map((e) => e.id),
      relationshipIds: links.map((l) => l.id),
    })) as [{ entities: { id: string; kind: string }[]; evidence: string[]; relationships: string[] }];
    const kindById = new Map(state.entities.map((e) => [e.id, e.kind]));
    for (const { entity, resolution } of extraction.entities) {
      const kind = kindById.get(entity.id);
      if (resolution === 'EXISTING' && !kind) throw new IngestConflictError(`entity "${entity.id}" was matched but no longer exists; ingest the article again`);
      if (kind && kind !== entity.kind) throw new IngestConflictError(`entity "${entity.id}" exists as a ${kind}; the extraction says ${entity.kind}`);
    }

    await run(createDocument, { document: { ...document, url: document.url ?? null, publishedAt: document.publishedAt ?? null } });
    for (const kind of ENTITY_KIND_NAMES) {
      const rows = extraction.entities
        .filter((e) => e.entity.kind === kind)
        .map(({ entity, candidates, confidence, resolution }) => {
          const { id, aliases, ...properties } = entity;
          return { id, aliases, properties, confidence, nameKeys: nameKeys(entity.name, aliases), candidates: resolution === 'AMBIGUOUS' ? candidates : [] };
        });
      if (rows.length) await run(upsertEntitiesOfKind[kind]!, { rows });
    }
    await run(mergeMentions, { documentId: document.id, rows: mentions });

    const [rejected] = (await run(rejectedLinks, { relationships: relationshipEndpoints(links.map((l) => l.id)) })) as [{ ids: string[] }];
    const isRejected = new Set(rejected.ids);
    for (const type of LINK_TYPE_NAMES) {
      // A rejected link stays rejected: it only gains the evidence (kept for audit).
      const rows = links
        .filter((l) => l.type === type && !isRejected.has(l.id))
        .map(({ id, source, target, evidence }) => ({ id, source, target, basis: evidence.some((ev) => ev.basis === 'STATED') ? 'STATED' : 'INFERRED' }));
      if (rows.length) await run(mergeLinksOfType[type], { rows });
    }
    await run(mergeEvidence, { documentId: document.id, rows: evidenceRows });
    await run(recountSources, { relationships: relationshipEndpoints(links.map((l) => l.id)) });
    await recomputeDegrees(run, entityIds);

    return {
      documentId: document.id,
      created: true,
      entities: tally(entityIds.length, state.entities.length),
      relationships: tally(links.length, state.relationships.length),
      evidence: tally(evidenceRows.length, state.evidence.length),
      mentions: tally(mentions.length, 0),
    };
  });
}
