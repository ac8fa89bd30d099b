/**
 * The stored `degree` of every entity (src/graph/degree.ts) is exact after every write path: it is
 * compared, for every entity, with a live count of its domain relationships — after the seed, after
 * a second document that overlaps it, after deleting that document and after deleting the seed —
 * and migration 4 backfills it on a graph whose entities have none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { validateExtraction, type ValidExtraction } from '../../src/domain/validateExtraction.js';
import { RELATIONSHIP_TYPE_NAMES } from '../../src/domain/vocabulary.js';
import type { GraphClient, Statement } from '../../src/graph/client.js';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import { deleteDocument } from '../../src/graph/deleteDocument.js';
import { BACKFILL_BATCH, backfillDegrees } from '../../src/graph/degree.js';
import { ingestExtraction } from '../../src/graph/ingest.js';
import { applyMigrations } from '../../src/graph/migrations.js';
import { getMostConnected } from '../../src/graph/stats.js';
import { toParameters } from '../../src/graph/values.js';
import { SEED_FILE } from '../support/extractionFixtures.js';
import { resetDatabase, testClient } from '../support/graph.js';
import { relationshipId } from '../../src/domain/ids.js';

const client = testClient();
afterAll(() => client.close());

const seed = readExtractionFile(SEED_FILE);
const seedDocumentId = seed.extraction.document.id;

/** Every entity's stored degree beside its live count over the domain relationship types, and the old ranking's count. */
async function degrees() {
  return client.read<{ id: string; stored: number | null; live: number; allMinusMentions: number }>({
    name: 'test.degrees',
    cypher: `
      MATCH (e:Entity)
      RETURN e.id AS id, e.degree AS stored,
             COUNT { (e)-[:${RELATIONSHIP_TYPE_NAMES.join('|')}]-() } AS live,
             COUNT { (e)--() } - COUNT { (e)<-[:MENTIONS]-() } AS allMinusMentions
      ORDER BY id`,
  });
}

/** Asserts stored = live for every entity (and that there are entities to check); returns degree by id. */
async function expectExactDegrees(): Promise<Map<string, number>> {
  const rows = await degrees();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.stored, row.id).toBe(row.live);
    expect(row.live, row.id).toBe(row.allMinusMentions);
  }
  return new Map(rows.map((row) => [row.id, row.live]));
}

