/** Reading entities: by id (batched), as filtered and ordered pages, and by full-text search. */
import type { GraphClient, Statement } from './client.js';
import type { Deadline } from './deadline.js';
import type { EntityRecord, Page, SearchHitRecord } from './records.js';
import { CURATION_STATUSES, DEFAULT_STATUSES, GRAPH, RELATIONSHIP_TYPE_NAMES, type CurationStatus, type EntityKind } from '../domain/vocabulary.js';

const { entityLabel: E, documentLabel: D, mentionsType: MENTIONS } = GRAPH;

/** Projection of an entity node (or an expression giving one) into an EntityRecord. */
export const ENTITY_PROJECTION = (node: string) => `properties(${node})`;

/**
 * The entity with the id in `id`, or for a merged-away id (src/graph/merge.ts: a MergedEntity with
 * a MERGED_INTO chain) its survivor, bound to `as`; rows with neither are dropped. `keep` lists
 * variables to carry along (e.g. `id, `).
 */
export const ENTITY_OR_SURVIVOR = (id: string, as: string, keep = '') => `
    OPTIONAL MATCH (asked:${E} {id: ${id}})
    OPTIONAL MATCH (:MergedEntity {id: ${id}})-[:MERGED_INTO*1..20]->(survivor:${E})
    WITH ${keep}coalesce(asked, survivor) AS ${as}
    WHERE ${as} IS NOT NULL`;

const entitiesByIds: Statement = {
  name: 'entities.byIds',
  cypher: `
    UNWIND $ids AS id${ENTITY_OR_SURVIVOR('id', 'found', 'id, ')}
    RETURN id, ${ENTITY_PROJECTION('found')} AS entity`,
};

/** The entities with these ids (a merged-away id gives its survivor), keyed by the id asked for; unknown ids are absent. */
export async function resolveEntityIds(client: GraphClient, deadline: Deadline, ids: readonly string[]): Promise<Map<string, EntityRecord>> {
  const rows = await client.read<{ id: string; entity: EntityRecord }>(entitiesByIds, { ids }, deadline);
  return new Map(rows.map((row) => [row.id, row.entity]));
}

/** The entities with these ids, in any order; unknown ids are simply absent. One round trip. */
export async function getEntitiesByIds(client: GraphClient, deadline: Deadline, ids: readonly string[]): Promise<EntityRecord[]> {
  return [...(await resolveEntityIds(client, deadline, ids)).values()];
}

const entitySources: Statement = {
  name: 'entities.sources',
  cypher: `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    RETURN id, COUNT { MATCH (d:${D})-[:${MENTIONS}]->(e) RETURN DISTINCT d } AS sources`,
};

/** Number of distinct documents mentioning each entity. */
export async function getEntitySources(client: GraphClient, deadline: Deadline, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await client.read<{ id: string; sources: number }>(entitySources, { ids }, deadline);
  return new Map(rows.map((row) => [row.id, row.sources]));
}

const entityCandidates: Statement = {
  name: 'entities.candidates',
  cypher: `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})-[:MAY_BE]->(c:${E})
    WITH id, c ORDER BY c.name, c.id
    RETURN id, collect(${ENTITY_PROJECTION('c')}) AS candidates`,
};

/** Existing entities each (ambiguous, proposed) entity may be the same as. */
export async function getEntityCandidates(client: GraphClient, deadline: Deadline, ids: readonly string[]): Promise<Map<string, EntityRecord[]>> {
  const rows = await client.read<{ id: string; candidates: EntityRecord[] }>(entityCandidates, { ids }, deadline);
  return new Map(rows.map((row) => [row.id, row.candidates]));
}

export type EntityOrder = 'NAME_ASC' | 'NAME_DESC' | 'DEGREE_DESC';

export interface EntityListFilter {
  kinds?: readonly EntityKind[] | null;
  nameContains?: string | null;
  relatedTo?: string | null;
  statuses?: readonly CurationStatus[] | null;
}

const ORDER_CLAUSE: Record<EntityOrder, string> = {
  NAME_ASC: 'ORDER BY e.name ASC, e.id ASC',
  NAME_DESC: 'ORDER BY e.name DESC, e.id DESC',
  DEGREE_DESC: 'ORDER BY degree DESC, e.name ASC, e.id ASC',
};

