/** Top-level read fields: each validates its arguments and makes one data-layer call. */
import type { QueryResolvers, StatsResolvers } from '../generated/resolvers.js';
import { listEntities, searchEntities } from '../graph/entities.js';
import { getShortestPaths, getSubgraph, MAX_PATH_HOPS, MAX_SUBGRAPH_DEPTH } from '../graph/explore.js';
import { getMostConnected, getStats, getTimeline } from '../graph/stats.js';
import { listDocuments } from '../graph/documents.js';
import { badUserInput } from './errors.js';
import { reviewQuery } from './review.js';
import { boundedCount, MAX_MIN_SOURCES, MAX_PAGE_SIZE, pageWindow, toConnection } from './pagination.js';

const MAX_SEARCH_LENGTH = 500;
const MAX_SUBGRAPH_IDS = 100;
const MAX_SUBGRAPH_LIMIT = 500;
const MAX_PATHS = 25;

export const Query: QueryResolvers = {
  ...reviewQuery,

  async node(_root, { id }, { loaders }) {
    if (id.startsWith('doc:')) return loaders.document.load(id);
    if (id.includes('|')) return loaders.relationship.load(id);
    return loaders.entity.load(id);
  },

  entity: (_root, { id }, { loaders }) => loaders.entity.load(id),

  relationship: (_root, { id }, { loaders }) => loaders.relationship.load(id),

  async entities(_root, { filter, orderBy, first, after }, { graph }) {
    const { offset, limit } = pageWindow(first, after);
    return toConnection(await listEntities(graph, filter ?? {}, orderBy ?? 'NAME_ASC', offset, limit));
  },

  async search(_root, { query, kinds, statuses, first }, { graph }) {
    if (query.trim().length === 0) throw badUserInput('"query" must contain at least one word', 'query');
    if (query.length > MAX_SEARCH_LENGTH) throw badUserInput(`"query" is limited to ${MAX_SEARCH_LENGTH} characters; got ${query.length}`, 'query');
    return searchEntities(graph, query, kinds, boundedCount('first', first, 10, 1, MAX_PAGE_SIZE), statuses);
  },

  async subgraph(_root, { centerId, ids, depth, kinds, types, statuses, minSources, includeCoMentions, limit }, { graph }) {
    if ((centerId == null) === (ids == null)) throw badUserInput('give exactly one of "centerId" or "ids"', centerId == null ? 'centerId' : 'ids');
    const startIds = centerId != null ? [centerId] : [...new Set(ids)];
    if (startIds.length === 0 || startIds.length > MAX_SUBGRAPH_IDS) throw badUserInput(`"ids" must hold 1–${MAX_SUBGRAPH_IDS} ids`, 'ids');
    return getSubgraph(graph, {
      ids: startIds,
      depth: boundedCount('depth', depth, 1, 0, MAX_SUBGRAPH_DEPTH),
      kinds,
      types,
      statuses,
      minSources: boundedCount('minSources', minSources, 1, 1, MAX_MIN_SOURCES),
      includeCoMentions,
      limit: boundedCount('limit', limit, 100, 1, MAX_SUBGRAPH_LIMIT),
    });
  },

  async paths(_root, { fromId, toId, maxHops, types, statuses, minSources, includeCoMentions, first }, { graph, loaders }) {
    const hops = boundedCount('maxHops', maxHops, 4, 1, MAX_PATH_HOPS);
    const count = boundedCount('first', first, 5, 1, MAX_PATHS);
    if (fromId === toId) {
      // A path from an entity to itself is the entity alone; Neo4j's shortest-path search refuses it.
      const entity = await loaders.entity.load(fromId);
      return entity ? [{ length: 0, nodes: [entity], hops: [] }] : [];
    }
    const paths = await getShortestPaths(graph, {
      fromId,
      toId,
      maxHops: hops,
      types,
      statuses,
      minSources: boundedCount('minSources', minSources, 1, 1, MAX_MIN_SOURCES),
      includeCoMentions,
      first: count,
    });
    for (const path of paths) loaders.primeEntities(...path.nodes);
    return paths;
  },

  stats: (_root, { statuses }, { graph }) => getStats(graph, statuses),

  async documents(_root, { first, after }, { graph }) {
    const { offset, limit } = pageWindow(first, after);
    return toConnection(await listDocuments(graph, offset, limit));
  },

  document: (_root, { id }, { loaders }) => loaders.document.load(id),

  async timeline(_root, { from, to, entityId, first }, { graph }) {
    if (from && to && from > to) throw badUserInput(`"from" (${from}) is after "to" (${to})`, 'from');
    return getTimeline(graph, { from, to, entityId, first: boundedCount('first', first, 50, 1, MAX_PAGE_SIZE) });
  },
};

export const Stats: StatsResolvers = {
  mostConnected: (_stats, { first }, { graph }) => getMostConnected(graph, boundedCount('first', first, 10, 1, MAX_PAGE_SIZE)),
};
