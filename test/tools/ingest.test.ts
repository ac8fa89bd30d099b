/**
 * `npm run ingest` as a child process against the run's Neo4j: files are validated before
 * anything is written, each loaded file gets a created/merged summary, and every failure (bad
 * input, a conflict, no database, bad configuration) exits non-zero with one message on stderr
 * and leaves the graph as it was.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { INVALID_CASES, lineCol, SEED_YAML, writeExtractionDir } from '../support/extractionFixtures.js';
import { exportGraph } from '../support/exportGraph.js';
import { freePort } from '../support/freePort.js';
import { resetDatabase, testClient, testNeo4j } from '../support/graph.js';
import { makeTempDir, removeTempDirs } from '../support/tempDirs.js';

const client = testClient();
afterAll(() => client.close());
afterAll(removeTempDirs);

/** Only these variables reach the child: nothing from the developer's environment (a local NEO4J_URI…). */
function neo4jEnv(): Record<string, string> {
  const { uri, user, password, database } = testNeo4j();
  return { NODE_ENV: 'test', NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password, NEO4J_DATABASE: database };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx tools/<tool>.ts …args`; the child is killed if it outlives the timeout or the test. */
async function runTool(tool: 'ingest' | 'seed', args: string[], env: Record<string, string> = neo4jEnv(), timeoutMs = 25_000): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', `tools/${tool}.ts`, ...args], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      new Promise<number | null>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (exitCode) => resolve(exitCode));
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${tool} ${args.join(' ')} did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    return { code, stdout, stderr };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

const ingest = (args: string[], env?: Record<string, string>, timeoutMs?: number) => runTool('ingest', args, env, timeoutMs);

/** The file name as the tool prints it: relative to its working directory. */
const shown = (file: string) => relative(PROJECT_ROOT, file);

// A small synthetic article, as JSON; the YAML case below uses the seed.
const TEXT = 'Admiral Kenji Sato commands the Fourth Flotilla from Sasebo.';
const SYNTHETIC = {
  document: { id: 'doc:synthetic-cli-flotilla', title: 'The Fourth Flotilla', source: 'written for the ingest CLI test', text: TEXT },
  entities: [
    { id: 'actor:kenji-sato', kind: 'Actor', actorType: 'PERSON', name: 'Kenji Sato', rank: 'Admiral', description: 'A synthetic admiral.' },
    { id: 'unit:fourth-flotilla', kind: 'Unit', name: 'Fourth Flotilla', description: 'A synthetic flotilla.' },
    { id: 'location:sasebo', kind: 'Location', name: 'Sasebo', description: 'A port.' },
  ],
  relationships: [
    {
      type: 'LEADS',
      source: 'actor:kenji-sato',
      target: 'unit:fourth-flotilla',
      evidence: [{ quote: 'Kenji Sato commands the Fourth Flotilla', start: 8, end: 47, basis: 'STATED' }],
    },
  ],
};

function writeJson(value: unknown, name = 'synthetic.json'): string {
  const file = join(makeTempDir('newsgraph-ingest-cli-'), name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

describe('npm run ingest', () => {
  const seedFile = writeExtractionDir(SEED_YAML, 'seed-copy.yaml').file;
  const syntheticFile = writeJson(SYNTHETIC);
  const seed = readExtractionFile(seedFile);
  const synthetic = readExtractionFile(syntheticFile);
  const seedEvidence = seed.extraction.relationships.reduce((n, r) => n + r.evidence.length, 0);
  let empty: string;

  beforeAll(async () => {
    await resetDatabase(client);
    empty = await exportGraph(client);
  });

  it('rejects an invalid file with its file:line:col and writes nothing', async () => {
    const invalid = INVALID_CASES.find((c) => c.name === 'dangling relationship source')!;
    const edit = invalid.edit();
    const { file } = writeExtractionDir(edit.yaml, 'dangling.yaml');
    const run = await ingest([file]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${shown(file)}:${lineCol(edit.yaml, edit.at)} relationships[`);
    for (const part of invalid.expected) expect(run.stderr).toContain(part);
    expect(run.stderr).toContain('nothing was written');
    // Validation comes before the database is touched at all.
    expect(run.stdout).not.toContain('Migrations');
    expect(await exportGraph(client)).toBe(empty);
  });

  it('validates every file before writing any: a valid file before an invalid one is not loaded', async () => {
    const edit = INVALID_CASES.find((c) => c.name === 'quote not found verbatim')!.edit();
    const { file } = writeExtractionDir(edit.yaml, 'misquote.yaml');
    const run = await ingest([syntheticFile, file]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${shown(file)}:${lineCol(edit.yaml, edit.at)}`);
    expect(run.stdout).not.toContain(synthetic.extraction.document.id);
    expect(await exportGraph(client)).toBe(empty);
  });

  // The first load into a fresh Neo4j compiles every statement, which takes a while.
  it('loads valid files and prints what it created', { timeout: 150_000 }, async () => {
    const run = await ingest([seedFile, syntheticFile], neo4jEnv(), 140_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Migrations are up to date');
    expect(run.stdout).toContain(
      `${shown(seedFile)} (${seed.extraction.document.id}): document 1 created / 0 merged, ` +
        `entities ${seed.extraction.entities.length} created / 0 merged, ` +
        `relationships ${seed.extraction.relationships.length} created / 0 merged, ` +
        `evidence ${seedEvidence} created / 0 merged, mentions ${seed.mentions.length} created / 0 merged`,
    );
    expect(run.stdout).toContain(
      `${shown(syntheticFile)} (${synthetic.extraction.document.id}): document 1 created / 0 merged, entities 3 created / 0 merged, ` +
        `relationships 1 created / 0 merged, evidence 1 created / 0 merged, mentions ${synthetic.mentions.length} created / 0 merged`,
    );
    const [row] = await client.read<{ n: number }>({ name: 'test.documents', cypher: 'MATCH (d:Document) RETURN count(d) AS n' });
    expect(row?.n).toBe(2);
  });

  it('reports everything as merged the second time, and changes nothing', async () => {
    const before = await exportGraph(client);
    const run = await ingest([syntheticFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `${shown(syntheticFile)} (${synthetic.extraction.document.id}): document 0 created / 1 merged, entities 0 created / 3 merged, ` +
        `relationships 0 created / 1 merged, evidence 0 created / 1 merged, mentions 0 created / ${synthetic.mentions.length} merged`,
    );
    expect(await exportGraph(client)).toBe(before);
  });

  it('stops at a file that contradicts the graph, and writes nothing of it', async () => {
    const before = await exportGraph(client);
    const changed = writeJson({ ...SYNTHETIC, document: { ...SYNTHETIC.document, text: `${TEXT} A sentence added later.` } }, 'changed.json');
    const run = await ingest([changed]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${shown(changed)}: document "${SYNTHETIC.document.id}" already exists with a different text`);
    expect(await exportGraph(client)).toBe(before);
  });

  it('fails with the connection error when Neo4j cannot be reached', async () => {
    const before = await exportGraph(client);
    const uri = `bolt://127.0.0.1:${await freePort()}`;
    const run = await ingest([syntheticFile], { ...neo4jEnv(), NEO4J_URI: uri });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^Ingest failed \\(Neo4j at ${uri.replace(/[.]/g, '\\.')}\\): .+`));
    expect(await exportGraph(client)).toBe(before);
  });

  it('fails with the wrong password named by Neo4j', async () => {
    const run = await ingest([syntheticFile], { ...neo4jEnv(), NEO4J_PASSWORD: 'not-the-password' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^Ingest failed \(Neo4j at bolt:\/\/.+\): .*(auth|credentials)/i);
  });

  it('fails with one line for a bad configuration', async () => {
    const run = await ingest([syntheticFile], { ...neo4jEnv(), NEO4J_URI: 'http://localhost:7474' });
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration — NEO4J_URI: must be a bolt:\/\/ or neo4j:\/\/ URI/)]);
  });

  it('needs at least one file', async () => {
    const run = await ingest([]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("missing required argument 'paths'");
  });
});

// tools/seed.ts shares tools/cli.ts (configuration, connection, validation first, summaries).
describe('npm run seed, on the same shared CLI code', () => {
  it('loads a folder and prints one summary per file', async () => {
    const dir = dirname(writeJson(SYNTHETIC));
    const run = await runTool('seed', [dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The previous describe block left this document in the graph.
    expect(run.stdout).toMatch(/synthetic\.json \(doc:synthetic-cli-flotilla\): document 0 created \/ 1 merged, entities 0 created \/ 3 merged/);
  });

  it('rejects an invalid folder before touching the database', async () => {
    const before = await exportGraph(client);
    const edit = INVALID_CASES.find((c) => c.name === 'unknown field on an entity')!.edit();
    const { dir, file } = writeExtractionDir(edit.yaml, 'unknown-field.yaml');
    const run = await runTool('seed', [dir]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${shown(file)}:${lineCol(edit.yaml, edit.at)}`);
    expect(run.stdout).not.toContain('Migrations');
    expect(await exportGraph(client)).toBe(before);
  });
});
