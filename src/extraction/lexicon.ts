/**
 * The curated lexicon behind the pattern rules (docs/extraction.md): head words that make a noun
 * phrase an entity of a kind CoreNLP's NER does not type, and words that change how a mention is
 * read. Lower-case lemmas. Keep it general: a word belongs here when it means the same in any
 * security, trade or diplomacy story, never because one article needs it.
 */
import type { EntityKind } from '../domain/vocabulary.js';

/** Heads of organisations that are military formations or services: ORGANIZATION → Unit. */
export const UNIT_HEADS = new Set([
  'regiment', 'brigade', 'division', 'battalion', 'platoon', 'squadron', 'wing',
  'fleet', 'flotilla', 'navy', 'army', 'corps', 'marines', 'force', 'forces', 'guard', 'command',
  'militia', 'garrison', 'artillery', 'infantry', 'cavalry', 'constabulary',
]);

/** Words that make an ORGANIZATION a Unit only when they are its head ("Air Self-Defense Force"). */
export const UNIT_NAME_WORDS = new Set(['self-defense', 'self-defence', 'pla', 'liberation', 'coast', 'military', 'naval', 'air']);

/** Noun-phrase heads and the kind they make, for phrases CoreNLP's NER leaves untyped. */
export const PHRASE_HEADS: Record<string, Exclude<EntityKind, 'Country'>> = {
  // Events: things that happen.
  exercise: 'Event', drill: 'Event', maneuver: 'Event', manoeuvre: 'Event', wargame: 'Event', meeting: 'Event',
  summit: 'Event', visit: 'Event', buildup: 'Event', 'build-up': 'Event', deployment: 'Event', patrol: 'Event',
  incursion: 'Event', launch: 'Event', test: 'Event', ceremony: 'Event', conference: 'Event', dialogue: 'Event',
  parade: 'Event', standoff: 'Event', clash: 'Event', collision: 'Event', blockade: 'Event', presence: 'Event',
  establishment: 'Event', election: 'Event', intrusion: 'Event', 'stand-off': 'Event', forum: 'Event',
  // Policies: agreements, negotiations, strategies.
  negotiation: 'Policy', talk: 'Policy', agreement: 'Policy', accord: 'Policy', deal: 'Policy', treaty: 'Policy',
  pact: 'Policy', tariff: 'Policy', strategy: 'Policy', policy: 'Policy', tie: 'Policy', sanction: 'Policy',
  framework: 'Policy', partnership: 'Policy', alliance: 'Policy', initiative: 'Policy', plan: 'Policy',
  purchase: 'Policy', posture: 'Policy', reduction: 'Policy', budget: 'Policy', guideline: 'Policy',
  doctrine: 'Policy', arrangement: 'Policy', embargo: 'Policy', 'export control': 'Policy', ban: 'Policy',
  // Equipment: weapons and platforms.
  missile: 'Equipment', destroyer: 'Equipment', frigate: 'Equipment', submarine: 'Equipment', aircraft: 'Equipment',
  jet: 'Equipment', fighter: 'Equipment', drone: 'Equipment', hardware: 'Equipment', radar: 'Equipment',
  launcher: 'Equipment', rocket: 'Equipment', helicopter: 'Equipment', tank: 'Equipment', interceptor: 'Equipment',
  warship: 'Equipment', carrier: 'Equipment', howitzer: 'Equipment', cutter: 'Equipment', bomber: 'Equipment',
  cruiser: 'Equipment', 'ship-to-ship': 'Equipment', weapon: 'Equipment', munition: 'Equipment',
  // Units without a proper name ("new missile regiments", "the Chinese navy").
  regiment: 'Unit', brigade: 'Unit', battalion: 'Unit', navy: 'Unit', army: 'Unit', fleet: 'Unit', squadron: 'Unit',
  flotilla: 'Unit', 'coast guard': 'Unit',
  // Places that are not named by NER ("Japanese waters").
  water: 'Location', island: 'Location', strait: 'Location', sea: 'Location', airspace: 'Location',
  peninsula: 'Location', border: 'Location', base: 'Location', position: 'Location', port: 'Location',
  // Collective actors ("American officials", "U.S. leadership").
  official: 'Actor', leadership: 'Actor', adversary: 'Actor', lawmaker: 'Actor', diplomat: 'Actor',
  negotiator: 'Actor', government: 'Actor', administration: 'Actor', legislator: 'Actor', ally: 'Actor',
};

