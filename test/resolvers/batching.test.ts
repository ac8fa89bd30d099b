/**
 * The N+1 test: nested fields are batched per request (DataLoader), so the number of Neo4j round
 * trips of an operation depends on its shape, never on how many items a list holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createTestApi } from '../support/api.js';
import { SEED_FILE } from '../support/extractionFixtures.js';
import { resetDatabase } from '../support/graph.js';
import { relationshipId } from '../../src/domain/ids.js';

const api = await createTestApi();
const { extraction, mentions: seedMentions } = readExtractionFile(SEED_FILE);
const seedEntities = extraction.entities;
const seedDegree = (id: string) => extraction.relationships.filter((r) => r.source === id || r.target === id).length;
const distinctNeighbors = (id: string) =>
  new Set(extraction.relationships.flatMap((r) => (r.source === id ? [r.target] : r.target === id ? [r.source] : []))).size;

/** Round trips this operation shape may make, whatever the list sizes (one per distinct loader and level). */
const MAX_NESTED_ROUND_TRIPS = 8;

beforeAll(async () => {
  await resetDatabase(api.graph);
  await seedGraph(api.graph);
});
afterAll(() => api.close());

async function measure<T>(query: string, variables?: Record<string, unknown>) {
  const { data, errors, roundTrips } = await api.run<T>(query, variables);
  expect(errors, JSON.stringify(errors)).toBeUndefined();
  return { data: data as T, roundTrips };
}

const NESTED = `
  query Nested($n: Int!) {
    entities(first: $n) {
      edges {
        node {
          id
          relationships(first: 10) {
            edges { node { target { name degree } source { name } evidence { quote document { title } } } }
          }
          neighbors(first: 5) { edges { node { name } } }
          mentions(first: 3) { edges { node { text } } }
          degree
        }
      }
    }
  }`;

interface NestedData {
  entities: {
    edges: {
      node: {
        id: string;
        relationships: { edges: { node: { target: { name: string; degree: number }; source: { name: string }; evidence: { quote: string; document: { title: string } }[] } }[] };
        neighbors: { edges: { node: { name: string } }[] };
        mentions: { edges: { node: { text: string } }[] };
        degree: number;
      };
    }[];
  };
}

