/**
 * One article from CoreNLP's annotation to local entities and links: mentions, clusters within the
 * article, typed relations, titles, and a weak co-mention link for two entities in one sentence
 * with no typed relation. Pure: no server, no graph. Ids are not assigned here (see resolve.ts).
 */
import type { EvidenceBasis } from '../domain/vocabulary.js';
import { clusterMentions, type Cluster } from './clusters.js';
import type { CoreNlpDocument } from './coreNlpDocument.js';
import type { CountryLookup } from './countries.js';
import { RANKS } from './lexicon.js';
import { findMentions } from './mentions.js';
import { findRelations, type LocalRelation } from './relations.js';
import { SentenceGraph } from './sentenceGraph.js';

export interface LocalEvidence {
  start: number;
  end: number;
  basis: EvidenceBasis;
}

export interface LocalExtraction {
  clusters: Cluster[];
  relations: LocalRelation[];
  coMentions: { source: Cluster; target: Cluster; sentence: number }[];
  /** Per person cluster: rank and role from titles ("Colonel", "trade envoy"). */
  titles: Map<Cluster, { rank?: string; role?: string }>;
  /** [start, end) of each sentence, by sentence index. */
  sentenceSpans: [number, number][];
}

/** Sentences naming more entities than this are lists; pairing them all would only add noise. */
const MAX_ENTITIES_FOR_CO_MENTION = 6;

export function extractArticle(document: CoreNlpDocument, text: string, countries: CountryLookup): LocalExtraction {
  const mentions = findMentions(document, text, countries);
  const clusters = clusterMentions(mentions, text);
  const relations = findRelations(document, clusters);
  const sentenceSpans = document.sentences.map((sentence) => new SentenceGraph(sentence).span);
  return { clusters, relations, coMentions: coMentions(clusters, relations, document.sentences.length), titles: titles(document, clusters), sentenceSpans };
}

function coMentions(clusters: Cluster[], relations: LocalRelation[], sentences: number): LocalExtraction['coMentions'] {
  const linked = new Set(relations.map((r) => `${r.sentence}|${clusters.indexOf(r.source)}|${clusters.indexOf(r.target)}`));
  const result: LocalExtraction['coMentions'] = [];
  for (let sentence = 0; sentence < sentences; sentence++) {
    const present = clusters.filter((cluster) => cluster.mentions.some((m) => m.sentence === sentence));
    if (present.length < 2 || present.length > MAX_ENTITIES_FOR_CO_MENTION) continue;
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const [a, b] = [clusters.indexOf(present[i]!), clusters.indexOf(present[j]!)];
        if (linked.has(`${sentence}|${a}|${b}`) || linked.has(`${sentence}|${b}|${a}`)) continue;
        result.push({ source: present[i]!, target: present[j]!, sentence });
      }
    }
  }
  return result;
}

/** TITLE mentions right before a person's name, or in apposition to it, give the person's rank or role. */
function titles(document: CoreNlpDocument, clusters: Cluster[]): LocalExtraction['titles'] {
  const result: LocalExtraction['titles'] = new Map();
  for (const cluster of clusters) {
    if (cluster.actorType !== 'PERSON') continue;
    for (const mention of cluster.mentions) {
      const sentence = document.sentences[mention.sentence]!;
      for (const title of sentence.entitymentions ?? []) {
        if (title.ner !== 'TITLE') continue;
        const before = title.tokenEnd === mention.tokenBegin;
        const apposed = title.tokenBegin === mention.tokenEnd + 1 && sentence.tokens[mention.tokenEnd]?.word === ',';
        if (!before && !apposed) continue;
        const entry = result.get(cluster) ?? {};
        const word = title.text.split(/\s+/)[0]!.toLowerCase();
        if (RANKS.has(word)) entry.rank ??= title.text;
        else entry.role ??= title.text;
        result.set(cluster, entry);
      }
    }
  }
  return result;
}
