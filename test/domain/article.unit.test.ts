import { describe, expect, it } from 'vitest';
import { articleProblems, splitFrontMatter } from '../../src/domain/article.js';

describe('splitFrontMatter', () => {
  it('reads the metadata and leaves the text exactly as it follows the front matter', () => {
    const { metadata, text, problems } = splitFrontMatter('---\ntitle: Talks resume\nsource: Wire\npublishedAt: 2025-06-30\nurl: https://example.org/a\n---\nTOKYO — Talks resumed.\n');
    expect(problems).toEqual([]);
    expect(metadata).toEqual({ title: 'Talks resume', source: 'Wire', publishedAt: '2025-06-30', url: 'https://example.org/a' });
    expect(text).toBe('TOKYO — Talks resumed.\n');
  });

  it('takes a file without front matter as all text', () => {
    expect(splitFrontMatter('Just text.')).toEqual({ metadata: {}, text: 'Just text.', problems: [] });
  });

  it('names bad and unknown fields', () => {
    const { problems } = splitFrontMatter('---\npublishedAt: June\nauthor: me\n---\nText');
    expect(problems.join(' ')).toMatch(/publishedAt: must be an ISO date/);
    expect(problems.join(' ')).toMatch(/author/);
  });

  it('reports YAML that does not parse', () => {
    expect(splitFrontMatter('---\ntitle: [unclosed\n---\nText').problems[0]).toMatch(/not valid YAML/);
  });
});

describe('articleProblems', () => {
  const good = { text: 'Some text.', title: 'T', source: 'S' };

  it('accepts a complete article', () => {
    expect(articleProblems({ ...good, url: 'https://example.org', publishedAt: '2025-01-02' }, 100)).toEqual([]);
  });

  it('refuses empty, overlong and non-string text with what to fix', () => {
    expect(articleProblems({ ...good, text: '  \n' }, 100)).toEqual([{ field: 'text', message: 'is empty: send the article text' }]);
    expect(articleProblems({ ...good, text: 'x'.repeat(101) }, 100)[0]!.message).toMatch(/101 characters; the limit is 100/);
    expect(articleProblems({ ...good, text: 42 }, 100)).toEqual([{ field: 'text', message: 'must be a string' }]);
  });

  it('refuses a missing title or source, a bad url and a bad date', () => {
    const fields = articleProblems({ text: 'x', title: '', url: 'ftp://x', publishedAt: '30/06/2025' }, 100).map((p) => p.field);
    expect(fields).toEqual(['title', 'source', 'url', 'publishedAt']);
  });
});
