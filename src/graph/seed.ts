/**
 * Loads every extraction file in seed/ through the same validator and loader that the ingest
 * CLI and the ingestDocument mutation use. All files are validated before the first is written.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readExtractionFile } from '../domain/extractionFile.js';
import type { GraphClient } from './client.js';
import { ingestExtraction, isGraphEmpty, type IngestSummary } from './ingest.js';
import { SEED_DIR } from '../paths.js';

/** The extraction files of a folder, in name order. */
export function extractionFiles(dir = SEED_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name) && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => join(dir, name));
}

export async function seedGraph(client: GraphClient, dir = SEED_DIR): Promise<IngestSummary[]> {
  const extractions = extractionFiles(dir).map((file) => readExtractionFile(file));
  const summaries: IngestSummary[] = [];
  for (const extraction of extractions) summaries.push(await ingestExtraction(client, extraction));
  return summaries;
}

/** Seeds only a graph that holds no document, so restarts never reload over curated changes. */
export async function seedIfEmpty(client: GraphClient, dir = SEED_DIR): Promise<IngestSummary[] | undefined> {
  return (await isGraphEmpty(client)) ? seedGraph(client, dir) : undefined;
}
