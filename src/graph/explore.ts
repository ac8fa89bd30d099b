/** Exploring structure: neighbourhoods (subgraph) and shortest paths between two entities. */
import type { GraphClient, Statement } from './client.js';
import type { Deadline } from './deadline.js';
import type { EntityRecord, PathRecord, RelationshipRecord, SubgraphRecord } from './records.js';
import { ENTITY_PROJECTION } from './entities.js';
import { LINK_TYPE, LINK_VARIANTS, linkVariant, type LinkFilter, type LinkVariant } from './linkFilter.js';
import { GRAPH, type EntityKind } from '../domain/vocabulary.js';

const { entityLabel: E } = GRAPH;

export const MAX_SUBGRAPH_DEPTH = 3;
export const MAX_PATH_HOPS = 6;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * A relationship without its endpoints' properties. Subgraph edges and path hops only join entities
 * the same row already returns in full (the nodes), so each edge carrying both endpoints' property
 * maps again multiplied the bytes read, sent and converted (at depth 2 with 200 nodes, most of the
 * answer); `withEndpoints` joins them back in JavaScript.
 */
const BARE_RELATIONSHIP = (r: string) =>
  `{ id: ${r}.id, type: ${LINK_TYPE(r)}, basis: ${r}.basis, curation: coalesce(${r}.curation, 'CURATED'), sources: coalesce(${r}.sources, 1), sourceId: startNode(${r}).id, targetId: endNode(${r}).id }`;

type BareRelationship = Omit<RelationshipRecord, 'source' | 'target'>;

/**
 * Adds `source` and `target` (from `nodes`) to relationships that join them. In place, as toPlain
 * converts: the rows are this request's own, and spreading driver-decoded maps into copies cost
 * about 2 µs per edge (docs/decisions/016-hot-path-allocations.md).
 */
function withEndpoints(relationships: BareRelationship[], nodes: EntityRecord[]): RelationshipRecord[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return relationships.map((r) => Object.assign(r, { source: byId.get(r.sourceId), target: byId.get(r.targetId) }));
}

/**
 * Variable-length bounds cannot be parameters, so there is one statement per depth (0–3).
 * DISTINCT end nodes let Neo4j use its pruning breadth-first expansion instead of enumerating paths.
 */
const subgraphStatement = (depth: number, variant: LinkVariant): Statement => ({
  name: `explore.subgraph.depth${depth}${variant.key}`,
  cypher: `
        MATCH (start:${E}) WHERE start.id IN $ids
        WITH collect(start) AS starts
        CALL (starts) {
          ${
            depth === 0
              ? 'RETURN [] AS reached'
              : `UNWIND starts AS s
          ${
            // Over all typed links, the types go into the pattern so hubs' MENTIONS are never expanded.
            variant.plain
              ? `MATCH (s)-[${variant.pathTypes}*1..${depth}]-(n:${E})
          WHERE ($kinds IS NULL OR n.kind IN $kinds)`
              : `MATCH (s)-[rs${variant.pathTypes}*1..${depth}]-(n:${E})
          WHERE all(r IN rs WHERE ${variant.where})
            AND ($kinds IS NULL OR n.kind IN $kinds)`
          }
            AND NOT n IN starts
          WITH DISTINCT n LIMIT $limit + 1
          RETURN collect(n) AS reached`
          }
        }
        WITH starts, reached, size(starts) + size(reached) > $limit AS truncated
        // Starts first, then the reached entities, cut at the limit. (A slice bound below zero would
        // count from the end, so with more starts than the limit the list must be cut as a whole.)
        WITH (starts + reached)[0..$limit] AS nodes, truncated
        CALL (nodes) {
          UNWIND nodes AS a
          MATCH (a)-[${variant.rel}]->(b:${E})
          WHERE ${variant.where} AND b IN nodes
          RETURN collect(${BARE_RELATIONSHIP('r')}) AS edges
        }
        RETURN [n IN nodes | ${ENTITY_PROJECTION('n')}] AS nodes, edges, truncated`,
});

