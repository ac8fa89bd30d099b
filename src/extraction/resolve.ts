/**
 * Resolution across articles: each cluster of an article is matched by kind and normalised name
 * keys against the entities the graph already holds. One match: the facts attach to it (the seed's
 * curated ids survive). None: a new id from the name. Several: a new entity whose candidates go to
 * review — never a silent merge.
 */
import { createHash } from 'node:crypto';
import type { ExtractedEntity } from '../domain/extraction.js';
import type { MachineEntity, MachineRelationship } from '../domain/machineExtraction.js';
import { CO_MENTION } from '../domain/machineExtraction.js';
import { findMentions } from '../domain/mentions.js';
import { nameKeys } from '../domain/nameKeys.js';
import type { EntityKind } from '../domain/vocabulary.js';
import type { Cluster } from './clusters.js';
import type { LocalExtraction } from './extractArticle.js';
import { entityId, slugify } from '../domain/ids.js';

export interface NameQuery {
  kind: EntityKind;
  keys: string[];
}

/** For each query, the ids of existing entities of that kind with any of the keys (redirects followed). */
export type FindCandidates = (queries: NameQuery[]) => Promise<string[][]>;

/** A person is matched across articles by full name; a surname alone only when the article has nothing more. */
function matchKeys(cluster: Cluster): string[] {
  const forms = [...cluster.forms];
  if (cluster.actorType === 'PERSON') {
    const full = forms.filter((form) => form.trim().includes(' '));
    return nameKeys(cluster.name, full.length > 0 ? full : forms);
  }
  return nameKeys(cluster.name, forms);
}

export async function resolveEntities(local: LocalExtraction, findCandidates: FindCandidates): Promise<Map<Cluster, MachineEntity>> {
  const queries = local.clusters.map((cluster) => ({ kind: cluster.kind, keys: matchKeys(cluster) }));
  const candidates = await findCandidates(queries);
  const resolved = new Map<Cluster, MachineEntity>();
  local.clusters.forEach((cluster, index) => {
    const found = [...new Set(candidates[index] ?? [])];
    if (found.length === 0 && isLoneUntitledSurname(cluster)) return;
    const minted = cluster.country?.id ?? entityId(cluster.kind, slugify(cluster.name) || 'unnamed');
    const preferred = found.includes(minted) ? [minted] : found;
    const resolution = preferred.length === 1 ? 'EXISTING' : preferred.length === 0 ? 'NEW' : 'AMBIGUOUS';
    const id = resolution === 'EXISTING' ? preferred[0]! : resolution === 'NEW' ? minted : `${minted}-${shortHash(cluster.name + preferred.join())}`;
    const same = [...resolved.values()].find((other) => other.entity.id === id);
    if (same) {
      // Two spellings the article kept apart ("7th Surface-to-Ship Missile Regiment", "Seventh Regiment") are one known entity.
      same.entity.aliases = [...new Set([...same.entity.aliases, cluster.name, ...cluster.forms])].filter((form) => form !== same.entity.name);
      same.confidence = Math.max(same.confidence, round(cluster.confidence));
      resolved.set(cluster, same);
      return;
    }
    resolved.set(cluster, { entity: entityOf(cluster, id, local), resolution, candidates: resolution === 'AMBIGUOUS' ? preferred : [], confidence: round(cluster.confidence) });
  });
  return resolved;
}

/**
 * Entities every one of whose spellings only ever occurs inside a longer name of another ("Washington"
 * only in "USS George Washington") have no mention of their own: the graph layer would refuse them,
 * so they are left out, by the same rule it uses (src/domain/mentions.ts).
 */
export function withoutUnnamed(resolved: Map<Cluster, MachineEntity>, text: string): Map<Cluster, MachineEntity> {
  const named = new Set(findMentions(text, distinctEntities(resolved).map(({ entity }) => entity)).map((mention) => mention.entityId));
  return new Map([...resolved].filter(([, machine]) => named.has(machine.entity.id)));
}

/** Each entity once, though several clusters may have resolved to it. */
export const distinctEntities = (resolved: Map<Cluster, MachineEntity>): MachineEntity[] => [...new Set(resolved.values())];

/**
 * News text names a new person in full first. A lone capitalised word tagged PERSON, with no title,
 * no full name in the article and nobody of that name in the graph, is far more often a place,
 * a ship or a company ("Ishigaki", "Kaga") than a person: it is left out.
 */
function isLoneUntitledSurname(cluster: Cluster): boolean {
  return cluster.actorType === 'PERSON' && [...cluster.forms].every((form) => !form.trim().includes(' ')) && !cluster.mentions.some((m) => m.titled);
}

function entityOf(cluster: Cluster, id: string, local: LocalExtraction): ExtractedEntity {
  const aliases = [...cluster.forms].filter((form) => form !== cluster.name);
  const description = `${cluster.kind === 'Actor' ? (cluster.actorType === 'PERSON' ? 'Person' : 'Organisation or group') : cluster.kind} named in the article (machine-extracted).`;
  const base = { id, name: cluster.name, aliases, description };
  switch (cluster.kind) {
    case 'Actor': {
      const title = local.titles.get(cluster);
      return { ...base, kind: 'Actor', actorType: cluster.actorType ?? 'ORGANIZATION', ...(title?.rank ? { rank: title.rank } : {}), ...(title?.role ? { role: title.role } : {}) };
    }
    default:
      return { ...base, kind: cluster.kind } as ExtractedEntity;
  }
}

/** Typed links with every sentence that supports them, and the co-mentions no typed link covers. */
export function buildRelationships(local: LocalExtraction, entities: Map<Cluster, MachineEntity>, text: string): MachineRelationship[] {
  const byKey = new Map<string, MachineRelationship>();
  const typedPairs = new Set<string>();
  const add = (type: MachineRelationship['type'], source: Cluster, target: Cluster, sentence: number, basis: 'STATED' | 'INFERRED', confidence: number) => {
    const [sourceId, targetId] = [entities.get(source)?.entity.id, entities.get(target)?.entity.id];
    if (!sourceId || !targetId || sourceId === targetId) return;
    const key = `${type}|${sourceId}|${targetId}`;
    const [start, end] = local.sentenceSpans[sentence]!;
    const evidence = { quote: text.slice(start, end), start, end, basis };
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, { type, source: sourceId, target: targetId, confidence: round(confidence), evidence: [evidence] });
    else {
      existing.confidence = Math.max(existing.confidence, round(confidence));
      if (!existing.evidence.some((e) => e.start === start)) existing.evidence.push(evidence);
    }
  };
  for (const relation of local.relations) {
    add(relation.type, relation.source, relation.target, relation.sentence, relation.basis, relation.confidence);
    if (entities.has(relation.source) && entities.has(relation.target)) typedPairs.add(pairKey(entities, relation.source, relation.target));
  }
  for (const { source, target, sentence } of local.coMentions) {
    if (entities.has(source) && entities.has(target) && !typedPairs.has(pairKey(entities, source, target))) add(CO_MENTION, source, target, sentence, 'STATED', 0.3);
  }
  return [...byKey.values()];
}

const pairKey = (entities: Map<Cluster, MachineEntity>, a: Cluster, b: Cluster) => [entities.get(a)!.entity.id, entities.get(b)!.entity.id].sort().join('|');
const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 6);
const round = (value: number) => Math.round(value * 1000) / 1000;
