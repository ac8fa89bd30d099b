/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What sort of actor an Actor is. */
export type ActorType =
  /** An informal or collective actor: "U.S. leadership", "American officials". */
  | 'GROUP'
  /** A formal body: a ministry, a company, an agency. */
  | 'ORGANIZATION'
  /** An individual human being. */
  | 'PERSON';

/** Whether a fact was curated, is a machine proposal awaiting review, or was rejected. */
export type CurationStatus =
  /** From a curated extraction, or accepted by an editor. */
  | 'CURATED'
  /** Extracted automatically; not reviewed yet. */
  | 'PROPOSED'
  /** Rejected by an editor; kept for audit, hidden unless asked for. */
  | 'REJECTED';

/** The kind of an entity. */
export type EntityKind =
  /** A person, or an organisation or group that acts (see `actorType`). */
  | 'Actor'
  /** A sovereign state, including its government when the text uses the capital for it. */
  | 'Country'
  /** A weapon system or other military hardware. */
  | 'Equipment'
  /** Something that happens: an exercise, a meeting, an establishment. */
  | 'Event'
  /** A place: an island, a region, a body of water, a position. */
  | 'Location'
  /** A policy, negotiation, agreement or strategy. */
  | 'Policy'
  /** A military formation or service: a regiment, a navy, a self-defense force. */
  | 'Unit';

/** How a passage supports a relationship. */
export type EvidenceBasis =
  /** A careful reader concludes it from the quoted text, which does not say it in so many words. */
  | 'INFERRED'
  /** The quoted text says it outright. */
  | 'STATED';

/** The closed vocabulary of relationships, each read source → target. */
export type RelationshipType =
  /** The source is stationed at or operates from the target place. Example: … the Seventh Regiment … operates from a strategically located hilltop position on Okinawa. */
  | 'BASED_AT'
  /** The source (a unit or organisation) is an instrument of the target country. Example: Japan’s Ground Self-Defense Force … */
  | 'BELONGS_TO'
  /** Weak link: the two are named in one sentence, with no typed relation found (machine-extracted only; left out of paths, subgraphs and neighbours unless asked for). Example: Akazawa met officials in Washington as the regiment trained on Okinawa. */
  | 'CO_MENTIONED_WITH'
  /** The source voices criticism of or concern about the target. Example: … addressing concerns from American officials regarding Japan’s reliance on U.S. military support. */
  | 'CRITICIZES'
  /** The source is meant to discourage the target from acting. Example: … their visible display of military power serves … to deter potential adversaries … */
  | 'DETERS'
  /** The source created or stood up the target. Example: Japan’s Ground Self-Defense Force has established new missile regiments … */
  | 'ESTABLISHED'
  /** The source event or policy has the target as its subject or instrument. Example: … trade negotiations … incorporating discussions on reducing tariffs … */
  | 'INVOLVES'
  /** The source (a concession or measure) is offered in return for the target (one side of a quid pro quo). Example: … reducing tariffs in exchange for significant purchases of U.S. military hardware … */
  | 'IN_EXCHANGE_FOR'
  /** The source and the target are in a state of rivalry or rising tension. Example: As tensions with China rise, Japan ramps up military capabilities … */
  | 'IN_TENSION_WITH'
  /** The source commands or heads the target. Example: Colonel Yohei Ito, who leads the regiment … */
  | 'LEADS'
  /** The source place lies within the target place or country. Example: … a new missile regiment on Okinawa … (Okinawa is Japanese territory) */
  | 'LOCATED_IN'
  /** The source (a person) serves in or belongs to the target organisation or unit. Example: Colonel Yohei Ito, who leads the regiment … (a colonel of the regiment serves in it) */
  | 'MEMBER_OF'
  /** The source is in negotiations with the target. Example: Japan is engaged in intricate trade negotiations with Washington … */
  | 'NEGOTIATES_WITH'
  /** The source operates in the vicinity of the target place. Example: As the Chinese navy expands its operations near Japanese waters … */
  | 'OPERATES_NEAR'
  /** The source took part in the target event. Example: The newly formed Seventh Regiment, which recently underwent training exercises … */
  | 'PARTICIPATED_IN'
  /** The source takes part in the target policy, negotiation or agreement. Example: Japan is engaged in intricate trade negotiations … */
  | 'PARTY_TO'
  /** The source is a component of the target (unit of a service, item of a strategy). Example: Japan’s Ground Self-Defense Force has established new missile regiments … */
  | 'PART_OF'
  /** The source depends on the target. Example: … Japan’s reliance on U.S. military support. */
  | 'RELIES_ON'
  /** The source acts on behalf of the target. Example: Trade envoy Ryosei Akazawa … */
  | 'REPRESENTS'
  /** The source acts in response to the target. Example: … established new missile regiments in response to an assertive Chinese military presence … */
  | 'RESPONDS_TO'
  /** The source is a security partner of the target. Example: … the evolving role of the United States as a security partner. */
  | 'SECURITY_PARTNER_OF'
  /** The source demonstrates resolve or commitment to the target. Example: … to demonstrate Japan’s resolve to the United States … */
  | 'SIGNALS_TO'
  /** The source event happened at the target place. Example: Trade envoy Ryosei Akazawa’s recent meetings in the U.S. … */
  | 'TOOK_PLACE_IN'
  /** The source operates or employs the target equipment. Example: … training exercises involving road-mobile ship-slaying missiles … */
  | 'USES';

