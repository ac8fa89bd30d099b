/**
 * newsgraph Explorer: a page for analysts over the public GraphQL API (served at /explore).
 * Wires the search, the graph canvas, the entity panel, the path finder, the overview and the
 * document reader together, and keeps the view in the URL hash:
 *   #graph · #overview · #entity=<id> · #doc=<id>[&start=<n>&end=<n>]
 */
import { editorKey, onUnauthenticated, request, setEditorKey } from './api.js';
import { byId, debounce, download, h, plural, replace, svg } from './dom.js';
import { DocumentReader } from './document.js';
import type { EntityKind, RelationshipType } from './gql/graphql.js';
import { GraphCanvas, type Filters } from './graph.js';
import { KINDS, KIND_NAMES, RELATIONSHIP_TYPES, RELATIONSHIP_TYPE_NAMES, kindIconSvg } from './kinds.js';
import { EntityQuery } from './operations.js';
import { Overview } from './overview.js';
import { EntityPanel } from './panel.js';
import { PathFinder } from './paths.js';
import { createTypeAhead, type PickedEntity } from './typeahead.js';

type View = 'graph' | 'overview';

const kinds = new Set<EntityKind>(KIND_NAMES);
const types = new Set<RelationshipType>(RELATIONSHIP_TYPE_NAMES);
let coMentions = false;
const filters = (): Filters => ({ kinds, types, coMentions });

// ── Status line and notices ────────────────────────────────────────────────────────────────
const counts = byId('graph-counts');
const timing = byId('timing');
const toast = byId('toast');
let toastTimer: ReturnType<typeof setTimeout> | undefined;

function notify(message: string, kind: 'info' | 'error' = 'info'): void {
  toast.textContent = message;
  toast.className = `toast ${kind}`;
  toast.hidden = false;
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (toast.hidden = true), kind === 'error' ? 7000 : 3500);
}

