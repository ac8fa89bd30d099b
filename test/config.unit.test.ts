import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

/** The ConfigError loadConfig throws for env (fails the test if it does not throw one). */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** A production environment that passes the start-up checks. */
const PRODUCTION = { NODE_ENV: 'production', NEO4J_PASSWORD: 'a-real-secret-password' };
const KEY = `ops:editor:${'a'.repeat(64)}`;

describe('loadConfig', () => {
  it('applies the defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      isProduction: false,
      logLevel: 'info',
      http: { port: 4000, host: '127.0.0.1', corsOrigins: [], bodyLimitBytes: 1_048_576, requestTimeoutMs: 6000 },
      neo4j: { uri: undefined, user: 'neo4j', password: 'newsgraph-dev', database: 'neo4j', queryTimeoutMs: 5000, writeTimeoutMs: 60000 },
      localNeo4j: { port: 7687, dataDir: '.data/neo4j', heap: '1g', pageCache: '512m', startTimeoutMs: 900_000 },
      seedOnEmpty: true,
      graphiqlEnabled: true,
      hubCache: { maxPages: 1000, ttlMs: 60_000, denseNeighbors: 1000 },
      warmUpOnStart: true,
      introspectionEnabled: true,
      auth: { apiKeys: [], readsRequireApiKey: false, metricsRequireApiKey: false },
      limits: { maxDepth: 12, maxAliases: 30, maxDirectives: 20, maxTokens: 3000, maxCost: 20000 },
      trustedDocuments: 'allow-unknown',
      rateLimit: { enabled: false, perSecond: 50, burst: 100, maxInFlight: 8, inFlightCost: 20000, costPerSecond: 20000 },
      nlp: { url: undefined, annotators: 'tokenize,ssplit,pos,lemma,ner,depparse', timeoutMs: 60000, maxTextChars: 200000 },
      localNlp: { port: 9000, heap: '4g', threads: 2, startTimeoutMs: 900000, maxTextChars: 200000, annotators: 'tokenize,ssplit,pos,lemma,ner,depparse', stateFile: '.data/corenlp' },
    });
  });

  it('reads and converts set variables', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      NEO4J_URI: 'neo4j+s://db.example.com:7687',
      NEO4J_LOCAL_START_TIMEOUT_S: '60',
      SEED_ON_EMPTY: '0',
      LOG_LEVEL: 'debug',
    });
    expect(config.http).toMatchObject({ port: 8080, host: '0.0.0.0' });
    expect(config.neo4j.uri).toBe('neo4j+s://db.example.com:7687');
    expect(config.localNeo4j.startTimeoutMs).toBe(60_000);
    expect(config.seedOnEmpty).toBe(false);
    expect(config.logLevel).toBe('debug');
  });

  it('derives REQUEST_TIMEOUT_MS from the query timeout unless it is set', () => {
    expect(loadConfig({ NEO4J_QUERY_TIMEOUT_MS: '30000' }).http.requestTimeoutMs).toBe(31_000);
    expect(loadConfig({ NEO4J_QUERY_TIMEOUT_MS: '3000', REQUEST_TIMEOUT_MS: '9000' }).http.requestTimeoutMs).toBe(9_000);
  });

  it('parses API keys (name:role:sha256) and rejects malformed ones naming API_KEYS', () => {
    const hash = 'ab'.repeat(32);
    expect(loadConfig({ API_KEYS: `dash:reader:${hash}, etl:editor:${hash}` }).auth.apiKeys).toEqual([
      { name: 'dash', role: 'reader', sha256: hash },
      { name: 'etl', role: 'editor', sha256: hash },
    ]);
    expect(configError({ API_KEYS: `dash:admin:${hash}` }).message).toMatch(/^Invalid configuration — API_KEYS: .*name:reader\|editor/);
    expect(configError({ API_KEYS: 'dash:reader:plaintext-key' }).message).toContain('API_KEYS');
  });

  it('splits CORS_ORIGINS into a list', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('leaves the Neo4j URI undefined when NEO4J_URI is unset or empty (the local Neo4j is used)', () => {
    expect(loadConfig({ NEO4J_USER: 'neo4j' }).neo4j.uri).toBeUndefined();
    expect(loadConfig({ NEO4J_URI: '' }).neo4j.uri).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc', /expected number/],
    ['PORT', '70000', /65535/],
    ['NEO4J_URI', 'http://x', /bolt:\/\/ or neo4j:\/\//],
    ['NEO4J_PASSWORD', 'short', /at least 8 characters/],
  ])('rejects %s=%s with one line naming the variable and the problem', (name, value, problem) => {
    const { message } = configError({ [name]: value });
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).toContain(`${name}: `);
    expect(message).toMatch(problem);
  });

  it('reports several bad variables on the same single line', () => {
    const { message } = configError({ PORT: '0', NEO4J_PASSWORD: 'short', GRAPHIQL_ENABLED: 'yes' });
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).toMatch(/PORT: .*NEO4J_PASSWORD: .*GRAPHIQL_ENABLED: must be true or false/);
  });

  it('turns the per-client limits on in production only, unless RATE_LIMIT_ENABLED says otherwise', () => {
    expect(loadConfig({}).rateLimit.enabled).toBe(false);
    expect(loadConfig(PRODUCTION).rateLimit.enabled).toBe(true);
    expect(loadConfig({ ...PRODUCTION, RATE_LIMIT_ENABLED: 'false' }).rateLimit.enabled).toBe(false);
    expect(loadConfig({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_PER_SECOND: '2.5' }).rateLimit).toMatchObject({ enabled: true, perSecond: 2.5 });
  });

  it('sizes the hub cache, which 0 turns off, and refuses a negative size', () => {
    expect(loadConfig({}).hubCache).toEqual({ maxPages: 1000, ttlMs: 60_000, denseNeighbors: 1000 });
    expect(loadConfig({ HUB_CACHE_PAGES: '0', HUB_CACHE_TTL_MS: '5000', HUB_CACHE_MIN_NEIGHBORS: '3' }).hubCache).toEqual({ maxPages: 0, ttlMs: 5000, denseNeighbors: 3 });
    expect(() => loadConfig({ HUB_CACHE_PAGES: '-1' })).toThrow(/HUB_CACHE_PAGES/);
  });

  it('refuses an in-flight cost budget below the costliest allowed query', () => {
    expect(() => loadConfig({ RATE_LIMIT_IN_FLIGHT_COST: '1000' })).toThrow(/RATE_LIMIT_IN_FLIGHT_COST: 1000 is below MAX_QUERY_COST \(20000\)/);
    expect(() => loadConfig({ RATE_LIMIT_PER_SECOND: '0' })).toThrow(/RATE_LIMIT_PER_SECOND/);
  });

  it('turns GraphiQL on by default except in production, unless GRAPHIQL_ENABLED says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).graphiqlEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).graphiqlEnabled).toBe(true);
    expect(loadConfig({ ...PRODUCTION }).graphiqlEnabled).toBe(false);
    expect(loadConfig({ ...PRODUCTION, GRAPHIQL_ENABLED: 'true', ALLOW_UNSAFE_PRODUCTION: 'graphiql' }).graphiqlEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', GRAPHIQL_ENABLED: 'false' }).graphiqlEnabled).toBe(false);
  });
});

