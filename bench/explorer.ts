/**
 * `npm run bench:explorer -- --entities 100000 [--reps 5] [--port 7695] [--data-dir <dir>] [--seed 42]
 *                           [--target-ms 1000] [--query-timeout-ms <n>] [--out <file>]`
 *
 * How responsive the analyst explorer (/explore) is on a big synthetic graph, measured in the real
 * page: Debian's Chromium (playwright-core) against this service started as in production
 * (NODE_ENV=production, the freshly built Vite bundle), over a dedicated local Neo4j holding the
 * benchmark graph (.data/bench/neo4j-<entities>, generated on first use; --data-dir for another,
 * e.g. a throw-away one).
 *
 * Each round, on a cleared canvas: type a word of a random entity's name into the header search,
 * then "Japan" (the top hub, entity 0), open Japan's panel from its hit, expand its neighbours
 * (one page) and load the next page. Every timing starts in the page, right before the action
 * (performance.now(), then the input event / click), and stops at the first animation frame in
 * which the result is in the DOM (Playwright's rAF polling, evaluated in the page):
 *   search-*     input event with the whole query → result list visible with its entries
 *                (includes the type-ahead's 120 ms debounce)
 *   open-hub     mousedown on Japan's hit → panel shows Japan's name and relationships, node on canvas
 *   expand-p1/2  click on the expand button → the page's new nodes are on the canvas
 *   *-layout     same start → the canvas layout has settled (data-settled), informational
 * The GraphQL requests the page makes during each step are timed by the browser (Resource Timing
 * via Playwright's request.timing(): request start → response end).
 * Round 1 is reported as "cold"; median and max are over the other rounds. The table goes to
 * stdout and everything to bench/results/explorer-<entities>.json; the exit code is 1 when a warm
 * median of a step with a target exceeds it (1 s). Every process started here — Neo4j, the
 * service, Chromium — is stopped by pid at the end, on failure and on Ctrl-C.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { chromium, type Browser, type BrowserServer, type Page, type Request } from 'playwright-core';
import type { GraphClient } from '../src/graph/client.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { buildExplorer, CHROMIUM, CHROMIUM_ARGS, requireChromium, VIEWPORT } from '../test/support/chromium.js';
import { ensureGraph } from './lib/ensureGraph.js';
import { BENCH_PASSWORD, BENCH_USER, benchClient, benchDataDir, defaultMemory, startBenchNeo4j, stopPid } from './lib/neo4j.js';
import { Random } from './lib/prng.js';
import { startServers, type RunningServer } from './lib/servers.js';
import { entityAt } from './lib/synthetic.js';
import { positiveInt } from './lib/cliArguments.js';
import { median } from './lib/results.js';

const opts = new Command('bench:explorer')
  .description("Time the analyst explorer's search, entity panel and paged hub expansion in Chromium on a synthetic graph")
  .option('--entities <n>', 'graph size (entities)', positiveInt, 100_000)
  .option('--seed <n>', 'seed of the synthetic graph and of the searched words', positiveInt, 42)
  .option('--reps <n>', 'warm rounds (after one cold round)', positiveInt, 5)
  .option('--port <n>', 'Bolt port of the benchmark Neo4j', positiveInt, 7695)
  .option('--data-dir <dir>', 'Neo4j store to use (default .data/bench/neo4j-<entities>)')
  .option('--query-timeout-ms <n>', "the service's NEO4J_QUERY_TIMEOUT_MS (its default is 5000)", positiveInt)
  .option('--target-ms <n>', 'a warm median above this fails the run', positiveInt, 1000)
  .option('--out <file>', 'results file (default bench/results/explorer-<entities>.json)')
  .parse()
  .opts<{ entities: number; seed: number; reps: number; port: number; dataDir?: string; targetMs: number; queryTimeoutMs?: number; out?: string }>();

const dataDir = resolve(opts.dataDir ?? benchDataDir(opts.entities));
const outFile = resolve(opts.out ?? join(PROJECT_ROOT, 'bench/results', `explorer-${opts.entities}.json`));
const STEP_TIMEOUT_MS = 30_000;
const NEIGHBOUR_PAGE = 12; // src/explorer/graph.ts

// ── Processes: every one stopped by pid, whatever happens ─────────────────────────────────────
let neo4jPid: number | undefined;
let service: RunningServer | undefined;
let browserServer: BrowserServer | undefined;
let browser: Browser | undefined;
let client: GraphClient | undefined;

async function cleanUp(): Promise<void> {
  // Each on its own, so one failure does not leave the others running.
  await browser?.close().catch(() => undefined);
  const chromiumPid = browserServer?.process().pid;
  await browserServer?.close().catch(() => undefined);
  if (chromiumPid) await stopPid(chromiumPid, 5_000).catch((error: unknown) => console.error('stopping Chromium failed', error));
  await service?.process.stop().catch((error: unknown) => console.error('stopping the service failed', error));
  await client?.close().catch(() => undefined);
  if (neo4jPid) await stopPid(neo4jPid, 60_000).catch((error: unknown) => console.error('stopping Neo4j failed', error));
  browser = browserServer = service = client = neo4jPid = undefined;
}
let signalled = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    console.error(`\n${signal}: stopping Neo4j, the service and Chromium…`);
    void cleanUp().finally(() => process.exit(code));
  });
}

// ── Statistics ────────────────────────────────────────────────────────────────────────────────
const round1 = (n: number) => Math.round(n * 10) / 10;
const summarise = (values: readonly number[]) => {
  const [cold, ...warm] = values;
  return { coldMs: cold === undefined ? null : round1(cold), medianMs: round1(median(warm)), maxMs: warm.length ? round1(Math.max(...warm)) : null, warmMs: warm.map(round1) };
};
const loads = () => loadavg().map((l) => Math.round(l * 100) / 100);

// ── GraphQL requests seen by the browser, attributed to the step running when they started ──
interface Seen {
  operation: string;
  ms?: number;
  failed?: string;
}
let capturing: Seen[] | undefined;
const bySeen = new Map<Request, Seen>();

function watchGraphql(page: Page): void {
  page.on('request', (request) => {
    if (!capturing || request.method() !== 'POST' || !new URL(request.url()).pathname.endsWith('/graphql')) return;
    let operation = 'anonymous';
    try {
      const body = JSON.parse(request.postData() ?? '{}') as { query?: string };
      operation = /\b(?:query|mutation)\s+(\w+)/.exec(body.query ?? '')?.[1] ?? operation;
    } catch {
      // not JSON: keep "anonymous"
    }
    const seen: Seen = { operation };
    capturing.push(seen);
    bySeen.set(request, seen);
  });
  page.on('requestfinished', (request) => {
    const seen = bySeen.get(request);
    if (!seen) return;
    const { responseEnd } = request.timing();
    seen.ms = responseEnd >= 0 ? responseEnd : Number.NaN;
  });
  page.on('requestfailed', (request) => {
    const seen = bySeen.get(request);
    if (seen) seen.failed = request.failure()?.errorText ?? 'failed';
  });
}

async function settledRequests(list: Seen[]): Promise<Seen[]> {
  const deadline = Date.now() + 5_000;
  while (list.some((seen) => seen.ms === undefined && !seen.failed) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return list;
}

// ── Steps, timed in the page ──────────────────────────────────────────────────────────────────
type Action = { kind: 'type'; selector: string; text: string } | { kind: 'mousedown'; selector: string } | { kind: 'click'; selector: string };
type Done =
  | { kind: 'list'; container: string; id?: string }
  | { kind: 'panel'; name: string; nodes: number }
  | { kind: 'nodes'; nodes: number }
  | { kind: 'settled' };

interface StepRecord {
  values: number[];
  graphql: Record<string, number[]>;
  detail: string[];
}
const steps = new Map<string, StepRecord>();
const record = (name: string) => {
  let entry = steps.get(name);
  if (!entry) steps.set(name, (entry = { values: [], graphql: {}, detail: [] }));
  return entry;
};

/** Does `action` in the page and resolves with the ms until `done` holds at an animation frame (also for each `also`). */
async function timeStep(page: Page, name: string, action: Action, done: Done, also: { name: string; done: Done }[] = []): Promise<number> {
  const requests: Seen[] = [];
  capturing = requests;
  await page.evaluate((a: Action) => {
    const element = document.querySelector<HTMLElement>(a.selector);
    if (!element) throw new Error(`no element ${a.selector}`);
    (window as unknown as { benchStart: number }).benchStart = performance.now();
    if (a.kind === 'type') {
      (element as HTMLInputElement).value = a.text;
      element.dispatchEvent(new Event('input', { bubbles: true }));
    } else if (a.kind === 'mousedown') {
      element.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0 }));
    } else {
      element.click();
    }
  }, action);
  const waitFor = async (condition: Done) =>
    (await (
      await page.waitForFunction(
        (d: Done) => {
          // No nested functions here: tsx would wrap them in a helper the page does not have.
          const nodes = Number(document.getElementById('graph-counts')?.dataset.nodes ?? '0');
          let ok = false;
          if (d.kind === 'list') {
            const list = document.querySelector<HTMLElement>(`${d.container} .typeahead-list`);
            ok = !!list && !list.hidden && (d.id ? !!list.querySelector(`.typeahead-item[data-id="${CSS.escape(d.id)}"]`) : !!list.querySelector('.typeahead-item, .typeahead-empty'));
          } else if (d.kind === 'panel') {
            const panel = document.getElementById('entity-panel');
            const relationships = panel?.querySelector('[data-testid="relationships"]');
            ok = panel?.querySelector('.entity-name')?.textContent === d.name && !!relationships?.querySelector('.rel-item, .muted') && nodes === d.nodes;
          } else if (d.kind === 'nodes') {
            ok = nodes === d.nodes;
          } else {
            ok = document.getElementById('cy')?.dataset.settled === 'true';
          }
          return ok ? performance.now() - (window as unknown as { benchStart: number }).benchStart : false;
        },
        condition,
        { polling: 'raf', timeout: STEP_TIMEOUT_MS },
      )
    ).jsonValue()) as number;
  try {
    const ms = await waitFor(done);
    record(name).values.push(ms);
    for (const extra of also) record(extra.name).values.push(await waitFor(extra.done));
    const entry = record(name);
    for (const seen of await settledRequests(requests)) {
      const key = seen.failed ? `${seen.operation} (failed: ${seen.failed})` : seen.operation;
      (entry.graphql[key] ??= []).push(seen.ms ?? Number.NaN);
    }
    return ms;
  } catch (error) {
    const state = await page
      .evaluate(() => ({
        status: document.getElementById('timing')?.textContent,
        toast: document.getElementById('toast')?.hidden ? '' : document.getElementById('toast')?.textContent,
        nodes: document.getElementById('graph-counts')?.dataset.nodes,
        panel: document.getElementById('entity-panel')?.textContent?.slice(0, 300),
      }))
      .catch(() => ({}));
    const graphql = requests.map((seen) => `${seen.operation} ${seen.failed ?? (seen.ms === undefined ? 'pending' : `${Math.round(seen.ms)} ms`)}`);
    throw new Error(`step ${name} failed (limit ${STEP_TIMEOUT_MS / 1000} s): ${(error as Error).message}\npage: ${JSON.stringify(state)}\nGraphQL: ${graphql.join(', ')}`);
  } finally {
    capturing = undefined;
  }
}

