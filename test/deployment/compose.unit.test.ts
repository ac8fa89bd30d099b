/**
 * Keeps the Docker deployment files (docker-compose.yml, Dockerfile, .env.example) in step with
 * the code: the Neo4j version the local launcher runs, the variables src/config.ts reads, and the
 * path of the compiled server. Docker itself is not needed; the files are only parsed.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js';
import { SERVICE_NODE_FLAGS } from '../../src/server/nodeFlags.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(resolve(root, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, unknown> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { type?: string; source?: string; target?: string })[];
}
interface ComposeFile {
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(read('docker-compose.yml')) as ComposeFile;

function service(name: string): ComposeService {
  const found = compose.services?.[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** A service's environment as name → raw value, whether written as a map or as a NAME=value list. */
function environmentOf(name: string): Map<string, string> {
  const environment = service(name).environment ?? {};
  const entries: [string, string][] = Array.isArray(environment)
    ? environment.map((item) => {
        const at = item.indexOf('=');
        return at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
      })
    : Object.entries(environment).map(([key, value]) => [key, value === null || value === undefined ? '' : String(value)]);
  return new Map(entries);
}

function pomNeo4jVersion(): string {
  const match = /<neo4j\.version>\s*([^<\s]+)\s*<\/neo4j\.version>/.exec(read('tools/neo4j/pom.xml'));
  if (!match?.[1]) throw new Error('tools/neo4j/pom.xml has no <neo4j.version> property');
  return match[1];
}

/** `NAME=value` and commented-out `# NAME=value` lines of .env.example, in file order. */
function envExampleEntries() {
  return read('.env.example')
    .split('\n')
    .map((line) => /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[2]!, value: match[3]!, commented: match[1] !== undefined }));
}

describe('docker-compose.yml', () => {
  it('runs the Neo4j Community version the local launcher runs (tools/neo4j/pom.xml)', () => {
    const image = service('neo4j').image ?? '';
    const [repository, tag = ''] = image.split(':');
    expect(repository).toBe('neo4j');
    expect(tag).toMatch(/-community$/);
    expect(tag.replace(/-community$/, '')).toBe(pomNeo4jVersion());
  });

  it('gives the api only variables src/config.ts reads, including the Neo4j connection', () => {
    const environment = environmentOf('api');
    const known = new Set<string>(CONFIG_VARIABLES);
    const unknown = [...environment.keys()].filter((name) => !known.has(name));
    expect(unknown, 'variables config does not read').toEqual([]);
    for (const name of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD']) {
      expect(environment.get(name), `${name} must be set`).toBeTruthy();
    }
    // The api reaches the neo4j service over the compose network, on all interfaces.
    expect(environment.get('NEO4J_URI')).toMatch(/^(bolt|neo4j):\/\/neo4j:7687$/);
    expect(environment.get('HOST')).toBe('0.0.0.0');
  });

  it('gives the api the same credentials the neo4j service is created with', () => {
    const api = environmentOf('api');
    expect(environmentOf('neo4j').get('NEO4J_AUTH')).toBe(`${api.get('NEO4J_USER')}/${api.get('NEO4J_PASSWORD')}`);
  });

  it('starts the api once neo4j is healthy, and keeps Neo4j data in a declared named volume', () => {
    const dependsOn = service('api').depends_on;
    expect(Array.isArray(dependsOn), 'depends_on must be the long form, to carry a condition').toBe(false);
    expect((dependsOn as Record<string, { condition?: string }> | undefined)?.neo4j?.condition).toBe('service_healthy');

    const healthcheck = service('neo4j').healthcheck;
    expect(healthcheck?.test, 'neo4j needs a healthcheck test').toBeTruthy();
    expect(healthcheck?.disable).not.toBe(true);

    const dataVolumes = (service('neo4j').volumes ?? [])
      .map((volume) => {
        if (typeof volume !== 'string') return { source: volume.source ?? '', target: volume.target ?? '' };
        const [source = '', target = ''] = volume.split(':');
        return { source, target };
      })
      .filter((volume) => volume.target === '/data');
    expect(dataVolumes).toHaveLength(1);
    const source = dataVolumes[0]!.source;
    expect(source, '/data must be a named volume, not a host path').toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
    expect(Object.keys(compose.volumes ?? {})).toContain(source);
  });

  it('probes the api readiness endpoint', () => {
    const api = service('api');
    expect(api.build, 'api is built from the Dockerfile').toBeTruthy();
    const test = api.healthcheck?.test;
    expect(Array.isArray(test) ? test.join(' ') : (test ?? '')).toContain(':4000/health/ready');
  });
});

