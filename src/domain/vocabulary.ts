/**
 * The domain vocabulary, defined once. The extraction validator, the Cypher (labels and
 * relationship types) and the GraphQL enums (schema/generated/vocabulary.graphql, written by
 * `npm run codegen`) are all derived from these lists, so they cannot drift apart.
 */

interface Term {
  /** One sentence, shown in the GraphQL docs pane. */
  readonly description: string;
}

interface RelationshipTerm extends Term {
  /** A sentence of the kind that justifies the relationship, read source → target. */
  readonly example: string;
}

export const ENTITY_KINDS = {
  Actor: { idPrefix: 'actor', description: 'A person, or an organisation or group that acts (see `actorType`).' },
  Country: { idPrefix: 'country', description: 'A sovereign state, including its government when the text uses the capital for it.' },
  Unit: { idPrefix: 'unit', description: 'A military formation or service: a regiment, a navy, a self-defense force.' },
  Policy: { idPrefix: 'policy', description: 'A policy, negotiation, agreement or strategy.' },
  Location: { idPrefix: 'location', description: 'A place: an island, a region, a body of water, a position.' },
  Event: { idPrefix: 'event', description: 'Something that happens: an exercise, a meeting, an establishment.' },
  Equipment: { idPrefix: 'equipment', description: 'A weapon system or other military hardware.' },
} as const satisfies Record<string, Term & { idPrefix: string }>;

export type EntityKind = keyof typeof ENTITY_KINDS;
export const ENTITY_KIND_NAMES = Object.keys(ENTITY_KINDS) as [EntityKind, ...EntityKind[]];

export const ACTOR_TYPES = {
  PERSON: { description: 'An individual human being.' },
  ORGANIZATION: { description: 'A formal body: a ministry, a company, an agency.' },
  GROUP: { description: 'An informal or collective actor: "U.S. leadership", "American officials".' },
} as const satisfies Record<string, Term>;

export type ActorType = keyof typeof ACTOR_TYPES;
export const ACTOR_TYPE_NAMES = Object.keys(ACTOR_TYPES) as [ActorType, ...ActorType[]];

export const EVIDENCE_BASES = {
  STATED: { description: 'The quoted text says it outright.' },
  INFERRED: { description: 'A careful reader concludes it from the quoted text, which does not say it in so many words.' },
} as const satisfies Record<string, Term>;

export type EvidenceBasis = keyof typeof EVIDENCE_BASES;
export const EVIDENCE_BASIS_NAMES = Object.keys(EVIDENCE_BASES) as [EvidenceBasis, ...EvidenceBasis[]];