describe('N+1', () => {
  it('the nested entities query makes the same small number of round trips for N = 2, 5 and 20', async () => {
    expect(seedEntities.length, 'the seed has more entities than the largest N').toBeGreaterThan(20);
    const measured = new Map<number, number>();
    for (const n of [2, 5, 20]) {
      const { data, roundTrips } = await measure<NestedData>(NESTED, { n });
      measured.set(n, roundTrips);
      // The answer is complete, so the count is not low because something was skipped.
      const nodes = data.entities.edges.map((e) => e.node);
      expect(nodes.length).toBe(n);
      for (const node of nodes) {
        expect(node.degree, node.id).toBe(seedDegree(node.id));
        expect(node.relationships.edges.length, node.id).toBe(Math.min(10, seedDegree(node.id)));
        expect(node.neighbors.edges.length, node.id).toBe(Math.min(5, distinctNeighbors(node.id)));
        expect(node.mentions.edges.length, node.id).toBe(Math.min(3, seedMentions.filter((m) => m.entityId === node.id).length));
        for (const { node: r } of node.relationships.edges) {
          expect(r.evidence.length).toBeGreaterThan(0);
          expect(r.evidence[0]!.document.title).toBe(extraction.document.title);
          expect(r.target.degree).toBeGreaterThan(0);
        }
      }
    }
    console.log(`[N+1] nested entities query round trips: ${[...measured].map(([n, trips]) => `N=${n}: ${trips}`).join(', ')}`);
    const counts = [...measured.values()];
    expect(new Set(counts).size, `round trips by N: ${JSON.stringify([...measured])}`).toBe(1);
    expect(counts[0]!).toBeLessThanOrEqual(MAX_NESTED_ROUND_TRIPS);
  });

  it('the whole graph costs no more, and a repeated request costs the same (loaders are per request)', async () => {
    const small = await measure<NestedData>(NESTED, { n: 2 });
    const all = await measure<NestedData>(NESTED, { n: 100 });
    expect(all.data.entities.edges.length).toBe(seedEntities.length);
    const again = await measure<NestedData>(NESTED, { n: 2 });
    // With every entity listed, the targets' degrees are already in the request's cache (loaded for
    // the entities themselves), which may save a round trip, never add one.
    expect(all.roundTrips).toBeLessThanOrEqual(small.roundTrips);
    expect(again.roundTrips, 'a new request starts with empty loaders').toBe(small.roundTrips);
  });

  it('entity lookups by id in one operation share one round trip', async () => {
    const ids = seedEntities.slice(0, 10).map((e) => e.id);
    const query = `{ ${ids.map((id, i) => `e${i}: entity(id: "${id}") { id name }`).join(' ')} missing: entity(id: "actor:nobody") { id } }`;
    const { data, roundTrips } = await measure<Record<string, { id: string } | null>>(query);
    expect(ids.map((_, i) => data[`e${i}`]?.id)).toEqual(ids);
    expect(data.missing).toBeNull();
    console.log(`[N+1] ${ids.length + 1} entity lookups: ${roundTrips} round trip(s)`);
    expect(roundTrips).toBe(1);
  });

  it('node() over entities, a document and relationships costs one round trip per kind of object', async () => {
    const relationshipIds = extraction.relationships.slice(0, 5).map(relationshipId);
    const ids = [...seedEntities.slice(0, 5).map((e) => e.id), extraction.document.id, ...relationshipIds];
    const query = `{ ${ids.map((id, i) => `n${i}: node(id: "${id}") { id __typename }`).join(' ')} }`;
    const { data, roundTrips } = await measure<Record<string, { id: string }>>(query);
    expect(ids.map((_, i) => data[`n${i}`]!.id)).toEqual(ids);
    expect(roundTrips).toBeLessThanOrEqual(3);
  });

  /** Round trips of `query` for two sizes of its outer list must be equal. */
  async function expectFlat(label: string, query: string, small: Record<string, unknown>, large: Record<string, unknown>, sizeOf: (data: never) => number) {
    const a = await measure<never>(query, small);
    const b = await measure<never>(query, large);
    const sizeA = sizeOf(a.data);
    const sizeB = sizeOf(b.data);
    expect(sizeB, `${label}: the larger request lists more`).toBeGreaterThan(sizeA);
    console.log(`[N+1] ${label}: ${a.roundTrips} round trips for ${sizeA} items, ${b.roundTrips} for ${sizeB}`);
    expect(b.roundTrips, label).toBe(a.roundTrips);
    expect(b.roundTrips, label).toBeLessThanOrEqual(MAX_NESTED_ROUND_TRIPS);
  }

  it('search hits, subgraph nodes, paths and document mentions batch their nested fields too', async () => {
    await expectFlat(
      'search',
      `query($first: Int) { search(query: "japan military", first: $first) { entity { name degree neighbors(first: 3) { edges { node { name } } } relationships(first: 3) { edges { node { evidence { quote } } } } } } }`,
      { first: 1 },
      { first: 20 },
      (data: { search: unknown[] }) => data.search.length,
    );
    await expectFlat(
      'subgraph',
      `query($limit: Int) { subgraph(centerId: "unit:seventh-regiment", depth: 2, limit: $limit) { nodes { name degree mentions(first: 2) { edges { node { text } } } } edges { type source { name } target { name } evidence { quote document { title } } } } }`,
      { limit: 2 },
      { limit: 30 },
      (data: { subgraph: { nodes: unknown[] } }) => data.subgraph.nodes.length,
    );
    await expectFlat(
      'paths',
      `query($first: Int) { paths(fromId: "actor:yohei-ito", toId: "actor:ryosei-akazawa", first: $first) { nodes { name degree } hops { from { name } to { degree } relationship { type evidence { quote document { title } } } } } }`,
      { first: 1 },
      { first: 25 },
      (data: { paths: unknown[] }) => data.paths.length,
    );
    await expectFlat(
      'document mentions',
      `query($first: Int) { documents { edges { node { mentions(first: $first) { edges { node { text entity { name degree relationships(first: 2) { totalCount } } document { title } } } } } } } }`,
      { first: 1 },
      { first: 50 },
      (data: { documents: { edges: { node: { mentions: { edges: unknown[] } } }[] } }) => data.documents.edges[0]!.node.mentions.edges.length,
    );
    await expectFlat(
      'mostConnected',
      `query($first: Int) { stats { mostConnected(first: $first) { degree entity { name degree(direction: OUTGOING) neighbors(first: 2) { totalCount } } } } }`,
      { first: 1 },
      { first: 30 },
      (data: { stats: { mostConnected: unknown[] } }) => data.stats.mostConnected.length,
    );
  });
});
