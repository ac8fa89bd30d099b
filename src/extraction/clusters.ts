/**
 * Resolution within one article: mentions that name the same entity become one cluster. A surname
 * alone joins the full name ("Akazawa" → "Ryosei Akazawa"), an acronym joins its expansion ("GSDF"),
 * "Defense Ministry" joins "Ministry of Defense", honorifics are dropped, and every name, demonym or
 * capital of a country joins that country.
 */
import { nameKey } from '../domain/nameKeys.js';
import type { ActorType, EntityKind } from '../domain/vocabulary.js';
import type { CountryRecord } from './countries.js';
import { HONORIFICS } from './lexicon.js';
import type { Mention } from './mentions.js';

export interface Cluster {
  kind: EntityKind;
  name: string;
  /** Every surface form used in the article, the name included. */
  forms: Set<string>;
  mentions: Mention[];
  actorType?: ActorType;
  country?: CountryRecord;
  confidence: number;
}

const ORGANISATION_HEADS = 'ministry|department|agency|office|bureau|council|commission|committee|administration';
const OF_FORM = new RegExp(`^(${ORGANISATION_HEADS}) of (?:the )?(.+)$`);

/** "ministry of defense" and "defense ministry" are one name. */
function canonicalKey(name: string): string {
  const key = nameKey(name);
  const match = OF_FORM.exec(key);
  return match ? `${match[2]} ${match[1]}` : key;
}

/** "Ground Self-Defense Force" → "GSDF"; small words do not count. */
function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((word) => !/^(of|the|and|for|on|in)$/i.test(word) && /^\p{Lu}/u.test(word))
    .map((word) => word[0])
    .join('');
}

const isAcronym = (text: string) => /^[A-Z]{2,7}$/.test(text.replace(/\./g, ''));

function stripHonorifics(name: string): string {
  const words = name.split(/\s+/);
  while (words.length > 1 && HONORIFICS.has(words[0]!.toLowerCase())) words.shift();
  return words.join(' ');
}

export function clusterMentions(mentions: readonly Mention[], text: string): Cluster[] {
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const keyOf = (kind: EntityKind, key: string) => `${kind}\u0000${key}`;
  const join = (cluster: Cluster, mention: Mention, ...forms: string[]) => {
    cluster.mentions.push(mention);
    for (const form of [mention.text, ...mention.forms, ...forms]) cluster.forms.add(form);
    cluster.confidence = Math.max(cluster.confidence, mention.confidence);
    for (const form of cluster.forms) byKey.set(keyOf(cluster.kind, canonicalKey(form)), cluster);
  };
  const create = (mention: Mention, name: string): Cluster => {
    const cluster: Cluster = {
      kind: mention.kind,
      name,
      forms: new Set(),
      mentions: [],
      confidence: mention.confidence,
      ...(mention.actorType ? { actorType: mention.actorType } : {}),
      ...(mention.country ? { country: mention.country } : {}),
    };
    clusters.push(cluster);
    join(cluster, mention, name);
    return cluster;
  };

  const expansions = parenthesisedAcronyms(mentions, text);
  // Longest first, so a full name exists before its surname or acronym is seen.
  const ordered = [...mentions].sort((a, b) => b.text.length - a.text.length || a.start - b.start);
  for (const mention of ordered) {
    if (mention.country) {
      const existing = byKey.get(keyOf('Country', mention.country.id));
      if (existing) join(existing, mention);
      else byKey.set(keyOf('Country', mention.country.id), create(mention, mention.country.name));
      continue;
    }
    const name = mention.kind === 'Actor' && mention.actorType === 'PERSON' ? stripHonorifics(mention.text) : mention.forms[0] ?? mention.text;
    const expansion = expansions.get(name);
    const found =
      byKey.get(keyOf(mention.kind, canonicalKey(name))) ??
      (expansion ? clusters.find((cluster) => cluster.mentions.includes(expansion)) : undefined) ??
      partialMatch(clusters, mention, name);
    if (found) join(found, mention, name);
    else create(mention, name);
  }

  for (const [acronym, expansion] of expansions) clusters.find((cluster) => cluster.mentions.includes(expansion))?.forms.add(acronym);
  return clusters.sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}

/** A surname (or given name) alone names a person already named in full; an acronym names its expansion. */
function partialMatch(clusters: Cluster[], mention: Mention, name: string): Cluster | undefined {
  if (mention.actorType === 'PERSON' && !name.includes(' ')) {
    const candidates = clusters.filter((c) => c.actorType === 'PERSON' && [...c.forms].some((form) => {
      const words = stripHonorifics(form).split(/\s+/);
      return words.length > 1 && (words[words.length - 1] === name || words[0] === name);
    }));
    return candidates.length === 1 ? candidates[0] : undefined;
  }
  if (isAcronym(name)) {
    const compact = name.replace(/\./g, '');
    const candidates = clusters.filter((c) => !c.country && c.actorType !== 'PERSON' && [...c.forms].some((form) => form.length > compact.length && initials(form) === compact));
    return candidates.length === 1 ? candidates[0] : undefined;
  }
  return undefined;
}

/** "Japan Coast Guard (JCG)": an acronym in parentheses right after a name is that name's alias. */
function parenthesisedAcronyms(mentions: readonly Mention[], text: string): Map<string, Mention> {
  const found = new Map<string, Mention>();
  for (const mention of mentions) {
    if (mention.country || mention.actorType === 'PERSON') continue;
    const match = /^\s*\(([A-Z][A-Za-z.]{1,9})\)/.exec(text.slice(mention.end, mention.end + 14));
    if (match && isAcronym(match[1]!) && !found.has(match[1]!)) found.set(match[1]!, mention);
  }
  return found;
}
