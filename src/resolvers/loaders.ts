/**
 * Per-request DataLoaders: every nested field of a list is answered for the whole list in one
 * round trip. Loaders whose answer depends on field arguments (page size, direction …) come in
 * families, one loader per distinct argument set.
 */
import DataLoader from 'dataloader';
import type { GraphClient } from '../graph/client.js';
import type { Deadline } from '../graph/deadline.js';
import type { DocumentRecord, EntityRecord, MergeRecord, EvidenceRecord, MentionRecord, NeighborRecord, Page, RelationshipRecord } from '../graph/records.js';
import { getEntityCandidates, getEntitySources, resolveEntityIds } from '../graph/entities.js';
import { getMergesInto } from '../graph/merge.js';
import { getDegrees, getEvidence, getNeighborPages, getRelationshipPages, getRelationshipsByIds, type NeighborPageArgs, type RelationshipPageArgs, type Direction } from '../graph/relationships.js';
import { getDocumentsByIds, getMentionsInDocuments, getMentionsOfEntities } from '../graph/documents.js';
import type { LinkType } from '../domain/vocabulary.js';
import type { Window } from './pagination.js';

const emptyPage = <T>(offset: number): Page<T> => ({ items: [], totalCount: 0, offset });

function byId<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = new Map((await fetch(ids)).map((item) => [item.id, item]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

function perId<V>(fetch: (ids: readonly string[]) => Promise<Map<string, V>>, fallback: V) {
  return new DataLoader<string, V>(async (ids) => {
    const found = await fetch(ids);
    return ids.map((id) => found.get(id) ?? fallback);
  });
}

/** A loader per distinct argument set, whose primed values can be read without a promise. */
export interface LoaderFamily<Args, V> {
  (args: Args): DataLoader<string, V>;
  /** Primes the loader of `args` with each `[id, value]` (the look-ahead's answers, a page at a time). */
  prime(args: Args, values: Iterable<readonly [string, V]>): void;
  /**
   * The value for `id` under `args`: as it is when primed (the look-ahead's answers), else the
   * loader's promise. graphql-jit completes a plain value much faster than a promise.
   */
  read(args: Args, id: string): V | Promise<V>;
}

/** `then` applied to a value that may or may not be a promise (LoaderFamily.read), without adding one. */
export const whenRead = <T, R>(value: T | Promise<T>, then: (value: T) => R): R | Promise<R> => (value instanceof Promise ? value.then(then) : then(value));

/**
 * One value of an argument set. Strings carry their length, so no value can run into the next;
 * what a family's arguments do not usually hold (objects, NaN) is keyed as JSON would write it.
 */
function keyPart(value: unknown): string {
  if (typeof value === 'string') return `${value.length}:${value}`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '~';
  if (value === null || value === undefined) return '~'; // undefined only inside a list, where JSON writes null
  if (Array.isArray(value)) return `[${value.map(keyPart).join(',')}]`;
  return JSON.stringify(value); // an object: JSON ends where it ends
}

/**
 * The key of an argument set, equal for two sets exactly when their JSON is (an absent property
 * and an undefined one are the same; null, [] and a missing list are not), at a fraction of
 * JSON.stringify's cost: a request reads a family a dozen times.
 */
export function argumentKey(args: object): string {
  let key = '';
  for (const name in args) {
    const value = (args as Record<string, unknown>)[name];
    if (value !== undefined) key += `${name}=${keyPart(value)};`;
  }
  return key;
}

/** One DataLoader per distinct argument set, created on first use within the request. */
export function family<Args extends object, V>(fetch: (ids: readonly string[], args: Args) => Promise<Map<string, V>>, fallback: (args: Args) => V): LoaderFamily<Args, V> {
  const members = new Map<string, { loader: DataLoader<string, V>; primed: Map<string, V> }>();
  const member = (args: Args) => {
    const key = argumentKey(args);
    let found = members.get(key);
    if (!found) {
      const loader = new DataLoader<string, V>(async (ids) => {
        const values = await fetch(ids, args);
        return ids.map((id) => values.get(id) ?? fallback(args));
      });
      members.set(key, (found = { loader, primed: new Map() }));
    }
    return found;
  };
  return Object.assign((args: Args) => member(args).loader, {
    prime(args: Args, values: Iterable<readonly [string, V]>) {
      const { loader, primed } = member(args);
      for (const [id, value] of values) {
        loader.prime(id, value);
        primed.set(id, value);
      }
    },
    read(args: Args, id: string) {
      const { loader, primed } = member(args);
      const value = primed.get(id);
      return value !== undefined ? value : loader.load(id);
    },
  });
}

/**
 * One request's loaders. Each is created on first use: a request needs two or three of the twelve,
 * and building them all cost every request, however small, its share (decision 022).
 */
export class Loaders {
  #entity?: DataLoader<string, EntityRecord | null>;
  #entitySources?: DataLoader<string, number>;
  #candidates?: DataLoader<string, EntityRecord[]>;
  #merges?: DataLoader<string, MergeRecord[]>;
  #document?: DataLoader<string, DocumentRecord | null>;
  #relationship?: DataLoader<string, RelationshipRecord | null>;
  #evidence?: DataLoader<string, EvidenceRecord[]>;
  #relationships?: LoaderFamily<RelationshipPageArgs, Page<RelationshipRecord>>;
  #neighbors?: LoaderFamily<NeighborPageArgs, Page<NeighborRecord>>;
  #degree?: LoaderFamily<{ direction: Direction; types: readonly LinkType[] | null | undefined }, number>;
  #entityMentions?: LoaderFamily<Window, Page<MentionRecord>>;
  #documentMentions?: LoaderFamily<Window, Page<MentionRecord>>;
  #seenEntities?: Map<string, EntityRecord>;

  constructor(
    private readonly graph: GraphClient,
    private readonly deadline: Deadline,
  ) {}

  /** Keyed by the id asked for: a merged-away id loads its survivor. Entities seen in other records are not asked for again. */
  get entity() {
    return (this.#entity ??= new DataLoader(async (ids) => {
      const seen = this.#seenEntities;
      const unseen = seen ? ids.filter((id) => !seen.has(id)) : ids;
      const found = unseen.length ? await resolveEntityIds(this.graph, this.deadline, unseen) : undefined;
      return ids.map((id) => seen?.get(id) ?? found?.get(id) ?? null);
    }));
  }

  /**
   * Entities that arrive inside other records are remembered, so asking for them again costs no
   * round trip. Kept in a plain map, not primed into the loader: priming makes a promise per
   * entity, an entity page of pages holds sixty, and a later field rarely asks for one.
   */
  rememberEntities(...records: (EntityRecord | undefined)[]): void {
    for (const record of records) if (record) (this.#seenEntities ??= new Map()).set(record.id, record);
  }

  get entitySources() {
    return (this.#entitySources ??= perId((ids) => getEntitySources(this.graph, this.deadline, ids), 0));
  }
  get candidates() {
    return (this.#candidates ??= perId<EntityRecord[]>((ids) => getEntityCandidates(this.graph, this.deadline, ids), []));
  }
  get merges() {
    return (this.#merges ??= perId<MergeRecord[]>((ids) => getMergesInto(this.graph, this.deadline, ids), []));
  }
  get document() {
    return (this.#document ??= byId<DocumentRecord>((ids) => getDocumentsByIds(this.graph, this.deadline, ids)));
  }
  get relationship() {
    return (this.#relationship ??= byId<RelationshipRecord>((ids) => getRelationshipsByIds(this.graph, this.deadline, ids)));
  }
  get evidence() {
    return (this.#evidence ??= perId<EvidenceRecord[]>((ids) => getEvidence(this.graph, this.deadline, ids), []));
  }
  get relationships() {
    return (this.#relationships ??= family((ids, args) => getRelationshipPages(this.graph, this.deadline, ids, args), (args) => emptyPage(args.offset)));
  }
  get neighbors() {
    return (this.#neighbors ??= family((ids, args) => getNeighborPages(this.graph, this.deadline, ids, args), (args) => emptyPage(args.offset)));
  }
  get degree() {
    return (this.#degree ??= family((ids, args) => getDegrees(this.graph, this.deadline, ids, args.direction, args.types), () => 0));
  }
  get entityMentions() {
    return (this.#entityMentions ??= family((ids, w) => getMentionsOfEntities(this.graph, this.deadline, ids, w.offset, w.limit), (w) => emptyPage(w.offset)));
  }
  get documentMentions() {
    return (this.#documentMentions ??= family((ids, w) => getMentionsInDocuments(this.graph, this.deadline, ids, w.offset, w.limit), (w) => emptyPage(w.offset)));
  }
}