describe('production refuses unsafe settings at start-up', () => {
  const refused = (env: Record<string, string>) => configError({ ...PRODUCTION, ...env }).message.split('\n');

  it('starts with a real password and the safe defaults; metrics then need a key', () => {
    const config = loadConfig(PRODUCTION);
    expect(config).toMatchObject({ graphiqlEnabled: false, introspectionEnabled: false, auth: { metricsRequireApiKey: true } });
  });

  it('refuses the development password, and an unset or empty one', () => {
    expect(refused({ NEO4J_PASSWORD: 'newsgraph-dev' })).toEqual([expect.stringMatching(/^Refused in production — NEO4J_PASSWORD: .*development password/)]);
    expect(configError({ NODE_ENV: 'production' }).message).toMatch(/^Refused in production — NEO4J_PASSWORD: unset or empty/);
    expect(configError({ NODE_ENV: 'production', NEO4J_PASSWORD: '' }).message).toMatch(/^Refused in production — NEO4J_PASSWORD: unset or empty/);
  });

  it('refuses GraphiQL and introspection unless ALLOW_UNSAFE_PRODUCTION names them', () => {
    expect(refused({ GRAPHIQL_ENABLED: 'true' })).toEqual([expect.stringMatching(/^Refused in production — GRAPHIQL_ENABLED: .*ALLOW_UNSAFE_PRODUCTION=graphiql/)]);
    expect(refused({ INTROSPECTION_ENABLED: 'true', ALLOW_UNSAFE_PRODUCTION: 'graphiql' })).toEqual([
      expect.stringMatching(/^Refused in production — INTROSPECTION_ENABLED: .*ALLOW_UNSAFE_PRODUCTION=introspection/),
    ]);
    const allowed = loadConfig({ ...PRODUCTION, GRAPHIQL_ENABLED: 'true', INTROSPECTION_ENABLED: 'true', ALLOW_UNSAFE_PRODUCTION: 'graphiql, introspection' });
    expect(allowed).toMatchObject({ graphiqlEnabled: true, introspectionEnabled: true });
    expect(configError({ ALLOW_UNSAFE_PRODUCTION: 'password' }).message).toMatch(/ALLOW_UNSAFE_PRODUCTION[.0-9]*: .*graphiql, introspection/);
  });

  it('refuses CORS_ORIGINS=* together with API keys', () => {
    expect(refused({ CORS_ORIGINS: '*', API_KEYS: KEY })).toEqual([expect.stringMatching(/^Refused in production — CORS_ORIGINS: \* with API_KEYS/)]);
    expect(loadConfig({ ...PRODUCTION, CORS_ORIGINS: '*' }).http.corsOrigins).toEqual(['*']);
    expect(loadConfig({ ...PRODUCTION, CORS_ORIGINS: 'https://app.example', API_KEYS: KEY }).auth.apiKeys).toHaveLength(1);
  });

  it('names every unsafe setting at once, one line each', () => {
    const lines = configError({ NODE_ENV: 'production', GRAPHIQL_ENABLED: 'true', INTROSPECTION_ENABLED: 'true', CORS_ORIGINS: '*', API_KEYS: KEY }).message.split('\n');
    expect(lines.map((line) => /— (\w+):/.exec(line)?.[1])).toEqual(['NEO4J_PASSWORD', 'GRAPHIQL_ENABLED', 'INTROSPECTION_ENABLED', 'CORS_ORIGINS']);
  });

  it('is not applied outside production', () => {
    expect(() => loadConfig({ NODE_ENV: 'development', GRAPHIQL_ENABLED: 'true', CORS_ORIGINS: '*', API_KEYS: KEY })).not.toThrow();
  });

  it('lets a key carry the metrics role, and asks for it when reads need a key', () => {
    const config = loadConfig({ API_KEYS: `prometheus:metrics:${'b'.repeat(64)}`, READS_REQUIRE_API_KEY: 'true' });
    expect(config.auth).toMatchObject({ apiKeys: [{ name: 'prometheus', role: 'metrics' }], metricsRequireApiKey: true });
  });
});