type ExplorerEntityHead_Actor_Fragment = { id: string, kind: EntityKind, name: string, degree: number };

type ExplorerEntityHead_Country_Fragment = { id: string, kind: EntityKind, name: string, degree: number };

type ExplorerEntityHead_Equipment_Fragment = { id: string, kind: EntityKind, name: string, degree: number };

type ExplorerEntityHead_Event_Fragment = { id: string, kind: EntityKind, name: string, degree: number };

type ExplorerEntityHead_Location_Fragment = { id: string, kind: EntityKind, name: string, degree: number };

type ExplorerEntityHead_Policy_Fragment = { id: string, kind: EntityKind, name: string, degree: number };

type ExplorerEntityHead_Unit_Fragment = { id: string, kind: EntityKind, name: string, degree: number };

export type ExplorerEntityHeadFragment =
  | ExplorerEntityHead_Actor_Fragment
  | ExplorerEntityHead_Country_Fragment
  | ExplorerEntityHead_Equipment_Fragment
  | ExplorerEntityHead_Event_Fragment
  | ExplorerEntityHead_Location_Fragment
  | ExplorerEntityHead_Policy_Fragment
  | ExplorerEntityHead_Unit_Fragment
;

export type ExplorerRelationshipDetailFragment = { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
  , target:
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
    | { id: string, kind: EntityKind, name: string }
  , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> };

export type ExplorerSearchQueryVariables = Exact<{
  text: string;
  kinds?: Array<EntityKind> | EntityKind | null | undefined;
  first: number;
}>;


export type ExplorerSearchQuery = { search: Array<{ score: number, entity:
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
     }> };

export type ExplorerEntityQueryVariables = Exact<{
  id: string;
  first: number;
  coMentions: boolean;
}>;


export type ExplorerEntityQuery = { entity:
    | { __typename: 'Actor', actorType: ActorType, rank: string | null, role: string | null, aliases: Array<string>, description: string, curation: CurationStatus, sources: number, id: string, kind: EntityKind, name: string, degree: number, mentions: { totalCount: number }, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { __typename: 'Country', aliases: Array<string>, description: string, curation: CurationStatus, sources: number, id: string, kind: EntityKind, name: string, degree: number, mentions: { totalCount: number }, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { __typename: 'Equipment', equipmentType: string | null, aliases: Array<string>, description: string, curation: CurationStatus, sources: number, id: string, kind: EntityKind, name: string, degree: number, mentions: { totalCount: number }, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { __typename: 'Event', eventType: string | null, startDate: string | null, endDate: string | null, period: string | null, aliases: Array<string>, description: string, curation: CurationStatus, sources: number, id: string, kind: EntityKind, name: string, degree: number, mentions: { totalCount: number }, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { __typename: 'Location', locationType: string | null, aliases: Array<string>, description: string, curation: CurationStatus, sources: number, id: string, kind: EntityKind, name: string, degree: number, mentions: { totalCount: number }, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { __typename: 'Policy', policyType: string | null, status: string | null, aliases: Array<string>, description: string, curation: CurationStatus, sources: number, id: string, kind: EntityKind, name: string, degree: number, mentions: { totalCount: number }, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { __typename: 'Unit', echelon: string | null, branch: string | null, aliases: Array<string>, description: string, curation: CurationStatus, sources: number, id: string, kind: EntityKind, name: string, degree: number, mentions: { totalCount: number }, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
   | null };

export type ExplorerRelationshipsPageQueryVariables = Exact<{
  id: string;
  first: number;
  after?: string | null | undefined;
  coMentions: boolean;
}>;


export type ExplorerRelationshipsPageQuery = { entity:
    | { id: string, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { id: string, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { id: string, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { id: string, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { id: string, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { id: string, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
    | { id: string, relationships: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , target:
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
              | { id: string, kind: EntityKind, name: string }
            , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> } }
   | null };

export type ExplorerNeighborsQueryVariables = Exact<{
  id: string;
  first: number;
  after?: string | null | undefined;
  kinds?: Array<EntityKind> | EntityKind | null | undefined;
  types?: Array<RelationshipType> | RelationshipType | null | undefined;
  coMentions: boolean;
}>;


export type ExplorerNeighborsQuery = { entity:
    | { id: string, neighbors: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ relationshipTypes: Array<RelationshipType>, relationshipCount: number, node:
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
           }> } }
    | { id: string, neighbors: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ relationshipTypes: Array<RelationshipType>, relationshipCount: number, node:
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
           }> } }
    | { id: string, neighbors: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ relationshipTypes: Array<RelationshipType>, relationshipCount: number, node:
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
           }> } }
    | { id: string, neighbors: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ relationshipTypes: Array<RelationshipType>, relationshipCount: number, node:
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
           }> } }
    | { id: string, neighbors: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ relationshipTypes: Array<RelationshipType>, relationshipCount: number, node:
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
           }> } }
    | { id: string, neighbors: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ relationshipTypes: Array<RelationshipType>, relationshipCount: number, node:
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
           }> } }
    | { id: string, neighbors: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ relationshipTypes: Array<RelationshipType>, relationshipCount: number, node:
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
            | { id: string, kind: EntityKind, name: string, degree: number }
           }> } }
   | null };

