/**
 * deleteDocument against the run's Neo4j: a document goes with its mentions and evidence, what
 * other documents support stays (basis recomputed), what only it supported goes, and the graph
 * afterwards is exactly the graph as it was before the document was loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { validateExtraction, type ValidExtraction } from '../../src/domain/validateExtraction.js';
import { GraphClient, type Row, type Statement } from '../../src/graph/client.js';
import { GraphCache } from '../../src/graph/cache.js';
import { deleteDocument } from '../../src/graph/deleteDocument.js';
import { ingestExtraction } from '../../src/graph/ingest.js';
import { relationshipId } from '../../src/domain/ids.js';
import { SEED_FILE } from '../support/extractionFixtures.js';
import { exportGraph } from '../support/exportGraph.js';
import { resetDatabase, testClient, testNeo4j } from '../support/graph.js';

const client = testClient();
afterAll(() => client.close());

const seed = readExtractionFile(SEED_FILE);
const seedDocumentId = seed.extraction.document.id;

/** The seed's relationship, failing loudly if the seed no longer has it (the cases below rely on its basis). */
function seedRelationship(type: string, source: string, target: string) {
  const found = seed.extraction.relationships.find((r) => r.type === type && r.source === source && r.target === target);
  if (!found) throw new Error(`the seed no longer has ${type} ${source} → ${target}`);
  return found;
}

// What the second document does to the seed's relationships:
/** INFERRED by the seed, STATED by the second document. */
const locatedIn = seedRelationship('LOCATED_IN', 'country:china', 'location:east-asia');
/** STATED by the seed, INFERRED by the second document. */
const respondsTo = seedRelationship('RESPONDS_TO', 'country:japan', 'unit:chinese-navy');
const LOCATED_IN = relationshipId(locatedIn);
const RESPONDS_TO = relationshipId(respondsTo);
/** Only in the second document, to an entity only it names. */
const OPERATES_NEAR_TAIWAN = relationshipId({ type: 'OPERATES_NEAR', source: 'unit:chinese-navy', target: 'location:taiwan' });

/**
 * A second article written for this test. It names four seed entities exactly as the seed does (a
 * new name or alias would be added to the seed entity and stay after the delete), restates one
 * seed relationship, implies another, and adds an entity with a relationship and one without.
 */
function secondDocument(): ValidExtraction {
  if (!locatedIn.evidence.every((ev) => ev.basis === 'INFERRED')) throw new Error('fixture: the seed must only infer LOCATED_IN China → East Asia');
  if (!respondsTo.evidence.some((ev) => ev.basis === 'STATED')) throw new Error('fixture: the seed must state RESPONDS_TO Japan → Chinese navy');
  const text =
    'China lies in East Asia, analysts said on Monday. The Chinese navy now patrols near Taiwan, ' +
    'and Japan responds to the Chinese navy with new deployments.';
  const quote = (words: string, basis: 'STATED' | 'INFERRED') => {
    const start = text.indexOf(words);
    if (start === -1) throw new Error(`fixture: "${words}" is not in the text`);
    return { quote: words, start, end: start + words.length, basis };
  };
  return validateExtraction({
    document: { id: 'doc:synthetic-east-asia-patrols', title: 'Patrols near Taiwan', source: 'written for the deleteDocument test', text },
    entities: [
      { id: 'country:china', kind: 'Country', name: 'China', description: 'China, as this note describes it.' },
      { id: 'location:east-asia', kind: 'Location', name: 'East Asia', description: 'The region.' },
      { id: 'unit:chinese-navy', kind: 'Unit', name: 'Chinese navy', description: 'China’s navy.' },
      { id: 'country:japan', kind: 'Country', name: 'Japan', description: 'Japan.' },
      { id: 'location:taiwan', kind: 'Location', name: 'Taiwan', description: 'An island that only this note names.', locationType: 'island' },
      { id: 'actor:analysts', kind: 'Actor', actorType: 'GROUP', name: 'analysts', description: 'Unnamed analysts; nothing links them.' },
    ],
    relationships: [
      { type: 'LOCATED_IN', source: 'country:china', target: 'location:east-asia', evidence: [quote('China lies in East Asia', 'STATED')] },
      { type: 'RESPONDS_TO', source: 'country:japan', target: 'unit:chinese-navy', evidence: [quote('Japan responds to the Chinese navy', 'INFERRED')] },
      { type: 'OPERATES_NEAR', source: 'unit:chinese-navy', target: 'location:taiwan', evidence: [quote('The Chinese navy now patrols near Taiwan', 'STATED')] },
    ],
  });
}

