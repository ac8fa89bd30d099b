/**
 * Migration 5's data: entities and relationships written before curation existed are CURATED,
 * relationships get `sources` (distinct documents with evidence), entities their name keys. Keyset
 * batches over Entity.id like the degree backfill; each batch is idempotent.
 */
import type { GraphClient, Statement } from './client.js';
import { GRAPH } from '../domain/vocabulary.js';
import { nameKeys } from '../domain/nameKeys.js';
import { ANY_DOMAIN_TYPE } from './linkFilter.js';
import { SET_NAME_KEYS } from './nameKeyIndex.js';
import { BACKFILL_BATCH } from './degree.js';

const { entityLabel: E, evidenceLabel: EV } = GRAPH;

/** Cypher: `sources` of the relationship bound to `r`, from its evidence. */
export const COUNT_SOURCES = (r: string) => `COUNT { MATCH (ev:${EV} {relationshipId: ${r}.id}) RETURN DISTINCT ev.documentId }`;

const readBatch: Statement = {
  name: 'curation.backfillRead',
  cypher: `
    MATCH (e:${E}) WHERE e.id > $after
    WITH e ORDER BY e.id ASC LIMIT $batch
    RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases`,
};

const writeBatch: Statement = {
  name: 'curation.backfillWrite',
  cypher: `
    UNWIND $rows AS row
    MATCH (e:${E} {id: row.id})
    SET e.curation = coalesce(e.curation, 'CURATED')
    ${SET_NAME_KEYS('e', 'row.keys')}
    WITH e
    CALL (e) {
      MATCH (e)-[r:${ANY_DOMAIN_TYPE}]->()
      SET r.curation = coalesce(r.curation, 'CURATED'), r.sources = ${COUNT_SOURCES('r')}
      RETURN count(r) AS relationships
    }
    RETURN count(e) AS updated`,
};

export async function backfillCuration(client: GraphClient, batch = BACKFILL_BATCH): Promise<number> {
  let after = '';
  let total = 0;
  for (;;) {
    const rows = await client.read<{ id: string; name: string; aliases: string[] }>(readBatch, { after, batch });
    if (!rows.length) return total;
    await client.write(writeBatch, { rows: rows.map((row) => ({ id: row.id, keys: nameKeys(row.name, row.aliases) })) });
    total += rows.length;
    if (rows.length < batch) return total;
    after = rows.at(-1)!.id;
  }
}
