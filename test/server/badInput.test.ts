/**
 * Hostile and broken requests over HTTP, against createApp and the run's seeded Neo4j: malformed
 * bodies, wrong media types, oversized and over-complex documents, out-of-range page sizes, unknown
 * ids, and Cypher/Lucene injection strings in every string-like argument of the schema (found by
 * walking the introspected schema, so a new argument is covered without editing this file).
 *
 * Every answer must be a 4xx or a GraphQL answer whose errors carry an `extensions.code` (never
 * INTERNAL_SERVER_ERROR, never a 5xx), must not show a stack trace, driver text or Cypher, and the
 * app must log no error. The graph must be exactly as it was afterwards (exportGraph).
 *
 * The app runs in production mode with introspection switched on: that is the deployed posture
 * (no stack traces, no field suggestions), and introspection is how this test finds the arguments.
 */
import { randomBytes } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { GraphClient } from '../../src/graph/client.js';
import { seedGraph } from '../../src/graph/seed.js';
import { createApp, type App } from '../../src/server/app.js';
import { hashApiKey } from '../../src/server/auth.js';
import type { ArticleExtractor } from '../../src/domain/machineExtraction.js';
import { contentHash } from '../../src/domain/article.js';
import { createLogger } from '../../src/server/logger.js';
import { exportGraph } from '../support/exportGraph.js';
import { resetDatabase, testClient } from '../support/graph.js';
import type { GraphQLResponseJson } from '../support/graphqlResponse.js';

const EDITOR_KEY = `ng_${randomBytes(24).toString('base64url')}`;
const AS_EDITOR = { Authorization: `Bearer ${EDITOR_KEY}` };

/** Strings that would change a statement if anything spliced them into Cypher or a Lucene query. */
const INJECTIONS = [
  "') RETURN 1 //",
  "' OR '1'='1",
  '" OR 1=1',
  '"}) MATCH (n) DETACH DELETE n //',
  'MATCH (n) DETACH DELETE n',
  "x'}) WITH 1 AS x CALL db.labels() YIELD label RETURN label //",
  '$id',
  '`id`',
  '\u0000',
  'a\u0000b',
  '*:*',
  'name:*',
  '*',
  '?',
  'AND OR NOT',
  '(+) -x ~2 ^3 [a TO z] {a TO z} /re.ge?x/ &&||!',
  '\\',
  '\\\\"',
  '}]})',
  '😀🚀 regiment 👩‍👩‍👧',
  'الفوج السابع שלום',
  '\u202Eevil\u202C',
  '\uD800 lone surrogate',
  '',
  ' ',
  '\n\t\r',
  'x'.repeat(10_000),
];

/**
 * Writes are slow, and a valid one is undone by a delete: the mutation sites get the core of the
 * list (the strings named in the brief, NUL, a lone surrogate and a very long value).
 */
const WRITE_INJECTIONS = [
  "') RETURN 1 //",
  '" OR 1=1',
  '"}) MATCH (n) DETACH DELETE n //',
  'MATCH (n) DETACH DELETE n',
  '\u0000',
  '*:*',
  'name:*',
  '\\',
  '}]})',
  '😀🚀 regiment 👩‍👩‍👧',
  'الفوج السابع שלום',
  '\uD800 lone surrogate',
  'x'.repeat(10_000),
];

/** Ids that name nothing (but look like ids of each sort). */
const UNKNOWN_IDS = [
  'actor:does-not-exist',
  'doc:does-not-exist',
  'actor:nobody|LEADS|unit:nowhere',
  'nope',
  '',
  ' ',
  '0',
  '-1',
  'x'.repeat(5_000),
  // Well-formed but longer than an index key may be.
  `actor:${'a'.repeat(9_000)}`,
  `doc:${'a'.repeat(9_000)}`,
];

// ---------------------------------------------------------------------------------------------------
// HTTP and the checks every answer must pass

interface Answer {
  status: number;
  text: string;
  json: (GraphQLResponseJson & { error?: { code?: string } }) | undefined;
}

let base = '';

