/**
 * Runs `npm run bench:smoke` (bench/smoke.ts), a few-second version of `npm run bench`, against the
 * test Neo4j, so the benchmark's scripts cannot rot: a 200-entity synthetic graph, the three servers
 * (this service, the @neo4j/graphql peer, the raw handler) started as the benchmark starts them, the
 * same answers from all three, and a one-second autocannon run each; the floor of the stack
 * (`npm run bench:floor`) too, on the entity question, and the service at a fixed offered rate.
 * The graph it wrote is then checked here against the real model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphClient } from '../../src/graph/client.js';
import { runBenchCli, taggedJson, type CliRun } from '../support/benchCli.js';
import { resetDatabase, testClient, testNeo4j } from '../support/graph.js';

interface SmokeReport {
  ok: boolean;
  planned: { entities: number; relationships: number; documents: number };
  generated: { entities: number; relationships: number; documents: number; evidence: number };
  disagreements: unknown[];
  measurements: { server: string; requests: number; errors: number; rssPeakMiB: number }[];
  paced: { rate: number; seconds: number; requests: number; errors: number };
}

const ENTITIES = 200;

describe('benchmark smoke run', () => {
  let client: GraphClient;
  let run: CliRun;
  let report: SmokeReport;

  beforeAll(async () => {
    client = testClient();
    const { uri, user, password, database } = testNeo4j();
    run = await runBenchCli('smoke.ts', ['--uri', uri, '--user', user, '--password', password, '--database', database, '--entities', String(ENTITIES), '--seed', '7'], 240_000);
    report = taggedJson<SmokeReport>(run, 'BENCH_SMOKE');
  }, 300_000);

  afterAll(async () => {
    // Later test files reset the data themselves; leave it empty and the schema in place anyway.
    await resetDatabase(client);
    await client.close();
  }, 60_000);

  it('generated the planned graph and exited cleanly', () => {
    expect(report.generated).toMatchObject({ ...report.planned, entities: ENTITIES });
    expect(report.planned.relationships).toBeGreaterThan(ENTITIES);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(report.ok).toBe(true);
  });

  it('wrote the real model: quotes are substrings of their documents at their offsets, mentions name their entities', async () => {
    const [row] = await client.read<{ evidence: number; badQuotes: number; badMentions: number; kinds: number; types: number; unmentioned: number }>({
      name: 'test.bench.shape',
      cypher: `
        CALL () { MATCH (ev:Evidence)-[:CITES]->(d:Document)
                  RETURN count(ev) AS evidence, sum(CASE WHEN substring(d.text, ev.start, ev.end - ev.start) = ev.quote AND ev.documentId = d.id THEN 0 ELSE 1 END) AS badQuotes }
        CALL () { MATCH (d:Document)-[m:MENTIONS]->(e:Entity)
                  RETURN sum(CASE WHEN substring(d.text, m.start, m.end - m.start) = m.text AND (m.text = e.name OR m.text IN e.aliases) THEN 0 ELSE 1 END) AS badMentions }
        CALL () { MATCH (e:Entity) RETURN count(DISTINCT e.kind) AS kinds }
        CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(DISTINCT type(r)) AS types }
        CALL () { MATCH (e:Entity) WHERE NOT EXISTS { (:Document)-[:MENTIONS]->(e) } RETURN count(e) AS unmentioned }
        RETURN evidence, badQuotes, badMentions, kinds, types, unmentioned`,
    });
    expect(row).toEqual({ evidence: report.generated.relationships, badQuotes: 0, badMentions: 0, kinds: 7, types: expect.any(Number), unmentioned: 0 });
    expect(row!.types).toBeGreaterThan(15);
  });

  it('gets the same answers from the service, the @neo4j/graphql peer and the raw handler, and from the floor on entity', () => {
    expect(report.disagreements).toEqual([]);
  });

  it('measures each server briefly without errors', () => {
    expect(report.measurements.map((m) => m.server).sort()).toEqual(['floor', 'neo4j-graphql', 'raw', 'service']);
    for (const result of report.measurements) {
      expect(result.errors, result.server).toBe(0);
      expect(result.requests, result.server).toBeGreaterThan(0);
      expect(result.rssPeakMiB, result.server).toBeGreaterThan(10);
    }
  });

  it('holds a paced run to the offered rate, where the closed loop asks as fast as it is answered', () => {
    const { rate, seconds, requests, errors } = report.paced;
    const closedLoop = report.measurements.find((m) => m.server === 'service')!;
    expect(errors).toBe(0);
    expect(requests).toBeGreaterThan(0);
    // autocannon paces per second; one second's worth of slack for its start and end.
    expect(requests).toBeLessThanOrEqual(rate * (seconds + 1));
    // The closed loop got more in half the time, so the cap is what held the paced run back.
    expect(closedLoop.requests).toBeGreaterThan(rate * (seconds + 1));
  });
});
