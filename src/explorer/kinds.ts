/**
 * How each entity kind and relationship type looks. The records are keyed by the generated enum
 * types, so a kind or type added to the vocabulary fails the type check until it is styled here.
 */
import type { EntityKind, RelationshipType } from './gql/graphql.js';

export interface KindStyle {
  label: string;
  plural: string;
  colour: string;
  /** Light tint for badges and highlights. */
  tint: string;
  /** Inner markup of a 24×24 stroke icon (feather style). */
  icon: string;
}

export const KINDS: Record<EntityKind, KindStyle> = {
  Actor: {
    label: 'Actor',
    plural: 'Actors',
    colour: '#2563eb',
    tint: '#dbeafe',
    icon: '<circle cx="12" cy="8" r="4"/><path d="M4 21v-1a6 6 0 0 1 6-6h4a6 6 0 0 1 6 6v1"/>',
  },
  Country: {
    label: 'Country',
    plural: 'Countries',
    colour: '#dc2626',
    tint: '#fee2e2',
    icon: '<path d="M5 22V3"/><path d="M5 4h13l-2.5 4.5L18 13H5"/>',
  },
  Unit: {
    label: 'Unit',
    plural: 'Units',
    colour: '#059669',
    tint: '#d1fae5',
    icon: '<path d="M12 2.5l7.5 3v5.5c0 4.6-3.1 8.6-7.5 10.5-4.4-1.9-7.5-5.9-7.5-10.5V5.5z"/><path d="M8.5 12l2.5 2.5 4.5-5"/>',
  },
  Policy: {
    label: 'Policy',
    plural: 'Policies',
    colour: '#7c3aed',
    tint: '#ede9fe',
    icon: '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5M9 13h6M9 17h6"/>',
  },
  Location: {
    label: 'Location',
    plural: 'Locations',
    colour: '#d97706',
    tint: '#fef3c7',
    icon: '<path d="M12 22s-7-6.3-7-12a7 7 0 0 1 14 0c0 5.7-7 12-7 12z"/><circle cx="12" cy="10" r="2.5"/>',
  },
  Event: {
    label: 'Event',
    plural: 'Events',
    colour: '#db2777',
    tint: '#fce7f3',
    icon: '<rect x="4" y="5" width="16" height="16" rx="2"/><path d="M4 10h16M8 3v4M16 3v4"/>',
  },
  Equipment: {
    label: 'Equipment',
    plural: 'Equipment',
    colour: '#475569',
    tint: '#e2e8f0',
    icon: '<circle cx="12" cy="12" r="7.5"/><circle cx="12" cy="12" r="2.5"/><path d="M12 1.5v5M12 17.5v5M1.5 12h5M17.5 12h5"/>',
  },
};

export const KIND_NAMES = Object.keys(KINDS) as EntityKind[];

/** How a relationship reads, source → target. */
export const RELATIONSHIP_TYPES: Record<RelationshipType, string> = {
  LEADS: 'leads',
  MEMBER_OF: 'member of',
  PART_OF: 'part of',
  BELONGS_TO: 'belongs to',
  ESTABLISHED: 'established',
  BASED_AT: 'based at',
  LOCATED_IN: 'located in',
  TOOK_PLACE_IN: 'took place in',
  REPRESENTS: 'represents',
  NEGOTIATES_WITH: 'negotiates with',
  PARTY_TO: 'party to',
  PARTICIPATED_IN: 'participated in',
  USES: 'uses',
  INVOLVES: 'involves',
  IN_EXCHANGE_FOR: 'in exchange for',
  OPERATES_NEAR: 'operates near',
  RESPONDS_TO: 'responds to',
  DETERS: 'deters',
  SIGNALS_TO: 'signals to',
  CRITICIZES: 'criticizes',
  RELIES_ON: 'relies on',
  IN_TENSION_WITH: 'in tension with',
  SECURITY_PARTNER_OF: 'security partner of',
  CO_MENTIONED_WITH: 'named with',
};

/** The weak link: two entities named in one sentence with no typed relation. */
export const CO_MENTION = 'CO_MENTIONED_WITH' satisfies RelationshipType;

/** The typed relationships the filters offer; the weak co-mention link has a toggle of its own. */
export const RELATIONSHIP_TYPE_NAMES = (Object.keys(RELATIONSHIP_TYPES) as RelationshipType[]).filter((type) => type !== CO_MENTION);

/** A complete SVG icon for a kind, in the given stroke colour. */
export function kindIconSvg(kind: EntityKind, stroke: string, size = 24): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="${stroke}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${KINDS[kind].icon}</svg>`;
}

/** The icon as a data: URL, for the graph canvas (CSP allows img-src data:). */
export function kindIconUrl(kind: EntityKind): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(kindIconSvg(kind, '#ffffff', 48))}`;
}
