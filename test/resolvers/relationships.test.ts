/**
 * The fields every entity shares: relationships(direction, types, first, after),
 * neighbors(direction, types, kinds, first, after), mentions(first, after) and
 * degree(direction, types), checked for every seed entity against the extraction file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createTestApi } from '../support/api.js';
import { SEED_FILE } from '../support/extractionFixtures.js';
import { resetDatabase } from '../support/graph.js';
import { relationshipId } from '../../src/domain/ids.js';
import type { RelationshipType } from '../../src/domain/vocabulary.js';

const api = await createTestApi();
const { extraction, mentions: seedMentions } = readExtractionFile(SEED_FILE);
const seedEntities = extraction.entities;
const entityById = new Map(seedEntities.map((e) => [e.id, e]));
const seedRelationships = extraction.relationships.map((r) => ({ ...r, id: relationshipId(r) }));
type SeedRelationship = (typeof seedRelationships)[number];
type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

/** The seed relationships of `id` in `direction`, optionally of some types only. */
function seedRelationshipsOf(id: string, direction: Direction, types?: readonly string[]): SeedRelationship[] {
  return seedRelationships.filter(
    (r) =>
      (direction === 'OUTGOING' ? r.source === id : direction === 'INCOMING' ? r.target === id : r.source === id || r.target === id) &&
      (!types || types.includes(r.type)),
  );
}
const otherEnd = (r: { source: string; target: string }, id: string) => (r.source === id ? r.target : r.source);

beforeAll(async () => {
  await resetDatabase(api.graph);
  await seedGraph(api.graph);
});
afterAll(() => api.close());

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Connection<E> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: E[];
}
interface RelationshipEdge {
  cursor: string;
  node: { id: string; type: RelationshipType; source: { id: string; name: string }; target: { id: string; name: string } };
}
interface NeighborEdge {
  cursor: string;
  node: { id: string; kind: string; name: string };
  relationshipTypes: string[];
  relationshipCount: number;
}

