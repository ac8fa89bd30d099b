/** The validation rule that refuses operation types the schema lacks (found by the fuzzer: `subscription` was an internal error). */
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { knownOperationTypes } from '../../src/server/knownOperationTypes.js';

// Like this API's schema: queries and mutations, no subscriptions.
const schema = buildSchema('type Query { count: Int } type Mutation { reset(id: ID!): Int }');
const errors = (query: string) => validate(schema, parse(query), [...specifiedRules, knownOperationTypes]).map((error) => error.message);

describe('knownOperationTypes', () => {
  it('refuses a subscription when the schema defines none', () => {
    expect(errors('subscription S { count }')).toEqual(['This API has no subscription operations; send a query or a mutation.']);
  });

  it('accepts queries and mutations', () => {
    expect(errors('query { count }')).toEqual([]);
    expect(errors('mutation M($id: ID!) { reset(id: $id) }')).toEqual([]);
  });
});