const second = secondDocument();
const secondDocumentId = second.extraction.document.id;
const seedEntityIds = new Set(seed.extraction.entities.map((e) => e.id));
/** Entities only the second document names. */
const secondOnlyEntities = second.extraction.entities.filter((e) => !seedEntityIds.has(e.id)).map((e) => e.id);
const seedEvidenceCount = new Set(
  seed.extraction.relationships.flatMap((r) => r.evidence.map((ev) => `${relationshipId(r)}|${ev.start}|${ev.end}`)),
).size;

async function countOf(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await client.read<{ n: number }>({ name: 'test.count', cypher }, params);
  return row!.n;
}

async function relationship(id: string) {
  const [row] = await client.read<{ basis: string; evidence: { documentId: string; basis: string }[] }>(
    {
      name: 'test.relationship',
      cypher: `
        MATCH ()-[r]->() WHERE r.id = $id
        OPTIONAL MATCH (ev:Evidence {relationshipId: $id})
        WITH r, ev ORDER BY ev.documentId, ev.start
        RETURN r.basis AS basis, collect(CASE WHEN ev IS NULL THEN null ELSE {documentId: ev.documentId, basis: ev.basis} END) AS evidence`,
    },
    { id },
  );
  return row;
}

const entityIds = async () =>
  (await client.read<{ id: string }>({ name: 'test.entityIds', cypher: 'MATCH (e:Entity) RETURN e.id AS id ORDER BY id' })).map((row) => row.id);

/** What a delete must never leave: a relationship without evidence, evidence without its document, an entity nothing names. */
async function expectNoDangling() {
  expect(await countOf('MATCH ()-[r]->() WHERE r.id IS NOT NULL AND NOT EXISTS { MATCH (ev:Evidence) WHERE ev.relationshipId = r.id } RETURN count(r) AS n')).toBe(0);
  expect(await countOf('MATCH (ev:Evidence) WHERE NOT EXISTS { (ev)-[:CITES]->(:Document) } RETURN count(ev) AS n')).toBe(0);
  expect(await countOf('MATCH (e:Entity) WHERE NOT EXISTS { (:Document)-[:MENTIONS]->(e) } RETURN count(e) AS n')).toBe(0);
}

/** A client whose delete transaction fails right after the statement `failAfter` has succeeded. */
class FailingClient extends GraphClient {
  readonly ran: string[] = [];
  constructor(private readonly failAfter: string) {
    const { uri, user, password, database } = testNeo4j();
    super({ uri, user, password, database, queryTimeoutMs: 10_000, cache: new GraphCache() });
  }

  override writeTransaction<T>(work: (run: (statement: Statement, params?: Record<string, unknown>) => Promise<Row[]>) => Promise<T>): Promise<T> {
    return super.writeTransaction((run) =>
      work(async (statement, params) => {
        const rows = await run(statement, params);
        this.ran.push(statement.name);
        if (statement.name === this.failAfter) throw new Error(`simulated failure after ${statement.name}`);
        return rows;
      }),
    );
  }
}

/** The database after a reset: no data, only the migration records. */
async function emptyExport(): Promise<string> {
  await resetDatabase(client);
  return exportGraph(client);
}

