/**
 * Which links a list follows: relationship types, curation statuses, a minimum number of sources,
 * and whether the weak co-mention links count. Turned into a relationship pattern plus a WHERE
 * fragment; labels and types cannot be parameters, so every combination is a variant with its own
 * statement name, built from these constants only.
 *
 * REJECTED relationships are stored under their own Neo4j types (src/graph/review.ts), so the
 * default (CURATED and PROPOSED, all typed links) is exactly ANY_DOMAIN_TYPE in the pattern: no
 * property filter, the degree store answers counts, and hubs stay as fast as before.
 */
import { CO_MENTION, DEFAULT_STATUSES, RELATIONSHIP_TYPE_NAMES, type CurationStatus, type LinkType } from '../domain/vocabulary.js';

/** A rejected typed relationship keeps its type in `rejectedType`. */
export const REJECTED_TYPE = 'REJECTED_RELATIONSHIP';
/** A rejected co-mention: a type of its own so rejected typed links can be listed without co-mentions. */
export const REJECTED_CO_MENTION_TYPE = 'REJECTED_CO_MENTION';

/** Every domain relationship type as a pattern alternative (typed links only; see relationships.ts). */
export const ANY_DOMAIN_TYPE = RELATIONSHIP_TYPE_NAMES.join('|');
/** Every entity-to-entity link type, whatever its status: for writes that must see them all. */
export const ANY_LINK_TYPE = [...RELATIONSHIP_TYPE_NAMES, CO_MENTION, REJECTED_TYPE, REJECTED_CO_MENTION_TYPE].join('|');

/** The type of a relationship bound to `r`, for a rejected one its original type. */
export const LINK_TYPE = (r: string) => `coalesce(${r}.rejectedType, type(${r}))`;

export interface LinkFilter {
  types?: readonly LinkType[] | null;
  statuses?: readonly CurationStatus[] | null;
  minSources?: number | null;
  includeCoMentions?: boolean | null;
}

export interface LinkVariant {
  /** Suffix of statement names; '' for the default. */
  readonly key: string;
  /** The relationship inside a pattern, bound to `r`, e.g. `r:LEADS|USES` or `r`. */
  readonly rel: string;
  /** Types for a variable-length pattern (`:A|B`, or '' when typed by the WHERE). */
  readonly pathTypes: string;
  /** Conditions on `r` ('true' when none). */
  readonly where: string;
  /** True for the default: the degree store counts it and hub caches apply. */
  readonly plain: boolean;
}

interface VariantShape {
  filtered: boolean;
  coMentions: boolean;
  rejected: boolean;
  byStatus: boolean;
  byMinSources: boolean;
}

function buildVariant(shape: VariantShape): LinkVariant {
  const conditions: string[] = [];
  let types = '';
  if (shape.filtered) {
    conditions.push(`${LINK_TYPE('r')} IN $types`);
  } else {
    types = [ANY_DOMAIN_TYPE, ...(shape.coMentions ? [CO_MENTION] : []), ...(shape.rejected ? [REJECTED_TYPE] : []), ...(shape.rejected && shape.coMentions ? [REJECTED_CO_MENTION_TYPE] : [])].join('|');
  }
  if (shape.byStatus) conditions.push('r.curation IN $statuses');
  if (shape.byMinSources) conditions.push('r.sources >= $minSources');
  const key = [
    shape.filtered ? 'filtered' : 'allTypes',
    shape.coMentions ? 'co' : '',
    shape.rejected ? 'rejected' : '',
    shape.byStatus ? 'status' : '',
    shape.byMinSources ? 'minSources' : '',
  ]
    .filter(Boolean)
    .join('.');
  const plain = !shape.filtered && !shape.coMentions && !shape.rejected && !shape.byStatus && !shape.byMinSources;
  return {
    key: plain ? '' : key.replace(/^allTypes\.?/, '').replace(/^(.)/, '.$1'),
    rel: types ? `r:${types}` : 'r',
    pathTypes: types ? `:${types}` : '',
    where: conditions.length ? conditions.join(' AND ') : 'true',
    plain,
  };
}

const bools = [false, true];
/** Every variant, so statements can be built once at load time. */
export const LINK_VARIANTS: readonly LinkVariant[] = bools.flatMap((filtered) =>
  bools.flatMap((coMentions) =>
    bools.flatMap((rejected) =>
      bools.flatMap((byStatus) =>
        bools.flatMap((byMinSources) =>
          // A filtered variant names its types in $types, so co-mentions and rejection need no pattern of
          // their own, and it always filters by status (its pattern would see rejected links too).
          filtered && (coMentions || rejected || !byStatus) ? [] : [buildVariant({ filtered, coMentions, rejected, byStatus, byMinSources })],
        ),
      ),
    ),
  ),
);

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The variant for a filter and the parameters its statement needs. */
export function linkVariant(filter: LinkFilter): { variant: LinkVariant; params: Record<string, unknown> } {
  const statuses = filter.statuses?.length ? [...new Set(filter.statuses)] : [...DEFAULT_STATUSES];
  const coMentions = Boolean(filter.includeCoMentions) || Boolean(filter.types?.includes(CO_MENTION));
  const typed = filter.types?.filter((t) => t !== CO_MENTION) ?? [];
  const allTyped = typed.length === 0 ? !filter.types?.length : RELATIONSHIP_TYPE_NAMES.every((t) => typed.includes(t));
  // Asked for co-mentions only (types: [CO_MENTIONED_WITH]): a filtered variant.
  const filtered = !allTyped;
  const rejected = statuses.includes('REJECTED');
  const byStatus = !sameSet(statuses, DEFAULT_STATUSES) && !sameSet(statuses, ['CURATED', 'PROPOSED', 'REJECTED']);
  const minSources = filter.minSources ?? 1;
  const byMinSources = minSources > 1;
  const shape = { filtered, coMentions: filtered ? false : coMentions, rejected: filtered ? false : rejected, byStatus: filtered ? true : byStatus, byMinSources };
  const variant = LINK_VARIANTS.find((v) => v.key === buildVariant(shape).key)!;
  const params: Record<string, unknown> = {};
  if (filtered) params.types = [...typed, ...(coMentions ? [CO_MENTION] : [])];
  if (shape.byStatus) params.statuses = statuses;
  if (byMinSources) params.minSources = minSources;
  return { variant, params };
}
