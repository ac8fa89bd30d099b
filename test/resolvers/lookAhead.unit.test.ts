/** What the `entity` field's look-ahead plans to read, from selection sets alone (no database). */
import { describe, expect, it } from 'vitest';
import { execute, parse } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { readTypeDefs } from '../../src/resolvers/schema.js';
import { LookAheadPlans, planEntityLookAhead, type EntityLookAhead } from '../../src/resolvers/lookAhead.js';

function planOf(query: string, variables: Record<string, unknown> = {}): EntityLookAhead | null {
  const plans: (EntityLookAhead | null)[] = [];
  const schema = makeExecutableSchema({
    typeDefs: readTypeDefs(),
    resolvers: { Query: { entity: (_root: unknown, _args: unknown, _context: unknown, info: never) => (plans.push(planEntityLookAhead(info)), null) } },
  });
  const result = execute({ schema, document: parse(query), variableValues: variables }) as { errors?: unknown[] };
  expect(result.errors).toBeUndefined();
  expect(plans).toHaveLength(1);
  return plans[0]!;
}

describe('planEntityLookAhead', () => {
  it('plans nothing when neither relationships nor neighbours are asked for', () => {
    expect(planOf('{ entity(id: "actor:a") { id name degree mentions { totalCount } } }')).toBeNull();
  });

  it('reads a page of neighbours ahead when no relationships are asked for', () => {
    expect(planOf('{ entity(id: "actor:a") { id neighbors(first: 5, kinds: [Country]) { totalCount } } }')).toEqual({
      reads: 'neighbors',
      page: { direction: 'BOTH', types: undefined, kinds: ['Country'], statuses: undefined, includeCoMentions: false, offset: 0, limit: 5 },
    });
    expect(planOf('{ entity(id: "actor:a") { neighbors { totalCount } relationships(first: 2) { totalCount } } }')).toMatchObject({ reads: 'relationships' });
    expect(planOf('{ entity(id: "actor:a") { neighbors(first: -1) { totalCount } } }')).toBeNull();
  });

  it('reads the first page with the field arguments, defaults and variables applied', () => {
    const plan = planOf('query($n: Int) { entity(id: "actor:a") { relationships(direction: OUTGOING, first: $n, types: [LEADS]) { totalCount } } }', { n: 7 });
    expect(plan).toMatchObject({ page: { direction: 'OUTGOING', types: ['LEADS'], minSources: 1, offset: 0, limit: 7 }, nestedPage: null, evidence: false });
    expect(planOf('{ entity(id: "actor:a") { relationships { totalCount } } }')?.page).toMatchObject({ direction: 'BOTH', offset: 0, limit: 20 });
  });

  it('sees evidence and the next level through fragments', () => {
    const plan = planOf(`{ entity(id: "actor:a") { ...E } }
      fragment E on Entity { relationships(first: 3) { edges { node { ... on Relationship { evidence { quote } } target { ...N } } } } }
      fragment N on Entity { relationships(first: 2, after: "${Buffer.from('o:1').toString('base64url')}") { totalCount } }`);
    expect(plan).toMatchObject({ evidence: true, nestedPage: { direction: 'BOTH', offset: 2, limit: 2 } });
  });

  it('does not fold a next level that filters differently', () => {
    const plan = planOf('{ entity(id: "actor:a") { relationships(first: 3) { edges { node { target { relationships(types: [LEADS]) { totalCount } } } } } } }');
    expect(plan).toMatchObject({ nestedPage: null });
  });

  it('leaves bad arguments to the field, which reports them', () => {
    expect(planOf('{ entity(id: "actor:a") { relationships(first: 100000) { totalCount } } }')).toBeNull();
    expect(planOf('{ entity(id: "actor:a") { relationships(after: "nonsense") { totalCount } } }')).toBeNull();
  });
});

describe('LookAheadPlans', () => {
  /** The plans one LookAheadPlans gives for each run of one parsed document, as Apollo reuses it. */
  function plansOf(query: string, variableRuns: Record<string, unknown>[]): (EntityLookAhead | null)[] {
    const kept = new LookAheadPlans();
    const plans: (EntityLookAhead | null)[] = [];
    const schema = makeExecutableSchema({
      typeDefs: readTypeDefs(),
      resolvers: { Query: { entity: (_root: unknown, _args: unknown, _context: unknown, info: never) => (plans.push(kept.planFor(info)), null) } },
    });
    const document = parse(query);
    for (const variableValues of variableRuns) expect((execute({ schema, document, variableValues }) as { errors?: unknown }).errors).toBeUndefined();
    return plans;
  }

  it('plans a selection without variables once and shares the frozen plan', () => {
    const [first, second] = plansOf('query($id: ID!) { entity(id: $id) { relationships(first: 3, types: [LEADS]) { edges { node { target { relationships(first: 2, types: [LEADS]) { totalCount } } } } } } }', [{ id: 'actor:a' }, { id: 'actor:b' }]);
    expect(first).toMatchObject({ reads: 'relationships', page: { limit: 3, types: ['LEADS'] }, nestedPage: { limit: 2 } });
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    if (first?.reads !== 'relationships') throw new Error('expected a relationships plan');
    expect(Object.isFrozen(first.page) && Object.isFrozen(first.page.types) && Object.isFrozen(first.nestedPage)).toBe(true);
  });

  it('plans again for every request when an argument is a variable, also inside a fragment', () => {
    const direct = plansOf('query($n: Int) { entity(id: "actor:a") { relationships(first: $n) { totalCount } } }', [{ n: 7 }, { n: 3 }]);
    expect(direct.map((plan) => plan?.reads === 'relationships' && plan.page.limit)).toEqual([7, 3]);
    const throughFragment = plansOf(
      `query($n: Int) { entity(id: "actor:a") { relationships(first: 2) { edges { node { target { ...N } } } } } }
       fragment N on Entity { relationships(first: $n) { totalCount } }`,
      [{ n: 2 }, { n: 4 }],
    );
    expect(throughFragment.map((plan) => plan?.reads === 'relationships' && plan.nestedPage?.limit)).toEqual([2, 4]);
  });

  it('keeps "no plan" too, and plans a different document on its own', () => {
    expect(plansOf('{ entity(id: "actor:a") { id name } }', [{}, {}])).toEqual([null, null]);
    const kept = new LookAheadPlans();
    const plans: (EntityLookAhead | null)[] = [];
    const schema = makeExecutableSchema({
      typeDefs: readTypeDefs(),
      resolvers: { Query: { entity: (_root: unknown, _args: unknown, _context: unknown, info: never) => (plans.push(kept.planFor(info)), null) } },
    });
    execute({ schema, document: parse('{ entity(id: "actor:a") { relationships(first: 4) { totalCount } } }') });
    execute({ schema, document: parse('{ entity(id: "actor:a") { relationships(first: 5) { totalCount } } }') });
    expect(plans.map((plan) => plan?.reads === 'relationships' && plan.page.limit)).toEqual([4, 5]);
  });
});
