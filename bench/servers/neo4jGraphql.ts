/**
 * The @neo4j/graphql peer: the same questions answered by a schema the library generates from
 * type definitions equivalent to schema/schema.graphql, served by Apollo Server 5 in Express 5 like
 * the service. Entity lookups go through the library's generated `entities(where:)`; the fields the
 * library cannot derive from the model — relationships of any type, neighbours, search, subgraph,
 * paths, stats — are @cypher fields whose statements mirror src/graph.
 *
 * Results that are not stored nodes (a relationship with its endpoints, a neighbour with its link
 * counts, a subgraph …) are returned by @cypher as maps and declared as @node "view" types whose
 * labels never exist in the database; their entity-valued fields are @cypher fields that return the
 * node carried in the map, so the library can keep projecting nested selections (a target's own
 * relationships) as it would for stored nodes.
 *
 * Configured by BENCH_PORT, NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD.
 */
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { ENTITY_KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../../src/domain/vocabulary.js';
import { ANY_DOMAIN_TYPE } from '../../src/graph/relationships.js';
import { EXACT_MATCHES_ENOUGH, exactThenTolerantHits } from '../../src/graph/entities.js';
import { benchDriver } from './benchDriver.js';

const port = Number(process.env.BENCH_PORT ?? 4101);
const driver = benchDriver();

const view = (label: string) => `@node(labels: ["${label}"]) @query(read: false, aggregate: false) @mutation(operations: [])`;
const carried = (key: string) => `@cypher(statement: "RETURN this.${key} AS e", columnName: "e")`;
const unwound = (key: string) => `@cypher(statement: "UNWIND this.${key} AS e RETURN e", columnName: "e")`;
const LINK = (r: string, a: string, b: string) => `{ id: ${r}.id, type: type(${r}), basis: ${r}.basis, sourceNode: ${a}, targetNode: ${b} }`;

const typeDefs = /* GraphQL */ `
type Entity @node(labels: ["Entity"]) @mutation(operations: []) {
  id: ID!
  kind: String!
  name: String!
  aliases: [String!]!
  description: String!
  actorType: String
  rank: String
  role: String
  echelon: String
  branch: String
  policyType: String
  status: String
  locationType: String
  eventType: String
  startDate: Date
  endDate: Date
  period: String
  equipmentType: String

  "Number of outgoing domain relationships (degree store)."
  outgoingCount: Int! @cypher(statement: """
    RETURN COUNT { (this)-[:${ANY_DOMAIN_TYPE}]->() } AS n
  """, columnName: "n")

  "Outgoing relationships, ordered by type then the target's name (as the service orders them)."
  outgoing(first: Int! = 20, skip: Int! = 0): [Link!]! @cypher(statement: """
    MATCH (this)-[r:${ANY_DOMAIN_TYPE}]->(other:Entity)
    WITH r, other ORDER BY type(r), other.name, r.id
    SKIP $skip LIMIT $first
    RETURN ${LINK('r', 'startNode(r)', 'other')} AS link
  """, columnName: "link")

  "Number of distinct neighbours, both directions."
  neighborCount: Int! @cypher(statement: """
    MATCH (this)-[r:${ANY_DOMAIN_TYPE}]-(other:Entity)
    RETURN count(DISTINCT other) AS n
  """, columnName: "n")

  "Distinct neighbours, most strongly linked first."
  neighbors(first: Int! = 20, skip: Int! = 0): [Neighbor!]! @cypher(statement: """
    MATCH (this)-[r:${ANY_DOMAIN_TYPE}]-(other:Entity)
    WITH other, collect(DISTINCT type(r)) AS relationshipTypes, count(r) AS relationshipCount
    ORDER BY relationshipCount DESC, other.name, other.id
    SKIP $skip LIMIT $first
    RETURN { relationshipTypes: relationshipTypes, relationshipCount: relationshipCount, entityNode: other } AS neighbor
  """, columnName: "neighbor")
}

type Link ${view('BenchLinkView')} {
  id: ID!
  type: String!
  basis: String!
  source: Entity! ${carried('sourceNode')}
  target: Entity! ${carried('targetNode')}
}

type Neighbor ${view('BenchNeighborView')} {
  relationshipCount: Int!
  relationshipTypes: [String!]!
  entity: Entity! ${carried('entityNode')}
}

type SearchHit ${view('BenchSearchHitView')} {
  score: Float!
  entity: Entity! ${carried('entityNode')}
}

type Subgraph ${view('BenchSubgraphView')} {
  truncated: Boolean!
  nodes: [Entity!]! ${unwound('nodeList')}
  edges: [Link!]! ${unwound('edgeList')}
}

type Path ${view('BenchPathView')} {
  length: Int!
  nodes: [Entity!]! ${unwound('nodeList')}
  links: [Link!]! ${unwound('linkList')}
}

type KindCount ${view('BenchKindCountView')} {
  kind: String!
  count: Int!
}

type TypeCount ${view('BenchTypeCountView')} {
  type: String!
  count: Int!
}

type ConnectedEntity ${view('BenchConnectedView')} {
  degree: Int!
  entity: Entity! ${carried('entityNode')}
}

type Stats ${view('BenchStatsView')} {
  entityCount: Int!
  relationshipCount: Int!
  documentCount: Int!
  mentionCount: Int!
  entitiesByKind: [KindCount!]! ${unwound('kinds')}
  relationshipsByType: [TypeCount!]! ${unwound('types')}
  "The top k by the stored degree, in the order of its range index (as src/graph/stats.ts reads it)."
  mostConnected(first: Int! = 10): [ConnectedEntity!]! @cypher(statement: """
    MATCH (e:Entity)
    WHERE e.degree IS NOT NULL
    WITH e ORDER BY e.degree DESC, e.name ASC, e.id ASC
    LIMIT $first
    RETURN { degree: e.degree, entityNode: e } AS connected
  """, columnName: "connected")
}

type Query {
  "Full-text search over the Lucene queries the service builds from free text: exact, or typo-tolerant when fewer than ${EXACT_MATCHES_ENOUGH} entities match exactly (the service's statement)."
  search(exact: String!, tolerant: String, first: Int! = 10): [SearchHit!]! @cypher(statement: """${exactThenTolerantHits('$first', String(EXACT_MATCHES_ENOUGH))}
    RETURN { score: score, entityNode: node } AS hit
    ORDER BY score DESC, node.name ASC
  """, columnName: "hit")

  "Entities within 2 relationships of the centre and the relationships among them."
  subgraph(centerId: ID!, limit: Int! = 100): Subgraph! @cypher(statement: """
    MATCH (start:Entity) WHERE start.id IN [$centerId]
    WITH collect(start) AS starts
    CALL (starts) {
      UNWIND starts AS s
      MATCH (s)-[:${ANY_DOMAIN_TYPE}*1..2]-(n:Entity)
      WHERE NOT n IN starts
      WITH DISTINCT n LIMIT $limit + 1
      RETURN collect(n) AS reached
    }
    WITH starts, reached, size(starts) + size(reached) > $limit AS truncated
    WITH (starts + reached)[0..$limit] AS nodes, truncated
    CALL (nodes) {
      UNWIND nodes AS a
      MATCH (a)-[r:${ANY_DOMAIN_TYPE}]->(b:Entity)
      WHERE b IN nodes
      RETURN collect(${LINK('r', 'a', 'b')}) AS edges
    }
    RETURN { nodeList: nodes, edgeList: edges, truncated: truncated } AS subgraph
  """, columnName: "subgraph")

  "Shortest paths of at most 4 hops, ignoring direction."
  paths(fromId: ID!, toId: ID!, first: Int! = 5): [Path!]! @cypher(statement: """
    MATCH (from:Entity {id: $fromId}), (to:Entity {id: $toId})
    MATCH p = allShortestPaths((from)-[:${ANY_DOMAIN_TYPE}*..4]-(to))
    WITH p LIMIT $first
    RETURN {
      length: length(p),
      nodeList: nodes(p),
      linkList: [r IN relationships(p) | ${LINK('r', 'startNode(r)', 'endNode(r)')}]
    } AS path
  """, columnName: "path")

  "Counts by kind and type, from the count store."
  stats: Stats! @cypher(statement: """
    WITH [${ENTITY_KIND_NAMES.map((kind) => `{ kind: '${kind}', count: COUNT { (:${kind}) } }`).join(', ')}] AS kinds,
         [${RELATIONSHIP_TYPE_NAMES.map((type) => `{ type: '${type}', count: COUNT { ()-[:${type}]->() } }`).join(', ')}] AS types
    RETURN {
      kinds: kinds, types: types,
      documentCount: COUNT { (:Document) }, mentionCount: COUNT { ()-[:MENTIONS]->() }, entityCount: COUNT { (:Entity) },
      relationshipCount: reduce(total = 0, row IN types | total + row.count)
    } AS stats
  """, columnName: "stats")
}
`;

async function main() {
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const app = express();
  const httpServer = createServer(app);
  const apollo = new ApolloServer({
    schema,
    csrfPrevention: true,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 1_000 })],
  });
  await apollo.start();
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, { context: async () => ({}) }));
  httpServer.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  console.log(`@neo4j/graphql peer listening on http://127.0.0.1:${port}/graphql`);

  const stop = () => {
    void apollo
      .stop()
      .then(() => driver.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