/**
 * Kinds whose phrases need a proper-noun, national or numbered modifier before they count: a bare
 * "the base" or "officials" is an anaphor, "Japanese waters" and "American officials" are entities.
 */
export const NEEDS_NAMED_MODIFIER = new Set<EntityKind>(['Location', 'Actor', 'Unit']);

/** Collective nouns that name a group in the singular ("U.S. leadership"); other group heads must be plural. */
export const COLLECTIVE_HEADS = new Set(['leadership', 'government', 'administration']);

/** Prefixes of ship names ("USS George Washington", "HMAS Toowoomba"): the name is equipment, not a person or place. */
export const SHIP_PREFIXES = new Set(['USS', 'USNS', 'HMS', 'HMAS', 'HMCS', 'HMNZS', 'JS', 'INS', 'ROKS', 'CNS', 'BRP', 'KRI', 'FS']);

/** Weapon designations: "F-35B", "J-15", "DF-17", "PAC-3", "H-6". */
export const DESIGNATION = /^[A-Z]{1,4}-\d{1,3}[A-Z]?$/;

/** Leading adjectives that do not belong to a name; phrases also get a form without them. */
export const TRANSIENT_ADJECTIVES = new Set([
  'new', 'recent', 'significant', 'potential', 'growing', 'current', 'latest', 'further', 'possible', 'major',
  'several', 'many', 'other', 'such', 'various', 'ongoing', 'upcoming', 'planned', 'proposed', 'first', 'last',
]);

/** Titles that head what their holder belongs to: "commander of the brigade" → LEADS, not MEMBER_OF. Ranks are not among them. */
export const LEADING_TITLES = new Set(['commander', 'head', 'chief', 'leader', 'director', 'chairman', 'chairwoman', 'chair', 'president']);

/** Titles that are military ranks (they fill an actor's `rank`; the others fill `role`). */
export const RANKS = new Set([
  'general', 'gen.', 'lieutenant', 'lt.', 'colonel', 'col.', 'major', 'maj.', 'captain', 'capt.', 'admiral', 'adm.',
  'commander', 'cmdr.', 'sergeant', 'sgt.', 'brigadier', 'commodore', 'vice', 'rear', 'lieutenant-general',
  'major-general', 'lieutenant-colonel', 'private', 'corporal', 'ensign', 'marshal',
]);

/** Words before a name that are not part of it. */
export const HONORIFICS = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'prof', 'prof.', 'sir', 'madam']);

/** Verbs by the relationship they state between their subject and object (lemmas). */
export const VERB_RELATIONS = {
  LEADS: new Set(['lead', 'command', 'head', 'chair', 'direct', 'oversee']),
  USES: new Set(['use', 'operate', 'field', 'fire', 'launch', 'employ', 'deploy', 'test-fire', 'equip']),
  PARTICIPATED_IN: new Set(['conduct', 'hold', 'join', 'stage', 'undergo', 'carry', 'attend', 'participate', 'take', 'host']),
  PARTY_TO: new Set(['sign', 'join', 'negotiate', 'pursue', 'adopt', 'implement', 'ratify', 'conclude', 'reach', 'engage', 'propose', 'approve', 'announce']),
  BASED_AT: new Set(['base', 'station', 'deploy', 'garrison', 'headquarter', 'position', 'operate']),
  NEGOTIATES_WITH: new Set(['negotiate', 'talk', 'bargain']),
} as const;
