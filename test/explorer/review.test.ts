/**
 * The explorer's curation view and review actions in a real browser (Debian's Chromium driven by
 * playwright-core), against the app on a free port over the run's Neo4j with two API keys (an
 * editor and a reader). A hand-built machine extraction (data, written by the real write path) adds
 * proposed links to the seed: the test checks they are drawn and badged as proposed, that the weak
 * co-mention link only shows when asked for, then accepts one, rejects another and merges two
 * entities through the panel, and checks every step against the API. A reader key gets FORBIDDEN.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ExtractedEntity } from '../../src/domain/extraction.js';
import { relationshipId } from '../../src/domain/ids.js';
import type { MachineEntity, MachineExtraction } from '../../src/domain/machineExtraction.js';
import type { GraphClient } from '../../src/graph/client.js';
import { contentHash } from '../../src/domain/article.js';
import { writeMachineExtraction } from '../../src/graph/ingestArticle.js';
import { seedGraph } from '../../src/graph/seed.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { createApp, type App } from '../../src/server/app.js';
import { hashApiKey } from '../../src/server/auth.js';
import { createLogger } from '../../src/server/logger.js';
import { buildExplorer, CHROMIUM, CHROMIUM_ARGS, requireChromium, VIEWPORT } from '../support/chromium.js';
import { resetDatabase, testClient } from '../support/graph.js';
import type { GraphQLResponseJson } from '../support/graphqlResponse.js';

const ARTIFACTS = join(PROJECT_ROOT, 'test', 'artifacts');

const newKey = () => `ng_${randomBytes(24).toString('base64url')}`;
const EDITOR_KEY = newKey();
const READER_KEY = newKey();
const API_KEYS = [`curator:editor:${hashApiKey(EDITOR_KEY).toString('hex')}`, `dashboard:reader:${hashApiKey(READER_KEY).toString('hex')}`].join(',');

const COLONEL = 'actor:yohei-ito';
const SATO = 'actor:kenji-sato';
const GOVERNOR = 'actor:governor-sato';
const NAHA = 'location:naha';

const TEXT =
  'Kenji Sato met Yohei Ito in Naha on Monday to discuss the missile deployment. ' +
  'Governor Sato thanked Yohei Ito for the briefing, and the Seventh Regiment drilled nearby.';

function quote(text: string) {
  const start = TEXT.indexOf(text);
  if (start < 0) throw new Error(`"${text}" is not in the text`);
  return { quote: text, start, end: start + text.length, basis: 'STATED' as const };
}

const person = (id: string, name: string): ExtractedEntity => ({ id, kind: 'Actor', actorType: 'PERSON', name, aliases: [], description: `${name}, named in an article.` });
const machine = (entity: ExtractedEntity, resolution: MachineEntity['resolution']): MachineEntity => ({ entity, resolution, candidates: [], confidence: 0.8 });

/** The proposals under review: one to accept, one to reject, and a weak co-mention. */
const TO_ACCEPT = relationshipId({ source: SATO, type: 'NEGOTIATES_WITH', target: COLONEL });
const TO_REJECT = relationshipId({ source: COLONEL, type: 'BASED_AT', target: NAHA });
// A co-mention has no direction: stored from the lower id to the higher.
const CO_MENTION = relationshipId({ source: GOVERNOR, type: 'CO_MENTIONED_WITH', target: COLONEL });

const ARTICLE: MachineExtraction = {
  document: { id: 'doc:explorer-review', title: 'Governor meets the colonel', source: 'test', url: null, publishedAt: '2025-07-01', text: TEXT, contentHash: contentHash(TEXT) },
  extractor: { name: 'test-extractor', version: '0.0.1' },
  entities: [
    machine(person(COLONEL, 'Yohei Ito'), 'EXISTING'),
    machine({ id: 'unit:seventh-regiment', kind: 'Unit', name: 'Seventh Regiment', aliases: [], description: 'A regiment.' }, 'EXISTING'),
    machine(person(SATO, 'Kenji Sato'), 'NEW'),
    machine(person(GOVERNOR, 'Governor Sato'), 'NEW'),
    machine({ id: NAHA, kind: 'Location', name: 'Naha', aliases: [], description: 'Naha, a city.' }, 'NEW'),
  ],
  relationships: [
    { type: 'NEGOTIATES_WITH', source: SATO, target: COLONEL, confidence: 0.72, evidence: [quote('Kenji Sato met Yohei Ito in Naha on Monday to discuss the missile deployment.')] },
    { type: 'BASED_AT', source: COLONEL, target: NAHA, confidence: 0.41, evidence: [quote('Yohei Ito in Naha')] },
    { type: 'CO_MENTIONED_WITH', source: COLONEL, target: GOVERNOR, confidence: 0.5, evidence: [quote('Governor Sato thanked Yohei Ito for the briefing')] },
  ],
};

interface ExportedView {
  nodes: { id: string }[];
  edges: { id: string; type: string; curation: string }[];
}

