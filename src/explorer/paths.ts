/**
 * The path finder: two entity pickers, the shortest paths between them drawn on the canvas, and
 * every hop listed with its relationship and quotes.
 */
import { ApiError, request } from './api.js';
import { byId, h, plural, replace } from './dom.js';
import type { RelationshipType } from './gql/graphql.js';
import type { GraphCanvas, Path } from './graph.js';
import { RELATIONSHIP_TYPES } from './kinds.js';
import { PathsQuery } from './operations.js';
import { entityChip, evidenceItem } from './panel.js';
import { createTypeAhead, type PickedEntity, type TypeAhead } from './typeahead.js';

const MAX_PATHS = 5;

export interface PathFinderHooks {
  canvas: GraphCanvas;
  /** The relationship types the filter lets through (null: all). */
  types(): RelationshipType[] | null;
  open(entity: PickedEntity): void;
  /** Shows the results tab. */
  reveal(): void;
  onTiming(ms: number, paths: number): void;
}

export class PathFinder {
  readonly from: TypeAhead;
  readonly to: TypeAhead;
  private readonly hops = byId<HTMLSelectElement>('path-max-hops');
  private readonly button = byId<HTMLButtonElement>('path-run');
  private readonly status = byId('path-status');
  private paths: Path[] = [];

  constructor(
    private readonly results: HTMLElement,
    private readonly hooks: PathFinderHooks,
  ) {
    const runIfReady = () => {
      if (this.from.value() && this.to.value()) void this.run();
    };
    this.from = createTypeAhead({ input: byId<HTMLInputElement>('path-from'), container: byId('path-from-field'), onPick: runIfReady, maxResults: 6 });
    this.to = createTypeAhead({ input: byId<HTMLInputElement>('path-to'), container: byId('path-to-field'), onPick: runIfReady, maxResults: 6 });
    this.button.addEventListener('click', () => void this.run());
    byId('path-swap').addEventListener('click', () => {
      const from = this.from.value();
      this.from.set(this.to.value());
      this.to.set(from);
    });
    this.renderEmpty();
  }

  setFrom(entity: PickedEntity): void {
    this.from.set(entity);
    if (this.to.value()) void this.run();
    else byId<HTMLInputElement>('path-to').focus();
  }

  setTo(entity: PickedEntity): void {
    this.to.set(entity);
    if (this.from.value()) void this.run();
    else byId<HTMLInputElement>('path-from').focus();
  }

  count(): number {
    return this.paths.length;
  }

  async run(): Promise<void> {
    const from = this.from.value();
    const to = this.to.value();
    if (!from || !to) {
      replace(this.status, 'Pick two entities from the lists.');
      return;
    }
    if (from.id === to.id) {
      replace(this.status, 'Pick two different entities.');
      return;
    }
    this.button.disabled = true;
    replace(this.status, 'Searching…');
    const started = performance.now();
    try {
      const data = await request(PathsQuery, { from: from.id, to: to.id, maxHops: Number(this.hops.value), types: this.hooks.types(), first: MAX_PATHS });
      this.paths = data.paths;
      const ms = performance.now() - started;
      this.hooks.onTiming(ms, this.paths.length);
      replace(
        this.status,
        this.paths.length === 0
          ? `No path within ${this.hops.value} hops.`
          : `${plural(this.paths.length, 'shortest path')} of ${plural(this.paths[0]!.length, 'hop')}`,
      );
      this.render(from, to);
      this.hooks.reveal();
      if (this.paths.length > 0) await this.hooks.canvas.showPaths(this.paths);
    } catch (error) {
      replace(this.status, h('span', { class: 'error' }, error instanceof ApiError ? error.message : 'The path search failed.'));
    } finally {
      this.button.disabled = false;
    }
  }

  private renderEmpty(): void {
    replace(
      this.results,
      h(
        'div',
        { class: 'panel-empty' },
        h('h3', {}, 'No paths yet'),
        h('p', {}, 'Pick two entities in the path finder on the left to see the shortest chains of relationships between them, with the quote behind every hop.'),
      ),
    );
  }

  private render(from: PickedEntity, to: PickedEntity): void {
    const open = (entity: PickedEntity) => this.hooks.open(entity);
    const header = h(
      'header',
      { class: 'paths-header' },
      h('div', { class: 'paths-ends' }, entityChip(from, open), h('span', { class: 'paths-arrow' }, '⟶'), entityChip(to, open)),
      h(
        'p',
        { class: 'muted' },
        this.paths.length === 0
          ? `No path of at most ${this.hops.value} relationships links them${this.hooks.types() ? ' through the relationship types the filter allows' : ''}.`
          : `${plural(this.paths.length, 'shortest path')}, ${plural(this.paths[0]!.length, 'hop')} each. Click a path to highlight it.`,
      ),
    );
    const list = h('ol', { class: 'path-list', 'data-testid': 'paths' });
    this.paths.forEach((path, index) => {
      const item = h(
        'li',
        { class: 'path', 'data-path': index },
        h(
          'button',
          {
            type: 'button',
            class: 'path-title',
            title: 'Highlight this path on the canvas',
            onclick: () => {
              list.querySelectorAll('li.path').forEach((li) => li.classList.toggle('active', li === item));
              this.hooks.canvas.highlightPaths([path]);
            },
          },
          h('span', { class: 'path-number' }, `Path ${index + 1}`),
          h('span', { class: 'path-chain' }, path.nodes.map((node) => node.name).join(' → ')),
        ),
        // The walk as a vertical chain: start entity, then per hop the relationship (with the
        // direction it is read in), its quotes, and the entity reached.
        h('div', { class: 'chain-node chain-start' }, entityChip(path.nodes[0]!, open)),
        h(
          'ol',
          { class: 'hops' },
          ...path.hops.map((hop, step) => {
            const type = hop.relationship.type;
            const [source, target] = hop.forward ? [hop.from, hop.to] : [hop.to, hop.from];
            const sentence = `${source.name} ${RELATIONSHIP_TYPES[type]} ${target.name}`;
            return h(
              'li',
              { class: 'hop', 'data-hop': step, 'aria-label': `Hop ${step + 1}: ${sentence}` },
              h(
                'div',
                { class: 'hop-line', title: sentence },
                h('span', { class: 'hop-rel' }, h('span', { class: 'hop-arrow' }, hop.forward ? '↓' : '↑'), RELATIONSHIP_TYPES[type]),
                h('span', { class: 'hop-sentence' }, sentence),
              ),
              h('ul', { class: 'evidence-list' }, ...hop.relationship.evidence.map(evidenceItem)),
              h('div', { class: 'chain-node' }, entityChip(hop.to, open)),
            );
          }),
        ),
      );
      list.append(item);
    });
    replace(this.results, header, list);
  }
}
