/**
 * Cursor connections. Cursors are opaque (base64url of an offset) and validated, so a
 * hand-edited cursor gets BAD_USER_INPUT instead of a server error.
 */
import type { Page } from '../graph/records.js';
import { badUserInput } from '../domain/errors.js';

/** Largest page any list returns; documented on every `first` argument. */
export const MAX_PAGE_SIZE = 100;

export interface Window {
  offset: number;
  limit: number;
}

const toCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

/**
 * The cursors of the first offsets, encoded once: every edge of every page gets one, and encoding
 * costs about 0.3 µs (an entity with a page of pages has 80 of them).
 */
const FIRST_CURSORS: readonly string[] = Object.freeze(Array.from({ length: 1024 }, (_, offset) => toCursor(offset)));

export const encodeCursor = (offset: number): string => FIRST_CURSORS[offset] ?? toCursor(offset);

function decodeCursor(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput(`"after" is not a cursor this API issued: use a pageInfo.endCursor or edge cursor`, 'after');
  return Number(match[1]);
}

/** Validates `first`/`after` into an offset window. */
export function pageWindow(first: number | null | undefined, after: string | null | undefined, max = MAX_PAGE_SIZE): Window {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 0 || limit > max) throw badUserInput(`"first" must be between 0 and ${max}; got ${first}`, 'first');
  return { offset: after ? decodeCursor(after) + 1 : 0, limit };
}

/** Validates a plain count argument such as search's `first` (no cursor). */
export function boundedCount(name: string, value: number | null | undefined, fallback: number, min: number, max: number): number {
  const count = value ?? fallback;
  if (!Number.isInteger(count) || count < min || count > max) throw badUserInput(`"${name}" must be between ${min} and ${max}; got ${value}`, name);
  return count;
}

export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export function toConnection<T>(page: Page<T>): Connection<T> {
  const edges = page.items.map((node, index) => ({ cursor: encodeCursor(page.offset + index), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.offset + page.items.length < page.totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}

/** Edges that carry fields of their own beside `node` (e.g. neighbours). */
export function toEdgeConnection<T, E>(page: Page<T>, toEdge: (item: T, cursor: string) => E): Omit<Connection<never>, 'edges'> & { edges: E[] } {
  const { pageInfo, totalCount, edges } = toConnection(page);
  return { edges: edges.map((edge) => toEdge(edge.node, edge.cursor)), pageInfo, totalCount };
}

/** Upper bound of `minSources` (documented in the schema). */
export const MAX_MIN_SOURCES = 1000;
