/**
 * patches/@apollo+server+*.patch, applied by `npm ci` (patch-package): Apollo hands a gateway's
 * executor a request context whose `response.http.status` is an accessor. Unpatched, each request
 * gets an object literal with its own get/set closures, which gives every request a new hidden
 * class in the old generation and keeps the request alive until a full collection
 * (docs/decisions/018-apollo-gateway-context-retention.md). Patched, the accessors live on one
 * prototype and still read and write the request's status.
 */
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaGateway } from '../../src/server/compiledExecution.js';

const schema = buildSchema('type Query { hello: String }');
const seen: GatewayGraphQLRequestContext[] = [];
const gateway = schemaGateway(schema, async (requestContext) => {
  seen.push(requestContext);
  requestContext.response!.http!.status = 202;
  return { data: { hello: `request ${String(seen.length)}` } };
});
const apollo = new ApolloServer({ gateway });

beforeAll(() => apollo.start());
afterAll(() => apollo.stop());

const post = () => {
  const headers = new HeaderMap([['content-type', 'application/json']]);
  return apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query: '{ hello }' } }, context: async () => ({}) });
};

describe("Apollo's gateway request context (patched)", () => {
  it('gives the executor a status accessor that writes through to the response', async () => {
    const response = await post();
    expect(response.status).toBe(202);
    expect(seen.at(-1)!.response!.http!.status).toBe(202);
  });

  it('keeps the accessor on a shared prototype, not on each request’s own object', async () => {
    await post();
    await post();
    const [first, second] = seen.slice(-2).map((context) => context.response!.http!);
    expect(Object.getOwnPropertyDescriptor(first, 'status')).toBeUndefined();
    expect(Object.getPrototypeOf(first)).toBe(Object.getPrototypeOf(second));
    expect(Object.getPrototypeOf(first)).not.toBe(Object.prototype);
  });
});
