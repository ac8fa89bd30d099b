/**
 * `npm run fuzz -- --url http://127.0.0.1:4000/graphql [--count 1000] [--seconds 60] [--seed 1]
 *   [--api-key <editor key>] [--neo4j-uri bolt://… --neo4j-password …] [--server-log file]`
 *
 * Sends schema-generated requests (valid, hostile, deep, wide, near-valid; bench/fuzz/) to a live
 * server and checks every answer is a 200 or a coded 4xx, with no 5xx and no answer later than the
 * request deadline. With Neo4j credentials it also proves the graph unchanged (a SHA-256 digest of
 * the whole graph before and after); with a server log, that it holds no error line and no
 * unhandled rejection. Without --api-key mutations go unauthenticated; with an editor key they only
 * get input the server must refuse. Prints one `FUZZ {…}` JSON line; exits 1 on any failure.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { GraphCache } from '../src/graph/cache.js';
import { GraphClient } from '../src/graph/client.js';
import { buildSchema } from '../src/resolvers/schema.js';
import { exportGraph } from '../test/support/exportGraph.js';
import { positiveInt } from './lib/cliArguments.js';
import { runFuzz } from './fuzz/runner.js';

const options = new Command('fuzz')
  .description('Schema-aware fuzzing of a live newsgraph server')
  .option('--url <url>', 'GraphQL endpoint', 'http://127.0.0.1:4000/graphql')
  .option('--count <n>', 'requests to send at most', positiveInt, 1000)
  .option('--seconds <n>', 'stop sending after this long', positiveInt, 60)
  .option('--seed <n>', 'fast-check seed: the same seed and count send the same requests', positiveInt, 1)
  .option('--concurrency <n>', 'requests in flight', positiveInt, 2)
  .option('--timeout-ms <n>', "longest wait for one answer (the server's REQUEST_TIMEOUT_MS plus a margin)", positiveInt, 15_000)
  .option('--api-key <key>', 'an editor API key (default: $FUZZ_API_KEY); mutations then get only invalid input', process.env.FUZZ_API_KEY)
  .option('--neo4j-uri <uri>', "the server's Neo4j, to check the graph digest is unchanged")
  .option('--neo4j-user <user>', 'Neo4j user', 'neo4j')
  .option('--neo4j-password <password>', 'Neo4j password (default: $NEO4J_PASSWORD)', process.env.NEO4J_PASSWORD)
  .option('--neo4j-database <name>', 'Neo4j database', 'neo4j')
  .option('--server-log <file>', "the server's log (pino JSON lines), checked for errors after the run")
  .option('--failures <n>', 'failures to print in full', positiveInt, 5)
  .parse()
  .opts<{
    url: string;
    count: number;
    seconds: number;
    seed: number;
    concurrency: number;
    timeoutMs: number;
    apiKey?: string;
    neo4jUri?: string;
    neo4jUser: string;
    neo4jPassword?: string;
    neo4jDatabase: string;
    serverLog?: string;
    failures: number;
  }>();

const client = options.neo4jUri
  ? new GraphClient({
      cache: new GraphCache(),
      uri: options.neo4jUri,
      user: options.neo4jUser,
      password: options.neo4jPassword ?? '',
      database: options.neo4jDatabase,
      queryTimeoutMs: 120_000,
    })
  : undefined;
const digest = async () => (client ? createHash('sha256').update(await exportGraph(client)).digest('hex') : undefined);

/** Log lines at error level or above, and Node's own unhandled-rejection / uncaught-exception reports. */
function serverLogProblems(file: string, from: number): string[] {
  return readFileSync(file, 'utf8')
    .slice(from)
    .split('\n')
    .filter((line) => {
      if (/unhandled|uncaught/i.test(line)) return true;
      try {
        return Number((JSON.parse(line) as { level?: unknown }).level) >= 50;
      } catch {
        return false;
      }
    });
}

try {
  const logStart = options.serverLog ? readFileSync(options.serverLog, 'utf8').length : 0;
  const before = await digest();
  const report = await runFuzz({ ...options, schema: buildSchema() });
  const after = await digest();
  const logProblems = options.serverLog ? serverLogProblems(options.serverLog, logStart) : [];
  const graphUnchanged = before === after;
  const summary = {
    ...report,
    failures: report.failures.length,
    graphDigest: before ? { before, after, unchanged: graphUnchanged } : 'not checked (no --neo4j-uri)',
    serverLog: options.serverLog ? { problems: logProblems.length } : 'not checked (no --server-log)',
  };
  for (const failure of report.failures.slice(0, options.failures)) console.error(`FAILURE ${JSON.stringify(failure)}`);
  for (const line of logProblems.slice(0, options.failures)) console.error(`SERVER LOG ${line.slice(0, 2000)}`);
  console.log(`FUZZ ${JSON.stringify(summary)}`);
  process.exitCode = report.failures.length || logProblems.length || !graphUnchanged ? 1 : 0;
} finally {
  await client?.close();
}
