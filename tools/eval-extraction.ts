/**
 * `npm run eval:extraction`: the extractor on the evaluation corpus (test/fixtures/articles) and on
 * the seed text, scored against the gold files and the curated seed extraction. Uses NLP_URL, or
 * starts the bundled CoreNLP server for the run and stops it afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'yaml';
import { startLocalCoreNlp, stopLocalCoreNlp } from '../src/embedded/localCoreNlp.js';
import { createArticleExtractor } from '../src/extraction/index.js';
import { loadCorpus } from '../src/extraction/evaluation/gold.js';
import { runCorpus } from '../src/extraction/evaluation/runCorpus.js';
import { formatEvaluation } from '../src/extraction/evaluation/table.js';
import { PROJECT_ROOT, SEED_DIR } from '../src/paths.js';
import { fail, loadCliConfig } from './cli.js';

const options = new Command('eval:extraction')
  .description('Score the automatic extractor against the gold corpus and the curated seed')
  .option('--corpus <dir>', 'folder of NN-slug.md articles with .gold.yaml files', join(PROJECT_ROOT, 'test/fixtures/articles'))
  .parse()
  .opts<{ corpus: string }>();

const config = loadCliConfig();
let stateFile: string | undefined;
let url = config.nlp.url;
if (!url) {
  stateFile = join(PROJECT_ROOT, '.data/corenlp-eval');
  const server = await startLocalCoreNlp({ ...config.localNlp, stateFile, stopWithParent: true, log: (line) => console.error(line) });
  url = server.url;
}
try {
  const seedFile = parse(readFileSync(join(SEED_DIR, 'japan-missile-regiments.yaml'), 'utf8')) as { document: { title: string; textFile: string }; entities: { id: string; kind: never; name: string; aliases?: string[] }[] };
  const seed = { title: seedFile.document.title, text: readFileSync(join(SEED_DIR, seedFile.document.textFile), 'utf8'), entities: seedFile.entities };
  const corpus = loadCorpus(options.corpus);
  const run = await runCorpus((find) => createArticleExtractor({ url: url!, annotators: config.nlp.annotators, timeoutMs: config.nlp.timeoutMs }, find), seed, corpus, (id) => console.error(`extracted ${id}`));
  console.log(formatEvaluation(run.result, run.seed));
  const sorted = run.timings.slice(1).sort((a, b) => a - b);
  console.log(`\nExtraction time per corpus article (warm server, annotators ${config.nlp.annotators}): p50 ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms, max ${Math.round(sorted[sorted.length - 1]!)} ms`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  if (stateFile) await stopLocalCoreNlp(stateFile);
}
