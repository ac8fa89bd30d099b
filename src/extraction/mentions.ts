/**
 * Mentions: the stretches of text that name an entity, with their kind. CoreNLP's NER types most
 * of them (PERSON, ORGANIZATION, COUNTRY, NATIONALITY, CITY, STATE_OR_PROVINCE, LOCATION); noun
 * phrases headed by a word of the curated lexicon give the kinds NER does not know (events,
 * policies, equipment, unnamed units, collective actors).
 */
import type { ActorType, EntityKind } from '../domain/vocabulary.js';
import type { CoreNlpDocument, EntityMention } from './coreNlpDocument.js';
import type { CountryLookup, CountryRecord } from './countries.js';
import { COLLECTIVE_HEADS, DESIGNATION, HONORIFICS, NEEDS_NAMED_MODIFIER, PHRASE_HEADS, SHIP_PREFIXES, TRANSIENT_ADJECTIVES, UNIT_HEADS } from './lexicon.js';
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
  /** A person's name right after an honorific or title ("Mr.", "Colonel"): surely a person. */
  titled?: boolean;
  /** A phrase with no proper name in it ("training exercises"): an entity, but too vague to carry typed links. */
  generic?: boolean;
}

const PLACE_TYPES = new Set(['CITY', 'STATE_OR_PROVINCE', 'LOCATION', 'COUNTRY']);
const USED_TYPES = new Set(['PERSON', 'ORGANIZATION', 'NATIONALITY', ...PLACE_TYPES]);
/** Prepositions after which a capital is a place ("talks in Beijing"), not a government. */
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'to', 'near', 'into', 'on', 'outside', 'around', 'via', 'across', 'toward', 'towards', 'through']);

