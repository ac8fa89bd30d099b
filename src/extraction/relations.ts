/**
 * Typed links between the clusters of one article, each read off one sentence by dependency
 * patterns (a country's possessive or demonym on a unit, a title "of" an organisation, a verb's
 * subject and object). CoreNLP's KBP annotator was measured and left out (docs/extraction.md). Every link is
 * checked against the kinds its type allows, so a parse error cannot make "a missile leads Japan".
 */
import type { EvidenceBasis, RelationshipType } from '../domain/vocabulary.js';
import type { Cluster } from './clusters.js';
import type { CoreNlpDocument } from './coreNlpDocument.js';
import { LEADING_TITLES, VERB_RELATIONS } from './lexicon.js';
import type { Mention } from './mentions.js';
import { SentenceGraph } from './sentenceGraph.js';

export interface LocalRelation {
  type: RelationshipType;
  source: Cluster;
  target: Cluster;
  sentence: number;
  basis: EvidenceBasis;
  confidence: number;
}

type Role = 'person' | 'organisation' | 'group' | 'Unit' | 'Country' | 'Location' | 'Event' | 'Policy' | 'Equipment';
const AGENTS: Role[] = ['person', 'organisation', 'group', 'Unit', 'Country'];

/** Which kinds each type may link, source → target. */
const ALLOWED: Partial<Record<RelationshipType, [Role[], Role[]]>> = {
  LEADS: [['person'], ['Unit', 'organisation']],
  MEMBER_OF: [['person'], ['Unit', 'organisation']],
  REPRESENTS: [['person', 'group'], ['Country', 'organisation']],
  BELONGS_TO: [['Unit', 'organisation'], ['Country']],
  PART_OF: [['Unit'], ['Unit']],
  LOCATED_IN: [['Location'], ['Location', 'Country']],
  BASED_AT: [['Unit', 'organisation'], ['Location']],
  TOOK_PLACE_IN: [['Event'], ['Location', 'Country']],
  PARTICIPATED_IN: [AGENTS, ['Event']],
  PARTY_TO: [AGENTS, ['Policy']],
  USES: [['Unit', 'organisation', 'Country'], ['Equipment']],
  NEGOTIATES_WITH: [['person', 'organisation', 'Country', 'group'], ['person', 'organisation', 'Country', 'group']],
};

/** Every mention a phrase without a proper name: linked only by co-mention. */
const isGeneric = (cluster: Cluster) => cluster.mentions.every((mention) => mention.generic === true);

function roleOf(cluster: Cluster): Role {
  if (cluster.kind !== 'Actor') return cluster.kind;
  return cluster.actorType === 'PERSON' ? 'person' : cluster.actorType === 'GROUP' ? 'group' : 'organisation';
}

/** Typed links below this confidence are dropped (their pair still gets a co-mention). */
export const TYPED_LINK_THRESHOLD = 0.65;

const NOMINAL_CASES: Record<string, RelationshipType[]> = {
  in: ['TOOK_PLACE_IN', 'BASED_AT', 'LOCATED_IN'],
  on: ['TOOK_PLACE_IN', 'BASED_AT', 'LOCATED_IN'],
  at: ['TOOK_PLACE_IN', 'BASED_AT'],
  near: ['TOOK_PLACE_IN'],
  of: ['BELONGS_TO', 'LOCATED_IN', 'PART_OF'],
  off: ['TOOK_PLACE_IN', 'LOCATED_IN'],
};

