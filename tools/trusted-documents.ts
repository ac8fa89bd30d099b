/**
 * Writes schema/generated/trusted-documents.json: the explorer's operations (as it sends them:
 * the text of each generated `…Document`) and the operations of schema/examples, by SHA-256.
 * Run by `npm run codegen` (after the explorer's documents are generated); CI checks it is current.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as explorer from '../src/explorer/gql/graphql.js';
import { loadExampleOperations } from '../src/examples.js';
import { EXAMPLES_DIR } from '../src/paths.js';
import { buildManifest, TRUSTED_DOCUMENTS_FILE } from '../src/trustedDocuments.js';

const explorerDocuments = Object.entries(explorer)
  .filter(([name, value]) => name.endsWith('Document') && value instanceof explorer.TypedDocumentString)
  .map(([name, value]) => ({ name: `explorer/${name.replace(/Document$/, '')}`, body: String(value) }));
const examples = loadExampleOperations(EXAMPLES_DIR).map(({ name, query }) => ({ name: `examples/${name}`, body: query }));

const manifest = buildManifest([...explorerDocuments, ...examples]);
mkdirSync(dirname(TRUSTED_DOCUMENTS_FILE), { recursive: true });
writeFileSync(TRUSTED_DOCUMENTS_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`Wrote ${manifest.operations.length} trusted documents to ${TRUSTED_DOCUMENTS_FILE}`);
