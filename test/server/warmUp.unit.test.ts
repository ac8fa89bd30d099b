/** The warm-up's choices (src/server/warmUp.ts) with a recording executor: no server. */
import { describe, expect, it } from 'vitest';
import { queryOf, variablesFor as variablesOfOperation, warmUp, type Execute } from '../../src/server/warmUp.js';

/** variablesFor on a document's text; null for a document that holds no query. */
const variablesFor = (body: string, hub: (typeof HUBS)[number], hubs: typeof HUBS) => {
  const operation = queryOf(body);
  return operation ? variablesOfOperation(operation, hub, hubs) : null;
};

const HUBS = [
  { id: 'country:japan', name: 'Japan' },
  { id: 'country:china', name: 'China' },
];

function recorder(answers: (query: string) => { data?: unknown; errors?: { message: string }[] } = () => ({ data: {} })) {
  const calls: { query: string; variables?: Record<string, unknown> }[] = [];
  const execute: Execute = async (query, variables) => {
    calls.push({ query, ...(variables ? { variables } : {}) });
    if (query.includes('WarmUpHubs')) return { data: { stats: { mostConnected: HUBS.slice(0, Number(variables?.first)).map((entity) => ({ entity })) } } } as never;
    return answers(query) as never;
  };
  return { calls, execute };
}

describe('variablesFor', () => {
  it('fills the explorer’s variables from a hub and leaves optional unknown ones to their defaults', () => {
    expect(variablesFor('query Q($id: ID!, $first: Int!, $after: String, $coMentions: Boolean!) { __typename }', HUBS[0]!, HUBS)).toEqual({ id: 'country:japan', first: 20, coMentions: false });
    expect(variablesFor('query P($from: ID!, $to: ID!, $maxHops: Int!) { __typename }', HUBS[0]!, HUBS)).toEqual({ from: 'country:japan', to: 'country:china', maxHops: 4 });
    expect(variablesFor('query S($text: String!, $ids: [ID!]!) { __typename }', HUBS[1]!, HUBS)).toEqual({ text: 'China', ids: ['country:japan', 'country:china'] });
  });

  it('gives up on mutations and on required variables it cannot fill', () => {
    expect(variablesFor('mutation M($id: ID!) { __typename }', HUBS[0]!, HUBS)).toBeNull();
    expect(variablesFor('query Q($documentId: ID!) { __typename }', HUBS[0]!, HUBS)).toBeNull();
    expect(variablesFor('query Q($documentId: ID = "doc:x") { __typename }', HUBS[0]!, HUBS)).toEqual({});
  });
});

describe('warmUp', () => {
  const documents = [
    { name: 'explorer/ExplorerEntity', body: 'query ExplorerEntity($id: ID!) { entity(id: $id) { id } }' },
    { name: 'explorer/ExplorerAccept', body: 'mutation ExplorerAccept($id: ID!) { __typename }' },
    { name: 'examples/Colonel', body: 'query Colonel($id: ID!) { entity(id: $id) { id } }', variables: { id: 'actor:ito' } },
    { name: 'examples/Overview', body: 'query Overview { stats { entityCount } }', variables: {} },
  ];

  it('opens each hub with the explorer’s queries, runs each example once with its variables, and never a mutation', async () => {
    const { calls, execute } = recorder();
    const result = await warmUp(execute, documents, { hubs: 2 });
    const operationName = (query: string) => /query (\w+)/.exec(query)![1];
    expect(calls.map((c) => [operationName(c.query), c.variables])).toEqual([
      ['WarmUpHubs', { first: 2 }],
      ['ExplorerEntity', { id: 'country:japan' }],
      ['ExplorerEntity', { id: 'country:china' }],
      ['Colonel', { id: 'actor:ito' }],
      ['Overview', {}],
    ]);
    expect(result).toMatchObject({ operations: 5, failed: [], skipped: ['explorer/ExplorerAccept'] });
  });

  it('reports operations that fail, and carries on', async () => {
    const { execute } = recorder((query) => (query.includes('Colonel') ? { errors: [{ message: 'boom' }] } : { data: {} }));
    const throwing: Execute = async (query, variables) => {
      if (query.includes('Overview')) throw new Error('socket closed');
      return execute(query, variables);
    };
    const result = await warmUp(throwing, documents);
    expect([...result.failed].sort()).toEqual(['examples/Colonel', 'examples/Overview']);
    expect(result.operations).toBe(5);
  });

  it('runs at most `concurrency` operations at once', async () => {
    let running = 0;
    let most = 0;
    const { execute } = recorder();
    const slow: Execute = async (query, variables) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return execute(query, variables);
    };
    const many = Array.from({ length: 6 }, (_, i) => ({ name: `examples/E${i}`, body: `query E${i} { __typename }`, variables: {} }));
    expect((await warmUp(slow, many, { concurrency: 2 })).operations).toBe(7);
    expect(most).toBe(2);
  });

  it('stops between operations once the service is stopping', async () => {
    const { calls, execute } = recorder();
    let stopping = false;
    const result = await warmUp(async (query, variables) => ((stopping = calls.length >= 1), execute(query, variables)), documents, { stopping: () => stopping });
    expect(result.operations).toBeLessThan(5);
  });
});