const RELATIONSHIP_SELECTION = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id type source { id name } target { id name } } }`;

describe('relationships and degree', () => {
  interface Row {
    id: string;
    out: Connection<RelationshipEdge>;
    in: Connection<RelationshipEdge>;
    both: Connection<RelationshipEdge>;
    dOut: number;
    dIn: number;
    dBoth: number;
  }
  const ALL_ENTITIES = `
    query($types: [RelationshipType!]) {
      entities(first: 100) { edges { node { id
        out: relationships(direction: OUTGOING, types: $types, first: 100) { ${RELATIONSHIP_SELECTION} }
        in: relationships(direction: INCOMING, types: $types, first: 100) { ${RELATIONSHIP_SELECTION} }
        both: relationships(types: $types, first: 100) { ${RELATIONSHIP_SELECTION} }
        dOut: degree(direction: OUTGOING, types: $types)
        dIn: degree(direction: INCOMING, types: $types)
        dBoth: degree(types: $types)
      } } }
    }`;
  const rows = async (types?: string[]) =>
    (await api.ok<{ entities: { edges: { node: Row }[] } }>(ALL_ENTITIES, { types: types ?? null })).entities.edges.map((e) => e.node);

  const check = (rowsOf: Row[], types?: string[]) => {
    expect(rowsOf.map((r) => r.id).sort()).toEqual(seedEntities.map((e) => e.id).sort());
    for (const row of rowsOf) {
      for (const [direction, connection, degree] of [
        ['OUTGOING', row.out, row.dOut],
        ['INCOMING', row.in, row.dIn],
        ['BOTH', row.both, row.dBoth],
      ] as const) {
        const expected = seedRelationshipsOf(row.id, direction, types);
        const label = `${row.id} ${direction} ${types ?? 'all'}`;
        expect(connection.edges.map((e) => e.node.id).sort(), label).toEqual(expected.map((r) => r.id).sort());
        expect(connection.totalCount, label).toBe(expected.length);
        expect(degree, label).toBe(expected.length);
        for (const { node } of connection.edges) {
          if (direction === 'OUTGOING') expect(node.source.id, label).toBe(row.id);
          if (direction === 'INCOMING') expect(node.target.id, label).toBe(row.id);
          if (direction === 'BOTH') expect([node.source.id, node.target.id], label).toContain(row.id);
          expect(node.id).toBe(relationshipId({ source: node.source.id, type: node.type, target: node.target.id }));
          expect(node.source.name).toBe(entityById.get(node.source.id)!.name);
          expect(node.target.name).toBe(entityById.get(node.target.id)!.name);
          if (types) expect(types).toContain(node.type);
        }
      }
      expect(row.dOut + row.dIn, row.id).toBe(row.dBoth);
    }
  };

  it('OUTGOING, INCOMING and BOTH match the extraction for every entity; totalCount equals degree', async () => {
    check(await rows());
  });

  it('the types filter restricts relationships and degree alike', async () => {
    const counts = new Map<string, number>();
    for (const r of seedRelationships) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    // The two most frequent types plus a rare one.
    const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([type]) => type);
    const types = [byFrequency[0]!, byFrequency[1]!, byFrequency.at(-1)!];
    const filtered = await rows(types);
    check(filtered, types);
    const total = filtered.reduce((sum, row) => sum + row.dOut, 0);
    expect(total).toBe(seedRelationships.filter((r) => types.includes(r.type)).length);
    expect(total).toBeLessThan(seedRelationships.length);
  });

  it('an empty types list means all types', async () => {
    const japan = await api.ok<{ entity: { relationships: { totalCount: number }; degree: number } }>(
      `{ entity(id: "country:japan") { relationships(types: []) { totalCount } degree(types: []) } }`,
    );
    expect(japan.entity.relationships.totalCount).toBe(seedRelationshipsOf('country:japan', 'BOTH').length);
    expect(japan.entity.degree).toBe(seedRelationshipsOf('country:japan', 'BOTH').length);
  });

  it('orders by type, then by the other entity’s name', async () => {
    for (const row of await rows()) {
      for (const [direction, connection] of [
        ['OUTGOING', row.out],
        ['INCOMING', row.in],
        ['BOTH', row.both],
      ] as const) {
        const keys = connection.edges.map(({ node }) => [node.type, node.source.id === row.id && direction !== 'INCOMING' ? node.target.name : node.source.name] as const);
        for (let i = 1; i < keys.length; i++) {
          const [a, b] = [keys[i - 1]!, keys[i]!];
          expect(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), `${row.id} ${direction}: ${a.join('/')} before ${b.join('/')}`).toBe(true);
        }
      }
    }
  });

  it('pages: first defaults to 20; walking pages of 7 gives every relationship once', async () => {
    const id = [...seedEntities].sort((a, b) => seedRelationshipsOf(b.id, 'BOTH').length - seedRelationshipsOf(a.id, 'BOTH').length)[0]!.id;
    const degree = seedRelationshipsOf(id, 'BOTH').length;
    expect(degree, 'the most connected entity has more than one page').toBeGreaterThan(20);

    const QUERY = `query($id: ID!, $first: Int, $after: String) { entity(id: $id) { relationships(first: $first, after: $after) { ${RELATIONSHIP_SELECTION} } } }`;
    type Data = { entity: { relationships: Connection<RelationshipEdge> } };
    const byDefault = (await api.ok<Data>(QUERY, { id })).entity.relationships;
    expect(byDefault.edges.length).toBe(20);
    expect(byDefault.pageInfo.hasNextPage).toBe(true);

    const walked: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Connection<RelationshipEdge> = (await api.ok<Data>(QUERY, { id, first: 7, after })).entity.relationships;
      pages++;
      expect(page.totalCount).toBe(degree);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      walked.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(degree / 7));
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toEqual((await api.ok<Data>(QUERY, { id, first: 100 })).entity.relationships.edges.map((e) => e.node.id));

    const beyond = (await api.ok<Data>(QUERY, { id, first: 7, after: (await api.ok<Data>(QUERY, { id, first: 100 })).entity.relationships.pageInfo.endCursor })).entity
      .relationships;
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo.hasNextPage).toBe(false);
    const none = (await api.ok<Data>(QUERY, { id, first: 0 })).entity.relationships;
    expect(none.edges).toEqual([]);
    expect(none.totalCount).toBe(degree);
  });

  it('an entity without relationships of a direction has an empty connection', async () => {
    const sinkless = seedEntities.find((e) => seedRelationshipsOf(e.id, 'OUTGOING').length === 0)!;
    expect(sinkless, 'some seed entity has no outgoing relationship').toBeDefined();
    const data = await api.ok<{ entity: { relationships: Connection<RelationshipEdge>; degree: number } }>(
      `query($id: ID!) { entity(id: $id) { relationships(direction: OUTGOING) { ${RELATIONSHIP_SELECTION} } degree(direction: OUTGOING) } }`,
      { id: sinkless.id },
    );
    expect(data.entity.relationships).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
    expect(data.entity.degree).toBe(0);
  });
});

describe('evidence', () => {
  it('every relationship has evidence whose quote is document.text.slice(start, end), as in the extraction', async () => {
    interface Evidence {
      id: string;
      quote: string;
      start: number;
      end: number;
      basis: string;
      document: { id: string; text: string };
    }
    const data = await api.ok<{ entities: { edges: { node: { relationships: { edges: { node: { id: string; basis: string; evidence: Evidence[] } }[] } } }[] } }>(`{
      entities(first: 100) { edges { node { relationships(direction: OUTGOING, first: 100) { edges { node {
        id basis evidence { id quote start end basis document { id text } }
      } } } } } }
    }`);
    const relationships = data.entities.edges.flatMap((e) => e.node.relationships.edges.map((r) => r.node));
    expect(relationships.map((r) => r.id).sort()).toEqual(seedRelationships.map((r) => r.id).sort());
    const evidenceIds = new Set<string>();
    for (const relationship of relationships) {
      const seed = seedRelationships.find((r) => r.id === relationship.id)!;
      expect(relationship.evidence.length, relationship.id).toBeGreaterThanOrEqual(1);
      expect(relationship.evidence.length, relationship.id).toBe(seed.evidence.length);
      for (const evidence of relationship.evidence) {
        expect(evidence.quote, relationship.id).toBe(evidence.document.text.slice(evidence.start, evidence.end));
        expect(evidence.document.id).toBe(extraction.document.id);
        expect(evidence.document.text).toBe(extraction.document.text);
        expect(seed.evidence.some((ev) => ev.start === evidence.start && ev.end === evidence.end && ev.basis === evidence.basis)).toBe(true);
        evidenceIds.add(evidence.id);
      }
      expect(relationship.basis).toBe(relationship.evidence.some((ev) => ev.basis === 'STATED') ? 'STATED' : 'INFERRED');
    }
    expect(evidenceIds.size, 'evidence ids are unique').toBe(seedRelationships.reduce((n, r) => n + r.evidence.length, 0));
  });
});

describe('neighbors', () => {
  /** Distinct neighbours with their relationship types and counts, from the extraction. */
  function seedNeighbors(id: string, direction: Direction, types?: string[], kinds?: string[]) {
    const byNeighbor = new Map<string, { types: Set<string>; count: number }>();
    for (const r of seedRelationshipsOf(id, direction, types)) {
      const other = otherEnd(r, id);
      if (kinds && !kinds.includes(entityById.get(other)!.kind)) continue;
      const entry = byNeighbor.get(other) ?? { types: new Set<string>(), count: 0 };
      entry.types.add(r.type);
      entry.count++;
      byNeighbor.set(other, entry);
    }
    return byNeighbor;
  }

  const NEIGHBOR_SELECTION = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id kind name } relationshipTypes relationshipCount }`;

  function check(id: string, connection: Connection<NeighborEdge>, direction: Direction, types?: string[], kinds?: string[]) {
    const expected = seedNeighbors(id, direction, types, kinds);
    const label = `${id} ${direction} types=${types ?? 'all'} kinds=${kinds ?? 'all'}`;
    const ids = connection.edges.map((e) => e.node.id);
    expect(new Set(ids).size, `${label}: each neighbour once`).toBe(ids.length);
    expect(ids.sort(), label).toEqual([...expected.keys()].sort());
    expect(connection.totalCount, label).toBe(expected.size);
    for (const edge of connection.edges) {
      const want = expected.get(edge.node.id)!;
      expect(edge.relationshipCount, `${label} → ${edge.node.id}`).toBe(want.count);
      expect([...edge.relationshipTypes].sort(), `${label} → ${edge.node.id}`).toEqual([...want.types].sort());
      expect(new Set(edge.relationshipTypes).size).toBe(edge.relationshipTypes.length);
      if (kinds) expect(kinds).toContain(edge.node.kind);
      expect(edge.node.id).not.toBe(id);
    }
    for (let i = 1; i < connection.edges.length; i++) {
      expect(connection.edges[i - 1]!.relationshipCount, `${label}: most strongly linked first`).toBeGreaterThanOrEqual(connection.edges[i]!.relationshipCount);
    }
    const sum = connection.edges.reduce((n, e) => n + e.relationshipCount, 0);
    expect(sum, `${label}: relationshipCount sums to the relationships`).toBe(
      seedRelationshipsOf(id, direction, types).filter((r) => !kinds || kinds.includes(entityById.get(otherEnd(r, id))!.kind)).length,
    );
  }

  it('lists distinct neighbours per direction; relationshipCount sums to the degree', async () => {
    interface Row {
      id: string;
      out: Connection<NeighborEdge>;
      in: Connection<NeighborEdge>;
      both: Connection<NeighborEdge>;
      degree: number;
    }
    const data = await api.ok<{ entities: { edges: { node: Row }[] } }>(`{
      entities(first: 100) { edges { node { id degree
        out: neighbors(direction: OUTGOING, first: 100) { ${NEIGHBOR_SELECTION} }
        in: neighbors(direction: INCOMING, first: 100) { ${NEIGHBOR_SELECTION} }
        both: neighbors(first: 100) { ${NEIGHBOR_SELECTION} }
      } } }
    }`);
    const rows = data.entities.edges.map((e) => e.node);
    expect(rows.length).toBe(seedEntities.length);
    let parallel = 0;
    for (const row of rows) {
      check(row.id, row.out, 'OUTGOING');
      check(row.id, row.in, 'INCOMING');
      check(row.id, row.both, 'BOTH');
      expect(row.both.edges.reduce((n, e) => n + e.relationshipCount, 0)).toBe(row.degree);
      parallel += row.both.edges.filter((e) => e.relationshipCount > 1).length;
    }
    expect(parallel, 'the seed links some pairs more than once, so counts are exercised').toBeGreaterThan(0);
  });

  it('filters by relationship types and by neighbour kinds', async () => {
    const id = 'country:japan';
    const QUERY = `query($id: ID!, $types: [RelationshipType!], $kinds: [EntityKind!], $direction: Direction) {
      entity(id: $id) { neighbors(types: $types, kinds: $kinds, direction: $direction, first: 100) { ${NEIGHBOR_SELECTION} } }
    }`;
    const typesAround = [...new Set(seedRelationshipsOf(id, 'BOTH').map((r) => r.type))];
    const kindsAround = [...new Set(seedRelationshipsOf(id, 'BOTH').map((r) => entityById.get(otherEnd(r, id))!.kind))];
    expect(typesAround.length).toBeGreaterThan(2);
    expect(kindsAround.length).toBeGreaterThan(2);
    const cases: { direction: Direction; types?: string[]; kinds?: string[] }[] = [
      { direction: 'BOTH', types: typesAround.slice(0, 2) },
      { direction: 'BOTH', kinds: kindsAround.slice(0, 1) },
      { direction: 'BOTH', kinds: kindsAround.slice(0, 2), types: typesAround.slice(0, 3) },
      { direction: 'OUTGOING', kinds: kindsAround.slice(1, 3) },
      { direction: 'INCOMING', types: typesAround.slice(1, 4) },
    ];
    for (const { direction, types, kinds } of cases) {
      const data = await api.ok<{ entity: { neighbors: Connection<NeighborEdge> } }>(QUERY, { id, direction, types: types ?? null, kinds: kinds ?? null });
      check(id, data.entity.neighbors, direction, types, kinds);
    }
  });

  it('pages neighbours: default 20, pages of 5 cover every neighbour once', async () => {
    const id = 'country:japan';
    const total = seedNeighbors(id, 'BOTH').size;
    expect(total).toBeGreaterThan(5);
    const QUERY = `query($id: ID!, $first: Int, $after: String) { entity(id: $id) { neighbors(first: $first, after: $after) { ${NEIGHBOR_SELECTION} } } }`;
    type Data = { entity: { neighbors: Connection<NeighborEdge> } };
    const byDefault = (await api.ok<Data>(QUERY, { id })).entity.neighbors;
    expect(byDefault.edges.length).toBe(Math.min(20, total));
    expect(byDefault.pageInfo.hasNextPage).toBe(total > 20);
    const walked: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page: Connection<NeighborEdge> = (await api.ok<Data>(QUERY, { id, first: 5, after })).entity.neighbors;
      expect(page.totalCount).toBe(total);
      walked.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toEqual((await api.ok<Data>(QUERY, { id, first: 100 })).entity.neighbors.edges.map((e) => e.node.id));
  });
});

