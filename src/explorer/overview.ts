/**
 * The overview dashboard: graph size, entities by kind and relationships by type (chart.js, bundled
 * and loaded when the dashboard first opens), the most-connected entities and the documents.
 */
import type { Chart as ChartType } from 'chart.js';
import { request } from './api.js';
import { h, plural, replace } from './dom.js';
import { documentHref } from './document.js';
import type { ExplorerDocumentsQuery, ExplorerOverviewQuery } from './gql/graphql.js';
import { KINDS, RELATIONSHIP_TYPES } from './kinds.js';
import { DocumentsQuery, OverviewQuery } from './operations.js';
import { kindBadge, type PickedEntity } from './typeahead.js';

const TOP = 10;
const DOCUMENT_PAGE = 20;

type Document = ExplorerDocumentsQuery['documents']['edges'][number]['node'];

async function loadChart() {
  const { Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip } = await import('chart.js');
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#475569';
  return Chart;
}

export class Overview {
  private charts: ChartType[] = [];
  private documents: Document[] = [];
  private cursor: string | null = null;
  private loaded = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly open: (entity: PickedEntity) => void,
  ) {}

  /** Loads the dashboard the first time it is shown; `refresh` reloads it. */
  async show(refresh = false): Promise<void> {
    if (this.loaded && !refresh) return;
    this.loaded = true;
    replace(this.root, h('div', { class: 'panel-loading' }, h('span', { class: 'spinner' }), 'Loading the overview…'));
    try {
      const [stats, documents, Chart] = await Promise.all([
        request(OverviewQuery, { top: TOP }),
        request(DocumentsQuery, { first: DOCUMENT_PAGE }),
        loadChart(),
      ]);
      this.documents = documents.documents.edges.map((edge) => edge.node);
      this.cursor = documents.documents.pageInfo.endCursor;
      this.render(stats.stats, documents.documents, Chart);
    } catch (error) {
      this.loaded = false;
      replace(this.root, h('div', { class: 'panel-empty' }, h('h3', {}, 'The overview could not be loaded'), h('p', { class: 'error' }, (error as Error).message)));
    }
  }

  private render(stats: ExplorerOverviewQuery['stats'], documents: ExplorerDocumentsQuery['documents'], Chart: Awaited<ReturnType<typeof loadChart>>): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];

    const card = (label: string, value: number, testId: string) =>
      h('div', { class: 'stat-card', 'data-testid': testId }, h('div', { class: 'stat-value' }, value.toLocaleString('en')), h('div', { class: 'stat-label' }, label));
    const cards = h(
      'div',
      { class: 'stat-cards' },
      card('Entities', stats.entityCount, 'stat-entities'),
      card('Relationships', stats.relationshipCount, 'stat-relationships'),
      card('Documents', stats.documentCount, 'stat-documents'),
      card('Mentions', stats.mentionCount, 'stat-mentions'),
    );

    const kinds = [...stats.entitiesByKind].sort((a, b) => b.count - a.count);
    const types = [...stats.relationshipsByType].filter((t) => t.count > 0).sort((a, b) => b.count - a.count);
    const unused = stats.relationshipsByType.filter((t) => t.count === 0).length;

    const kindCanvas = h('canvas', { 'aria-label': 'Entities by kind', role: 'img' });
    const typeCanvas = h('canvas', { 'aria-label': 'Relationships by type', role: 'img' });
    const kindCard = h('section', { class: 'card chart-card' }, h('h3', { class: 'card-title' }, 'Entities by kind'), h('div', { class: 'chart-box', style: 'height:300px' }, kindCanvas));
    const typeCard = h(
      'section',
      { class: 'card chart-card wide' },
      h('h3', { class: 'card-title' }, 'Relationships by type', unused > 0 ? h('span', { class: 'card-note' }, `${unused} unused types not shown`) : null),
      h('div', { class: 'chart-box', style: `height:${Math.max(200, types.length * 20 + 40)}px` }, typeCanvas),
    );

    const maxDegree = Math.max(1, ...stats.mostConnected.map((c) => c.degree));
    const connected = h(
      'section',
      { class: 'card' },
      h('h3', { class: 'card-title' }, 'Most connected'),
      h(
        'ol',
        { class: 'ranking', 'data-testid': 'most-connected' },
        ...stats.mostConnected.map((item) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'rank-row', onclick: () => this.open(item.entity), title: `Open ${item.entity.name} in the graph` },
              kindBadge(item.entity.kind, true),
              h('span', { class: 'rank-name' }, item.entity.name),
              h('span', { class: 'rank-bar' }, h('span', { style: `width:${(100 * item.degree) / maxDegree}%;background:${KINDS[item.entity.kind].colour}` })),
              h('span', { class: 'rank-value' }, String(item.degree)),
            ),
          ),
        ),
      ),
    );

    const documentList = h('ul', { class: 'documents', 'data-testid': 'documents' });
    const renderDocuments = () => {
      replace(
        documentList,
        ...this.documents.map((doc) =>
          h(
            'li',
            {},
            h('a', { class: 'document-title', href: documentHref(doc.id) }, doc.title),
            h('div', { class: 'document-meta' }, h('span', {}, doc.publishedAt ?? 'Undated'), h('span', {}, plural(doc.mentions.totalCount, 'mention')), h('span', { class: 'document-source' }, doc.source)),
          ),
        ),
      );
    };
    renderDocuments();
    let more: HTMLButtonElement | null = null;
    if (documents.pageInfo.hasNextPage) {
      more = h('button', { type: 'button', class: 'link-button' }, 'Load more documents');
      more.addEventListener('click', async () => {
        const page = await request(DocumentsQuery, { first: DOCUMENT_PAGE, after: this.cursor });
        this.documents.push(...page.documents.edges.map((edge) => edge.node));
        this.cursor = page.documents.pageInfo.endCursor;
        renderDocuments();
        if (!page.documents.pageInfo.hasNextPage) more?.remove();
      });
    }
    const docs = h('section', { class: 'card wide' }, h('h3', { class: 'card-title' }, 'Documents', h('span', { class: 'count' }, String(documents.totalCount))), documentList, more);

    replace(
      this.root,
      h('div', { class: 'overview-head' }, h('h2', {}, 'Overview'), h('p', { class: 'muted' }, 'What the graph holds, from the public GraphQL API.')),
      cards,
      h('div', { class: 'overview-grid' }, kindCard, connected, typeCard, docs),
    );

    const grid = { color: '#eef2f7' };
    this.charts.push(
      new Chart(kindCanvas, {
        type: 'bar',
        data: {
          labels: kinds.map((k) => KINDS[k.kind].plural),
          datasets: [{ label: 'Entities', data: kinds.map((k) => k.count), backgroundColor: kinds.map((k) => KINDS[k.kind].colour), borderRadius: 4, maxBarThickness: 44 }],
        },
        options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { tooltip: { enabled: true } }, scales: { x: { grid: { display: false } }, y: { beginAtZero: true, ticks: { precision: 0 }, grid } } },
      }),
      new Chart(typeCanvas, {
        type: 'bar',
        data: {
          labels: types.map((t) => `${t.type}`),
          datasets: [{ label: 'Relationships', data: types.map((t) => t.count), backgroundColor: '#3b82f6', borderRadius: 3, maxBarThickness: 16 }],
        },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { tooltip: { callbacks: { title: (items) => items.map((item) => `${item.label} (${RELATIONSHIP_TYPES[item.label as keyof typeof RELATIONSHIP_TYPES] ?? ''})`) } } },
          scales: { x: { beginAtZero: true, ticks: { precision: 0 }, grid }, y: { grid: { display: false }, ticks: { font: { size: 11 } } } },
        },
      }),
    );
  }
}
