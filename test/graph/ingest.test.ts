import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { validateExtraction, type ValidExtraction } from '../../src/domain/validateExtraction.js';
import { GraphClient, type QueryObservation, type Row, type Statement } from '../../src/graph/client.js';
import { GraphCache } from '../../src/graph/cache.js';
import { ingestExtraction, IngestConflictError } from '../../src/graph/ingest.js';
import { relationshipId } from '../../src/domain/ids.js';
import { graphCounts, resetDatabase, testClient, testNeo4j } from '../support/graph.js';
import { SEED_FILE, SEED_TEXT } from '../support/extractionFixtures.js';

const observations: QueryObservation[] = [];
const client = testClient((observation) => observations.push(observation));
afterAll(() => client.close());

const seed = readExtractionFile(SEED_FILE);
const seedDocumentId = seed.extraction.document.id;

/** How many of each `key` a list holds, e.g. entities by kind. */
function tallyBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Distinct evidence of an extraction: one per relationship, document and offsets (the Evidence node's identity). */
function evidenceKeys({ extraction }: ValidExtraction): Set<string> {
  return new Set(
    extraction.relationships.flatMap((r) => r.evidence.map((ev) => `${relationshipId(r)}|${extraction.document.id}|${ev.start}|${ev.end}`)),
  );
}

async function entityKindsInGraph() {
  const rows = await client.read<{ id: string; kind: string; labels: string[] }>({
    name: 'test.entityKinds',
    cypher: `MATCH (e:Entity) RETURN e.id AS id, e.kind AS kind, [l IN labels(e) WHERE l <> 'Entity'] AS labels`,
  });
  for (const row of rows) expect(row.labels, row.id).toEqual([row.kind]);
  return tallyBy(rows, (row) => row.kind);
}

async function relationshipTypesInGraph() {
  const rows = await client.read<{ type: string; count: number }>({
    name: 'test.relationshipTypes',
    cypher: 'MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN type(r) AS type, count(r) AS count',
  });
  return Object.fromEntries(rows.map((row) => [row.type, row.count]));
}

async function countOf(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await client.read<{ n: number }>({ name: 'test.count', cypher }, params);
  return row!.n;
}

async function entity(id: string) {
  const [row] = await client.read<{ name: string; aliases: string[]; kind: string }>(
    { name: 'test.entity', cypher: 'MATCH (e:Entity {id: $id}) RETURN e.name AS name, e.aliases AS aliases, e.kind AS kind' },
    { id },
  );
  return row;
}

/** Invariants that hold for any graph the loader writes, however many documents it holds. */
async function expectEvidenceAndMentionInvariants() {
  // Every domain relationship has evidence, each quote is the document's text at its offsets, the
  // relationship is STATED exactly when some evidence states it, and its id names its ends and type.
  const relationships = await client.read<{
    id: string;
    expectedId: string;
    basis: string;
    evidence: { quote: string; slice: string; documentId: string; citedId: string; basis: string }[];
  }>({
    name: 'test.evidenceInvariant',
    cypher: `
      MATCH (s:Entity)-[r]->(t:Entity) WHERE r.id IS NOT NULL
      OPTIONAL MATCH (ev:Evidence {relationshipId: r.id})-[:CITES]->(d:Document)
      WITH r, s.id + '|' + type(r) + '|' + t.id AS expectedId,
           collect(CASE WHEN ev IS NULL THEN null ELSE {quote: ev.quote, slice: substring(d.text, ev.start, ev.end - ev.start),
                   documentId: ev.documentId, citedId: d.id, basis: ev.basis} END) AS evidence
      RETURN r.id AS id, expectedId, r.basis AS basis, evidence`,
  });
  expect(relationships.length).toBeGreaterThan(0);
  // Domain relationships (those with an id) only ever join two entities.
  expect(await countOf('MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN count(r) AS n')).toBe(relationships.length);
  for (const r of relationships) {
    expect(r.id).toBe(r.expectedId);
    expect(r.evidence.length, r.id).toBeGreaterThanOrEqual(1);
    for (const ev of r.evidence) {
      expect(ev.slice, r.id).toBe(ev.quote);
      expect(ev.citedId, r.id).toBe(ev.documentId);
    }
    expect(r.basis, r.id).toBe(r.evidence.some((ev) => ev.basis === 'STATED') ? 'STATED' : 'INFERRED');
  }
  expect(await countOf('MATCH (ev:Evidence) WHERE NOT EXISTS { (ev)-[:CITES]->(:Document) } RETURN count(ev) AS n')).toBe(0);

  // Every entity is mentioned, and every mention holds the entity's name or one of its aliases.
  expect(await countOf('MATCH (e:Entity) WHERE NOT EXISTS { (:Document)-[:MENTIONS]->(e) } RETURN count(e) AS n')).toBe(0);
  const mentions = await client.read<{ id: string; text: string; start: number; end: number; mentionText: string; forms: string[] }>({
    name: 'test.mentionInvariant',
    cypher: `
      MATCH (d:Document)-[m:MENTIONS]->(e:Entity)
      RETURN e.id AS id, d.text AS text, m.start AS start, m.end AS end, m.text AS mentionText, [e.name] + e.aliases AS forms`,
  });
  expect(mentions.length).toBeGreaterThan(0);
  for (const m of mentions) {
    const slice = m.text.slice(m.start, m.end);
    expect(slice, m.id).toBe(m.mentionText);
    expect(m.forms, `${m.id} mentioned as "${slice}"`).toContain(slice);
  }
}

/** A second article, written for this test, that reuses two seed entities and one seed relationship. */
function secondDocument(): ValidExtraction {
  const negotiates = seed.extraction.relationships.find(
    (r) => r.type === 'NEGOTIATES_WITH' && r.source === 'country:japan' && r.target === 'country:united-states',
  );
  if (!negotiates) throw new Error('the seed no longer has NEGOTIATES_WITH country:japan → country:united-states');
  const text =
    'Japan and the United States held a new round of talks on Tuesday. Officials in Tokyo said ' +
    'Nippon wants America to lower its tariffs before the summer.';
  const quote = 'Japan and the United States held a new round of talks';
  return validateExtraction({
    document: { id: 'doc:synthetic-trade-talks', title: 'Trade talks resume', source: 'written for the ingest test', text },
    entities: [
      // Known entity, known name; one known alias (Tokyo) and one new one (Nippon).
      { id: 'country:japan', kind: 'Country', name: 'Japan', aliases: ['Tokyo', 'Nippon'], description: 'Japan, as this article describes it.' },
      // Known entity under another name: the stored name stays, "America" becomes an alias.
      { id: 'country:united-states', kind: 'Country', name: 'America', aliases: ['United States', 'U.S.'], description: 'The United States.' },
    ],
    relationships: [
      {
        type: negotiates.type,
        source: negotiates.source,
        target: negotiates.target,
        evidence: [{ quote, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, basis: 'INFERRED' }],
      },
    ],
  });
}

describe('ingesting the seed article', () => {
  beforeAll(() => resetDatabase(client));

  it('loads exactly the entities, relationships, evidence and mentions of the extraction', async () => {
    const summary = await ingestExtraction(client, seed);
    const { extraction, mentions } = seed;
    const evidence = evidenceKeys(seed).size;

    expect(await entityKindsInGraph()).toEqual(tallyBy(extraction.entities, (e) => e.kind));
    expect(await relationshipTypesInGraph()).toEqual(tallyBy(extraction.relationships, (r) => r.type));
    expect(await countOf('MATCH (ev:Evidence) RETURN count(ev) AS n')).toBe(evidence);
    expect(await countOf('MATCH (:Document)-[m:MENTIONS]->(:Entity) RETURN count(m) AS n')).toBe(mentions.length);
    expect(await countOf('MATCH (d:Document) RETURN count(d) AS n')).toBe(1);

    const [document] = await client.read<{ text: string; title: string; publishedAt: string | null }>(
      { name: 'test.document', cypher: 'MATCH (d:Document {id: $id}) RETURN d.text AS text, d.title AS title, d.publishedAt AS publishedAt' },
      { id: seedDocumentId },
    );
    expect(document).toEqual({ text: SEED_TEXT, title: extraction.document.title, publishedAt: extraction.document.publishedAt ?? null });

    // The mentions stored are the ones derived from names and aliases, no more, no fewer.
    const stored = await client.read<{ entityId: string; start: number; end: number; text: string }>({
      name: 'test.mentions',
      cypher: 'MATCH (:Document)-[m:MENTIONS]->(e:Entity) RETURN e.id AS entityId, m.start AS start, m.end AS end, m.text AS text ORDER BY start',
    });
    expect(stored).toEqual(mentions.map(({ entityId, start, end, text }) => ({ entityId, start, end, text })));

    expect(summary).toEqual({
      documentId: seedDocumentId,
      document: { created: 1, merged: 0 },
      entities: { created: extraction.entities.length, merged: 0 },
      relationships: { created: extraction.relationships.length, merged: 0 },
      evidence: { created: evidence, merged: 0 },
      mentions: { created: mentions.length, merged: 0 },
    });
  });

  it('stores kind-specific fields and aliases on the entity', async () => {
    for (const e of seed.extraction.entities) {
      const [row] = await client.read<{ properties: Record<string, unknown> }>(
        { name: 'test.entityProperties', cypher: 'MATCH (e:Entity {id: $id}) RETURN properties(e) AS properties' },
        { id: e.id },
      );
      const { aliasText, degree, ...properties } = row!.properties;
      expect(properties).toEqual({ ...e, aliases: [...new Set(e.aliases)] });
      expect(typeof aliasText).toBe('string');
      // The stored degree (src/graph/degree.ts): the seed's relationships with e at either end.
      expect(degree).toBe(seed.extraction.relationships.filter((r) => r.source === e.id || r.target === e.id).length);
    }
  });

  it('gives every relationship evidence whose quote is the text at its offsets, and every entity a mention', async () => {
    await expectEvidenceAndMentionInvariants();
  });

  it('changes nothing when loaded again, and says everything was merged', async () => {
    const before = await graphCounts(client);
    const summary = await ingestExtraction(client, readExtractionFile(SEED_FILE));
    expect(await graphCounts(client)).toEqual(before);
    const { extraction, mentions } = seed;
    expect(summary).toEqual({
      documentId: seedDocumentId,
      document: { created: 0, merged: 1 },
      entities: { created: 0, merged: extraction.entities.length },
      relationships: { created: 0, merged: extraction.relationships.length },
      evidence: { created: 0, merged: evidenceKeys(seed).size },
      mentions: { created: 0, merged: mentions.length },
    });
  });
});

describe('a second document', () => {
  beforeAll(async () => {
    await resetDatabase(client);
    await ingestExtraction(client, seed);
  });

  it('adds its evidence to the existing relationship instead of duplicating it', async () => {
    const second = secondDocument();
    const [relationship] = second.extraction.relationships;
    const id = relationshipId(relationship!);
    const seedEvidence = seed.extraction.relationships.find((r) => relationshipId(r) === id)!.evidence;
    const typesBefore = await relationshipTypesInGraph();
    const entitiesBefore = await countOf('MATCH (e:Entity) RETURN count(e) AS n');

    const summary = await ingestExtraction(client, second);

    expect(await relationshipTypesInGraph()).toEqual(typesBefore);
    expect(await countOf('MATCH (e:Entity) RETURN count(e) AS n')).toBe(entitiesBefore);
    expect(await countOf('MATCH ()-[r]->() WHERE r.id = $id RETURN count(r) AS n', { id })).toBe(1);
    const evidence = await client.read<{ documentId: string; quote: string }>(
      {
        name: 'test.evidenceOf',
        cypher: 'MATCH (ev:Evidence {relationshipId: $id})-[:CITES]->(d:Document) RETURN d.id AS documentId, ev.quote AS quote ORDER BY documentId, quote',
      },
      { id },
    );
    expect(evidence).toHaveLength(seedEvidence.length + 1);
    expect(new Set(evidence.map((ev) => ev.documentId))).toEqual(new Set([seedDocumentId, second.extraction.document.id]));
    expect(evidence).toContainEqual({ documentId: second.extraction.document.id, quote: relationship!.evidence[0]!.quote });
    expect(await countOf('MATCH (d:Document) RETURN count(d) AS n')).toBe(2);
    // The seed states it; this document only implies it: the relationship stays STATED.
    expect(seedEvidence.some((ev) => ev.basis === 'STATED')).toBe(true);
    const [row] = await client.read<{ basis: string }>({ name: 'test.basis', cypher: 'MATCH ()-[r]->() WHERE r.id = $id RETURN r.basis AS basis' }, { id });
    expect(row?.basis).toBe('STATED');

    expect(summary).toEqual({
      documentId: second.extraction.document.id,
      document: { created: 1, merged: 0 },
      entities: { created: 0, merged: second.extraction.entities.length },
      relationships: { created: 0, merged: 1 },
      evidence: { created: 1, merged: 0 },
      mentions: { created: second.mentions.length, merged: 0 },
    });
  });

  it('adds new names and aliases without duplicating any, and keeps the first name', async () => {
    const seedJapan = seed.extraction.entities.find((e) => e.id === 'country:japan')!;
    const seedUs = seed.extraction.entities.find((e) => e.id === 'country:united-states')!;
    const japan = await entity('country:japan');
    const us = await entity('country:united-states');
    expect(japan?.name).toBe(seedJapan.name);
    expect(japan?.aliases).toEqual([...seedJapan.aliases, 'Nippon']);
    expect(us?.name).toBe(seedUs.name);
    expect(us?.aliases).toEqual([...seedUs.aliases, 'America']);
    for (const e of [japan, us]) expect(new Set(e!.aliases).size).toBe(e!.aliases.length);
  });

  it('keeps the graph invariants with two documents', async () => {
    await expectEvidenceAndMentionInvariants();
  });

  it('makes an INFERRED relationship STATED when a new document states it', async () => {
    const seedRelationship = seed.extraction.relationships.find((r) => r.evidence.every((ev) => ev.basis === 'INFERRED') && r.source === 'country:china');
    if (!seedRelationship) throw new Error('the seed no longer has an INFERRED relationship from country:china');
    const id = relationshipId(seedRelationship);
    const basisOf = async () =>
      (await client.read<{ basis: string }>({ name: 'test.basis', cypher: 'MATCH ()-[r]->() WHERE r.id = $id RETURN r.basis AS basis' }, { id }))[0]?.basis;
    expect(await basisOf()).toBe('INFERRED');

    const target = seed.extraction.entities.find((e) => e.id === seedRelationship.target)!;
    const text = `China lies in ${target.name}, says this synthetic note.`;
    const quote = `China lies in ${target.name}`;
    await ingestExtraction(
      client,
      validateExtraction({
        document: { id: 'doc:synthetic-geography', title: 'Geography', source: 'written for the ingest test', text },
        entities: [
          { id: 'country:china', kind: 'Country', name: 'China', description: 'China.' },
          { id: target.id, kind: target.kind, name: target.name, description: target.description },
        ],
        relationships: [
          { type: seedRelationship.type, source: 'country:china', target: target.id, evidence: [{ quote, start: 0, end: quote.length, basis: 'STATED' }] },
        ],
      }),
    );
    expect(await basisOf()).toBe('STATED');
    await expectEvidenceAndMentionInvariants();
  });
});

describe('conflicts leave the graph unchanged', () => {
  beforeEach(async () => {
    await resetDatabase(client);
    await ingestExtraction(client, seed);
  });

  it('rejects a known id with another kind: the id prefix names the kind, so validation catches it first', async () => {
    const before = await graphCounts(client);
    const conflicting = () => validateExtraction({
      document: { id: 'doc:synthetic-kind-conflict', title: 'Kind conflict', source: 'written for the ingest test', text: 'Japan said so, and Tokyo agreed.' },
      entities: [
        { id: 'country:japan', kind: 'Actor', actorType: 'GROUP', name: 'Japan', description: 'Japan, wrongly an actor here.' },
        { id: 'location:tokyo', kind: 'Location', name: 'Tokyo', description: 'A new entity that must not be written either.' },
      ],
    });
    expect(conflicting).toThrow(/entity "country:japan": the id of an entity of kind Actor must start with "actor:"/);
    expect(await graphCounts(client)).toEqual(before);
    expect(await countOf('MATCH (e:Entity {id: "location:tokyo"}) RETURN count(e) AS n')).toBe(0);
  });

  it('rejects a known document id with another text', async () => {
    const before = await graphCounts(client);
    const input = structuredClone(seed.extraction);
    input.document.text = `${input.document.text}\nA sentence added later.`;
    await expect(ingestExtraction(client, validateExtraction(input))).rejects.toThrow(IngestConflictError);
    expect(await graphCounts(client)).toEqual(before);
    const [row] = await client.read<{ text: string }>({ name: 'test.documentText', cypher: 'MATCH (d:Document {id: $id}) RETURN d.text AS text' }, { id: seedDocumentId });
    expect(row?.text).toBe(SEED_TEXT);
  });
});

/** A client whose transaction fails right after the statement `failAfter` has succeeded. */
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

describe('a failure half-way leaves nothing behind', () => {
  for (const start of ['an empty graph', 'a seeded graph'] as const) {
    describe(`from ${start}`, () => {
      beforeEach(async () => {
        await resetDatabase(client);
        if (start === 'a seeded graph') await ingestExtraction(client, seed);
      });

      it('rolls back every statement when the transaction fails after the last one', async () => {
        const failing = new FailingClient('degree.recompute');
        try {
          const extraction = start === 'an empty graph' ? seed : secondDocument();
          const before = await graphCounts(client);
          await expect(ingestExtraction(failing, extraction)).rejects.toThrow('simulated failure after degree.recompute');
          // Everything was written inside the transaction before it failed…
          expect(failing.ran.at(-1)).toBe('degree.recompute');
          expect(failing.ran).toEqual(expect.arrayContaining(['ingest.mergeDocument', 'ingest.mergeMentions', 'ingest.mergeEvidence']));
          expect(failing.ran.some((name) => name.startsWith('ingest.mergeEntities.'))).toBe(true);
          expect(failing.ran.some((name) => name.startsWith('ingest.mergeRelationships.'))).toBe(true);
          // …and none of it is left.
          expect(await graphCounts(client)).toEqual(before);
        } finally {
          await failing.close();
        }
      });

      it('rolls back when Neo4j rejects a value in the last statement', async () => {
        // A map is not a valid property value. Validation would refuse it, so it is put into an
        // already validated extraction, as a bug in the loader's caller could.
        const extraction = structuredClone(start === 'an empty graph' ? seed : secondDocument());
        const lastRelationship = extraction.extraction.relationships.at(-1)!;
        (lastRelationship.evidence[0] as unknown as { basis: unknown }).basis = { not: 'a property value' };
        const before = await graphCounts(client);
        observations.length = 0;
        await expect(ingestExtraction(client, extraction)).rejects.toThrow(/property/i);
        const succeeded = observations.filter((o) => o.ok).map((o) => o.statement);
        expect(succeeded).toEqual(expect.arrayContaining(['ingest.mergeDocument', 'ingest.mergeMentions']));
        expect(succeeded.some((name) => name.startsWith('ingest.mergeRelationships.'))).toBe(true);
        expect(observations.filter((o) => !o.ok).map((o) => o.statement)).toEqual(['ingest.mergeEvidence']);
        expect(await graphCounts(client)).toEqual(before);
      });
    });
  }
});
