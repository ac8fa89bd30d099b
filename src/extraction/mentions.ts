/**
 * Mentions: the stretches of text that name an entity, with their kind. CoreNLP's NER types most
 * of them (PERSON, ORGANIZATION, COUNTRY, NATIONALITY, CITY, STATE_OR_PROVINCE, LOCATION); noun
 * phrases headed by a word of the curated lexicon give the kinds NER does not know (events,
 * policies, equipment, unnamed units, collective actors).
 */
import type { ActorType, EntityKind } from '../domain/vocabulary.js';
import type { CoreNlpDocument, EntityMention } from './coreNlpDocument.js';
import type { CountryLookup, CountryRecord } from './countries.js';
import { NEEDS_NAMED_MODIFIER, PHRASE_HEADS, TRANSIENT_ADJECTIVES, UNIT_HEADS } from './lexicon.js';
import { SentenceGraph } from './sentenceGraph.js';

export interface Mention {
  sentence: number;
  /** 0-based token span within the sentence, end exclusive. */
  tokenBegin: number;
  tokenEnd: number;
  /** UTF-16 offsets into the article text. */
  start: number;
  end: number;
  text: string;
  kind: EntityKind;
  actorType?: ActorType;
  /** The dataset's country, for Country mentions found by name, demonym or capital. */
  country?: CountryRecord;
  /** How it was found; a capital read as its government is an inference, not a statement. */
  via: 'ner' | 'demonym' | 'capital' | 'phrase';
  confidence: number;
  /** Other spellings of the same name found here (a phrase without its passing adjectives). */
  forms: string[];
}

const PLACE_TYPES = new Set(['CITY', 'STATE_OR_PROVINCE', 'LOCATION', 'COUNTRY']);
const USED_TYPES = new Set(['PERSON', 'ORGANIZATION', 'NATIONALITY', ...PLACE_TYPES]);
/** Prepositions after which a capital is a place ("talks in Beijing"), not a government. */
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'to', 'near', 'into', 'on', 'outside', 'around', 'via', 'across', 'toward', 'towards', 'through']);

