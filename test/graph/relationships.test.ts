/**
 * Neighbour pages of hubs (src/graph/relationships.ts) through the client's GraphCache, on the real
 * Neo4j: a kept page costs one constant-time degree read, and every kind of change the cache
 * promises to see — a write of this process, another instance's write, age — brings a fresh read.
 * The hub threshold is lowered to 3 so a small graph has a hub.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphClient, QueryObservation } from '../../src/graph/client.js';
import { GraphCache } from '../../src/graph/cache.js';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import { ingestExtraction } from '../../src/graph/ingest.js';
import { deleteDocument } from '../../src/graph/deleteDocument.js';
import { getNeighborPages, type NeighborPageArgs } from '../../src/graph/relationships.js';
import { checkExtraction } from '../../src/domain/validateExtraction.js';
import { entityIdFromName } from '../../src/domain/ids.js';
import { resetDatabase, testClient } from '../support/graph.js';

const HUB = 'country:japan';
const ALL: NeighborPageArgs = { direction: 'BOTH', types: null, kinds: null, offset: 0, limit: 10 };
const NEIGHBORS = 'relationships.neighbors.BOTH.allTypes';
const DEGREE = 'relationships.degree.BOTH.allTypes';

/** A document in which Japan negotiates with each of `partners`. */
function extraction(documentSlug: string, partners: string[]) {
  let text = '';
  const relationships = partners.map((name) => {
    const quote = `Japan is negotiating with the ${name}.`;
    const start = text.length;
    text += `${quote} `;
    return { type: 'NEGOTIATES_WITH', source: HUB, target: entityIdFromName('Actor', name), evidence: [{ quote, start, end: start + quote.length, basis: 'STATED' }] };
  });
  const checked = checkExtraction({
    document: { id: `doc:${documentSlug}`, title: documentSlug, source: 'test', text },
    entities: [
      { id: HUB, kind: 'Country', name: 'Japan', description: 'A country.' },
      ...partners.map((name) => ({ id: entityIdFromName('Actor', name), kind: 'Actor', actorType: 'ORGANIZATION', name, description: 'A ministry.' })),
    ],
    relationships,
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.value;
}

describe('neighbour pages of hubs', () => {
  const observations: QueryObservation[] = [];
  const clock = { now: Date.now() };
  let client: GraphClient;
  /** Another instance of the service: its own client and cache. */
  let otherInstance: GraphClient;

  const read = async (args: NeighborPageArgs = ALL, id = HUB) => {
    const before = observations.length;
    const page = (await getNeighborPages(client, NO_DEADLINE, [id], args)).get(id)!;
    return { names: page.items.map((item) => item.entity.name).sort(), total: page.totalCount, statements: observations.slice(before).map((o) => o.statement) };
  };

  beforeAll(() => {
    client = testClient((observation) => observations.push(observation), new GraphCache({ denseNeighbors: 3, ttlMs: 60_000, now: () => clock.now }));
    otherInstance = testClient();
  });

  beforeEach(async () => {
    await resetDatabase(client);
    await ingestExtraction(client, extraction('hub', ['Alpha Ministry', 'Beta Ministry', 'Gamma Ministry']));
  });

  afterAll(async () => {
    await resetDatabase(client);
    await otherInstance.close();
    await client.close();
  });

  it('reads a hub’s page once, then answers from the cache after one degree read', async () => {
    const first = await read();
    expect(first).toEqual({ names: ['Alpha Ministry', 'Beta Ministry', 'Gamma Ministry'], total: 3, statements: [NEIGHBORS] });
    const again = await read();
    expect(again).toEqual({ ...first, statements: [DEGREE] });
  });

  it('never caches entities below the threshold, or pages filtered by type', async () => {
    await read(ALL, 'actor:alpha-ministry');
    expect((await read(ALL, 'actor:alpha-ministry')).statements).toEqual([NEIGHBORS]);
    const filtered = { ...ALL, types: ['NEGOTIATES_WITH' as const] };
    await read(filtered);
    expect((await read(filtered)).statements).toEqual(['relationships.neighbors.BOTH']);
  });

  it('reads afresh after a write of this process, even one that leaves the hub’s degree alone', async () => {
    await read();
    // Another document names a neighbour differently: a new alias, no new relationship.
    const checked = checkExtraction({
      document: { id: 'doc:alias', title: 'alias', source: 'test', text: 'The Alpha Agency met.' },
      entities: [{ id: 'actor:alpha-ministry', kind: 'Actor', actorType: 'ORGANIZATION', name: 'Alpha Agency', description: 'A ministry.' }],
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    await ingestExtraction(client, checked.value);
    const renamed = await getNeighborPages(client, NO_DEADLINE, [HUB], ALL);
    const alpha = renamed.get(HUB)!.items.find((item) => item.entity.id === 'actor:alpha-ministry')!;
    expect(alpha.entity.aliases).toContain('Alpha Agency');
  });

  it('reads afresh after an ingest and a delete of this process', async () => {
    await read();
    await ingestExtraction(client, extraction('more', ['Delta Ministry']));
    const after = await read();
    expect(after.statements).toEqual([DEGREE, NEIGHBORS]);
    expect(after.names).toContain('Delta Ministry');
    await deleteDocument(client, 'doc:more');
    expect((await read()).names).not.toContain('Delta Ministry');
  });

  it('reads afresh after another instance changes the hub’s degree', async () => {
    await read();
    await ingestExtraction(otherInstance, extraction('elsewhere', ['Epsilon Ministry']));
    const after = await read();
    expect(after.statements).toEqual([DEGREE, NEIGHBORS]);
    expect(after.total).toBe(4);
  });

  it('reads afresh once the page is older than the ttl', async () => {
    await read();
    clock.now += 59_999;
    expect((await read()).statements).toEqual([DEGREE]);
    clock.now += 1;
    expect((await read()).statements).toEqual([DEGREE, NEIGHBORS]);
  });
});
