/**
 * The graph canvas (cytoscape.js + fcose). Entities are added from search, expansion (one page
 * of neighbours at a time, so a hub never loads unbounded) and path results. New nodes start next
 * to the node they came from and only they move: fcose runs incrementally with every node that
 * was already on the canvas fixed in place, so the picture the analyst is reading stays put.
 */
import cytoscape, { type Core, type ElementDefinition, type NodeSingular, type Position } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { request } from './api.js';
import type { EntityKind, ExplorerEntityHeadFragment, ExplorerPathsQuery, RelationshipType } from './gql/graphql.js';
import { CO_MENTION, KINDS, RELATIONSHIP_TYPES, RELATIONSHIP_TYPE_NAMES, kindIconUrl } from './kinds.js';
import { EdgesAmongQuery, NeighborsQuery } from './operations.js';

cytoscape.use(fcose);

/** Neighbours loaded per expansion. */
export const NEIGHBOUR_PAGE = 12;
/** The subgraph query takes at most this many ids. */
const MAX_IDS = 100;

export type EntityHead = Pick<ExplorerEntityHeadFragment, 'id' | 'kind' | 'name'> & { degree?: number };
export interface EdgeHead {
  id: string;
  type: RelationshipType;
  basis: string;
  /** CURATED, PROPOSED or REJECTED (proposed links are drawn lighter and dashed). */
  curation: string;
  source: { id: string };
  target: { id: string };
}
export type Path = ExplorerPathsQuery['paths'][number];

export interface Filters {
  kinds: ReadonlySet<EntityKind>;
  types: ReadonlySet<RelationshipType>;
  /** Also show the weak co-mention links (named together in one sentence, no typed relation). */
  coMentions: boolean;
}

/** Paging state of one node's neighbours under one filter. */
interface Expansion {
  filterKey: string;
  cursor: string | null;
  loaded: number;
  total: number;
  hasMore: boolean;
}

export interface ExpansionStatus {
  loaded: number;
  total: number;
  hasMore: boolean;
}

/** Where the time of an expansion went: the two API round trips, and the layout's computation. */
export interface ExpansionTiming {
  apiMs: number;
  layoutMs: number;
}

export interface CanvasEvents {
  onSelect(id: string | null): void;
  onExpand(id: string): void;
  onChange(): void;
}

export interface GraphExport {
  exportedAt: string;
  source: string;
  filters: { kinds: EntityKind[]; relationshipTypes: RelationshipType[] };
  /** `highlighted`: on the path the path finder is showing. */
  nodes: { id: string; kind: EntityKind; name: string; degree: number | null; position: Position; highlighted: boolean }[];
  edges: { id: string; type: RelationshipType; source: string; target: string; basis: string; curation: string; highlighted: boolean }[];
}

const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif';

export class GraphCanvas {
  readonly cy: Core;
  private readonly expansions = new Map<string, Expansion>();
  private filters: Filters;
  /** Layouts and view animations running; the container's data-settled says when there are none. */
  private moving = 0;

