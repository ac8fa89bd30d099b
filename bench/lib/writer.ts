/**
 * Writes the synthetic graph (./synthetic.ts) into Neo4j with batched UNWIND statements, one
 * transaction per batch. It bypasses the extraction validator and uses CREATE instead of MERGE
 * (the generator guarantees unique ids), but the nodes, labels, relationships and properties are
 * those src/graph/ingest.ts writes: (:Entity:<Kind>), (:Document), (:Evidence)-[:CITES]->,
 * (:Document)-[:MENTIONS {start,end,text}]->, and <TYPE> {id, basis} between entities — and the
 * entities' stored `degree` (src/graph/degree.ts): created as 0 and raised, in the transaction that
 * writes a batch's relationships, by the number of them each entity is an end of (counted in JS).
 */
import type { GraphClient, Row, Statement } from '../../src/graph/client.js';
import { applyMigrations } from '../../src/graph/migrations.js';
import { ENTITY_KIND_NAMES, GRAPH, RELATIONSHIP_TYPE_NAMES, type EntityKind, type RelationshipType } from '../../src/domain/vocabulary.js';
import { documentCount, documents, entityAt, relationshipCount, type SyntheticDocument } from './synthetic.js';

const { entityLabel: E, documentLabel: D, evidenceLabel: EV, mentionsType: MENTIONS, citesType: CITES } = GRAPH;

const createEntities = Object.fromEntries(
  ENTITY_KIND_NAMES.map((kind) => [
    kind,
    { name: `bench.createEntities.${kind}`, cypher: `UNWIND $rows AS row CREATE (e:${E}:${kind}) SET e = row, e.degree = 0` } satisfies Statement,
  ]),
) as Record<EntityKind, Statement>;

const createDocuments: Statement = {
  name: 'bench.createDocuments',
  cypher: `
    UNWIND $rows AS row
    CREATE (d:${D} {id: row.id, title: row.title, text: row.text, source: row.source, publishedAt: row.publishedAt, ingestedAt: datetime()})`,
};

const createRelationships = Object.fromEntries(
  RELATIONSHIP_TYPE_NAMES.map((type) => [
    type,
    {
      name: `bench.createRelationships.${type}`,
      cypher: `
        UNWIND $rows AS row
        MATCH (s:${E} {id: row.source})
        MATCH (t:${E} {id: row.target})
        CREATE (s)-[:${type} {id: row.id, basis: row.basis}]->(t)`,
    } satisfies Statement,
  ]),
) as Record<RelationshipType, Statement>;

/** Adds each row's count of new relationship ends to the entity's stored degree. */
const addDegrees: Statement = {
  name: 'bench.addDegrees',
  cypher: `
    UNWIND $rows AS row
    MATCH (e:${E} {id: row.id})
    SET e.degree = e.degree + row.added`,
};

const createEvidence: Statement = {
  name: 'bench.createEvidence',
  cypher: `
    UNWIND $rows AS row
    MATCH (d:${D} {id: row.documentId})
    CREATE (ev:${EV}) SET ev = row
    CREATE (ev)-[:${CITES}]->(d)`,
};

const createMentions: Statement = {
  name: 'bench.createMentions',
  cypher: `
    UNWIND $rows AS row
    MATCH (d:${D} {id: row.documentId})
    MATCH (e:${E} {id: row.entityId})
    CREATE (d)-[:${MENTIONS} {start: row.start, end: row.end, text: row.text}]->(e)`,
};

const countEntities: Statement = { name: 'bench.countEntities', cypher: `MATCH (n:${E}) RETURN count(n) AS n` };

export interface GenerateOptions {
  entities: number;
  seed: number;
  /** Relationships (with their evidence and mentions) per transaction; entities per transaction. */
  batchSize: number;
  /** Delete all data first (the schema stays). Otherwise a graph that already holds entities is refused. */
  reset: boolean;
  /** Called after each committed batch with the phase and how many rows it wrote. */
  onProgress?: (phase: 'entities' | 'relationships', rows: number) => void;
}

export interface GenerateSummary {
  entities: number;
  relationships: number;
  documents: number;
  evidence: number;
  mentions: number;
  /** Nodes + relationships written. */
  rows: number;
  seconds: number;
  entitySeconds: number;
}