/** Distinctive words of entity names (pseudo-words such as "Sengar": at most twice in 500 names, unlike "Third" or "Ministry") for the searches. */
function searchWords(count: number): { word: string; entity: string }[] {
  const first = Math.min(24, opts.entities - 1); // after the famous countries
  const frequency = new Map<string, number>();
  const sample = Array.from({ length: Math.min(500, opts.entities - first) }, (_, i) => entityAt(first + i, opts.seed).name);
  for (const name of sample) for (const word of new Set(name.split(/\s+/))) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const rng = new Random(opts.seed * 7919 + 17);
  const words: { word: string; entity: string }[] = [];
  for (let attempt = 0; words.length < count && attempt < count * 50; attempt++) {
    const entity = entityAt(first + rng.int(opts.entities - first), opts.seed);
    const word = entity.name.split(/\s+/).find((w) => /^\p{L}{3,}$/u.test(w) && (frequency.get(w) ?? 0) <= 2);
    if (word && !words.some((w) => w.word === word)) words.push({ word, entity: entity.id });
  }
  return words;
}

// ── The run ───────────────────────────────────────────────────────────────────────────────────
const TARGETED = ['search-word', 'search-hub', 'open-hub', 'expand-p1', 'expand-p2'];
const DESCRIPTIONS: Record<string, string> = {
  'search-word': 'type-ahead: input event with a word of a random entity name → result list visible with its entries',
  'search-hub': 'type-ahead: input event with the hub name → result list visible with the hub among the entries',
  'open-hub': "mousedown on the hub's hit → panel shows its name and relationships, node on the canvas",
  'expand-p1': 'click "Expand neighbours" → the first page of neighbours is on the canvas',
  'expand-p1-layout': 'same start → canvas layout settled',
  'expand-p2': 'click "Load more neighbours" → the second page is on the canvas',
  'expand-p2-layout': 'same start → canvas layout settled',
};