  constructor(
    container: HTMLElement,
    filters: Filters,
    private readonly events: CanvasEvents,
  ) {
    this.filters = filters;
    this.cy = cytoscape({
      container,
      minZoom: 0.2,
      maxZoom: 2.5,
      boxSelectionEnabled: false,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            'background-image': 'data(icon)',
            'background-width': '52%',
            'background-height': '52%',
            'background-clip': 'none',
            width: 'mapData(degree, 1, 16, 34, 58)',
            height: 'mapData(degree, 1, 16, 34, 58)',
            'border-width': 2,
            'border-color': '#ffffff',
            label: 'data(name)',
            'font-family': FONT,
            'font-size': 11,
            'font-weight': 500,
            color: '#1e293b',
            'text-valign': 'bottom',
            'text-margin-y': 5,
            'text-wrap': 'wrap',
            'text-max-width': '120px',
            'text-outline-color': '#ffffff',
            'text-outline-width': 2.5,
            'min-zoomed-font-size': 6,
            'overlay-opacity': 0,
            'transition-property': 'opacity, border-color, border-width',
            'transition-duration': 150,
          },
        },
        { selector: 'node.more', style: { 'outline-width': 2, 'outline-color': '#cbd5e1', 'outline-offset': 2, 'outline-style': 'dashed' } },
        { selector: 'node:selected', style: { 'border-color': '#0f172a', 'border-width': 3, 'outline-width': 3, 'outline-color': '#93c5fd', 'outline-offset': 1, 'outline-style': 'solid' } },
        {
          selector: 'edge',
          style: {
            width: 1.6,
            'curve-style': 'bezier',
            'control-point-step-size': 34,
            'line-color': '#9aa8bb',
            'target-arrow-color': '#9aa8bb',
            'target-arrow-shape': 'triangle',
            'arrow-scale': 0.9,
            label: 'data(label)',
            'font-family': FONT,
            'font-size': 9.5,
            'font-weight': 500,
            color: '#475569',
            'text-rotation': 'autorotate',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.9,
            'text-background-padding': '2px',
            'text-background-shape': 'roundrectangle',
            'min-zoomed-font-size': 7,
            'overlay-opacity': 0,
          },
        },
        { selector: 'edge[basis = "INFERRED"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [5, 3] } },
        // Machine proposals, not reviewed yet: lighter, in their own colour, with long dashes.
        {
          selector: 'edge[curation = "PROPOSED"]',
          style: { 'line-color': '#7dd3fc', 'target-arrow-color': '#7dd3fc', 'line-style': 'dashed', 'line-dash-pattern': [8, 4], width: 1.4, color: '#0369a1', 'font-style': 'italic' },
        },
        // Weak links have no direction and no typed meaning: dotted, faint, no arrow.
        {
          selector: `edge[type = "${CO_MENTION}"]`,
          style: { 'line-color': '#cbd5e1', 'line-style': 'dotted', 'line-dash-pattern': [2, 3], 'target-arrow-shape': 'none', width: 1.2, color: '#94a3b8' },
        },
        { selector: '.faded', style: { opacity: 0.16 } },
        { selector: 'node.path', style: { 'border-color': '#f59e0b', 'border-width': 4, opacity: 1 } },
        {
          selector: 'edge.path',
          // Above the nodes, so a short hop's label is not hidden under its ends. The label keeps
          // its font: a size or weight change here leaves cytoscape's cached label box too small.
          style: { width: 4, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', color: '#92400e', 'z-index-compare': 'manual', 'z-index': 20, opacity: 1 },
        },
        { selector: '.filtered', style: { display: 'none' } },
      ],
    });

