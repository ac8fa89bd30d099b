/**
 * `npm run seed [dir]`: applies migrations and loads every extraction file of seed/ (or `dir`)
 * into NEO4J_URI, or into the local Neo4j, which it starts in the background if needed. Loading
 * is idempotent (MERGE on ids), so running it twice reports everything as merged.
 */
import { relative } from 'node:path';
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { readExtractionFile } from '../src/domain/extractionFile.js';
import { ExtractionError } from '../src/domain/validateExtraction.js';
import { LocalNeo4jError, runningPid, startLocalNeo4j } from '../src/embedded/localNeo4j.js';
import { GraphClient } from '../src/graph/client.js';
import type { IngestSummary, Tally } from '../src/graph/ingest.js';
import { applyMigrations } from '../src/graph/migrations.js';
import { extractionFiles, seedGraph, SEED_DIR } from '../src/ingest/seed.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function neo4jUri(config: Config): Promise<string> {
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

const tally = (name: string, { created, merged }: Tally) => `${name} ${created} created / ${merged} merged`;

function describe(file: string, summary: IngestSummary): string {
  const parts = [
    tally('document', summary.document),
    tally('entities', summary.entities),
    tally('relationships', summary.relationships),
    tally('evidence', summary.evidence),
    tally('mentions', summary.mentions),
  ];
  return `${relative(process.cwd(), file) || file} (${summary.documentId}): ${parts.join(', ')}`;
}

const program = new Command('seed')
  .description('Apply migrations and load the extraction files of a folder into Neo4j')
  .argument('[dir]', 'folder of extraction files (.yaml, .yml, .json)', SEED_DIR)
  .action(async (dir: string) => {
    let config: Config;
    try {
      config = loadConfig();
    } catch (error) {
      if (error instanceof ConfigError) fail(error.message);
      throw error;
    }
    const files = extractionFiles(dir);
    if (files.length === 0) fail(`No extraction files (.yaml, .yml, .json) in ${dir}`);
    // Bad input is reported before a database is started or touched.
    try {
      files.forEach((file) => readExtractionFile(file));
    } catch (error) {
      if (error instanceof ExtractionError) fail(error.message);
      throw error;
    }

    let client: GraphClient | undefined;
    try {
      const uri = await neo4jUri(config);
      client = new GraphClient({ ...config.neo4j, uri });
      const applied = await applyMigrations(client);
      console.log(applied.length ? `Applied migrations ${applied.join(', ')}` : 'Migrations are up to date');
      // seedGraph validates every file before writing any, and returns one summary per file in order.
      const summaries = await seedGraph(client, dir);
      summaries.forEach((summary, i) => console.log(describe(files[i] ?? dir, summary)));
    } catch (error) {
      if (error instanceof ExtractionError || error instanceof LocalNeo4jError) fail(error.message);
      fail(`Seeding failed: ${(error as Error).message}`);
    } finally {
      await client?.close();
    }
  });

await program.parseAsync();
