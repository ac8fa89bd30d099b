/**
 * Merging entities, reversibly. The merged-away entity stays as a node: its Entity and kind labels
 * give way to MergedEntity (so no list, path or count sees it) and a MERGED_INTO edge points at the
 * survivor, which is how `entity(id)` redirects (src/graph/entities.ts). Its links are copied onto
 * the survivor and then deleted, their exact shape kept as a snapshot on the (:EntityMerge) record;
 * mentions and evidence are copied, the originals kept. Everything the merge created carries its
 * `mergeId`, so `unmergeEntity` deletes exactly that, restores the links from the snapshot and
 * takes back the aliases the survivor gained.
 */
import { randomUUID } from 'node:crypto';
import type { GraphClient, Row, Statement } from './client.js';
import type { MergeRecord } from './records.js';
import type { Deadline } from './deadline.js';
import { CO_MENTION, ENTITY_KIND_NAMES, GRAPH, LINK_TYPE_NAMES, type EntityKind } from '../domain/vocabulary.js';
import { nameKeys } from '../domain/nameKeys.js';
import { ANY_LINK_TYPE, REJECTED_CO_MENTION_TYPE, REJECTED_TYPE } from './linkFilter.js';
import { recountSources } from './ingest.js';
import { parseRelationshipId, relationshipId } from '../domain/ids.js';
import { relationshipEndpoints } from './relationshipKeys.js';
import { SET_NAME_KEYS } from './nameKeyIndex.js';
import { recomputeDegrees } from './degree.js';

const { entityLabel: E, documentLabel: D, evidenceLabel: EV, mentionsType: MENTIONS, citesType: CITES } = GRAPH;
const MERGED = 'MergedEntity';
const MERGED_INTO = 'MERGED_INTO';
const RECORD = 'EntityMerge';
const STORED_TYPES = [...LINK_TYPE_NAMES, REJECTED_TYPE, REJECTED_CO_MENTION_TYPE];

export class MergeNotFoundError extends Error {
  override name = 'MergeNotFoundError';
}
export class MergeInputError extends Error {
  override name = 'MergeInputError';
}
export class MergeConflictError extends Error {
  override name = 'MergeConflictError';
}

type Run = (statement: Statement, params?: Record<string, unknown>) => Promise<Row[]>;

interface LinkSnapshot {
  type: string;
  source: string;
  target: string;
  props: Record<string, unknown>;
}

const entityStates: Statement = {
  name: 'merge.entities',
  cypher: `UNWIND $ids AS id MATCH (e:${E} {id: id}) RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases`,
};

const linksOf: Statement = {
  name: 'merge.linksOf',
  cypher: `
    MATCH (m:${E} {id: $id})-[r:${ANY_LINK_TYPE}]-(:${E})
    RETURN DISTINCT type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, properties(r) AS props`,
};

/** Copies of links onto new endpoints; a link the survivor already has is left as it is. One statement per stored type. */
const copyLinksOfType = Object.fromEntries(
  STORED_TYPES.map((type) => [
    type,
    {
      name: `merge.copyLinks.${type}`,
      cypher: `
        UNWIND $rows AS row
        MATCH (s:${E} {id: row.source}), (t:${E} {id: row.target})
        OPTIONAL MATCH (s)-[existing:${type}]->(t) WHERE existing.id = row.props.id
        WITH s, t, row, existing WHERE existing IS NULL
        CREATE (s)-[n:${type}]->(t)
        SET n = row.props, n.${'mergeId'} = $mergeId`,
    } satisfies Statement,
  ]),
) as Record<string, Statement>;

const copyEvidence: Statement = {
  name: 'merge.copyEvidence',
  cypher: `
    UNWIND $rows AS row
    MATCH (ev:${EV} {relationshipId: row.from})-[:${CITES}]->(d:${D})
    // The survivor's link may quote the same passage already.
    WHERE NOT EXISTS { MATCH (same:${EV} {relationshipId: row.to}) WHERE same.documentId = ev.documentId AND same.start = ev.start AND same.end = ev.end }
    WITH row, ev, d, row.idPrefix + '|' + ev.documentId + '|' + toString(ev.start) + '|' + toString(ev.end) AS copyId
    MERGE (copy:${EV} {id: copyId})
    ON CREATE SET copy = ev { .*, id: copyId, relationshipId: row.to, mergeId: $mergeId }
    MERGE (copy)-[:${CITES}]->(d)`,
};

const deleteLinksOf: Statement = {
  name: 'merge.deleteLinksOf',
  cypher: `MATCH (m:${E} {id: $id})-[r:${ANY_LINK_TYPE}]-(:${E}) DELETE r`,
};

const copyMentions: Statement = {
  name: 'merge.copyMentions',
  cypher: `
    MATCH (d:${D})-[m:${MENTIONS}]->(:${E} {id: $id})
    MATCH (s:${E} {id: $survivorId})
    MERGE (d)-[x:${MENTIONS} {start: m.start}]->(s)
    ON CREATE SET x.end = m.end, x.text = m.text, x.mergeId = $mergeId`,
};

