import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExampleOperations } from '../src/examples.js';

describe('loadExampleOperations', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsgraph-examples-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function fixture(name: string, files: Record<string, string>): string {
    const d = mkdtempSync(path.join(dir, `${name}-`));
    for (const [file, content] of Object.entries(files)) writeFileSync(path.join(d, file), content);
    return d;
  }

  it('reads every *.graphql file in file-name order, with variables from the comment', () => {
    const d = fixture('ok', {
      '02-search.graphql': 'query SearchEntities {\n  search(text: "x") { id }\n}\n',
      '01-article.graphql':
        '# Who an article mentions.\n# variables: {"id": "article-1", "limit": 5}\nquery ArticleEntities($id: ID!, $limit: Int) {\n  article(id: $id) { ...Bits }\n}\nfragment Bits on Article { title }\n',
      'README.md': 'not an operation',
    });
    expect(loadExampleOperations(d)).toEqual([
      {
        name: 'ArticleEntities',
        query:
          '# Who an article mentions.\nquery ArticleEntities($id: ID!, $limit: Int) {\n  article(id: $id) { ...Bits }\n}\nfragment Bits on Article { title }',
        variables: { id: 'article-1', limit: 5 },
      },
      { name: 'SearchEntities', query: 'query SearchEntities {\n  search(text: "x") { id }\n}' },
    ]);
  });

  it('rejects a file with two operations, naming the file', () => {
    const d = fixture('two', { 'a.graphql': 'query A { a }\n', 'two.graphql': 'query One { a }\nquery Two { b }\n' });
    expect(() => loadExampleOperations(d)).toThrow(/two\.graphql.*exactly one operation, found 2/);
  });

  it('rejects an anonymous operation', () => {
    const d = fixture('anon', { 'anon.graphql': '{ article(id: "x") { title } }\n' });
    expect(() => loadExampleOperations(d)).toThrow(/anon\.graphql.*must be named/);
  });

  it('rejects malformed variables JSON', () => {
    const d = fixture('badvars', { 'vars.graphql': '# variables: {"id": x}\nquery V($id: ID!) { article(id: $id) { title } }\n' });
    expect(() => loadExampleOperations(d)).toThrow(/vars\.graphql.*variables.*not valid JSON/);
  });

  it('rejects variables that are not an object, and GraphQL syntax errors', () => {
    const arr = fixture('arrvars', { 'arr.graphql': '# variables: [1]\nquery V { a }\n' });
    expect(() => loadExampleOperations(arr)).toThrow(/arr\.graphql.*must be a JSON object/);
    const syntax = fixture('syntax', { 'broken.graphql': 'query Broken { a \n' });
    expect(() => loadExampleOperations(syntax)).toThrow(/broken\.graphql.*not a valid GraphQL document/);
  });
});
