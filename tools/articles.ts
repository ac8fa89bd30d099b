/**
 * Raw articles for `npm run ingest`: reading .txt/.md files (metadata from YAML front matter, then
 * flags, then the file itself), finding or starting CoreNLP, and extracting and writing each article
 * in its own transaction with a progress bar and a summary table.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Config } from '../src/config.js';
import { articleProblems, splitFrontMatter, type RawArticle } from '../src/domain/article.js';
import { NlpUnavailableError } from '../src/domain/machineExtraction.js';
import { runningCoreNlpPid, startLocalCoreNlp } from '../src/embedded/localCoreNlp.js';
import { candidateFinder } from '../src/graph/findEntities.js';
import { createArticleExtractor } from '../src/extraction/index.js';
import type { GraphClient } from '../src/graph/client.js';
import { writeMachineExtraction } from '../src/graph/ingestArticle.js';
import { displayName, fail } from './cli.js';

export const ARTICLE_EXTENSIONS = ['.txt', '.md'];

export interface ArticleDefaults {
  title?: string;
  source?: string;
  url?: string;
  publishedAt?: string;
}

/** Reads every article and checks it; exits listing every problem, before anything is started or written. */
export function readArticles(files: readonly string[], defaults: ArticleDefaults, maxTextChars: number): { file: string; article: RawArticle }[] {
  const problems: string[] = [];
  const articles = files.map((file) => {
    const { metadata, text, problems: frontMatterProblems } = splitFrontMatter(readFileSync(file, 'utf8'));
    const article = {
      text,
      title: metadata.title ?? defaults.title ?? firstLine(text),
      source: metadata.source ?? defaults.source ?? basename(file),
      url: metadata.url ?? defaults.url ?? null,
      publishedAt: metadata.publishedAt ?? defaults.publishedAt ?? null,
    };
    problems.push(...frontMatterProblems.map((problem) => `${displayName(file)}: ${problem}`));
    problems.push(...articleProblems(article, maxTextChars).map(({ field, message }) => `${displayName(file)}: ${field} ${message}`));
    return { file, article };
  });
  if (problems.length) fail(`Nothing was ingested; fix these first:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return articles;
}

/** The first line of text, without Markdown heading marks: the title when nothing else names one. */
function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim()) ?? '').replace(/^#+\s*/, '').replace(/\*\*/g, '').trim().slice(0, 200);
}

/** NLP_URL, or the local CoreNLP: the running one, else one started in the background (it keeps running). */
export async function coreNlpUrl(config: Config): Promise<string> {
  if (config.nlp.url) return config.nlp.url;
  const { localNlp } = config;
  const pid = runningCoreNlpPid(localNlp.stateFile);
  if (pid) return `http://127.0.0.1:${localNlp.port}`;
  console.log('The local CoreNLP is not running; starting it in the background (npm run nlp:stop stops it)…');
  const server = await startLocalCoreNlp({ ...localNlp, detached: true });
  return server.url;
}

interface Row {
  file: string;
  document: string;
  status: string;
  entities: string;
  links: string;
  seconds: string;
}

/** Extracts and writes each article in its own transaction; the summary table is printed whatever happens. */
export async function ingestArticles(config: Config, graph: GraphClient, articles: { file: string; article: RawArticle }[]): Promise<void> {
  const url = await coreNlpUrl(config);
  const extractor = createArticleExtractor({ url, annotators: config.nlp.annotators, timeoutMs: config.nlp.timeoutMs }, candidateFinder(graph));
  const bar = articles.length > 1 ? new SingleBar({ format: 'Ingesting {bar} {value}/{total} articles | {file}', clearOnComplete: true }, Presets.shades_classic) : undefined;
  bar?.start(articles.length, 0, { file: '' });
  const rows: Row[] = [];
  let failure: string | undefined;
  try {
    for (const { file, article } of articles) {
      bar?.update({ file: displayName(file) });
      const started = performance.now();
      const extraction = await extractor.extract(article);
      const summary = await writeMachineExtraction(graph, extraction);
      const existing = extraction.entities.filter((e) => e.resolution === 'EXISTING').length;
      rows.push({
        file: displayName(file),
        document: summary.documentId,
        status: summary.created ? 'ingested' : 'unchanged (same text)',
        entities: `${extraction.entities.length} (${existing} known)`,
        links: `${summary.relationships.created} new, ${summary.relationships.merged} seen`,
        seconds: ((performance.now() - started) / 1000).toFixed(1),
      });
      bar?.increment();
    }
  } catch (error) {
    failure = error instanceof NlpUnavailableError ? `${error.message}; the article that failed was not written` : (error as Error).message;
  } finally {
    bar?.stop();
  }
  console.table(rows);
  if (failure) fail(`${failure} (${rows.length} of ${articles.length} articles were ingested before it)`);
}
