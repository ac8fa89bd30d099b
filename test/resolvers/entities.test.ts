/**
 * Query.entity, Query.node, Query.relationship and Query.entities (filter, order, cursor paging)
 * against the seeded graph. Every expectation is derived from the seed extraction file.
 */
import { KIND_SPECIFIC_FIELDS } from '../../src/domain/extraction.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createTestApi } from '../support/api.js';
import { SEED_FILE } from '../support/extractionFixtures.js';
import { resetDatabase } from '../support/graph.js';
import { relationshipId } from '../../src/domain/ids.js';

const api = await createTestApi();
const { extraction } = readExtractionFile(SEED_FILE);
const seedEntities = extraction.entities;
const seedRelationships = extraction.relationships.map((r) => ({ ...r, id: relationshipId(r) }));
const entityById = new Map(seedEntities.map((e) => [e.id, e]));
const allIds = seedEntities.map((e) => e.id).sort();
const seedDegree = (id: string) => seedRelationships.filter((r) => r.source === id || r.target === id).length;

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
interface ListedEntity {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  degree: number;
}
interface EntityPage {
  entities: { totalCount: number; pageInfo: PageInfo; edges: { cursor: string; node: ListedEntity }[] };
}

const ENTITIES = `
  query List($filter: EntityFilter, $orderBy: EntityOrder, $first: Int, $after: String) {
    entities(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id kind name aliases degree } }
    }
  }`;

const list = (variables: Record<string, unknown>) => api.ok<EntityPage>(ENTITIES, variables).then((d) => d.entities);
const idsOf = (page: EntityPage['entities']) => page.edges.map((e) => e.node.id);

/** Every field an entity kind adds, as a fragment per concrete type. */
const ENTITY_FIELDS = `
  __typename id
  ... on Entity { kind name aliases description }
  ... on Actor { actorType rank role }
  ... on Unit { echelon branch }
  ... on Policy { policyType status }
  ... on Location { locationType }
  ... on Event { eventType startDate endDate period }
  ... on Equipment { equipmentType }`;

/** The fields of a seed entity the API exposes, null where the extraction leaves them out. */
function expectedEntity(id: string): Record<string, unknown> {
  const entity = entityById.get(id)!;
  const specific: Record<string, string[]> = KIND_SPECIFIC_FIELDS;
  const record = entity as unknown as Record<string, unknown>;
  return {
    __typename: entity.kind,
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    aliases: [...new Set(entity.aliases)],
    description: entity.description,
    ...Object.fromEntries(specific[entity.kind]!.map((field) => [field, record[field] ?? null])),
  };
}

describe('entity(id)', () => {
  it('returns every seed entity with its kind-specific fields, as the extraction gives them', async () => {
    const query = `query($id: ID!) { entity(id: $id) { ${ENTITY_FIELDS} } }`;
    for (const id of allIds) {
      const data = await api.ok<{ entity: Record<string, unknown> }>(query, { id });
      expect(data.entity, id).toEqual(expectedEntity(id));
    }
  });

  it('returns null without an error for unknown or malformed ids', async () => {
    for (const id of ['actor:nobody', 'nobody', '', 'doc:japan-missile-regiments', `${seedRelationships[0]!.id}`]) {
      const { data, errors } = await api.run<{ entity: unknown }>(`query($id: ID!) { entity(id: $id) { id } }`, { id });
      expect(errors, id).toBeUndefined();
      expect(data?.entity, id).toBeNull();
    }
  });

  it('answers aliased lookups of several ids, known and unknown, in one operation', async () => {
    const [a, b] = allIds;
    const data = await api.ok<Record<string, { id: string } | null>>(`{ a: entity(id: "${a}") { id } b: entity(id: "${b}") { id } c: entity(id: "x:y") { id } }`);
    expect(data).toEqual({ a: { id: a }, b: { id: b }, c: null });
  });
});

