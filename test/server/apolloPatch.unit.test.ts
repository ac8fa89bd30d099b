/**
 * patches/@apollo+server+*.patch, applied by `npm ci` (patch-package).
 *
 * 1. Apollo hands a gateway's executor a request context whose `response.http.status` is an accessor. Unpatched, each request
 * gets an object literal with its own get/set closures, which gives every request a new hidden
 * class in the old generation and keeps the request alive until a full collection
 * (docs/decisions/018-apollo-gateway-context-retention.md). Patched, the accessors live on one
 * prototype and still read and write the request's status.
 * 2. Two per-request constants of its request pipeline: the query hash comes from Node's one-shot
 *    `crypto.hash`, and the negotiation of the legacy incremental format runs only for an Accept
 *    header that names multipart/mixed (nothing else can select it).
 */
import nodeCrypto from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import Negotiator from 'negotiator';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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

const post = (body: Record<string, unknown> = { query: '{ hello }' }, accept?: string) => {
  const headers = new HeaderMap([['content-type', 'application/json'], ...(accept ? [['accept', accept] as [string, string]] : [])]);
  return apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body }, context: async () => ({}) });
};

afterEach(() => {
  vi.restoreAllMocks();
});

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

describe("Apollo's request pipeline (patched)", () => {
  it("hashes the query with Node's one-shot SHA-256, which automatic persisted queries still accept", async () => {
    const hash = vi.spyOn(nodeCrypto, 'hash');
    const query = '{ hello }';
    const sha256Hash = nodeCrypto.createHash('sha256').update(query).digest('hex');
    expect((await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } })).status).toBe(202);
    expect(hash).toHaveBeenCalledWith('sha256', query);
    const byHashOnly = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(byHashOnly.body.kind === 'complete' && JSON.parse(byHashOnly.body.string)).toMatchObject({ data: { hello: expect.any(String) } });
    const mismatch = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) } } });
    expect(mismatch.status).toBe(400);
  });

  it('negotiates the incremental delivery format only for an Accept header naming multipart/mixed', async () => {
    const mediaType = vi.spyOn(Negotiator.prototype, 'mediaType');
    const incrementalAsked = () => mediaType.mock.calls.filter(([types]) => types?.some((type) => type.startsWith('multipart/mixed'))).length;
    await post(undefined, 'application/json');
    await post();
    expect(incrementalAsked()).toBe(0);
    await post(undefined, 'multipart/mixed;incrementalSpec=v0.2, application/json');
    expect(incrementalAsked()).toBe(1);
  });
});
