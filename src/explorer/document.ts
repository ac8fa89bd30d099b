/**
 * The document reader: a dialog with the full text, every entity mention underlined in its kind's
 * colour (click to open the entity), and the evidence passage highlighted and scrolled into view.
 * Links to a passage are plain URLs: `#doc=<id>&start=<offset>&end=<offset>`.
 */
import { request } from './api.js';
import { byId, h, replace } from './dom.js';
import type { EntityKind, ExplorerDocumentMentionsQuery } from './gql/graphql.js';
import { KINDS } from './kinds.js';
import { DocumentMentionsQuery, DocumentQuery } from './operations.js';

/** Mentions are read a page at a time; a very long document stops after this many pages. */
const MENTION_PAGES = 10;

interface Mention {
  start: number;
  end: number;
  entity: { id: string; kind: EntityKind; name: string };
}

export function passageHref(documentId: string, start: number, end: number): string {
  return `#${new URLSearchParams({ doc: documentId, start: String(start), end: String(end) }).toString()}`;
}

export function documentHref(documentId: string): string {
  return `#${new URLSearchParams({ doc: documentId }).toString()}`;
}

export class DocumentReader {
  private readonly dialog = byId<HTMLDialogElement>('document-dialog');
  private readonly title = byId('document-title');
  private readonly meta = byId('document-meta');
  private readonly body = byId('document-body');
  private readonly mentionCache = new Map<string, Mention[]>();

  constructor(
    private readonly onEntity: (entity: Mention['entity']) => void,
    onClose: () => void,
  ) {
    byId('document-close').addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', onClose);
    this.dialog.addEventListener('click', (event) => {
      if (event.target === this.dialog) this.dialog.close(); // click on the backdrop
    });
  }

  isOpen(): boolean {
    return this.dialog.open;
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  async open(documentId: string, passage?: { start: number; end: number }): Promise<void> {
    replace(this.title, 'Loading…');
    replace(this.meta);
    replace(this.body, h('p', { class: 'muted' }, 'Loading the document…'));
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const [data, mentions] = await Promise.all([request(DocumentQuery, { id: documentId }), this.mentions(documentId)]);
      const document = data.document;
      if (!document) {
        replace(this.title, 'Document not found');
        replace(this.body, h('p', { class: 'muted' }, `No document has the id ${documentId}.`));
        return;
      }
      replace(this.title, document.title);
      replace(
        this.meta,
        h('span', {}, document.source),
        document.publishedAt ? h('span', {}, `Published ${document.publishedAt}`) : h('span', {}, 'Undated'),
        h('span', {}, `${mentions.length} mentions`),
      );
      const valid = passage && passage.start >= 0 && passage.end <= document.text.length && passage.start < passage.end ? passage : undefined;
      replace(this.body, this.renderText(document.text, mentions, valid));
      const mark = this.body.querySelector('mark.passage');
      if (mark) mark.scrollIntoView({ block: 'center' });
      else this.body.scrollTop = 0;
    } catch (error) {
      replace(this.title, 'The document could not be loaded');
      replace(this.body, h('p', { class: 'error' }, (error as Error).message));
    }
  }

  private async mentions(documentId: string): Promise<Mention[]> {
    const cached = this.mentionCache.get(documentId);
    if (cached) return cached;
    const all: Mention[] = [];
    let after: string | null = null;
    for (let page = 0; page < MENTION_PAGES; page++) {
      const data: ExplorerDocumentMentionsQuery = await request(DocumentMentionsQuery, { id: documentId, first: 100, after });
      const connection = data.document?.mentions;
      if (!connection) break;
      all.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    this.mentionCache.set(documentId, all);
    return all;
  }

  /**
   * Splits the text at every mention and passage boundary. Runs inside the passage are wrapped in
   * one <mark>; mention runs become links to their entity.
   */
  private renderText(text: string, mentions: readonly Mention[], passage?: { start: number; end: number }): HTMLElement {
    const cuts = new Set<number>([0, text.length]);
    for (const mention of mentions) {
      if (mention.start >= 0 && mention.end <= text.length && mention.start < mention.end) cuts.add(mention.start).add(mention.end);
    }
    if (passage) cuts.add(passage.start).add(passage.end);
    const points = [...cuts].sort((a, b) => a - b);
    const sorted = [...mentions].sort((a, b) => a.start - b.start);

    const container = h('div', { class: 'document-text' });
    let mark: HTMLElement | null = null;
    let m = 0;
    for (let i = 0; i < points.length - 1; i++) {
      const start = points[i]!;
      const end = points[i + 1]!;
      while (m < sorted.length && sorted[m]!.end <= start) m++;
      const mention = sorted[m] && sorted[m]!.start <= start && sorted[m]!.end >= end ? sorted[m] : undefined;
      const piece = text.slice(start, end);
      const node: Node = mention
        ? h(
            'a',
            {
              class: 'mention',
              href: '#',
              style: `--kind:${KINDS[mention.entity.kind].colour}`,
              title: `${KINDS[mention.entity.kind].label}: ${mention.entity.name}`,
              'data-entity': mention.entity.id,
              onclick: (event: Event) => {
                event.preventDefault();
                this.dialog.close();
                this.onEntity(mention.entity);
              },
            },
            piece,
          )
        : document.createTextNode(piece);
      const inPassage = passage !== undefined && start >= passage.start && end <= passage.end;
      if (inPassage) {
        if (!mark) {
          mark = h('mark', { class: 'passage' });
          container.append(mark);
        }
        mark.append(node);
      } else {
        mark = null;
        container.append(node);
      }
    }
    return container;
  }
}