const ENTITY_FILTER = `
  ($kinds IS NULL OR e.kind IN $kinds)
  AND coalesce(e.curation, 'CURATED') IN $statuses
  AND ($needle IS NULL OR toLower(e.name) CONTAINS $needle
       OR any(alias IN e.aliases WHERE toLower(alias) CONTAINS $needle))
  AND ($relatedTo IS NULL OR EXISTS {
        MATCH (e)-[r]-(:${E} {id: $relatedTo}) WHERE type(r) IN $relationshipTypes })`;

/** One statement per order: ORDER BY cannot be a parameter, and these three are the only choices. */
const listEntitiesStatements = Object.fromEntries(
  (Object.keys(ORDER_CLAUSE) as EntityOrder[]).map((order) => [
    order,
    {
      name: `entities.list.${order}`,
      cypher: `
        CALL () {
          MATCH (e:${E}) WHERE ${ENTITY_FILTER}
          RETURN count(e) AS total
        }
        CALL () {
          MATCH (e:${E}) WHERE ${ENTITY_FILTER}
          WITH e, ${order === 'DEGREE_DESC' ? `COUNT { (e)-[r]-(:${E}) WHERE type(r) IN $relationshipTypes }` : '0'} AS degree
          ${ORDER_CLAUSE[order]}
          SKIP $offset LIMIT $limit
          RETURN collect(${ENTITY_PROJECTION('e')}) AS entities
        }
        RETURN total, entities`,
    } satisfies Statement,
  ]),
) as Record<EntityOrder, Statement>;

/** A page of entities and the total that match, in one round trip. */
export async function listEntities(
  client: GraphClient,
  deadline: Deadline,
  filter: EntityListFilter,
  order: EntityOrder,
  offset: number,
  limit: number,
): Promise<Page<EntityRecord>> {
  const [row] = await client.read<{ total: number; entities: EntityRecord[] }>(listEntitiesStatements[order], {
    kinds: filter.kinds?.length ? filter.kinds : null,
    needle: filter.nameContains ? filter.nameContains.toLowerCase() : null,
    relatedTo: filter.relatedTo ?? null,
    relationshipTypes: RELATIONSHIP_TYPE_NAMES,
    statuses: filter.statuses?.length ? filter.statuses : DEFAULT_STATUSES,
    offset,
    limit,
  }, deadline);
  return { items: row?.entities ?? [], totalCount: row?.total ?? 0, offset };
}

/** The full-text index (migration 5): the text fields, and `kind` so the kinds filter runs inside Lucene. */
export const ENTITY_SEARCH_INDEX = 'entity_text';
const TEXT_FIELDS = ['name', 'aliasText', 'description'] as const;

/**
 * The largest page `search` serves (MAX_PAGE_SIZE). A text with at least this many exact matches is
 * answered from them alone, so which query answers never depends on the page size asked for.
 */
export const EXACT_MATCHES_ENOUGH = 100;

/**
 * The search hits as `node` and `score`: the exact query ($exact) first, the typo-tolerant one
 * ($tolerant) only when the exact one finds fewer than `enough` matches, in one statement. The
 * tolerant query holds the exact terms too, so when it finds nothing neither did the exact one.
 * `limit` and `enough` are Cypher expressions (parameters or literals); the benchmark's peer runs
 * the same clauses.
 */
export const exactThenTolerantHits = (limit: string, enough: string) => `
    CALL db.index.fulltext.queryNodes('${ENTITY_SEARCH_INDEX}', $exact, { limit: ${enough} })
    YIELD node, score
    WITH collect({ node: node, score: score }) AS exact
    CALL (exact) {
      WITH exact WHERE size(exact) < ${enough} AND $tolerant IS NOT NULL
      CALL db.index.fulltext.queryNodes('${ENTITY_SEARCH_INDEX}', $tolerant, { limit: ${limit} })
      YIELD node, score
      RETURN collect({ node: node, score: score }) AS tolerant
    }
    UNWIND CASE WHEN size(tolerant) > 0 THEN tolerant ELSE exact[0..${limit}] END AS hit
    WITH hit.node AS node, hit.score AS score`;