    this.cy.on('tap', 'node', (event) => this.events.onSelect((event.target as NodeSingular).id()));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) this.events.onSelect(null);
    });
    this.cy.on('dbltap', 'node', (event) => this.events.onExpand((event.target as NodeSingular).id()));
  }

  has(id: string): boolean {
    return this.cy.getElementById(id).nonempty();
  }

  /** Number of visible entities and relationships. */
  counts(): { nodes: number; edges: number } {
    const shown = this.shown();
    return { nodes: shown.nodes().length, edges: shown.edges().length };
  }

  /**
   * What the filters let through: entities of a shown kind, and relationships of a shown type
   * between two shown entities. (By class, not ':visible', which is not reliable for edges.)
   */
  shown(): cytoscape.CollectionReturnValue {
    const nodes = this.cy.nodes().not('.filtered');
    const edges = this.cy.edges().filter((edge: cytoscape.EdgeSingular) => !edge.hasClass('filtered') && !edge.source().hasClass('filtered') && !edge.target().hasClass('filtered'));
    return nodes.union(edges);
  }

  select(id: string | null): void {
    this.cy.nodes(':selected').unselect();
    if (id) this.cy.getElementById(id).select();
  }

  /** Adds entities not on the canvas yet, placed around `near` (or the centre); returns the new ids. */
  addEntities(entities: readonly EntityHead[], near?: string): string[] {
    const fresh = entities.filter((entity, index) => !this.has(entity.id) && entities.findIndex((e) => e.id === entity.id) === index);
    if (fresh.length === 0) return [];
    const anchor = near ? this.cy.nodes().getElementById(near) : undefined;
    const positions = anchor?.nonempty()
      ? this.placeAround(anchor.position(), fresh.length, anchor.id())
      : fresh.length === 1
        ? [this.viewportCentre()]
        : this.placeAround(this.viewportCentre(), fresh.length);
    this.cy.add(
      fresh.map(
        (entity, index): ElementDefinition => ({
          group: 'nodes',
          data: {
            id: entity.id,
            kind: entity.kind,
            name: entity.name,
            degree: entity.degree ?? 1,
            colour: KINDS[entity.kind].colour,
            icon: kindIconUrl(entity.kind),
          },
          position: positions[index]!,
        }),
      ),
    );
    for (const entity of entities) {
      if (entity.degree !== undefined) this.cy.getElementById(entity.id).data('degree', entity.degree);
    }
    this.applyFilters(this.filters);
    return fresh.map((entity) => entity.id);
  }

  addEdges(edges: readonly EdgeHead[]): number {
    const fresh = edges.filter((edge) => !this.has(edge.id) && this.has(edge.source.id) && this.has(edge.target.id));
    this.cy.add(
      fresh.map(
        (edge): ElementDefinition => ({
          group: 'edges',
          data: { id: edge.id, source: edge.source.id, target: edge.target.id, type: edge.type, basis: edge.basis, curation: edge.curation, label: RELATIONSHIP_TYPES[edge.type] },
        }),
      ),
    );
    this.applyFilters(this.filters);
    return fresh.length;
  }

  /** Fetches the relationships between `ids` and the rest of the canvas (as many as fit one request). */
  async connect(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const others = this.cy
      .nodes()
      .map((node) => node.id())
      .filter((id) => !ids.includes(id));
    const batch = [...ids, ...others].slice(0, MAX_IDS);
    const data = await request(EdgesAmongQuery, { ids: batch, coMentions: this.filters.coMentions });
    // Entities opened from a search hit arrive without a degree (it sizes the node); fill it in.
    for (const node of data.subgraph.nodes) this.cy.getElementById(node.id).data('degree', node.degree);
    this.addEdges(data.subgraph.edges);
  }

  /**
   * Brings the canvas's relationships up to date after a review: statuses change, rejected links
   * leave (hidden by default), links a merge moved appear. Covers the first 100 entities.
   */
  async refresh(): Promise<void> {
    const batch = this.cy
      .nodes()
      .map((node) => node.id())
      .slice(0, MAX_IDS);
    if (batch.length === 0) return;
    const data = await request(EdgesAmongQuery, { ids: batch, coMentions: this.filters.coMentions });
    const current = new Map(data.subgraph.edges.map((edge) => [edge.id, edge]));
    const covered = new Set(batch);
    this.cy.batch(() => {
      for (const node of data.subgraph.nodes) this.cy.getElementById(node.id).data('degree', node.degree);
      this.cy.edges().forEach((edge) => {
        if (!covered.has(edge.source().id()) || !covered.has(edge.target().id())) return;
        const fresh = current.get(edge.id());
        if (fresh) edge.data({ curation: fresh.curation, basis: fresh.basis });
        else edge.remove();
      });
    });
    this.addEdges(data.subgraph.edges);
    this.events.onChange();
  }

  /** Shows one entity (with its links to what is already shown) and selects it. */
  async show(entity: EntityHead): Promise<void> {
    const added = this.addEntities([entity]);
    if (added.length > 0) {
      await this.connect(added);
      void this.layoutNew(added);
    }
    this.select(entity.id);
    this.focus(entity.id);
    this.events.onChange();
  }

  expansion(id: string): ExpansionStatus | undefined {
    const state = this.expansions.get(id);
    return state && state.filterKey === this.filterKey() ? { loaded: state.loaded, total: state.total, hasMore: state.hasMore } : undefined;
  }

  /** Loads the next page of `id`'s neighbours (respecting the kind and type filters). */
  async expand(id: string): Promise<ExpansionStatus & ExpansionTiming & { added: number }> {
    const filterKey = this.filterKey();
    let state = this.expansions.get(id);
    if (!state || state.filterKey !== filterKey) {
      state = { filterKey, cursor: null, loaded: 0, total: 0, hasMore: true };
    }
    if (!state.hasMore) return { ...state, added: 0, apiMs: 0, layoutMs: 0 };

    const started = performance.now();
    const data = await request(NeighborsQuery, {
      id,
      first: NEIGHBOUR_PAGE,
      after: state.cursor,
      kinds: this.kindFilter(),
      types: this.typeFilter(),
      coMentions: this.filters.coMentions,
    });
    const connection = data.entity?.neighbors;
    if (!connection) throw new Error(`Entity ${id} no longer exists`);
    state = {
      filterKey,
      cursor: connection.pageInfo.endCursor ?? state.cursor,
      loaded: state.loaded + connection.edges.length,
      total: connection.totalCount,
      hasMore: connection.pageInfo.hasNextPage,
    };
    this.expansions.set(id, state);

    const added = this.addEntities(
      connection.edges.map((edge) => edge.node),
      id,
    );
    // The new page and the expanded node first, so their links are always in the request.
    await this.connect([id, ...connection.edges.map((edge) => edge.node.id)]);
    const fetched = performance.now();
    this.cy.getElementById(id).toggleClass('more', state.hasMore);
    void this.layoutNew(added);
    const laidOut = performance.now();
    this.events.onChange();
    return { loaded: state.loaded, total: state.total, hasMore: state.hasMore, added: added.length, apiMs: fetched - started, layoutMs: laidOut - fetched };
  }

  /** Puts the paths' entities and relationships on the canvas and highlights `active` (or all). */
  async showPaths(paths: readonly Path[], active?: number): Promise<void> {
    const added: string[] = [];
    for (const path of paths) {
      path.nodes.forEach((node, index) => {
        const previous = index > 0 ? path.nodes[index - 1]!.id : undefined;
        added.push(...this.addEntities([node], previous));
      });
    }
    this.addEdges(paths.flatMap((path) => path.hops.map((hop) => ({ ...hop.relationship, source: hop.relationship.source, target: hop.relationship.target }))));
    this.events.onChange();
    await this.layoutNew(added, () => this.highlightPaths(active === undefined ? paths : paths.slice(active, active + 1)));
  }

  highlightPaths(paths: readonly Path[]): void {
    this.cy.elements().removeClass('path faded');
    if (paths.length === 0) return;
    const on = this.cy.collection();
    for (const path of paths) {
      for (const node of path.nodes) on.merge(this.cy.getElementById(node.id));
      for (const hop of path.hops) on.merge(this.cy.getElementById(hop.relationship.id));
    }
    on.addClass('path');
    this.cy.elements().not(on).addClass('faded');
    this.fitTo(on, 70);
  }

  clearHighlight(): void {
    this.cy.elements().removeClass('path faded');
  }

  applyFilters(filters: Filters): void {
    this.filters = filters;
    this.cy.batch(() => {
      this.cy.nodes().forEach((node) => {
        node.toggleClass('filtered', !filters.kinds.has(node.data('kind') as EntityKind));
      });
      this.cy.edges().forEach((edge) => {
        const type = edge.data('type') as RelationshipType;
        edge.toggleClass('filtered', type === CO_MENTION ? !filters.coMentions : !filters.types.has(type));
      });
    });
  }

  fit(): void {
    this.fitTo(this.shown());
  }

  /** Like cytoscape's fit, but never zooms in past `maxZoom` (a short path would fill the screen). */
  private fitTo(eles: cytoscape.CollectionReturnValue | cytoscape.Collection, padding = 60, maxZoom = 1.3): void {
    if (eles.empty()) return;
    const bb = eles.boundingBox();
    const width = this.cy.width();
    const height = this.cy.height();
    const fitting = Math.min((width - 2 * padding) / Math.max(bb.w, 1), (height - 2 * padding) / Math.max(bb.h, 1));
    const zoom = Math.max(this.cy.minZoom(), Math.min(maxZoom, fitting));
    const pan = { x: width / 2 - zoom * (bb.x1 + bb.w / 2), y: height / 2 - zoom * (bb.y1 + bb.h / 2) };
    this.cy.stop();
    this.cy.animate({ zoom, pan, duration: 300 });
    this.busyFor(300);
  }

  /** A fresh layout of everything visible (the only layout that moves existing nodes). */
  relayout(): void {
    const eles = this.shown();
    if (eles.nodes().length === 0) return;
    const layout = eles.layout(this.layoutOptions({ randomize: true, quality: 'default', fit: true }));
    this.setMoving(+1);
    layout.one('layoutstop', () => this.setMoving(-1));
    layout.run();
  }

  clear(): void {
    this.cy.elements().remove();
    this.expansions.clear();
    this.events.onSelect(null);
    this.events.onChange();
  }

  remove(id: string): void {
    this.cy.getElementById(id).remove();
    this.expansions.delete(id);
    this.events.onChange();
  }

  toJson(): GraphExport {
    const visible = this.shown();
    return {
      exportedAt: new Date().toISOString(),
      source: `${location.origin}/graphql`,
      filters: { kinds: [...this.filters.kinds], relationshipTypes: [...this.filters.types] },
      nodes: visible.nodes().map((node) => ({
        id: node.id(),
        kind: node.data('kind') as EntityKind,
        name: node.data('name') as string,
        degree: (node.data('degree') as number | undefined) ?? null,
        position: { x: Math.round(node.position('x')), y: Math.round(node.position('y')) },
        highlighted: node.hasClass('path'),
      })),
      edges: visible.edges().map((edge) => ({
        id: edge.id(),
        type: edge.data('type') as RelationshipType,
        source: edge.source().id(),
        target: edge.target().id(),
        basis: edge.data('basis') as string,
        curation: edge.data('curation') as string,
        highlighted: edge.hasClass('path'),
      })),
    };
  }

  toPng(): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 4096, maxHeight: 4096 });
  }

  private filterKey(): string {
    return `${[...this.filters.kinds].sort().join(',')}|${[...this.filters.types].sort().join(',')}|${this.filters.coMentions}`;
  }

  /** The kind filter for a query: null (all) when every kind is on. */
  private kindFilter(): EntityKind[] | null {
    return this.filters.kinds.size === Object.keys(KINDS).length ? null : [...this.filters.kinds];
  }

  private typeFilter(): RelationshipType[] | null {
    return this.filters.types.size === RELATIONSHIP_TYPE_NAMES.length ? null : [...this.filters.types];
  }

  private viewportCentre(): Position {
    const extent = this.cy.extent();
    return { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
  }

  /**
   * Starting points for `count` new nodes: a fan on the far side of `centre` from the rest of the
   * graph (a full ring when the anchor stands alone), two rings when there are many.
   */
  private placeAround(centre: Position, count: number, anchorId?: string): Position[] {
    const others = this.cy.nodes().filter((node) => node.id() !== anchorId);
    // Away from the rest of the graph, or upwards when the anchor stands alone.
    let direction = -Math.PI / 2;
    let ring = count >= 6;
    if (anchorId && others.length > 0) {
      const bb = others.boundingBox();
      const away = { x: centre.x - (bb.x1 + bb.x2) / 2, y: centre.y - (bb.y1 + bb.y2) / 2 };
      if (Math.hypot(away.x, away.y) > 1) {
        direction = Math.atan2(away.y, away.x);
        ring = false;
      }
    }
    // A full ring for many nodes around a lone anchor, else a fan (never three in a straight line).
    const spread = ring ? 2 * Math.PI : Math.min(1.4 * Math.PI, (count * Math.PI) / 3);
    const step = ring ? spread / count : spread / Math.max(count - 1, 1);
    const first = ring ? direction : direction - (count > 1 ? spread / 2 : 0);
    const positions: Position[] = [];
    // Wide enough that a page of neighbours does not start on top of each other.
    const base = Math.max(150, (count * 70) / spread);
    for (let i = 0; i < count; i++) {
      const radius = base + (count > 12 && i % 2 === 1 ? 80 : 0);
      const angle = first + step * i;
      positions.push({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
    }
    return positions;
  }

  /**
   * Runs fcose on the visible graph with every node except `added` pinned where it is; resolves
   * when the layout (and its animation) has finished. `then` runs at that point instead of the
   * default (pan out if the new nodes landed outside the view).
   */
  private layoutNew(added: readonly string[], then?: () => void): Promise<void> {
    const eles = this.shown();
    const newIds = new Set(added);
    const movable = eles.nodes().filter((node) => newIds.has(node.id()));
    if (movable.length === 0) {
      then?.();
      return Promise.resolve();
    }
    const fixed = eles
      .nodes()
      .not(movable)
      .nodes()
      .map((node) => ({ nodeId: node.id(), position: { ...node.position() } }));
    // A lone first node stays where it was put (fcose would move it to the origin).
    if (fixed.length === 0 && movable.length === 1) {
      then?.();
      return Promise.resolve();
    }
    const layout = eles.layout(
      this.layoutOptions({ randomize: false, quality: 'proof', fit: false, fixedNodeConstraint: fixed.length > 0 ? fixed : undefined }),
    );
    this.setMoving(+1);
    const done = new Promise<void>((resolve) =>
      layout.one('layoutstop', () => {
        // What follows the layout starts before it counts as done, so data-settled never flickers.
        if (then) then();
        else this.keepInView(movable);
        this.setMoving(-1);
        resolve();
      }),
    );
    layout.run();
    return done;
  }

  private setMoving(change: number): void {
    this.moving = Math.max(0, this.moving + change);
    this.cy.container()!.dataset.settled = String(this.moving === 0);
  }

  private busyFor(ms: number): void {
    this.setMoving(+1);
    setTimeout(() => this.setMoving(-1), ms + 50);
  }

  /** Pans/zooms out just enough when new nodes landed outside the viewport. */
  private keepInView(nodes: cytoscape.NodeCollection): void {
    const view = this.cy.extent();
    const bb = nodes.boundingBox();
    const outside = bb.x1 < view.x1 || bb.x2 > view.x2 || bb.y1 < view.y1 || bb.y2 > view.y2;
    if (outside) this.fitTo(this.shown());
  }

  private focus(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    const view = this.cy.extent();
    const { x, y } = node.position();
    if (x < view.x1 || x > view.x2 || y < view.y1 || y > view.y2) {
      this.cy.animate({ center: { eles: node }, duration: 250 });
      this.busyFor(250);
    }
  }

  private layoutOptions(extra: Record<string, unknown>): cytoscape.LayoutOptions {
    return {
      name: 'fcose',
      animate: true,
      animationDuration: 450,
      padding: 60,
      nodeDimensionsIncludeLabels: true,
      packComponents: false,
      idealEdgeLength: () => 130,
      nodeRepulsion: () => 16000,
      edgeElasticity: () => 0.45,
      gravity: 0.2,
      numIter: 2500,
      ...extra,
    } as unknown as cytoscape.LayoutOptions;
  }
}