const retire: Statement = {
  name: 'merge.retire',
  cypher: `
    MATCH (m:${E} {id: $id}), (s:${E} {id: $survivorId})
    REMOVE m:${E}:${ENTITY_KIND_NAMES.join(':')}
    SET m:${MERGED}
    CREATE (m)-[:${MERGED_INTO} {mergeId: $mergeId}]->(s)
    CREATE (:${RECORD} {id: $mergeId, mergedId: $id, survivorId: $survivorId, mergedBy: $by, mergedAt: toString(datetime()),
                        links: $links, addedAliases: $addedAliases})`,
};

const setNames: Statement = {
  name: 'merge.setNames',
  cypher: `
    MATCH (e:${E} {id: $id})
    SET e.aliases = $aliases, e.aliasText = reduce(text = '', alias IN $aliases | text + alias + ' | ')
    ${SET_NAME_KEYS('e', '$nameKeys')}`,
};

/** `id|TYPE|other` with `from` replaced by `to`; null when the link would join `to` to itself. */
function rewrite(link: LinkSnapshot, from: string, to: string): LinkSnapshot | null {
  let source = link.source === from ? to : link.source;
  let target = link.target === from ? to : link.target;
  if (source === target) return null;
  const idType = parseRelationshipId(String(link.props.id))!.type;
  if (idType === CO_MENTION && source > target) [source, target] = [target, source];
  return { ...link, source, target, props: { ...link.props, id: relationshipId({ source, type: idType, target }) } };
}

async function copyLinks(run: Run, links: LinkSnapshot[], mergeId: string): Promise<void> {
  for (const type of STORED_TYPES) {
    const rows = links.filter((l) => l.type === type).map(({ source, target, props }) => ({ source, target, props }));
    if (rows.length) await run(copyLinksOfType[type]!, { rows, mergeId });
  }
}

/** Merges `ids` into `survivorId`, recorded with `by`; returns the survivor's id. */
export async function mergeEntities(client: GraphClient, survivorId: string, ids: readonly string[], by: string): Promise<string> {
  const merged = [...new Set(ids)];
  if (merged.includes(survivorId)) throw new MergeInputError(`"${survivorId}" cannot be merged into itself`);
  if (!merged.length) throw new MergeInputError('"ids" must name at least one entity');
  return client.writeTransaction(async (run) => {
    const states = (await run(entityStates, { ids: [survivorId, ...merged] })) as { id: string; kind: EntityKind; name: string; aliases: string[] }[];
    const byId = new Map(states.map((s) => [s.id, s]));
    const missing = [survivorId, ...merged].filter((id) => !byId.has(id));
    if (missing.length) throw new MergeNotFoundError(`no entity has the id ${missing.map((id) => `"${id}"`).join(', ')}`);
    const survivor = byId.get(survivorId)!;
    const otherKind = merged.find((id) => byId.get(id)!.kind !== survivor.kind);
    if (otherKind) throw new MergeInputError(`"${otherKind}" is a ${byId.get(otherKind)!.kind} and "${survivorId}" a ${survivor.kind}: change the kind first (changeEntityKind)`);

    let aliases = [...survivor.aliases];
    const touched = new Set<string>([survivorId]);
    for (const id of merged) {
      const mergeId = randomUUID();
      const links = (await run(linksOf, { id })) as unknown as LinkSnapshot[];
      const moved = links.map((link) => rewrite(link, id, survivorId)).filter((link): link is LinkSnapshot => link !== null);
      await copyLinks(run, moved, mergeId);
      await run(copyEvidence, {
        mergeId,
        rows: links.flatMap((link) => {
          const target = rewrite(link, id, survivorId);
          return target ? [{ from: link.props.id, to: target.props.id, idPrefix: `merge:${mergeId}:${String(target.props.id)}` }] : [];
        }),
      });
      await run(deleteLinksOf, { id });
      await run(copyMentions, { id, survivorId, mergeId });
      const entity = byId.get(id)!;
      const added = [entity.name, ...entity.aliases].filter((alias) => alias !== survivor.name && !aliases.includes(alias));
      aliases = [...aliases, ...added];
      await run(retire, { id, survivorId, mergeId, by, links: JSON.stringify(links), addedAliases: added });
      await run(recountSources, { relationships: relationshipEndpoints(moved.map((l) => String(l.props.id))) });
      for (const link of links) touched.add(link.source).add(link.target);
    }
    await run(setNames, { id: survivorId, aliases, nameKeys: nameKeys(survivor.name, aliases) });
    touched.delete('');
    await recomputeDegrees(run, [...touched].filter((id) => !merged.includes(id)));
    return survivorId;
  });
}

