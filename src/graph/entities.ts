/** Reading entities: by id (batched), as filtered and ordered pages, and by full-text search. */
import type { GraphClient, Statement } from './client.js';
import type { Deadline } from './deadline.js';
import type { EntityRecord, Page, SearchHitRecord } from './records.js';
import { GRAPH, RELATIONSHIP_TYPE_NAMES, type EntityKind } from '../domain/vocabulary.js';

const { entityLabel: E } = GRAPH;

/** Projection of an entity node (or an expression giving one) into an EntityRecord. */
export const ENTITY_PROJECTION = (node: string) => `properties(${node})`;

const entitiesByIds: Statement = {
  name: 'entities.byIds',
  cypher: `
    UNWIND $ids AS id
    MATCH (e:${E} {id: id})
    RETURN ${ENTITY_PROJECTION('e')} AS entity`,
};

/** The entities with these ids, in any order; unknown ids are simply absent. One round trip. */
export async function getEntitiesByIds(client: GraphClient, deadline: Deadline, ids: readonly string[]): Promise<EntityRecord[]> {
  const rows = await client.read<{ entity: EntityRecord }>(entitiesByIds, { ids }, deadline);
  return rows.map((row) => row.entity);
}

export type EntityOrder = 'NAME_ASC' | 'NAME_DESC' | 'DEGREE_DESC';

export interface EntityListFilter {
  kinds?: readonly EntityKind[] | null;
  nameContains?: string | null;
  relatedTo?: string | null;
}

const ORDER_CLAUSE: Record<EntityOrder, string> = {
  NAME_ASC: 'ORDER BY e.name ASC, e.id ASC',
  NAME_DESC: 'ORDER BY e.name DESC, e.id DESC',
  DEGREE_DESC: 'ORDER BY degree DESC, e.name ASC, e.id ASC',
};

const ENTITY_FILTER = `
  ($kinds IS NULL OR e.kind IN $kinds)
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
    offset,
    limit,
  }, deadline);
  return { items: row?.entities ?? [], totalCount: row?.total ?? 0, offset };
}

/** The full-text index (migration 5): the text fields, and `kind` so the kinds filter runs inside Lucene. */
export const ENTITY_SEARCH_INDEX = 'entity_text';
const TEXT_FIELDS = ['name', 'aliasText', 'description'] as const;

const searchStatement: Statement = {
  name: 'entities.search',
  cypher: `
    CALL db.index.fulltext.queryNodes('${ENTITY_SEARCH_INDEX}', $query, { limit: $limit })
    YIELD node, score
    RETURN ${ENTITY_PROJECTION('node')} AS entity, score
    ORDER BY score DESC, node.name ASC`,
};

/**
 * Full-text search. The user's words are escaped, so Lucene syntax ("AND (", "*", "\") is
 * searched for as plain text and can never raise a parse error. Each word also matches with a
 * small edit distance, so "Akazwa" still finds Akazawa; exact matches score higher. The kinds are
 * part of the Lucene query, so the index returns the true top `limit` of those kinds.
 */
export async function searchEntities(
  client: GraphClient,
  deadline: Deadline,
  text: string,
  kinds: readonly EntityKind[] | null | undefined,
  limit: number,
): Promise<SearchHitRecord[]> {
  const query = toLuceneQuery(text);
  if (!query) return [];
  return client.read<{ entity: EntityRecord; score: number }>(searchStatement, {
    query: kinds?.length ? withKinds(query, kinds) : query,
    limit,
  }, deadline);
}

/**
 * Requires one of the kinds. Boost 0: the clause filters without adding to the score, so the hits
 * keep the scores (and order) the text alone gives them. Kinds are enum names, safe as Lucene terms.
 */
function withKinds(query: string, kinds: readonly EntityKind[]): string {
  return `(${query}) AND kind:(${kinds.join(' OR ')})^0`;
}

const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
const MAX_TERMS = 16;

/**
 * Turns free text into a safe Lucene query over the text fields (never `kind`, which is indexed
 * too): each word exact (boosted) or fuzzy.
 */
export function toLuceneQuery(text: string): string {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}'’]+/u)
    .map((word) => word.replace(/['’]s?$/u, '').replace(/['’]/gu, ''))
    .filter((word) => word.length > 0)
    .slice(0, MAX_TERMS);
  if (words.length === 0) return '';
  const terms = words
    .map((word) => {
      const escaped = word.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
      // Lucene keywords are case-sensitive operators only in upper case; lower-casing disarms them.
      const term = escaped.toLowerCase();
      return word.length >= 4 ? `(${term}^2 OR ${term}~1)` : `${term}^2`;
    })
    .join(' ');
  return TEXT_FIELDS.map((field) => `${field}:(${terms})`).join(' OR ');
}
