/**
 * A deterministic synthetic news graph with the real model (docs/model.md): entities of every
 * kind, the whole relationship vocabulary, documents whose text names the entities, MENTIONS at
 * the right offsets, and one Evidence per relationship quoting a sentence of its document.
 *
 * Everything is a pure function of (entities, seed): entity `i` is computed from a hash of
 * (seed, i), so the writer and the benchmark can both ask "what is entity 1234?" without holding
 * the graph in memory.
 *
 * Degrees are heavy-tailed: relationship targets are drawn as floor(N·u³) (u uniform), so the low
 * indexes — Japan is entity 0 — become hubs whose degree grows with N, while most entities take
 * part in one or two relationships. There are round(2.5·N) relationships: ~5 relationship ends
 * per entity on average.
 */
import neo4j from 'neo4j-driver';
import { ENTITY_KIND_NAMES, RELATIONSHIP_TYPE_NAMES, type EntityKind, type EvidenceBasis, type RelationshipType } from '../../src/domain/vocabulary.js';
import { documentId as documentIdOf, entityId, evidenceId, relationshipId, slugify } from '../../src/domain/ids.js';
import { hash32, Random } from './prng.js';

export const RELATIONSHIPS_PER_ENTITY = 2.5;
/** Relationships (and so evidence sentences) per synthetic document. */
export const RELATIONSHIPS_PER_DOCUMENT = 20;

/** The first entities: well-known countries, so the biggest hubs have real names. */
export const FAMOUS_COUNTRIES = [
  'Japan', 'United States', 'China', 'Taiwan', 'South Korea', 'North Korea', 'Russia', 'Philippines',
  'Australia', 'India', 'Vietnam', 'Indonesia', 'United Kingdom', 'France', 'Germany', 'Canada',
  'Singapore', 'Malaysia', 'Thailand', 'New Zealand', 'Mongolia', 'Pakistan', 'Brazil', 'Italy',
] as const;

/** Aliases of the famous countries (capitals used for governments, as in the seed article). */
const FAMOUS_ALIASES: Record<string, string[]> = {
  Japan: ['Tokyo'],
  'United States': ['U.S.', 'Washington', 'America'],
  China: ['Beijing', 'PRC'],
  Taiwan: ['Taipei'],
  'South Korea': ['Seoul'],
  'North Korea': ['Pyongyang'],
  Russia: ['Moscow'],
  'United Kingdom': ['U.K.', 'Britain', 'London'],
};

const KIND_WEIGHTS: Record<EntityKind, number> = {
  Actor: 34, Country: 1, Unit: 14, Policy: 10, Location: 16, Event: 16, Equipment: 9,
};

const SYLLABLES = [
  'ka', 'to', 'mi', 'ra', 'sen', 'do', 'ha', 'ri', 'no', 'va', 'lo', 'ne', 'shi', 'ta', 'ku', 'mo',
  'ar', 'bel', 'cor', 'dan', 'el', 'fen', 'gar', 'hol', 'is', 'jor', 'kel', 'lan', 'mar', 'nor', 'or', 'pel',
];

/** A pseudo-word such as "Kavoro"; 32²–32³ distinct words, each matching a few names. */
function word(rng: Random): string {
  const n = rng.chance(0.5) ? 2 : 3;
  let w = '';
  for (let i = 0; i < n; i++) w += rng.pick(SYLLABLES);
  return w[0]!.toUpperCase() + w.slice(1);
}

const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth', 'Eleventh', 'Twelfth'];

export interface SyntheticEntity {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  /** The other properties stored on the node (name, description, kind-specific fields…). */
  properties: Record<string, unknown>;
}

function kindOf(rng: Random): EntityKind {
  return rng.weighted(ENTITY_KIND_NAMES, ENTITY_KIND_NAMES.map((k) => KIND_WEIGHTS[k]));
}

