/**
 * search(kinds) on a graph where the requested kind is rare (1 entity in 1,000): the hits must be
 * the true top `first` of that kind, checked against a brute-force answer (every match of the
 * text, filtered by kind, ordered by score: of the exact query when it matches at least
 * EXACT_MATCHES_ENOUGH entities of those kinds, as "harbor quay" does, else of the tolerant one). Scores vary through name and description length, so
 * the rare entities are scattered through the ranking rather than at its top.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import { ENTITY_SEARCH_INDEX, EXACT_MATCHES_ENOUGH, searchEntities, toLuceneQueries } from '../../src/graph/entities.js';
import type { EntityKind } from '../../src/domain/vocabulary.js';
import { GRAPH } from '../../src/domain/vocabulary.js';
import { resetDatabase, testClient } from '../support/graph.js';

const client = testClient();
const ENTITIES = 5_000;
const RARE: EntityKind = 'Equipment';

/** Location mostly; Equipment every 1,000th; a few hundred Units, so a two-kind filter is tested too. */
const generate = {
  name: 'test.generateRareKindGraph',
  cypher: `
    UNWIND range(0, $count - 1) AS i
    WITH i, CASE WHEN i % 1000 = 617 THEN 'Equipment' WHEN i % 17 = 3 THEN 'Unit' ELSE 'Location' END AS kind,
         ['harbor', 'ridge', 'strait', 'battery', 'depot', 'island', 'plateau'][i % 7] AS extra,
         (i * 7919) % 11 AS padding
    CREATE (e:${GRAPH.entityLabel} {
      id: 'gen:' + toString(i), kind: kind, name: 'Harbor ' + extra + ' ' + toString(i),
      aliases: [], aliasText: '',
      description: reduce(text = 'A harbor site', k IN range(0, padding) | text + ' with quay ' + toString(k))
    })`,
};

beforeAll(async () => {
  await resetDatabase(client);
  await client.write(generate, { count: ENTITIES });
});
afterAll(async () => {
  await resetDatabase(client);
  await client.close();
});

interface Hit { id: string; kind: string; score: number }

/** Every match of a Lucene query (no limit), of the given kinds, best first. */
async function allMatches(query: string, kinds: readonly EntityKind[]): Promise<Hit[]> {
  return client.read<Hit>({
    name: 'test.bruteForceSearch',
    cypher: `
      CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
      WHERE node.kind IN $kinds
      RETURN node.id AS id, node.kind AS kind, score ORDER BY score DESC`,
  }, { index: ENTITY_SEARCH_INDEX, query, kinds });
}

/** The hits search should rank: the exact matches, or the typo-tolerant ones when there are too few exact ones. */
async function bruteForce(text: string, kinds: readonly EntityKind[]): Promise<Hit[]> {
  const queries = toLuceneQueries(text)!;
  const exact = await allMatches(queries.exact, kinds);
  return exact.length >= EXACT_MATCHES_ENOUGH || queries.tolerant === null ? exact : allMatches(queries.tolerant, kinds);
}

/** Share of the true top `first` found; ties at the cut count whichever of the tied hits came back. */
function recall(hits: readonly Hit[], truth: readonly Hit[], first: number): number {
  const expected = truth.slice(0, first);
  if (expected.length === 0) return hits.length === 0 ? 1 : 0;
  const cut = expected.at(-1)!.score;
  const truthIds = new Set(truth.map((hit) => hit.id));
  const found = hits.filter((hit) => truthIds.has(hit.id) && hit.score >= cut - 1e-6).length;
  return Math.min(found, expected.length) / expected.length;
}

const CASES: { text: string; kinds: EntityKind[]; first: number }[] = [
  { text: 'harbor', kinds: [RARE], first: 10 },
  { text: 'harbor', kinds: [RARE], first: 3 },
  { text: 'harbor quay', kinds: [RARE, 'Unit'], first: 50 },
  { text: 'ridge', kinds: [RARE], first: 5 },
  { text: 'harbr', kinds: ['Unit'], first: 20 },
];

describe('search with a rare kind', () => {
  it('the generated graph has the kind at 1 in 1,000', async () => {
    const [row] = await client.read<{ rare: number; all: number }>({
      name: 'test.countKinds',
      cypher: `MATCH (e:${GRAPH.entityLabel}) RETURN count(e) AS all, count(CASE WHEN e.kind = $kind THEN 1 END) AS rare`,
    }, { kind: RARE });
    expect(row).toEqual({ all: ENTITIES, rare: ENTITIES / 1000 });
  });

  it('returns the true top `first` hits of the requested kinds, best first', async () => {
    const recalls: number[] = [];
    for (const { text, kinds, first } of CASES) {
      const truth = await bruteForce(text, kinds);
      expect(truth.length, text).toBeGreaterThan(0);
      const hits = (await searchEntities(client, NO_DEADLINE, text, kinds, first)).map((hit) => ({ id: hit.entity.id, kind: hit.entity.kind, score: hit.score }));
      const r = recall(hits, truth, first);
      recalls.push(r);
      console.log(`search "${text}" kinds=${kinds.join('|')} first=${first}: ${hits.length}/${Math.min(first, truth.length)} hits, recall ${r.toFixed(2)}`);
      expect(hits.every((hit) => kinds.includes(hit.kind as EntityKind)), text).toBe(true);
      // The kind filter must not change scores: the hits score exactly as the true top `first` do.
      const rounded = (list: readonly Hit[]) => list.map((hit) => hit.score.toFixed(5));
      expect(rounded(hits), text).toEqual(rounded(truth.slice(0, first)));
    }
    console.log(`rare-kind recall (mean over ${CASES.length} queries): ${(recalls.reduce((a, b) => a + b, 0) / recalls.length).toFixed(2)}`);
    expect(recalls).toEqual(CASES.map(() => 1));
  });
});