const findMerge: Statement = {
  name: 'merge.find',
  cypher: `
    MATCH (m:${MERGED} {id: $id})-[:${MERGED_INTO}]->(s)
    MATCH (r:${RECORD} {mergedId: $id}) WHERE r.undoneAt IS NULL
    RETURN r.id AS mergeId, s.id AS survivorId, s:${E} AS survivorActive, m.kind AS kind, r.links AS links, r.addedAliases AS addedAliases`,
};

const dropMergeCopies: Statement = {
  name: 'merge.dropCopies',
  cypher: `
    CALL () { MATCH (:${E} {id: $survivorId})-[r:${ANY_LINK_TYPE}]-(:${E}) WHERE r.mergeId = $mergeId RETURN collect(DISTINCT r) AS links }
    CALL () { MATCH (ev:${EV}) WHERE ev.mergeId = $mergeId RETURN collect(ev) AS evidence, collect(DISTINCT ev.relationshipId) AS relationshipIds }
    CALL () { MATCH (:${D})-[x:${MENTIONS}]->(:${E} {id: $survivorId}) WHERE x.mergeId = $mergeId RETURN collect(x) AS mentions }
    FOREACH (r IN links | DELETE r)
    FOREACH (ev IN evidence | DETACH DELETE ev)
    FOREACH (x IN mentions | DELETE x)
    RETURN relationshipIds`,
};

const reviveOfKind = Object.fromEntries(
  ENTITY_KIND_NAMES.map((kind) => [
    kind,
    {
      name: `merge.revive.${kind}`,
      cypher: `
        MATCH (m:${MERGED} {id: $id})-[into:${MERGED_INTO}]->()
        DELETE into
        REMOVE m:${MERGED}
        SET m:${E}:${kind}
        WITH m
        MATCH (r:${RECORD} {id: $mergeId})
        SET r.undoneAt = toString(datetime()), r.undoneBy = $by`,
    } satisfies Statement,
  ]),
) as Record<EntityKind, Statement>;

const survivorNames: Statement = { name: 'merge.survivorNames', cypher: `MATCH (e:${E} {id: $id}) RETURN e.name AS name, e.aliases AS aliases` };

/** Reverses the merge of `id`; returns the restored id. */
export async function unmergeEntity(client: GraphClient, id: string, by: string): Promise<string> {
  return client.writeTransaction(async (run) => {
    const [merge] = (await run(findMerge, { id })) as { mergeId: string; survivorId: string; survivorActive: boolean; kind: EntityKind; links: string; addedAliases: string[] }[];
    if (!merge) throw new MergeNotFoundError(`"${id}" is not a merged-away entity`);
    if (!merge.survivorActive) throw new MergeConflictError(`"${merge.survivorId}", which "${id}" was merged into, was merged away since: unmerge it first`);
    const [dropped] = (await run(dropMergeCopies, { survivorId: merge.survivorId, mergeId: merge.mergeId })) as [{ relationshipIds: string[] }];
    await run(reviveOfKind[merge.kind], { id, mergeId: merge.mergeId, by });
    const links = JSON.parse(merge.links) as LinkSnapshot[];
    await copyLinks(run, links, merge.mergeId);
    // The restored links are the originals, not merge copies.
    await run(clearMergeId, { relationships: relationshipEndpoints(links.map((l) => String(l.props.id))), mergeId: merge.mergeId });
    const [names] = (await run(survivorNames, { id: merge.survivorId })) as [{ name: string; aliases: string[] }];
    const aliases = names.aliases.filter((alias) => !merge.addedAliases.includes(alias));
    await run(setNames, { id: merge.survivorId, aliases, nameKeys: nameKeys(names.name, aliases) });
    await run(recountSources, { relationships: relationshipEndpoints([...dropped.relationshipIds, ...links.map((l) => String(l.props.id))]) });
    await recomputeDegrees(run, [id, merge.survivorId, ...links.flatMap((l) => [l.source, l.target])]);
    return id;
  });
}

const clearMergeId: Statement = {
  name: 'merge.clearMergeId',
  cypher: `
    UNWIND $relationships AS rel
    MATCH (:${E} {id: rel.source})-[r:${ANY_LINK_TYPE}]->(:${E} {id: rel.target})
    WHERE r.id = rel.id AND r.mergeId = $mergeId
    REMOVE r.mergeId`,
};

const mergesInto: Statement = {
  name: 'merge.into',
  cypher: `
    UNWIND $ids AS id
    MATCH (r:${RECORD} {survivorId: id}) WHERE r.undoneAt IS NULL
    WITH id, r ORDER BY r.mergedAt DESC
    RETURN id, collect(r { .mergedId, .survivorId, .mergedBy, .mergedAt }) AS merges`,
};

/** The live merges into each entity, newest first. */
export async function getMergesInto(client: GraphClient, deadline: Deadline, ids: readonly string[]): Promise<Map<string, MergeRecord[]>> {
  const rows = await client.read<{ id: string; merges: MergeRecord[] }>(mergesInto, { ids }, deadline);
  return new Map(rows.map((row) => [row.id, row.merges]));
}