async function send(init: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> }): Promise<Answer> {
  const res = await fetch(`${base}${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
  });
  const text = await res.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send({ headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

const LEAKS: [string, RegExp][] = [
  ['a stack trace', /"stacktrace"|\n\s+at |\bat [\w.<>$]+ \(|\.(?:ts|js|mjs|cjs):\d+|node_modules/],
  ['driver text', /Neo\.(?:ClientError|TransientError|DatabaseError)|Neo4jError|neo4j|bolt:\/\//i],
  ['Cypher', /\b(?:MATCH|MERGE|UNWIND|RETURN|DETACH DELETE|CREATE|OPTIONAL|YIELD|WHERE|SKIP|LIMIT)\b|db\.index|fulltext/],
];

/** The body without the strings the request itself sent (messages may quote them back). */
function withoutEchoes(text: string, sent: readonly string[]): string {
  let rest = text;
  for (const value of sent) {
    if (!value.trim()) continue;
    const once = JSON.stringify(value).slice(1, -1);
    const twice = JSON.stringify(once).slice(1, -1);
    for (const form of [twice, once, value]) rest = rest.split(form).join('«sent»');
    // Messages may quote a long value cut short: `"x'}) WITH 1 AS x CALL db.labels() YIELD…"`.
    if (once.length <= 200) {
      for (let length = once.length - 1; length >= 12; length--) rest = rest.split(`${once.slice(0, length)}…`).join('«sent»…');
    }
  }
  return rest;
}

function expectNoLeak(answer: Answer, label: string, sent: readonly string[] = []): void {
  const body = withoutEchoes(answer.text, sent);
  for (const [what, pattern] of LEAKS) {
    const match = pattern.exec(body);
    expect(match, `${label}: the answer shows ${what} (${match?.[0]}): ${body.slice(0, 400)}`).toBeNull();
  }
}

/** A 4xx, or a GraphQL answer whose errors all carry a code other than INTERNAL_SERVER_ERROR; no leaks. */
function expectHandled(answer: Answer, label: string, sent: readonly string[] = []): void {
  expect(answer.status, `${label}: status ${answer.status}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  expect(answer.json, `${label}: the answer is not JSON: ${answer.text.slice(0, 200)}`).toBeDefined();
  if (answer.status === 200) {
    expect(answer.json && 'data' in answer.json, `${label}: a 200 without data: ${answer.text.slice(0, 300)}`).toBe(true);
  }
  for (const error of answer.json?.errors ?? []) {
    const code = error.extensions?.code;
    expect(typeof code, `${label}: an error without extensions.code: ${JSON.stringify(error).slice(0, 300)}`).toBe('string');
    expect(code, `${label}: ${error.message}`).not.toBe('INTERNAL_SERVER_ERROR');
  }
  expectNoLeak(answer, label, sent);
}

/** Refused: a 4xx, or a GraphQL error with a code (handled as above). */
function expectRejected(answer: Answer, label: string, sent: readonly string[] = []): void {
  expectHandled(answer, label, sent);
  const refused = answer.status >= 400 || (answer.json?.errors?.length ?? 0) > 0;
  expect(refused, `${label}: accepted (${answer.status}): ${answer.text.slice(0, 300)}`).toBe(true);
}

function expectCode(answer: Answer, label: string, codes: readonly string[]): void {
  const found = answer.json?.errors?.map((error) => error.extensions?.code) ?? [answer.json?.error?.code];
  expect(found.some((code) => codes.includes(String(code))), `${label}: expected ${codes.join(' or ')}, got ${answer.status} ${answer.text.slice(0, 300)}`).toBe(true);
}

/** Runs `work` over `items` with at most `limit` in flight (the corpus has a few thousand requests). */
async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Walking the schema: where an argument value can go, and how to build a request around it

/** A fresh, valid extraction touching no seed entity: every kind, every kind-specific field. */
const PROBE_TEXT =
  'Probe Alpha of the Probe Brigade met envoys from Probe Nation in Probe Land at the Probe Summit, ' +
  'signed the Probe Accord and inspected the Probe Launcher.';
const quoteOf = (words: string) => {
  const start = PROBE_TEXT.indexOf(words);
  if (start === -1) throw new Error(`fixture: "${words}" is not in the probe text`);
  return { quote: words, start, end: start + words.length, basis: 'STATED' };
};
const PROBE_INGEST = {
  document: { id: 'doc:bad-input-probe', title: 'Bad input probe', source: 'test/server/badInput.test.ts', publishedAt: '2025-01-02', text: PROBE_TEXT },
  entities: [
    { id: 'actor:probe-alpha', kind: 'Actor', name: 'Probe Alpha', aliases: ['Alpha'], description: 'A probe person.', actorType: 'PERSON', rank: 'Major', role: 'envoy' },
    { id: 'country:probe-nation', kind: 'Country', name: 'Probe Nation', aliases: [], description: 'A probe country.' },
    { id: 'unit:probe-brigade', kind: 'Unit', name: 'Probe Brigade', aliases: [], description: 'A probe unit.', echelon: 'brigade', branch: 'ground' },
    { id: 'policy:probe-accord', kind: 'Policy', name: 'Probe Accord', aliases: [], description: 'A probe policy.', policyType: 'agreement', status: 'signed' },
    { id: 'location:probe-land', kind: 'Location', name: 'Probe Land', aliases: [], description: 'A probe place.', locationType: 'region' },
    {
      id: 'event:probe-summit',
      kind: 'Event',
      name: 'Probe Summit',
      aliases: [],
      description: 'A probe event.',
      eventType: 'meeting',
      startDate: '2025-01-02',
      endDate: '2025-01-03',
      period: 'early January',
    },
    { id: 'equipment:probe-launcher', kind: 'Equipment', name: 'Probe Launcher', aliases: [], description: 'A probe weapon.', equipmentType: 'launcher' },
  ],
  relationships: [{ type: 'MEMBER_OF', source: 'actor:probe-alpha', target: 'unit:probe-brigade', evidence: [quoteOf('Probe Alpha of the Probe Brigade')] }],
};

/**
 * Valid values for input types with required fields. An input type with required fields that is
 * missing here fails the walk with a message, so a new one cannot be silently skipped.
 */
/**
 * ingestArticle's extractor here: every text becomes a document with nothing extracted (the write
 * path's own checks are what is probed; the NLP engine has tests of its own).
 */
const documentOnly: ArticleExtractor = {
  async extract(article) {
    const hash = contentHash(article.text);
    return {
      document: { id: `doc:probe-${hash.slice(0, 16)}`, title: article.title, source: article.source, url: article.url ?? null, publishedAt: article.publishedAt ?? null, text: article.text, contentHash: hash },
      extractor: { name: 'probe', version: '0' },
      entities: [],
      relationships: [],
    };
  },
};

const INPUT_BASES: Record<string, unknown> = {
  IngestDocumentInput: PROBE_INGEST,
  IngestArticleInput: { text: 'Probe Alpha of the Probe Brigade.', title: 'Probe', source: 'probe', url: 'https://example.test/probe', publishedAt: '2025-01-01' },
};

interface Samples {
  entityId: string;
  /** Its name, to undo a rename. */
  entityName: string;
  otherEntityId: string;
  relationshipId: string;
  documentId: string;
  /** An id per concrete Node type, to reach that type's fields through `node(id:)`. */
  byType: Record<string, string>;
}

const STRING_LIKE = (scalar: GraphQLScalarType) => !['Int', 'Float', 'Boolean'].includes(scalar.name);

interface Leaf {
  /** Where in the argument's value: [] for the argument itself, else keys and list indexes. */
  path: (string | number)[];
  scalar: GraphQLScalarType;
  /** `Type.field` of the input field holding it, or `Parent.field(arg:)`. */
  coordinate: string;
}

/** Every scalar position inside an input type, following the base value through lists of objects. */
function leavesOf(type: GraphQLInputType, baseValue: unknown, path: Leaf['path'], coordinate: string): Leaf[] {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const item = inner.ofType as GraphQLInputType;
    if (Array.isArray(baseValue) && baseValue.length > 0 && isInputObjectType(getNamedType(item))) {
      return baseValue.flatMap((element, index) => leavesOf(item, element, [...path, index], coordinate));
    }
    return leavesOf(item, Array.isArray(baseValue) ? baseValue[0] : undefined, [...path, 0], coordinate);
  }
  if (isScalarType(inner)) return [{ path, scalar: inner, coordinate }];
  if (isEnumType(inner)) return [];
  if (isInputObjectType(inner)) {
    const object = baseValue && typeof baseValue === 'object' ? (baseValue as Record<string, unknown>) : undefined;
    // With a base value, only the fields it sets are meaningful there (kind-specific fields of an entity).
    return Object.values(inner.getFields())
      .filter((field) => !object || field.name in object)
      .flatMap((field) => leavesOf(field.type, object?.[field.name], [...path, field.name], `${inner.name}.${field.name}`));
  }
  return [];
}