describe('the explorer’s review actions in Chromium', () => {
  let client: GraphClient | undefined;
  let app: App | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base = '';
  let userDataDir: string | undefined;
  const problems: string[] = [];

  async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as GraphQLResponseJson<T>;
    if (body.errors?.length || !body.data) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  async function curationOf(id: string): Promise<string | null> {
    const { relationship } = await api<{ relationship: { curation: string } | null }>(`query ($id: ID!) { relationship(id: $id) { curation } }`, { id });
    return relationship?.curation ?? null;
  }

  async function exportView(): Promise<ExportedView> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    return JSON.parse(readFileSync(await download.path(), 'utf8')) as ExportedView;
  }

  async function nodesShown(): Promise<number> {
    return Number(await page.locator('#graph-counts').getAttribute('data-nodes'));
  }

  /** Types a key into the editor-key field and waits until the page keeps it (the field is debounced). */
  async function enterEditorKey(key: string): Promise<void> {
    await page.fill('#editor-key', key);
    await page.waitForFunction((k) => sessionStorage.getItem('newsgraph.editorKey') === k, key);
  }

  async function openEntity(id: string, name: string): Promise<void> {
    await page.evaluate((hash) => (location.hash = hash), `#entity=${encodeURIComponent(id)}`);
    await page.locator('#entity-panel .entity-name', { hasText: name }).waitFor();
  }

  const panel = () => page.locator('#entity-panel');
  const item = (id: string) => panel().locator(`.rel-item[data-relationship="${id}"]`);

  beforeAll(async () => {
    requireChromium();
    await buildExplorer();

    client = testClient();
    await resetDatabase(client);
    await seedGraph(client);
    await writeMachineExtraction(client, ARTICLE);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', API_KEYS });
    app = createApp({ config: { ...config, http: { ...config.http, host: '127.0.0.1', port: 0 } }, graph: client, logger: createLogger({ logLevel: 'silent' }) });
    base = (await app.start()).url.replace(/\/graphql$/, '');

    userDataDir = mkdtempSync(join(tmpdir(), 'newsgraph-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: VIEWPORT, acceptDownloads: true });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      // The reader's refused edit is an HTTP 403, which Chromium logs; it is expected once.
      if (message.type() === 'error' && !/status of 403/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch((error: unknown) => console.error('closing Chromium failed', error));
    await app?.stop().catch((error: unknown) => console.error('stopping the app failed', error));
    await client?.close().catch((error: unknown) => console.error('closing the Neo4j client failed', error));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('draws and badges proposed links apart from curated ones, and co-mentions only when asked for', async () => {
    await page.goto(`${base}/explore#entity=${encodeURIComponent(COLONEL)}`);
    await page.waitForSelector('body[data-ready="true"]');
    await panel().locator('.entity-name', { hasText: 'Yohei Ito' }).waitFor();

    // The panel: the proposal has its badge, sources and confidence; a seed link has no badge.
    await expect(item(TO_ACCEPT).getAttribute('data-curation')).resolves.toBe('PROPOSED');
    await expect(item(TO_ACCEPT).locator('.curation-badge').textContent()).resolves.toBe('proposed');
    await expect(item(TO_ACCEPT).locator('[data-testid="sources"]').textContent()).resolves.toBe('1 source');
    await expect(item(TO_ACCEPT).locator('[data-testid="confidence"]').textContent()).resolves.toBe('confidence 0.72');
    const curated = panel().locator('.rel-item[data-curation="CURATED"]');
    expect(await curated.count()).toBeGreaterThan(0);
    await expect(curated.first().locator('.curation-badge').count()).resolves.toBe(0);
    await expect(curated.first().locator('[data-testid="confidence"]').count()).resolves.toBe(0);
    // No key entered: no review actions, and the co-mention is hidden.
    await expect(panel().locator('[data-action="accept"], [data-action="reject"], [data-action="merge"]').count()).resolves.toBe(0);
    await expect(item(CO_MENTION).count()).resolves.toBe(0);

    // The canvas: expand, and the edges carry their status (the style follows it).
    await panel().locator('[data-action="expand"]').click();
    await page.locator('#entity-panel [data-action="expand"]', { hasText: /neighbours? shown|Load more/ }).waitFor();
    let view = await exportView();
    expect(view.edges.find((edge) => edge.id === TO_ACCEPT)?.curation).toBe('PROPOSED');
    expect(view.edges.find((edge) => edge.id === TO_REJECT)?.curation).toBe('PROPOSED');
    expect(view.edges.some((edge) => edge.curation === 'CURATED')).toBe(true);
    expect(view.edges.filter((edge) => edge.type === 'CO_MENTIONED_WITH')).toEqual([]);
    expect(view.nodes.map((node) => node.id)).not.toContain(GOVERNOR);
    await expect(page.locator('#edge-legend [data-legend="proposed"]').isVisible()).resolves.toBe(true);

    // Co-mentions shown: in the panel, and on the canvas after the next expansion.
    const before = await nodesShown();
    await page.check('#show-co-mentions');
    await item(CO_MENTION).waitFor();
    await expect(item(CO_MENTION).getAttribute('data-curation')).resolves.toBe('PROPOSED');
    await panel().locator('[data-action="expand"]:not([disabled])').click();
    await page.waitForFunction((n) => Number(document.getElementById('graph-counts')?.dataset.nodes) > n, before);
    view = await exportView();
    expect(view.edges.find((edge) => edge.id === CO_MENTION)?.type).toBe('CO_MENTIONED_WITH');
    await page.waitForSelector('#cy[data-settled="true"]');
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-review.png') });

    // And hidden again.
    await page.uncheck('#show-co-mentions');
    await item(CO_MENTION).waitFor({ state: 'detached' });
    view = await exportView();
    expect(view.edges.filter((edge) => edge.type === 'CO_MENTIONED_WITH')).toEqual([]);
  }, 120_000);

  it('shows the server’s FORBIDDEN message to a reader key and changes nothing', async () => {
    await enterEditorKey(READER_KEY);
    await item(TO_ACCEPT).locator('[data-action="accept"]').click();
    const notice = panel().locator('[data-testid="review-notice"][data-code="FORBIDDEN"]');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('has the reader role; this operation needs editor');
    await expect(curationOf(TO_ACCEPT)).resolves.toBe('PROPOSED');
    await expect(item(TO_ACCEPT).getAttribute('data-curation')).resolves.toBe('PROPOSED');
  }, 60_000);

  it('accepts one proposal and rejects another with the editor key; panel and canvas follow', async () => {
    await enterEditorKey(EDITOR_KEY);

    await item(TO_ACCEPT).locator('[data-action="accept"]').click();
    await panel().locator(`.rel-item[data-relationship="${TO_ACCEPT}"][data-curation="CURATED"]`).waitFor();
    await expect(item(TO_ACCEPT).locator('.curation-badge').count()).resolves.toBe(0);
    await expect(item(TO_ACCEPT).locator('[data-action]').count()).resolves.toBe(0);
    await expect(panel().locator('[data-testid="review-notice"]').getAttribute('data-code')).resolves.toBe('ACCEPTED');
    await expect(curationOf(TO_ACCEPT)).resolves.toBe('CURATED');
    await expect.poll(async () => (await exportView()).edges.find((edge) => edge.id === TO_ACCEPT)?.curation).toBe('CURATED');

    await item(TO_REJECT).locator('[data-action="reject"]').click();
    await item(TO_REJECT).waitFor({ state: 'detached' });
    await expect(panel().locator('[data-testid="review-notice"]').getAttribute('data-code')).resolves.toBe('REJECTED');
    await expect(curationOf(TO_REJECT)).resolves.toBe('REJECTED');
    await expect.poll(async () => (await exportView()).edges.map((edge) => edge.id)).not.toContain(TO_REJECT);
  }, 60_000);

  it('merges an entity into another picked by search; the merged-away id then opens its survivor', async () => {
    await openEntity(GOVERNOR, 'Governor Sato');
    await panel().locator('[data-action="merge"]').click();
    await page.locator('#merge-target').pressSequentially('Kenji', { delay: 40 });
    const hit = panel().locator(`.typeahead-item[data-id="${SATO}"]`);
    await hit.waitFor();
    await hit.click();
    await panel().locator('[data-action="merge-confirm"]', { hasText: 'Merge into Kenji Sato' }).click();

    await panel().locator('.entity-name', { hasText: 'Kenji Sato' }).waitFor();
    await expect(panel().locator('[data-testid="review-notice"]').textContent()).resolves.toBe('Merged Governor Sato into Kenji Sato.');
    await expect(panel().locator('.alias').allTextContents()).resolves.toContain('Governor Sato');
    expect(await page.evaluate(() => location.hash)).toBe(`#entity=${encodeURIComponent(SATO)}`);
    await expect.poll(async () => (await exportView()).nodes.map((node) => node.id)).toContain(SATO);
    expect((await exportView()).nodes.map((node) => node.id)).not.toContain(GOVERNOR);
    const { entity } = await api<{ entity: { id: string } }>(`query ($id: ID!) { entity(id: $id) { id } }`, { id: GOVERNOR });
    expect(entity.id).toBe(SATO);

    // An old link to the merged-away id opens the survivor and says so.
    await page.evaluate(() => (location.hash = '#graph'));
    await page.evaluate((hash) => (location.hash = hash), `#entity=${encodeURIComponent(GOVERNOR)}`);
    const notice = panel().locator('[data-testid="review-notice"]', { hasText: `${GOVERNOR} was merged into Kenji Sato` });
    await notice.waitFor();
    await expect(panel().locator('.entity-name').textContent()).resolves.toBe('Kenji Sato');
    await page.waitForFunction((hash) => location.hash === hash, `#entity=${encodeURIComponent(SATO)}`);
  }, 60_000);

  it('raised no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