export function findRelations(document: CoreNlpDocument, clusters: readonly Cluster[]): LocalRelation[] {
  const found = new Map<string, LocalRelation>();
  const add = (type: RelationshipType, source: Cluster | undefined, target: Cluster | undefined, sentence: number, confidence: number, basis: EvidenceBasis = 'STATED') => {
    if (!source || !target || source === target || isGeneric(source) || isGeneric(target)) return;
    const allowed = ALLOWED[type];
    if (!allowed || !allowed[0].includes(roleOf(source)) || !allowed[1].includes(roleOf(target))) return;
    const inferred = [source, target].some((cluster) => cluster.mentions.some((m) => m.sentence === sentence && m.via === 'capital'));
    const relation = { type, source, target, sentence, basis: inferred ? 'INFERRED' : basis, confidence } as const;
    const key = `${type}|${clusters.indexOf(source)}|${clusters.indexOf(target)}|${sentence}`;
    if ((found.get(key)?.confidence ?? -1) < confidence) found.set(key, relation);
  };

  for (const sentence of document.sentences) {
    const graph = new SentenceGraph(sentence);
    const owners = tokenOwners(clusters, sentence.index);
    const ownerOf = (index: number) => owners.get(index);
    const mentionAt = (index: number) => ownerMentions(clusters, sentence.index).find((m) => index - 1 >= m.tokenBegin && index - 1 < m.tokenEnd && graph.spanHead(m.tokenBegin, m.tokenEnd) === index);

    for (const token of sentence.tokens) {
      const head = token.index;
      const owner = ownerOf(head);
      const headMention = mentionAt(head);

      // A country, person or organisation modifying a phrase: "Japan's Ground Self-Defense Force", "Chinese navy", "Japan's trade envoy".
      // Only modifiers inside the phrase or right before it: farther ones are parse errors more often than links.
      if (owner && headMention) {
        for (const edge of graph.childrenOf(head, 'nmod:poss', 'amod', 'compound')) {
          const modifier = ownerOf(edge.other);
          if (!modifier || modifier === owner || edge.other < headMention.tokenBegin - 2) continue;
          add('BELONGS_TO', owner, modifier, sentence.index, 0.8);
          add('REPRESENTS', owner, modifier, sentence.index, 0.8);
          add('PARTY_TO', modifier, owner, sentence.index, 0.7);
          add('PARTICIPATED_IN', modifier, owner, sentence.index, 0.7);
        }
        // "the regiment on Okinawa", "exercises near the Senkaku Islands", "negotiations with Washington".
        for (const edge of graph.childrenOf(head, 'nmod')) {
          const other = ownerOf(edge.other);
          const preposition = edge.dep.split(':')[1] ?? graph.caseOf(edge.other) ?? '';
          if (!other) continue;
          if (preposition === 'with' && owner.kind === 'Policy') {
            add('PARTY_TO', other, owner, sentence.index, 0.7);
            const subject = clauseSubject(graph, head, ownerOf);
            add('NEGOTIATES_WITH', subject, other, sentence.index, 0.75);
            add('PARTY_TO', subject, owner, sentence.index, 0.7);
          }
          for (const type of NOMINAL_CASES[preposition] ?? []) add(type, owner, other, sentence.index, 0.7);
        }
      }

      // A person's title phrase: "Colonel Yohei Ito, commander of the regiment", "a spokesperson for the ministry".
      if (owner && roleOf(owner) === 'person') {
        for (const titleEdge of graph.childrenOf(head, 'appos', 'compound', 'nmod:poss', 'amod')) {
          const title = graph.token(titleEdge.other);
          const country = ownerOf(titleEdge.other);
          if (country && country !== owner) add('REPRESENTS', owner, country, sentence.index, 0.75);
          if (!title) continue;
          for (const edge of graph.childrenOf(titleEdge.other, 'nmod', 'nmod:poss', 'compound', 'amod')) {
            const organisation = ownerOf(edge.other);
            if (!organisation || organisation === owner) continue;
            add(LEADING_TITLES.has(title.lemma.toLowerCase()) ? 'LEADS' : 'MEMBER_OF', owner, organisation, sentence.index, 0.75);
            add('REPRESENTS', owner, organisation, sentence.index, 0.7);
          }
        }
      }

      // Verbs: "Colonel Ito leads the regiment", "the brigade operates Type 12 missiles", "Japan signed the agreement".
      if (token.pos.startsWith('VB')) verbRelations(graph, head, ownerOf, sentence.index, add);
    }
  }
  return [...found.values()].filter((relation) => relation.confidence >= TYPED_LINK_THRESHOLD);
}

type Add = (type: RelationshipType, source: Cluster | undefined, target: Cluster | undefined, sentence: number, confidence: number, basis?: EvidenceBasis) => void;