export type ExplorerEdgesAmongQueryVariables = Exact<{
  ids: Array<string> | string;
  types?: Array<RelationshipType> | RelationshipType | null | undefined;
  coMentions: boolean;
}>;


export type ExplorerEdgesAmongQuery = { subgraph: { nodes: Array<
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
    >, edges: Array<{ id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, source:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
      , target:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       }> } };

export type ExplorerPathsQueryVariables = Exact<{
  from: string;
  to: string;
  maxHops: number;
  types?: Array<RelationshipType> | RelationshipType | null | undefined;
  first: number;
}>;


export type ExplorerPathsQuery = { paths: Array<{ length: number, nodes: Array<
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
      | { id: string, kind: EntityKind, name: string, degree: number }
    >, hops: Array<{ forward: boolean, from:
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
      , to:
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
      , relationship: { id: string, type: RelationshipType, basis: EvidenceBasis, curation: CurationStatus, sources: number, source:
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
        , target:
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
          | { id: string, kind: EntityKind, name: string }
        , evidence: Array<{ id: string, quote: string, start: number, end: number, basis: EvidenceBasis, confidence: number | null, document: { id: string, title: string } }> } }> }> };

export type ExplorerOverviewQueryVariables = Exact<{
  top: number;
}>;


export type ExplorerOverviewQuery = { stats: { entityCount: number, relationshipCount: number, documentCount: number, mentionCount: number, entitiesByKind: Array<{ kind: EntityKind, count: number }>, relationshipsByType: Array<{ type: RelationshipType, count: number }>, mostConnected: Array<{ degree: number, entity:
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
        | { id: string, kind: EntityKind, name: string }
       }> } };

export type ExplorerDocumentsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type ExplorerDocumentsQuery = { documents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, source: string, publishedAt: string | null, mentions: { totalCount: number } } }> } };

export type ExplorerDocumentQueryVariables = Exact<{
  id: string;
}>;


export type ExplorerDocumentQuery = { document: { id: string, title: string, source: string, publishedAt: string | null, text: string } | null };

export type ExplorerDocumentMentionsQueryVariables = Exact<{
  id: string;
  first: number;
  after?: string | null | undefined;
}>;


export type ExplorerDocumentMentionsQuery = { document: { id: string, mentions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { start: number, end: number, entity:
            | { id: string, kind: EntityKind, name: string }
            | { id: string, kind: EntityKind, name: string }
            | { id: string, kind: EntityKind, name: string }
            | { id: string, kind: EntityKind, name: string }
            | { id: string, kind: EntityKind, name: string }
            | { id: string, kind: EntityKind, name: string }
            | { id: string, kind: EntityKind, name: string }
           } }> } } | null };

export type ExplorerAcceptRelationshipMutationVariables = Exact<{
  id: string;
}>;


export type ExplorerAcceptRelationshipMutation = { acceptRelationship: { id: string, curation: CurationStatus } };

export type ExplorerRejectRelationshipMutationVariables = Exact<{
  id: string;
}>;


export type ExplorerRejectRelationshipMutation = { rejectRelationship: { id: string, curation: CurationStatus } };

