/** Exploring structure: neighbourhoods (subgraph) and shortest paths between two entities. */
import type { GraphClient, Statement } from './client.js';
import type { Deadline } from './deadline.js';
import type { EntityRecord, PathRecord, RelationshipRecord, SubgraphRecord } from './records.js';
import { ENTITY_PROJECTION } from './entities.js';
import { ANY_DOMAIN_TYPE, isAllTypes } from './relationships.js';
import { GRAPH, type EntityKind, type RelationshipType } from '../domain/vocabulary.js';

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
const BARE_RELATIONSHIP = (r: string) => `{ id: ${r}.id, type: type(${r}), basis: ${r}.basis, sourceId: startNode(${r}).id, targetId: endNode(${r}).id }`;

type BareRelationship = Omit<RelationshipRecord, 'source' | 'target'>;

/** Adds `source` and `target` (from `nodes`) to relationships that join them. */
function withEndpoints(relationships: BareRelationship[], nodes: EntityRecord[]): RelationshipRecord[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return relationships.map((r) => ({ ...r, source: byId.get(r.sourceId), target: byId.get(r.targetId) }));
}

/**
 * Variable-length bounds cannot be parameters, so there is one statement per depth (0–3).
 * DISTINCT end nodes let Neo4j use its pruning breadth-first expansion instead of enumerating paths.
 */
const subgraphStatement = (depth: number, allTypes: boolean): Statement => ({
  name: `explore.subgraph.depth${depth}${allTypes ? '.allTypes' : ''}`,
  cypher: `
        MATCH (start:${E}) WHERE start.id IN $ids
        WITH collect(start) AS starts
        CALL (starts) {
          ${
            depth === 0
              ? 'RETURN [] AS reached'
              : `UNWIND starts AS s
          ${
            // Over all types, the types go into the pattern so hubs' MENTIONS are never expanded.
            allTypes
              ? `MATCH (s)-[:${ANY_DOMAIN_TYPE}*1..${depth}]-(n:${E})
          WHERE ($kinds IS NULL OR n.kind IN $kinds)`
              : `MATCH (s)-[rs*1..${depth}]-(n:${E})
          WHERE all(r IN rs WHERE type(r) IN $types)
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
          MATCH (a)-[${allTypes ? `r:${ANY_DOMAIN_TYPE}` : 'r'}]->(b:${E})
          WHERE ${allTypes ? '' : 'type(r) IN $types AND '}b IN nodes
          RETURN collect(${BARE_RELATIONSHIP('r')}) AS edges
        }
        RETURN [n IN nodes | ${ENTITY_PROJECTION('n')}] AS nodes, edges, truncated`,
});

/**
 * Variable-length bounds cannot be parameters, so there is one statement per depth (0–3), each
 * filtered by `$types` or over all domain types.
 * DISTINCT end nodes let Neo4j use its pruning breadth-first expansion instead of enumerating paths.
 */
const subgraphStatements = Object.fromEntries(
  range(0, MAX_SUBGRAPH_DEPTH).map((depth) => [depth, { filtered: subgraphStatement(depth, false), allTypes: subgraphStatement(depth, true) }]),
) as Record<number, { filtered: Statement; allTypes: Statement }>;

export interface SubgraphArgs {
  ids: readonly string[];
  depth: number;
  kinds: readonly EntityKind[] | null | undefined;
  types: readonly RelationshipType[] | null | undefined;
  limit: number;
}

/** Entities within `depth` relationships of the start ids, and the relationships among them. */
export async function getSubgraph(client: GraphClient, deadline: Deadline, args: SubgraphArgs): Promise<SubgraphRecord> {
  const statements = subgraphStatements[args.depth];
  if (!statements) throw new RangeError(`depth must be 0–${MAX_SUBGRAPH_DEPTH}`);
  const allTypes = isAllTypes(args.types);
  const [row] = await client.read<{ nodes: EntityRecord[]; edges: BareRelationship[]; truncated: boolean }>(allTypes ? statements.allTypes : statements.filtered, {
    ids: args.ids,
    ...(allTypes ? {} : { types: args.types }),
    // Depth 0 reaches no one, so there is no one to filter by kind.
    ...(args.depth === 0 ? {} : { kinds: args.kinds?.length ? args.kinds : null }),
    limit: args.limit,
  }, deadline);
  return row ? { nodes: row.nodes, edges: withEndpoints(row.edges, row.nodes), truncated: row.truncated } : { nodes: [], edges: [], truncated: false };
}

const pathStatement = (hops: number, allTypes: boolean): Statement => ({
  name: `explore.paths.max${hops}${allTypes ? '.allTypes' : ''}`,
  cypher: `
        MATCH (from:${E} {id: $fromId}), (to:${E} {id: $toId})
        ${
          allTypes
            ? `MATCH p = allShortestPaths((from)-[:${ANY_DOMAIN_TYPE}*..${hops}]-(to))`
            : `MATCH p = allShortestPaths((from)-[rs*..${hops}]-(to))
        WHERE all(r IN rs WHERE type(r) IN $types)`
        }
        WITH p LIMIT $first
        RETURN length(p) AS length,
               [n IN nodes(p) | ${ENTITY_PROJECTION('n')}] AS nodes,
               [r IN relationships(p) | ${BARE_RELATIONSHIP('r')}] AS relationships`,
});

/** One statement per hop bound (1–6), for the same reason as the subgraph's depth; typed for all types. */
const pathStatements = Object.fromEntries(
  range(1, MAX_PATH_HOPS).map((hops) => [hops, { filtered: pathStatement(hops, false), allTypes: pathStatement(hops, true) }]),
) as Record<number, { filtered: Statement; allTypes: Statement }>;

export interface PathArgs {
  fromId: string;
  toId: string;
  maxHops: number;
  types: readonly RelationshipType[] | null | undefined;
  first: number;
}

/** The shortest paths (all of the minimal length, up to `first`), ignoring direction. */
export async function getShortestPaths(client: GraphClient, deadline: Deadline, args: PathArgs): Promise<PathRecord[]> {
  const statements = pathStatements[args.maxHops];
  if (!statements) throw new RangeError(`maxHops must be 1–${MAX_PATH_HOPS}`);
  const allTypes = isAllTypes(args.types);
  const rows = await client.read<{ length: number; nodes: EntityRecord[]; relationships: BareRelationship[] }>(allTypes ? statements.allTypes : statements.filtered, {
    fromId: args.fromId,
    toId: args.toId,
    ...(allTypes ? {} : { types: args.types }),
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
