/**
 * The entity panel: kind, name, aliases, description and the kind's own fields, then the
 * relationships grouped by type, each with its evidence quotes and a link to the passage.
 * Machine proposals carry a badge, their sources and confidence; with an editor key entered the
 * panel offers the review actions (accept, reject, merge into another entity).
 */
import { ApiError, editorKey, isAbort, mutate, request } from './api.js';
import { h, plural, replace, svg } from './dom.js';
import { passageHref } from './document.js';
import type { EntityKind, ExplorerEntityQuery, ExplorerRelationshipDetailFragment, RelationshipType } from './gql/graphql.js';
import type { ExpansionStatus } from './graph.js';
import { KINDS, RELATIONSHIP_TYPES } from './kinds.js';
import { AcceptRelationshipMutation, EntityQuery, MergeEntitiesMutation, RejectRelationshipMutation, RelationshipsPageQuery } from './operations.js';
import { createTypeAhead, kindBadge, type PickedEntity } from './typeahead.js';

const RELATIONSHIP_PAGE = 25;

type Entity = NonNullable<ExplorerEntityQuery['entity']>;
type Relationship = ExplorerRelationshipDetailFragment;

export interface PanelActions {
  open(entity: PickedEntity): void;
  expand(id: string): Promise<void>;
  pathFrom(entity: PickedEntity): void;
  pathTo(entity: PickedEntity): void;
  expansion(id: string): ExpansionStatus | undefined;
  /** Whether the weak co-mention links are shown. */
  coMentions(): boolean;
  /** The panel opened `survivor` for a merged-away `requestedId`. */
  redirected(requestedId: string, survivor: PickedEntity): void;
  /** A relationship was accepted or rejected: the canvas catches up. */
  reviewed(): Promise<void>;
  /** `mergedId` was merged into `survivor`: the canvas and the panel move to the survivor. */
  merged(mergedId: string, survivor: PickedEntity): Promise<void>;
}

