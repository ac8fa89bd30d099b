import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, currentMigrationVersion, LATEST_MIGRATION } from '../../src/graph/migrations.js';
import { ENTITY_SEARCH_INDEX } from '../../src/graph/entities.js';
import { testClient } from '../support/graph.js';

const client = testClient();
beforeAll(() => applyMigrations(client));
afterAll(() => client.close());

describe('migrations', () => {
  it('records every version and applies nothing on a second run', async () => {
    expect(await currentMigrationVersion(client)).toBe(LATEST_MIGRATION);
    expect(await applyMigrations(client)).toEqual([]);
  });

  it('creates the id constraints and the full-text index', async () => {
    const constraints = await client.read<{ name: string }>({ name: 'test.constraints', cypher: 'SHOW CONSTRAINTS YIELD name RETURN name' });
    expect(constraints.map((c) => c.name)).toEqual(expect.arrayContaining(['entity_id', 'document_id', 'evidence_id', 'migration_version']));
    const indexes = await client.read<{ name: string; state: string }>({ name: 'test.indexes', cypher: 'SHOW INDEXES YIELD name, state RETURN name, state' });
    const search = indexes.find((index) => index.name === ENTITY_SEARCH_INDEX);
    expect(search?.state).toBe('ONLINE');
    // Migration 5 replaced the first full-text index (it had no `kind`).
    expect(indexes.map((index) => index.name)).not.toContain('entity_search');
  });

  it('runs against Neo4j 5.26 Community', async () => {
    const [row] = await client.read<{ version: string; edition: string }>({
      name: 'test.components',
      cypher: 'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
    });
    expect(row?.version).toMatch(/^5\.26\./);
    expect(row?.edition).toBe('community');
  });
});