describe('node(id)', () => {
  it('resolves every entity to its concrete kind', async () => {
    const query = `query($id: ID!) { node(id: $id) { ${ENTITY_FIELDS} } }`;
    const kindsSeen = new Set<string>();
    for (const id of allIds) {
      const data = await api.ok<{ node: Record<string, unknown> }>(query, { id });
      expect(data.node, id).toEqual(expectedEntity(id));
      kindsSeen.add(data.node.__typename as string);
    }
    // The seed names every kind, so every concrete entity type was resolved at least once.
    expect([...kindsSeen].sort()).toEqual([...new Set(seedEntities.map((e) => e.kind))].sort());
  });

  it('resolves a document', async () => {
    const { document } = extraction;
    const data = await api.ok<{ node: Record<string, unknown> }>(`query($id: ID!) { node(id: $id) { __typename id ... on Document { title source publishedAt } } }`, {
      id: document.id,
    });
    expect(data.node).toEqual({ __typename: 'Document', id: document.id, title: document.title, source: document.source, publishedAt: document.publishedAt ?? null });
  });

  it('resolves every relationship by its `source|TYPE|target` id', async () => {
    const query = `query($id: ID!) { node(id: $id) { __typename id ... on Relationship { type source { id } target { id } } } }`;
    for (const r of seedRelationships) {
      const data = await api.ok<{ node: Record<string, unknown> }>(query, { id: r.id });
      expect(data.node, r.id).toEqual({ __typename: 'Relationship', id: r.id, type: r.type, source: { id: r.source }, target: { id: r.target } });
    }
  });

  it('returns null without an error for ids that name nothing', async () => {
    const r = seedRelationships[0]!;
    const unknown = [
      'actor:nobody',
      'doc:no-such-document',
      relationshipId({ source: r.target, type: r.type, target: r.source }), // reversed: no such relationship
      `${r.source}|NOT_A_TYPE|${r.target}`,
      `${r.source}|${r.type}`,
      '|||',
      '',
    ];
    for (const id of unknown) {
      const { data, errors } = await api.run<{ node: unknown }>(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(errors, id).toBeUndefined();
      expect(data?.node, id).toBeNull();
    }
  });
});

describe('relationship(id)', () => {
  it('returns every seed relationship with its endpoints, basis and evidence', async () => {
    const query = `query($id: ID!) { relationship(id: $id) { id type basis source { id name } target { id name } evidence { quote start end basis document { id } } } }`;
    for (const r of seedRelationships) {
      const data = await api.ok<{
        relationship: { id: string; type: string; basis: string; source: { id: string; name: string }; target: { id: string; name: string }; evidence: { quote: string; start: number; end: number; basis: string; document: { id: string } }[] };
      }>(query, { id: r.id });
      const got = data.relationship;
      expect(got.id).toBe(r.id);
      expect(got.type).toBe(r.type);
      expect(got.source).toEqual({ id: r.source, name: entityById.get(r.source)!.name });
      expect(got.target).toEqual({ id: r.target, name: entityById.get(r.target)!.name });
      expect(got.basis, r.id).toBe(r.evidence.some((ev) => ev.basis === 'STATED') ? 'STATED' : 'INFERRED');
      const key = (ev: { quote: string; start: number; end: number; basis: string }) => `${ev.start}:${ev.end}:${ev.basis}:${ev.quote}`;
      expect(got.evidence.map(key).sort(), r.id).toEqual(r.evidence.map(key).sort());
      for (const ev of got.evidence) expect(ev.document.id).toBe(extraction.document.id);
    }
  });

  it('returns null without an error for unknown ids', async () => {
    const r = seedRelationships[0]!;
    for (const id of [relationshipId({ source: r.target, type: r.type, target: r.source }), relationshipId({ ...r, target: 'actor:nobody' }), 'garbage', `${r.source}|LEADS_NOWHERE|${r.target}`]) {
      const { data, errors } = await api.run<{ relationship: unknown }>(`query($id: ID!) { relationship(id: $id) { id } }`, { id });
      expect(errors, id).toBeUndefined();
      expect(data?.relationship, id).toBeNull();
    }
  });
});

describe('entities: filters', () => {
  const matchesNeedle = (id: string, needle: string) => {
    const e = entityById.get(id)!;
    return [e.name, ...e.aliases].some((form) => form.toLowerCase().includes(needle.toLowerCase()));
  };

  it('lists every entity when no filter is given', async () => {
    const page = await list({ first: 100 });
    expect(page.totalCount).toBe(seedEntities.length);
    expect(idsOf(page).sort()).toEqual(allIds);
  });

  it('filters by one kind and by several kinds', async () => {
    const kinds = [...new Set(seedEntities.map((e) => e.kind))];
    for (const kind of kinds) {
      const page = await list({ filter: { kinds: [kind] }, first: 100 });
      const expected = seedEntities.filter((e) => e.kind === kind).map((e) => e.id).sort();
      expect(idsOf(page).sort(), kind).toEqual(expected);
      expect(page.totalCount, kind).toBe(expected.length);
      for (const edge of page.edges) expect(edge.node.kind).toBe(kind);
    }
    const pair = kinds.slice(0, 2);
    const page = await list({ filter: { kinds: pair }, first: 100 });
    expect(idsOf(page).sort()).toEqual(seedEntities.filter((e) => pair.includes(e.kind)).map((e) => e.id).sort());
  });

  it('nameContains is case-insensitive and matches aliases ("tokyo" finds the country Tokyo names)', async () => {
    const tokyoOwners = seedEntities.filter((e) => e.aliases.includes('Tokyo')).map((e) => e.id);
    expect(tokyoOwners.length, 'the seed names an entity "Tokyo" by alias').toBeGreaterThan(0);
    for (const needle of ['tokyo', 'TOKYO', 'regiment', 'REGIMENT', 'u.s.', 'Self-Defense', 'navy', 'a', 'no such words']) {
      const page = await list({ filter: { nameContains: needle }, first: 100 });
      const expected = allIds.filter((id) => matchesNeedle(id, needle));
      expect(idsOf(page).sort(), needle).toEqual(expected);
      expect(page.totalCount, needle).toBe(expected.length);
    }
    const tokyo = await list({ filter: { nameContains: 'tokyo' }, first: 100 });
    expect(idsOf(tokyo)).toEqual(expect.arrayContaining(tokyoOwners));
    // An alias-only match: the name itself does not contain the needle.
    for (const id of tokyoOwners) expect(entityById.get(id)!.name.toLowerCase()).not.toContain('tokyo');
  });

  it('relatedTo lists the entities directly related in either direction', async () => {
    for (const center of ['country:japan', 'actor:yohei-ito', 'unit:seventh-regiment', allIds[allIds.length - 1]!]) {
      const expected = [...new Set(seedRelationships.flatMap((r) => (r.source === center ? [r.target] : r.target === center ? [r.source] : [])))].sort();
      const page = await list({ filter: { relatedTo: center }, first: 100 });
      expect(idsOf(page).sort(), center).toEqual(expected);
      expect(page.totalCount, center).toBe(expected.length);
    }
    const none = await list({ filter: { relatedTo: 'actor:nobody' }, first: 100 });
    expect(none).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('combines filters with AND', async () => {
    const center = 'country:japan';
    const related = new Set(seedRelationships.flatMap((r) => (r.source === center ? [r.target] : r.target === center ? [r.source] : [])));
    const kind = 'Policy';
    const needle = 'de';
    const expected = allIds.filter((id) => related.has(id) && entityById.get(id)!.kind === kind && matchesNeedle(id, needle));
    const page = await list({ filter: { relatedTo: center, kinds: [kind], nameContains: needle }, first: 100 });
    expect(idsOf(page).sort()).toEqual(expected);
    expect(expected.length, 'the combination is selective but not empty').toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(related.size);
  });
});

describe('entities: order', () => {
  const byName = (a: ListedEntity, b: ListedEntity) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it('NAME_ASC is the default and sorts by name', async () => {
    const explicit = await list({ orderBy: 'NAME_ASC', first: 100 });
    const implicit = await list({ first: 100 });
    expect(idsOf(implicit)).toEqual(idsOf(explicit));
    const nodes = explicit.edges.map((e) => e.node);
    for (let i = 1; i < nodes.length; i++) expect(byName(nodes[i - 1]!, nodes[i]!), `${nodes[i - 1]!.name} before ${nodes[i]!.name}`).toBeLessThan(0);
    expect(idsOf(explicit).sort()).toEqual(allIds);
  });

  it('NAME_DESC sorts by name, Z to A', async () => {
    const page = await list({ orderBy: 'NAME_DESC', first: 100 });
    const nodes = page.edges.map((e) => e.node);
    for (let i = 1; i < nodes.length; i++) expect(byName(nodes[i - 1]!, nodes[i]!)).toBeGreaterThan(0);
    const ascending = await list({ orderBy: 'NAME_ASC', first: 100 });
    expect(idsOf(page)).toEqual(idsOf(ascending).reverse());
  });

  it('DEGREE_DESC puts the most connected first, with degrees matching the extraction', async () => {
    const page = await list({ orderBy: 'DEGREE_DESC', first: 100 });
    const nodes = page.edges.map((e) => e.node);
    expect(nodes.map((n) => n.id).sort()).toEqual(allIds);
    for (const node of nodes) expect(node.degree, node.id).toBe(seedDegree(node.id));
    for (let i = 1; i < nodes.length; i++) {
      const [prev, next] = [nodes[i - 1]!, nodes[i]!];
      expect(prev.degree).toBeGreaterThanOrEqual(next.degree);
      if (prev.degree === next.degree) expect(byName(prev, next), 'ties by name').toBeLessThan(0);
    }
    expect(nodes[0]!.degree).toBe(Math.max(...allIds.map(seedDegree)));
  });

  it('orders a filtered list too', async () => {
    const page = await list({ filter: { kinds: ['Policy'] }, orderBy: 'DEGREE_DESC', first: 100 });
    const degrees = page.edges.map((e) => e.node.degree);
    expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
    expect(page.edges.every((e) => e.node.kind === 'Policy')).toBe(true);
  });
});

describe('entities: paging', () => {
  /** Follows endCursor until hasNextPage is false, checking each page's pageInfo. */
  async function walk(variables: Record<string, unknown>, size: number) {
    const pages: EntityPage['entities'][] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page = await list({ ...variables, first: size, after });
      pages.push(page);
      expect(page.edges.length).toBeLessThanOrEqual(size);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      expect(page.edges.length).toBe(size);
      after = page.pageInfo.endCursor;
    }
    return pages;
  }

  for (const orderBy of ['NAME_ASC', 'NAME_DESC', 'DEGREE_DESC']) {
    it(`walks all pages of 7 (${orderBy}): every entity once, in the order of one big page, totalCount constant`, async () => {
      const pages = await walk({ orderBy }, 7);
      const walked = pages.flatMap(idsOf);
      expect(pages.length).toBe(Math.ceil(seedEntities.length / 7));
      expect(new Set(walked).size).toBe(walked.length);
      expect([...walked].sort()).toEqual(allIds);
      for (const page of pages) expect(page.totalCount).toBe(seedEntities.length);
      expect(walked).toEqual(idsOf(await list({ orderBy, first: 100 })));
      const cursors = pages.flatMap((p) => p.edges.map((e) => e.cursor));
      expect(new Set(cursors).size).toBe(cursors.length);
    });
  }

  it('walks a filtered list', async () => {
    const filter = { nameContains: 'e' };
    const pages = await walk({ filter }, 7);
    const all = await list({ filter, first: 100 });
    expect(pages.flatMap(idsOf)).toEqual(idsOf(all));
    for (const page of pages) expect(page.totalCount).toBe(all.totalCount);
  });

  it('continues after any edge cursor, not only endCursor', async () => {
    const all = await list({ first: 100 });
    const third = all.edges[2]!;
    const next = await list({ first: 3, after: third.cursor });
    expect(idsOf(next)).toEqual(idsOf(all).slice(3, 6));
  });

  it('paging past the end gives no edges and hasNextPage false', async () => {
    const pages = await walk({}, 7);
    const last = pages.at(-1)!;
    const beyond = await list({ first: 7, after: last.pageInfo.endCursor });
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
    expect(beyond.totalCount).toBe(seedEntities.length);
  });

  it('first: 0 gives no edges but the total', async () => {
    const page = await list({ first: 0 });
    expect(page.edges).toEqual([]);
    expect(page.totalCount).toBe(seedEntities.length);
    expect(page.pageInfo.hasNextPage).toBe(seedEntities.length > 0);
  });

  it('first defaults to 20 and accepts 100', async () => {
    const byDefault = await list({});
    expect(byDefault.edges.length).toBe(Math.min(20, seedEntities.length));
    expect(byDefault.pageInfo.hasNextPage).toBe(seedEntities.length > 20);
    const hundred = await list({ first: 100 });
    expect(hundred.edges.length).toBe(Math.min(100, seedEntities.length));
    expect(hundred.pageInfo.hasNextPage).toBe(seedEntities.length > 100);
  });

  it('first: 101 and first: -1 are BAD_USER_INPUT', async () => {
    for (const first of [101, -1, 1_000_000]) {
      const errors = await api.fails(ENTITIES, { first }, 'BAD_USER_INPUT');
      expect(errors[0]!.message).toMatch(/first/);
      expect(errors[0]!.extensions?.argumentName).toBe('first');
    }
  });

  it('a malformed `after` is BAD_USER_INPUT', async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const after of ['not-a-cursor', '!!!', b64('o:-1'), b64('o:abc'), b64('x:3'), b64('o:1 '), b64(`o:${'9'.repeat(12)}`)]) {
      const errors = await api.fails(ENTITIES, { first: 5, after }, 'BAD_USER_INPUT');
      expect(errors[0]!.message, after).toMatch(/after|cursor/i);
    }
  });
});
