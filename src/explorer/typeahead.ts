/**
 * Type-ahead over the API's full-text search: debounced, superseded requests aborted, results
 * show each entity's kind and name, keyboard navigation (↑ ↓ Enter Esc). Used by the header
 * search box and by the path finder's two pickers.
 */
import { ApiError, isAbort, request } from './api.js';
import { debounce, h, replace, svg } from './dom.js';
import type { EntityKind } from './gql/graphql.js';
import { KINDS, kindIconSvg } from './kinds.js';
import { SearchQuery } from './operations.js';

export interface PickedEntity {
  id: string;
  kind: EntityKind;
  name: string;
}

export interface TypeAheadOptions {
  input: HTMLInputElement;
  /** Where the result list is attached (positioned under the input by CSS). */
  container: HTMLElement;
  onPick: (entity: PickedEntity) => void;
  /** Clear the input after a pick (the header search) or show the picked name (pickers). */
  clearOnPick?: boolean;
  maxResults?: number;
  /** Reports how long each search took, for the status line. */
  onTiming?: (ms: number, count: number) => void;
}

export interface TypeAhead {
  set(entity: PickedEntity | null): void;
  value(): PickedEntity | null;
}

/** A small coloured badge with the kind's icon and name. */
export function kindBadge(kind: EntityKind, compact = false): HTMLElement {
  const style = KINDS[kind];
  const badge = h('span', { class: compact ? 'kind-badge compact' : 'kind-badge', style: `--kind:${style.colour};--tint:${style.tint}`, 'data-kind': kind });
  badge.append(svg(kindIconSvg(kind, style.colour, 14)));
  if (!compact) badge.append(style.label);
  else badge.title = style.label;
  return badge;
}

export function createTypeAhead(options: TypeAheadOptions): TypeAhead {
  const { input, container, onPick } = options;
  const list = h('ul', { class: 'typeahead-list', role: 'listbox', hidden: true });
  container.append(list);
  input.setAttribute('autocomplete', 'off');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');

  let picked: PickedEntity | null = null;
  let results: PickedEntity[] = [];
  let active = -1;
  let inFlight: AbortController | undefined;
  let generation = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };

  const highlight = (index: number) => {
    active = index;
    list.querySelectorAll('li').forEach((item, i) => item.classList.toggle('active', i === index));
  };

  const pick = (entity: PickedEntity) => {
    close();
    if (options.clearOnPick) {
      input.value = '';
      picked = null;
    } else {
      picked = entity;
      input.value = entity.name;
    }
    onPick(entity);
  };

  const render = (text: string, message?: string) => {
    if (message) {
      replace(list, h('li', { class: 'typeahead-empty' }, message));
    } else {
      replace(
        list,
        ...results.map((entity, index) =>
          h(
            'li',
            {
              role: 'option',
              class: 'typeahead-item',
              'data-id': entity.id,
              onmousedown: (event: Event) => {
                event.preventDefault(); // keep focus; the click picks
                pick(entity);
              },
              onmouseenter: () => highlight(index),
            },
            kindBadge(entity.kind),
            h('span', { class: 'typeahead-name' }, entity.name),
          ),
        ),
      );
      if (results.length === 0) replace(list, h('li', { class: 'typeahead-empty' }, `No entity matches “${text}”`));
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(results.length > 0 ? 0 : -1);
  };

  const search = debounce(async (text: string) => {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const mine = ++generation;
    const started = performance.now();
    try {
      const data = await request(SearchQuery, { text, first: options.maxResults ?? 8 }, controller.signal);
      if (mine !== generation) return;
      results = data.search.map((hit) => ({ id: hit.entity.id, kind: hit.entity.kind, name: hit.entity.name }));
      render(text);
      options.onTiming?.(performance.now() - started, results.length);
    } catch (error) {
      if (isAbort(error) || mine !== generation) return;
      results = [];
      render(text, error instanceof ApiError ? `Search failed: ${error.message}` : 'Search failed');
    }
  }, 120);

  input.addEventListener('input', () => {
    picked = null;
    const text = input.value.trim();
    if (text.length === 0) {
      generation++;
      inFlight?.abort();
      close();
      return;
    }
    search(text.slice(0, 500));
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault();
      if (list.hidden) render(input.value);
      highlight((active + 1) % results.length);
    } else if (event.key === 'ArrowUp' && results.length > 0) {
      event.preventDefault();
      highlight((active - 1 + results.length) % results.length);
    } else if (event.key === 'Enter') {
      const entity = results[active];
      if (!list.hidden && entity) {
        event.preventDefault();
        pick(entity);
      }
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('focus', () => {
    if (!picked && input.value.trim() && results.length > 0) render(input.value.trim());
  });

  return {
    set(entity) {
      picked = entity;
      input.value = entity?.name ?? '';
      results = [];
      close();
    },
    value: () => picked,
  };
}