function showTiming(text: string): void {
  timing.textContent = text;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

// ── Canvas, panels ─────────────────────────────────────────────────────────────────────────
const canvas = new GraphCanvas(byId('cy'), filters(), {
  onSelect(id) {
    if (id) void selectEntity(id);
  },
  onExpand(id) {
    void expand(id);
  },
  onChange() {
    const { nodes, edges } = canvas.counts();
    counts.dataset.nodes = String(nodes);
    counts.dataset.edges = String(edges);
    counts.textContent = `${plural(nodes, 'entity', 'entities')} · ${plural(edges, 'relationship')}`;
    byId('canvas-empty').hidden = canvas.cy.nodes().length > 0;
    updateKindCounts();
    panel.refreshExpansion();
  },
});

const panel = new EntityPanel(byId('entity-panel'), {
  open: (entity) => void openEntity(entity),
  expand: (id) => expand(id),
  pathFrom: (entity) => paths.setFrom(entity),
  pathTo: (entity) => paths.setTo(entity),
  expansion: (id) => canvas.expansion(id),
  coMentions: () => coMentions,
  redirected(requestedId, survivor) {
    // A merged-away id (an old link): the URL and the canvas move to the survivor.
    if (location.hash === `#entity=${encodeURIComponent(requestedId)}`) setHash(`#entity=${encodeURIComponent(survivor.id)}`);
    canvas.remove(requestedId);
    void canvas.show(survivor).catch((error: unknown) => notify((error as Error).message, 'error'));
  },
  async reviewed() {
    try {
      await canvas.refresh();
    } catch (error) {
      notify(`Could not refresh the canvas: ${(error as Error).message}`, 'error');
    }
  },
  async merged(mergedId, survivor) {
    canvas.remove(mergedId);
    await openEntity(survivor);
    await this.reviewed();
  },
});

const paths = new PathFinder(byId('paths-panel'), {
  canvas,
  types: () => (types.size === RELATIONSHIP_TYPE_NAMES.length ? null : [...types]),
  open: (entity) => void openEntity(entity),
  reveal: () => showDetails('paths'),
  onTiming: (time, found) => showTiming(`Path search: ${plural(found, 'path')} in ${ms(time)}`),
});

const overview = new Overview(byId('overview'), (entity) => void openEntity(entity));

const reader = new DocumentReader(
  (entity) => void openEntity(entity),
  () => {
    // Closing the reader returns the URL to the view underneath.
    if (location.hash.startsWith('#doc=')) history.replaceState(null, '', underneath);
  },
);

/** The URL hash of what is under the document reader (`#graph`, `#overview`, `#entity=…`). */
let underneath = '#graph';
function setHash(hash: string): void {
  underneath = hash;
  history.replaceState(null, '', hash);
}

function showDetails(which: 'entity' | 'paths'): void {
  byId('entity-panel').hidden = which !== 'entity';
  byId('paths-panel').hidden = which !== 'paths';
  byId('details-tab-entity').classList.toggle('active', which === 'entity');
  byId('details-tab-paths').classList.toggle('active', which === 'paths');
  const count = byId('paths-count');
  count.hidden = paths.count() === 0;
  count.textContent = String(paths.count());
}
byId('details-tab-entity').addEventListener('click', () => showDetails('entity'));
byId('details-tab-paths').addEventListener('click', () => showDetails('paths'));

// ── Actions ────────────────────────────────────────────────────────────────────────────────
async function selectEntity(id: string): Promise<void> {
  canvas.select(id);
  showDetails('entity');
  if (panel.currentId() !== id) await panel.show(id);
}

async function openEntity(entity: PickedEntity): Promise<void> {
  setView('graph');
  setHash(`#entity=${encodeURIComponent(entity.id)}`);
  try {
    await Promise.all([canvas.show(entity), selectEntity(entity.id)]);
  } catch (error) {
    notify(`Could not open ${entity.name}: ${(error as Error).message}`, 'error');
  }
}

async function expand(id: string): Promise<void> {
  const started = performance.now();
  try {
    const result = await canvas.expand(id);
    const name = canvas.cy.getElementById(id).data('name') as string;
    showTiming(
      `Expanded ${name}: +${result.added} (${result.loaded} of ${result.total} neighbours) in ${ms(performance.now() - started)} (API ${ms(result.apiMs)}, layout ${ms(result.layoutMs)})`,
    );
    if (result.added === 0 && result.total === 0) notify(`${name} has no neighbours that pass the filters.`);
  } catch (error) {
    notify(`Could not load the neighbours: ${(error as Error).message}`, 'error');
  }
}

// ── Header search ──────────────────────────────────────────────────────────────────────────
createTypeAhead({
  input: byId<HTMLInputElement>('search'),
  container: byId('search-field'),
  clearOnPick: true,
  onPick: (entity) => void openEntity(entity),
  onTiming: (time, found) => showTiming(`Search: ${plural(found, 'hit')} in ${ms(time)}`),
});

// ── Filters ────────────────────────────────────────────────────────────────────────────────
const kindButtons = new Map<EntityKind, HTMLElement>();
function renderFilters(): void {
  const kindRoot = byId('kind-filters');
  for (const kind of KIND_NAMES) {
    const style = KINDS[kind];
    const count = h('span', { class: 'count' }, '0');
    const button = h(
      'button',
      { type: 'button', class: 'kind-toggle on', 'aria-pressed': 'true', 'data-kind': kind, style: `--kind:${style.colour};--tint:${style.tint}`, title: `Show or hide ${style.plural.toLowerCase()}` },
      h('span', { class: 'kind-dot' }, svg(kindIconSvg(kind, '#ffffff', 12))),
      h('span', { class: 'kind-label' }, style.plural),
      count,
    );
    button.addEventListener('click', () => {
      if (kinds.has(kind)) kinds.delete(kind);
      else kinds.add(kind);
      button.classList.toggle('on', kinds.has(kind));
      button.setAttribute('aria-pressed', String(kinds.has(kind)));
      filtersChanged();
    });
    kindButtons.set(kind, count);
    kindRoot.append(button);
  }

  const typeRoot = byId('type-filters');
  for (const type of RELATIONSHIP_TYPE_NAMES) {
    const box = h('input', { type: 'checkbox', checked: true, 'data-type': type });
    box.addEventListener('change', () => {
      if (box.checked) types.add(type);
      else types.delete(type);
      filtersChanged();
    });
    typeRoot.append(h('label', { class: 'type-toggle', title: RELATIONSHIP_TYPES[type] }, box, h('span', {}, type)));
  }
  const setAll = (on: boolean) => {
    typeRoot.querySelectorAll<HTMLInputElement>('input[type=checkbox]').forEach((box) => {
      box.checked = on;
      const type = box.dataset.type as RelationshipType;
      if (on) types.add(type);
      else types.delete(type);
    });
    filtersChanged();
  };
  byId('types-all').addEventListener('click', () => setAll(true));
  byId('types-none').addEventListener('click', () => setAll(false));

  const coMentionBox = byId<HTMLInputElement>('show-co-mentions');
  coMentionBox.addEventListener('change', () => {
    coMentions = coMentionBox.checked;
    filtersChanged();
    void (async () => {
      try {
        // Co-mentions among what is already on the canvas are fetched when they are asked for.
        if (coMentions) await canvas.connect(canvas.cy.nodes().map((node) => node.id()));
        await panel.reload();
      } catch (error) {
        notify(`Could not load the co-mention links: ${(error as Error).message}`, 'error');
      }
    })();
  });
}

function updateKindCounts(): void {
  for (const [kind, count] of kindButtons) {
    count.textContent = String(canvas.cy.nodes(`[kind = "${kind}"]`).length);
  }
}

function filtersChanged(): void {
  canvas.applyFilters(filters());
  const { nodes, edges } = canvas.counts();
  counts.dataset.nodes = String(nodes);
  counts.dataset.edges = String(edges);
  counts.textContent = `${plural(nodes, 'entity', 'entities')} · ${plural(edges, 'relationship')}`;
  panel.refreshExpansion();
}

// ── Toolbar and export ─────────────────────────────────────────────────────────────────────
byId('graph-fit').addEventListener('click', () => canvas.fit());
byId('graph-layout').addEventListener('click', () => canvas.relayout());
byId('graph-clear').addEventListener('click', () => {
  canvas.clear();
  panel.empty();
  setHash('#graph');
});

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
}
byId('export-json').addEventListener('click', () => {
  const data = canvas.toJson();
  if (data.nodes.length === 0) return notify('The canvas is empty: nothing to export.');
  download(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `newsgraph-${stamp()}.json`);
});
byId('export-png').addEventListener('click', () => {
  if (canvas.shown().nodes().length === 0) return notify('The canvas is empty: nothing to export.');
  download(canvas.toPng(), `newsgraph-${stamp()}.png`);
});

