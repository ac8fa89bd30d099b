/**
 * `npm run bench:layer-cost [-- --entities 10000]`
 *
 * CPU per operation of two layers in isolation (decisions 014 and 015):
 * 1. the GraphQL layer: Apollo's executeHTTPGraphQLRequest on graphql-js and on the service's
 *    compiled execution (graphql-jit, src/server/compiledExecution.ts), against graphql-js
 *    `execute` on a cached parsed and validated document, same schema, resolvers returning fixed
 *    records (a search answer of 10 hits, a subgraph of 200 nodes and 300 edges);
 * 2. the data layer: GraphClient.read against the raw driver's session.run + toPlain, one entity
 *    by id, 8 at a time, on the benchmark Neo4j of --entities (npm run bench:prepare).
 * Run with NODE_ENV=production for Apollo's production behaviour.
 */
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, parse, specifiedRules, validate } from 'graphql';
import neo4j from 'neo4j-driver';
import { Command } from 'commander';
import { readTypeDefs } from '../src/resolvers/schema.js';
import { deadlineAfter } from '../src/graph/deadline.js';
import { toParameters, toPlain } from '../src/graph/values.js';
import { compiledExecution } from '../src/server/compiledExecution.js';
import { BENCH_PASSWORD, BENCH_USER, benchClient, defaultMemory, startBenchNeo4j, stopPid } from './lib/neo4j.js';
import { positiveInt } from './lib/cliArguments.js';

const opts = new Command('bench:layer-cost')
  .description('CPU per operation of the GraphQL layer (Apollo vs graphql-js) and of the data layer (GraphClient vs the raw driver)')
  .option('--entities <n>', 'benchmark graph for the data-layer part', positiveInt, 10_000)
  .option('--port <n>', 'Bolt port of the benchmark Neo4j', positiveInt, 7690)
  .parse()
  .opts<{ entities: number; port: number }>();

/** CPU µs per call of `run` after `warm` calls, with `concurrency` callers. */
async function cpuPerCall(run: () => Promise<unknown>, calls: number, concurrency = 1): Promise<number> {
  for (let i = 0; i < Math.min(2000, calls); i++) await run();
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = 0; i < calls / concurrency; i++) await run();
  }));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

// 1. The GraphQL layer.
const node = (i: number) => ({ id: `actor:a${i}`, kind: 'Actor', name: `Name ${i}` });
const nodes = Array.from({ length: 200 }, (_, i) => node(i));
const fixed = {
  Query: {
    search: async () => Array.from({ length: 10 }, (_, i) => ({ score: 1 - i / 10, entity: node(i) })),
    subgraph: async () => ({ truncated: false, nodes, edges: Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, type: 'LEADS', source: nodes[i % 200], target: nodes[(i * 7) % 200] })) }),
  },
  Entity: { __resolveType: (entity: { kind: string }) => entity.kind },
};
const schema = makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers: fixed, inheritResolversFromInterfaces: false });
const plugins = [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()];
const apollo = new ApolloServer({ schema, plugins });
const apolloCompiled = new ApolloServer({ gateway: compiledExecution(schema).gateway, plugins });
await Promise.all([apollo.start(), apolloCompiled.start()]);
const operations = {
  search: { query: 'query BenchSearch($text: String!) { search(query: $text, first: 10) { score entity { id kind name } } }', calls: 20_000 },
  subgraph: { query: 'query BenchSubgraph($id: ID!) { subgraph(centerId: $id, depth: 2, limit: 200) { truncated nodes { id kind name } edges { id type source { id } target { id } } } }', calls: 3_000 },
};
console.log('| operation | Apollo on graphql-js, CPU µs | Apollo on compiled execution, CPU µs | graphql-js execute on a cached document, CPU µs |\n| --- | ---: | ---: | ---: |');
for (const [name, { query, calls }] of Object.entries(operations)) {
  const body = JSON.stringify({ query, variables: { text: 'x', id: 'actor:a1' } });
  const via = (server: ApolloServer) => () =>
    server.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: JSON.parse(body) }, context: async () => ({}) });
  const document = parse(query);
  validate(schema, document, specifiedRules);
  const direct = async () => JSON.stringify(await execute({ schema, document, variableValues: (JSON.parse(body) as { variables: Record<string, unknown> }).variables, contextValue: {} }));
  console.log(`| ${name} | ${(await cpuPerCall(via(apollo), calls)).toFixed(1)} | ${(await cpuPerCall(via(apolloCompiled), calls)).toFixed(1)} | ${(await cpuPerCall(direct, calls)).toFixed(1)} |`);
}
await Promise.all([apollo.stop(), apolloCompiled.stop()]);

// 2. The data layer.
const running = await startBenchNeo4j({ entities: opts.entities, port: opts.port, ...defaultMemory(opts.entities) });
const client = benchClient(running.uri);
const driver = neo4j.driver(running.uri, neo4j.auth.basic(BENCH_USER, BENCH_PASSWORD), { disableLosslessIntegers: true });
try {
  const statement = { name: 'bench.entityById', cypher: 'MATCH (e:Entity {id: $id}) RETURN properties(e) AS entity' };
  const params = { id: 'country:japan' };
  const raw = async () => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      return (await session.run(statement.cypher, toParameters(params), { timeout: 5000 })).records.map((record) => toPlain(record.toObject()));
    } finally {
      await session.close();
    }
  };
  const viaClient = () => client.read(statement, params, deadlineAfter(6000));
  console.log('\n| round | raw session.run + toPlain, CPU µs | GraphClient.read, CPU µs |\n| --- | ---: | ---: |');
  for (let round = 1; round <= 3; round++) console.log(`| ${round} | ${(await cpuPerCall(raw, 3000, 8)).toFixed(0)} | ${(await cpuPerCall(viaClient, 3000, 8)).toFixed(0)} |`);
} finally {
  await client.close();
  await driver.close();
  if (running.startedHere) await stopPid(running.pid);
}
