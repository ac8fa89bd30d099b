/**
 * Query.subgraph and Query.paths, checked against breadth-first searches over the seed
 * extraction's relationships (undirected, parallel relationships counted separately).
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
const { extraction } = readExtractionFile(SEED_FILE);
const seedEntities = extraction.entities;
const entityById = new Map(seedEntities.map((e) => [e.id, e]));
const seedRelationships = extraction.relationships.map((r) => ({ ...r, id: relationshipId(r) }));
const relationshipById = new Map(seedRelationships.map((r) => [r.id, r]));
const allTypes = [...new Set(seedRelationships.map((r) => r.type))];

const COLONEL = 'actor:yohei-ito';
const ENVOY = 'actor:ryosei-akazawa';

beforeAll(async () => {
  await resetDatabase(api.graph);
  await seedGraph(api.graph);
});
afterAll(() => api.close());

/** Undirected adjacency: one entry per relationship and direction walked. */
function adjacency(types?: readonly string[]) {
  const adjacent = new Map<string, { other: string; relationshipId: string }[]>();
  for (const r of seedRelationships) {
    if (types && !types.includes(r.type)) continue;
    for (const [a, b] of [
      [r.source, r.target],
      [r.target, r.source],
    ] as const) {
      const list = adjacent.get(a) ?? [];
      list.push({ other: b, relationshipId: r.id });
      adjacent.set(a, list);
    }
  }
  return adjacent;
}

/** Distance of every entity reachable from `starts`, and the number of shortest relationship chains to it. */
function bfs(starts: readonly string[], types?: readonly string[]) {
  const adjacent = adjacency(types);
  const distance = new Map<string, number>();
  const chains = new Map<string, number>();
  let frontier = starts.filter((id) => entityById.has(id));
  for (const id of frontier) {
    distance.set(id, 0);
    chains.set(id, 1);
  }
  for (let depth = 1; frontier.length; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const { other } of adjacent.get(id) ?? []) {
        if (!distance.has(other)) {
          distance.set(other, depth);
          next.push(other);
        }
        if (distance.get(other) === depth) chains.set(other, (chains.get(other) ?? 0) + chains.get(id)!);
      }
    }
    frontier = next;
  }
  return { distance, chains };
}

interface SubgraphData {
  subgraph: {
    nodes: { id: string; kind: string; name: string }[];
    edges: { id: string; type: RelationshipType; source: { id: string }; target: { id: string } }[];
    truncated: boolean;
  };
}

const SUBGRAPH = `
  query Subgraph($centerId: ID, $ids: [ID!], $depth: Int, $kinds: [EntityKind!], $types: [RelationshipType!], $limit: Int) {
    subgraph(centerId: $centerId, ids: $ids, depth: $depth, kinds: $kinds, types: $types, limit: $limit) {
      nodes { id kind name }
      edges { id type source { id } target { id } }
      truncated
    }
  }`;

const subgraph = async (variables: Record<string, unknown>) => (await api.ok<SubgraphData>(SUBGRAPH, variables)).subgraph;

/** Nodes once each, edges once each, every edge among the nodes, and all such edges present. */
function expectWellFormed(result: SubgraphData['subgraph'], types?: readonly string[]) {
  const nodeIds = result.nodes.map((n) => n.id);
  expect(new Set(nodeIds).size, 'nodes once each').toBe(nodeIds.length);
  const inside = new Set(nodeIds);
  const edgeIds = result.edges.map((e) => e.id);
  expect(new Set(edgeIds).size, 'edges once each').toBe(edgeIds.length);
  for (const edge of result.edges) {
    expect(inside.has(edge.source.id) && inside.has(edge.target.id), `${edge.id} lies among the nodes`).toBe(true);
    expect(edge.id).toBe(relationshipId({ source: edge.source.id, type: edge.type, target: edge.target.id }));
    if (types) expect(types).toContain(edge.type);
  }
  const expectedEdges = seedRelationships.filter((r) => inside.has(r.source) && inside.has(r.target) && (!types || types.includes(r.type))).map((r) => r.id);
  expect(edgeIds.sort(), 'every relationship among the nodes').toEqual(expectedEdges.sort());
  for (const node of result.nodes) expect(node.kind).toBe(entityById.get(node.id)!.kind);
}

/** The node set a subgraph should have when not truncated. */
function expectedNodes(starts: readonly string[], depth: number, kinds?: readonly string[], types?: readonly string[]) {
  const { distance } = bfs(starts, types);
  return [...distance.entries()]
    .filter(([id, d]) => d <= depth && (d === 0 || !kinds || kinds.includes(entityById.get(id)!.kind)))
    .map(([id]) => id)
    .sort();
}