function setAt(value: unknown, path: Leaf['path'], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [key, ...rest] = path;
  const container: Record<string | number, unknown> | unknown[] =
    typeof key === 'number' ? (Array.isArray(value) ? [...(value as unknown[])] : []) : { ...((value as Record<string, unknown>) ?? {}) };
  (container as Record<string | number, unknown>)[key!] = setAt((container as Record<string | number, unknown>)[key!], rest, leaf);
  return container;
}

interface Site {
  label: string;
  operation: 'query' | 'mutation';
  leaf: Leaf;
  /** Not the root type: the request must first reach the parent object. */
  nested: boolean;
  /** The request with `value` at the site (undefined: the argument at its base value). */
  request(value?: unknown): { query: string; variables: Record<string, unknown> };
}

/** How to reach each object type's fields: a wrapper putting a selection inside that object. */
function reachableParents(schema: GraphQLSchema, samples: Samples): Map<string, (inner: string) => string> {
  const reach = new Map<string, (inner: string) => string>();
  const queue: GraphQLObjectType[] = [];
  const add = (type: GraphQLObjectType, wrap: (inner: string) => string) => {
    if (reach.has(type.name)) return;
    reach.set(type.name, wrap);
    queue.push(type);
  };
  const root = (inner: string) => inner;
  for (const type of [schema.getQueryType(), schema.getMutationType()]) if (type) add(type, root);
  // Every Node by id first: the shortest way to a concrete entity, relationship or document.
  const node = schema.getType('Node');
  if (node && isAbstractType(node)) {
    for (const type of schema.getPossibleTypes(node)) {
      const id = samples.byType[type.name];
      if (!id) throw new Error(`no sample id for Node type ${type.name}: add one to the samples in beforeAll`);
      add(type, (inner) => `node(id: ${JSON.stringify(id)}) { ... on ${type.name} { ${inner} } }`);
    }
  }
  // Then anything reachable from those through fields without required arguments.
  while (queue.length) {
    const parent = queue.shift()!;
    if (parent === schema.getMutationType()) continue;
    const wrapParent = reach.get(parent.name)!;
    for (const field of Object.values(parent.getFields())) {
      if (field.name.startsWith('__') || field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
      const target = getNamedType(field.type);
      if (!isCompositeType(target)) continue;
      const targets = isAbstractType(target) ? schema.getPossibleTypes(target) : [target as GraphQLObjectType];
      for (const type of targets) {
        const fragment = isAbstractType(target) ? (inner: string) => `... on ${type.name} { ${inner} }` : (inner: string) => inner;
        add(type, (inner) => wrapParent(`${field.name} { ${fragment(inner)} }`));
      }
    }
  }
  return reach;
}

/**
 * Arguments a field needs in practice although the schema makes them optional (subgraph wants a
 * start), given unless the argument under test is one of them.
 */
const CONTEXT_ARGUMENTS: Record<string, (samples: Samples) => Record<string, unknown>> = {
  'Query.subgraph': (samples) => ({ centerId: samples.entityId }),
};
const ONE_OF: Record<string, string[]> = { 'Query.subgraph': ['centerId', 'ids'] };

/** A valid value for an argument that is not under test. */
function sampleArgument(field: GraphQLField<unknown, unknown>, argName: string, type: GraphQLInputType, samples: Samples): unknown {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    if (named.name in INPUT_BASES) return INPUT_BASES[named.name];
    if (Object.values(named.getFields()).some((f) => isNonNullType(f.type) && f.defaultValue === undefined)) {
      throw new Error(`no base value for input type ${named.name}: add one to INPUT_BASES`);
    }
    return {};
  }
  const single = (() => {
    if (named.name === 'ID') {
      if (field.name === 'relationship') return samples.relationshipId;
      if (field.name === 'document' || field.name === 'deleteDocument') return samples.documentId;
      return argName === 'toId' ? samples.otherEntityId : samples.entityId;
    }
    if (named.name === 'String') return 'japan';
    if (named.name === 'Int') return 1;
    if (named.name === 'Boolean') return true;
    if (isEnumType(named)) return named.getValues()[0]!.value;
    throw new Error(`no sample for argument ${field.name}(${argName}: ${String(type)})`);
  })();
  return isListType(getNullableType(type)) ? [single] : single;
}