export type ExplorerMergeEntitiesMutationVariables = Exact<{
  survivorId: string;
  ids: Array<string> | string;
}>;


export type ExplorerMergeEntitiesMutation = { mergeEntities:
    | { id: string, kind: EntityKind, name: string, degree: number }
    | { id: string, kind: EntityKind, name: string, degree: number }
    | { id: string, kind: EntityKind, name: string, degree: number }
    | { id: string, kind: EntityKind, name: string, degree: number }
    | { id: string, kind: EntityKind, name: string, degree: number }
    | { id: string, kind: EntityKind, name: string, degree: number }
    | { id: string, kind: EntityKind, name: string, degree: number }
   };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ExplorerEntityHeadFragmentDoc = new TypedDocumentString(`
    fragment ExplorerEntityHead on Entity {
  id
  kind
  name
  degree
}
    `, {"fragmentName":"ExplorerEntityHead"}) as unknown as TypedDocumentString<ExplorerEntityHeadFragment, unknown>;
export const ExplorerRelationshipDetailFragmentDoc = new TypedDocumentString(`
    fragment ExplorerRelationshipDetail on Relationship {
  id
  type
  basis
  curation
  sources
  source {
    id
    kind
    name
  }
  target {
    id
    kind
    name
  }
  evidence {
    id
    quote
    start
    end
    basis
    confidence
    document {
      id
      title
    }
  }
}
    `, {"fragmentName":"ExplorerRelationshipDetail"}) as unknown as TypedDocumentString<ExplorerRelationshipDetailFragment, unknown>;
export const ExplorerSearchDocument = new TypedDocumentString(`
    query ExplorerSearch($text: String!, $kinds: [EntityKind!], $first: Int!) {
  search(query: $text, kinds: $kinds, first: $first) {
    score
    entity {
      id
      kind
      name
      aliases
    }
  }
}
    `) as unknown as TypedDocumentString<ExplorerSearchQuery, ExplorerSearchQueryVariables>;
