/**
 * Trusted documents (persisted operations by hash): the manifest of documents first-party clients
 * send — the explorer's operations and schema/examples — keyed by the SHA-256 of their exact text.
 * `npm run trusted-documents` (part of codegen) writes it in Apollo's persisted-query-manifest
 * format; the server reads it (src/server/trustedDocuments.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_DIR } from './paths.js';

export const TRUSTED_DOCUMENTS_FILE = join(SCHEMA_DIR, 'generated/trusted-documents.json');

export interface TrustedOperation {
  /** SHA-256 of `body`, lower-case hex. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface TrustedDocumentsManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: TrustedOperation[];
}

export const documentHash = (body: string) => createHash('sha256').update(body, 'utf8').digest('hex');

/** The manifest of named documents, sorted by name so the output is stable. */
export function buildManifest(documents: readonly { name: string; body: string }[]): TrustedDocumentsManifest {
  const operations = documents
    .map(({ name, body }) => {
      const type = /^\s*(?:#[^\n]*\n\s*)*(mutation|subscription)\b/.exec(body)?.[1] ?? 'query';
      return { id: documentHash(body), name, type: type as TrustedOperation['type'], body };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** Reads a manifest: its operations, in its order. */
export function readManifestOperations(file: string = TRUSTED_DOCUMENTS_FILE): TrustedOperation[] {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as TrustedDocumentsManifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
    throw new Error(`${file} is not a persisted-query manifest; run npm run trusted-documents`);
  }
  return manifest.operations;
}

/** A manifest's documents by id. */
export const documentsById = (operations: readonly TrustedOperation[]): Map<string, string> =>
  new Map(operations.map((operation) => [operation.id, operation.body]));

/** Reads a manifest: its documents by id. */
export function readManifest(file: string = TRUSTED_DOCUMENTS_FILE): Map<string, string> {
  return documentsById(readManifestOperations(file));
}