export const RELATIONSHIP_TYPES = {
  LEADS: {
    description: 'The source commands or heads the target.',
    example: 'Colonel Yohei Ito, who leads the regiment …',
  },
  MEMBER_OF: {
    description: 'The source (a person) serves in or belongs to the target organisation or unit.',
    example: 'Colonel Yohei Ito, who leads the regiment … (a colonel of the regiment serves in it)',
  },
  PART_OF: {
    description: 'The source is a component of the target (unit of a service, item of a strategy).',
    example: 'Japan’s Ground Self-Defense Force has established new missile regiments …',
  },
  BELONGS_TO: {
    description: 'The source (a unit or organisation) is an instrument of the target country.',
    example: 'Japan’s Ground Self-Defense Force …',
  },
  ESTABLISHED: {
    description: 'The source created or stood up the target.',
    example: 'Japan’s Ground Self-Defense Force has established new missile regiments …',
  },
  BASED_AT: {
    description: 'The source is stationed at or operates from the target place.',
    example: '… the Seventh Regiment … operates from a strategically located hilltop position on Okinawa.',
  },
  LOCATED_IN: {
    description: 'The source place lies within the target place or country.',
    example: '… a new missile regiment on Okinawa … (Okinawa is Japanese territory)',
  },
  TOOK_PLACE_IN: {
    description: 'The source event happened at the target place.',
    example: 'Trade envoy Ryosei Akazawa’s recent meetings in the U.S. …',
  },
  REPRESENTS: {
    description: 'The source acts on behalf of the target.',
    example: 'Trade envoy Ryosei Akazawa …',
  },
  NEGOTIATES_WITH: {
    description: 'The source is in negotiations with the target.',
    example: 'Japan is engaged in intricate trade negotiations with Washington …',
  },
  PARTY_TO: {
    description: 'The source takes part in the target policy, negotiation or agreement.',
    example: 'Japan is engaged in intricate trade negotiations …',
  },
  PARTICIPATED_IN: {
    description: 'The source took part in the target event.',
    example: 'The newly formed Seventh Regiment, which recently underwent training exercises …',
  },
  USES: {
    description: 'The source operates or employs the target equipment.',
    example: '… training exercises involving road-mobile ship-slaying missiles …',
  },
  INVOLVES: {
    description: 'The source event or policy has the target as its subject or instrument.',
    example: '… trade negotiations … incorporating discussions on reducing tariffs …',
  },
  IN_EXCHANGE_FOR: {
    description: 'The source (a concession or measure) is offered in return for the target (one side of a quid pro quo).',
    example: '… reducing tariffs in exchange for significant purchases of U.S. military hardware …',
  },
  OPERATES_NEAR: {
    description: 'The source operates in the vicinity of the target place.',
    example: 'As the Chinese navy expands its operations near Japanese waters …',
  },
  RESPONDS_TO: {
    description: 'The source acts in response to the target.',
    example: '… established new missile regiments in response to an assertive Chinese military presence …',
  },
  DETERS: {
    description: 'The source is meant to discourage the target from acting.',
    example: '… their visible display of military power serves … to deter potential adversaries …',
  },
  SIGNALS_TO: {
    description: 'The source demonstrates resolve or commitment to the target.',
    example: '… to demonstrate Japan’s resolve to the United States …',
  },
  CRITICIZES: {
    description: 'The source voices criticism of or concern about the target.',
    example: '… addressing concerns from American officials regarding Japan’s reliance on U.S. military support.',
  },
  RELIES_ON: {
    description: 'The source depends on the target.',
    example: '… Japan’s reliance on U.S. military support.',
  },
  IN_TENSION_WITH: {
    description: 'The source and the target are in a state of rivalry or rising tension.',
    example: 'As tensions with China rise, Japan ramps up military capabilities …',
  },
  SECURITY_PARTNER_OF: {
    description: 'The source is a security partner of the target.',
    example: '… the evolving role of the United States as a security partner.',
  },
} as const satisfies Record<string, RelationshipTerm>;

export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;
export const RELATIONSHIP_TYPE_NAMES = Object.keys(RELATIONSHIP_TYPES) as [RelationshipType, ...RelationshipType[]];

/**
 * The weak link: two entities named in one sentence with no typed relation between them. It is a
 * relationship type of its own (in the API's RelationshipType enum too) but not part of
 * RELATIONSHIP_TYPES, so every "all types" pattern, the stored degree and curated extractions leave it out.
 */
export const CO_MENTION = 'CO_MENTIONED_WITH';
export const CO_MENTION_TERM = {
  [CO_MENTION]: {
    description: 'Weak link: the two are named in one sentence, with no typed relation found (machine-extracted only; left out of paths, subgraphs and neighbours unless asked for).',
    example: 'Akazawa met officials in Washington as the regiment trained on Okinawa.',
  },
} as const satisfies Record<string, RelationshipTerm>;

/** A typed relationship type or the weak co-mention link: what the API's RelationshipType enum holds. */
export type LinkType = RelationshipType | typeof CO_MENTION;
export const LINK_TYPE_NAMES = [...RELATIONSHIP_TYPE_NAMES, CO_MENTION] as [LinkType, ...LinkType[]];

/** Curation status of entities and relationships. */
export const CURATION_STATUSES = ['CURATED', 'PROPOSED', 'REJECTED'] as const;
export type CurationStatus = (typeof CURATION_STATUSES)[number];
/** What lists show unless asked otherwise: REJECTED facts are kept for audit, hidden. */
export const DEFAULT_STATUSES: readonly CurationStatus[] = ['CURATED', 'PROPOSED'];

/** Neo4j labels and relationship types for structure that is not part of the domain vocabulary. */
export const GRAPH = {
  entityLabel: 'Entity',
  documentLabel: 'Document',
  evidenceLabel: 'Evidence',
  migrationLabel: 'Migration',
  mentionsType: 'MENTIONS',
  citesType: 'CITES',
} as const;
