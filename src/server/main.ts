/**
 * Entry point (`npm start`, `npm run dev`, the Docker image).
 *
 * Without NEO4J_URI it runs the bundled local Neo4j (reusing one already running for the same
 * data directory) in the terminal's process group, so Ctrl-C reaches both. The database writes to
 * a log file, not to a pipe of ours, so a killed API leaves it running and the next start reuses
 * it through its pid file. With NEO4J_URI the API starts even while that server is away: it
 * answers /health/ready with 503 and keeps retrying migrations and the seed in the background.
 * Without NLP_URL it also runs the bundled Stanford CoreNLP server the same way, started in the
 * background: the API is ready before CoreNLP, and the first article ingest waits for it.
 */
import { ConfigError, loadConfig, type Config } from '../config.js';
import { runningCoreNlpPid, startLocalCoreNlp, type RunningCoreNlp } from '../embedded/localCoreNlp.js';
import { runningPid, startLocalNeo4j, stopPid, type RunningNeo4j } from '../embedded/localNeo4j.js';
import { GraphCache } from '../graph/cache.js';
import { GraphClient } from '../graph/client.js';
import { applyMigrations } from '../graph/migrations.js';
import { candidateFinder } from '../graph/findEntities.js';
import { createArticleExtractor } from '../extraction/index.js';
import { seedIfEmpty } from '../graph/seed.js';
import { createApp, DRAIN_GRACE_MS, type App } from './app.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { warmUp } from './warmUp.js';
import { loadExampleOperations } from '../examples.js';
import { EXAMPLES_DIR } from '../paths.js';
import { documentsById, readManifestOperations, type TrustedOperation } from '../trustedDocuments.js';

/** How long start-up waits for an external Neo4j before listening anyway (not ready). */
const NEO4J_WAIT_MS = 10_000;
const SETUP_RETRY_MS = 5_000;
/** Neo4j closing its store after SIGTERM; stopPid's own grace before SIGKILL. */
const NEO4J_STOP_GRACE_MS = 30_000;

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGTERM: 15 };

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const logger = createLogger(config);

let app: App | undefined;
let graph: GraphClient | undefined;
let local: RunningNeo4j | undefined;
/** Set before the local server is started, so a signal during its start-up can still stop it. */
let mayOwnLocal = false;
let retryTimer: NodeJS.Timeout | undefined;
/** Set when this process starts the bundled CoreNLP (not when it reuses a running one). */
let ownsNlp = false;
let shuttingDown = false;

/** The local Neo4j's pid if this process started it; a server it merely reused is left running. */
function ownedNeo4jPid(): number | undefined {
  if (local) return local.startedHere ? local.pid : undefined;
  return mayOwnLocal ? runningPid(config.localNeo4j.dataDir) : undefined;
}

/** Starts the bundled CoreNLP in the background (reusing one already running), in our process group like Neo4j. */
function startCoreNlp(): Promise<RunningCoreNlp> {
  ownsNlp = runningCoreNlpPid(config.localNlp.stateFile) === undefined;
  const localNlp = startLocalCoreNlp({ ...config.localNlp, log: (line) => logger.info(line) });
  localNlp.then(
    (server) => logger.info(`CoreNLP ready on ${server.url}${server.startedHere ? '' : ' (already running)'}`),
    (error: unknown) => logger.error({ err: error }, 'CoreNLP did not start; article ingests answer SERVICE_UNAVAILABLE'),
  );
  return localNlp;
}

async function shutdown(reason: string, exitCode: number): Promise<never> {
  shuttingDown = true;
  clearTimeout(retryTimer);
  logger.info(`${reason}: shutting down`);
  const hardStop = setTimeout(() => {
    logger.error('Shutdown is taking too long; exiting');
    process.exit(1);
  }, DRAIN_GRACE_MS + NEO4J_STOP_GRACE_MS + 5_000);
  hardStop.unref();

  try {
    await app?.stop();
  } catch (error) {
    logger.error({ err: error }, 'Error while draining HTTP requests');
  }
  await graph?.close().catch((error: unknown) => logger.error({ err: error }, 'Error while closing the Neo4j driver'));
  // By its pid file: a server still loading its models is stopped too, without waiting for it.
  const nlpPid = ownsNlp ? runningCoreNlpPid(config.localNlp.stateFile) : undefined;
  if (nlpPid) {
    logger.info(`Stopping CoreNLP (pid ${nlpPid})…`);
    await stopPid(nlpPid, 10_000);
  }
  const pid = ownedNeo4jPid();
  if (pid) {
    logger.info(`Stopping the local Neo4j (pid ${pid})…`);
    await stopPid(pid, NEO4J_STOP_GRACE_MS);
    logger.info('Local Neo4j stopped');
  }
  process.exit(exitCode);
}

function onSignal(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    // Impatient second signal: leave now, but still ask our Neo4j to close its store cleanly.
    const pid = ownedNeo4jPid();
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    logger.warn(`${signal} again: exiting immediately`);
    process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 0));
  }
  void shutdown(signal, 0);
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

async function waitForNeo4j(client: GraphClient, boundMs: number): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    if (await client.ping()) return true;
    if (Date.now() >= deadline || shuttingDown) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Migrations, then the seed; true once both are done. */
