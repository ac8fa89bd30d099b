/**
 * Query.stats, Query.documents, Query.document (with mentions), Query.node for documents and
 * Query.timeline. The timeline needs dated events, which the seed does not have, so a small
 * synthetic second document is ingested half-way through (after the seed-only checks).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { validateExtraction } from '../../src/domain/validateExtraction.js';
import { ingestExtraction } from '../../src/graph/ingest.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createTestApi } from '../support/api.js';
import { SEED_FILE } from '../support/extractionFixtures.js';
import { resetDatabase } from '../support/graph.js';
import { relationshipId } from '../../src/domain/ids.js';
import type { RelationshipType } from '../../src/domain/vocabulary.js';

const api = await createTestApi();
const seed = readExtractionFile(SEED_FILE);
const { extraction } = seed;
const seedEntities = extraction.entities;
const seedRelationships = extraction.relationships;
const seedDegree = (id: string) => seedRelationships.filter((r) => r.source === id || r.target === id).length;

beforeAll(async () => {
  await resetDatabase(api.graph);
  await seedGraph(api.graph);
});
afterAll(() => api.close());

function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

async function enumValues(name: string): Promise<string[]> {
  const data = await api.ok<{ __type: { enumValues: { name: string }[] } }>(`query($name: String!) { __type(name: $name) { enumValues { name } } }`, { name });
  return data.__type.enumValues.map((v) => v.name);
}

interface StatsData {
  stats: {
    entityCount: number;
    relationshipCount: number;
    documentCount: number;
    mentionCount: number;
    entitiesByKind: { kind: string; count: number }[];
    relationshipsByType: { type: string; count: number }[];
  };
}
const STATS = `{ stats { entityCount relationshipCount documentCount mentionCount entitiesByKind { kind count } relationshipsByType { type count } } }`;

/** Stats must equal counts derived from these extractions (all of them loaded). */
async function expectStatsOf(extractions: { extraction: { entities: { id: string; kind: string }[]; relationships: { type: RelationshipType; source: string; target: string }[] }; mentions: unknown[] }[]) {
  const entities = new Map(extractions.flatMap((x) => x.extraction.entities.map((e) => [e.id, e.kind] as const)));
  const relationships = new Map(extractions.flatMap((x) => x.extraction.relationships.map((r) => [relationshipId(r), r.type] as const)));
  const { stats } = await api.ok<StatsData>(STATS);
  const kinds = await enumValues('EntityKind');
  const types = await enumValues('RelationshipType');

  expect(stats.entitiesByKind.map((k) => k.kind).sort(), 'every kind listed once').toEqual([...kinds].sort());
  expect(stats.relationshipsByType.map((t) => t.type).sort(), 'every type listed once').toEqual([...types].sort());
  const byKind = tally([...entities.values()]);
  for (const { kind, count } of stats.entitiesByKind) expect(count, kind).toBe(byKind.get(kind) ?? 0);
  const byType = tally([...relationships.values()]);
  for (const { type, count } of stats.relationshipsByType) expect(count, type).toBe(byType.get(type) ?? 0);

  expect(stats.entityCount).toBe(entities.size);
  expect(stats.entityCount).toBe(stats.entitiesByKind.reduce((n, k) => n + k.count, 0));
  expect(stats.relationshipCount).toBe(relationships.size);
  expect(stats.relationshipCount).toBe(stats.relationshipsByType.reduce((n, t) => n + t.count, 0));
  expect(stats.documentCount).toBe(extractions.length);
  expect(stats.mentionCount).toBe(extractions.reduce((n, x) => n + x.mentions.length, 0));
  return stats;
}