/** A line above the relationships after a review action or a redirect; kept for one entity. */
interface Notice {
  forId: string;
  kind: 'info' | 'error';
  text: string;
  code?: string;
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

/** The highest confidence the extractor gave any of the evidence; null for curated evidence. */
function confidenceOf(relationship: Relationship): number | null {
  const values = relationship.evidence.map((evidence) => evidence.confidence).filter((value): value is number => typeof value === 'number');
  return values.length > 0 ? Math.max(...values) : null;
}

/** The server's message for a failed action, with its code (FORBIDDEN, UNAUTHENTICATED, …). */
function failure(forId: string, action: string, error: unknown): Notice {
  const code = error instanceof ApiError ? error.code : 'ERROR';
  const hint = code === 'UNAUTHENTICATED' && !editorKey() ? ' Enter an editor key at the top of the page.' : '';
  return { forId, kind: 'error', code, text: `${action} failed (${code}): ${(error as Error).message}.${hint}` };
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
  private notice: Notice | null = null;
  /** A review action is running: its buttons stay disabled until the panel reloads. */
  private busy = false;

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
      const data = await request(EntityQuery, { id, first: RELATIONSHIP_PAGE, coMentions: this.actions.coMentions() }, controller.signal);
      if (controller.signal.aborted) return;
      const entity = data.entity;
      if (!entity) {
        replace(this.root, h('div', { class: 'panel-empty' }, h('h3', {}, 'Not found'), h('p', {}, `No entity has the id ${id}.`)));
        this.current = null;
        return;
      }
      this.current = entity;
      if (entity.id !== id) {
        // A merged-away id resolves to the entity it was merged into.
        this.notice = { forId: entity.id, kind: 'info', code: 'MERGED', text: `${id} was merged into ${entity.name}; showing ${entity.name}.` };
        this.actions.redirected(id, { id: entity.id, kind: entity.kind, name: entity.name });
      }
      this.relationships = entity.relationships.edges.map((edge) => edge.node);
      this.cursor = entity.relationships.pageInfo.endCursor;
      this.hasMore = entity.relationships.pageInfo.hasNextPage;
      this.render();
    } catch (error) {
      if (isAbort(error)) return;
      replace(this.root, h('div', { class: 'panel-empty' }, h('h3', {}, 'Could not load the entity'), h('p', { class: 'error' }, (error as Error).message)));
    }
  }

  /** Loads the current entity again (after a review action, or when the co-mention toggle changed). */
  async reload(): Promise<void> {
    if (this.current) await this.show(this.current.id);
  }

  /** Re-renders for an editor key entered or cleared (the review actions appear or go). */
  refreshEditor(): void {
    this.render();
  }

  /** Re-renders the expand button after the canvas changed. */
  refreshExpansion(): void {
    const slot = this.root.querySelector('[data-slot="expand"]');
    if (slot && this.current) slot.replaceWith(this.expandButton(this.current));
  }

  private async loadMore(): Promise<void> {
    const entity = this.current;
    if (!entity || !this.hasMore) return;
    const data = await request(RelationshipsPageQuery, { id: entity.id, first: RELATIONSHIP_PAGE, after: this.cursor, coMentions: this.actions.coMentions() });
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
      h(
        'div',
        { class: 'entity-kind-line' },
        kindBadge(entity.kind),
        entity.curation !== 'CURATED' ? h('span', { class: `curation-badge curation-${entity.curation.toLowerCase()}`, title: 'Machine-extracted; not reviewed yet' }, entity.curation.toLowerCase()) : null,
        h('code', { class: 'entity-id' }, entity.id),
      ),
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
      h('dt', {}, 'Sources'),
      h('dd', { 'data-testid': 'entity-sources' }, String(entity.sources)),
    );

    const actions = h(
      'div',
      { class: 'entity-actions' },
      this.expandButton(entity),
      h('button', { type: 'button', 'data-action': 'path-from', onclick: () => this.actions.pathFrom(head) }, 'Path from here'),
      h('button', { type: 'button', 'data-action': 'path-to', onclick: () => this.actions.pathTo(head) }, 'Path to here'),
    );
    const merge = h('div', { class: 'merge-slot' });
    if (editorKey()) {
      actions.append(h('button', { type: 'button', 'data-action': 'merge', title: `Merge ${entity.name} into another entity of the same kind`, onclick: () => this.openMerge(entity, merge) }, 'Merge into…'));
    }

    const notice = this.notice?.forId === entity.id ? this.notice : null;
    replace(
      this.root,
      header,
      h('p', { class: 'description' }, entity.description),
      facts,
      actions,
      merge,
      notice
        ? h('div', { class: `review-notice ${notice.kind}`, role: notice.kind === 'error' ? 'alert' : 'status', 'data-testid': 'review-notice', 'data-code': notice.code ?? '' }, notice.text)
        : null,
      this.relationshipSection(entity),
    );
  }

  /** The "Merge into…" form: pick the survivor with the type-ahead, then confirm. */
  private openMerge(entity: Entity, slot: HTMLElement): void {
    let survivor: PickedEntity | null = null;
    const input = h('input', { type: 'text', id: 'merge-target', placeholder: `Another ${KINDS[entity.kind].label.toLowerCase()}`, spellcheck: 'false', 'aria-label': 'Entity to merge into' });
    const field = h('div', { class: 'merge-field' }, input);
    const confirm = h('button', { type: 'button', class: 'primary', 'data-action': 'merge-confirm', disabled: true }, 'Merge');
    const cancel = h('button', { type: 'button', 'data-action': 'merge-cancel', onclick: () => replace(slot) }, 'Cancel');
    createTypeAhead({
      input,
      container: field,
      onPick: (picked) => {
        survivor = picked;
        confirm.disabled = picked.id === entity.id;
        confirm.textContent = picked.id === entity.id ? 'Pick another entity' : `Merge into ${picked.name}`;
      },
    });
    confirm.addEventListener('click', () => {
      if (survivor) void this.merge(entity, survivor, confirm);
    });
    replace(
      slot,
      h(
        'div',
        { class: 'merge-form', 'data-testid': 'merge-form' },
        h('label', { for: 'merge-target' }, `Merge ${entity.name} into`),
        field,
        h('p', { class: 'muted merge-help' }, 'Its relationships, mentions and evidence move to the entity you pick; its name becomes an alias and its id keeps working.'),
        h('div', { class: 'merge-buttons' }, confirm, cancel),
      ),
    );
    input.focus();
  }

  private async merge(entity: Entity, survivor: PickedEntity, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const data = await mutate(MergeEntitiesMutation, { survivorId: survivor.id, ids: [entity.id] });
      const kept = data.mergeEntities;
      this.notice = { forId: kept.id, kind: 'info', code: 'MERGED', text: `Merged ${entity.name} into ${kept.name}.` };
      await this.actions.merged(entity.id, { id: kept.id, kind: kept.kind, name: kept.name });
    } catch (error) {
      this.notice = failure(entity.id, 'Merge', error);
      this.render();
    }
  }

  /** Accepts or rejects a relationship with the editor key, then reloads the panel and the canvas. */
  private async review(relationship: Relationship, verdict: 'accept' | 'reject'): Promise<void> {
    const entity = this.current;
    if (!entity || this.busy) return;
    this.busy = true;
    this.root.querySelectorAll<HTMLButtonElement>('.review-actions button').forEach((button) => (button.disabled = true));
    const label = `${relationship.source.name} ${RELATIONSHIP_TYPES[relationship.type]} ${relationship.target.name}`;
    try {
      if (verdict === 'accept') await mutate(AcceptRelationshipMutation, { id: relationship.id });
      else await mutate(RejectRelationshipMutation, { id: relationship.id });
      this.notice = { forId: entity.id, kind: 'info', code: verdict === 'accept' ? 'ACCEPTED' : 'REJECTED', text: `${verdict === 'accept' ? 'Accepted' : 'Rejected'}: ${label}.` };
    } catch (error) {
      this.notice = failure(entity.id, verdict === 'accept' ? 'Accept' : 'Reject', error);
      this.busy = false;
      this.render();
      return;
    }
    this.busy = false;
    await Promise.all([this.show(entity.id), this.actions.reviewed()]);
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
            { class: `rel-item rel-${relationship.curation.toLowerCase()}`, 'data-relationship': relationship.id, 'data-curation': relationship.curation },
            h(
              'div',
              { class: 'rel-line' },
              h('span', { class: 'direction', title: outgoing ? `${entity.name} ${RELATIONSHIP_TYPES[type]} ${other.name}` : `${other.name} ${RELATIONSHIP_TYPES[type]} ${entity.name}` }, svg(outgoing ? ARROW_RIGHT : ARROW_LEFT)),
              entityChip(other, (picked) => this.actions.open(picked)),
              relationship.basis === 'INFERRED' ? h('span', { class: 'basis basis-inferred' }, 'inferred') : null,
            ),
            this.curationLine(relationship),
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

  /** Status, sources and confidence of a link, and for an editor the review buttons of a proposal. */
  private curationLine(relationship: Relationship): HTMLElement {
    const proposed = relationship.curation === 'PROPOSED';
    const confidence = confidenceOf(relationship);
    const editing = editorKey() !== null && relationship.curation !== 'CURATED';
    return h(
      'div',
      { class: 'curation-line' },
      proposed ? h('span', { class: 'curation-badge curation-proposed', title: 'Machine-extracted; not reviewed yet' }, 'proposed') : null,
      relationship.curation === 'REJECTED' ? h('span', { class: 'curation-badge curation-rejected' }, 'rejected') : null,
      h('span', { class: 'sources', 'data-testid': 'sources', title: 'Distinct documents with evidence for this link' }, plural(relationship.sources, 'source')),
      confidence !== null ? h('span', { class: 'confidence', 'data-testid': 'confidence', title: 'How sure the automatic extractor was' }, `confidence ${confidence.toFixed(2)}`) : null,
      editing
        ? h(
            'span',
            { class: 'review-actions' },
            h('button', { type: 'button', class: 'accept', 'data-action': 'accept', title: 'Mark this link curated', onclick: () => void this.review(relationship, 'accept') }, 'Accept'),
            proposed ? h('button', { type: 'button', class: 'reject', 'data-action': 'reject', title: 'Reject this link (kept for audit, hidden)', onclick: () => void this.review(relationship, 'reject') }, 'Reject') : null,
          )
        : null,
    );
  }
}