/** Degrees an extraction (or several, merged on relationship ids) implies. */
function degreesOf(...extractions: ValidExtraction[]): Map<string, number> {
  const result = new Map<string, number>();
  const seen = new Set<string>();
  for (const { extraction } of extractions) {
    for (const e of extraction.entities) result.set(e.id, result.get(e.id) ?? 0);
    for (const r of extraction.relationships) {
      const id = relationshipId(r);
      if (seen.has(id)) continue;
      seen.add(id);
      for (const end of [r.source, r.target]) result.set(end, (result.get(end) ?? 0) + 1);
    }
  }
  return new Map([...result].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * A second article that overlaps the seed: it restates a seed relationship (merged: no degree
 * changes), links two seed entities anew, links a seed hub to an entity only it names, and names
 * an entity it links to nothing (degree 0).
 */
function secondDocument(): ValidExtraction {
  const restated = seed.extraction.relationships.find((r) => r.type === 'IN_TENSION_WITH' && r.source === 'country:japan' && r.target === 'country:china');
  if (!restated) throw new Error('fixture: the seed no longer has IN_TENSION_WITH Japan → China');
  for (const [type, source, target] of [['CRITICIZES', 'country:china', 'country:japan'], ['OPERATES_NEAR', 'unit:chinese-navy', 'location:east-asia']]) {
    if (seed.extraction.relationships.some((r) => r.type === type && r.source === source && r.target === target)) {
      throw new Error(`fixture: the seed already has ${type} ${source} → ${target}`);
    }
  }
  const text =
    'Japan is in rising tension with China. China criticized Japan on Tuesday. ' +
    'The Chinese navy operates near East Asia and near the Zorvan Strait. Zorvan observers watched.';
  const quote = (words: string) => {
    const start = text.indexOf(words);
    if (start === -1) throw new Error(`fixture: "${words}" is not in the text`);
    return { quote: words, start, end: start + words.length, basis: 'STATED' as const };
  };
  return validateExtraction({
    document: { id: 'doc:degree-test', title: 'Degree test', source: 'written for the degree test', text },
    entities: [
      { id: 'country:japan', kind: 'Country', name: 'Japan', description: 'Japan.' },
      { id: 'country:china', kind: 'Country', name: 'China', description: 'China.' },
      { id: 'unit:chinese-navy', kind: 'Unit', name: 'Chinese navy', description: 'China’s navy.' },
      { id: 'location:east-asia', kind: 'Location', name: 'East Asia', description: 'The region.' },
      { id: 'location:zorvan-strait', kind: 'Location', name: 'Zorvan Strait', description: 'A strait only this note names.', locationType: 'strait' },
      { id: 'actor:zorvan-observers', kind: 'Actor', actorType: 'GROUP', name: 'Zorvan observers', description: 'Linked to nothing.' },
    ],
    relationships: [
      { type: 'IN_TENSION_WITH', source: 'country:japan', target: 'country:china', evidence: [quote('Japan is in rising tension with China')] },
      { type: 'CRITICIZES', source: 'country:china', target: 'country:japan', evidence: [quote('China criticized Japan')] },
      { type: 'OPERATES_NEAR', source: 'unit:chinese-navy', target: 'location:east-asia', evidence: [quote('The Chinese navy operates near East Asia')] },
      { type: 'OPERATES_NEAR', source: 'unit:chinese-navy', target: 'location:zorvan-strait', evidence: [quote('near the Zorvan Strait')] },
    ],
  });
}

const second = secondDocument();

describe('the stored degree through ingest and delete', () => {
  beforeAll(async () => {
    await resetDatabase(client);
  });

  it('is exact for every entity after ingesting the seed', async () => {
    await ingestExtraction(client, seed);
    const stored = await expectExactDegrees();
    expect(stored).toEqual(degreesOf(seed));
  }, 120_000);

  it('stays exact after a second document that overlaps the seed', async () => {
    const before = await expectExactDegrees();
    await ingestExtraction(client, second);
    const after = await expectExactDegrees();
    expect(after).toEqual(degreesOf(seed, second));
    // The restated relationship is merged, not counted again; the new ones are.
    expect(after.get('country:japan')).toBe(before.get('country:japan')! + 1);
    expect(after.get('country:china')).toBe(before.get('country:china')! + 1);
    expect(after.get('unit:chinese-navy')).toBe(before.get('unit:chinese-navy')! + 2);
    expect(after.get('location:zorvan-strait')).toBe(1);
    expect(after.get('actor:zorvan-observers')).toBe(0);
  });

  it('is unchanged by loading the same document again', async () => {
    const before = await expectExactDegrees();
    await ingestExtraction(client, second);
    expect(await expectExactDegrees()).toEqual(before);
  });

  it('ranks the most connected entities by it, as the live count would', async () => {
    const live = [...(await expectExactDegrees())].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    const ranking = await getMostConnected(client, NO_DEADLINE, 10);
    expect(ranking.map((c) => c.degree)).toEqual(live.slice(0, 10).map(([, degree]) => degree));
    for (const { entity, degree } of ranking) expect(degree, entity.id).toBe(live.find(([id]) => id === entity.id)![1]);
  });

  it('is exact after deleting the second document (back to the seed’s degrees)', async () => {
    const summary = await deleteDocument(client, second.extraction.document.id);
    expect(summary).toMatchObject({ relationshipsRemoved: 3, entitiesRemoved: 2 });
    expect(await expectExactDegrees()).toEqual(degreesOf(seed));
  });

  it('is exact for what stays after deleting the seed while the second document stays', async () => {
    await ingestExtraction(client, second);
    await deleteDocument(client, seedDocumentId);
    expect(await expectExactDegrees()).toEqual(degreesOf(second));
  });
});

describe('migration 4 backfills the degree', () => {
  beforeAll(async () => {
    await resetDatabase(client);
    await ingestExtraction(client, seed);
    await ingestExtraction(client, second);
  }, 120_000);

  const forgetDegrees = () =>
    client.write({ name: 'test.forgetDegrees', cypher: 'MATCH (e:Entity) REMOVE e.degree' });

  it('sets it on every entity of a graph written before it, in batches', async () => {
    const expected = degreesOf(seed, second);
    await forgetDegrees();
    expect((await degrees()).every((row) => row.stored === null)).toBe(true);
    // A batch of 7 makes several batches out of the test graph's entities, ending on a partial one.
    expect(expected.size % 7).not.toBe(0);
    expect(await backfillDegrees(client, 7)).toBe(expected.size);
    expect(await expectExactDegrees()).toEqual(expected);
    expect(BACKFILL_BATCH).toBeGreaterThan(7);
  });

  it('runs as part of the migrations when version 4 is not recorded yet', async () => {
    const expected = degreesOf(seed, second);
    await forgetDegrees();
    // Wrong values too: the backfill recomputes, it does not only fill gaps.
    await client.write({ name: 'test.wrongDegree', cypher: "MATCH (e:Entity {id: 'country:japan'}) SET e.degree = 999" });
    await client.write({ name: 'test.unrecord', cypher: 'MATCH (m:Migration) WHERE m.version >= 4 DELETE m' });
    expect(await applyMigrations(client)).toEqual([4]);
    expect(await expectExactDegrees()).toEqual(expected);
    const indexes = await client.read<{ name: string; state: string; properties: string[] }>({
      name: 'test.degreeIndex',
      cypher: "SHOW INDEXES YIELD name, state, labelsOrTypes, properties WHERE name = 'entity_degree' RETURN name, state, properties",
    });
    expect(indexes).toEqual([{ name: 'entity_degree', state: 'ONLINE', properties: ['degree'] }]);
  });

  it('answers the ranking from the index, in index order, without reading every entity', async () => {
    // The statement getMostConnected runs, recorded by a client that answers no rows.
    const recorded: { statement: Statement; params: Record<string, unknown> }[] = [];
    const recorder = {
      read: async (statement: Statement, params: Record<string, unknown> = {}) => (recorded.push({ statement, params }), []),
    } as unknown as GraphClient;
    await getMostConnected(recorder, NO_DEADLINE, 5);
    expect(recorded.map((r) => r.statement.name)).toEqual(['stats.mostConnected']);
    const session = client.driver.session();
    try {
      const { statement, params } = recorded[0]!;
      const result = await session.run(`EXPLAIN ${statement.cypher}`, toParameters(params));
      const operators: string[] = [];
      const walk = (plan: { operatorType: string; children: unknown[] }) => {
        operators.push(plan.operatorType.replace(/@.*/, ''));
        for (const child of plan.children) walk(child as typeof plan);
      };
      walk(result.summary.plan as unknown as { operatorType: string; children: unknown[] });
      // A scan of entity_degree in descending order, and a sort only within equal degrees.
      expect(operators).toContain('NodeIndexScan');
      expect(operators).toContain('PartialTop');
      expect(operators).not.toContain('NodeByLabelScan');
      expect(operators).not.toContain('Top');
    } finally {
      await session.close();
    }
  });
});