// ── Editor key (review actions; sent with mutations only) ──────────────────────────────────
const editorInput = byId<HTMLInputElement>('editor-key');
editorInput.value = editorKey() ?? '';
document.body.dataset.editor = String(editorKey() !== null);
editorInput.addEventListener(
  'input',
  debounce(() => {
    setEditorKey(editorInput.value.trim() || null);
    document.body.dataset.editor = String(editorKey() !== null);
    panel.refreshEditor();
  }, 200),
);

// ── API key prompt (only when the server requires keys for reads) ──────────────────────────
onUnauthenticated(
  () =>
    new Promise((resolve) => {
      const dialog = byId<HTMLDialogElement>('key-dialog');
      const input = byId<HTMLInputElement>('key-input');
      input.value = '';
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' && input.value.trim() ? input.value.trim() : null), { once: true });
      dialog.showModal();
    }),
);

// ── Views and the URL ──────────────────────────────────────────────────────────────────────
function setView(next: View): void {
  byId('view-graph').hidden = next !== 'graph';
  byId('view-overview').hidden = next !== 'overview';
  byId('tab-graph').classList.toggle('active', next === 'graph');
  byId('tab-overview').classList.toggle('active', next === 'overview');
  for (const id of ['export-json', 'export-png']) byId(id).hidden = next !== 'graph';
  if (next === 'overview') void overview.show();
  else canvas.cy.resize();
}

function route(): void {
  const hash = location.hash.slice(1);
  const params = new URLSearchParams(hash);
  const doc = params.get('doc');
  const entity = params.get('entity');
  if (doc) {
    const start = Number(params.get('start'));
    const end = Number(params.get('end'));
    const passage = params.has('start') && params.has('end') && Number.isInteger(start) && Number.isInteger(end) ? { start, end } : undefined;
    void reader.open(doc, passage);
    return;
  }
  reader.close();
  underneath = hash ? `#${hash}` : '#graph';
  if (entity) {
    setView('graph');
    void (async () => {
      try {
        await Promise.all([selectEntity(entity), showOnCanvas(entity)]);
      } catch (error) {
        notify((error as Error).message, 'error');
      }
    })();
    return;
  }
  setView(hash === 'overview' ? 'overview' : 'graph');
}

/** For a shared #entity= link: the canvas needs the entity's kind and name first. */
async function showOnCanvas(id: string): Promise<void> {
  if (canvas.has(id)) return;
  const data = await request(EntityQuery, { id, first: 0, coMentions: false });
  if (data.entity) await canvas.show({ id: data.entity.id, kind: data.entity.kind, name: data.entity.name, degree: data.entity.degree });
}

window.addEventListener('hashchange', route);
renderFilters();
route();
document.body.dataset.ready = 'true';
replace(byId('path-status'), 'Pick two entities; paths ignore direction.');
