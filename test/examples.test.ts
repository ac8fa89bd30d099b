/**
 * Runs every example operation in schema/examples/ (the ones the IDE and README show) against the
 * seeded graph and checks its answer against the curated extraction, so examples cannot rot.
 * A new example without a check here fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExampleOperations, type ExampleOperation } from '../src/examples.js';
import { EXAMPLES_DIR, SEED_DIR } from '../src/paths.js';
import { readExtractionFile } from '../src/domain/extractionFile.js';
import { seedGraph } from '../src/graph/seed.js';
import { ENTITY_KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../src/domain/vocabulary.js';
import { createTestApi, type TestApi } from './support/api.js';
import { resetDatabase } from './support/graph.js';
import { relationshipId } from '../src/domain/ids.js';

const { extraction, mentions } = readExtractionFile(`${SEED_DIR}/japan-missile-regiments.yaml`);
const entityById = new Map(extraction.entities.map((e) => [e.id, e]));
const text = extraction.document.text;
const relationshipsOf = (id: string) => extraction.relationships.filter((r) => r.source === id || r.target === id);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked structurally below
type Answer = any;

const checks: Record<string, (data: Answer, variables: Record<string, unknown>) => void> = {
  ColonelAndHisLinks(data, { id }) {
    const expected = relationshipsOf(String(id));
    expect(data.entity.rank).toBe('Colonel');
    expect(data.entity.relationships.totalCount).toBe(expected.length);
    const got = data.entity.relationships.edges.map((e: Answer) => relationshipId({ source: e.node.source.id, type: e.node.type, target: e.node.target.id })).sort();
    expect(got).toEqual(expected.map(relationshipId).sort());
    for (const edge of data.entity.relationships.edges) {
      for (const ev of edge.node.evidence) expect(text).toContain(ev.quote);
    }
  },
  ColonelToEnvoy(data, { from, to }) {
    expect(data.paths.length).toBeGreaterThan(0);
    for (const path of data.paths) {
      expect(path.nodes[0].id).toBe(from);
      expect(path.nodes.at(-1).id).toBe(to);
      expect(path.hops).toHaveLength(path.length);
      for (const hop of path.hops) expect(hop.relationship.evidence.length).toBeGreaterThan(0);
    }
  },
  SearchSelfDefense(data) {
    expect(data.search[0].entity.name).toMatch(/Self-Defense/);
    const scores = data.search.map((hit: Answer) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  },
  GraphOverview(data) {
    const { stats } = data;
    expect(stats.entityCount).toBe(extraction.entities.length);
    expect(stats.relationshipCount).toBe(extraction.relationships.length);
    expect(stats.documentCount).toBe(1);
    expect(stats.mentionCount).toBe(mentions.length);
    expect(stats.entitiesByKind.map((k: Answer) => k.kind)).toEqual(ENTITY_KIND_NAMES);
    for (const { kind, count } of stats.entitiesByKind) expect(count).toBe(extraction.entities.filter((e) => e.kind === kind).length);
    expect(stats.relationshipsByType.map((t: Answer) => t.type)).toEqual(RELATIONSHIP_TYPE_NAMES);
    for (const { type, count } of stats.relationshipsByType) expect(count).toBe(extraction.relationships.filter((r) => r.type === type).length);
    const degrees = new Map<string, number>();
    for (const r of extraction.relationships) for (const id of [r.source, r.target]) degrees.set(id, (degrees.get(id) ?? 0) + 1);
    const top = Math.max(...degrees.values());
    expect(stats.mostConnected[0].degree).toBe(top);
    expect(degrees.get(stats.mostConnected[0].entity.id)).toBe(top);
  },
  RegimentNeighbourhood(data, { center }) {
    const ids = new Set(data.subgraph.nodes.map((n: Answer) => n.id));
    expect(ids.has(center)).toBe(true);
    for (const r of relationshipsOf(String(center))) expect(ids.has(r.source === center ? r.target : r.source)).toBe(true);
    for (const edge of data.subgraph.edges) {
      expect(ids.has(edge.source.id) && ids.has(edge.target.id)).toBe(true);
    }
  },
  JapanCounterparts(data, { id }) {
    const expected = new Set(
      relationshipsOf(String(id))
        .map((r) => (r.source === id ? r.target : r.source))
        .filter((other) => ['Country', 'Actor'].includes(entityById.get(other)!.kind)),
    );
    expect(new Set(data.entity.neighbors.edges.map((e: Answer) => e.node.id))).toEqual(expected);
    expect(data.entity.neighbors.totalCount).toBe(expected.size);
  },
  PeopleAndGroups(data) {
    const actors = extraction.entities.filter((e) => e.kind === 'Actor');
    expect(data.entities.totalCount).toBe(actors.length);
    const names = data.entities.edges.map((e: Answer) => e.node.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    const ito = data.entities.edges.find((e: Answer) => e.node.id === 'actor:yohei-ito');
    expect(ito.node).toMatchObject({ actorType: 'PERSON', rank: 'Colonel' });
  },
  ArticleWithMentions(data) {
    expect(data.document.text).toBe(text);
    expect(data.document.mentions.totalCount).toBe(mentions.length);
    for (const { node } of data.document.mentions.edges) {
      expect(text.slice(node.start, node.end)).toBe(node.text);
      const entity = entityById.get(node.entity.id)!;
      expect([entity.name, ...entity.aliases]).toContain(node.text);
    }
  },
  JapanPolicies(data, { id }) {
    const expected = extraction.relationships.filter((r) => r.source === id && r.type === 'PARTY_TO').map((r) => r.target);
    expect(data.entity.relationships.edges.map((e: Answer) => e.node.target.id).sort()).toEqual(expected.sort());
  },
  AroundOkinawa(data, { id }) {
    const expected = new Set(relationshipsOf(String(id)).map((r) => (r.source === id ? r.target : r.source)));
    expect(new Set(data.entities.edges.map((e: Answer) => e.node.id))).toEqual(expected);
  },
  UnitedStatesLinks(data, { id }) {
    const expected = relationshipsOf(String(id));
    expect(data.entity.relationships.totalCount).toBe(expected.length);
    for (const { node } of data.entity.relationships.edges) {
      const source = expected.find((r) => r.type === node.type && entityById.get(r.source)!.name === node.source.name && entityById.get(r.target)!.name === node.target.name)!;
      expect(node.basis).toBe(source.evidence.some((ev) => ev.basis === 'STATED') ? 'STATED' : 'INFERRED');
    }
    expect(data.entity.aliases).toEqual(expect.arrayContaining(['U.S.', 'Washington']));
  },
  WeaponsAndUsers(data) {
    const equipment = extraction.entities.filter((e) => e.kind === 'Equipment').map((e) => e.id);
    expect(data.entities.edges.map((e: Answer) => e.node.id).sort()).toEqual(equipment.sort());
    for (const { node } of data.entities.edges) {
      const users = extraction.relationships.filter((r) => r.target === node.id).map((r) => r.source);
      expect(node.relationships.edges.map((e: Answer) => e.node.source.id).sort()).toEqual(users.sort());
    }
  },
};

const examples: ExampleOperation[] = loadExampleOperations(EXAMPLES_DIR);
let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  await resetDatabase(api.graph);
  await seedGraph(api.graph);
});
afterAll(() => api.close());

describe('example operations', () => {
  it('there are at least ten, and each has a check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
    expect(examples.map((e) => e.name).filter((name) => !checks[name])).toEqual([]);
  });

  it.each(examples.map((example) => [example.name, example] as const))('%s answers correctly', async (_name, example) => {
    const { data, errors } = await api.run(example.query, example.variables);
    expect(errors).toBeUndefined();
    checks[example.name]!(data, example.variables ?? {});
  });
});