describe('mentions of an entity', () => {
  interface MentionNode {
    text: string;
    start: number;
    end: number;
    entity: { id: string };
    document: { id: string; text: string };
  }
  const MENTION_SELECTION = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { text start end entity { id } document { id text } } }`;

  it('every entity’s mentions are the places the text names it, text = document.text.slice(start, end)', async () => {
    const data = await api.ok<{ entities: { edges: { node: { id: string; name: string; aliases: string[]; mentions: Connection<{ node: MentionNode }> } }[] } }>(`{
      entities(first: 100) { edges { node { id name aliases mentions(first: 100) { ${MENTION_SELECTION} } } } }
    }`);
    let total = 0;
    for (const { node: entity } of data.entities.edges) {
      const expected = seedMentions.filter((m) => m.entityId === entity.id);
      const got = entity.mentions.edges.map((e) => e.node);
      expect(entity.mentions.totalCount, entity.id).toBe(expected.length);
      expect(got.length, `${entity.id}: every seed entity is named at least once`).toBeGreaterThan(0);
      expect(got.map((m) => [m.start, m.end, m.text]), entity.id).toEqual(expected.map((m) => [m.start, m.end, m.text]));
      for (const mention of got) {
        expect(mention.text).toBe(mention.document.text.slice(mention.start, mention.end));
        expect([entity.name, ...entity.aliases]).toContain(mention.text);
        expect(mention.entity.id).toBe(entity.id);
        expect(mention.document.id).toBe(extraction.document.id);
      }
      for (let i = 1; i < got.length; i++) expect(got[i - 1]!.start).toBeLessThan(got[i]!.start);
      total += got.length;
    }
    expect(total).toBe(seedMentions.length);
  });

  it('pages mentions with first/after', async () => {
    const counts = new Map<string, number>();
    for (const m of seedMentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    const [id, total] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    expect(total).toBeGreaterThan(2);
    const QUERY = `query($id: ID!, $first: Int, $after: String) { entity(id: $id) { mentions(first: $first, after: $after) { ${MENTION_SELECTION} } } }`;
    type Data = { entity: { mentions: Connection<{ cursor: string; node: MentionNode }> } };
    const byDefault = (await api.ok<Data>(QUERY, { id })).entity.mentions;
    expect(byDefault.edges.length).toBe(Math.min(20, total));
    const starts: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Data['entity']['mentions'] = (await api.ok<Data>(QUERY, { id, first: 2, after })).entity.mentions;
      pages++;
      expect(page.totalCount).toBe(total);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      starts.push(...page.edges.map((e) => e.node.start));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(total / 2));
    expect(starts).toEqual(seedMentions.filter((m) => m.entityId === id).map((m) => m.start));
    const none = (await api.ok<Data>(QUERY, { id, first: 0 })).entity.mentions;
    expect(none.edges).toEqual([]);
    expect(none.totalCount).toBe(total);
  });
});
