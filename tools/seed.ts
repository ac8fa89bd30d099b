/**
 * `npm run seed [dir]`: applies migrations and loads every extraction file of seed/ (or `dir`)
 * into NEO4J_URI, or into the local Neo4j, which it starts in the background if needed. Loading
 * is idempotent (MERGE on ids), so running it twice reports everything as merged.
 */
import { Command } from 'commander';
import { extractionFiles, seedGraph } from '../src/graph/seed.js';
import { SEED_DIR } from '../src/paths.js';
import { describeSummary, fail, loadCliConfig, readExtractionFiles, withGraph } from './cli.js';

const program = new Command('seed')
  .description('Apply migrations and load the extraction files of a folder into Neo4j')
  .argument('[dir]', 'folder of extraction files (.yaml, .yml, .json)', SEED_DIR)
  .action(async (dir: string) => {
    const config = loadCliConfig();
    const files = extractionFiles(dir);
    if (files.length === 0) fail(`No extraction files (.yaml, .yml, .json) in ${dir}`);
    // Bad input is reported before a database is started or touched.
    readExtractionFiles(files);

    await withGraph(config, 'Seeding', async (client) => {
      // seedGraph validates every file before writing any, and returns one summary per file in order.
      const summaries = await seedGraph(client, dir);
      summaries.forEach((summary, i) => console.log(describeSummary(files[i] ?? dir, summary)));
    });
  });

await program.parseAsync();
