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

/** A loader per distinct argument set, whose primed values can be read without a promise. */
export interface LoaderFamily<Args, V> {
  (args: Args): DataLoader<string, V>;
  /** Primes the loader of `args` with `value` for `id`. */
  prime(args: Args, id: string, value: V): void;
  /**
   * The value for `id` under `args`: as it is when primed (the look-ahead's answers), else the
   * loader's promise. graphql-jit completes a plain value much faster than a promise.
   */
  read(args: Args, id: string): V | Promise<V>;
}

/** `then` applied to a value that may or may not be a promise (LoaderFamily.read), without adding one. */
export const whenRead = <T, R>(value: T | Promise<T>, then: (value: T) => R): R | Promise<R> => (value instanceof Promise ? value.then(then) : then(value));

/** One DataLoader per distinct argument set, created on first use within the request. */
export function family<Args, V>(fetch: (ids: readonly string[], args: Args) => Promise<Map<string, V>>, fallback: (args: Args) => V): LoaderFamily<Args, V> {
  const members = new Map<string, { loader: DataLoader<string, V>; primed: Map<string, V> }>();
  const member = (args: Args) => {
    const key = JSON.stringify(args);
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
    prime(args: Args, id: string, value: V) {
      const { loader, primed } = member(args);
      loader.prime(id, value);
      primed.set(id, value);
    },
    read(args: Args, id: string) {
      const { loader, primed } = member(args);
      const value = primed.get(id);
      return value !== undefined ? value : loader.load(id);
    },
  });
}

export function createLoaders(graph: GraphClient, deadline: Deadline) {
  // Keyed by the id asked for: a merged-away id loads its survivor.
  const entity = new DataLoader<string, EntityRecord | null>(async (ids) => {
    const found = await resolveEntityIds(graph, deadline, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  const perId = <V>(fetch: (ids: readonly string[]) => Promise<Map<string, V>>, fallback: V) =>
    new DataLoader<string, V>(async (ids) => {
      const found = await fetch(ids);
      return ids.map((id) => found.get(id) ?? fallback);
    });
  /** Entities that arrive inside other records are primed, so asking for them again is free. */
  const primeEntities = (...records: (EntityRecord | undefined)[]) => {
    for (const record of records) if (record) entity.prime(record.id, record);
  };
  return {
    entity,
    primeEntities,
    entitySources: perId((ids) => getEntitySources(graph, deadline, ids), 0),
    candidates: perId<EntityRecord[]>((ids) => getEntityCandidates(graph, deadline, ids), []),
    merges: perId<MergeRecord[]>((ids) => getMergesInto(graph, deadline, ids), []),
    document: byId<DocumentRecord>((ids) => getDocumentsByIds(graph, deadline, ids)),
    relationship: byId<RelationshipRecord>((ids) => getRelationshipsByIds(graph, deadline, ids)),
    evidence: new DataLoader<string, EvidenceRecord[]>(async (ids) => {
      const found = await getEvidence(graph, deadline, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    relationships: family<RelationshipPageArgs, Page<RelationshipRecord>>((ids, args) => getRelationshipPages(graph, deadline, ids, args), (args) => emptyPage(args.offset)),
    neighbors: family<NeighborPageArgs, Page<NeighborRecord>>((ids, args) => getNeighborPages(graph, deadline, ids, args), (args) => emptyPage(args.offset)),
    degree: family<{ direction: Direction; types: readonly LinkType[] | null | undefined }, number>(
      (ids, args) => getDegrees(graph, deadline, ids, args.direction, args.types),
      () => 0,
    ),
    entityMentions: family<Window, Page<MentionRecord>>((ids, w) => getMentionsOfEntities(graph, deadline, ids, w.offset, w.limit), (w) => emptyPage(w.offset)),
    documentMentions: family<Window, Page<MentionRecord>>((ids, w) => getMentionsInDocuments(graph, deadline, ids, w.offset, w.limit), (w) => emptyPage(w.offset)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
