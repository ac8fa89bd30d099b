/**
 * `npm run ingest -- <files or folders…>`:
 * - curated extraction files (.yaml, .yml, .json, in the shape of seed/*.yaml) are validated (each
 *   problem at `file:line:col`) and loaded as before, each in its own transaction;
 * - raw articles (.txt, .md; a folder contributes every such file) are extracted with CoreNLP and
 *   written as proposed facts, each in its own transaction. Title, source, url and date come from
 *   YAML front matter, else from the flags, else the first line and the file name.
 * Everything is read and checked before a database or NLP server is started or touched. Loading
 * is idempotent: the same file twice changes nothing.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Command } from 'commander';
import { IngestConflictError, ingestExtraction } from '../src/graph/ingest.js';
import { ARTICLE_EXTENSIONS, ingestArticles, readArticles } from './articles.js';
import { describeSummary, displayName, fail, loadCliConfig, readExtractionFiles, withGraph } from './cli.js';

const EXTRACTION_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Files as given, and the articles and extraction files inside given folders (sorted, READMEs left out). */
function expand(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      fail(`${path}: no such file or folder`);
    }
    if (!stats.isDirectory()) return [path];
    return readdirSync(path)
      .filter((name) => [...ARTICLE_EXTENSIONS, ...EXTRACTION_EXTENSIONS].includes(extname(name)) && !/^readme\./i.test(name))
      .sort()
      .map((name) => join(path, name));
  });
}

const program = new Command('ingest')
  .description('Load curated extraction files, or extract raw articles with CoreNLP, into Neo4j')
  .argument('<paths...>', 'extraction files (.yaml/.yml/.json), articles (.txt/.md), or folders of them')
  .option('--title <title>', 'title of a raw article without front matter')
  .option('--source <source>', 'source (outlet) of raw articles without one in their front matter')
  .option('--url <url>', 'URL of a raw article without one in its front matter')
  .option('--published-at <date>', 'publication date (YYYY-MM-DD) of raw articles without one')
  .action(async (paths: string[], flags: { title?: string; source?: string; url?: string; publishedAt?: string }) => {
    const config = loadCliConfig();
    const files = expand(paths);
    const unknown = files.filter((file) => ![...ARTICLE_EXTENSIONS, ...EXTRACTION_EXTENSIONS].includes(extname(file)));
    if (unknown.length) fail(`Not an extraction file or an article (.yaml, .yml, .json, .txt, .md): ${unknown.map(displayName).join(', ')}`);
    const curatedFiles = files.filter((file) => EXTRACTION_EXTENSIONS.includes(extname(file)));
    const articleFiles = files.filter((file) => ARTICLE_EXTENSIONS.includes(extname(file)));
    if (flags.title && articleFiles.length > 1) fail('--title names one article; give each article of a folder its own title in front matter');
    if (files.length === 0) fail('No articles or extraction files found');

    // Every file is read and validated before a database is started or touched.
    const extractions = readExtractionFiles(curatedFiles);
    const articles = readArticles(articleFiles, flags, config.nlp.maxTextChars);

    await withGraph(config, 'Ingest', async (client) => {
      for (const [index, extraction] of extractions.entries()) {
        const file = curatedFiles[index]!;
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
      if (articles.length) await ingestArticles(config, client, articles);
    });
  });

await program.parseAsync();