/**
 * Variable-length bounds cannot be parameters, so there is one statement per depth (0–3) and link
 * variant (./linkFilter.ts).
 * DISTINCT end nodes let Neo4j use its pruning breadth-first expansion instead of enumerating paths.
 */
const subgraphStatements = new Map(
  range(0, MAX_SUBGRAPH_DEPTH).flatMap((depth) => LINK_VARIANTS.map((variant) => [`${depth}${variant.key}`, subgraphStatement(depth, variant)] as const)),
);

export interface SubgraphArgs extends LinkFilter {
  ids: readonly string[];
  depth: number;
  kinds: readonly EntityKind[] | null | undefined;
  limit: number;
}

/** Entities within `depth` relationships of the start ids, and the relationships among them. */
export async function getSubgraph(client: GraphClient, deadline: Deadline, args: SubgraphArgs): Promise<SubgraphRecord> {
  const { variant, params } = linkVariant(args);
  const statement = subgraphStatements.get(`${args.depth}${variant.key}`);
  if (!statement) throw new RangeError(`depth must be 0–${MAX_SUBGRAPH_DEPTH}`);
  const [row] = await client.read<{ nodes: EntityRecord[]; edges: BareRelationship[]; truncated: boolean }>(statement, {
    ids: args.ids,
    ...params,
    // Depth 0 reaches no one, so there is no one to filter by kind.
    ...(args.depth === 0 ? {} : { kinds: args.kinds?.length ? args.kinds : null }),
    limit: args.limit,
  }, deadline);
  return row ? { nodes: row.nodes, edges: withEndpoints(row.edges, row.nodes), truncated: row.truncated } : { nodes: [], edges: [], truncated: false };
}

const pathStatement = (hops: number, variant: LinkVariant): Statement => ({
  name: `explore.paths.max${hops}${variant.key}`,
  cypher: `
        MATCH (from:${E} {id: $fromId}), (to:${E} {id: $toId})
        ${
          variant.plain
            ? `MATCH p = allShortestPaths((from)-[${variant.pathTypes}*..${hops}]-(to))`
            : `MATCH p = allShortestPaths((from)-[rs${variant.pathTypes}*..${hops}]-(to))
        WHERE all(r IN rs WHERE ${variant.where})`
        }
        WITH p LIMIT $first
        RETURN length(p) AS length,
               [n IN nodes(p) | ${ENTITY_PROJECTION('n')}] AS nodes,
               [r IN relationships(p) | ${BARE_RELATIONSHIP('r')}] AS relationships`,
});

/** One statement per hop bound (1–6), for the same reason as the subgraph's depth, and per link variant. */
const pathStatements = new Map(
  range(1, MAX_PATH_HOPS).flatMap((hops) => LINK_VARIANTS.map((variant) => [`${hops}${variant.key}`, pathStatement(hops, variant)] as const)),
);

export interface PathArgs extends LinkFilter {
  fromId: string;
  toId: string;
  maxHops: number;
  first: number;
}

/** The shortest paths (all of the minimal length, up to `first`), ignoring direction. */
export async function getShortestPaths(client: GraphClient, deadline: Deadline, args: PathArgs): Promise<PathRecord[]> {
  const { variant, params } = linkVariant(args);
  const statement = pathStatements.get(`${args.maxHops}${variant.key}`);
  if (!statement) throw new RangeError(`maxHops must be 1–${MAX_PATH_HOPS}`);
  const rows = await client.read<{ length: number; nodes: EntityRecord[]; relationships: BareRelationship[] }>(statement, {
    fromId: args.fromId,
    toId: args.toId,
    ...params,
    first: args.first,
  }, deadline);
  return rows.map(({ length, nodes, relationships }) => ({
    length,
    nodes,
    hops: withEndpoints(relationships, nodes).map((relationship, index) => {
      const from = nodes[index]!;
      const to = nodes[index + 1]!;
      return { from, to, relationship, forward: relationship.sourceId === from.id };
    }),
  }));
}