describe('stats', () => {
  it('counts entities, relationships, documents and mentions as the extraction has them, every enum value listed', async () => {
    const stats = await expectStatsOf([seed]);
    // Some kinds or types of the vocabulary are unused or rare: zero counts must still be listed.
    expect(stats.relationshipsByType.length).toBe((await enumValues('RelationshipType')).length);
    expect(stats.entitiesByKind.every((k) => k.count >= 0)).toBe(true);
  });

  interface Connected {
    entity: { id: string; name: string; degree: number };
    degree: number;
  }
  const MOST_CONNECTED = `query($first: Int) { stats { mostConnected(first: $first) { degree entity { id name degree } } } }`;
  const mostConnected = async (first?: number) => (await api.ok<{ stats: { mostConnected: Connected[] } }>(MOST_CONNECTED, { first })).stats.mostConnected;

  it('mostConnected orders by degree, which equals entity.degree and the extraction', async () => {
    const all = await mostConnected(100);
    expect(all.map((c) => c.entity.id).sort()).toEqual(seedEntities.map((e) => e.id).sort());
    for (const c of all) {
      expect(c.degree, c.entity.id).toBe(c.entity.degree);
      expect(c.degree, c.entity.id).toBe(seedDegree(c.entity.id));
    }
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.degree).toBeGreaterThanOrEqual(b.degree);
      if (a.degree === b.degree) expect(a.entity.name <= b.entity.name, `${a.entity.name} before ${b.entity.name}`).toBe(true);
    }
    const byDegree = await api.ok<{ entities: { edges: { node: { id: string } }[] } }>(`{ entities(orderBy: DEGREE_DESC, first: 100) { edges { node { id } } } }`);
    expect(all.map((c) => c.entity.id)).toEqual(byDegree.entities.edges.map((e) => e.node.id));
  });

  it('mostConnected takes the first n (default 10, 1–100)', async () => {
    const all = await mostConnected(100);
    expect((await mostConnected()).map((c) => c.entity.id)).toEqual(all.slice(0, 10).map((c) => c.entity.id));
    expect((await mostConnected(1)).map((c) => c.degree)).toEqual([Math.max(...seedEntities.map((e) => seedDegree(e.id)))]);
    for (const first of [0, 101, -5]) {
      const errors = await api.fails(MOST_CONNECTED, { first }, 'BAD_USER_INPUT');
      expect(errors[0]!.message).toMatch(/first/);
    }
  });
});

interface MentionNode {
  text: string;
  start: number;
  end: number;
  entity: { id: string; name: string };
  document: { id: string };
}
interface DocumentNode {
  id: string;
  title: string;
  text: string;
  source: string;
  publishedAt: string | null;
  mentions: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; edges: { cursor: string; node: MentionNode }[] };
}
const DOCUMENT_FIELDS = (mentionArgs = '$first, after: $after') => `
  id title text source publishedAt
  mentions(first: ${mentionArgs}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { text start end entity { id name } document { id } } } }`;
const DOCUMENT = `query($id: ID!, $first: Int, $after: String) { document(id: $id) { ${DOCUMENT_FIELDS()} } }`;
const DOCUMENTS = `query($first: Int, $after: String) { documents(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id title publishedAt } } } }`;
interface DocumentsData {
  documents: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string; title: string; publishedAt: string | null } }[] };
}

