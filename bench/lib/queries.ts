/**
 * The benchmark's questions, asked of the three servers in their own terms, and how each answer is
 * reduced to a canonical form so the three can be compared.
 */
import { encodeCursor } from '../../src/resolvers/pagination.js';
import type { LuceneQueries } from '../../src/graph/entities.js';

/** Sizes of each question, shared by the three servers. */
export const QUERY_SHAPE = {
  entity: { first: 10, second: 5 },
  search: { first: 10 },
  neighbors: { first: 20 },
  subgraph: { depth: 2, limit: 200 },
  paths: { maxHops: 4, first: 5 },
  stats: { mostConnected: 5 },
} as const;

export const SCENARIOS = ['entity', 'search', 'neighbors', 'subgraph', 'paths', 'stats'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One concrete question, e.g. the neighbours of Japan, page 2. */
export type Question =
  | { scenario: 'entity'; id: string }
  | { scenario: 'search'; text: string }
  | { scenario: 'neighbors'; id: string; offset: number }
  | { scenario: 'subgraph'; id: string }
  | { scenario: 'paths'; from: string; to: string }
  | { scenario: 'stats' };

/**
 * `service-nocache` is the service with its hub neighbour-page cache off (HUB_CACHE_PAGES=0).
 * `floor` is Apollo, graphql-jit and the driver with nothing of the service's own, for `entity`
 * only (bench/servers/floor.ts, `npm run bench:floor`); `npm run bench` does not start it.
 */
export type ServerName = 'service' | 'service-nocache' | 'neo4j-graphql' | 'raw' | 'floor';
export const SERVER_NAMES: readonly ServerName[] = ['service', 'service-nocache', 'neo4j-graphql', 'raw'];
/** True for this service, with or without its hub cache: same operations, same answers. */
export const isService = (server: ServerName): boolean => server === 'service' || server === 'service-nocache';
/** True for the servers asked in the service's GraphQL operations: the service and the floor. */
const speaksServiceSchema = (server: ServerName): boolean => isService(server) || server === 'floor';

const { entity: E, search: Q, neighbors: N, subgraph: S, paths: P, stats: T } = QUERY_SHAPE;

/** GraphQL operations of this service (schema/schema.graphql). */
export const SERVICE_OPERATIONS: Record<Scenario, string> = {
  entity: `query BenchEntity($id: ID!) {
  entity(id: $id) {
    id kind name
    relationships(direction: OUTGOING, first: ${E.first}) {
      totalCount
      edges { node { id type basis target { id kind name
        relationships(direction: OUTGOING, first: ${E.second}) {
          totalCount
          edges { node { id type basis target { id kind name } } }
        }
      } } }
    }
  }
}`,
  search: `query BenchSearch($text: String!) { search(query: $text, first: ${Q.first}) { score entity { id kind name } } }`,
  neighbors: `query BenchNeighbors($id: ID!, $after: String) {
  entity(id: $id) {
    id
    neighbors(first: ${N.first}, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { relationshipCount relationshipTypes node { id kind name } }
    }
  }
}`,
  subgraph: `query BenchSubgraph($id: ID!) {
  subgraph(centerId: $id, depth: ${S.depth}, limit: ${S.limit}) {
    truncated
    nodes { id kind name }
    edges { id type source { id } target { id } }
  }
}`,
  paths: `query BenchPaths($from: ID!, $to: ID!) {
  paths(fromId: $from, toId: $to, maxHops: ${P.maxHops}, first: ${P.first}) {
    length
    nodes { id name }
    hops { forward relationship { id type } }
  }
}`,
  stats: `query BenchStats {
  stats {
    entityCount relationshipCount documentCount mentionCount
    entitiesByKind { kind count }
    relationshipsByType { type count }
    mostConnected(first: ${T.mostConnected}) { degree entity { id name } }
  }
}`,
};

/** The same questions for the @neo4j/graphql peer (bench/servers/neo4jGraphql.ts). */
export const PEER_OPERATIONS: Record<Scenario, string> = {
  entity: `query BenchEntity($id: ID!) {
  entities(where: { id: { eq: $id } }) {
    id kind name
    outgoingCount
    outgoing(first: ${E.first}) {
      id type basis
      target { id kind name
        outgoingCount
        outgoing(first: ${E.second}) { id type basis target { id kind name } }
      }
    }
  }
}`,
  search: `query BenchSearch($exact: String!, $tolerant: String) { search(exact: $exact, tolerant: $tolerant, first: ${Q.first}) { score entity { id kind name } } }`,
  neighbors: `query BenchNeighbors($id: ID!, $offset: Int!) {
  entities(where: { id: { eq: $id } }) {
    id
    neighborCount
    neighbors(first: ${N.first}, skip: $offset) { relationshipCount relationshipTypes entity { id kind name } }
  }
}`,
  subgraph: `query BenchSubgraph($id: ID!) {
  subgraph(centerId: $id, limit: ${S.limit}) {
    truncated
    nodes { id kind name }
    edges { id type source { id } target { id } }
  }
}`,
  paths: `query BenchPaths($from: ID!, $to: ID!) {
  paths(fromId: $from, toId: $to, first: ${P.first}) {
    length
    nodes { id name }
    links { id type source { id } }
  }
}`,
  stats: `query BenchStats {
  stats {
    entityCount relationshipCount documentCount mentionCount
    entitiesByKind { kind count }
    relationshipsByType { type count }
    mostConnected(first: ${T.mostConnected}) { degree entity { id name } }
  }
}`,
};

/** The service's `after` cursor for a page starting at `offset` (null for the first page). */
export const cursorBefore = (offset: number) => (offset === 0 ? null : encodeCursor(offset - 1));

/** `{ __typename }` for autocannon: the service's fixed price per request, which asks nothing of Neo4j. */
export const typenameLoad = (origin: string) => ({
  url: `${origin}/graphql`,
  method: 'POST' as const,
  body: JSON.stringify({ query: '{ __typename }' }),
  headers: { 'content-type': 'application/json' },
});

export interface HttpRequest {
  path: string;
  body: string;
}

/**
 * The HTTP request that asks `question` of `server`. `lucene` turns search text into the Lucene
 * queries the service would build (the peer's @cypher takes them directly).
 */
export function requestFor(server: ServerName, question: Question, lucene: (text: string) => LuceneQueries | null): HttpRequest {
  if (server === 'raw') {
    const { scenario, ...body } = question;
    return { path: `/${scenario}`, body: JSON.stringify(body) };
  }
  const operations = speaksServiceSchema(server) ? SERVICE_OPERATIONS : PEER_OPERATIONS;
  let variables: Record<string, unknown>;
  switch (question.scenario) {
    case 'entity':
    case 'subgraph':
      variables = { id: question.id };
      break;
    case 'search':
      variables = speaksServiceSchema(server) ? { text: question.text } : { ...lucene(question.text) };
      break;
    case 'neighbors':
      variables = speaksServiceSchema(server) ? { id: question.id, after: cursorBefore(question.offset) } : { id: question.id, offset: question.offset };
      break;
    case 'paths':
      variables = { from: question.from, to: question.to };
      break;
    case 'stats':
      variables = {};
      break;
  }
  return { path: '/graphql', body: JSON.stringify({ query: operations[question.scenario], variables }) };
}

/** What the three must agree on, per question. */
export interface CanonicalAnswer {
  scenario: Scenario;
  /** Sorted ids (or other facts) that define the answer. */
  facts: unknown;
}

type Json = Record<string, unknown>;
type Ids = string[];
const sorted = (values: Iterable<string>) => [...values].sort();

/** Reduces a server's response body (parsed JSON) to the facts the three must agree on. */
export function canonical(server: ServerName, question: Question, response: Json): CanonicalAnswer {
  const scenario = question.scenario;
  if (response.errors) throw new Error(`${server} answered ${scenario} with errors: ${JSON.stringify(response.errors).slice(0, 500)}`);
  if (response.error) throw new Error(`${server} answered ${scenario} with an error: ${String(response.error)}`);
  const data = response.data as Json;
  switch (scenario) {
    case 'entity': {
      type Level = { id: string; target: { id: string; relationships?: Level[]; total?: number } }[];
      let total = 0;
      let first: Level = [];
      const second = new Map<string, { total: number; ids: Ids }>();
      if (speaksServiceSchema(server)) {
        const entity = data.entity as Json | null;
        const rels = entity?.relationships as { totalCount: number; edges: { node: Json }[] } | undefined;
        total = rels?.totalCount ?? 0;
        for (const { node } of rels?.edges ?? []) {
          const target = node.target as { id: string; relationships: { totalCount: number; edges: { node: { id: string } }[] } };
          first.push({ id: node.id as string, target: { id: target.id } });
          second.set(target.id, { total: target.relationships.totalCount, ids: sorted(target.relationships.edges.map((e) => e.node.id)) });
        }
      } else if (server === 'neo4j-graphql') {
        const entity = (data.entities as Json[])[0];
        total = (entity?.outgoingCount as number) ?? 0;
        for (const link of (entity?.outgoing as Json[]) ?? []) {
          const target = link.target as { id: string; outgoingCount: number; outgoing: { id: string }[] };
          first.push({ id: link.id as string, target: { id: target.id } });
          second.set(target.id, { total: target.outgoingCount, ids: sorted(target.outgoing.map((l) => l.id)) });
        }
      } else {
        const d = data as { relationships: { total: number; items: { id: string; targetId: string; targetRelationships: { total: number; items: { id: string }[] } }[] } };
        total = d.relationships.total;
        for (const r of d.relationships.items) {
          first.push({ id: r.id, target: { id: r.targetId } });
          second.set(r.targetId, { total: r.targetRelationships.total, ids: sorted(r.targetRelationships.items.map((i) => i.id)) });
        }
      }
      first = first.sort((a, b) => a.id.localeCompare(b.id));
      return { scenario, facts: { total, first: first.map((r) => r.id), second: Object.fromEntries([...second].sort(([a], [b]) => a.localeCompare(b))) } };
    }
    case 'search': {
      const hits =
        server === 'raw'
          ? (data as unknown as { entity: { id: string } }[]).map((h) => h.entity.id)
          : (data.search as { entity: { id: string } }[]).map((h) => h.entity.id);
      return { scenario, facts: sorted(hits) };
    }
    case 'neighbors': {
      let total: number;
      let ids: Ids;
      if (speaksServiceSchema(server)) {
        const n = (data.entity as Json).neighbors as { totalCount: number; edges: { node: { id: string } }[] };
        total = n.totalCount;
        ids = n.edges.map((e) => e.node.id);
      } else if (server === 'neo4j-graphql') {
        const entity = (data.entities as Json[])[0]!;
        total = entity.neighborCount as number;
        ids = (entity.neighbors as { entity: { id: string } }[]).map((n) => n.entity.id);
      } else {
        const d = data as unknown as { total: number; items: { entity: { id: string } }[] };
        total = d.total;
        ids = d.items.map((i) => i.entity.id);
      }
      // Same order too: the page is defined by it.
      return { scenario, facts: { total, ids } };
    }
    case 'subgraph': {
      const g = (server === 'raw' ? data : data.subgraph) as { truncated: boolean; nodes: { id: string }[]; edges: { id: string }[] };
      return { scenario, facts: { truncated: g.truncated, nodes: sorted(g.nodes.map((n) => n.id)), edges: sorted(g.edges.map((e) => e.id)) } };
    }
    case 'paths': {
      const paths = (server === 'raw' ? data : data.paths) as { length: number; nodes: { id: string }[] }[];
      // Which of several equally short paths come first is up to the planner; the length and count are not.
      return { scenario, facts: { count: paths.length, lengths: [...new Set(paths.map((p) => p.length))] } };
    }
    case 'stats': {
      const s = (server === 'raw' ? data : data.stats) as Json & { entitiesByKind: { kind: string; count: number }[]; relationshipsByType: { type: string; count: number }[]; mostConnected: { degree: number }[] };
      return {
        scenario,
        facts: {
          entityCount: s.entityCount,
          relationshipCount: s.relationshipCount,
          documentCount: s.documentCount,
          mentionCount: s.mentionCount,
          entitiesByKind: [...s.entitiesByKind].sort((a, b) => a.kind.localeCompare(b.kind)),
          // Zero counts left out: this service also lists the weak co-mention type, which the peer has no notion of.
          relationshipsByType: s.relationshipsByType.filter((t) => t.count > 0).sort((a, b) => a.type.localeCompare(b.type)),
          mostConnectedDegrees: s.mostConnected.map((m) => m.degree),
        },
      };
    }
  }
}
