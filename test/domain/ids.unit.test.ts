/**
 * src/domain/ids.ts: the form of every id, and that parsing undoes formatting. Pure: no database.
 * The round trips run over generated inputs from a small seeded generator (fast-check is not a
 * dependency), so a failure names the input and reproduces.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyId,
  documentId,
  entityId,
  entityIdFromName,
  entityIdPrefix,
  evidenceId,
  isDocumentId,
  isEntityIdOfKind,
  isEvidenceId,
  isSlug,
  MAX_ID_LENGTH,
  MAX_SLUG_LENGTH,
  parseEntityId,
  parseRelationshipId,
  relationshipId,
  slugify,
} from '../../src/domain/ids.js';
import { ENTITY_KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../../src/domain/vocabulary.js';

/** xorshift32: deterministic, so every run checks the same inputs. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]) => items[int(items.length)]!;
  const slug = () =>
    Array.from({ length: 1 + int(4) }, () => Array.from({ length: 1 + int(8) }, () => pick([...'abcdefghijklmnopqrstuvwxyz0123456789'])).join('')).join('-');
  // Letters, digits, accents, punctuation, scripts without a–z, spaces and symbols.
  const text = () => Array.from({ length: int(40) }, () => pick([...'aZ9 -_.,:|/ÉéüßİıØ東京Ωω\t\n😀\'"()ﬁ'])).join('');
  return { int, pick, slug, text };
}

const RUNS = 500;

describe('entity ids', () => {
  it('are `prefix:slug` with the kind’s prefix', () => {
    expect(entityId('Actor', 'ryosei-akazawa')).toBe('actor:ryosei-akazawa');
    expect(entityId('Unit', 'seventh-regiment')).toBe('unit:seventh-regiment');
    expect(entityIdPrefix('Equipment')).toBe('equipment');
  });

  it('refuse a slug that is not one', () => {
    for (const bad of ['', 'Upper', 'two  spaces', '-leading', 'trailing-', 'a--b', 'a:b', 'a|b']) {
      expect(() => entityId('Actor', bad), bad).toThrow(RangeError);
    }
  });

  it('parse back to their kind and slug, for every kind', () => {
    const g = generator(1);
    for (let i = 0; i < RUNS; i++) {
      const kind = g.pick(ENTITY_KIND_NAMES);
      const slug = g.slug();
      const id = entityId(kind, slug);
      expect(parseEntityId(id), id).toEqual({ kind, slug });
      expect(isEntityIdOfKind(id, kind), id).toBe(true);
      expect(classifyId(id), id).toBe('entity');
    }
  });

  it('do not parse with an unknown prefix, bad slug or over the length bound', () => {
    for (const bad of ['person:kenji', 'doc:japan', 'actor:', 'actor:Kenji', 'actor', ':kenji', 'actor:kenji sato', ' actor:kenji']) {
      expect(parseEntityId(bad), bad).toBeUndefined();
    }
    const longest = `actor:${'a'.repeat(MAX_ID_LENGTH - 'actor:'.length)}`;
    expect(parseEntityId(longest)).toBeDefined();
    expect(parseEntityId(`${longest}a`)).toBeUndefined();
    expect(isEntityIdOfKind('actor:kenji-sato', 'Country')).toBe(false);
  });
});

describe('slugify', () => {
  it('makes readable slugs from names', () => {
    expect(slugify('Ryosei Akazawa')).toBe('ryosei-akazawa');
    expect(slugify('  Café Noël  ')).toBe('cafe-noel');
    expect(slugify("Japan's 7th Regiment (JGSDF)")).toBe('japan-s-7th-regiment-jgsdf');
    expect(slugify('İstanbul')).toBe('istanbul');
    expect(slugify('ﬁve')).toBe('five');
    expect(slugify('東京')).toBe('');
    expect(entityIdFromName('Actor', 'Ryosei Akazawa')).toBe('actor:ryosei-akazawa');
    expect(() => entityIdFromName('Location', '東京')).toThrow(RangeError);
  });

  it('gives a slug or nothing for any text, within the length bound, and is idempotent', () => {
    const g = generator(2);
    for (let i = 0; i < RUNS; i++) {
      const text = g.text();
      const slug = slugify(text);
      expect(slug === '' || isSlug(slug), JSON.stringify(text)).toBe(true);
      expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
      expect(slugify(slug), JSON.stringify(text)).toBe(slug);
    }
  });

  it('cuts a long name at a hyphen', () => {
    const slug = slugify(Array.from({ length: 40 }, (_, i) => `word${i}`).join(' '));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(isSlug(slug)).toBe(true);
    expect(slug.split('-').every((word) => /^word\d+$/.test(word))).toBe(true);
    expect(slugify('x'.repeat(300))).toBe('x'.repeat(MAX_SLUG_LENGTH));
  });
});

describe('document ids', () => {
  it('are `doc:slug`, and classified as documents although they have an entity id’s shape', () => {
    expect(documentId('japan-missile-regiments')).toBe('doc:japan-missile-regiments');
    expect(isDocumentId('doc:japan-missile-regiments')).toBe(true);
    expect(classifyId('doc:japan-missile-regiments')).toBe('document');
    expect(parseEntityId('doc:japan-missile-regiments')).toBeUndefined();
    for (const bad of ['doc:', 'doc:Japan', 'docs:japan', 'doc:japan|x']) expect(isDocumentId(bad), bad).toBe(false);
    expect(() => documentId('Not a slug')).toThrow(RangeError);
  });
});

describe('relationship ids', () => {
  it('are `source|TYPE|target`', () => {
    expect(relationshipId({ source: 'country:japan', type: 'NEGOTIATES_WITH', target: 'actor:zorvan-ministry' })).toBe(
      'country:japan|NEGOTIATES_WITH|actor:zorvan-ministry',
    );
  });

  it('parse back to source, type and target', () => {
    const g = generator(3);
    for (let i = 0; i < RUNS; i++) {
      const key = {
        source: entityId(g.pick(ENTITY_KIND_NAMES), g.slug()),
        type: g.pick(RELATIONSHIP_TYPE_NAMES),
        target: entityId(g.pick(ENTITY_KIND_NAMES), g.slug()),
      };
      const id = relationshipId(key);
      expect(parseRelationshipId(id), id).toEqual(key);
      expect(classifyId(id), id).toBe('relationship');
    }
  });

  it('do not parse with an unknown type, a bad endpoint or the wrong number of parts', () => {
    for (const bad of [
      'country:japan|NOT_A_TYPE|actor:x',
      'country:japan|LEADS',
      'country:japan|LEADS|actor:x|actor:y',
      'country:japan|leads|actor:x',
      'Japan|LEADS|actor:x',
      'doc:a|LEADS|actor:x',
      '||',
    ]) {
      expect(parseRelationshipId(bad), bad).toBeUndefined();
      expect(classifyId(bad), bad).toBeUndefined();
    }
  });
});

describe('evidence ids', () => {
  const key = { relationshipId: 'country:japan|LEADS|actor:x', documentId: 'doc:a', start: 0, end: 10 };

  it('are 22 base64url characters, the same for the same quote and different for another', () => {
    const id = evidenceId(key);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(evidenceId({ ...key })).toBe(id);
    // Pinned (computed once with node:crypto): ids already stored must not change when this code does.
    expect(id).toBe('ObaVgIeORW7YytySoRzFJe');
    expect(isEvidenceId(id)).toBe(true);
    expect(classifyId(id)).toBe('evidence');
    const others = [{ ...key, start: 1 }, { ...key, end: 11 }, { ...key, documentId: 'doc:b' }, { ...key, relationshipId: 'country:japan|LEADS|actor:y' }];
    expect(new Set([id, ...others.map(evidenceId)]).size).toBe(others.length + 1);
  });

  it('keep the fields apart: shifting text between fields gives another id', () => {
    expect(evidenceId({ relationshipId: 'a', documentId: 'bc', start: 1, end: 2 })).not.toBe(evidenceId({ relationshipId: 'ab', documentId: 'c', start: 1, end: 2 }));
    expect(evidenceId({ relationshipId: 'a', documentId: 'b', start: 12, end: 3 })).not.toBe(evidenceId({ relationshipId: 'a', documentId: 'b', start: 1, end: 23 }));
  });
});

describe('classifyId', () => {
  it('names nothing for strings of no id’s form', () => {
    for (const bad of ['', 'garbage', 'Actor:kenji', 'person:kenji', 'x'.repeat(21), '東京']) expect(classifyId(bad), bad).toBeUndefined();
  });

  it('puts every generated id in exactly the class it was made as', () => {
    const g = generator(4);
    for (let i = 0; i < RUNS; i++) {
      const entity = entityId(g.pick(ENTITY_KIND_NAMES), g.slug());
      const document = documentId(g.slug());
      const relationship = relationshipId({ source: entity, type: g.pick(RELATIONSHIP_TYPE_NAMES), target: entityId(g.pick(ENTITY_KIND_NAMES), g.slug()) });
      const evidence = evidenceId({ relationshipId: relationship, documentId: document, start: g.int(1000), end: 1000 + g.int(1000) });
      expect([entity, document, relationship, evidence].map(classifyId)).toEqual(['entity', 'document', 'relationship', 'evidence']);
    }
  });
});