async function prepareDatabase(client: GraphClient): Promise<boolean> {
  try {
    const applied = await applyMigrations(client);
    if (applied.length) logger.info({ applied }, `Applied migrations ${applied.join(', ')}`);
    if (config.seedOnEmpty) {
      const summaries = await seedIfEmpty(client);
      for (const s of summaries ?? []) {
        logger.info(
          { documentId: s.documentId, entities: s.entities, relationships: s.relationships, evidence: s.evidence, mentions: s.mentions },
          `Seeded ${s.documentId}: ${s.entities.created} entities, ${s.relationships.created} relationships, ${s.evidence.created} evidence created`,
        );
      }
      if (!summaries) logger.info('The graph already holds documents; not seeding');
    }
    return true;
  } catch (error) {
    logger.warn({ err: error }, `Could not prepare the database: ${(error as Error).message}`);
    return false;
  }
}

function retryPreparation(client: GraphClient, url: string): void {
  retryTimer = setTimeout(async () => {
    if (shuttingDown) return;
    if ((await client.ping()) && (await prepareDatabase(client))) {
      logger.info(`newsgraph ready at ${url}`);
      return;
    }
    if (!shuttingDown) {
      logger.warn(`Neo4j is not ready; retrying in ${SETUP_RETRY_MS / 1000} s`);
      retryPreparation(client, url);
    }
  }, SETUP_RETRY_MS);
}

async function run(): Promise<void> {
  let uri = config.neo4j.uri;
  if (!uri) {
    mayOwnLocal = runningPid(config.localNeo4j.dataDir) === undefined;
    local = await startLocalNeo4j({
      ...config.localNeo4j,
      user: config.neo4j.user,
      password: config.neo4j.password,
      detached: false,
      log: (line) => logger.info(line),
    });
    logger.info(local.startedHere ? local.readyLine : `Using the local Neo4j already running (pid ${local.pid}) on ${local.uri}`);
    uri = local.uri;
  }
  if (shuttingDown) return;

  const metrics = createMetrics();
  graph = new GraphClient({
    ...config.neo4j,
    uri,
    onQuery: metrics.observeQuery,
    cache: new GraphCache(config.hubCache),
    availability: {
      onChange: (available) =>
        available ? logger.info('Neo4j answers again') : logger.warn('Neo4j is not answering; failing database requests fast until it does'),
    },
  });
  const prepared = (await waitForNeo4j(graph, NEO4J_WAIT_MS)) && (await prepareDatabase(graph));
  if (shuttingDown) return;

  // ingestArticle's extractor. Without NLP_URL the bundled CoreNLP loads its models in the
  // background: readiness does not wait for it; the first ingest does, with a log line.
  const extractor = createArticleExtractor(
    { url: config.nlp.url ?? `http://127.0.0.1:${config.localNlp.port}`, annotators: config.nlp.annotators, timeoutMs: config.nlp.timeoutMs },
    candidateFinder(graph),
    config.nlp.url ? undefined : { ready: startCoreNlp(), onWait: () => logger.info('An article ingest is waiting for CoreNLP to finish loading its models (about half a minute after start)') },
  );
  // Read once: the request path checks documents against it, the warm-up runs the explorer's.
  const trustedOperations = readManifestOperations();
  app = createApp({ config, graph, logger, metrics, articles: { extractor, maxTextChars: config.nlp.maxTextChars }, trustedDocumentManifest: documentsById(trustedOperations) });
  const { url } = await app.start();
  if (prepared) {
    logger.info(`newsgraph ready at ${url}`);
    if (config.warmUpOnStart) startWarmUp(app, trustedOperations);
  } else {
    logger.warn(`newsgraph listening at ${url}, but Neo4j at ${uri} is not ready; retrying every ${SETUP_RETRY_MS / 1000} s`);
    retryPreparation(graph, url);
  }
}

/** The warm-up (./warmUp.ts) in the background: readiness does not wait for it. */
function startWarmUp(started: App, trustedOperations: readonly TrustedOperation[]): void {
  const examples = loadExampleOperations(EXAMPLES_DIR).map((example) => ({ name: `examples/${example.name}`, body: example.query, variables: example.variables ?? {} }));
  const explorer = trustedOperations.filter((operation) => operation.name.startsWith('explorer/'));
  // What a first visitor does first: open an entity in the explorer, search, try an example.
  const opening = new Set(['explorer/ExplorerEntity', 'explorer/ExplorerNeighbors', 'explorer/ExplorerSearch']);
  const documents = [...explorer.filter((o) => opening.has(o.name)), ...examples, ...explorer.filter((o) => !opening.has(o.name))];
  void warmUp(started.execute, documents, { stopping: () => shuttingDown }).then((result) =>
    logger[result.failed.length ? 'warn' : 'info'](
      { warmUp: result, compiled: started.compiledCount() },
      `Warm-up done in ${result.ms} ms: ${result.operations} operations${result.failed.length ? `, ${result.failed.length} with errors` : ''}`,
    ),
  );
}

run().catch((error: unknown) => {
  // A signal during start-up makes the start fail too; that shutdown is already under way.
  if (shuttingDown) return;
  logger.fatal({ err: error }, `Start-up failed: ${(error as Error).message}`);
  void shutdown('start-up failure', 1);
});
