/**
 * Crash-safety of writes: the real API process (src/server/main.ts) is SIGKILLed while Neo4j runs
 * its ingest transaction for a large document (thousands of entities and relationships). After a
 * restart the graph must hold all of the document or none of it, and the same ingest, repeated,
 * must succeed and store the whole document.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphClient, Statement } from '../../src/graph/client.js';
import { hashApiKey } from '../../src/server/auth.js';
import { exportGraph } from '../support/exportGraph.js';
import { graphCounts, resetDatabase, testClient } from '../support/graph.js';
import { startMainOnTestDatabase, stopMain, type MainProcess } from '../support/mainProcess.js';

const ENTITIES = 5000;
const EDITOR_KEY = `ng_${randomBytes(24).toString('base64url')}`;

/** A ring of envoys, each sentence naming two: ENTITIES entities, ENTITIES relationships, 2×ENTITIES mentions. */
function largeExtraction(n: number) {
  const name = (i: number) => `Envoy${String(i).padStart(5, '0')}`;
  let text = '';
  const relationships = [];
  for (let i = 0; i < n; i++) {
    const sentence = `${name(i)} negotiates with ${name((i + 1) % n)}.`;
    const start = text.length;
    text += `${sentence} `;
    relationships.push({
      type: 'NEGOTIATES_WITH',
      source: `actor:envoy-${i}`,
      target: `actor:envoy-${(i + 1) % n}`,
      evidence: [{ quote: sentence, start, end: start + sentence.length, basis: 'STATED' }],
    });
  }
  return {
    document: { id: 'doc:crash-safety', title: 'A ring of envoys', source: 'crashSafety.test.ts', text },
    entities: Array.from({ length: n }, (_, i) => ({
      id: `actor:envoy-${i}`,
      kind: 'Actor',
      name: name(i),
      description: `Envoy number ${i} of the ring.`,
      actorType: 'PERSON',
    })),
    relationships,
  };
}

const INGEST = /* GraphQL */ `
  mutation Ingest($input: IngestDocumentInput!) {
    ingestDocument(input: $input) { document { id } entities { created merged } relationships { created merged } }
  }`;

/**
 * The server's ingest transaction once its batched writes run (`UNWIND $rows`: entities onwards,
 * after the document node), seen from Neo4j.
 */
const runningIngest: Statement = {
  name: 'test.runningIngest',
  cypher: `
    SHOW TRANSACTIONS YIELD transactionId, currentQuery
    WHERE currentQuery CONTAINS 'UNWIND $rows' AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS'
    RETURN transactionId, currentQuery`,
};

const transactionIds: Statement = {
  name: 'test.transactionIds',
  cypher: 'SHOW TRANSACTIONS YIELD transactionId RETURN collect(transactionId) AS ids',
};

const documentContents: Statement = {
  name: 'test.documentContents',
  cypher: `
    CALL () { MATCH (d:Document {id: 'doc:crash-safety'}) RETURN count(d) AS documents }
    CALL () { MATCH (e:Entity) WHERE e.id STARTS WITH 'actor:envoy-' RETURN count(e) AS entities }
    CALL () { MATCH (:Entity)-[r:NEGOTIATES_WITH]->(:Entity) RETURN count(r) AS relationships }
    CALL () { MATCH (:Document {id: 'doc:crash-safety'})-[m:MENTIONS]->() RETURN count(m) AS mentions }
    CALL () { MATCH (ev:Evidence {documentId: 'doc:crash-safety'}) RETURN count(ev) AS evidence }
    RETURN documents, entities, relationships, mentions, evidence`,
};

async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function ingest(url: string, input: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${EDITOR_KEY}` },
    body: JSON.stringify({ query: INGEST, variables: { input } }),
  });
}

describe('SIGKILL during a large ingestDocument', () => {
  let graph: GraphClient;
  const started: MainProcess[] = [];

  async function startServer(): Promise<string> {
    const { url } = await startMainOnTestDatabase(
      {
        API_KEYS: `crash-test:editor:${hashApiKey(EDITOR_KEY).toString('hex')}`,
        BODY_LIMIT_BYTES: String(32 * 1024 * 1024),
        NEO4J_WRITE_TIMEOUT_MS: '300000',
        // The payload's document is read under the request's read deadline, which the ~20 s write has
        // used up by then: the default would answer SERVICE_UNAVAILABLE after a committed ingest.
        REQUEST_TIMEOUT_MS: '300000',
      },
      (main) => started.push(main),
    );
    return url;
  }

  beforeAll(async () => {
    graph = testClient();
    await resetDatabase(graph);
  });

  afterAll(async () => {
    await Promise.all(started.map(stopMain));
    await resetDatabase(graph);
    await graph.close();
  });

  it('leaves all of the document or none of it, and the repeated ingest stores all of it', async () => {
    const input = largeExtraction(ENTITIES);
    const before = await exportGraph(graph);

    const first = await startServer();
    const answer = ingest(first, input).then(
      (res) => `answered ${res.status}`,
      (error: unknown) => `failed: ${String(error)}`,
    );
    const [transaction] = await poll('the ingest transaction to start writing', 60_000, async () => {
      const rows = await graph.read<{ transactionId: string; currentQuery: string }>(runningIngest);
      return rows.length ? rows : undefined;
    });
    started[0]!.child.kill('SIGKILL');
    expect(await started[0]!.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await answer).toMatch(/^failed/);

    // Neo4j notices the dropped connection and rolls the open transaction back.
    await poll('Neo4j to end the orphaned transaction', 60_000, async () => {
      const [row] = await graph.read<{ ids: string[] }>(transactionIds);
      return row!.ids.includes(transaction!.transactionId) ? undefined : true;
    });
    const afterCrash = await exportGraph(graph);
    const contentsAfterCrash = (await graph.read(documentContents))[0];

    const second = await startServer();
    const res = await ingest(second, input);
    const body = (await res.json()) as { data?: { ingestDocument: { entities: { created: number }; relationships: { created: number } } }; errors?: unknown };
    expect(res.status).toBe(200);
    const serverErrors = () => JSON.stringify(started[1]!.lines.filter((line) => Number(line.level) >= 40));
    expect(body.errors, serverErrors()).toBeUndefined();
    const whole = { documents: 1, entities: ENTITIES, relationships: ENTITIES, mentions: 2 * ENTITIES, evidence: ENTITIES };
    expect((await graph.read(documentContents))[0]).toEqual(whole);
    const afterRepeat = await exportGraph(graph);

    // All or nothing: the graph after the crash is exactly the one before, or exactly the whole document.
    const outcome = afterCrash === before ? 'none' : afterCrash === afterRepeat ? 'whole' : 'partial';
    console.log(
      `[crash-safety] killed during ${JSON.stringify(transaction!.currentQuery.trim().slice(0, 60))}; ` +
        `after restart: ${outcome} ${JSON.stringify(contentsAfterCrash)}; repeat created ${JSON.stringify(body.data?.ingestDocument)}`,
    );
    expect(outcome, JSON.stringify(contentsAfterCrash)).not.toBe('partial');
    if (outcome === 'none') {
      expect(contentsAfterCrash).toEqual({ documents: 0, entities: 0, relationships: 0, mentions: 0, evidence: 0 });
      expect(body.data?.ingestDocument).toMatchObject({ entities: { created: ENTITIES }, relationships: { created: ENTITIES } });
    }
    expect((await graphCounts(graph)).nodes).toBeGreaterThan(ENTITIES);
  }, 400_000);
});