describe('subgraph', () => {
  const center = 'unit:seventh-regiment';

  it('depth 0 is the center alone, depth 1–3 the entities within that many relationships', async () => {
    const sizes: number[] = [];
    for (const depth of [0, 1, 2, 3]) {
      const result = await subgraph({ centerId: center, depth, limit: 500 });
      expectWellFormed(result);
      expect(result.nodes.map((n) => n.id).sort(), `depth ${depth}`).toEqual(expectedNodes([center], depth));
      expect(result.truncated).toBe(false);
      sizes.push(result.nodes.length);
    }
    expect(sizes[0]).toBe(1);
    // Each depth adds entities, so the test tells the depths apart.
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]!).toBeGreaterThan(sizes[i - 1]!);
  });

  it('depth defaults to 1 and the center comes first', async () => {
    const result = await subgraph({ centerId: center });
    expect(result.nodes.map((n) => n.id).sort()).toEqual(expectedNodes([center], 1));
    expect(result.nodes[0]!.id).toBe(center);
  });

  it('starts from several ids (duplicates and unknown ids ignored)', async () => {
    const ids = ['actor:yohei-ito', 'policy:tariff-reduction', 'location:east-asia'];
    for (const depth of [0, 1, 2]) {
      const result = await subgraph({ ids: [...ids, ids[0], 'actor:nobody'], depth, limit: 500 });
      expectWellFormed(result);
      expect(result.nodes.map((n) => n.id).sort(), `depth ${depth}`).toEqual(expectedNodes(ids, depth));
      for (const id of ids) expect(result.nodes.map((n) => n.id)).toContain(id);
    }
    const duplicated = await subgraph({ ids: [center, center], depth: 1 });
    expect(duplicated.nodes.map((n) => n.id).sort()).toEqual(expectedNodes([center], 1));
  });

  it('kinds keeps only entities of those kinds, plus the start entities', async () => {
    for (const kinds of [['Location'], ['Actor', 'Equipment'], ['Country']]) {
      const result = await subgraph({ centerId: center, depth: 2, kinds, limit: 500 });
      expectWellFormed(result);
      expect(result.nodes.map((n) => n.id).sort(), kinds.join()).toEqual(expectedNodes([center], 2, kinds));
      for (const node of result.nodes) if (node.id !== center) expect(kinds).toContain(node.kind);
    }
  });

  it('types walks only relationships of those types, and returns only those', async () => {
    for (const types of [['BASED_AT', 'LOCATED_IN'], ['PART_OF'], ['MEMBER_OF', 'LEADS', 'BELONGS_TO']]) {
      for (const depth of [1, 3]) {
        const result = await subgraph({ centerId: center, depth, types, limit: 500 });
        expectWellFormed(result, types);
        expect(result.nodes.map((n) => n.id).sort(), `${types.join()} depth ${depth}`).toEqual(expectedNodes([center], depth, undefined, types));
      }
    }
  });

  it('limit cuts the neighbourhood short and says so with truncated', async () => {
    const full = expectedNodes([center], 2);
    expect(full.length).toBeGreaterThan(5);
    const cut = await subgraph({ centerId: center, depth: 2, limit: 5 });
    expectWellFormed(cut);
    expect(cut.truncated).toBe(true);
    expect(cut.nodes.length).toBe(5);
    expect(cut.nodes.map((n) => n.id)).toContain(center);
    for (const node of cut.nodes) expect(full).toContain(node.id);

    const exact = await subgraph({ centerId: center, depth: 2, limit: full.length });
    expect(exact.truncated, 'a limit equal to the size cuts nothing').toBe(false);
    expect(exact.nodes.map((n) => n.id).sort()).toEqual(full);
    const oneShort = await subgraph({ centerId: center, depth: 2, limit: full.length - 1 });
    expect(oneShort.truncated).toBe(true);
    expect(oneShort.nodes.length).toBe(full.length - 1);

    const alone = await subgraph({ centerId: center, depth: 3, limit: 1 });
    expect(alone.nodes.map((n) => n.id)).toEqual([center]);
    expect(alone.edges).toEqual([]);
    expect(alone.truncated).toBe(true);
  });

  it('limit holds even when there are more start ids than the limit', async () => {
    const ids = ['actor:yohei-ito', 'policy:tariff-reduction', 'location:east-asia'];
    for (const depth of [0, 1]) {
      const result = await subgraph({ ids, depth, limit: 2 });
      expectWellFormed(result);
      expect(result.nodes.length, `depth ${depth}`).toBeLessThanOrEqual(2);
      expect(result.truncated).toBe(true);
    }
  });

  it('an unknown center gives an empty subgraph', async () => {
    for (const depth of [0, 1, 3]) {
      expect(await subgraph({ centerId: 'actor:nobody', depth })).toEqual({ nodes: [], edges: [], truncated: false });
    }
    expect(await subgraph({ ids: ['actor:nobody', 'unit:nothing'] })).toEqual({ nodes: [], edges: [], truncated: false });
  });

  it('rejects depth 4, limit 0 or 501, both or neither of centerId and ids, and empty or oversized ids', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ centerId: center, depth: 4 }, 'depth'],
      [{ centerId: center, depth: -1 }, 'depth'],
      [{ centerId: center, limit: 0 }, 'limit'],
      [{ centerId: center, limit: 501 }, 'limit'],
      [{ centerId: center, ids: [center] }, 'centerId'],
      [{}, 'centerId'],
      [{ ids: [] }, 'ids'],
      [{ ids: Array.from({ length: 101 }, (_, i) => `actor:a${i}`) }, 'ids'],
    ];
    for (const [variables, argument] of cases) {
      const errors = await api.fails(SUBGRAPH, variables, 'BAD_USER_INPUT');
      expect(errors[0]!.message, JSON.stringify(variables).slice(0, 80)).toMatch(new RegExp(argument));
    }
    // The bounds themselves are accepted.
    await subgraph({ centerId: center, depth: 3, limit: 500 });
    await subgraph({ ids: Array.from({ length: 100 }, (_, i) => `actor:a${i}`) });
  });
});

