import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApi } from '../support/api.js';
import { resetDatabase } from '../support/graph.js';
import { seedGraph } from '../../src/ingest/seed.js';
const api = await createTestApi();
beforeAll(async () => { await resetDatabase(api.graph); await seedGraph(api.graph); });
afterAll(() => api.close());
it('probe', async () => {
  const queries = [
   `{ entity(id: "actor:yohei-ito") { id name degree ... on Actor { rank role } relationships(first: 5) { totalCount edges { cursor node { id type basis source { id } target { id name } evidence { quote start end document { id } } } } pageInfo { hasNextPage endCursor } } neighbors(first: 5) { totalCount edges { node { id } relationshipTypes relationshipCount } } mentions { totalCount edges { node { text start end } } } } }`,
   `{ entities(first: 5, orderBy: DEGREE_DESC) { totalCount edges { node { id kind name degree } } } }`,
   `{ entities(filter: {nameContains: "tokyo"}) { totalCount edges { node { id name } } } }`,
   `{ search(query: "self defense") { score entity { id name } } }`,
   `{ search(query: "japan AND (") { score entity { id name } } }`,
   `{ search(query: "Akazwa") { score entity { id name } } }`,
   `{ subgraph(centerId: "unit:seventh-regiment", depth: 2, limit: 15) { truncated nodes { id } edges { id type } } }`,
   `{ paths(fromId: "actor:yohei-ito", toId: "actor:ryosei-akazawa") { length nodes { name } hops { forward relationship { type evidence { quote } } } } }`,
   `{ stats { entityCount relationshipCount documentCount mentionCount entitiesByKind { kind count } relationshipsByType { type count } mostConnected(first: 3) { entity { id } degree } } }`,
   `{ documents { totalCount edges { node { id title publishedAt mentions(first: 3) { totalCount edges { node { text entity { id } } } } } } } }`,
   `{ node(id: "doc:japan-missile-regiments") { id ... on Document { title } } a: node(id: "country:japan") { id __typename } b: node(id: "nope") { id } r: node(id: "actor:yohei-ito|LEADS|unit:seventh-regiment") { id __typename } }`,
   `{ timeline { id name startDate } }`,
   `{ timeline(from: "2025-13-01") { id } }`,
   `{ entities(first: 101) { totalCount } }`,
  ];
  for (const q of queries) {
    const r = await api.run(q);
    console.log(q.slice(0, 60), r.roundTrips, JSON.stringify(r.errors ?? r.data).slice(0, 1500));
  }
  expect(1).toBe(1);
});
