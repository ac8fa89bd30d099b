/**
 * Deterministic lists of questions for a synthetic graph of `entities` entities built with `seed`:
 * random entities (uniform over all of them, so mostly small ones whose relationships lead to
 * hubs), hubs (the lowest indexes, see synthetic.ts), and words that occur in entity names.
 */
import { hash32, Random } from './prng.js';
import { entityAt, FAMOUS_COUNTRIES } from './synthetic.js';
import type { Question, Scenario } from './queries.js';
import { QUERY_SHAPE, SCENARIOS } from './queries.js';

/** The hubs whose neighbours are paged through: Japan, United States, China, Taiwan, South Korea. */
export const HUB_COUNT = 5;
/** Pages of neighbours asked for (0 = first page). */
export const NEIGHBOR_PAGES = 5;

export function questions(scenario: Scenario, entities: number, seed: number, count: number): Question[] {
  const rng = new Random(hash32(seed, 7, SCENARIOS.indexOf(scenario)));
  const randomId = () => entityAt(rng.int(entities), seed).id;
  const hubs = Math.min(HUB_COUNT, FAMOUS_COUNTRIES.length, entities);
  const list: Question[] = [];
  for (let i = 0; i < count; i++) {
    switch (scenario) {
      case 'entity':
        list.push({ scenario, id: randomId() });
        break;
      case 'search': {
        // A word of a random entity's name ("Kavoro"), as a user would type it.
        const words = entityAt(rng.int(entities), seed).name.split(/[^A-Za-z]+/).filter((w) => w.length >= 4);
        list.push({ scenario, text: words.length ? rng.pick(words) : 'regiment' });
        break;
      }
      case 'neighbors':
        list.push({ scenario, id: entityAt(rng.int(hubs), seed).id, offset: rng.int(NEIGHBOR_PAGES) * QUERY_SHAPE.neighbors.first });
        break;
      case 'subgraph':
        list.push({ scenario, id: randomId() });
        break;
      case 'paths': {
        const from = randomId();
        let to = randomId();
        while (to === from) to = randomId();
        list.push({ scenario, from, to });
        break;
      }
      case 'stats':
        list.push({ scenario });
        break;
    }
  }
  return list;
}

/** An even mix of every scenario, interleaved in a seeded random order. */
export function mixedQuestions(entities: number, seed: number, perScenario: number): Question[] {
  const all = SCENARIOS.flatMap((scenario) => questions(scenario, entities, seed, perScenario));
  return new Random(hash32(seed, 8)).shuffle(all);
}