interface PathsData {
  paths: {
    length: number;
    nodes: { id: string }[];
    hops: {
      from: { id: string };
      to: { id: string };
      forward: boolean;
      relationship: { id: string; type: string; source: { id: string }; target: { id: string }; evidence: { quote: string; start: number; end: number; document: { text: string } }[] };
    }[];
  }[];
}

const PATHS = `
  query Paths($fromId: ID!, $toId: ID!, $maxHops: Int, $types: [RelationshipType!], $first: Int) {
    paths(fromId: $fromId, toId: $toId, maxHops: $maxHops, types: $types, first: $first) {
      length
      nodes { id }
      hops {
        from { id }
        to { id }
        forward
        relationship { id type source { id } target { id } evidence { quote start end document { text } } }
      }
    }
  }`;

const paths = async (variables: Record<string, unknown>) => (await api.ok<PathsData>(PATHS, variables)).paths;

/** Each path runs fromId → toId, hop by hop along real relationships, with evidence. */
function expectValidPaths(result: PathsData['paths'], fromId: string, toId: string, types?: readonly string[]) {
  const signatures = new Set<string>();
  for (const path of result) {
    expect(path.nodes.length).toBe(path.length + 1);
    expect(path.hops.length).toBe(path.length);
    expect(path.nodes[0]!.id).toBe(fromId);
    expect(path.nodes.at(-1)!.id).toBe(toId);
    expect(new Set(path.nodes.map((n) => n.id)).size, 'a shortest path visits no entity twice').toBe(path.nodes.length);
    path.hops.forEach((hop, i) => {
      expect(hop.from.id).toBe(path.nodes[i]!.id);
      expect(hop.to.id).toBe(path.nodes[i + 1]!.id);
      const { relationship } = hop;
      const seed = relationshipById.get(relationship.id);
      expect(seed, relationship.id).toBeDefined();
      expect([relationship.source.id, relationship.type, relationship.target.id]).toEqual([seed!.source, seed!.type, seed!.target]);
      if (hop.forward) expect([relationship.source.id, relationship.target.id]).toEqual([hop.from.id, hop.to.id]);
      else expect([relationship.source.id, relationship.target.id]).toEqual([hop.to.id, hop.from.id]);
      expect(relationship.evidence.length, relationship.id).toBeGreaterThanOrEqual(1);
      for (const ev of relationship.evidence) expect(ev.quote).toBe(ev.document.text.slice(ev.start, ev.end));
      if (types) expect(types).toContain(relationship.type);
    });
    signatures.add(path.hops.map((h) => h.relationship.id).join(' '));
  }
  expect(signatures.size, 'paths are distinct').toBe(result.length);
}

