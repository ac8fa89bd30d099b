/** Trusted documents (src/server/trustedDocuments.ts, src/trustedDocuments.ts) on a small manifest. */
import { describe, expect, it } from 'vitest';
import type { GraphQLError } from 'graphql';
import { buildManifest, documentHash, readManifest, TRUSTED_DOCUMENTS_FILE } from '../../src/trustedDocuments.js';
import { trustedDocuments } from '../../src/server/trustedDocuments.js';
import { loadExampleOperations } from '../../src/examples.js';
import { EXAMPLES_DIR } from '../../src/paths.js';
import { ExplorerSearchDocument } from '../../src/explorer/gql/graphql.js';

const KNOWN = 'query Known { __typename }';
const UNKNOWN = 'query Unknown { __typename }';
const manifest = new Map([[documentHash(KNOWN), KNOWN]]);
const id = documentHash(KNOWN);

function refusal(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected a refusal');
}

describe('trusted documents: require', () => {
  const trust = trustedDocuments('require', manifest);

  it('runs a known document, sent in full or by id alone (documentId with or without sha256:, or the APQ hash)', () => {
    expect(trust({ query: KNOWN })).toEqual({ query: KNOWN });
    expect(trust({ documentId: `sha256:${id}`, variables: { a: 1 } })).toEqual({ query: KNOWN, variables: { a: 1 } });
    expect(trust({ documentId: id })).toEqual({ query: KNOWN });
    const extensions = { persistedQuery: { version: 1, sha256Hash: id } };
    expect(trust({ extensions })).toEqual({ extensions, query: KNOWN });
  });

  it('refuses an unknown document or id with DOCUMENT_NOT_TRUSTED (400)', () => {
    for (const params of [{ query: UNKNOWN }, { query: `${KNOWN} ` }, { documentId: `sha256:${documentHash(UNKNOWN)}` }, { documentId: 'nonsense' }, { extensions: { persistedQuery: { sha256Hash: documentHash(UNKNOWN) } } }]) {
      const error = refusal(() => trust(params));
      expect(error.extensions, JSON.stringify(params)).toMatchObject({ code: 'DOCUMENT_NOT_TRUSTED', http: { status: 400 } });
    }
  });
});

describe('trusted documents: allow-unknown and off', () => {
  it('allow-unknown runs any document, resolves known ids, and leaves an unknown APQ hash to Apollo', () => {
    const trust = trustedDocuments('allow-unknown', manifest);
    expect(trust({ query: UNKNOWN })).toEqual({ query: UNKNOWN });
    expect(trust({ documentId: `sha256:${id}` })).toEqual({ query: KNOWN });
    const apq = { extensions: { persistedQuery: { sha256Hash: documentHash(UNKNOWN) } } };
    expect(trust(apq)).toBe(apq);
    expect(refusal(() => trust({ documentId: `sha256:${documentHash(UNKNOWN)}` })).extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND' });
  });

  it('off passes everything through untouched', () => {
    const trust = trustedDocuments('off', manifest);
    const params = { documentId: `sha256:${id}` };
    expect(trust(params)).toBe(params);
  });
});

describe('the manifest', () => {
  it('keys each document by the SHA-256 of its exact text, sorted by name, typed by operation', () => {
    const built = buildManifest([
      { name: 'b', body: 'mutation M { x }' },
      { name: 'a', body: KNOWN },
    ]);
    expect(built.format).toBe('apollo-persisted-query-manifest');
    expect(built.operations.map(({ name, type }) => [name, type])).toEqual([
      ['a', 'query'],
      ['b', 'mutation'],
    ]);
    expect(built.operations[0]!.id).toBe(documentHash(KNOWN));
    // The FIPS 180-2 test vector: the id is plain SHA-256 hex, as any client computes it.
    expect(documentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('holds every explorer operation as the explorer sends it, and every example', () => {
    const committed = readManifest(TRUSTED_DOCUMENTS_FILE);
    expect(committed.get(documentHash(ExplorerSearchDocument.toString()))).toBe(ExplorerSearchDocument.toString());
    for (const example of loadExampleOperations(EXAMPLES_DIR)) expect(committed.has(documentHash(example.query)), example.name).toBe(true);
  });
});