describe('deleting a document that shares entities and relationships with the seed', () => {
  let seedOnly: string;
  let both: string;

  beforeAll(async () => {
    await resetDatabase(client);
    await ingestExtraction(client, seed);
    seedOnly = await exportGraph(client);
    await ingestExtraction(client, second);
    both = await exportGraph(client);
    // The first load into a fresh Neo4j compiles every statement: slow on a busy machine.
  }, 300_000);

  it('starts from a graph where the second document changed shared relationships', async () => {
    expect(both).not.toBe(seedOnly);
    expect(await relationship(LOCATED_IN)).toMatchObject({ basis: 'STATED' });
    expect((await relationship(RESPONDS_TO))?.evidence.map((ev) => ev.documentId)).toEqual([
      ...respondsTo.evidence.map(() => seedDocumentId),
      secondDocumentId,
    ]);
    expect(await relationship(OPERATES_NEAR_TAIWAN)).toMatchObject({ basis: 'STATED' });
  });

  it('returns undefined for an unknown id and changes nothing', async () => {
    expect(await deleteDocument(client, 'doc:no-such-document')).toBeUndefined();
    expect(await exportGraph(client)).toBe(both);
  });

  for (const failAfter of ['delete.document', 'delete.evidence', 'delete.settleRelationships', 'delete.orphanEntities', 'degree.recompute']) {
    it(`rolls everything back when the transaction fails after ${failAfter}`, async () => {
      const failing = new FailingClient(failAfter);
      try {
        await expect(deleteDocument(failing, secondDocumentId)).rejects.toThrow(`simulated failure after ${failAfter}`);
        expect(failing.ran.at(-1)).toBe(failAfter);
        expect(await exportGraph(client)).toBe(both);
      } finally {
        await failing.close();
      }
    });
  }

  it('removes the document, its mentions and evidence, and what only it supported', async () => {
    const summary = await deleteDocument(client, secondDocumentId);
    expect(summary).toEqual({
      documentId: secondDocumentId,
      mentionsRemoved: second.mentions.length,
      evidenceRemoved: second.extraction.relationships.reduce((n, r) => n + r.evidence.length, 0),
      relationshipsRemoved: 1,
      entitiesRemoved: secondOnlyEntities.length,
    });

    expect(await countOf('MATCH (d:Document {id: $id}) RETURN count(d) AS n', { id: secondDocumentId })).toBe(0);
    expect(await countOf('MATCH (ev:Evidence {documentId: $id}) RETURN count(ev) AS n', { id: secondDocumentId })).toBe(0);
    // The relationship only the second document supported is gone, and the entity only it named.
    expect(await countOf('MATCH ()-[r]->() WHERE r.id = $id RETURN count(r) AS n', { id: OPERATES_NEAR_TAIWAN })).toBe(0);
    expect(await entityIds()).toEqual([...seedEntityIds].sort());
    // The seed's relationships keep their seed evidence, with the basis the seed gives them.
    expect(await relationship(LOCATED_IN)).toEqual({ basis: 'INFERRED', evidence: locatedIn.evidence.map(() => ({ documentId: seedDocumentId, basis: 'INFERRED' })) });
    expect(await relationship(RESPONDS_TO)).toEqual({ basis: 'STATED', evidence: respondsTo.evidence.map((ev) => ({ documentId: seedDocumentId, basis: ev.basis })) });
    await expectNoDangling();
  });

  it('leaves exactly the graph the seed alone makes', async () => {
    expect(await exportGraph(client)).toBe(seedOnly);
  });

  it('answers undefined for the same id a second time', async () => {
    expect(await deleteDocument(client, secondDocumentId)).toBeUndefined();
    expect(await exportGraph(client)).toBe(seedOnly);
  });
});

describe('deleting the seed while the second document stays', () => {
  beforeAll(async () => {
    await resetDatabase(client);
    await ingestExtraction(client, seed);
    await ingestExtraction(client, second);
  });

  it('keeps what the second document names and supports, with the basis its evidence gives', async () => {
    const summary = await deleteDocument(client, seedDocumentId);
    const shared = second.extraction.entities.filter((e) => seedEntityIds.has(e.id)).length;
    expect(summary).toEqual({
      documentId: seedDocumentId,
      mentionsRemoved: seed.mentions.length,
      evidenceRemoved: seedEvidenceCount,
      // Two of the seed's relationships are also in the second document.
      relationshipsRemoved: seed.extraction.relationships.length - 2,
      entitiesRemoved: seedEntityIds.size - shared,
    });
    expect(await entityIds()).toEqual(second.extraction.entities.map((e) => e.id).sort());
    expect(await relationship(LOCATED_IN)).toEqual({ basis: 'STATED', evidence: [{ documentId: secondDocumentId, basis: 'STATED' }] });
    // STATED by the seed, only INFERRED by what is left.
    expect(await relationship(RESPONDS_TO)).toEqual({ basis: 'INFERRED', evidence: [{ documentId: secondDocumentId, basis: 'INFERRED' }] });
    expect(await countOf('MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN count(r) AS n')).toBe(second.extraction.relationships.length);
    expect(await countOf('MATCH (:Document)-[m:MENTIONS]->() RETURN count(m) AS n')).toBe(second.mentions.length);
    await expectNoDangling();
  });

  it('leaves no entity, evidence or document once the second one goes too', async () => {
    expect(await deleteDocument(client, secondDocumentId)).toMatchObject({ relationshipsRemoved: 3, entitiesRemoved: second.extraction.entities.length });
    expect(await countOf('MATCH (n) WHERE n:Entity OR n:Evidence OR n:Document RETURN count(n) AS n')).toBe(0);
  });
});

describe('deleting the only document', () => {
  let empty: string;

  beforeAll(async () => {
    empty = await emptyExport();
    await ingestExtraction(client, seed);
  });

  it('removes every mention, evidence, relationship and entity it brought', async () => {
    expect(await deleteDocument(client, seedDocumentId)).toEqual({
      documentId: seedDocumentId,
      mentionsRemoved: seed.mentions.length,
      evidenceRemoved: seedEvidenceCount,
      relationshipsRemoved: seed.extraction.relationships.length,
      entitiesRemoved: seed.extraction.entities.length,
    });
    expect(await countOf('MATCH (n) WHERE n:Entity OR n:Evidence OR n:Document RETURN count(n) AS n')).toBe(0);
    expect(await countOf('MATCH ()-[r]->() RETURN count(r) AS n')).toBe(0);
    // Only the migration records are left, as after a reset.
    expect(await exportGraph(client)).toBe(empty);
  });
});