const searchStatement: Statement = {
  name: 'entities.search',
  cypher: `${exactThenTolerantHits('$limit', '$enough')}
    RETURN ${ENTITY_PROJECTION('node')} AS entity, score
    ORDER BY score DESC, node.name ASC`,
};

/**
 * Full-text search. Only the words of the user's text (letters and digits) reach Lucene, so Lucene
 * syntax ("AND (", "*", "\") is searched for as plain text and can never raise a parse error. A text the graph uses often
 * (EXACT_MATCHES_ENOUGH exact matches) is answered from its exact matches; otherwise each word
 * also matches at a small edit distance, so "Akazwa" still finds Akazawa and exact matches score
 * higher. Matching every word at an edit distance over a million names is what made search slow
 * down with the graph (decision 025). The kinds are part of the Lucene queries, so the index
 * returns the true top `limit` of those kinds.
 */
export async function searchEntities(
  client: GraphClient,
  deadline: Deadline,
  text: string,
  kinds: readonly EntityKind[] | null | undefined,
  limit: number,
  statuses?: readonly CurationStatus[] | null,
): Promise<SearchHitRecord[]> {
  const queries = toLuceneQueries(text);
  if (!queries) return [];
  const filtered = (query: string) => withFilters(query, kinds?.length ? kinds : null, statuses?.length ? statuses : DEFAULT_STATUSES);
  return client.read<{ entity: EntityRecord; score: number }>(searchStatement, {
    exact: filtered(queries.exact),
    tolerant: queries.tolerant === null ? null : filtered(queries.tolerant),
    enough: Math.max(limit, EXACT_MATCHES_ENOUGH),
    limit,
  }, deadline);
}

/**
 * Requires one of the kinds and one of the curation statuses, inside the index, so the top hits are
 * the true top hits. Boost 0: the clauses filter without adding to the score, so the hits keep the
 * scores (and order) the text alone gives them. Kinds and statuses are enum names, safe as Lucene
 * terms. An entity without a status counts as CURATED (as everywhere else), so when CURATED is asked
 * for, the other statuses are excluded instead of the asked ones required.
 */
function withFilters(query: string, kinds: readonly EntityKind[] | null, statuses: readonly CurationStatus[]): string {
  const kindClause = kinds ? ` AND kind:(${kinds.join(' OR ')})^0` : '';
  const excluded = CURATION_STATUSES.filter((status) => !statuses.includes(status));
  const statusClause = statuses.includes('CURATED')
    ? excluded.length ? ` AND NOT curation:(${excluded.join(' OR ')})` : ''
    : ` AND curation:(${statuses.join(' OR ')})^0`;
  return `(${query})${kindClause}${statusClause}`;
}

const MAX_TERMS = 16;
/** Shorter words are matched exactly only: one edit away from a three-letter word is too many words. */
const MIN_TYPO_WORD = 4;

/** The Lucene queries for one text; `tolerant` is null when no word is long enough to allow a typo. */
export interface LuceneQueries {
  /** Each word exactly. */
  exact: string;
  /** Each word exactly (boosted) or at edit distance 1. */
  tolerant: string | null;
}

/**
 * Turns free text into safe Lucene queries over the text fields (never `kind`, which is indexed
 * too). The words keep only letters and digits, so no Lucene special character survives to escape.
 */
export function toLuceneQueries(text: string): LuceneQueries | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}'’]+/u)
    .map((word) => word.replace(/['’]s?$/u, '').replace(/['’]/gu, ''))
    .filter((word) => word.length > 0)
    .slice(0, MAX_TERMS);
  if (words.length === 0) return null;
  // Lucene keywords are case-sensitive operators only in upper case; lower-casing disarms them.
  const terms = words.map((word) => word.toLowerCase());
  const overFields = (clauses: readonly string[]) => TEXT_FIELDS.map((field) => `${field}:(${clauses.join(' ')})`).join(' OR ');
  const typos = words.some((word) => word.length >= MIN_TYPO_WORD);
  const tolerant = typos ? overFields(terms.map((term, i) => (words[i]!.length >= MIN_TYPO_WORD ? `(${term}^2 OR ${term}~1)` : `${term}^2`))) : null;
  return { exact: overFields(terms), tolerant };
}
