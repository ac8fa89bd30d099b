/** Reading documents and mentions (which entity is named where). */
import type { GraphClient, Statement } from './client.js';
import type { Deadline } from './deadline.js';
import type { DocumentRecord, MentionRecord, Page } from './records.js';
import { GRAPH } from '../domain/vocabulary.js';

const { entityLabel: E, documentLabel: D, mentionsType: MENTIONS } = GRAPH;

const DOCUMENT_PROJECTION = (d: string) => `${d} { .id, .title, .text, .source, .publishedAt, .url, .contentHash }`;

const documentsByIds: Statement = {
  name: 'documents.byIds',
  cypher: `
    UNWIND $ids AS id
    MATCH (d:${D} {id: id})
    RETURN ${DOCUMENT_PROJECTION('d')} AS document`,
};

export async function getDocumentsByIds(client: GraphClient, deadline: Deadline, ids: readonly string[]): Promise<DocumentRecord[]> {
  const rows = await client.read<{ document: DocumentRecord }>(documentsByIds, { ids }, deadline);
  return rows.map((row) => row.document);
}

const documentPage: Statement = {
  name: 'documents.list',
  cypher: `
    CALL () { MATCH (d:${D}) RETURN count(d) AS total }
    CALL () {
      MATCH (d:${D})
      WITH d ORDER BY d.publishedAt IS NULL, d.publishedAt DESC, d.title, d.id
      SKIP $offset LIMIT $limit
      RETURN collect(${DOCUMENT_PROJECTION('d')}) AS documents
    }
    RETURN total, documents`,
};

/** Documents newest first, undated last (Cypher sorts nulls FIRST when descending, hence `IS NULL`). */
export async function listDocuments(client: GraphClient, deadline: Deadline, offset: number, limit: number): Promise<Page<DocumentRecord>> {
  const [row] = await client.read<{ total: number; documents: DocumentRecord[] }>(documentPage, { offset, limit }, deadline);
  return { items: row?.documents ?? [], totalCount: row?.total ?? 0, offset };
}

const MENTION_PROJECTION = `{ documentId: d.id, entityId: e.id, start: m.start, end: m.end, text: m.text }`;

const mentionsOfEntities: Statement = {
  name: 'documents.mentionsOfEntities',
  cypher: `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    CALL (e) { MATCH (:${D})-[m:${MENTIONS}]->(e) RETURN count(m) AS total }
    CALL (e) {
      MATCH (d:${D})-[m:${MENTIONS}]->(e)
      WITH d, m, e ORDER BY d.id, m.start
      SKIP $offset LIMIT $limit
      RETURN collect(${MENTION_PROJECTION}) AS items
    }
    RETURN id, total, items`,
};

const mentionsInDocuments: Statement = {
  name: 'documents.mentionsInDocuments',
  cypher: `
    UNWIND $ids AS id
    MATCH (d:${D} {id: id})
    CALL (d) { MATCH (d)-[m:${MENTIONS}]->(:${E}) RETURN count(m) AS total }
    CALL (d) {
      MATCH (d)-[m:${MENTIONS}]->(e:${E})
      WITH d, m, e ORDER BY m.start
      SKIP $offset LIMIT $limit
      RETURN collect(${MENTION_PROJECTION}) AS items
    }
    RETURN id, total, items`,
};

type MentionPages = Map<string, Page<MentionRecord>>;

async function mentionPages(client: GraphClient, deadline: Deadline, statement: Statement, ids: readonly string[], offset: number, limit: number): Promise<MentionPages> {
  const rows = await client.read<{ id: string; total: number; items: MentionRecord[] }>(statement, { ids, offset, limit }, deadline);
  return new Map(rows.map((row) => [row.id, { items: row.items, totalCount: row.total, offset }]));
}

/** A page of mentions per entity id. */
export const getMentionsOfEntities = (client: GraphClient, deadline: Deadline, ids: readonly string[], offset: number, limit: number) =>
  mentionPages(client, deadline, mentionsOfEntities, ids, offset, limit);

/** A page of mentions per document id, in text order. */
export const getMentionsInDocuments = (client: GraphClient, deadline: Deadline, ids: readonly string[], offset: number, limit: number) =>
  mentionPages(client, deadline, mentionsInDocuments, ids, offset, limit);