describe('.env.example', () => {
  const entries = envExampleEntries();
  const names = entries.map((entry) => entry.name);

  it('documents every variable config reads, and nothing else, once each', () => {
    const known = new Set<string>(CONFIG_VARIABLES);
    expect(CONFIG_VARIABLES.filter((name) => !names.includes(name)), 'missing from .env.example').toEqual([]);
    expect(names.filter((name) => !known.has(name)), 'not read by src/config.ts').toEqual([]);
    expect(names.filter((name, index) => names.indexOf(name) !== index), 'listed twice').toEqual([]);
  });

  it('shows the real defaults: its active lines configure exactly what an empty environment does', () => {
    const active = Object.fromEntries(entries.filter((entry) => !entry.commented).map((entry) => [entry.name, entry.value]));
    expect(Object.keys(active).length).toBeGreaterThan(0);
    expect(loadConfig(active)).toEqual(loadConfig({}));
  });

  it('gives each variable a one-line comment just above it', () => {
    const lines = read('.env.example').split('\n');
    for (const name of CONFIG_VARIABLES) {
      const at = lines.findIndex((line) => new RegExp(`^(#\\s*)?${name}=`).test(line.trim()));
      let above = at - 1;
      // A commented-out example may sit between the comment and the variable.
      while (above >= 0 && /^#\s*[A-Z][A-Z0-9_]*=/.test(lines[above]!.trim())) above -= 1;
      expect(lines[above]?.trim() ?? '', `comment for ${name}`).toMatch(/^#\s+\S/);
    }
  });
});

describe('Dockerfile', () => {
  const instructions = read('Dockerfile')
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('builds in separate stages', () => {
    expect(instructions.filter((line) => /^FROM\s/i.test(line)).length).toBeGreaterThanOrEqual(2);
  });

  it('runs the compiled server that `npm start` runs, with its Node flags, from the final stage', () => {
    const lastFrom = instructions.findLastIndex((line) => /^FROM\s/i.test(line));
    const lastCmd = instructions.findLastIndex((line) => /^CMD\s/i.test(line));
    expect(lastCmd, 'CMD must be in the final stage').toBeGreaterThan(lastFrom);
    const command = JSON.parse(instructions[lastCmd]!.replace(/^CMD\s+/i, '')) as string[];
    expect(command).toEqual(['node', ...SERVICE_NODE_FLAGS, 'dist/src/server/main.js']);

    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start ?? '';
    expect(start).toContain(command.join(' '));
  });

  it('copies patches/ before every npm ci, so the postinstall patch applies (decision 018)', () => {
    const installs = instructions.flatMap((line, at) => (/^RUN\s+npm ci\b/i.test(line) ? [at] : []));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) {
      const stageStart = instructions.slice(0, install).findLastIndex((line) => /^FROM\s/i.test(line));
      const copied = instructions.slice(stageStart, install).some((line) => /^COPY\s+patches\s/i.test(line));
      expect(copied, `COPY patches before "${instructions[install]}"`).toBe(true);
    }
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.postinstall).toBe('patch-package');
  });

  it('copies the compiled code and the run-time files into the final stage', () => {
    const finalStage = instructions.slice(instructions.findLastIndex((line) => /^FROM\s/i.test(line)));
    // Source arguments of each COPY (not its flags, not its destination), without trailing slashes.
    const sources = finalStage
      .filter((line) => /^COPY\s/i.test(line))
      .flatMap((line) => line.split(/\s+/).slice(1).filter((word) => !word.startsWith('--')).slice(0, -1))
      .map((source) => source.replace(/\/+$/, ''));
    for (const path of ['dist', 'schema', 'seed']) {
      expect(sources.some((source) => source === path || source.endsWith(`/${path}`)), `final stage copies ${path}`).toBe(true);
    }
    expect(finalStage.some((line) => /^USER\s+(?!root\b|0\b)\S+/i.test(line)), 'runs as a non-root user').toBe(true);
  });
});
