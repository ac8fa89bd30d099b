/**
 * Look-ahead for the `entity` root field: when its selection set asks for the entity's
 * relationships (and perhaps their evidence, or the relationships of the entities at the other
 * end), or else for its neighbours, one statement (src/graph/entityLookAhead.ts) reads all of it
 * and primes the request's loaders, so the nested resolvers find their answers without further round trips. Anything the
 * plan does not cover is loaded as usual, so a plan may be partial but never wrong.
 */
import { BREAK, getArgumentValues, isInterfaceType, Kind, visit, type ASTNode, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { EntityRecord } from '../graph/records.js';
import type { NeighborPageArgs, RelationshipPageArgs } from '../graph/relationships.js';
import { getEntityLookAhead, getEntityWithNeighbors } from '../graph/entityLookAhead.js';
import type { GraphContext } from './context.js';
import { argumentKey } from './loaders.js';
import { neighborPageArgs, relationshipPageArgs } from './entity.js';

/** Relationships read ahead: the first page, perhaps their evidence and the next level. */
export interface RelationshipsLookAhead {
  reads: 'relationships';
  page: RelationshipPageArgs;
  evidence: boolean;
  /** The loader arguments of the next level's pages (their window is the nested window), or null. */
  nestedPage: RelationshipPageArgs | null;
}

/** A page of neighbours read ahead (when no relationships are asked for). */
export interface NeighborsLookAhead {
  reads: 'neighbors';
  page: NeighborPageArgs;
}

export type EntityLookAhead = RelationshipsLookAhead | NeighborsLookAhead;

/** The fields called `name` directly in these selection sets, looking through fragments. */
function fieldsNamed(sets: readonly (SelectionSetNode | undefined)[], name: string, info: GraphQLResolveInfo): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return found;
}

/** Fields reached by following `path` from `fields`. */
const follow = (fields: readonly FieldNode[], path: readonly string[], info: GraphQLResolveInfo) =>
  path.reduce((current, name) => fieldsNamed(current.map((field) => field.selectionSet), name, info), fields);

/** The same page, whatever its window: compares direction and filter only, by the loader family's own key. */
const sameFilter = (a: RelationshipPageArgs, b: RelationshipPageArgs) => argumentKey({ ...a, offset: 0, limit: 0 }) === argumentKey({ ...b, offset: 0, limit: 0 });

/**
 * What the `entity` field's selection will surely ask for: its relationships (first), else its
 * neighbours; null when neither, or when their arguments are bad (the field's resolver reports them).
 */
export function planEntityLookAhead(info: GraphQLResolveInfo): EntityLookAhead | null {
  const entityType = info.schema.getType('Entity');
  if (!isInterfaceType(entityType)) return null;
  const fields = entityType.getFields();
  const argumentsOf = <T>(name: 'relationships' | 'neighbors', field: FieldNode, toPage: (args: Record<string, unknown>) => T): T | null => {
    try {
      return toPage(getArgumentValues(fields[name]!, field, info.variableValues));
    } catch {
      return null; // bad arguments: the field's own resolver reports them
    }
  };
  const pageArgs = (field: FieldNode) => argumentsOf('relationships', field, relationshipPageArgs);
  const [relationships] = follow(info.fieldNodes, ['relationships'], info);
  if (!relationships) {
    const [neighbors] = follow(info.fieldNodes, ['neighbors'], info);
    const page = neighbors && argumentsOf('neighbors', neighbors, neighborPageArgs);
    return page ? { reads: 'neighbors', page } : null;
  }
  const page = pageArgs(relationships);
  if (!page) return null;
  const nodes = follow([relationships], ['edges', 'node'], info);
  const evidence = follow(nodes, ['evidence'], info).length > 0;
  const endpoints = [...follow(nodes, ['target'], info), ...follow(nodes, ['source'], info)];
  const nestedPage = follow(endpoints, ['relationships'], info)
    .map(pageArgs)
    .find((args): args is RelationshipPageArgs => args !== null && sameFilter(args, page));
  return { reads: 'relationships', page, evidence, nestedPage: nestedPage ?? null };
}

/** Marks a field whose plan depends on the request's variables. */
const PER_REQUEST = Symbol('per request');

/**
 * Plans kept by the `entity` field they were made for, when nothing in its selection set uses a
 * variable. Apollo reuses one parsed document for every request with the same text, so its field
 * nodes are stable and a hot query is planned once; a WeakMap lets a plan go with its document.
 * One per app (src/server/app.ts), shared by its requests.
 */
export class LookAheadPlans {
  private readonly byField = new WeakMap<FieldNode, EntityLookAhead | null | typeof PER_REQUEST>();

  planFor(info: GraphQLResolveInfo): EntityLookAhead | null {
    const [field] = info.fieldNodes;
    if (!field || info.fieldNodes.length > 1) return planEntityLookAhead(info);
    let kept = this.byField.get(field);
    if (kept === undefined) {
      // The entity's own `id` is not part of the plan; only what its selection set asks is.
      kept = field.selectionSet && usesVariables(field.selectionSet, info) ? PER_REQUEST : freezePlan(planEntityLookAhead(info));
      this.byField.set(field, kept);
    }
    return kept === PER_REQUEST ? planEntityLookAhead(info) : kept;
  }
}

/** True when a variable appears under `node`, looking through fragment spreads. */
function usesVariables(node: ASTNode, info: GraphQLResolveInfo, seen = new Set<string>()): boolean {
  let found = false;
  visit(node, {
    Variable() {
      found = true;
      return BREAK;
    },
    FragmentSpread(spread) {
      const name = spread.name.value;
      const fragment = info.fragments[name];
      if (seen.has(name) || !fragment) return;
      seen.add(name);
      if (usesVariables(fragment, info, seen)) {
        found = true;
        return BREAK;
      }
    },
  });
  return found;
}

/** A kept plan is shared by every request that uses it, so nothing may change it. */
function freezePlan(plan: EntityLookAhead | null): EntityLookAhead | null {
  if (!plan) return plan;
  const pages = plan.reads === 'relationships' ? [plan.page, plan.nestedPage] : [plan.page];
  for (const page of pages) {
    if (!page) continue;
    for (const value of Object.values(page)) if (Array.isArray(value)) Object.freeze(value);
    Object.freeze(page);
  }
  return Object.freeze(plan);
}

/** The entity for the `entity` root field, with what its selection will ask for read ahead. */
export async function loadEntityLookingAhead(context: GraphContext, id: string, info: GraphQLResolveInfo): Promise<EntityRecord | null> {
  const plan = context.lookAheadPlans.planFor(info);
  const { loaders } = context;
  if (!plan) return loaders.entity.load(id);
  if (plan.reads === 'neighbors') {
    const read = await getEntityWithNeighbors(context.graph, context.deadline, id, plan.page);
    if (read === undefined) return loaders.entity.load(id); // a cached hub: its page is cheaper through the loader
    if (read === null) return null;
    loaders.entity.prime(id, read.entity);
    loaders.neighbors.prime(plan.page, [[read.entity.id, read.page]]);
    return read.entity;
  }
  const result = await getEntityLookAhead(context.graph, context.deadline, id, { page: plan.page, evidence: plan.evidence, nested: plan.nestedPage });
  if (!result) return null;
  loaders.entity.prime(id, result.entity);
  loaders.relationships.prime(plan.page, [[result.entity.id, result.page]]);
  for (const [relationshipId, evidence] of result.evidence) loaders.evidence.prime(relationshipId, evidence);
  if (plan.nestedPage) loaders.relationships.prime(plan.nestedPage, result.nestedPages);
  return result.entity;
}
