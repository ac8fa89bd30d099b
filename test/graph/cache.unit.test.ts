/** GraphCache (src/graph/cache.ts) on its own: what it keeps, and each reason it lets a page go. Pure: no database. */
import { describe, expect, it } from 'vitest';
import { GraphCache } from '../../src/graph/cache.js';
import type { NeighborRecord, Page } from '../../src/graph/records.js';

const page = (totalCount: number): Page<NeighborRecord> => ({ items: [], totalCount, offset: 0 });

function cacheAt(start = 1_000) {
  const clock = { now: start };
  const cache = new GraphCache({ denseNeighbors: 10, ttlMs: 5_000, maxPages: 3, now: () => clock.now });
  return { cache, clock };
}

describe('GraphCache', () => {
  it('keeps a hub’s page and gives it back while its degree is unchanged', () => {
    const { cache } = cacheAt();
    const hub = page(10);
    expect(cache.isDense('hub')).toBe(false);
    cache.keep('hub', 'k', hub, 42, cache.generation);
    expect(cache.isDense('hub')).toBe(true);
    expect(cache.get('k', 42)).toBe(hub);
    expect(cache.get('k', 42)).toBe(hub);
  });

  it('keeps nothing when sized 0 (HUB_CACHE_PAGES=0)', () => {
    const cache = new GraphCache({ denseNeighbors: 10, maxPages: 0 });
    cache.keep('hub', 'k', page(10), 42, cache.generation);
    expect(cache.isDense('hub')).toBe(false);
    expect(cache.get('k', 42)).toBeUndefined();
  });

  it('does not keep pages of entities with fewer neighbours than the threshold', () => {
    const { cache } = cacheAt();
    cache.keep('small', 'k', page(9), 9, cache.generation);
    expect(cache.isDense('small')).toBe(false);
    expect(cache.get('k', 9)).toBeUndefined();
  });

  it('drops a page whose entity’s degree changed (a write by another instance)', () => {
    const { cache } = cacheAt();
    cache.keep('hub', 'k', page(10), 42, cache.generation);
    expect(cache.get('k', 43)).toBeUndefined();
    expect(cache.get('k', 42)).toBeUndefined(); // gone, not merely hidden
    expect(cache.get('k', undefined)).toBeUndefined();
  });

  it('drops every page after a write of this process', () => {
    const { cache } = cacheAt();
    cache.keep('hub', 'k', page(10), 42, cache.generation);
    cache.changed();
    expect(cache.get('k', 42)).toBeUndefined();
    expect(cache.isDense('hub')).toBe(true); // still worth looking up
  });

  it('does not keep a page read across a write', () => {
    const { cache } = cacheAt();
    const before = cache.generation;
    cache.changed();
    cache.keep('hub', 'k', page(10), 42, before);
    expect(cache.get('k', 42)).toBeUndefined();
  });

  it('lets a page go once it is ttl old, by the injected clock', () => {
    const { cache, clock } = cacheAt();
    cache.keep('hub', 'k', page(10), 42, cache.generation);
    clock.now += 4_999;
    expect(cache.get('k', 42)).toBeDefined();
    clock.now += 1;
    expect(cache.get('k', 42)).toBeUndefined();
  });

  it('holds at most maxPages, dropping the oldest first', () => {
    const { cache } = cacheAt();
    for (const key of ['a', 'b', 'c', 'd']) cache.keep(key, key, page(10), 1, cache.generation);
    expect(cache.get('a', 1)).toBeUndefined();
    for (const key of ['b', 'c', 'd']) expect(cache.get(key, 1), key).toBeDefined();
  });

  it('shares nothing between two caches', () => {
    const one = cacheAt().cache;
    const other = cacheAt().cache;
    one.keep('hub', 'k', page(10), 42, one.generation);
    expect(other.get('k', 42)).toBeUndefined();
    expect(other.isDense('hub')).toBe(false);
    other.changed();
    expect(one.get('k', 42)).toBeDefined();
  });
});
