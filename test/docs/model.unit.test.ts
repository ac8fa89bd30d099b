import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entitySchema } from '../../src/domain/extraction.js';
import { ACTOR_TYPE_NAMES, ENTITY_KINDS, RELATIONSHIP_TYPES } from '../../src/domain/vocabulary.js';
import { END_MARKER, MODEL_DOC, renderVocabulary, replaceVocabularySection, START_MARKER, vocabularySection } from '../../tools/docs-vocabulary.js';

const doc = readFileSync(MODEL_DOC, 'utf8');

describe('docs/model.md vocabulary section', () => {
  it('is what tools/docs-vocabulary.ts generates (run `npx tsx tools/docs-vocabulary.ts` to update it)', () => {
    expect(vocabularySection(doc)).toBe(renderVocabulary().trim());
    expect(replaceVocabularySection(doc)).toBe(doc);
  });

  it('lists every relationship type with its description and example, one row each', () => {
    const section = vocabularySection(doc);
    for (const [type, term] of Object.entries(RELATIONSHIP_TYPES)) {
      const rows = section.split('\n').filter((line) => line.startsWith(`| \`${type}\` |`));
      expect(rows, type).toHaveLength(1);
      expect(rows[0]).toContain(term.description);
      expect(rows[0]).toContain(term.example);
    }
  });

  it('lists every entity kind with the fields its schema adds', () => {
    const section = vocabularySection(doc);
    for (const option of entitySchema.options) {
      const kind = option.shape.kind.value;
      const row = section.split('\n').find((line) => line.startsWith(`| \`${kind}\` |`));
      expect(row, kind).toBeDefined();
      expect(row).toContain(ENTITY_KINDS[kind].description);
      const ownFields = Object.keys(option.shape).filter((field) => !['id', 'kind', 'name', 'aliases', 'description'].includes(field));
      for (const field of ownFields) expect(row, `${kind}.${field}`).toContain(`\`${field}\``);
    }
    const actorRow = section.split('\n').find((line) => line.startsWith('| `Actor` |'));
    for (const actorType of ACTOR_TYPE_NAMES) expect(actorRow).toContain(`\`${actorType}\``);
  });

  it('replaces a stale section and refuses a document without markers', () => {
    const stale = doc.replace(vocabularySection(doc), '| `OLD_TYPE` | gone | — |');
    expect(stale).not.toBe(doc);
    expect(replaceVocabularySection(stale)).toBe(doc);
    expect(() => replaceVocabularySection(doc.replace(START_MARKER, ''))).toThrow(/vocabulary:start/);
    expect(() => replaceVocabularySection(doc.replace(END_MARKER, ''))).toThrow(/vocabulary:end/);
  });
});