export const ExplorerEntityDocument = new TypedDocumentString(`
    query ExplorerEntity($id: ID!, $first: Int!, $coMentions: Boolean!) {
  entity(id: $id) {
    __typename
    ...ExplorerEntityHead
    aliases
    description
    curation
    sources
    mentions(first: 0) {
      totalCount
    }
    ... on Actor {
      actorType
      rank
      role
    }
    ... on Unit {
      echelon
      branch
    }
    ... on Policy {
      policyType
      status
    }
    ... on Location {
      locationType
    }
    ... on Event {
      eventType
      startDate
      endDate
      period
    }
    ... on Equipment {
      equipmentType
    }
    relationships(first: $first, includeCoMentions: $coMentions) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ExplorerRelationshipDetail
        }
      }
    }
  }
}
    fragment ExplorerEntityHead on Entity {
  id
  kind
  name
  degree
}
fragment ExplorerRelationshipDetail on Relationship {
  id
  type
  basis
  curation
  sources
  source {
    id
    kind
    name
  }
  target {
    id
    kind
    name
  }
  evidence {
    id
    quote
    start
    end
    basis
    confidence
    document {
      id
      title
    }
  }
}`) as unknown as TypedDocumentString<ExplorerEntityQuery, ExplorerEntityQueryVariables>;
export const ExplorerRelationshipsPageDocument = new TypedDocumentString(`
    query ExplorerRelationshipsPage($id: ID!, $first: Int!, $after: String, $coMentions: Boolean!) {
  entity(id: $id) {
    id
    relationships(first: $first, after: $after, includeCoMentions: $coMentions) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ExplorerRelationshipDetail
        }
      }
    }
  }
}
    fragment ExplorerRelationshipDetail on Relationship {
  id
  type
  basis
  curation
  sources
  source {
    id
    kind
    name
  }
  target {
    id
    kind
    name
  }
  evidence {
    id
    quote
    start
    end
    basis
    confidence
    document {
      id
      title
    }
  }
}`) as unknown as TypedDocumentString<ExplorerRelationshipsPageQuery, ExplorerRelationshipsPageQueryVariables>;
export const ExplorerNeighborsDocument = new TypedDocumentString(`
    query ExplorerNeighbors($id: ID!, $first: Int!, $after: String, $kinds: [EntityKind!], $types: [RelationshipType!], $coMentions: Boolean!) {
  entity(id: $id) {
    id
    neighbors(
      first: $first
      after: $after
      kinds: $kinds
      types: $types
      includeCoMentions: $coMentions
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        relationshipTypes
        relationshipCount
        node {
          ...ExplorerEntityHead
        }
      }
    }
  }
}
    fragment ExplorerEntityHead on Entity {
  id
  kind
  name
  degree
}`) as unknown as TypedDocumentString<ExplorerNeighborsQuery, ExplorerNeighborsQueryVariables>;
export const ExplorerEdgesAmongDocument = new TypedDocumentString(`
    query ExplorerEdgesAmong($ids: [ID!]!, $types: [RelationshipType!], $coMentions: Boolean!) {
  subgraph(
    ids: $ids
    depth: 0
    types: $types
    includeCoMentions: $coMentions
    limit: 100
  ) {
    nodes {
      ...ExplorerEntityHead
    }
    edges {
      id
      type
      basis
      curation
      source {
        id
      }
      target {
        id
      }
    }
  }
}
    fragment ExplorerEntityHead on Entity {
  id
  kind
  name
  degree
}`) as unknown as TypedDocumentString<ExplorerEdgesAmongQuery, ExplorerEdgesAmongQueryVariables>;
export const ExplorerPathsDocument = new TypedDocumentString(`
    query ExplorerPaths($from: ID!, $to: ID!, $maxHops: Int!, $types: [RelationshipType!], $first: Int!) {
  paths(fromId: $from, toId: $to, maxHops: $maxHops, types: $types, first: $first) {
    length
    nodes {
      ...ExplorerEntityHead
    }
    hops {
      forward
      from {
        id
        kind
        name
      }
      to {
        id
        kind
        name
      }
      relationship {
        ...ExplorerRelationshipDetail
      }
    }
  }
}
    fragment ExplorerEntityHead on Entity {
  id
  kind
  name
  degree
}
fragment ExplorerRelationshipDetail on Relationship {
  id
  type
  basis
  curation
  sources
  source {
    id
    kind
    name
  }
  target {
    id
    kind
    name
  }
  evidence {
    id
    quote
    start
    end
    basis
    confidence
    document {
      id
      title
    }
  }
}`) as unknown as TypedDocumentString<ExplorerPathsQuery, ExplorerPathsQueryVariables>;
export const ExplorerOverviewDocument = new TypedDocumentString(`
    query ExplorerOverview($top: Int!) {
  stats {
    entityCount
    relationshipCount
    documentCount
    mentionCount
    entitiesByKind {
      kind
      count
    }
    relationshipsByType {
      type
      count
    }
    mostConnected(first: $top) {
      degree
      entity {
        id
        kind
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExplorerOverviewQuery, ExplorerOverviewQueryVariables>;
export const ExplorerDocumentsDocument = new TypedDocumentString(`
    query ExplorerDocuments($first: Int!, $after: String) {
  documents(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        title
        source
        publishedAt
        mentions(first: 0) {
          totalCount
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExplorerDocumentsQuery, ExplorerDocumentsQueryVariables>;
export const ExplorerDocumentDocument = new TypedDocumentString(`
    query ExplorerDocument($id: ID!) {
  document(id: $id) {
    id
    title
    source
    publishedAt
    text
  }
}
    `) as unknown as TypedDocumentString<ExplorerDocumentQuery, ExplorerDocumentQueryVariables>;
export const ExplorerDocumentMentionsDocument = new TypedDocumentString(`
    query ExplorerDocumentMentions($id: ID!, $first: Int!, $after: String) {
  document(id: $id) {
    id
    mentions(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          start
          end
          entity {
            id
            kind
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExplorerDocumentMentionsQuery, ExplorerDocumentMentionsQueryVariables>;
export const ExplorerAcceptRelationshipDocument = new TypedDocumentString(`
    mutation ExplorerAcceptRelationship($id: ID!) {
  acceptRelationship(id: $id) {
    id
    curation
  }
}
    `) as unknown as TypedDocumentString<ExplorerAcceptRelationshipMutation, ExplorerAcceptRelationshipMutationVariables>;
export const ExplorerRejectRelationshipDocument = new TypedDocumentString(`
    mutation ExplorerRejectRelationship($id: ID!) {
  rejectRelationship(id: $id) {
    id
    curation
  }
}
    `) as unknown as TypedDocumentString<ExplorerRejectRelationshipMutation, ExplorerRejectRelationshipMutationVariables>;
export const ExplorerMergeEntitiesDocument = new TypedDocumentString(`
    mutation ExplorerMergeEntities($survivorId: ID!, $ids: [ID!]!) {
  mergeEntities(survivorId: $survivorId, ids: $ids) {
    ...ExplorerEntityHead
  }
}
    fragment ExplorerEntityHead on Entity {
  id
  kind
  name
  degree
}`) as unknown as TypedDocumentString<ExplorerMergeEntitiesMutation, ExplorerMergeEntitiesMutationVariables>;