/**
 * Starts one throw-away Neo4j (temporary data directory, free port) and one Stanford CoreNLP server
 * for the whole test run and stops both afterwards. Both also watch this process and stop themselves
 * if the runner dies without running teardown (Ctrl-C, a crash), so no Java process outlives the tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEFAULT_NLP_ANNOTATORS } from '../src/config.js';
import { startLocalCoreNlp } from '../src/embedded/localCoreNlp.js';
import { startLocalNeo4j, stopPid } from '../src/embedded/localNeo4j.js';
import { freePort } from './support/freePort.js';

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  database: string;
  pid: number;
  dataDir: string;
  port: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
    /** The run's real Stanford CoreNLP server. */
    nlp: { url: string; annotators: string };
  }
}

export default async function setup(project: TestProject) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'newsgraph-test-')), 'neo4j');
  const port = await freePort();
  const password = 'test-password-1';
  // CoreNLP loads its models while Neo4j starts; both are needed by the integration tier.
  const nlpStarting = startLocalCoreNlp({
    port: await freePort(),
    heap: '3g',
    threads: 2,
    annotators: DEFAULT_NLP_ANNOTATORS,
    maxTextChars: 200_000,
    startTimeoutMs: 900_000,
    stateFile: join(dataDir, '..', 'corenlp'),
    stopWithParent: true,
    log: (line) => console.log(`[test corenlp] ${line}`),
  });
  nlpStarting.catch(() => {});
  const server = await startLocalNeo4j({
    port,
    dataDir,
    user: 'neo4j',
    password,
    heap: '1g',
    pageCache: '256m',
    startTimeoutMs: 900_000,
    stopWithParent: true,
    log: (line) => console.log(`[test neo4j] ${line}`),
  });
  console.log(`[test neo4j] ${server.readyLine}`);
  project.provide('neo4j', { uri: server.uri, user: 'neo4j', password, database: 'neo4j', pid: server.pid, dataDir, port });
  const nlp = await nlpStarting.catch(async (error: unknown) => {
    await stopPid(server.pid);
    throw error;
  });
  project.provide('nlp', { url: nlp.url, annotators: DEFAULT_NLP_ANNOTATORS });

  return async () => {
    await stopPid(nlp.pid, 10_000);
    await stopPid(server.pid);
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  };
}
