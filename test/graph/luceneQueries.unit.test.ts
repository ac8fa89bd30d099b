/**
 * The Lucene queries search builds from free text (src/graph/entities.ts): an exact one, and a
 * typo-tolerant one that the statement runs only when the exact one matches too few entities.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXACT_MATCHES_ENOUGH, toLuceneQueries } from '../../src/graph/entities.js';
import { MAX_PAGE_SIZE } from '../../src/resolvers/pagination.js';

describe('toLuceneQueries', () => {
  it('matches each word exactly in every text field, and one edit away in the tolerant query', () => {
    expect(toLuceneQueries('Akazwa')).toEqual({
      exact: 'name:(akazwa) OR aliasText:(akazwa) OR description:(akazwa)',
      tolerant: 'name:((akazwa^2 OR akazwa~1)) OR aliasText:((akazwa^2 OR akazwa~1)) OR description:((akazwa^2 OR akazwa~1))',
    });
  });

  it('allows no typo in words under four letters, and has no tolerant query when every word is that short', () => {
    const terms = 'ito^2 (gsdf^2 OR gsdf~1)';
    expect(toLuceneQueries('ito gsdf')!.tolerant).toBe(`name:(${terms}) OR aliasText:(${terms}) OR description:(${terms})`);
    expect(toLuceneQueries('ito jp')).toEqual({ exact: 'name:(ito jp) OR aliasText:(ito jp) OR description:(ito jp)', tolerant: null });
  });

  it('reads search syntax as plain words', () => {
    expect(toLuceneQueries('japan AND (')!.exact).toBe('name:(japan and) OR aliasText:(japan and) OR description:(japan and)');
    expect(toLuceneQueries('*')).toBeNull();
    expect(toLuceneQueries("Japan's")!.exact).toBe('name:(japan) OR aliasText:(japan) OR description:(japan)');
  });

  it('gives queries whose words are only letters and digits, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const queries = toLuceneQueries(text);
        if (queries === null) return;
        for (const query of [queries.exact, queries.tolerant ?? '']) {
          const words = query.replace(/\b(name|aliasText|description):/g, ' ').replace(/\^2|~1|\bOR\b|[()]/g, ' ').trim().split(/\s+/).filter(Boolean);
          for (const word of words) expect(word).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
        }
      }),
    );
  });

  it('answers from exact matches only once they could fill the largest page', () => {
    expect(EXACT_MATCHES_ENOUGH).toBe(MAX_PAGE_SIZE);
  });
});
