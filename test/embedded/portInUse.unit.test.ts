/**
 * A bundled Java server whose port another process holds fails at once with a message that says
 * what to do, instead of loading for tens of seconds and failing on its bind deep in its log.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalCoreNlp } from '../../src/embedded/localCoreNlp.js';
import { JavaServiceError, requirePortFree } from '../../src/embedded/javaProcess.js';
import { startLocalNeo4j } from '../../src/embedded/localNeo4j.js';
import { freePort } from '../support/freePort.js';
import { startSilentServer } from '../support/silentServer.js';
import { makeTempDir, removeTempDirs } from '../support/tempDirs.js';

/** Another process's server on the port the bundled one wants. */
let holder: Awaited<ReturnType<typeof startSilentServer>>;
let dir: string;
beforeEach(async () => {
  holder = await startSilentServer();
  dir = makeTempDir('port-in-use-');
});
afterEach(() => holder.close());
afterAll(removeTempDirs);

describe('a bundled server on a port in use', () => {
  it('refuses the local Neo4j before starting Java, naming the port and the setting', async () => {
    const { port } = holder;
    const dataDir = join(dir, 'neo4j');
    const start = startLocalNeo4j({ port, dataDir, user: 'neo4j', password: 'unused-password', heap: '256m', pageCache: '64m', startTimeoutMs: 5_000, log: () => undefined });
    await expect(start).rejects.toThrow(JavaServiceError);
    await expect(start).rejects.toThrow(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*NEO4J_LOCAL_PORT`));
    // Nothing was started or recorded for that data directory.
    expect(existsSync(`${dataDir}.pid`)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses the local CoreNLP the same way', async () => {
    const { port } = holder;
    const stateFile = join(dir, 'corenlp');
    const start = startLocalCoreNlp({ port, heap: '256m', threads: 1, annotators: 'tokenize', maxTextChars: 1000, startTimeoutMs: 5_000, stateFile, log: () => undefined });
    await expect(start).rejects.toThrow(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*NLP_LOCAL_PORT`));
    expect(existsSync(`${stateFile}.pid`)).toBe(false);
  });

  it('passes a free port and leaves it free', async () => {
    const port = await freePort();
    await requirePortFree(port, 'a server', 'SOME_PORT');
    // The probe closed its socket: the port can be taken again.
    await holder.close();
    holder = await startSilentServer(port);
    expect(holder.port).toBe(port);
  });
});

