/**
 * A bundled Java server whose port another process holds fails at once with a message that says
 * what to do, instead of loading for tens of seconds and failing on its bind deep in its log.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalCoreNlp } from '../../src/embedded/localCoreNlp.js';
import { JavaServiceError, requirePortFree } from '../../src/embedded/javaProcess.js';
import { startLocalNeo4j } from '../../src/embedded/localNeo4j.js';

const listen = (port = 0) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
const portOf = (server: Server) => (server.address() as { port: number }).port;
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

let holder: Server;
let dir: string;
beforeEach(async () => {
  holder = await listen();
  dir = mkdtempSync(join(tmpdir(), 'port-in-use-'));
});
afterEach(async () => {
  await close(holder);
  rmSync(dir, { recursive: true, force: true });
});

describe('a bundled server on a port in use', () => {
  it('refuses the local Neo4j before starting Java, naming the port and the setting', async () => {
    const port = portOf(holder);
    const dataDir = join(dir, 'neo4j');
    const start = startLocalNeo4j({ port, dataDir, user: 'neo4j', password: 'unused-password', heap: '256m', pageCache: '64m', startTimeoutMs: 5_000, log: () => undefined });
    await expect(start).rejects.toThrow(JavaServiceError);
    await expect(start).rejects.toThrow(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*NEO4J_LOCAL_PORT`));
    // Nothing was started or recorded for that data directory.
    expect(existsSync(`${dataDir}.pid`)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses the local CoreNLP the same way', async () => {
    const port = portOf(holder);
    const stateFile = join(dir, 'corenlp');
    const start = startLocalCoreNlp({ port, heap: '256m', threads: 1, annotators: 'tokenize', maxTextChars: 1000, startTimeoutMs: 5_000, stateFile, log: () => undefined });
    await expect(start).rejects.toThrow(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*NLP_LOCAL_PORT`));
    expect(existsSync(`${stateFile}.pid`)).toBe(false);
  });

  it('passes a free port and leaves it free', async () => {
    const port = portOf(holder);
    await close(holder);
    await requirePortFree(port, 'a server', 'SOME_PORT');
    // The probe closed its socket: the port can be taken again.
    holder = await listen(port);
    expect(portOf(holder)).toBe(port);
  });
});