export function findMentions(document: CoreNlpDocument, text: string, countries: CountryLookup): Mention[] {
  const mentions: Mention[] = [];
  for (const sentence of document.sentences) {
    const graph = new SentenceGraph(sentence);
    const named = mergeAdjacentPlaces((sentence.entitymentions ?? []).filter((m) => USED_TYPES.has(m.ner) || m.ner === 'ORDINAL'));
    const claimed = new Set<number>();
    for (const entityMention of named) {
      const mention = fromNer(entityMention, sentence.index, graph, text, countries);
      if (!mention) continue;
      mentions.push(mention);
      for (let t = mention.tokenBegin; t < mention.tokenEnd; t++) claimed.add(t);
    }
    mentions.push(...phraseMentions(graph, text, claimed));
    mentions.push(...designations(graph, text, claimed));
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/**
 * "East" + "China" + "Sea" come out as separate place mentions; a run of them side by side that
 * ends in a place word is one name. An ordinal before an organisation belongs to it ("7th Fleet").
 */
function mergeAdjacentPlaces(mentions: EntityMention[]): EntityMention[] {
  const merged: EntityMention[] = [];
  let run: EntityMention[] = [];
  const flush = () => {
    const last = run[run.length - 1];
    if (run.length > 1 && last!.ner !== 'COUNTRY') {
      merged.push({ ...run[0]!, tokenEnd: last!.tokenEnd, characterOffsetEnd: last!.characterOffsetEnd, ner: 'LOCATION', text: run.map((m) => m.text).join(' ') });
    } else merged.push(...run);
    run = [];
  };
  for (const mention of mentions) {
    const previous = run[run.length - 1];
    if (previous && !(PLACE_TYPES.has(mention.ner) && previous.tokenEnd === mention.tokenBegin)) flush();
    if (PLACE_TYPES.has(mention.ner)) run.push(mention);
    else {
      flush();
      const before = merged[merged.length - 1];
      if (mention.ner === 'ORGANIZATION' && before?.ner === 'ORDINAL' && before.tokenEnd === mention.tokenBegin) {
        merged[merged.length - 1] = { ...mention, tokenBegin: before.tokenBegin, characterOffsetBegin: before.characterOffsetBegin };
      } else merged.push(mention);
    }
  }
  flush();
  return merged.filter((mention) => USED_TYPES.has(mention.ner));
}

function fromNer(m: EntityMention, sentence: number, graph: SentenceGraph, text: string, countries: CountryLookup): Mention | undefined {
  const surface = text.slice(m.characterOffsetBegin, m.characterOffsetEnd);
  const confidence = Math.max(0.5, ...Object.values(m.nerConfidences ?? {}).filter((value) => value > 0));
  const base = { sentence, tokenBegin: m.tokenBegin, tokenEnd: m.tokenEnd, start: m.characterOffsetBegin, end: m.characterOffsetEnd, text: surface, confidence, forms: [] };
  const previous = graph.token(m.tokenBegin);
  if (previous && SHIP_PREFIXES.has(previous.word)) {
    const start = previous.characterOffsetBegin;
    return { ...base, tokenBegin: m.tokenBegin - 1, start, text: text.slice(start, m.characterOffsetEnd), kind: 'Equipment', via: 'ner', forms: [surface] };
  }
  switch (m.ner) {
    case 'PERSON': {
      const pronoun = graph.sentence.tokens.slice(m.tokenBegin, m.tokenEnd).some((token) => token.pos.startsWith('PRP'));
      if (pronoun || !/\p{Lu}/u.test(surface)) return undefined;
      const titled = !!previous && (HONORIFICS.has(previous.word.toLowerCase()) || previous.ner === 'TITLE');
      return { ...base, kind: 'Actor', actorType: 'PERSON', via: 'ner', titled };
    }
    case 'ORGANIZATION': {
      const country = countries.byName(surface);
      if (country) return { ...base, kind: 'Country', country, via: 'ner' };
      const head = graph.token(graph.spanHead(m.tokenBegin, m.tokenEnd))?.lemma.toLowerCase() ?? '';
      if (UNIT_HEADS.has(head)) return { ...base, kind: 'Unit', via: 'ner' };
      const phraseKind = PHRASE_HEADS[head];
      // "National Defense Strategy" is a named policy, "Group of Seven summit" an event.
      if (phraseKind === 'Policy' || phraseKind === 'Event' || phraseKind === 'Equipment') return { ...base, kind: phraseKind, via: 'ner' };
      return { ...base, kind: 'Actor', actorType: 'ORGANIZATION', via: 'ner' };
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
    if (kind === 'Actor' && token.pos !== 'NNS' && !COLLECTIVE_HEADS.has(token.lemma.toLowerCase())) continue;
    if ([...Array(at - begin).keys()].some((offset) => claimed.has(begin + offset) && !isNationalModifier(graph, begin + offset))) continue;

    const start = tokens[begin]!.characterOffsetBegin;
    const end = token.characterOffsetEnd;
    // "intricate trade negotiations" is also "trade negotiations": descriptive words in front are dropped, never the last modifier.
    const forms: string[] = [];
    for (let trimmed = begin; trimmed < at - 1 && isDescriptive(tokens[trimmed]!); ) {
      trimmed++;
      if (tokens[trimmed]!.pos !== 'HYPH') forms.push(text.slice(tokens[trimmed]!.characterOffsetBegin, end));
    }
    const named = properRun(graph, modifiers, kind);
    if (named) forms.push(text.slice(tokens[named[0] - 1]!.characterOffsetBegin, tokens[named[1] - 1]!.characterOffsetEnd));
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
      generic: !named && kind !== 'Unit' && kind !== 'Location',
    });
  }
  return mentions;
}

/** An adjective or participle in front of a name that describes rather than names ("assertive", "strengthening"). */
function isDescriptive(token: { word: string; pos: string; ner: string }): boolean {
  if (TRANSIENT_ADJECTIVES.has(token.word.toLowerCase())) return true;
  return /^(JJ|JJR|JJS|VBG|VBN|RB)$/.test(token.pos) && !['NATIONALITY', 'COUNTRY', 'ORGANIZATION'].includes(token.ner) && !/^\p{Lu}/u.test(token.word);
}

/** A demonym or country inside a phrase ("the Chinese navy") stays a mention of its own, too. */
function isNationalModifier(graph: SentenceGraph, at: number): boolean {
  return ['NATIONALITY', 'COUNTRY'].includes(graph.token(at + 1)?.ner ?? '');
}

/** Words that can stand inside a noun phrase's name (not verbs such as "underwent"). */
const MODIFIER_POS = /^(NNS?|NNPS?|JJ[RS]?|CD|VBN|VBG|RB)$/;

/** The contiguous modifiers left of a head: compounds and adjectives, and theirs in turn. */
function modifierSpan(graph: SentenceGraph, head: number): number[] {
  const included = new Set<number>();
  const visit = (index: number) => {
    for (const edge of graph.childrenOf(index, 'compound', 'amod', 'nummod', 'advmod', 'nmod:npmod', 'obl:npmod')) {
      const modifier = graph.token(edge.other)!;
      if (!MODIFIER_POS.test(modifier.pos) || (edge.dep === 'advmod' && index === head)) continue;
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

/** The run of proper nouns and numbers inside a phrase that is its name: "Pacific Trident" exercise, "Type 12" missile. */
function properRun(graph: SentenceGraph, modifiers: number[], kind: EntityKind): [number, number] | undefined {
  if (kind !== 'Event' && kind !== 'Equipment' && kind !== 'Policy') return undefined;
  const isNamePart = (index: number) => {
    const token = graph.token(index)!;
    return (/^NNPS?$/.test(token.pos) || (token.pos === 'CD' && index > Math.min(...modifiers)) || DESIGNATION.test(token.word)) && !['NATIONALITY', 'COUNTRY'].includes(token.ner);
  };
  const parts = [...modifiers].sort((a, b) => a - b).filter(isNamePart);
  if (parts.length === 0) return undefined;
  const first = parts[0]!;
  let last = first;
  while (parts.includes(last + 1)) last++;
  return [first, last];
}

/** A weapon designation standing alone ("two J-15s", "the DF-17") is equipment. */
function designations(graph: SentenceGraph, text: string, claimed: Set<number>): Mention[] {
  return graph.sentence.tokens
    .filter((token) => DESIGNATION.test(token.word.replace(/s$/, '')) && !claimed.has(token.index - 1) && !graph.headsOf(token.index).some((edge) => /^(compound|amod|nummod)/.test(edge.dep)))
    .map((token) => ({
      sentence: graph.sentence.index,
      tokenBegin: token.index - 1,
      tokenEnd: token.index,
      start: token.characterOffsetBegin,
      end: token.characterOffsetEnd,
      text: text.slice(token.characterOffsetBegin, token.characterOffsetEnd),
      kind: 'Equipment' as const,
      via: 'phrase' as const,
      confidence: 0.6,
      forms: [],
    }));
}