describe('documents and document(id)', () => {
  const doc = extraction.document;

  it('documents lists the seed document with its fields', async () => {
    const data = await api.ok<{ documents: { totalCount: number; edges: { node: Omit<DocumentNode, 'mentions'> }[] } }>(
      `{ documents { totalCount edges { node { id title text source publishedAt } } } }`,
    );
    expect(data.documents.totalCount).toBe(1);
    expect(data.documents.edges.map((e) => e.node)).toEqual([{ id: doc.id, title: doc.title, text: doc.text, source: doc.source, publishedAt: doc.publishedAt ?? null }]);
  });

  it('document(id) returns the document; node(id) resolves it too; unknown ids are null', async () => {
    const { document } = await api.ok<{ document: DocumentNode }>(DOCUMENT, { id: doc.id, first: 1 });
    expect(document).toMatchObject({ id: doc.id, title: doc.title, text: doc.text, source: doc.source, publishedAt: doc.publishedAt ?? null });
    const { node } = await api.ok<{ node: { __typename: string; id: string; title: string } }>(`query($id: ID!) { node(id: $id) { __typename id ... on Document { title } } }`, {
      id: doc.id,
    });
    expect(node).toEqual({ __typename: 'Document', id: doc.id, title: doc.title });
    for (const id of ['doc:nothing', 'nothing', '']) {
      const { data, errors } = await api.run<{ document: unknown; node: unknown }>(`query($id: ID!) { document(id: $id) { id } node(id: $id) { id } }`, { id });
      expect(errors, id).toBeUndefined();
      expect(data, id).toEqual({ document: null, node: null });
    }
  });

  it('document mentions are every naming of an entity, in text order, each text = document.text.slice(start, end)', async () => {
    const { document } = await api.ok<{ document: DocumentNode }>(DOCUMENT, { id: doc.id, first: 100 });
    expect(document.mentions.totalCount).toBe(seed.mentions.length);
    const names = new Map(seedEntities.map((e) => [e.id, [e.name, ...e.aliases]]));
    const got = document.mentions.edges.map((e) => e.node);
    expect(got.map((m) => [m.entity.id, m.start, m.end, m.text])).toEqual(seed.mentions.map((m) => [m.entityId, m.start, m.end, m.text]));
    for (const mention of got) {
      expect(mention.text).toBe(document.text.slice(mention.start, mention.end));
      expect(names.get(mention.entity.id)).toContain(mention.text);
      expect(mention.document.id).toBe(doc.id);
    }
  });

  it('pages document mentions: default 20, pages of 10 walk them all once', async () => {
    const byDefault = (await api.ok<{ document: DocumentNode }>(DOCUMENT, { id: doc.id })).document.mentions;
    expect(byDefault.edges.length).toBe(Math.min(20, seed.mentions.length));
    expect(byDefault.pageInfo.hasNextPage).toBe(seed.mentions.length > 20);
    const starts: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: DocumentNode['mentions'] = (await api.ok<{ document: DocumentNode }>(DOCUMENT, { id: doc.id, first: 10, after })).document.mentions;
      pages++;
      expect(page.totalCount).toBe(seed.mentions.length);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      starts.push(...page.edges.map((e) => e.node.start));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(pages).toBe(Math.ceil(seed.mentions.length / 10));
    expect(starts).toEqual(seed.mentions.map((m) => m.start));
    const beyond = (await api.ok<{ document: DocumentNode }>(DOCUMENT, { id: doc.id, first: 10, after })).document.mentions;
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo.hasNextPage).toBe(false);
    const none = (await api.ok<{ document: DocumentNode }>(DOCUMENT, { id: doc.id, first: 0 })).document.mentions;
    expect(none.edges).toEqual([]);
    expect(none.totalCount).toBe(seed.mentions.length);
  });

  it('documents and document mentions reject first outside 0–100 and foreign cursors', async () => {
    for (const first of [-1, 101]) {
      await api.fails(DOCUMENTS, { first }, 'BAD_USER_INPUT');
      const { errors } = await api.run(DOCUMENT, { id: doc.id, first });
      expect(errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    await api.fails(DOCUMENTS, { after: 'bogus' }, 'BAD_USER_INPUT');
    const { errors } = await api.run(DOCUMENT, { id: doc.id, after: 'bogus' });
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('timeline is empty when no event has a date (as in the seed)', async () => {
    const dated = seedEntities.filter((e) => e.kind === 'Event' && e.startDate);
    const data = await api.ok<{ timeline: { id: string }[] }>(`{ timeline { id } }`);
    expect(data.timeline.map((e) => e.id)).toEqual(dated.map((e) => e.id));
  });
});

/** A second, synthetic document: two dated events and one without a date. */
function syntheticExtraction() {
  const text =
    'Joint Drill Alpha opened on Okinawa on 10 March. Japan later hosted Summit Beta. ' +
    'Planning Meeting Gamma has no date yet, but Japan will attend it.';
  const quote = (q: string) => {
    const start = text.indexOf(q);
    if (start === -1) throw new Error(`fixture: ${q} not in text`);
    return { quote: q, start, end: start + q.length };
  };
  return validateExtraction(
    {
      document: { id: 'doc:synthetic-timeline', title: 'Synthetic timeline fixture', source: 'test/resolvers/stats.test.ts', publishedAt: '2025-06-01', text },
      entities: [
        { id: 'event:joint-drill-alpha', kind: 'Event', name: 'Joint Drill Alpha', description: 'A synthetic exercise.', eventType: 'exercise', startDate: '2025-03-10', endDate: '2025-03-14' },
        { id: 'event:summit-beta', kind: 'Event', name: 'Summit Beta', description: 'A synthetic summit.', eventType: 'meeting', startDate: '2025-05-20' },
        { id: 'event:planning-meeting-gamma', kind: 'Event', name: 'Planning Meeting Gamma', description: 'A synthetic meeting without a date.', period: 'unscheduled' },
        { id: 'country:japan', kind: 'Country', name: 'Japan', description: 'Japan.' },
        { id: 'location:okinawa', kind: 'Location', name: 'Okinawa', description: 'Okinawa.' },
      ],
      relationships: [
        { type: 'TOOK_PLACE_IN', source: 'event:joint-drill-alpha', target: 'location:okinawa', evidence: [{ ...quote('Joint Drill Alpha opened on Okinawa'), basis: 'STATED' }] },
        { type: 'PARTICIPATED_IN', source: 'country:japan', target: 'event:summit-beta', evidence: [{ ...quote('Japan later hosted Summit Beta'), basis: 'STATED' }] },
        { type: 'PARTICIPATED_IN', source: 'country:japan', target: 'event:planning-meeting-gamma', evidence: [{ ...quote('Japan will attend it'), basis: 'INFERRED' }] },
      ],
    },
    'synthetic timeline fixture',
  );
}

describe('with a second, dated document', () => {
  const synthetic = syntheticExtraction();
  const allEntities = new Map([...seedEntities, ...synthetic.extraction.entities].map((e) => [e.id, e]));
  const allRelationships = [...seedRelationships, ...synthetic.extraction.relationships];
  const datedEvents = [...allEntities.values()]
    .flatMap((e) => (e.kind === 'Event' && e.startDate ? [{ id: e.id, name: e.name, startDate: e.startDate }] : []))
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.name < b.name ? -1 : 1));
  const related = (eventId: string, entityId: string) => allRelationships.some((r) => (r.source === eventId && r.target === entityId) || (r.target === eventId && r.source === entityId));

  /** The timeline the extractions imply for these arguments. */
  function expectedTimeline({ from, to, entityId, first = 50 }: { from?: string; to?: string; entityId?: string; first?: number }) {
    return datedEvents
      .filter((e) => (!from || e.startDate >= from) && (!to || e.startDate <= to) && (!entityId || related(e.id, entityId)))
      .slice(0, first)
      .map((e) => e.id);
  }

  interface TimelineEvent {
    __typename: string;
    id: string;
    name: string;
    startDate: string | null;
    endDate: string | null;
    period: string | null;
    eventType: string | null;
  }
  const TIMELINE = `query($from: LocalDate, $to: LocalDate, $entityId: ID, $first: Int) {
    timeline(from: $from, to: $to, entityId: $entityId, first: $first) { __typename id name startDate endDate period eventType }
  }`;
  const timeline = async (variables: Record<string, unknown>) => (await api.ok<{ timeline: TimelineEvent[] }>(TIMELINE, variables)).timeline;

  beforeAll(async () => {
    await ingestExtraction(api.graph, synthetic);
  });

  it('the fixture has two dated events and one undated', () => {
    const events = synthetic.extraction.entities.filter((e) => e.kind === 'Event');
    expect(events.filter((e) => e.kind === 'Event' && e.startDate).length).toBe(2);
    expect(events.filter((e) => e.kind === 'Event' && !e.startDate).length).toBe(1);
    expect(datedEvents.length).toBeGreaterThanOrEqual(2);
  });

  it('timeline returns only dated events, in date order, with their fields', async () => {
    const events = await timeline({});
    expect(events.map((e) => e.id)).toEqual(expectedTimeline({}));
    const undated = synthetic.extraction.entities.filter((e) => e.kind === 'Event' && !e.startDate).map((e) => e.id);
    for (const id of undated) expect(events.map((e) => e.id)).not.toContain(id);
    for (const event of events) {
      const source = allEntities.get(event.id)!;
      expect(source.kind).toBe('Event');
      if (source.kind !== 'Event') continue;
      expect(event).toEqual({
        __typename: 'Event',
        id: source.id,
        name: source.name,
        startDate: source.startDate ?? null,
        endDate: source.endDate ?? null,
        period: source.period ?? null,
        eventType: source.eventType ?? null,
      });
    }
    for (let i = 1; i < events.length; i++) expect(events[i - 1]!.startDate! <= events[i]!.startDate!).toBe(true);
  });

  it('from and to bound the start date, both inclusive', async () => {
    const [first, second] = datedEvents;
    const cases = [
      { from: first!.startDate },
      { to: first!.startDate },
      { from: first!.startDate, to: first!.startDate },
      { from: second!.startDate, to: second!.startDate },
      { from: '2025-04-01' },
      { to: '2025-04-01' },
      { from: '2025-03-11', to: '2025-05-19' },
      { from: '1900-01-01', to: '2100-12-31' },
      { from: '2100-01-01' },
    ];
    const sizes = new Set<number>();
    for (const args of cases) {
      const events = await timeline(args);
      expect(events.map((e) => e.id), JSON.stringify(args)).toEqual(expectedTimeline(args));
      for (const event of events) {
        if (args.from) expect(event.startDate! >= args.from).toBe(true);
        if (args.to) expect(event.startDate! <= args.to).toBe(true);
      }
      sizes.add(events.length);
    }
    expect(sizes.size, 'the cases tell the bounds apart').toBeGreaterThan(2);
  });

  it('entityId keeps events related to that entity; first limits', async () => {
    for (const entityId of ['country:japan', 'location:okinawa', 'actor:yohei-ito', 'actor:nobody']) {
      const events = await timeline({ entityId });
      expect(events.map((e) => e.id), entityId).toEqual(expectedTimeline({ entityId }));
    }
    expect(expectedTimeline({ entityId: 'country:japan' }).length, 'the fixture relates a dated event to Japan').toBeGreaterThan(0);
    expect((await timeline({ first: 1 })).map((e) => e.id)).toEqual(expectedTimeline({ first: 1 }));
    expect((await timeline({ first: 100 })).map((e) => e.id)).toEqual(expectedTimeline({ first: 100 }));
    expect((await timeline({ entityId: 'country:japan', from: '2025-01-01', to: '2025-12-31', first: 5 })).map((e) => e.id)).toEqual(
      expectedTimeline({ entityId: 'country:japan', from: '2025-01-01', to: '2025-12-31', first: 5 }),
    );
  });

  it('from after to is BAD_USER_INPUT; first outside 1–100 too', async () => {
    const errors = await api.fails(TIMELINE, { from: '2025-06-01', to: '2025-01-01' }, 'BAD_USER_INPUT');
    expect(errors[0]!.message).toMatch(/from/);
    for (const first of [0, 101]) await api.fails(TIMELINE, { first }, 'BAD_USER_INPUT');
  });

  it('an invalid date is a GraphQL validation error, never a server error', async () => {
    for (const date of ['2025-13-01', '2025-02-30', 'yesterday', '2025-1-1', '']) {
      // As a literal: rejected while validating the document.
      const literal = await api.fails(`{ timeline(from: ${JSON.stringify(date)}) { id } }`, undefined, 'GRAPHQL_VALIDATION_FAILED');
      expect(literal[0]!.message, date).toMatch(/LocalDate/);
      // As a variable: rejected while coercing variables.
      await api.fails(TIMELINE, { to: date }, 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('stats count both documents', async () => {
    await expectStatsOf([seed, synthetic]);
  });

  it('documents lists the dated document first, the undated last, and pages', async () => {
    const all = await api.ok<DocumentsData>(DOCUMENTS, { first: 100 });
    expect(all.documents.totalCount).toBe(2);
    expect(all.documents.edges.map((e) => e.node.id)).toEqual([synthetic.extraction.document.id, extraction.document.id]);
    expect(all.documents.edges[0]!.node.publishedAt).toBe(synthetic.extraction.document.publishedAt);
    expect(all.documents.edges[1]!.node.publishedAt).toBeNull();

    const first = await api.ok<DocumentsData>(DOCUMENTS, { first: 1 });
    expect(first.documents.edges.map((e) => e.node.id)).toEqual([synthetic.extraction.document.id]);
    expect(first.documents.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await api.ok<DocumentsData>(DOCUMENTS, { first: 1, after: first.documents.pageInfo.endCursor });
    expect(second.documents.edges.map((e) => e.node.id)).toEqual([extraction.document.id]);
    expect(second.documents.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(second.documents.totalCount).toBe(2);
    const none = await api.ok<DocumentsData>(DOCUMENTS, { first: 0 });
    expect(none.documents.edges).toEqual([]);
    expect(none.documents.totalCount).toBe(2);
  });

  it('the second document has its own mentions; node(id) resolves its events', async () => {
    const { document } = await api.ok<{ document: DocumentNode }>(DOCUMENT, { id: synthetic.extraction.document.id, first: 100 });
    expect(document.publishedAt).toBe(synthetic.extraction.document.publishedAt);
    expect(document.mentions.edges.map((e) => [e.node.entity.id, e.node.start, e.node.text])).toEqual(synthetic.mentions.map((m) => [m.entityId, m.start, m.text]));
    // Japan is now named in both documents: its mentions list them document by document.
    const japan = await api.ok<{ entity: { mentions: { totalCount: number; edges: { node: { document: { id: string }; start: number } }[] } } }>(
      `{ entity(id: "country:japan") { mentions(first: 100) { totalCount edges { node { start document { id } } } } } }`,
    );
    const expectedJapan = [...seed.mentions.map((m) => ({ ...m, documentId: extraction.document.id })), ...synthetic.mentions.map((m) => ({ ...m, documentId: synthetic.extraction.document.id }))]
      .filter((m) => m.entityId === 'country:japan')
      .sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : a.start - b.start));
    expect(japan.entity.mentions.edges.map((e) => [e.node.document.id, e.node.start])).toEqual(expectedJapan.map((m) => [m.documentId, m.start]));

    const dated = synthetic.extraction.entities.find((e) => e.kind === 'Event' && e.startDate)!;
    const { node } = await api.ok<{ node: { __typename: string; startDate: string } }>(`query($id: ID!) { node(id: $id) { __typename ... on Event { startDate } } }`, { id: dated.id });
    expect(node).toEqual({ __typename: 'Event', startDate: dated.kind === 'Event' ? dated.startDate : undefined });
  });
});