describe('paths', () => {
  it('connects the colonel to the trade envoy by shortest paths', async () => {
    const { distance, chains } = bfs([COLONEL]);
    const shortest = distance.get(ENVOY)!;
    expect(shortest).toBeGreaterThan(1);
    const result = await paths({ fromId: COLONEL, toId: ENVOY, first: 25 });
    expect(result.length).toBeGreaterThanOrEqual(1);
    expectValidPaths(result, COLONEL, ENVOY);
    for (const path of result) expect(path.length).toBe(shortest);
    expect(result.length).toBe(Math.min(25, chains.get(ENVOY)!));
    // Paths ignore direction: some hop of some path walks a relationship against it.
    expect(result.some((p) => p.hops.some((h) => !h.forward))).toBe(true);
  });

  it('first limits the number of paths (default 5)', async () => {
    const { chains } = bfs([COLONEL]);
    expect(chains.get(ENVOY)!).toBeGreaterThan(1);
    expect((await paths({ fromId: COLONEL, toId: ENVOY })).length).toBe(Math.min(5, chains.get(ENVOY)!));
    expect((await paths({ fromId: COLONEL, toId: ENVOY, first: 1 })).length).toBe(1);
  });

  it('finds the shortest distance from the colonel to every entity within maxHops 6', async () => {
    const { distance, chains } = bfs([COLONEL]);
    for (const target of seedEntities.map((e) => e.id)) {
      if (target === COLONEL) continue;
      const result = await paths({ fromId: COLONEL, toId: target, maxHops: 6, first: 25 });
      const d = distance.get(target);
      if (d === undefined || d > 6) {
        expect(result, target).toEqual([]);
        continue;
      }
      expectValidPaths(result, COLONEL, target);
      expect(result.map((p) => p.length), target).toEqual(result.map(() => d));
      expect(result.length, target).toBe(Math.min(25, chains.get(target)!));
    }
  });

  it('maxHops below the distance gives no path; equal to it gives paths', async () => {
    const shortest = bfs([COLONEL]).distance.get(ENVOY)!;
    expect(await paths({ fromId: COLONEL, toId: ENVOY, maxHops: shortest - 1 })).toEqual([]);
    expect((await paths({ fromId: COLONEL, toId: ENVOY, maxHops: shortest })).length).toBeGreaterThan(0);
    expect(await paths({ fromId: COLONEL, toId: ENVOY, maxHops: 1 })).toEqual([]);
  });

  it('types restricts the relationships a path may walk', async () => {
    const unrestricted = await paths({ fromId: COLONEL, toId: ENVOY, first: 25 });
    const used = [...new Set(unrestricted.flatMap((p) => p.hops.map((h) => h.relationship.type)))];
    // Forbid one type the shortest paths use: paths must avoid it, and may get longer or vanish.
    for (const banned of used) {
      const types = allTypes.filter((t) => t !== banned);
      const { distance, chains } = bfs([COLONEL], types);
      const result = await paths({ fromId: COLONEL, toId: ENVOY, types, maxHops: 6, first: 25 });
      const d = distance.get(ENVOY);
      if (d === undefined || d > 6) {
        expect(result, `without ${banned}`).toEqual([]);
      } else {
        expectValidPaths(result, COLONEL, ENVOY, types);
        for (const path of result) expect(path.length).toBe(d);
        expect(result.length, `without ${banned}`).toBe(Math.min(25, chains.get(ENVOY)!));
      }
      expect(result.flatMap((p) => p.hops.map((h) => h.relationship.type))).not.toContain(banned);
    }
    // Only a chain of person → service → country ← envoy.
    const types = ['MEMBER_OF', 'BELONGS_TO', 'REPRESENTS'];
    const narrow = await paths({ fromId: COLONEL, toId: ENVOY, types, first: 25 });
    const { distance, chains } = bfs([COLONEL], types);
    expect(distance.has(ENVOY)).toBe(true);
    expectValidPaths(narrow, COLONEL, ENVOY, types);
    expect(narrow.length).toBe(Math.min(25, chains.get(ENVOY)!));
    // A type that never reaches the envoy.
    expect(bfs([COLONEL], ['LEADS']).distance.has(ENVOY)).toBe(false);
    expect(await paths({ fromId: COLONEL, toId: ENVOY, types: ['LEADS'] })).toEqual([]);
  });

  it('from an entity to itself is one path of length 0', async () => {
    const result = await paths({ fromId: COLONEL, toId: COLONEL });
    expect(result).toEqual([{ length: 0, nodes: [{ id: COLONEL }], hops: [] }]);
  });

  it('unknown ids give no path', async () => {
    expect(await paths({ fromId: 'actor:nobody', toId: ENVOY })).toEqual([]);
    expect(await paths({ fromId: COLONEL, toId: 'actor:nobody' })).toEqual([]);
    expect(await paths({ fromId: 'actor:nobody', toId: 'actor:nobody' })).toEqual([]);
  });

  it('rejects maxHops outside 1–6 and first outside 1–25', async () => {
    for (const variables of [{ maxHops: 7 }, { maxHops: 0 }, { first: 0 }, { first: 26 }]) {
      const errors = await api.fails(PATHS, { fromId: COLONEL, toId: ENVOY, ...variables }, 'BAD_USER_INPUT');
      expect(errors[0]!.message).toMatch(new RegExp(Object.keys(variables)[0]!));
    }
    expect((await paths({ fromId: COLONEL, toId: ENVOY, maxHops: 6, first: 25 })).length).toBeGreaterThan(0);
  });
});
