/** Writes schema/generated/vocabulary.graphql from the domain vocabulary (run by `npm run codegen`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderVocabularySdl } from '../src/domain/vocabularySdl.js';

mkdirSync('schema/generated', { recursive: true });
writeFileSync('schema/generated/vocabulary.graphql', renderVocabularySdl());
