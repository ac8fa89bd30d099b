/** Top-level read fields: each validates its arguments and makes one data-layer call. */
import type { QueryResolvers, StatsResolvers } from '../generated/resolvers.js';
import { listEntities, searchEntities } from '../graph/entities.js';
import { getShortestPaths, getSubgraph, MAX_PATH_HOPS, MAX_SUBGRAPH_DEPTH } from '../graph/explore.js';
import { getMostConnected, getStats, getTimeline } from '../graph/stats.js';
import { listDocuments } from '../graph/documents.js';
import { classifyId } from '../domain/ids.js';
import { badUserInput } from '../domain/errors.js';
import { reviewQuery } from './review.js';
import { loadEntityLookingAhead } from './lookAhead.js';
import { boundedCount, MAX_MIN_SOURCES, MAX_PAGE_SIZE, pageWindow, toConnection } from './pagination.js';

const MAX_SEARCH_LENGTH = 500;
const MAX_SUBGRAPH_IDS = 100;
const MAX_SUBGRAPH_LIMIT = 500;
const MAX_PATHS = 25;

export const Query: QueryResolvers = {
  ...reviewQuery,

  async node(_root, { id }, { loaders }) {
    switch (classifyId(id)) {
      case 'entity':
        return loaders.entity.load(id);
      case 'document':
        return loaders.document.load(id);
      case 'relationship':
        return loaders.relationship.load(id);
      default:
        return null; // evidence is no Node, and a string of no id's form names nothing
    }
  },

  entity: (_root, { id }, context, info) => loadEntityLookingAhead(context, id, info),

  relationship: (_root, { id }, { loaders }) => loaders.relationship.load(id),

  async entities(_root, { filter, orderBy, first, after }, { graph, deadline }) {
    const { offset, limit } = pageWindow(first, after);
    return toConnection(await listEntities(graph, deadline, filter ?? {}, orderBy ?? 'NAME_ASC', offset, limit));
  },

  async search(_root, { query, kinds, statuses, first }, { graph, deadline }) {
    if (query.trim().length === 0) throw badUserInput('"query" must contain at least one word', 'query');
    if (query.length > MAX_SEARCH_LENGTH) throw badUserInput(`"query" is limited to ${MAX_SEARCH_LENGTH} characters; got ${query.length}`, 'query');
    return searchEntities(graph, deadline, query, kinds, boundedCount('first', first, 10, 1, MAX_PAGE_SIZE), statuses);
  },

  async subgraph(_root, { centerId, ids, depth, kinds, types, statuses, minSources, includeCoMentions, limit }, { graph, deadline }) {
    if ((centerId == null) === (ids == null)) throw badUserInput('give exactly one of "centerId" or "ids"', centerId == null ? 'centerId' : 'ids');
    const startIds = centerId != null ? [centerId] : [...new Set(ids)];
    if (startIds.length === 0 || startIds.length > MAX_SUBGRAPH_IDS) throw badUserInput(`"ids" must hold 1–${MAX_SUBGRAPH_IDS} ids`, 'ids');
    return getSubgraph(graph, deadline, {
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

  async paths(_root, { fromId, toId, maxHops, types, statuses, minSources, includeCoMentions, first }, { graph, deadline, loaders }) {
    const hops = boundedCount('maxHops', maxHops, 4, 1, MAX_PATH_HOPS);
    const count = boundedCount('first', first, 5, 1, MAX_PATHS);
    if (fromId === toId) {
      // A path from an entity to itself is the entity alone; Neo4j's shortest-path search refuses it.
      const entity = await loaders.entity.load(fromId);
      return entity ? [{ length: 0, nodes: [entity], hops: [] }] : [];
    }
    const paths = await getShortestPaths(graph, deadline, {
      fromId,
      toId,
      maxHops: hops,
      types,
      statuses,
      minSources: boundedCount('minSources', minSources, 1, 1, MAX_MIN_SOURCES),
      includeCoMentions,
      first: count,
    });
    for (const path of paths) loaders.rememberEntities(...path.nodes);
    return paths;
  },

  stats: (_root, { statuses }, { graph, deadline }) => getStats(graph, deadline, statuses),

  async documents(_root, { first, after }, { graph, deadline }) {
    const { offset, limit } = pageWindow(first, after);
    return toConnection(await listDocuments(graph, deadline, offset, limit));
  },

  document: (_root, { id }, { loaders }) => loaders.document.load(id),

  async timeline(_root, { from, to, entityId, first }, { graph, deadline }) {
    if (from && to && from > to) throw badUserInput(`"from" (${from}) is after "to" (${to})`, 'from');
    return getTimeline(graph, deadline, { from, to, entityId, first: boundedCount('first', first, 50, 1, MAX_PAGE_SIZE) });
  },
};

export const Stats: StatsResolvers = {
  mostConnected: (_stats, { first }, { graph, deadline }) => getMostConnected(graph, deadline, boundedCount('first', first, 10, 1, MAX_PAGE_SIZE)),
};
