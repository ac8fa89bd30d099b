/**
 * Starts one throw-away Neo4j (temporary data directory, free port) for the whole test run and
 * stops it afterwards. The server also watches this process and stops itself if the runner dies
 * without running teardown (Ctrl-C, a crash), so no Java process outlives the tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
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
  }
}

export default async function setup(project: TestProject) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'newsgraph-test-')), 'neo4j');
  const port = await freePort();
  const password = 'test-password-1';
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

  return async () => {
    await stopPid(server.pid);
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  };
}
