/** Where the project's own files are, whether running from src/ (tsx) or from dist/src/ (built). */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..').replace(/\/dist$/, '');
export const SCHEMA_DIR = join(PROJECT_ROOT, 'schema');
export const EXAMPLES_DIR = join(SCHEMA_DIR, 'examples');
export const SEED_DIR = join(PROJECT_ROOT, 'seed');
export const LAUNCHER_DIR = join(PROJECT_ROOT, 'tools/neo4j');
export const NLP_LAUNCHER_DIR = join(PROJECT_ROOT, 'tools/corenlp');
