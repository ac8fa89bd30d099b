/** Ids for entities the extractor finds: `kind-prefix:slug-of-the-name`, as curated ids are written. */
import { ENTITY_KINDS, type EntityKind } from '../domain/vocabulary.js';

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export function entityIdFromName(kind: EntityKind, name: string): string {
  return `${ENTITY_KINDS[kind].idPrefix}:${slugify(name) || 'unnamed'}`;
}
