import { describe, expect, it } from 'vitest';
import { findMentions, type SurfaceForms } from '../../src/domain/mentions.js';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { SEED_FILE, SEED_TEXT } from '../support/extractionFixtures.js';

const entity = (id: string, name: string, ...aliases: string[]): SurfaceForms => ({ id, name, aliases });

/** Every start offset of `form` in `text`, whole word or not. */
const offsetsOf = (text: string, form: string) => [...text.matchAll(new RegExp(form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => m.index);

/** [entityId, text, start] of each mention, for compact comparisons. */
const summary = (text: string, entities: SurfaceForms[]) => findMentions(text, entities).map((m) => [m.entityId, m.text, m.start] as const);

describe('findMentions', () => {
  it('matches whole words only: Japan is not found inside Japanese', () => {
    const text = 'Japanese waters lie near Japan; Japan’s navy and Japan\'s allies. JapanTimes, Japan2.';
    const japan = entity('country:japan', 'Japan');
    const mentions = findMentions(text, [japan]);
    // Of all the occurrences of the letters, only those not followed or preceded by a letter or digit.
    const all = offsetsOf(text, 'Japan');
    const wholeWords = all.filter((start) => !/[\p{L}\p{N}]/u.test(text[start + 5] ?? ' ') && !/[\p{L}\p{N}]/u.test(text[start - 1] ?? ' '));
    expect(all.length).toBeGreaterThan(wholeWords.length);
    expect(mentions.map((m) => m.start)).toEqual(wholeWords);
    expect(mentions.map((m) => m.start)).not.toContain(text.indexOf('Japanese'));
  });

  it('treats letters outside ASCII as word characters', () => {
    const text = 'Tokyoé and Tokyo and éTokyo';
    expect(findMentions(text, [entity('country:japan', 'Japan', 'Tokyo')]).map((m) => m.start)).toEqual([text.indexOf(' Tokyo ') + 1]);
  });

  it('prefers the longest form: "Chinese navy" beats "Chinese"', () => {
    const text = 'The Chinese navy sails while Chinese officials watch.';
    const entities = [entity('group:chinese-officials', 'Chinese officials', 'Chinese'), entity('unit:chinese-navy', 'Chinese navy')];
    const expected = [
      ['unit:chinese-navy', 'Chinese navy', text.indexOf('Chinese navy')],
      ['group:chinese-officials', 'Chinese officials', text.indexOf('Chinese officials')],
    ];
    expect(summary(text, entities)).toEqual(expected);
    // The order in which entities are listed does not matter.
    expect(summary(text, [...entities].reverse())).toEqual(expected);
  });

  it('lets a shorter form match where the longer one does not occur', () => {
    const text = 'The Chinese navy and Chinese military presence.';
    const entities = [entity('country:china', 'China', 'Chinese'), entity('unit:chinese-navy', 'Chinese navy')];
    expect(summary(text, entities)).toEqual([
      ['unit:chinese-navy', 'Chinese navy', text.indexOf('Chinese navy')],
      ['country:china', 'Chinese', text.lastIndexOf('Chinese')],
    ]);
  });

  it('never lets two mentions overlap, nested or partly', () => {
    const text = 'Japan is in trade negotiations with Washington over U.S. military hardware.';
    const entities = [
      entity('policy:trade-negotiations', 'trade negotiations'),
      entity('event:talks', 'negotiations with Washington'),
      entity('country:united-states', 'United States', 'Washington', 'U.S.'),
      entity('equipment:us-military-hardware', 'U.S. military hardware'),
      entity('country:japan', 'Japan'),
    ];
    const mentions = findMentions(text, entities);
    expect(mentions.map((m) => m.text)).toEqual(['Japan', 'negotiations with Washington', 'U.S. military hardware']);
    for (const [index, mention] of mentions.entries()) {
      const next = mentions[index + 1];
      if (next) expect(mention.end).toBeLessThanOrEqual(next.start);
    }
  });

  it('is case-sensitive', () => {
    const text = 'potential adversaries, Potential Adversaries and JAPAN, japan, Japan.';
    const entities = [entity('actor:potential-adversaries', 'potential adversaries'), entity('country:japan', 'Japan')];
    expect(summary(text, entities)).toEqual([
      ['actor:potential-adversaries', 'potential adversaries', 0],
      ['country:japan', 'Japan', text.lastIndexOf('Japan')],
    ]);
  });

  it('matches aliases with punctuation such as "U.S." as whole words', () => {
    const text = 'Talks in the U.S. went well. The U.S.A. and US-made gear; the USS Ronald; U.S.-Japan ties; to the U.S.';
    const us = entity('country:united-states', 'United States', 'U.S.', 'US');
    const found = findMentions(text, [us]);
    const expected = [
      { text: 'U.S.', start: text.indexOf('U.S.') },
      { text: 'US', start: text.indexOf('US-made') },
      { text: 'U.S.', start: text.indexOf('U.S.-Japan') },
      { text: 'U.S.', start: text.length - 4 },
    ];
    expect(found.map(({ text: t, start }) => ({ text: t, start }))).toEqual(expected);
    expect(found.map((m) => m.start)).not.toContain(text.indexOf('U.S.A.'));
    expect(found.map((m) => m.start)).not.toContain(text.indexOf('USS'));
  });

  it('returns mentions in text order, each holding exactly the text at [start, end)', () => {
    const { extraction, mentions } = readExtractionFile(SEED_FILE);
    expect(findMentions(SEED_TEXT, extraction.entities)).toEqual(mentions);
    const formsById = new Map(extraction.entities.map((e) => [e.id, [e.name, ...e.aliases]]));
    let previousEnd = 0;
    for (const mention of mentions) {
      expect(mention.start).toBeGreaterThanOrEqual(previousEnd);
      expect(SEED_TEXT.slice(mention.start, mention.end)).toBe(mention.text);
      expect(formsById.get(mention.entityId)).toContain(mention.text);
      previousEnd = mention.end;
    }
    // In the seed, "Japan" is mentioned wherever it stands as a word, never inside "Japanese".
    const japan = mentions.filter((m) => m.entityId === 'country:japan' && m.text === 'Japan').map((m) => m.start);
    expect(japan).toEqual(offsetsOf(SEED_TEXT, 'Japan').filter((start) => !/\p{L}/u.test(SEED_TEXT[start + 5] ?? ' ')));
    expect(SEED_TEXT).toContain('Japanese');
  });
});
