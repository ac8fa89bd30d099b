/**
 * The entity panel: kind, name, aliases, description and the kind's own fields, then the
 * relationships grouped by type, each with its evidence quotes and a link to the passage.
 */
import { isAbort, request } from './api.js';
import { h, plural, replace, svg } from './dom.js';
import { passageHref } from './document.js';
import type { EntityKind, ExplorerEntityQuery, ExplorerRelationshipDetailFragment, RelationshipType } from './gql/graphql.js';
import type { ExpansionStatus } from './graph.js';
import { KINDS, RELATIONSHIP_TYPES } from './kinds.js';
import { EntityQuery, RelationshipsPageQuery } from './operations.js';
import { kindBadge, type PickedEntity } from './typeahead.js';

const RELATIONSHIP_PAGE = 25;

type Entity = NonNullable<ExplorerEntityQuery['entity']>;
type Relationship = ExplorerRelationshipDetailFragment;

export interface PanelActions {
  open(entity: PickedEntity): void;
  expand(id: string): Promise<void>;
  pathFrom(entity: PickedEntity): void;
  pathTo(entity: PickedEntity): void;
  expansion(id: string): ExpansionStatus | undefined;
}

const ARROW_RIGHT = '<svg viewBox="0 0 16 16" width="14" height="14" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M2 8h11M9 4l4 4-4 4"/></svg>';
const ARROW_LEFT = '<svg viewBox="0 0 16 16" width="14" height="14" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M14 8H3M7 4L3 8l4 4"/></svg>';
const DOC_ICON = '<svg viewBox="0 0 16 16" width="13" height="13" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"><path d="M9.5 2H4.5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h7a1 1 0 0 0 1-1V5z"/><path d="M9.5 2v3h3M6 8.5h4M6 11h4"/></svg>';

/** Kind-specific fields, as label → value, leaving out what the articles do not give. */
function kindFields(entity: Entity): [string, string][] {
  const fields: [string, string | null | undefined][] = [];
  switch (entity.__typename) {
    case 'Actor':
      fields.push(['Actor type', entity.actorType.charAt(0) + entity.actorType.slice(1).toLowerCase()], ['Rank', entity.rank], ['Role', entity.role]);
      break;
    case 'Unit':
      fields.push(['Echelon', entity.echelon], ['Branch', entity.branch]);
      break;
    case 'Policy':
      fields.push(['Policy type', entity.policyType], ['Status', entity.status]);
      break;
    case 'Location':
      fields.push(['Location type', entity.locationType]);
      break;
    case 'Event':
      fields.push(['Event type', entity.eventType], ['Start', entity.startDate], ['End', entity.endDate], ['Period', entity.period]);
      break;
    case 'Equipment':
      fields.push(['Equipment type', entity.equipmentType]);
      break;
    case 'Country':
      break;
  }
  return fields.filter((field): field is [string, string] => typeof field[1] === 'string' && field[1] !== '');
}

export function entityChip(entity: { id: string; kind: EntityKind; name: string }, onOpen: (entity: PickedEntity) => void): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'entity-chip', 'data-id': entity.id, title: `Open ${entity.name}`, onclick: () => onOpen(entity) },
    kindBadge(entity.kind, true),
    h('span', {}, entity.name),
  );
}

/** One quote with its basis and a link to the passage in the document. */
export function evidenceItem(evidence: Relationship['evidence'][number]): HTMLElement {
  return h(
    'li',
    { class: 'evidence' },
    h('blockquote', { class: 'quote' }, `“${evidence.quote}”`),
    h(
      'div',
      { class: 'evidence-meta' },
      h('span', { class: `basis basis-${evidence.basis.toLowerCase()}`, title: evidence.basis === 'STATED' ? 'The text says it outright' : 'A reader infers it from the text' }, evidence.basis.toLowerCase()),
      h('a', { class: 'passage-link', href: passageHref(evidence.document.id, evidence.start, evidence.end), title: 'Show the passage in the document' }, svg(DOC_ICON), h('span', {}, evidence.document.title)),
    ),
  );
}