/** Entity `index` of a graph built with `seed`. Pure: the same arguments always give the same entity. */
export function entityAt(index: number, seed: number): SyntheticEntity {
  const rng = new Random(hash32(seed, index, 1));
  const famous = FAMOUS_COUNTRIES[index];
  const kind: EntityKind = famous ? 'Country' : kindOf(rng);
  const properties: Record<string, unknown> = { kind };
  let name: string;
  let aliases: string[] = [];
  let description: string;
  switch (kind) {
    case 'Country': {
      name = famous ?? `Republic of ${word(rng)}`;
      aliases = famous ? [...(FAMOUS_ALIASES[famous] ?? [])] : [];
      description = `${name} is a sovereign state named in the synthetic reports.`;
      break;
    }
    case 'Actor': {
      const actorType = rng.weighted(['PERSON', 'ORGANIZATION', 'GROUP'] as const, [70, 22, 8]);
      properties.actorType = actorType;
      if (actorType === 'PERSON') {
        const first = word(rng);
        const last = word(rng);
        name = `${first} ${last}`;
        aliases = [last];
        if (rng.chance(0.3)) properties.rank = rng.pick(['Colonel', 'General', 'Admiral', 'Captain', 'Major']);
        if (rng.chance(0.5)) properties.role = rng.pick(['trade envoy', 'defense minister', 'commander', 'spokesperson', 'analyst']);
        description = `${name} is a ${String(properties.role ?? 'person')} named in the synthetic reports.`;
      } else if (actorType === 'ORGANIZATION') {
        name = `${word(rng)} ${rng.pick(['Ministry', 'Agency', 'Institute', 'Corporation', 'Council'])}`;
        description = `${name} is an organisation that acts in the synthetic reports.`;
      } else {
        name = `${word(rng)} ${rng.pick(['officials', 'leadership', 'lawmakers', 'analysts'])}`;
        description = `${name} is a group named in the synthetic reports.`;
      }
      break;
    }
    case 'Unit': {
      const echelon = rng.pick(['regiment', 'brigade', 'division', 'fleet', 'squadron']);
      name = `${rng.pick(ORDINALS)} ${word(rng)} ${echelon[0]!.toUpperCase()}${echelon.slice(1)}`;
      properties.echelon = echelon;
      if (rng.chance(0.7)) properties.branch = rng.pick(['ground', 'navy', 'air', 'marines']);
      description = `${name} is a military ${echelon} in the synthetic reports.`;
      break;
    }
    case 'Policy': {
      const policyType = rng.pick(['negotiation', 'agreement', 'strategy', 'sanction', 'treaty']);
      name = `${word(rng)} ${policyType[0]!.toUpperCase()}${policyType.slice(1)}`;
      properties.policyType = policyType;
      if (rng.chance(0.5)) properties.status = rng.pick(['ongoing', 'signed', 'proposed', 'stalled']);
      description = `${name} is a ${policyType} discussed in the synthetic reports.`;
      break;
    }
    case 'Location': {
      const locationType = rng.pick(['island', 'strait', 'bay', 'region', 'base']);
      name = `${word(rng)} ${locationType[0]!.toUpperCase()}${locationType.slice(1)}`;
      properties.locationType = locationType;
      description = `${name} is a ${locationType} where things happen in the synthetic reports.`;
      break;
    }
    case 'Event': {
      const eventType = rng.pick(['exercise', 'meeting', 'summit', 'incident', 'launch']);
      name = `${word(rng)} ${eventType[0]!.toUpperCase()}${eventType.slice(1)}`;
      properties.eventType = eventType;
      if (rng.chance(0.6)) {
        const start = new Date(Date.UTC(2015, 0, 1) + rng.int(3650) * 86_400_000);
        properties.startDate = toNeo4jDate(start);
        if (rng.chance(0.5)) properties.endDate = toNeo4jDate(new Date(start.getTime() + (1 + rng.int(14)) * 86_400_000));
      } else {
        properties.period = rng.pick(['recent', 'last year', 'this spring']);
      }
      description = `${name} is an ${eventType} reported in the synthetic reports.`;
      break;
    }
    case 'Equipment': {
      const equipmentType = rng.pick(['anti-ship missile', 'destroyer', 'fighter jet', 'radar', 'drone']);
      name = `${word(rng)}-${10 + rng.int(90)} ${equipmentType.split(' ').at(-1)!.replace(/^./, (c) => c.toUpperCase())}`;
      properties.equipmentType = equipmentType;
      description = `${name} is a ${equipmentType} named in the synthetic reports.`;
      break;
    }
  }
  const id = entityId(kind, famous ? slugify(name) : `${slugify(name)}-${index}`);
  aliases = [...new Set(aliases)].filter((alias) => alias !== name);
  Object.assign(properties, {
    name,
    description,
    aliases,
    // As src/graph/ingest.ts stores it: every alias followed by ' | '.
    aliasText: aliases.map((alias) => `${alias} | `).join(''),
  });
  return { id, kind, name, aliases, properties: { id, ...properties } };
}

