/**
 * The analyst explorer (/explore) in a real browser: Debian's Chromium driven by playwright-core,
 * against the app on a free port over the run's seeded Neo4j. The page is built with Vite first
 * (always, so a fresh clone works and an edited page is never tested stale).
 *
 * The flow: search "Ito", open the colonel, expand his neighbours, find the paths to "Akazawa" and
 * check that every path and every hop's quote is shown, open a quote's passage in the document,
 * export the view (JSON, PNG), open the overview. Expectations come from the GraphQL API itself.
 * Screenshots go to test/artifacts/ (git-ignored): explorer.png, overview.png; timings of the
 * browser-side steps to test/artifacts/explorer-timings.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { GraphClient } from '../../src/graph/client.js';
import { seedGraph } from '../../src/graph/seed.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { createApp, type App } from '../../src/server/app.js';
import { EXPLORER_CSP, explorerRouter } from '../../src/server/explorer.js';
import { createLogger } from '../../src/server/logger.js';
import { buildExplorer, CHROMIUM, CHROMIUM_ARGS, requireChromium, VIEWPORT } from '../support/chromium.js';
import { resetDatabase, testClient } from '../support/graph.js';
import type { GraphQLResponseJson } from '../support/graphqlResponse.js';

const ARTIFACTS = join(PROJECT_ROOT, 'test', 'artifacts');

const COLONEL = 'actor:yohei-ito';
const ENVOY = 'actor:ryosei-akazawa';
const HUB = 'country:japan';

interface Evidence {
  quote: string;
  start: number;
  end: number;
  document: { id: string };
}
interface ApiPath {
  length: number;
  nodes: { id: string; name: string }[];
  hops: { from: { name: string }; to: { name: string }; relationship: { id: string; type: string; evidence: Evidence[] } }[];
}
interface ExportedView {
  nodes: { id: string; kind: string; name: string; highlighted: boolean }[];
  edges: { id: string; type: string; source: string; target: string; highlighted: boolean }[];
}

describe('the analyst explorer in Chromium', () => {
  let client: GraphClient | undefined;
  let app: App | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base = '';
  let userDataDir: string | undefined;
  const problems: string[] = [];
  const foreignRequests: string[] = [];
  const timings: Record<string, number> = {};
  /** The page's own status line after a step (it splits an expansion into API and layout time). */
  const statusLines: Record<string, string> = {};

  /** Runs an operation against the app's own /graphql, the source of every expectation. */
  async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as GraphQLResponseJson<T>;
    if (body.errors?.length || !body.data) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  async function timed(name: string, action: () => Promise<unknown>): Promise<void> {
    const started = performance.now();
    await action();
    timings[name] = Math.round(performance.now() - started);
  }

  /** Waits until no layout or view animation runs on the canvas (it sets data-settled). */
  async function settled(): Promise<void> {
    await page.waitForTimeout(100); // a layout starts right after the step the test waited for
    await page.waitForSelector('#cy[data-settled="true"]');
  }

  async function canvasCount(): Promise<number> {
    return Number(await page.locator('#graph-counts').getAttribute('data-nodes'));
  }

  async function exportView(): Promise<ExportedView> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const file = await download.path();
    return JSON.parse(readFileSync(file, 'utf8')) as ExportedView;
  }

  beforeAll(async () => {
    requireChromium();
    timings.viteBuild = await buildExplorer();

    client = testClient();
    await resetDatabase(client);
    await seedGraph(client);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = createApp({ config: { ...config, http: { ...config.http, host: '127.0.0.1', port: 0 } }, graph: client, logger: createLogger({ logLevel: 'silent' }) });
    base = (await app.start()).url.replace(/\/graphql$/, '');

    userDataDir = mkdtempSync(join(tmpdir(), 'newsgraph-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: VIEWPORT,
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${base}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    // Each step on its own, so one failure does not leave the others running.
    await context?.close().catch((error: unknown) => console.error('closing Chromium failed', error));
    await app?.stop().catch((error: unknown) => console.error('stopping the app failed', error));
    await client?.close().catch((error: unknown) => console.error('closing the Neo4j client failed', error));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    if (Object.keys(timings).length > 0) {
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'explorer-timings.json'), `${JSON.stringify({ wallClockMs: timings, statusLines }, null, 2)}\n`);
      console.log('[explorer] browser timings (ms):', JSON.stringify(timings), JSON.stringify(statusLines));
    }
  });

  it('serves the page with a strict CSP and the bundles with a long cache', async () => {
    const res = await fetch(`${base}/explore`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(EXPLORER_CSP).toContain("script-src 'self';");
    expect(EXPLORER_CSP).toContain("connect-src 'self';");
    expect(EXPLORER_CSP).toContain("img-src 'self' data: blob:;");
    expect(EXPLORER_CSP).toContain("style-src 'self' 'unsafe-inline'");
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    const scripts = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThanOrEqual(3); // favicon, stylesheet, entry script
    // Everything the page loads is ours; nothing from a CDN.
    expect(scripts.every((url) => url.startsWith('/explore/'))).toBe(true);
    const bundle = scripts.find((url) => /^\/explore\/assets\/.+\.js$/.test(url));
    expect(bundle).toBeDefined();

    const asset = await fetch(`${base}${bundle}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);

    const missing = await fetch(`${base}/explore/assets/nope.js`);
    expect(missing.status).toBe(404);
  });

  it('searches "Ito", opens the colonel, expands his neighbours and finds the paths to "Akazawa" with their quotes', async () => {
    const expected = await api<{
      entity: { name: string; rank: string; aliases: string[]; neighbors: { totalCount: number }; relationships: { totalCount: number; edges: { node: { type: string; evidence: Evidence[] } }[] } };
    }>(
      `query ($id: ID!) { entity(id: $id) { name aliases ... on Actor { rank } neighbors(first: 0) { totalCount }
         relationships(first: 25) { totalCount edges { node { type evidence { quote start end document { id } } } } } } }`,
      { id: COLONEL },
    );

    await page.goto(`${base}/explore`);
    await page.waitForSelector('body[data-ready="true"]');

    // Type-ahead: the hit shows kind and name.
    const hit = page.locator(`#search-field .typeahead-item[data-id="${COLONEL}"]`);
    await timed('searchIto', async () => {
      await page.locator('#search').pressSequentially('Ito', { delay: 40 });
      await hit.waitFor();
    });
    statusLines.searchIto = (await page.locator('#timing').textContent()) ?? '';
    await expect(hit.locator('.kind-badge').textContent()).resolves.toBe('Actor');
    await expect(hit.locator('.typeahead-name').textContent()).resolves.toBe('Yohei Ito');

    // Entity panel: kind, name, aliases, kind-specific fields, relationships grouped with quotes.
    await timed('openColonel', async () => {
      await hit.click();
      await page.locator('.entity-name', { hasText: expected.entity.name }).waitFor();
      await page.waitForFunction(() => document.getElementById('graph-counts')?.dataset.nodes === '1');
    });
    const panel = page.locator('#entity-panel');
    await expect(panel.locator('.entity-header .kind-badge').textContent()).resolves.toBe('Actor');
    await expect(panel.locator('.alias').allTextContents()).resolves.toEqual(expected.entity.aliases);
    await expect(panel.locator('.facts').textContent()).resolves.toContain(expected.entity.rank);
    const types = [...new Set(expected.entity.relationships.edges.map((edge) => edge.node.type))];
    await expect(panel.locator('.rel-group').evaluateAll((groups) => groups.map((g) => (g as HTMLElement).dataset.type))).resolves.toEqual(types);
    for (const { node } of expected.entity.relationships.edges) {
      for (const evidence of node.evidence) {
        const item = panel.locator(`.rel-group[data-type="${node.type}"] .evidence`, { hasText: evidence.quote }).first();
        await expect(item.isVisible()).resolves.toBe(true);
        const href = await item.locator('a.passage-link').getAttribute('href');
        expect(new URLSearchParams(href!.slice(1)).get('doc')).toBe(evidence.document.id);
        expect(href).toContain(`start=${evidence.start}&end=${evidence.end}`);
      }
    }

    // Expand: one page of neighbours (the colonel has fewer than a page).
    await timed('expandColonel', async () => {
      await panel.locator('[data-action="expand"]').click();
      await page.waitForFunction((n) => document.getElementById('graph-counts')?.dataset.nodes === String(n), 1 + Math.min(expected.entity.neighbors.totalCount, 12));
    });
    await expect(panel.locator('[data-action="expand"]').textContent()).resolves.toMatch(/neighbours/);

    // Path finder: from the colonel (panel button) to the envoy (type-ahead).
    const apiPaths = (
      await api<{ paths: ApiPath[] }>(
        `query ($from: ID!, $to: ID!) { paths(fromId: $from, toId: $to, maxHops: 4, first: 5) { length nodes { id name }
           hops { from { name } to { name } relationship { id type evidence { quote start end document { id } } } } } }`,
        { from: COLONEL, to: ENVOY },
      )
    ).paths;
    expect(apiPaths.length).toBeGreaterThan(0);

    await page.locator('[data-action="path-from"]').click();
    await expect(page.locator('#path-from').inputValue()).resolves.toBe('Yohei Ito');
    const envoyHit = page.locator(`#path-to-field .typeahead-item[data-id="${ENVOY}"]`);
    await page.locator('#path-to').pressSequentially('Akazawa', { delay: 40 });
    await envoyHit.waitFor();
    await timed('findPaths', async () => {
      await envoyHit.click(); // both ends picked: the search runs
      await page.locator('[data-testid="paths"] li.path').first().waitFor();
    });

    const shown = page.locator('[data-testid="paths"] > li.path');
    await expect(shown.count()).resolves.toBe(apiPaths.length);
    for (const [index, path] of apiPaths.entries()) {
      const item = shown.nth(index);
      await expect(item.locator('.path-chain').textContent()).resolves.toBe(path.nodes.map((node) => node.name).join(' → '));
      const hops = item.locator('li.hop');
      await expect(hops.count()).resolves.toBe(path.length);
      for (const [step, hop] of path.hops.entries()) {
        const label = await hops.nth(step).getAttribute('aria-label');
        expect(label).toContain(hop.from.name);
        expect(label).toContain(hop.to.name);
        await expect(hops.nth(step).locator('.chain-node .entity-chip').textContent()).resolves.toBe(hop.to.name);
        const quotes = await hops.nth(step).locator('.quote').allTextContents();
        expect(quotes).toEqual(hop.relationship.evidence.map((evidence) => `“${evidence.quote}”`));
      }
    }
    await expect(page.locator('#path-status').textContent()).resolves.toContain(`${apiPaths.length === 1 ? '1 shortest path' : `${apiPaths.length} shortest paths`}`);

    await settled(); // the layout and the zoom onto the paths have finished
    await page.screenshot({ path: join(ARTIFACTS, 'explorer.png') });

    // The canvas holds every path, highlighted (checked through the JSON export of the view).
    const view = await exportView();
    const nodeIds = new Set(view.nodes.map((node) => node.id));
    const edgeIds = new Set(view.edges.map((edge) => edge.id));
    for (const path of apiPaths) {
      for (const node of path.nodes) expect(nodeIds).toContain(node.id);
      for (const hop of path.hops) expect(edgeIds).toContain(hop.relationship.id);
    }
    const highlighted = new Set(view.nodes.filter((node) => node.highlighted).map((node) => node.id));
    expect(highlighted).toEqual(new Set(apiPaths.flatMap((path) => path.nodes.map((node) => node.id))));
    expect(view.edges.filter((edge) => edge.highlighted).map((edge) => edge.id).sort()).toEqual(
      [...new Set(apiPaths.flatMap((path) => path.hops.map((hop) => hop.relationship.id)))].sort(),
    );
  }, 180_000);

  it('opens a quote’s passage in the document, highlighted in context', async () => {
    const link = page.locator('#paths-panel a.passage-link').first();
    const quote = (await page.locator('#paths-panel .quote').first().textContent())!.replace(/^“|”$/g, '');
    await link.click();
    const mark = page.locator('#document-dialog mark.passage');
    await mark.waitFor();
    await expect(mark.textContent()).resolves.toBe(quote);
    await expect(mark.isVisible()).resolves.toBe(true);
    await expect(page.locator('#document-title').textContent()).resolves.toMatch(/\S/);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-document.png') });
    await page.keyboard.press('Escape');
    await page.locator('#document-dialog').waitFor({ state: 'hidden' });
    // The page puts the entity back into the address on the dialog's close event, just after it hides.
    const entityHash = `#entity=${encodeURIComponent(COLONEL)}`;
    await page.waitForFunction((expected) => location.hash === expected, entityHash, { timeout: 5000 }).catch(() => {});
    expect(await page.evaluate(() => location.hash)).toBe(entityHash);
  }, 60_000);

  it('exports the view as PNG', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect(download.suggestedFilename()).toMatch(/^newsgraph-.*\.png$/);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.length).toBeGreaterThan(5_000);
  }, 60_000);

  it('expands a hub one page at a time', async () => {
    const { entity } = await api<{ entity: { neighbors: { totalCount: number } } }>(`query ($id: ID!) { entity(id: $id) { neighbors(first: 0) { totalCount } } }`, { id: HUB });
    expect(entity.neighbors.totalCount).toBeGreaterThan(12); // else this test proves nothing about paging

    await page.click('#graph-clear');
    await expect(canvasCount()).resolves.toBe(0);
    const hit = page.locator(`#search-field .typeahead-item[data-id="${HUB}"]`);
    await timed('searchJapan', async () => {
      await page.locator('#search').pressSequentially('Japan', { delay: 40 });
      await hit.waitFor();
    });
    await hit.click();
    await page.locator('.entity-name', { hasText: 'Japan' }).waitFor();
    await page.waitForFunction(() => document.getElementById('graph-counts')?.dataset.nodes === '1');

    const expand = page.locator('#entity-panel [data-action="expand"]');
    await timed('expandHubPage1', async () => {
      await expand.click();
      await page.waitForFunction(() => document.getElementById('graph-counts')?.dataset.nodes === '13');
    });
    statusLines.expandHubPage1 = (await page.locator('#timing').textContent()) ?? '';
    await expect(expand.textContent()).resolves.toBe(`Load more neighbours (12 of ${entity.neighbors.totalCount})`);
    const remaining = Math.min(entity.neighbors.totalCount, 24);
    await timed('expandHubPage2', async () => {
      await expand.click();
      await page.waitForFunction((n) => document.getElementById('graph-counts')?.dataset.nodes === String(n), 1 + remaining);
    });
    statusLines.expandHubPage2 = (await page.locator('#timing').textContent()) ?? '';
  }, 120_000);

  it('shows the overview: counts as charts, most connected, documents', async () => {
    const { stats, documents } = await api<{
      stats: { entityCount: number; relationshipCount: number; documentCount: number; mentionCount: number; mostConnected: { entity: { name: string } }[] };
      documents: { edges: { node: { title: string } }[] };
    }>(`{ stats { entityCount relationshipCount documentCount mentionCount mostConnected(first: 10) { entity { name } } } documents(first: 20) { edges { node { title } } } }`);

    await timed('openOverview', async () => {
      await page.click('#tab-overview');
      await page.locator('[data-testid="most-connected"] li').first().waitFor();
    });
    const number = async (testId: string) => Number((await page.locator(`[data-testid="${testId}"] .stat-value`).textContent())!.replace(/,/g, ''));
    await expect(number('stat-entities')).resolves.toBe(stats.entityCount);
    await expect(number('stat-relationships')).resolves.toBe(stats.relationshipCount);
    await expect(number('stat-documents')).resolves.toBe(stats.documentCount);
    await expect(number('stat-mentions')).resolves.toBe(stats.mentionCount);
    await expect(page.locator('[data-testid="most-connected"] .rank-name').allTextContents()).resolves.toEqual(stats.mostConnected.map((c) => c.entity.name));
    await expect(page.locator('[data-testid="documents"] .document-title').allTextContents()).resolves.toEqual(documents.edges.map((e) => e.node.title));
    // Both charts drew something.
    const drawn = await page.locator('#overview canvas').evaluateAll((canvases) =>
      canvases.map((canvas) => {
        const c = canvas as HTMLCanvasElement;
        const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
        return painted;
      }),
    );
    expect(drawn).toHaveLength(2);
    for (const painted of drawn) expect(painted).toBeGreaterThan(1000);

    // The whole dashboard in one picture: the window as tall as the content.
    const height = await page.evaluate(() => document.getElementById('view-overview')!.scrollHeight + document.querySelector('header')!.offsetHeight);
    await page.setViewportSize({ width: VIEWPORT.width, height: Math.max(VIEWPORT.height, height) });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'overview.png') });
    await page.setViewportSize(VIEWPORT);
  }, 60_000);

  it('raised no errors and loaded nothing from outside the API', () => {
    expect(problems).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});

describe('the explorer route without a build', () => {
  it('answers 503 naming the build command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsgraph-no-explorer-'));
    const app = express().use(explorerRouter({ dir }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/explore`, { headers: { Accept: 'application/json' } });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('EXPLORER_NOT_BUILT');
      expect(body.error.message).toContain('npm run build:explorer');
      const html = await fetch(`http://127.0.0.1:${port}/explore`, { headers: { Accept: 'text/html' } });
      expect(html.status).toBe(503);
      await expect(html.text()).resolves.toContain('npm run build:explorer');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
