/**
 * `npm run ingest -- file.yaml [more.json …]`: validates every extraction file (reporting each
 * problem at `file:line:col`) before anything is written, then applies migrations and loads the
 * files in order, each in its own transaction, into NEO4J_URI or the local Neo4j (started in the
 * background if needed). Loading is idempotent: an unchanged file reports everything as merged.
 * A file that contradicts the graph (an id of another kind, a known document id with another
 * text) stops the run with the conflict; the files before it stay loaded.
 */
import { Command } from 'commander';
import { IngestConflictError, ingestExtraction } from '../src/graph/ingest.js';
import { describeSummary, displayName, loadCliConfig, readExtractionFiles, withGraph } from './cli.js';

const program = new Command('ingest')
  .description('Validate extraction files, then load them into Neo4j (merged on ids)')
  .argument('<files...>', 'extraction files (.yaml, .yml or .json), in the shape of seed/*.yaml')
  .action(async (files: string[]) => {
    const config = loadCliConfig();
    // Every file is read and validated before a database is started or touched.
    const extractions = readExtractionFiles(files);

    await withGraph(config, 'Ingest', async (client) => {
      for (const [index, extraction] of extractions.entries()) {
        const file = files[index]!;
        try {
          console.log(describeSummary(file, await ingestExtraction(client, extraction)));
        } catch (error) {
          if (error instanceof IngestConflictError) {
            const loaded = index === 0 ? 'nothing was written' : `nothing of it was written; the ${index} file(s) before it are loaded`;
            throw new IngestConflictError(`${displayName(file)}: ${error.message} (${loaded})`);
          }
          throw error;
        }
      }
    });
  });

await program.parseAsync();