function verbRelations(graph: SentenceGraph, verb: number, ownerOf: (index: number) => Cluster | undefined, sentence: number, add: Add): void {
  const lemma = graph.token(verb)!.lemma.toLowerCase();
  const owners = (...deps: string[]) => graph.childrenOf(verb, ...deps).map((edge) => ownerOf(edge.other)).filter((c): c is Cluster => !!c);
  const subjects = owners('nsubj', 'obl:agent');
  const passiveSubjects = graph.childrenOf(verb).filter((edge) => edge.dep === 'nsubj:pass').map((edge) => ownerOf(edge.other)).filter((c): c is Cluster => !!c);
  const objects = graph.childrenOf(verb).filter((edge) => edge.dep === 'obj').map((edge) => ownerOf(edge.other)).filter((c): c is Cluster => !!c);
  const obliques = (...prepositions: string[]) =>
    graph.childrenOf(verb, 'obl').filter((edge) => prepositions.includes(edge.dep.split(':')[1] ?? graph.caseOf(edge.other) ?? '')).map((edge) => ownerOf(edge.other)).filter((c): c is Cluster => !!c);

  for (const subject of subjects) {
    for (const object of objects) {
      if (VERB_RELATIONS.LEADS.has(lemma)) add('LEADS', subject, object, sentence, 0.85);
      if (VERB_RELATIONS.USES.has(lemma)) add('USES', subject, object, sentence, 0.75);
      if (VERB_RELATIONS.PARTICIPATED_IN.has(lemma)) add('PARTICIPATED_IN', subject, object, sentence, 0.75);
      if (VERB_RELATIONS.PARTY_TO.has(lemma)) add('PARTY_TO', subject, object, sentence, 0.75);
    }
    if (VERB_RELATIONS.NEGOTIATES_WITH.has(lemma)) for (const partner of obliques('with')) add('NEGOTIATES_WITH', subject, partner, sentence, 0.85);
    if (VERB_RELATIONS.PARTY_TO.has(lemma) || lemma === 'engage') for (const policy of obliques('in', 'on')) add('PARTY_TO', subject, policy, sentence, 0.7);
    if (lemma === 'participate' || lemma === 'take') for (const event of obliques('in')) add('PARTICIPATED_IN', subject, event, sentence, 0.75);
    if (VERB_RELATIONS.BASED_AT.has(lemma)) for (const place of obliques('in', 'at', 'on', 'from')) add('BASED_AT', subject, place, sentence, 0.7);
  }
  for (const subject of passiveSubjects) {
    if (VERB_RELATIONS.BASED_AT.has(lemma)) for (const place of obliques('in', 'at', 'on')) add('BASED_AT', subject, place, sentence, 0.8);
    if (lemma === 'hold' || lemma === 'conduct' || lemma === 'stage') for (const place of obliques('in', 'on', 'near', 'off', 'at')) add('TOOK_PLACE_IN', subject, place, sentence, 0.75);
  }
  if (['hold', 'conduct', 'stage', 'host'].includes(lemma)) {
    for (const event of objects) for (const place of obliques('in', 'on', 'near', 'off', 'at')) add('TOOK_PLACE_IN', event, place, sentence, 0.75);
  }
}

/** The subject of the clause a noun sits in: "Japan is engaged in trade negotiations with Washington" → Japan. */
function clauseSubject(graph: SentenceGraph, noun: number, ownerOf: (index: number) => Cluster | undefined): Cluster | undefined {
  let at = noun;
  for (let depth = 0; depth < 3; depth++) {
    const head = graph.headsOf(at).find((edge) => /^(obl|obj|nmod|xcomp|ccomp)/.test(edge.dep));
    if (!head) return undefined;
    const subject = graph.childrenOf(head.other, 'nsubj').map((edge) => ownerOf(edge.other)).find(Boolean);
    if (subject) return subject;
    at = head.other;
  }
  return undefined;
}

function ownerMentions(clusters: readonly Cluster[], sentence: number): Mention[] {
  return clusters.flatMap((cluster) => cluster.mentions.filter((m) => m.sentence === sentence));
}

/** For each token of the sentence (1-based), the cluster of the shortest mention covering it. */
function tokenOwners(clusters: readonly Cluster[], sentence: number): Map<number, Cluster> {
  const owners = new Map<number, { cluster: Cluster; width: number }>();
  for (const cluster of clusters) {
    for (const mention of cluster.mentions) {
      if (mention.sentence !== sentence) continue;
      const width = mention.tokenEnd - mention.tokenBegin;
      for (let t = mention.tokenBegin; t < mention.tokenEnd; t++) {
        const current = owners.get(t + 1);
        if (!current || current.width > width) owners.set(t + 1, { cluster, width });
      }
    }
  }
  // A phrase's head token belongs to the phrase even when a shorter mention covers a modifier.
  for (const cluster of clusters) {
    for (const mention of cluster.mentions) {
      if (mention.sentence === sentence) owners.set(mention.tokenEnd, { cluster, width: 0 });
    }
  }
  return new Map([...owners].map(([index, { cluster }]) => [index, cluster]));
}
