/**
 * What the command-line loaders (tools/seed.ts, tools/ingest.ts) share: configuration, finding or
 * starting Neo4j, validating files before anything is touched, migrations, one-line errors and the
 * summary line per loaded file.
 */
import { relative } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { readExtractionFile } from '../src/domain/extractionFile.js';
import { ExtractionError, type ValidExtraction } from '../src/domain/validateExtraction.js';
import { JavaServiceError, runningPid, startLocalNeo4j } from '../src/embedded/localNeo4j.js';
import { GraphClient } from '../src/graph/client.js';
import { GraphCache } from '../src/graph/cache.js';
import { IngestConflictError, type IngestSummary, type Tally } from '../src/graph/ingest.js';
import { applyMigrations } from '../src/graph/migrations.js';

/** Prints the message on stderr and exits with status 1. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The configuration, or exit with the one-line ConfigError. */
export function loadCliConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

/** Reads and validates every file before any is written; exits with every problem (`file:line:col`) otherwise. */
export function readExtractionFiles(files: readonly string[]): ValidExtraction[] {
  try {
    return files.map((file) => readExtractionFile(file));
  } catch (error) {
    if (error instanceof ExtractionError) fail(error.message);
    throw error;
  }
}

/** NEO4J_URI, or the local Neo4j: the running one, else one started in the background (it keeps running). */
export async function neo4jUri(config: Config): Promise<string> {
  if (config.neo4j.uri) return config.neo4j.uri;
  const { localNeo4j } = config;
  const pid = runningPid(localNeo4j.dataDir);
  if (pid) {
    console.log(`Using the local Neo4j (pid ${pid}) on bolt://127.0.0.1:${localNeo4j.port}`);
    return `bolt://127.0.0.1:${localNeo4j.port}`;
  }
  console.log('The local Neo4j is not running; starting it in the background (npm run db:stop stops it)…');
  const server = await startLocalNeo4j({ ...localNeo4j, user: config.neo4j.user, password: config.neo4j.password, detached: true });
  console.log(server.readyLine);
  return server.uri;
}

/**
 * Connects, applies pending migrations and runs `work`; the client is closed whatever happens.
 * Errors a user can act on (bad input, a conflict, the local Neo4j not starting) exit with their
 * own message, anything else (Neo4j unreachable, wrong password) with `<action> failed: …`.
 */
export async function withGraph(config: Config, action: string, work: (client: GraphClient) => Promise<void>): Promise<void> {
  let client: GraphClient | undefined;
  let failure: string | undefined;
  let uri: string | undefined;
  try {
    uri = await neo4jUri(config);
    client = new GraphClient({ ...config.neo4j, uri, cache: new GraphCache() });
    const applied = await applyMigrations(client);
    console.log(applied.length ? `Applied migrations ${applied.join(', ')}` : 'Migrations are up to date');
    await work(client);
  } catch (error) {
    if (error instanceof ExtractionError || error instanceof IngestConflictError || error instanceof JavaServiceError) {
      failure = error.message;
    } else {
      failure = `${action} failed${uri ? ` (Neo4j at ${uri})` : ''}: ${(error as Error).message}`;
    }
  } finally {
    await client?.close();
  }
  if (failure !== undefined) fail(failure);
}

/** A file as messages name it: relative to the working directory, like the validator's `file:line:col`. */
export const displayName = (file: string) => relative(process.cwd(), file) || file;

const tally = (name: string, { created, merged }: Tally) => `${name} ${created} created / ${merged} merged`;

/** `file (doc:id): document 1 created / 0 merged, entities …` */
export function describeSummary(file: string, summary: IngestSummary): string {
  const parts = [
    tally('document', summary.document),
    tally('entities', summary.entities),
    tally('relationships', summary.relationships),
    tally('evidence', summary.evidence),
    tally('mentions', summary.mentions),
  ];
  return `${displayName(file)} (${summary.documentId}): ${parts.join(', ')}`;
}