/** Plans the totals without writing, for the progress bar. */
export function plannedTotals(entities: number) {
  const relationships = relationshipCount(entities);
  return { entities, relationships, documents: documentCount(entities) };
}

/** Deletes every node except the migration records, in batches (a 1M graph does not fit one transaction). */
export async function deleteAllData(client: GraphClient): Promise<void> {
  const session = client.driver.session();
  try {
    // CALL … IN TRANSACTIONS needs an auto-commit transaction, so this bypasses GraphClient.
    await session.run('MATCH (n) WHERE NOT n:Migration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

export async function generateGraph(client: GraphClient, options: GenerateOptions): Promise<GenerateSummary> {
  const { entities: n, seed, batchSize } = options;
  const progress = options.onProgress ?? (() => undefined);
  await applyMigrations(client);
  if (options.reset) await deleteAllData(client);
  const [existing] = await client.read<{ n: number }>(countEntities);
  if ((existing?.n ?? 0) > 0) {
    throw new Error(`The graph already holds ${existing!.n} entities; pass --reset to replace them`);
  }

  const started = performance.now();
  // Entities, by kind within each batch (labels cannot be parameters).
  for (let from = 0; from < n; from += batchSize) {
    const byKind = new Map<EntityKind, Row[]>();
    const to = Math.min(n, from + batchSize);
    for (let i = from; i < to; i++) {
      const entity = entityAt(i, seed);
      const rows = byKind.get(entity.kind) ?? [];
      rows.push(entity.properties);
      byKind.set(entity.kind, rows);
    }
    await client.writeTransaction(async (run) => {
      for (const [kind, rows] of byKind) await run(createEntities[kind], { rows });
    });
    progress('entities', to - from);
  }
  const entitySeconds = (performance.now() - started) / 1000;

  const summary = { entities: n, relationships: 0, documents: 0, evidence: 0, mentions: 0 };
  let pending: SyntheticDocument[] = [];
  let pendingRelationships = 0;
  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const count = pendingRelationships;
    pendingRelationships = 0;
    await writeDocuments(client, batch);
    for (const document of batch) {
      summary.documents += 1;
      summary.relationships += document.relationships.length;
      summary.evidence += document.evidence.length;
      summary.mentions += document.mentions.length;
    }
    progress('relationships', count);
  };
  for (const document of documents(n, seed)) {
    pending.push(document);
    pendingRelationships += document.relationships.length;
    if (pendingRelationships >= batchSize) await flush();
  }
  await flush();

  const seconds = (performance.now() - started) / 1000;
  // Nodes: entities, documents, evidence. Relationships: domain, CITES (one per evidence), MENTIONS.
  const rows = summary.entities + summary.documents + summary.evidence + summary.relationships + summary.evidence + summary.mentions;
  return { ...summary, rows, seconds, entitySeconds };
}

/** Documents, their relationships, evidence and mentions in ONE transaction. */
async function writeDocuments(client: GraphClient, batch: SyntheticDocument[]): Promise<void> {
  const byType = new Map<RelationshipType, Row[]>();
  // Relationship ends per entity in this batch (no self-loops: source and target always differ).
  const added = new Map<string, number>();
  for (const document of batch) {
    for (const r of document.relationships) {
      const rows = byType.get(r.type) ?? [];
      rows.push({ id: r.id, source: r.source, target: r.target, basis: r.basis });
      byType.set(r.type, rows);
      for (const end of [r.source, r.target]) added.set(end, (added.get(end) ?? 0) + 1);
    }
  }
  await client.writeTransaction(async (run) => {
    await run(createDocuments, {
      rows: batch.map(({ id, title, text, source, publishedAt }) => ({ id, title, text, source, publishedAt })),
    });
    for (const [type, rows] of byType) await run(createRelationships[type], { rows });
    await run(addDegrees, { rows: [...added].map(([id, count]) => ({ id, added: count })) });
    await run(createEvidence, { rows: batch.flatMap((d) => d.evidence) });
    await run(createMentions, {
      rows: batch.flatMap((d) => d.mentions.map((m) => ({ documentId: d.id, entityId: m.entityId, start: m.start, end: m.end, text: m.text }))),
    });
  });
}
