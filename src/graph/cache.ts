/**
 * Answers derived from the graph that outlive one request: the neighbour pages of hubs
 * (./relationships.ts). Ordering a hub's neighbours reads every one of them — O(degree), and a
 * hub's degree grows with the graph — so pages of entities with at least `denseNeighbors`
 * neighbours are kept. A kept page is used while
 *  1. this process has not written since it was read: the GraphClient calls `changed()` after
 *     every write, committed or not;
 *  2. the entity's degree, read from the degree store in constant time, is unchanged — any
 *     relationship added to or removed from the hub by any instance changes it;
 *  3. it is younger than `ttlMs`, which bounds what (2) cannot see: another instance changing a
 *     neighbour's aliases, or removing and adding the same number of the hub's relationships.
 *
 * One object per GraphClient, made by whoever makes the client (src/server/main.ts; tests and the
 * bench make their own), so no state hides in a module.
 */
import type { NeighborRecord, Page } from './records.js';

export interface GraphCacheOptions {
  /** Entities with at least this many neighbours have their pages kept (default 1,000). */
  denseNeighbors?: number;
  /** The longest a page is used, in ms (default 60 s). */
  ttlMs?: number;
  /** The most pages kept; the oldest go first (default 1,000; 0 keeps none). */
  maxPages?: number;
  /** The clock, in epoch ms (default Date.now). */
  now?: () => number;
}

interface KeptPage {
  page: Page<NeighborRecord>;
  degree: number;
  generation: number;
  at: number;
}

export class GraphCache {
  readonly denseNeighbors: number;
  private readonly ttlMs: number;
  private readonly maxPages: number;
  private readonly now: () => number;
  /** Counts this process's writes; a page read in an older generation is stale. */
  private generationCount = 0;
  /** Ids seen with at least denseNeighbors neighbours: their pages are worth looking up. */
  private readonly dense = new Set<string>();
  /** Pages by id and arguments, oldest first (a Map keeps insertion order). */
  private readonly pages = new Map<string, KeptPage>();

  constructor(options: GraphCacheOptions = {}) {
    this.denseNeighbors = options.denseNeighbors ?? 1_000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxPages = options.maxPages ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /** Marks every kept page stale: the graph may have changed. */
  changed(): void {
    this.generationCount += 1;
  }

  /** Taken before a read and handed to `keep`, so a page read across a write is not kept. */
  get generation(): number {
    return this.generationCount;
  }

  /** True when `id` has had enough neighbours for its pages to be kept. */
  isDense(id: string): boolean {
    return this.dense.has(id);
  }

  /** The page kept under `key` if it is still valid for an entity whose degree is now `degree`. */
  get(key: string, degree: number | undefined): Page<NeighborRecord> | undefined {
    const kept = this.pages.get(key);
    if (!kept) return undefined;
    if (kept.generation === this.generationCount && kept.degree === degree && this.now() - kept.at < this.ttlMs) return kept.page;
    this.pages.delete(key);
    return undefined;
  }

  /**
   * Keeps `page` of entity `id` under `key` when the entity is a hub (`page.totalCount` at least
   * denseNeighbors) and nothing was written since `generation`.
   */
  keep(id: string, key: string, page: Page<NeighborRecord>, degree: number, generation: number): void {
    if (this.maxPages === 0 || page.totalCount < this.denseNeighbors || generation !== this.generationCount) return;
    this.dense.add(id);
    this.pages.delete(key);
    this.pages.set(key, { page, degree, generation, at: this.now() });
    if (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!);
  }
}
