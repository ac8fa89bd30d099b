/**
 * The `entity` root field reads ahead (src/resolvers/lookAhead.ts): one statement for the entity,
 * its first page of relationships, their evidence and the next level. `node(id:)` does not read
 * ahead, so the same selection through both must give the same answer, for every filter, window
 * and direction; and the look-ahead must save the round trips it exists for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { seedGraph } from '../../src/graph/seed.js';
import { mergeEntities } from '../../src/graph/merge.js';
import { createTestApi } from '../support/api.js';
import { SEED_FILE } from '../support/extractionFixtures.js';
import { resetDatabase } from '../support/graph.js';

const api = await createTestApi();
const { extraction } = readExtractionFile(SEED_FILE);
const degree = (id: string) => extraction.relationships.filter((r) => r.source === id || r.target === id).length;
// The most connected entities first: the pages are full and the nested level has something to read.
const ids = extraction.entities.map((e) => e.id).sort((a, b) => degree(b) - degree(a) || a.localeCompare(b)).slice(0, 6);

beforeAll(async () => {
  await resetDatabase(api.graph);
  await seedGraph(api.graph);
});
afterAll(() => api.close());

const SELECTION = `
  fragment Links on Entity {
    id name
    relationships(direction: $direction, types: $types, statuses: $statuses, minSources: $minSources, includeCoMentions: $co, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id type basis curation sources
        evidence { id quote start end document { id } }
        source { id name }
        target { id name
          relationships(direction: $direction, types: $types, statuses: $statuses, minSources: $minSources, includeCoMentions: $co, first: $nestedFirst) {
            totalCount edges { node { id target { id } source { id } } }
          }
        }
      } }
    }
  }`;
const VARIABLES = '$id: ID!, $direction: Direction, $types: [RelationshipType!], $statuses: [CurationStatus!], $minSources: Int, $co: Boolean, $first: Int, $after: String, $nestedFirst: Int';
const BY_ENTITY = `query ByEntity(${VARIABLES}) { found: entity(id: $id) { ...Links } } ${SELECTION}`;
const BY_NODE = `query ByNode(${VARIABLES}) { found: node(id: $id) { ...Links } } ${SELECTION}`;

const CASES: Record<string, unknown>[] = [
  {},
  { direction: 'OUTGOING', first: 10, nestedFirst: 5 },
  { direction: 'INCOMING', first: 3, nestedFirst: 2 },
  // The second page: after the cursor of the second edge (opaque, as the API issues it).
  { direction: 'BOTH', first: 2, after: Buffer.from('o:1').toString('base64url') },
  { types: ['LEADS', 'MEMBER_OF', 'LOCATED_IN'], first: 5 },
  { statuses: ['CURATED'], first: 4, nestedFirst: 1 },
  { statuses: ['PROPOSED'] },
  { minSources: 2 },
  { co: true, first: 6 },
];

async function both(variables: Record<string, unknown>) {
  const viaEntity = await api.run<{ found: unknown }>(BY_ENTITY, variables);
  const viaNode = await api.run<{ found: unknown }>(BY_NODE, variables);
  expect(viaEntity.errors, JSON.stringify(viaEntity.errors)).toBeUndefined();
  expect(viaNode.errors, JSON.stringify(viaNode.errors)).toBeUndefined();
  return { viaEntity, viaNode };
}

describe('entity look-ahead', () => {
  it('answers exactly as the loaders do, for every filter, window and direction', async () => {
    let compared = 0;
    for (const id of ids) {
      for (const variables of CASES) {
        const { viaEntity, viaNode } = await both({ id, ...variables });
        expect(viaEntity.data, `${id} ${JSON.stringify(variables)}`).toEqual(viaNode.data);
        compared += 1;
      }
    }
    expect(compared).toBe(ids.length * CASES.length);
  });

  it('reads an entity, a page of its links, their evidence and the next level in one round trip', async () => {
    const outgoing = (id: string) => extraction.relationships.filter((r) => r.source === id).length;
    const id = [...ids].sort((a, b) => outgoing(b) - outgoing(a))[0]!;
    const query = (root: string) => `query($id: ID!) { found: ${root}(id: $id) { ... on Entity { id name
      relationships(direction: OUTGOING, first: 10) { totalCount edges { node { id type
        evidence { quote }
        target { id name relationships(direction: OUTGOING, first: 5) { totalCount edges { node { id target { id name } } } } }
      } } }
    } } }`;
    const viaEntity = await api.run<{ found: unknown }>(query('entity'), { id });
    const viaNode = await api.run<{ found: unknown }>(query('node'), { id });
    expect(viaEntity.errors).toBeUndefined();
    expect(viaEntity.data).toEqual(viaNode.data);
    const found = viaEntity.data?.found as { relationships: { edges: { node: { evidence: unknown[]; target: { relationships: { edges: unknown[] } } } }[] } };
    expect(found.relationships.edges.length).toBe(Math.min(10, outgoing(id)));
    expect(found.relationships.edges.every((edge) => edge.node.evidence.length > 0)).toBe(true);
    expect(found.relationships.edges.some((edge) => edge.node.target.relationships.edges.length > 0)).toBe(true);
    expect(viaEntity.roundTrips).toBe(1);
    expect(viaNode.roundTrips, 'the loaders need one round trip per level').toBeGreaterThanOrEqual(3);
    // Once compiled (src/server/compiledExecution.ts: from the second run) it still reads ahead.
    for (let run = 2; run <= 3; run++) {
      const again = await api.run<{ found: unknown }>(query('entity'), { id });
      expect(again.data, `run ${run}`).toEqual(viaNode.data);
      expect(again.roundTrips, `run ${run}`).toBe(1);
    }
  });

  it('still loads, as usual, what the look-ahead did not cover', async () => {
    // A nested page with another filter is not read ahead; it must still be there, and right.
    const query = `query($id: ID!) {
      entity(id: $id) { relationships(first: 3) { edges { node { target { relationships(types: [LEADS], first: 2) { totalCount } } } } } }
      same: node(id: $id) { ... on Entity { relationships(first: 3) { edges { node { target { relationships(types: [LEADS], first: 2) { totalCount } } } } } } }
    }`;
    const { data, errors, roundTrips } = await api.run<{ entity: unknown; same: unknown }>(query, { id: ids[0] });
    expect(errors).toBeUndefined();
    expect(data?.entity).toEqual(data?.same);
    expect(roundTrips).toBeGreaterThan(1);
  });

  it('gives null for an unknown id and reports bad arguments from the field itself', async () => {
    const unknown = await api.run<{ found: unknown }>(BY_ENTITY, { id: 'actor:nobody-at-all' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.found).toBeNull();
    const bad = await api.run(BY_ENTITY, { id: ids[0], first: 100_000 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.path).toEqual(['found', 'relationships']);
  });

  it('reads an entity with a page of its neighbours in one round trip, answering as the loaders do', async () => {
    const query = (root: string) => `query($id: ID!, $first: Int, $after: String, $kinds: [EntityKind!], $statuses: [CurationStatus!], $co: Boolean, $direction: Direction) {
      found: ${root}(id: $id) { ... on Entity { id name
        neighbors(first: $first, after: $after, kinds: $kinds, statuses: $statuses, includeCoMentions: $co, direction: $direction) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor relationshipTypes relationshipCount node { id name } }
        }
      } } }`;
    const cases: Record<string, unknown>[] = [{}, { first: 3 }, { first: 2, after: Buffer.from('o:1').toString('base64url') }, { kinds: ['Country'] }, { statuses: ['CURATED'] }, { co: true, direction: 'OUTGOING' }];
    for (const id of ids) {
      for (const variables of cases) {
        const viaEntity = await api.run<{ found: unknown }>(query('entity'), { id, ...variables });
        const viaNode = await api.run<{ found: unknown }>(query('node'), { id, ...variables });
        expect(viaEntity.errors).toBeUndefined();
        expect(viaEntity.data, `${id} ${JSON.stringify(variables)}`).toEqual(viaNode.data);
        expect(viaEntity.roundTrips).toBe(1);
        expect(viaNode.roundTrips).toBe(2);
      }
    }
  });

  it('follows a merged-away id to its survivor', async () => {
    const kindOf = (id: string) => extraction.entities.find((e) => e.id === id)!.kind;
    const survivor = ids[0]!;
    const merged = extraction.entities.map((e) => e.id).find((id) => id !== survivor && kindOf(id) === kindOf(survivor))!;
    await mergeEntities(api.graph, survivor, [merged], 'test');
    const { viaEntity, viaNode } = await both({ id: merged, first: 5, nestedFirst: 2 });
    expect((viaEntity.data?.found as { id: string }).id).toBe(survivor);
    expect(viaEntity.data).toEqual(viaNode.data);
    const neighbours = (root: string) => `query($id: ID!) { found: ${root}(id: $id) { ... on Entity { id neighbors(first: 3) { totalCount edges { node { id } } } } } }`;
    const [a, b] = [await api.run<{ found: { id: string } }>(neighbours('entity'), { id: merged }), await api.run(neighbours('node'), { id: merged })];
    expect(a.data?.found.id).toBe(survivor);
    expect(a.data).toEqual(b.data);
  });
});
