/**
 * The exact statements and parameters this service runs, taken from src/graph itself: each
 * data-layer function is called with a recording client that returns no rows, so the raw handler
 * runs the very Cypher (and the very parameter shapes) that the GraphQL service does, with no copy
 * that could drift.
 */
import type { GraphClient, Row, Statement } from '../../src/graph/client.js';
import { GraphCache } from '../../src/graph/cache.js';

export interface Captured {
  statement: Statement;
  params: Record<string, unknown>;
}

/**
 * Calls `call` with a client that records the reads it makes (each answered with no rows) and
 * returns the one named `name`, or the only one.
 */
export async function capture(call: (client: GraphClient) => Promise<unknown>, name?: string): Promise<Captured> {
  const captured: Captured[] = [];
  const recorder = {
    // A cache of its own, cold: a cached function makes every read it makes on a cold cache.
    cache: new GraphCache(),
    async read(statement: Statement, params: Record<string, unknown> = {}): Promise<Row[]> {
      captured.push({ statement, params });
      return [];
    },
  } as unknown as GraphClient;
  try {
    await call(recorder);
  } catch (error) {
    // Post-processing of the (empty) rows may fail; only the statements matter here.
    if (!captured.length) throw error;
  }
  const found = name ? captured.filter((c) => c.statement.name === name) : captured;
  if (found.length !== 1) {
    throw new Error(`capture: expected one read${name ? ` named ${name}` : ''}, got ${captured.map((c) => c.statement.name).join(', ') || 'none'}`);
  }
  return found[0]!;
}
