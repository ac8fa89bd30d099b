/**
 * `npm run bench:extraction`: how fast raw articles become graph facts. Against a throw-away Neo4j
 * (seeded) and CoreNLP (NLP_URL, or the bundled server started for the run):
 *  1. single articles of about --words words, extracted and written one after another (p50, p95);
 *  2. a bulk ingest of --articles articles (articles per minute), with --readers clients reading
 *     through the GraphQL API meanwhile (read p50/p99, against the same reads on an idle service);
 *  3. the CoreNLP server's resident memory.
 * Articles are assembled from the evaluation corpus's paragraphs, each with its own number, so
 * every text is distinct. Results go to bench/results/extraction-<time>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../src/config.js';
import { startLocalCoreNlp } from '../src/embedded/localCoreNlp.js';
import { startLocalNeo4j, stopPid } from '../src/embedded/localNeo4j.js';
import { loadCorpus } from '../src/extraction/evaluation/gold.js';
import { candidateFinder } from '../src/graph/findEntities.js';
import { createArticleExtractor } from '../src/extraction/index.js';
import { GraphCache } from '../src/graph/cache.js';
import { GraphClient } from '../src/graph/client.js';
import { writeMachineExtraction } from '../src/graph/ingestArticle.js';
import { applyMigrations } from '../src/graph/migrations.js';
import { seedGraph } from '../src/graph/seed.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { createApp } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { createMetrics } from '../src/server/metrics.js';
import { positiveInt } from './lib/cliArguments.js';
import { freePort, rssMiB } from './lib/processes.js';

const options = new Command('bench:extraction')
  .option('--words <n>', 'words per article in the single-article runs', positiveInt, 800)
  .option('--singles <n>', 'single-article runs measured (after 3 warm-up runs)', positiveInt, 20)
  .option('--articles <n>', 'articles in the bulk ingest', positiveInt, 100)
  .option('--readers <n>', 'concurrent GraphQL readers during the bulk ingest', positiveInt, 2)
  .parse()
  .opts<{ words: number; singles: number; articles: number; readers: number }>();

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
};
const ms = (value: number) => Math.round(value);

/** Paragraphs of the corpus, cycled from `offset`, until about `words` words; numbered so each text is new. */
function assemble(paragraphs: string[], words: number, number: number): string {
  const parts = [`BULLETIN ${number} —`];
  let count = 0;
  for (let i = number * 7; count < words; i++) {
    const paragraph = paragraphs[i % paragraphs.length]!;
    parts.push(paragraph);
    count += paragraph.split(/\s+/).length;
  }
  return parts.join('\n\n');
}

const config = loadConfig();
const work = mkdtempSync(join(tmpdir(), 'newsgraph-bench-extraction-'));
const neo4j = await startLocalNeo4j({ port: await freePort(), dataDir: join(work, 'neo4j'), user: 'neo4j', password: 'bench-password-1', heap: '1g', pageCache: '512m', startTimeoutMs: 900_000, stopWithParent: true, log: (line) => console.error(line) });
const nlp = config.nlp.url
  ? { url: config.nlp.url, pid: undefined as number | undefined, startedHere: false }
  : await startLocalCoreNlp({ ...config.localNlp, stateFile: join(work, 'corenlp'), stopWithParent: true, log: (line) => console.error(line) });
const graph = new GraphClient({ uri: neo4j.uri, user: 'neo4j', password: 'bench-password-1', database: 'neo4j', queryTimeoutMs: 5000, writeTimeoutMs: 60_000, cache: new GraphCache() });
try {
  await applyMigrations(graph);
  await seedGraph(graph);
  const extractor = createArticleExtractor({ url: nlp.url, annotators: config.nlp.annotators, timeoutMs: config.nlp.timeoutMs }, candidateFinder(graph));
  const paragraphs = loadCorpus(join(PROJECT_ROOT, 'test/fixtures/articles')).flatMap((article) => article.text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.split(/\s+/).length > 15));
  const failures: string[] = [];
  const ingest = async (text: string, title: string) => {
    const started = performance.now();
    try {
      await writeMachineExtraction(graph, await extractor.extract({ text, title, source: 'bench' }));
    } catch (error) {
      // Counted and reported, so one bad article does not end the measurement.
      failures.push(`${title}: ${(error as Error).message}`);
    }
    return performance.now() - started;
  };

  // 1. Single articles, one after another, on a warm server.
  for (let i = 0; i < 3; i++) await ingest(assemble(paragraphs, options.words, 1000 + i), `warm-up ${i}`);
  const singles: number[] = [];
  for (let i = 0; i < options.singles; i++) singles.push(await ingest(assemble(paragraphs, options.words, 2000 + i), `single ${i}`));
  console.error(`single ${options.words}-word articles: p50 ${ms(percentile(singles, 50))} ms, p95 ${ms(percentile(singles, 95))} ms`);

  // 2. Reads through the API, idle and during a bulk ingest.
  const app = createApp({ config: { ...config, http: { ...config.http, port: await freePort() } }, graph, logger: createLogger({ logLevel: 'silent' }), metrics: createMetrics() });
  const { url } = await app.start();
  const query = JSON.stringify({ query: '{ entity(id: "country:japan") { name ... on Country { id } } search(query: "Okinawa", first: 5) { entity { id name } } }' });
  const readFor = async (until: () => boolean) => {
    const latencies: number[] = [];
    await Promise.all(Array.from({ length: options.readers }, async () => {
      while (!until()) {
        const started = performance.now();
        const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
        await response.text();
        latencies.push(performance.now() - started);
      }
    }));
    return latencies;
  };
  const idleEnd = Date.now() + 10_000;
  const idle = await readFor(() => Date.now() > idleEnd);

  let done = false;
  const readers = readFor(() => done);
  const bulkStarted = performance.now();
  let nlpRss = 0;
  for (let i = 0; i < options.articles; i++) {
    await ingest(assemble(paragraphs, 300 + (i % 5) * 150, 5000 + i), `bulk ${i}`);
    if (nlp.pid) nlpRss = Math.max(nlpRss, rssMiB(nlp.pid) ?? 0);
    if ((i + 1) % 10 === 0) console.error(`bulk: ${i + 1}/${options.articles}`);
  }
  const bulkMinutes = (performance.now() - bulkStarted) / 60_000;
  done = true;
  const busy = await readers;
  await app.stop();

  const result = {
    at: new Date().toISOString(),
    annotators: config.nlp.annotators,
    loadAverage: (await import('node:os')).loadavg(),
    single: { words: options.words, runs: singles.length, p50Ms: ms(percentile(singles, 50)), p95Ms: ms(percentile(singles, 95)) },
    bulk: { articles: options.articles, minutes: Math.round(bulkMinutes * 100) / 100, articlesPerMinute: Math.round((options.articles / bulkMinutes) * 10) / 10 },
    reads: {
      idle: { requests: idle.length, p50Ms: ms(percentile(idle, 50)), p99Ms: ms(percentile(idle, 99)) },
      duringBulk: { requests: busy.length, p50Ms: ms(percentile(busy, 50)), p99Ms: ms(percentile(busy, 99)) },
    },
    coreNlpRssMiB: nlp.pid ? nlpRss : 'not measured (NLP_URL: a server this run did not start)',
    failures,
  };
  mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
  const file = join(PROJECT_ROOT, 'bench/results', `extraction-${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  console.error(`written to ${file}`);
} finally {
  await graph.close();
  if (nlp.startedHere && nlp.pid) await stopPid(nlp.pid, 10_000);
  await stopPid(neo4j.pid);
  rmSync(work, { recursive: true, force: true });
}