export function findMentions(document: CoreNlpDocument, text: string, countries: CountryLookup): Mention[] {
  const mentions: Mention[] = [];
  for (const sentence of document.sentences) {
    const graph = new SentenceGraph(sentence);
    const named = mergeAdjacentPlaces((sentence.entitymentions ?? []).filter((m) => USED_TYPES.has(m.ner)));
    const claimed = new Set<number>();
    for (const entityMention of named) {
      const mention = fromNer(entityMention, sentence.index, graph, text, countries);
      if (!mention) continue;
      mentions.push(mention);
      for (let t = mention.tokenBegin; t < mention.tokenEnd; t++) claimed.add(t);
    }
    mentions.push(...phraseMentions(graph, text, claimed));
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** "East" + "Asia" come out as two place mentions; side by side they are one name. */
function mergeAdjacentPlaces(mentions: EntityMention[]): EntityMention[] {
  const merged: EntityMention[] = [];
  for (const mention of mentions) {
    const previous = merged[merged.length - 1];
    if (previous && PLACE_TYPES.has(previous.ner) && PLACE_TYPES.has(mention.ner) && previous.tokenEnd === mention.tokenBegin && previous.ner !== 'COUNTRY' && mention.ner !== 'COUNTRY') {
      merged[merged.length - 1] = { ...previous, tokenEnd: mention.tokenEnd, characterOffsetEnd: mention.characterOffsetEnd, ner: 'LOCATION' };
    } else merged.push(mention);
  }
  return merged;
}

function fromNer(m: EntityMention, sentence: number, graph: SentenceGraph, text: string, countries: CountryLookup): Mention | undefined {
  const surface = text.slice(m.characterOffsetBegin, m.characterOffsetEnd);
  const confidence = Math.max(0.5, ...Object.values(m.nerConfidences ?? {}).filter((value) => value > 0));
  const base = { sentence, tokenBegin: m.tokenBegin, tokenEnd: m.tokenEnd, start: m.characterOffsetBegin, end: m.characterOffsetEnd, text: surface, confidence, forms: [] };
  switch (m.ner) {
    case 'PERSON':
      return /\p{Lu}/u.test(surface) ? { ...base, kind: 'Actor', actorType: 'PERSON', via: 'ner' } : undefined;
    case 'ORGANIZATION': {
      const country = countries.byName(surface);
      if (country) return { ...base, kind: 'Country', country, via: 'ner' };
      const head = graph.token(graph.spanHead(m.tokenBegin, m.tokenEnd))?.lemma.toLowerCase() ?? '';
      return UNIT_HEADS.has(head) ? { ...base, kind: 'Unit', via: 'ner' } : { ...base, kind: 'Actor', actorType: 'ORGANIZATION', via: 'ner' };
    }
    case 'NATIONALITY': {
      const country = countries.byDemonym(surface);
      return country ? { ...base, kind: 'Country', country, via: 'demonym' } : undefined;
    }
    default: {
      const country = countries.byName(surface);
      if (country) return { ...base, kind: 'Country', country, via: 'ner' };
      const government = countries.byCapital(surface);
      if (government && !usedAsPlace(graph, m)) return { ...base, kind: 'Country', country: government, via: 'capital' };
      return { ...base, kind: 'Location', via: 'ner' };
    }
  }
}

/** A capital names a place after "in", "at", "to"…; as a subject, possessor or partner it names the government. */
function usedAsPlace(graph: SentenceGraph, m: EntityMention): boolean {
  const head = graph.spanHead(m.tokenBegin, m.tokenEnd);
  const marker = graph.caseOf(head);
  if (marker) return PLACE_PREPOSITIONS.has(marker);
  const relations = graph.headsOf(head).map((edge) => edge.dep);
  return !relations.some((dep) => /^(nsubj|nmod:poss|obl:agent|conj|appos|obj|iobj)/.test(dep));
}

/** Noun phrases headed by a lexicon word: "training exercises", "U.S. military hardware", "Japanese waters". */
function phraseMentions(graph: SentenceGraph, text: string, claimed: Set<number>): Mention[] {
  const mentions: Mention[] = [];
  const { tokens } = graph.sentence;
  for (const token of tokens) {
    const at = token.index - 1;
    if (!token.pos.startsWith('NN') || claimed.has(at)) continue;
    const kind = PHRASE_HEADS[token.lemma.toLowerCase()];
    if (!kind) continue;
    // The head of its phrase only: "missile" in "missile regiments" is a modifier.
    if (graph.headsOf(token.index).some((edge) => edge.dep === 'compound')) continue;

    const modifiers = modifierSpan(graph, token.index);
    if (modifiers.length === 0) continue;
    const begin = Math.min(...modifiers) - 1;
    const hasNamedModifier = modifiers.some((index) => {
      const modifier = graph.token(index)!;
      return /^NNPS?$/.test(modifier.pos) || modifier.pos === 'CD' || ['NATIONALITY', 'COUNTRY', 'ORGANIZATION', 'ORDINAL'].includes(modifier.ner);
    });
    if (NEEDS_NAMED_MODIFIER.has(kind) && !hasNamedModifier) continue;
    if ([...Array(at - begin).keys()].some((offset) => claimed.has(begin + offset) && !isNationalModifier(graph, begin + offset))) continue;

    const start = tokens[begin]!.characterOffsetBegin;
    const end = token.characterOffsetEnd;
    let trimmed = begin;
    while (trimmed < at && TRANSIENT_ADJECTIVES.has(tokens[trimmed]!.word.toLowerCase())) trimmed++;
    const forms = trimmed > begin ? [text.slice(tokens[trimmed]!.characterOffsetBegin, end)] : [];
    mentions.push({
      sentence: graph.sentence.index,
      tokenBegin: begin,
      tokenEnd: at + 1,
      start,
      end,
      text: text.slice(start, end),
      kind,
      ...(kind === 'Actor' ? { actorType: 'GROUP' as const } : {}),
      via: 'phrase',
      confidence: hasNamedModifier ? 0.7 : 0.55,
      forms,
    });
  }
  return mentions;
}

/** A demonym or country inside a phrase ("the Chinese navy") stays a mention of its own, too. */
function isNationalModifier(graph: SentenceGraph, at: number): boolean {
  return ['NATIONALITY', 'COUNTRY'].includes(graph.token(at + 1)?.ner ?? '');
}

/** The contiguous modifiers left of a head: compounds and adjectives, and theirs in turn. */
function modifierSpan(graph: SentenceGraph, head: number): number[] {
  const included = new Set<number>();
  const visit = (index: number) => {
    for (const edge of graph.childrenOf(index, 'compound', 'amod', 'nummod', 'advmod', 'nmod:npmod')) {
      if (edge.other < index && !included.has(edge.other)) {
        included.add(edge.other);
        visit(edge.other);
      }
    }
  };
  visit(head);
  // Keep only the run of modifiers that touches the head, so the phrase is one stretch of text.
  const span: number[] = [];
  for (let index = head - 1; included.has(index) || isHyphen(graph, index, included); index--) {
    if (included.has(index)) span.push(index);
  }
  return span;
}

function isHyphen(graph: SentenceGraph, index: number, included: Set<number>): boolean {
  return graph.token(index)?.word === '-' && included.has(index - 1);
}