function toNeo4jDate(date: Date) {
  return new neo4j.types.Date(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Relationship types that read naturally for a target of each kind. */
const TYPES_BY_TARGET_KIND: Record<EntityKind, RelationshipType[]> = {
  Country: ['BELONGS_TO', 'NEGOTIATES_WITH', 'RELIES_ON', 'IN_TENSION_WITH', 'SECURITY_PARTNER_OF', 'SIGNALS_TO', 'DETERS', 'CRITICIZES', 'REPRESENTS', 'RESPONDS_TO'],
  Actor: ['LEADS', 'REPRESENTS', 'NEGOTIATES_WITH', 'CRITICIZES', 'MEMBER_OF'],
  Unit: ['MEMBER_OF', 'PART_OF', 'LEADS', 'ESTABLISHED', 'RELIES_ON'],
  Policy: ['PARTY_TO', 'INVOLVES', 'IN_EXCHANGE_FOR', 'RESPONDS_TO', 'CRITICIZES'],
  Location: ['BASED_AT', 'LOCATED_IN', 'OPERATES_NEAR', 'TOOK_PLACE_IN'],
  Event: ['PARTICIPATED_IN', 'RESPONDS_TO'],
  Equipment: ['USES', 'INVOLVES', 'IN_EXCHANGE_FOR'],
};

const PHRASES: Record<RelationshipType, string> = {
  LEADS: 'leads', MEMBER_OF: 'serves in', PART_OF: 'is part of', BELONGS_TO: 'belongs to', ESTABLISHED: 'established',
  BASED_AT: 'is based at', LOCATED_IN: 'lies within', TOOK_PLACE_IN: 'took place in', REPRESENTS: 'represents',
  NEGOTIATES_WITH: 'is negotiating with', PARTY_TO: 'is a party to', PARTICIPATED_IN: 'took part in', USES: 'uses',
  INVOLVES: 'involves', IN_EXCHANGE_FOR: 'is offered in exchange for', OPERATES_NEAR: 'operates near',
  RESPONDS_TO: 'acts in response to', DETERS: 'is meant to deter', SIGNALS_TO: 'signals its resolve to',
  CRITICIZES: 'criticized', RELIES_ON: 'relies on', IN_TENSION_WITH: 'is in rising tension with',
  SECURITY_PARTNER_OF: 'is a security partner of',
};

const FILLERS = [
  'Officials declined to comment further.',
  'The report gave no figures.',
  'Analysts expect more announcements this year.',
  'Details remain unclear.',
];

export interface SyntheticRelationship {
  id: string;
  type: RelationshipType;
  source: string;
  target: string;
  sourceIndex: number;
  targetIndex: number;
  basis: EvidenceBasis;
}

export interface SyntheticEvidence {
  id: string;
  relationshipId: string;
  documentId: string;
  quote: string;
  start: number;
  end: number;
  basis: EvidenceBasis;
}

export interface SyntheticMention {
  entityId: string;
  start: number;
  end: number;
  text: string;
}

export interface SyntheticDocument {
  id: string;
  title: string;
  text: string;
  source: string;
  publishedAt: unknown;
  relationships: SyntheticRelationship[];
  evidence: SyntheticEvidence[];
  mentions: SyntheticMention[];
}

export const relationshipCount = (entities: number) => Math.round(entities * RELATIONSHIPS_PER_ENTITY);
export const documentCount = (entities: number) => Math.ceil(relationshipCount(entities) / RELATIONSHIPS_PER_DOCUMENT);

/** A heavy-tailed index in [0, n): P(index < k) = (k/n)^(1/exponent). */
const heavy = (rng: Random, n: number, exponent: number) => Math.min(n - 1, Math.floor(n * Math.pow(rng.next(), exponent)));

/**
 * The documents, in order, each with its relationships, evidence and mentions. Relationship j
 * (0-based) starts at entity j while j < N, so every entity is in at least one relationship and
 * is named in at least one document; later ones start at a mildly heavy-tailed entity. Targets
 * are strongly heavy-tailed. No self-loops, and at most one relationship of a type between two
 * entities (the model's rule).
 */
export function* documents(entities: number, seed: number): Generator<SyntheticDocument> {
  const total = relationshipCount(entities);
  const rng = new Random(hash32(seed, 2));
  const seen = new Set<number>();
  const cache = new Map<number, SyntheticEntity>();
  const entity = (i: number) => {
    let e = cache.get(i);
    if (!e) {
      e = entityAt(i, seed);
      // The hubs recur constantly; everything else is looked up once or twice.
      if (i < 4096) cache.set(i, e);
    }
    return e;
  };
  const typeCount = RELATIONSHIP_TYPE_NAMES.length;
  let j = 0;
  for (let k = 0; j < total; k++) {
    const documentId = documentIdOf(`synthetic-${k}`);
    const relationships: SyntheticRelationship[] = [];
    const evidence: SyntheticEvidence[] = [];
    const mentions: SyntheticMention[] = [];
    let text = '';
    let title = '';
    const append = (part: string) => {
      const start = text.length;
      text += part;
      return start;
    };
    for (let r = 0; r < RELATIONSHIPS_PER_DOCUMENT && j < total; r++, j++) {
      let s = 0;
      let t = 0;
      let type: RelationshipType = 'LEADS';
      for (let attempt = 0; ; attempt++) {
        s = j < entities ? j : heavy(rng, entities, 1.5);
        t = heavy(rng, entities, 3);
        if (t === s) t = (t + 1 + rng.int(entities - 1)) % entities;
        const candidates = TYPES_BY_TARGET_KIND[entity(t).kind];
        type = attempt > 3 ? rng.pick(RELATIONSHIP_TYPE_NAMES) : rng.pick(candidates);
        const key = (s * entities + t) * typeCount + RELATIONSHIP_TYPE_NAMES.indexOf(type);
        if (!seen.has(key)) {
          seen.add(key);
          break;
        }
        if (attempt > 50) throw new Error(`could not find a new relationship for ${j}`);
      }
      const source = entity(s);
      const target = entity(t);
      const basis: EvidenceBasis = rng.chance(0.8) ? 'STATED' : 'INFERRED';
      const id = relationshipId({ source: source.id, type, target: target.id });
      // Sometimes the text uses an alias, as articles do ("Tokyo" for Japan).
      const sourceText = source.aliases.length && rng.chance(0.2) ? rng.pick(source.aliases) : source.name;
      const targetText = target.aliases.length && rng.chance(0.2) ? rng.pick(target.aliases) : target.name;
      if (r === 0) {
        const prefix = `Synthetic report ${k}: `;
        title = `${prefix}${source.name} and ${target.name}`;
        append(`${title}\n\n`);
        const titleTarget = prefix.length + source.name.length + ' and '.length;
        mentions.push(
          { entityId: source.id, start: prefix.length, end: prefix.length + source.name.length, text: source.name },
          { entityId: target.id, start: titleTarget, end: titleTarget + target.name.length, text: target.name },
        );
      } else {
        append(' ');
      }
      if (r > 0 && rng.chance(0.25)) append(`${rng.pick(FILLERS)} `);
      const quoteStart = text.length;
      const sourceStart = append(sourceText);
      append(basis === 'STATED' ? ` ${PHRASES[type]} ` : ` was reported alongside `);
      const targetStart = append(targetText);
      append(basis === 'STATED' ? '.' : ` (${PHRASES[type]}).`);
      const quoteEnd = text.length;
      mentions.push(
        { entityId: source.id, start: sourceStart, end: sourceStart + sourceText.length, text: sourceText },
        { entityId: target.id, start: targetStart, end: targetStart + targetText.length, text: targetText },
      );
      relationships.push({ id, type, source: source.id, target: target.id, sourceIndex: s, targetIndex: t, basis });
      evidence.push({
        id: evidenceId({ relationshipId: id, documentId, start: quoteStart, end: quoteEnd }),
        relationshipId: id,
        documentId,
        quote: text.slice(quoteStart, quoteEnd),
        start: quoteStart,
        end: quoteEnd,
        basis,
      });
    }
    const published = new Date(Date.UTC(2020, 0, 1) + (k % 2000) * 86_400_000);
    yield { id: documentId, title, text, source: 'synthetic', publishedAt: toNeo4jDate(published), relationships, evidence, mentions };
  }
}