export class EntityPanel {
  private current: Entity | null = null;
  private relationships: Relationship[] = [];
  private cursor: string | null = null;
  private hasMore = false;
  private loading: AbortController | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: PanelActions,
  ) {
    this.empty();
  }

  currentId(): string | null {
    return this.current?.id ?? null;
  }

  empty(): void {
    this.current = null;
    replace(
      this.root,
      h(
        'div',
        { class: 'panel-empty' },
        h('h3', {}, 'No entity selected'),
        h('p', {}, 'Search for a person, unit, place or policy above, or click a node on the canvas, to see what the articles say about it and the quote behind every link.'),
      ),
    );
  }

  async show(id: string): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    if (this.current?.id !== id) replace(this.root, h('div', { class: 'panel-loading' }, h('span', { class: 'spinner' }), 'Loading…'));
    try {
      const data = await request(EntityQuery, { id, first: RELATIONSHIP_PAGE }, controller.signal);
      if (controller.signal.aborted) return;
      const entity = data.entity;
      if (!entity) {
        replace(this.root, h('div', { class: 'panel-empty' }, h('h3', {}, 'Not found'), h('p', {}, `No entity has the id ${id}.`)));
        this.current = null;
        return;
      }
      this.current = entity;
      this.relationships = entity.relationships.edges.map((edge) => edge.node);
      this.cursor = entity.relationships.pageInfo.endCursor;
      this.hasMore = entity.relationships.pageInfo.hasNextPage;
      this.render();
    } catch (error) {
      if (isAbort(error)) return;
      replace(this.root, h('div', { class: 'panel-empty' }, h('h3', {}, 'Could not load the entity'), h('p', { class: 'error' }, (error as Error).message)));
    }
  }

  /** Re-renders the expand button after the canvas changed. */
  refreshExpansion(): void {
    const slot = this.root.querySelector('[data-slot="expand"]');
    if (slot && this.current) slot.replaceWith(this.expandButton(this.current));
  }

  private async loadMore(): Promise<void> {
    const entity = this.current;
    if (!entity || !this.hasMore) return;
    const data = await request(RelationshipsPageQuery, { id: entity.id, first: RELATIONSHIP_PAGE, after: this.cursor });
    if (this.current !== entity || !data.entity) return;
    this.relationships.push(...data.entity.relationships.edges.map((edge) => edge.node));
    this.cursor = data.entity.relationships.pageInfo.endCursor;
    this.hasMore = data.entity.relationships.pageInfo.hasNextPage;
    this.render();
  }

  private expandButton(entity: Entity): HTMLElement {
    const status = this.actions.expansion(entity.id);
    const label = !status
      ? `Expand neighbours`
      : status.hasMore
        ? `Load more neighbours (${status.loaded} of ${status.total})`
        : `All ${plural(status.total, 'neighbour')} shown`;
    const button = h('button', { type: 'button', class: 'primary', 'data-action': 'expand', 'data-slot': 'expand', disabled: status !== undefined && !status.hasMore }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      button.textContent = 'Loading neighbours…';
      try {
        await this.actions.expand(entity.id);
      } finally {
        this.refreshExpansion();
      }
    });
    return button;
  }

  private render(): void {
    const entity = this.current;
    if (!entity) return;
    const style = KINDS[entity.kind];
    const head: PickedEntity = { id: entity.id, kind: entity.kind, name: entity.name };
    const fields = kindFields(entity);

    const header = h(
      'header',
      { class: 'entity-header', style: `--kind:${style.colour};--tint:${style.tint}` },
      h('div', { class: 'entity-kind-line' }, kindBadge(entity.kind), h('code', { class: 'entity-id' }, entity.id)),
      h('h2', { class: 'entity-name' }, entity.name),
      entity.aliases.length > 0 ? h('div', { class: 'aliases' }, h('span', { class: 'label' }, 'Also'), ...entity.aliases.map((alias) => h('span', { class: 'alias' }, alias))) : null,
    );

    const facts = h(
      'dl',
      { class: 'facts' },
      ...fields.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
      h('dt', {}, 'Relationships'),
      h('dd', {}, String(entity.degree)),
      h('dt', {}, 'Mentions'),
      h('dd', {}, String(entity.mentions.totalCount)),
    );

    const actions = h(
      'div',
      { class: 'entity-actions' },
      this.expandButton(entity),
      h('button', { type: 'button', 'data-action': 'path-from', onclick: () => this.actions.pathFrom(head) }, 'Path from here'),
      h('button', { type: 'button', 'data-action': 'path-to', onclick: () => this.actions.pathTo(head) }, 'Path to here'),
    );

    replace(
      this.root,
      header,
      h('p', { class: 'description' }, entity.description),
      facts,
      actions,
      this.relationshipSection(entity),
    );
  }

  private relationshipSection(entity: Entity): HTMLElement {
    const groups = new Map<RelationshipType, Relationship[]>();
    for (const relationship of this.relationships) {
      const list = groups.get(relationship.type) ?? [];
      list.push(relationship);
      groups.set(relationship.type, list);
    }
    const section = h(
      'section',
      { class: 'relationships', 'data-testid': 'relationships' },
      h('h3', { class: 'section-title' }, 'Relationships', h('span', { class: 'count' }, String(entity.relationships.totalCount))),
    );
    if (groups.size === 0) section.append(h('p', { class: 'muted' }, 'The articles link this entity to nothing else.'));
    for (const [type, relationships] of groups) {
      const group = h(
        'div',
        { class: 'rel-group', 'data-type': type },
        h('h4', { class: 'rel-type' }, h('span', { class: 'rel-type-name' }, type), h('span', { class: 'rel-type-label' }, RELATIONSHIP_TYPES[type]), h('span', { class: 'count' }, String(relationships.length))),
      );
      for (const relationship of relationships) {
        const outgoing = relationship.source.id === entity.id;
        const other = outgoing ? relationship.target : relationship.source;
        group.append(
          h(
            'div',
            { class: 'rel-item', 'data-relationship': relationship.id },
            h(
              'div',
              { class: 'rel-line' },
              h('span', { class: 'direction', title: outgoing ? `${entity.name} ${RELATIONSHIP_TYPES[type]} ${other.name}` : `${other.name} ${RELATIONSHIP_TYPES[type]} ${entity.name}` }, svg(outgoing ? ARROW_RIGHT : ARROW_LEFT)),
              entityChip(other, (picked) => this.actions.open(picked)),
              relationship.basis === 'INFERRED' ? h('span', { class: 'basis basis-inferred' }, 'inferred') : null,
            ),
            h('ul', { class: 'evidence-list' }, ...relationship.evidence.map(evidenceItem)),
          ),
        );
      }
      section.append(group);
    }
    if (this.hasMore) {
      const more = h('button', { type: 'button', class: 'link-button' }, `Load more (${this.relationships.length} of ${entity.relationships.totalCount})`);
      more.addEventListener('click', () => {
        more.disabled = true;
        void this.loadMore();
      });
      section.append(more);
    }
    return section;
  }
}
