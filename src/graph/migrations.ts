/**
 * Versioned schema migrations: constraints and indexes, applied in order at start-up and
 * recorded as (:Migration {version}) nodes. Each statement is idempotent (IF NOT EXISTS), and so is
 * each data backfill (it recomputes values from the graph), so two instances starting together, or
 * a crash between a step and its record, are harmless.
 */
import type { GraphClient, Statement } from './client.js';
import { GRAPH } from '../domain/vocabulary.js';
import { backfillDegrees } from './degree.js';
import { backfillCuration } from './curationBackfill.js';
import { REJECTED_CO_MENTION_TYPE, REJECTED_TYPE } from './linkFilter.js';
import { CO_MENTION } from '../domain/vocabulary.js';
import { ENTITY_SEARCH_INDEX } from './entities.js';

interface Migration {
  version: number;
  name: string;
  statements: string[];
  /**
   * Data written after the statements and their indexes are online, before the version is recorded.
   * It runs its own (batched) transactions: a large graph does not fit one.
   */
  backfill?: (client: GraphClient) => Promise<unknown>;
}

const { entityLabel: E, documentLabel: D, evidenceLabel: EV, migrationLabel: M } = GRAPH;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'unique ids',
    statements: [
      `CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:${E}) REQUIRE n.id IS UNIQUE`,
      `CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:${D}) REQUIRE n.id IS UNIQUE`,
      `CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:${EV}) REQUIRE n.id IS UNIQUE`,
      `CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (n:${M}) REQUIRE n.version IS UNIQUE`,
    ],
  },
  {
    version: 2,
    name: 'full-text search over names, aliases and descriptions',
    statements: [
      // The English analyzer splits "Self-Defense" into "self" + "defense" (so "self defense" finds it),
      // drops possessives ("Japan's" → "japan") and stems plurals ("regiments" finds "regiment").
      `CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:${E}) ON EACH [n.name, n.aliasText, n.description]
       OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'english' } }`,
    ],
  },
  {
    version: 3,
    name: 'range indexes for listing, evidence and timelines',
    statements: [
      `CREATE INDEX entity_name IF NOT EXISTS FOR (n:${E}) ON (n.name)`,
      `CREATE INDEX entity_kind IF NOT EXISTS FOR (n:${E}) ON (n.kind)`,
      `CREATE INDEX evidence_relationship IF NOT EXISTS FOR (n:${EV}) ON (n.relationshipId)`,
      `CREATE INDEX evidence_document IF NOT EXISTS FOR (n:${EV}) ON (n.documentId)`,
      `CREATE INDEX event_start_date IF NOT EXISTS FOR (n:Event) ON (n.startDate)`,
      `CREATE INDEX document_published IF NOT EXISTS FOR (n:${D}) ON (n.publishedAt)`,
    ],
  },
  {
    version: 4,
    name: 'stored entity degree, indexed for the most connected ranking',
    statements: [
      // stats.mostConnected reads the top k in the order of this index (src/graph/stats.ts).
      `CREATE INDEX entity_degree IF NOT EXISTS FOR (n:${E}) ON (n.degree)`,
    ],
    // Graphs written before this version have no degree: set it on every entity, in batches.
    backfill: backfillDegrees,
  },
  {
    version: 5,
    name: 'curation status, name keys, content hashes and merge redirects',
    statements: [
      // findEntitiesByNameKeys: `nameKeyText CONTAINS $needle` (src/graph/nameKeyIndex.ts).
      `CREATE TEXT INDEX entity_name_keys IF NOT EXISTS FOR (n:${E}) ON (n.nameKeyText)`,
      `CREATE INDEX entity_curation IF NOT EXISTS FOR (n:${E}) ON (n.curation)`,
      `CREATE INDEX document_content_hash IF NOT EXISTS FOR (n:${D}) ON (n.contentHash)`,
      `CREATE CONSTRAINT merged_entity_id IF NOT EXISTS FOR (n:MergedEntity) REQUIRE n.id IS UNIQUE`,
      `CREATE CONSTRAINT entity_merge_id IF NOT EXISTS FOR (n:EntityMerge) REQUIRE n.id IS UNIQUE`,
      `CREATE INDEX rejected_relationship_id IF NOT EXISTS FOR ()-[r:${REJECTED_TYPE}]-() ON (r.id)`,
      `CREATE INDEX rejected_co_mention_id IF NOT EXISTS FOR ()-[r:${REJECTED_CO_MENTION_TYPE}]-() ON (r.id)`,
      `CREATE INDEX co_mention_id IF NOT EXISTS FOR ()-[r:${CO_MENTION}]-() ON (r.id)`,
    ],
    // Everything written before is curated: status CURATED, sources counted, name keys from name and aliases.
    backfill: backfillCuration,
  },
  {
    version: 6,
    name: 'full-text index with the kind and curation status, so search filters inside the index',
    statements: [
      // Same analyzer and text fields as entity_search; `kind` and `curation` added so search(kinds,
      // statuses) is exact at any size (src/graph/entities.ts). A full-text index cannot be altered:
      // create the new, drop the old.
      `CREATE FULLTEXT INDEX ${ENTITY_SEARCH_INDEX} IF NOT EXISTS FOR (n:${E}) ON EACH [n.name, n.aliasText, n.description, n.kind, n.curation]
       OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'english' } }`,
      'DROP INDEX entity_search IF EXISTS',
    ],
  },
];

export const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((m) => m.version));

const appliedVersions: Statement = {
  name: 'migrations.applied',
  cypher: `MATCH (m:${M}) RETURN m.version AS version ORDER BY version`,
};

const recordMigration: Statement = {
  name: 'migrations.record',
  cypher: `MERGE (m:${M} {version: $version}) ON CREATE SET m.name = $name, m.appliedAt = datetime()`,
};

const awaitIndexes: Statement = { name: 'migrations.awaitIndexes', cypher: 'CALL db.awaitIndexes(120)' };

/** Applies every migration not yet recorded; returns the versions it applied. */
export async function applyMigrations(client: GraphClient): Promise<number[]> {
  const done = new Set((await client.read<{ version: number }>(appliedVersions)).map((row) => row.version));
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (done.has(migration.version)) continue;
    for (const [index, cypher] of migration.statements.entries()) {
      await client.write({ name: `migrations.v${migration.version}.${index}`, cypher });
    }
    await client.write(awaitIndexes);
    if (migration.backfill) await migration.backfill(client);
    await client.write(recordMigration, { version: migration.version, name: migration.name });
    applied.push(migration.version);
  }
  return applied;
}

/** The highest recorded migration version, or 0. */
export async function currentMigrationVersion(client: GraphClient): Promise<number> {
  const rows = await client.read<{ version: number }>(appliedVersions);
  return rows.at(-1)?.version ?? 0;
}
