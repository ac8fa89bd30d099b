/**
 * Loaded after tsx by every benchmark server (`node --import tsx --import <this>`): tsx turns on
 * source maps, which makes every `new Error().stack` map each frame back to TypeScript, and
 * neo4j-driver reads a stack for every statement it runs (docs/benchmarks.md, "Method").
 * Production runs compiled JavaScript without source maps (Dockerfile: `node dist/...`); so do
 * the three benchmark servers, equally.
 */
import process from 'node:process';

process.setSourceMapsEnabled(false);
