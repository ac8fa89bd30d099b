/**
 * The GraphiQL page in a real browser (Debian's Chromium, driven by playwright-core), on a first
 * visit: every example tab runs as it opens, with the variables stored beside its example, and
 * answers with data, not errors.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadExampleOperations } from '../../src/examples.js';
import type { GraphClient } from '../../src/graph/client.js';
import { seedGraph } from '../../src/graph/seed.js';
import { EXAMPLES_DIR } from '../../src/paths.js';
import { createApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { CHROMIUM, CHROMIUM_ARGS, requireChromium, VIEWPORT } from '../support/chromium.js';
import { resetDatabase, testClient } from '../support/graph.js';
import type { GraphQLResponseJson } from '../support/graphqlResponse.js';
import { makeTempDir, removeTempDirs } from '../support/tempDirs.js';

const examples = loadExampleOperations(EXAMPLES_DIR);

describe('GraphiQL example tabs in Chromium', () => {
  let client: GraphClient | undefined;
  let app: App | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    requireChromium();
    client = testClient();
    await resetDatabase(client);
    await seedGraph(client);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', GRAPHIQL_ENABLED: 'true' });
    app = createApp({ config: { ...config, http: { ...config.http, host: '127.0.0.1', port: 0 } }, graph: client, logger: createLogger({ logLevel: 'silent' }) });
    const url = (await app.start()).url;

    // A fresh profile: no tabs stored from an earlier visit.
    context = await chromium.launchPersistentContext(makeTempDir('newsgraph-chromium-'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: VIEWPORT });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-tab');
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch((error: unknown) => console.error('closing Chromium failed', error));
    await app?.stop().catch((error: unknown) => console.error('stopping the app failed', error));
    await client?.close().catch((error: unknown) => console.error('closing the Neo4j client failed', error));
    removeTempDirs();
  });

  /** What GraphiQL's editors hold: the query (with the operation it will send), variables, response. */
  function editors() {
    return page.evaluate(() => {
      type Editor = Element & { CodeMirror?: { getValue(): string; operationName?: string | null } };
      const editor = (selector: string) => (document.querySelector(selector) as Editor | null)?.CodeMirror;
      return {
        operationName: editor('.graphiql-query-editor .CodeMirror')?.operationName ?? null,
        variables: editor('.graphiql-editor-tool .CodeMirror')?.getValue() ?? '',
        response: editor('.result-window .CodeMirror')?.getValue() ?? '',
      };
    });
  }

  it('opens one tab per example, titled by its operation', async () => {
    const titles = await page.locator('.graphiql-tab .graphiql-tab-button').allInnerTexts();
    expect(titles.map((t) => t.trim())).toEqual(examples.map((e) => e.name));
  });

  it.each(examples.map((example, index) => ({ ...example, index })))('$name: Run answers with data, no errors', async ({ index, name, variables }) => {
    // The first tab is open already: it must run as the page opens, without a click on its tab.
    const tab = page.locator('.graphiql-tab').nth(index);
    if (!(await tab.getAttribute('class'))?.includes('graphiql-tab-active')) await tab.locator('.graphiql-tab-button').click();
    // GraphiQL reads the operation's name from the query editor shortly after a tab opens.
    await expect.poll(async () => (await editors()).operationName).toBe(name);
    const shown = await editors();
    expect(shown.variables.trim() ? JSON.parse(shown.variables) : undefined).toEqual(variables);

    await page.locator('.graphiql-execute-button').click();
    await expect.poll(async () => (await editors()).response.trim().length, { timeout: 20_000 }).toBeGreaterThan(0);
    const text = (await editors()).response;
    const answer = JSON.parse(text) as GraphQLResponseJson;
    expect(answer.errors, text).toBeUndefined();
    expect(Object.keys(answer.data ?? {}).length).toBeGreaterThan(0);
    expect(Object.values(answer.data ?? {}).every((value) => value !== null), text).toBe(true);
    expect(problems).toEqual([]);
  });
});