/** The selection for a field's result: `__typename`, plus the id of a written document (for clean-up). */
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isCompositeType(type)) return '';
  const document = isObjectType(type) ? type.getFields().document : undefined;
  return document && isObjectType(getNamedType(document.type)) ? '{ __typename document { id } }' : '{ __typename }';
}

function argumentSites(schema: GraphQLSchema, samples: Samples): Site[] {
  const reach = reachableParents(schema, samples);
  const sites: Site[] = [];
  const seen = new Set<string>();
  for (const [typeName, wrap] of reach) {
    const parent = schema.getType(typeName) as GraphQLObjectType;
    const operation = parent === schema.getMutationType() ? 'mutation' : 'query';
    const nested = parent !== schema.getQueryType() && parent !== schema.getMutationType();
    for (const field of Object.values(parent.getFields())) {
      if (field.name.startsWith('__')) continue;
      for (const arg of field.args) {
        const baseValue = isInputObjectType(getNamedType(arg.type)) ? INPUT_BASES[getNamedType(arg.type).name] : undefined;
        const coordinate = `${typeName}.${field.name}`;
        for (const leaf of leavesOf(arg.type, baseValue, [], `${coordinate}(${arg.name}:)`)) {
          const request = (value?: unknown) => {
            const variables: Record<string, unknown> = {};
            const definitions: string[] = [];
            const uses: string[] = [];
            for (const other of field.args) {
              const required = isNonNullType(other.type) && other.defaultValue === undefined;
              let argValue: unknown;
              if (other === arg) {
                const start = required || baseValue !== undefined ? sampleArgument(field, other.name, other.type, samples) : undefined;
                argValue = value === undefined ? start : setAt(start, leaf.path, value);
              } else if (required) {
                argValue = sampleArgument(field, other.name, other.type, samples);
              } else if (!ONE_OF[coordinate]?.includes(arg.name)) {
                argValue = CONTEXT_ARGUMENTS[coordinate]?.(samples)[other.name];
              }
              if (argValue === undefined) continue;
              definitions.push(`$${other.name}: ${String(other.type)}`);
              uses.push(`${other.name}: $${other.name}`);
              variables[other.name] = argValue;
            }
            const args = uses.length ? `(${uses.join(', ')})` : '';
            const vars = definitions.length ? `(${definitions.join(', ')})` : '';
            return { query: `${operation} Probe${vars} { ${wrap(`probe: ${field.name}${args} ${selectionFor(field)}`)} }`, variables };
          };
          // One site per input field: `description` of the first entity stands for all seven.
          const key = `${coordinate}:${leaf.coordinate}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const where = leaf.path.length ? `.${leaf.path.join('.')}` : '';
          sites.push({ label: `${typeName}.${field.name}(${arg.name}${where})`, operation, leaf, nested, request });
        }
      }
    }
  }
  return sites;
}

/** Every `Type.field` (output arguments and input fields) whose type is string-like, for the coverage check. */
function stringLikeCoordinates(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        if (isScalarType(named) && STRING_LIKE(named)) found.push(`${type.name}.${field.name}`);
      }
    }
  }
  return found;
}

function findProbe(data: unknown): unknown {
  if (!data || typeof data !== 'object') return undefined;
  if ('probe' in data) return (data as { probe: unknown }).probe;
  for (const value of Object.values(data)) {
    const found = findProbe(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------

describe('bad input over HTTP', () => {
  const errorLogs: string[] = [];
  let client: GraphClient;
  let app: App;
  let schema: GraphQLSchema;
  let samples: Samples;
  let before: string;

  beforeAll(async () => {
    client = testClient();
    await resetDatabase(client);
    await seedGraph(client);
    const config = loadConfig({
      NODE_ENV: 'production',
      NEO4J_PASSWORD: 'not-the-dev-password',
      INTROSPECTION_ENABLED: 'true',
      // The corpus is thousands of requests from one client; the per-client limits have their own test.
      RATE_LIMIT_ENABLED: 'false',
      ALLOW_UNSAFE_PRODUCTION: 'introspection',
      LOG_LEVEL: 'info',
      // The sample lookups below run on a cold database; on a loaded machine they need more than the default 5 s.
      NEO4J_QUERY_TIMEOUT_MS: '30000',
      API_KEYS: `probe:editor:${hashApiKey(EDITOR_KEY).toString('hex')}`,
    });
    const logger = createLogger(
      { logLevel: 'info' },
      {
        write(line: string) {
          if ((JSON.parse(line) as { level: number }).level >= 50) errorLogs.push(line);
        },
      },
    );
    app = createApp({ config: { ...config, http: { ...config.http, host: '127.0.0.1', port: 0 } }, graph: client, logger, articles: { extractor: documentOnly, maxTextChars: 10_000 } });
    base = (await app.start()).url.replace(/\/graphql$/, '');

    const introspection = await post({ query: getIntrospectionQuery() });
    expect(introspection.status).toBe(200);
    schema = buildClientSchema(introspection.json!.data as unknown as IntrospectionQuery);

    const found = await post({
      query: `{
        entities(first: 2, orderBy: DEGREE_DESC) { edges { node { id name } } }
        documents(first: 1) { edges { node { id } } }
        ${['Actor', 'Country', 'Unit', 'Policy', 'Location', 'Event', 'Equipment'].map((kind) => `${kind}: entities(first: 1, filter: { kinds: [${kind}] }) { edges { node { id } } }`).join('\n')}
      }`,
    });
    expect(found.json!.errors, JSON.stringify(found.json!.errors)).toBeUndefined();
    type Ids = { edges: { node: { id: string } }[] };
    const data = found.json!.data as Record<string, Ids>;
    const firstId = (key: string) => data[key]!.edges[0]!.node.id;
    const entityId = firstId('entities');
    const rel = await post({ query: `{ entity(id: "${entityId}") { relationships(first: 1) { edges { node { id } } } } }` });
    const relationshipId = (rel.json!.data as { entity: { relationships: Ids } }).entity.relationships.edges[0]!.node.id;
    const byType: Record<string, string> = { Relationship: relationshipId, Document: firstId('documents') };
    for (const kind of ['Actor', 'Country', 'Unit', 'Policy', 'Location', 'Event', 'Equipment']) byType[kind] = firstId(kind);
    const entityName = (data.entities!.edges[0]!.node as { name?: string }).name!;
    samples = { entityId, entityName, otherEntityId: data.entities!.edges[1]!.node.id, relationshipId, documentId: firstId('documents'), byType };

    before = await exportGraph(client);
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
    await client?.close();
  });

  describe('malformed requests', () => {
    it('refuses malformed JSON bodies with a 400', async () => {
      for (const body of ['{"query": ', '{query: "{ __typename }"}', '{"query": "{ __typename }"', "{'query': '{ __typename }'}", '{"query": "{ __typename }"}}', 'nul', '\u0000', '{"query": "\\x41"}']) {
        const answer = await post(body);
        expect(answer.status, body).toBe(400);
        expectRejected(answer, `malformed JSON ${JSON.stringify(body)}`);
      }
    });

    it('refuses JSON that is not a GraphQL request', async () => {
      for (const body of ['', 'null', '[]', '"{ __typename }"', '42', 'true', '{}', '{"query": null}', '{"query": 42}', '{"query": {"kind": "Document"}}', '{"query": ["{ __typename }"]}']) {
        const answer = await post(body);
        expect(answer.status, body).toBeGreaterThanOrEqual(400);
        expectRejected(answer, `JSON body ${body}`);
      }
    });

    it('refuses the wrong content types', async () => {
      const body = JSON.stringify({ query: '{ __typename }' });
      for (const contentType of ['text/plain', 'text/plain; charset=utf-8', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'application/json; charset=latin1', 'application/json; charset=utf-7']) {
        const answer = await send({ headers: { 'Content-Type': contentType }, body });
        expect(answer.status, contentType).toBeGreaterThanOrEqual(400);
        expectRejected(answer, `Content-Type ${contentType}`);
      }
      const none = await send({ body: new TextEncoder().encode(body) });
      expect(none.status).toBeGreaterThanOrEqual(400);
      expectRejected(none, 'no Content-Type');
    });

    it('refuses bodies whose encoding is not what the headers say', async () => {
      const body = JSON.stringify({ query: '{ __typename }' });
      for (const encoding of ['gzip', 'deflate', 'br', 'compress', 'x-unknown']) {
        const answer = await send({ headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding }, body });
        expect(answer.status, encoding).toBeGreaterThanOrEqual(400);
        expectRejected(answer, `Content-Encoding ${encoding}`);
      }
    });

    it('refuses a body with invalid UTF-8 bytes with a 400', async () => {
      const encoder = new TextEncoder();
      const cases: [string, Uint8Array<ArrayBuffer>][] = [
        ['a stray continuation byte in a string', Uint8Array.from([...encoder.encode('{"query": "{ search(query: \\"'), 0x80, ...encoder.encode('\\") { score } }"}')])],
        ['0xFF 0xFE in a string', Uint8Array.from([...encoder.encode('{"query": "{ entity(id: \\"actor:'), 0xff, 0xfe, ...encoder.encode('\\") { id } }"}')])],
        ['a truncated sequence in a variable', Uint8Array.from([...encoder.encode('{"query": "query($q: String!) { search(query: $q) { score } }", "variables": {"q": "'), 0xe2, 0x82, ...encoder.encode('"}}')])],
        ['an overlong encoding', Uint8Array.from([...encoder.encode('{"query": "{ __typename }", "operationName": "'), 0xc0, 0xaf, ...encoder.encode('"}')])],
        ['an encoded surrogate', Uint8Array.from([...encoder.encode('{"query": "{ __typename }", "variables": {"x": "'), 0xed, 0xa0, 0x80, ...encoder.encode('"}}')])],
        ['invalid bytes outside any string', Uint8Array.from([...encoder.encode('{"query": "{ __typename }"}'), 0xff])],
      ];
      for (const [label, body] of cases) {
        const answer = await send({ headers: { 'Content-Type': 'application/json' }, body });
        expect(answer.status, label).toBe(400);
        expectRejected(answer, `invalid UTF-8: ${label}`);
      }
      // The same requests in valid UTF-8 are fine.
      const fine = await post({ query: '{ search(query: "régiment 😀") { score } }' });
      expect(fine.status).toBe(200);
      expectHandled(fine, 'valid UTF-8');
    });

    it('refuses a batched (array) body', async () => {
      const answer = await post([{ query: '{ __typename }' }, { query: '{ stats { entityCount } }' }]);
      expect(answer.status).toBe(400);
      expectRejected(answer, 'batched body');
    });

    it('refuses a mutation over GET, with or without the CSRF preflight header', async () => {
      const query = encodeURIComponent('mutation { deleteDocument(id: "doc:japan-missile-regiments") { documentId } }');
      const blocked = await send({ method: 'GET', path: `/graphql?query=${query}`, headers: { Accept: 'application/json' } });
      expect(blocked.status).toBe(400);
      expectRejected(blocked, 'GET mutation without preflight header');
      for (const headers of [{ 'apollo-require-preflight': 'true' }, { 'apollo-require-preflight': 'true', ...AS_EDITOR }]) {
        const answer = await send({ method: 'GET', path: `/graphql?query=${query}`, headers: { Accept: 'application/json', ...headers } });
        expect(answer.status).toBe(405);
        expectRejected(answer, 'GET mutation');
      }
    });

    it('refuses an unknown operationName', async () => {
      for (const operationName of ['Nope', '', 'query', "') RETURN 1 //"]) {
        const answer = await post({ query: 'query One { __typename } query Two { __typename }', operationName });
        expect(answer.status, operationName).toBe(400);
        expectRejected(answer, `operationName ${JSON.stringify(operationName)}`, [operationName]);
      }
    });

    it('refuses variables of the wrong type', async () => {
      const cases: [string, Record<string, unknown>][] = [
        ['query($id: ID!) { entity(id: $id) { id } }', { id: { $ne: null } }],
        ['query($id: ID!) { entity(id: $id) { id } }', { id: ['actor:yohei-ito'] }],
        ['query($id: ID!) { entity(id: $id) { id } }', { id: null }],
        ['query($id: ID!) { entity(id: $id) { id } }', {}],
        ['query($id: ID!) { entity(id: $id) { id } }', { id: true }],
        ['query($n: Int) { documents(first: $n) { totalCount } }', { n: '10' }],
        ['query($n: Int) { documents(first: $n) { totalCount } }', { n: 1.5 }],
        ['query($n: Int) { documents(first: $n) { totalCount } }', { n: 10_000_000_000 }],
        ['query($n: Int) { documents(first: $n) { totalCount } }', { n: 'NaN' }],
        ['query($d: LocalDate) { timeline(from: $d) { id } }', { d: '2025-02-30' }],
        ['query($d: LocalDate) { timeline(from: $d) { id } }', { d: 20250101 }],
        ['query($k: [EntityKind!]) { search(query: "japan", kinds: $k) { score } }', { k: ['Spaceship'] }],
        ['query($k: [EntityKind!]) { search(query: "japan", kinds: $k) { score } }', { k: [null] }],
        ['query($f: EntityFilter) { entities(filter: $f) { totalCount } }', { f: { nameContains: 'x', extra: 1 } }],
        ['query($f: EntityFilter) { entities(filter: $f) { totalCount } }', { f: 'nameContains' }],
        ['query($ids: [ID!]) { subgraph(ids: $ids) { truncated } }', { ids: [[[[['deep']]]]] }],
      ];
      for (const [query, variables] of cases) {
        const answer = await post({ query, variables });
        expect(answer.status, `${query} ${JSON.stringify(variables)}`).toBe(400);
        expectRejected(answer, `variables ${JSON.stringify(variables)}`);
      }
      const string = await post({ query: '{ __typename }', variables: '{"a": 1}' });
      expect(string.status).toBe(400);
      expectRejected(string, 'variables as a string');
    });
  });

  describe('oversized and over-complex documents', () => {
    it('refuses a body over 1 MB with a 413', async () => {
      const answer = await post({ query: `{ ${'__typename '.repeat(100_000)}}` });
      expect(answer.status).toBe(413);
      expectRejected(answer, '1 MB+ query');
      expect(answer.json?.error?.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses a ~900 kB query under the body limit by its token count, with a 400', async () => {
      const query = `{ ${'__typename '.repeat(82_000)}}`;
      expect(query.length).toBeGreaterThan(880_000);
      expect(query.length).toBeLessThan(1_000_000);
      const answer = await post({ query });
      expect(answer.status).toBe(400);
      expectRejected(answer, '900 kB query');
      expectCode(answer, '900 kB query', ['QUERY_TOO_COMPLEX']);
      expect(answer.json?.errors?.[0]?.extensions?.limit).toBe('tokens');
      expect(answer.json?.errors?.[0]?.message).toMatch(/tokens/);
    });

    it('refuses a ~900 kB string argument with a GraphQL error', async () => {
      const answer = await post({ query: 'query($q: String!) { search(query: $q) { score } }', variables: { q: 'regiment '.repeat(100_000) } });
      expectRejected(answer, '900 kB search string');
      expectCode(answer, '900 kB search string', ['BAD_USER_INPUT']);
    });

    it('refuses a query nested 50 levels deep', async () => {
      let selection = 'id';
      for (let level = 0; level < 50; level++) {
        selection = level % 2 === 0 ? `relationships(first: 1) { edges { node { source { ${selection} } } } }` : `neighbors(first: 1) { edges { node { ${selection} } } }`;
      }
      const query = `{ entity(id: "${samples.entityId}") { ${selection} } }`;
      expect((query.match(/\{/g) ?? []).length).toBeGreaterThan(50);
      const answer = await post({ query });
      expect(answer.status).toBe(400);
      expectRejected(answer, '50-level nesting');
      expectCode(answer, '50-level nesting', ['QUERY_TOO_COMPLEX']);
    });

    it('refuses 2,000 aliases (and 31, just over the alias limit)', async () => {
      for (const count of [2_000, 31]) {
        const query = `{ ${Array.from({ length: count }, (_, i) => `a${i}: stats { entityCount }`).join(' ')} }`;
        const answer = await post({ query });
        expect(answer.status, `${count} aliases`).toBe(400);
        expectRejected(answer, `${count} aliases`);
        expectCode(answer, `${count} aliases`, ['QUERY_TOO_COMPLEX']);
      }
    });
  });

  describe('every argument', () => {
    it('refuses first: -1 and first: 1000000000 (and every other Int argument out of range) with BAD_USER_INPUT', async () => {
      const sites = argumentSites(schema, samples).filter((site) => site.leaf.scalar.name === 'Int' && site.leaf.path.length === 0 && site.operation === 'query');
      const paginated = sites.filter((site) => site.label.endsWith('(first)'));
      // Query lists, the three lists on every entity kind, document mentions, mostConnected.
      expect(paginated.length).toBeGreaterThanOrEqual(10);
      await inBatches(sites, 4, async (site) => {
        if (site.nested) {
          // Proves the request reaches the field: with the default value it resolves.
          const control = await post(site.request());
          expect(control.json?.errors, `${site.label}: the control request failed: ${control.text.slice(0, 300)}`).toBeUndefined();
          expect(findProbe(control.json?.data), `${site.label}: the control request did not reach the field`).toBeDefined();
        }
        for (const value of [-1, 1_000_000_000, 2_147_483_647, -2_147_483_648]) {
          const answer = await post(site.request(value));
          expectRejected(answer, `${site.label} = ${value}`);
          expectCode(answer, `${site.label} = ${value}`, ['BAD_USER_INPUT']);
        }
      });
    }, 300_000);

    it('answers unknown ids in every id argument with null, an empty result or a coded error', async () => {
      const sites = argumentSites(schema, samples).filter((site) => site.leaf.scalar.name === 'ID');
      expect(sites.map((site) => site.label)).toEqual(expect.arrayContaining(['Query.node(id)', 'Query.entity(id)', 'Query.paths(fromId)', 'Mutation.deleteDocument(id)']));
      await runSites(sites, UNKNOWN_IDS);
    }, 600_000);

    it('treats injection strings in every string argument as plain data', async () => {
      const sites = argumentSites(schema, samples).filter((site) => STRING_LIKE(site.leaf.scalar));
      // Every string-like field of every input type is reached by some site.
      const covered = new Set(sites.map((site) => site.leaf.coordinate));
      const missing = stringLikeCoordinates(schema).filter((coordinate) => !covered.has(coordinate));
      expect(missing, 'input fields no site reaches: add them to the base values').toEqual([]);
      expect(sites.length).toBeGreaterThan(40);
      await runSites(sites, INJECTIONS, WRITE_INJECTIONS);
    }, 600_000);
  });

  /** Undoes `renameEntity` on `id`: back to its name before the first rename, which the renames kept as the first alias. */
  async function renameBack(id: string): Promise<void> {
    const now = await post({ query: 'query($id: ID!) { entity(id: $id) { name } }', variables: { id } });
    const entity = (now.json?.data as { entity: { name: string } }).entity;
    const original = samples.entityName;
    if (entity.name === original) return;
    const back = await post({ query: 'mutation($id: ID!, $name: String!) { renameEntity(id: $id, name: $name, keepOldNameAsAlias: false) { id } }', variables: { id, name: original } }, AS_EDITOR);
    expect(back.json?.errors, `could not rename ${id} back`).toBeUndefined();
  }

  /** Sends each value to each site; mutations one at a time, undoing any ingest they made. */
  async function runSites(sites: Site[], values: readonly string[], writeValues = values): Promise<void> {
    const started = performance.now();
    let writes = 0;
    const timings: [number, string][] = [];
    const timed = async (label: string, body: unknown, headers?: Record<string, string>) => {
      const at = performance.now();
      const answer = await post(body, headers);
      timings.push([performance.now() - at, label]);
      return answer;
    };
    const queries = sites.filter((site) => site.operation === 'query');
    await inBatches(queries, 4, async (site) => {
      if (site.nested) {
        const control = await post(site.request());
        expect(findProbe(control.json?.data), `${site.label}: the control request did not reach the field: ${control.text.slice(0, 300)}`).toBeDefined();
      }
      for (const value of values) {
        const label = `${site.label} = ${JSON.stringify(value).slice(0, 60)}`;
        expectHandled(await timed(label, site.request(value)), label, [value]);
      }
    });

    for (const site of sites.filter((s) => s.operation === 'mutation')) {
      for (const value of writeValues) {
        const label = `${site.label} = ${JSON.stringify(value).slice(0, 60)}`;
        const answer = await timed(label, site.request(value), AS_EDITOR);
        expectHandled(answer, label, [value]);
        // A free-text field (a title, a description) is data: the ingest is valid and lands as sent.
        const written = (findProbe(answer.json?.data) as { document?: { id: string } } | undefined)?.document?.id;
        // A rename is data too: renamed back exactly (the old name was kept as the first alias).
        if (site.label.startsWith('Mutation.renameEntity')) await renameBack(samples.entityId);
        if (written) {
          writes++;
          const undo = await post({ query: 'mutation($id: ID!) { deleteDocument(id: $id) { documentId } }', variables: { id: written } }, AS_EDITOR);
          expect(undo.json?.errors, `${label}: could not delete what it wrote`).toBeUndefined();
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const mutations = sites.filter((site) => site.operation === 'mutation').length;
    console.log(
      `${sites.length - mutations} query sites × ${values.length} values, ${mutations} mutation sites × ${writeValues.length} values ` +
        `(${writes} valid ingests undone) in ${seconds} s; slowest: ` +
        timings
          .sort((a, b) => b[0] - a[0])
          .slice(0, 3)
          .map(([ms, label]) => `${label.slice(0, 50)} ${Math.round(ms)} ms`)
          .join(', '),
    );
  }

  it('leaves the graph exactly as it was, and logs no internal error', async () => {
    expect(await exportGraph(client)).toBe(before);
    expect(errorLogs, errorLogs.join('\n').slice(0, 2000)).toEqual([]);
  });
});
