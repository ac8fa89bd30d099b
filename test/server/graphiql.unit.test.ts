import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExampleOperation } from '../../src/examples.js';
import { graphiqlRouter } from '../../src/server/graphiql.js';

const examples: ExampleOperation[] = [
  { name: 'ArticleEntities', query: 'query ArticleEntities($id: ID!) { article(id: $id) { title } }', variables: { id: 'a1' } },
  { name: 'Sneaky', query: 'query Sneaky { search(text: "</script><script>alert(1)</script>") { id } }' },
];

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(graphiqlRouter({ endpoint: '/graphql', examples, title: 'Test <IDE>' }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

async function getPage(pathname = '/graphql'): Promise<{ res: Response; html: string }> {
  const res = await fetch(`${base}${pathname}`, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  return { res, html: await res.text() };
}

/** Values of every src= and href= attribute in the page. */
function referencedUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1] ?? '');
}

/** Bodies of inline <script> elements (those without src), with their nonce attribute. */
function inlineScripts(html: string): { nonce: string | undefined; body: string }[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({
    nonce: /\bnonce="([^"]+)"/.exec(m[1] ?? '')?.[1],
    body: m[2] ?? '',
  }));
}

describe('graphiqlRouter', () => {
  it('serves the IDE page for browsers on GET /graphql, with same-origin assets only', async () => {
    const { res, html } = await getPage();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<title>Test &lt;IDE&gt;</title>');

    const urls = referencedUrls(html);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls) {
      expect(url).not.toMatch(/^(https?:)?\/\//i);
      expect(url.startsWith('/ide/assets/')).toBe(true);
    }
    expect(html).not.toMatch(/https?:\/\//i);
  });

  it('pre-loads the example operations as tabs', async () => {
    const { html } = await getPage();
    const [script] = inlineScripts(html);
    expect(script).toBeDefined();
    const match = /var config = (.*);\n/.exec(script!.body);
    expect(match).not.toBeNull();
    const config = JSON.parse(match![1]!) as { endpoint: string; tabs: { query: string; variables: string | null }[] };
    expect(config.endpoint).toBe('/graphql');
    expect(config.tabs).toEqual([
      { query: examples[0]!.query, variables: JSON.stringify({ id: 'a1' }, null, 2) },
      { query: examples[1]!.query, variables: null },
    ]);
    expect(html).toContain('ArticleEntities');
    expect(html).toContain('defaultTabs');
    expect(html).toContain('GraphiQL.createFetcher');
  });

  it('sets a CSP whose nonce matches the only inline script', async () => {
    const { res, html } = await getPage();
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain('unsafe-eval');

    const scripts = inlineScripts(html);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.nonce).toBe(nonce);

    // A fresh nonce for every response.
    const again = await getPage();
    expect(again.res.headers.get('content-security-policy')).not.toBe(csp);
  });

  it('does not let an example containing </script> break out of the inline script', async () => {
    const { html } = await getPage();
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('\\u003c/script\\u003e');
    // Exactly the three asset scripts and the bootstrap script close.
    expect(html.match(/<\/script>/g)).toHaveLength(4);
    expect(html.match(/<script\b/g)).toHaveLength(4);
  });

  it('serves the same page on GET /', async () => {
    const { res, html } = await getPage('/');
    expect(res.status).toBe(200);
    expect(html).toContain('GraphiQL.createFetcher');
  });

  it('serves every referenced asset with a JS/CSS content type and long-lived caching', async () => {
    const { html } = await getPage();
    for (const url of referencedUrls(html)) {
      const res = await fetch(`${base}${url}`);
      expect(res.status, url).toBe(200);
      const type = res.headers.get('content-type') ?? '';
      if (url.endsWith('.css')) expect(type, url).toMatch(/^text\/css/);
      else expect(type, url).toMatch(/^(text|application)\/javascript/);
      expect(res.headers.get('cache-control'), url).toMatch(/max-age=31536000/);
      const body = await res.text();
      expect(body.length, url).toBeGreaterThan(10_000);
    }
  });

  it('leaves GET /graphql for non-browser clients to the next handler (Apollo)', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json', '*/*']) {
      const res = await fetch(`${base}/graphql?query=%7B__typename%7D`, { headers: { Accept: accept } });
      expect(res.status, accept).toBe(404);
      // Express's default 404 ("Cannot GET /graphql"), not the IDE page.
      const body = await res.text();
      expect(body, accept).toContain('Cannot GET /graphql');
      expect(body, accept).not.toContain('GraphiQL');
    }
  });
});