async function main(): Promise<number> {
  requireChromium();
  const loadBefore = loads();
  const memory = defaultMemory(opts.entities);
  console.log(`Neo4j on ${dataDir} (port ${opts.port}, heap ${memory.heap}, page cache ${memory.pageCache})…`);
  const neo4j = await startBenchNeo4j({ entities: opts.entities, port: opts.port, dataDir, ...memory, log: (line) => console.log(line) });
  neo4jPid = neo4j.startedHere ? neo4j.pid : undefined;
  const target = { uri: neo4j.uri, user: BENCH_USER, password: BENCH_PASSWORD };
  client = benchClient(target.uri);
  const generated = await ensureGraph(client, opts.entities, opts.seed);
  await client.close();
  client = undefined;

  console.log('Building the explorer bundle (Vite)…');
  const viteBuildMs = await buildExplorer();
  [service] = await startServers(target, { only: ['service'], queryTimeoutMs: opts.queryTimeoutMs });
  const origin = service!.origin;
  console.log(`Service ${origin} (pid ${service!.process.pid}, NODE_ENV=production)`);

  const hub = entityAt(0, opts.seed);
  const hubInfo = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'query ($id: ID!) { entity(id: $id) { name degree neighbors(first: 0) { totalCount } } }', variables: { id: hub.id } }),
  }).then(async (res) => (await res.json()) as { data?: { entity: { name: string; degree: number; neighbors: { totalCount: number } } | null } });
  const hubEntity = hubInfo.data?.entity;
  if (!hubEntity) throw new Error(`The hub ${hub.id} is not in the graph: ${JSON.stringify(hubInfo)}`);
  const neighbours = hubEntity.neighbors.totalCount;
  console.log(`Hub ${hub.id} "${hubEntity.name}": ${neighbours} neighbours, degree ${hubEntity.degree}`);

  browserServer = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  browser = await chromium.connect(browserServer.wsEndpoint());
  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  watchGraphql(page);
  await page.goto(`${origin}/explore`);
  await page.waitForSelector('body[data-ready="true"]');

  const rounds = opts.reps + 1;
  const words = searchWords(rounds);
  const page1 = 1 + Math.min(neighbours, NEIGHBOUR_PAGE);
  const page2 = 1 + Math.min(neighbours, 2 * NEIGHBOUR_PAGE);
  const expand = '#entity-panel [data-action="expand"]';
  const status = async () => (await page.locator('#timing').textContent()) ?? '';
  for (let round = 0; round < rounds; round++) {
    await page.click('#graph-clear');
    await page.waitForFunction(() => document.getElementById('graph-counts')?.dataset.nodes === '0');

    const word = words[round % words.length]!;
    await timeStep(page, 'search-word', { kind: 'type', selector: '#search', text: word.word }, { kind: 'list', container: '#search-field' });
    const hits = await page.locator('#search-field .typeahead-item').count();
    record('search-word').detail.push(`"${word.word}" (${word.entity}): ${hits} hits; ${await status()}`);
    await page.evaluate(() => {
      const input = document.getElementById('search') as HTMLInputElement;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });

    await timeStep(page, 'search-hub', { kind: 'type', selector: '#search', text: hubEntity.name }, { kind: 'list', container: '#search-field', id: hub.id });
    record('search-hub').detail.push(await status());
    await timeStep(page, 'open-hub', { kind: 'mousedown', selector: `#search-field .typeahead-item[data-id="${hub.id}"]` }, { kind: 'panel', name: hubEntity.name, nodes: 1 });
    await page.waitForSelector('#cy[data-settled="true"]');

    await timeStep(page, 'expand-p1', { kind: 'click', selector: expand }, { kind: 'nodes', nodes: page1 }, [{ name: 'expand-p1-layout', done: { kind: 'settled' } }]);
    record('expand-p1').detail.push(await status());
    if (neighbours > NEIGHBOUR_PAGE) {
      // The "more" control: the same button, re-enabled once the first page is in.
      await page.waitForSelector(`${expand}:not([disabled])`);
      await timeStep(page, 'expand-p2', { kind: 'click', selector: expand }, { kind: 'nodes', nodes: page2 }, [{ name: 'expand-p2-layout', done: { kind: 'settled' } }]);
      record('expand-p2').detail.push(await status());
    }
    const at = (name: string) => round1(steps.get(name)?.values[round] ?? Number.NaN);
    console.log(
      `round ${round + 1}/${rounds}${round === 0 ? ' (cold)' : ''}: search "${word.word}" ${at('search-word')} ms, search "${hubEntity.name}" ${at('search-hub')} ms, open ${at('open-hub')} ms, expand ${at('expand-p1')} ms (settled ${at('expand-p1-layout')}), more ${at('expand-p2')} ms (settled ${at('expand-p2-layout')})`,
    );
  }
  const chromiumVersion = browser.version();
  const loadAfter = loads();

  // ── Report ──
  const results = Object.fromEntries(
    [...steps].map(([name, entry]) => [
      name,
      {
        description: DESCRIPTIONS[name],
        targetMs: TARGETED.includes(name) ? opts.targetMs : null,
        ...summarise(entry.values),
        graphql: Object.fromEntries(Object.entries(entry.graphql).map(([operation, values]) => [operation, summarise(values)])),
        detail: entry.detail,
      },
    ]),
  );
  const fmt = (n: number | null) => (n === null || !Number.isFinite(n) ? '–' : n.toFixed(0));
  const lines = [
    `| step | cold ms | median ms | max ms | GraphQL in the browser: median ms (cold) |`,
    `| --- | ---: | ---: | ---: | --- |`,
    ...Object.entries(results).map(
      ([name, r]) =>
        `| ${name} | ${fmt(r.coldMs)} | ${fmt(r.medianMs)} | ${fmt(r.maxMs)} | ${Object.entries(r.graphql)
          .map(([operation, g]) => `${operation} ${fmt(g.medianMs)} (${fmt(g.coldMs)})`)
          .join(', ')} |`,
    ),
  ];
  console.log(`\n### Explorer on ${opts.entities.toLocaleString('en')} entities (${opts.reps} warm rounds after 1 cold; load ${loadBefore.join(' ')} → ${loadAfter.join(' ')})\n`);
  console.log(lines.join('\n'));

  const over = Object.entries(results).filter(([, r]) => r.targetMs !== null && !(r.medianMs <= r.targetMs));
  const report = {
    date: new Date().toISOString(),
    entities: opts.entities,
    seed: opts.seed,
    dataDir,
    warmRounds: opts.reps,
    targetMs: opts.targetMs,
    machine: {
      hostname: hostname(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      chromium: chromiumVersion,
      neo4j: neo4j.readyLine,
      neo4jMemory: memory,
    },
    loadBefore,
    loadAfter,
    graph: { generatedSeconds: generated.loadSeconds },
    viteBuildMs,
    hub: { id: hub.id, name: hubEntity.name, degree: hubEntity.degree, neighbours },
    steps: results,
    pageProblems: problems,
    overTarget: over.map(([name, r]) => ({ step: name, medianMs: r.medianMs })),
  };
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${outFile}`);
  if (problems.length) console.log(`Page problems:\n${problems.join('\n')}`);
  if (over.length) {
    console.error(`\nOVER TARGET (${opts.targetMs} ms median): ${over.map(([name, r]) => `${name} ${r.medianMs} ms`).join(', ')}`);
    return 1;
  }
  console.log(`All medians under ${opts.targetMs} ms.`);
  return problems.length ? 1 : 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
} finally {
  await cleanUp();
}
process.exit(exitCode);
