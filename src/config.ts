/**
 * The one place that reads process.env. Everything is validated at start-up; a bad value stops
 * the process with one line naming the variable and what is wrong (see `loadConfig`).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

/** The annotators the extractor's rules read; docs/extraction.md gives the measurements behind the choice. */
export const DEFAULT_NLP_ANNOTATORS = 'tokenize,ssplit,pos,lemma,ner,depparse';

/** The password a development Neo4j gets; production refuses it (see `productionRefusals`). */
export const DEVELOPMENT_NEO4J_PASSWORD = 'newsgraph-dev';

/** Unsafe settings production accepts only when ALLOW_UNSAFE_PRODUCTION names them. */
const UNSAFE_PRODUCTION_OVERRIDES = ['graphiql', 'introspection'] as const;

const port = z.coerce.number().int().min(1).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: port.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a bolt:// or neo4j:// URI (optionally +s / +ssc)')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'must be at least 8 characters (Neo4j requires it)').default(DEVELOPMENT_NEO4J_PASSWORD),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[a-z][a-z0-9.-]{2,62}$/, 'must be a Neo4j database name such as "neo4j"')
    .default('neo4j'),
  /** Port of the local Neo4j that `npm start` launches when NEO4J_URI is unset. */
  NEO4J_LOCAL_PORT: port.default(7687),
  NEO4J_LOCAL_DATA_DIR: z.string().min(1).default('.data/neo4j'),
  NEO4J_LOCAL_HEAP: z.string().regex(/^\d+[mg]$/, 'must look like 1g or 512m').default('1g'),
  NEO4J_LOCAL_PAGECACHE: z.string().regex(/^\d+[mg]$/, 'must look like 1g or 512m').default('512m'),
  /** Seconds a local Neo4j gets to start (the first run also downloads it with Maven). */
  NEO4J_LOCAL_START_TIMEOUT_S: z.coerce.number().int().positive().default(900),
  /** Per-transaction timeout, so a runaway path search cannot hold the database. */
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /**
   * Longest a GraphQL read request waits for the database in total, over all its statements —
   * also while Neo4j is half-started and would otherwise leave requests hanging. Default:
   * NEO4J_QUERY_TIMEOUT_MS + 1000.
   */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  /** Timeout of one ingest or delete transaction (they write many rows at once). */
  NEO4J_WRITE_TIMEOUT_MS: z.coerce.number().int().positive().default(60000),
  SEED_ON_EMPTY: bool.default(true),
  GRAPHIQL_ENABLED: bool.optional(),
  INTROSPECTION_ENABLED: bool.optional(),
  /** Comma-separated `name:role:sha256-hex-of-key` entries; `npm run apikey` makes one. */
  API_KEYS: z
    .string()
    .default('')
    .transform((value, ctx) => parseApiKeys(value, ctx)),
  READS_REQUIRE_API_KEY: bool.default(false),
  /** Comma-separated unsafe settings production may use anyway: graphiql, introspection. */
  ALLOW_UNSAFE_PRODUCTION: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean))
    .pipe(z.array(z.enum(UNSAFE_PRODUCTION_OVERRIDES, { message: `each entry must be one of ${UNSAFE_PRODUCTION_OVERRIDES.join(', ')}` }))),
  /** Comma-separated origins allowed to call the API from a browser; empty = same origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(12),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(1).default(30),
  MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(1).default(20),
  MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(3000),
  MAX_QUERY_COST: z.coerce.number().int().min(100).default(20000),
  /** Trusted documents (schema/generated/trusted-documents.json): off | allow-unknown | require. */
  TRUSTED_DOCUMENTS: z.enum(['off', 'allow-unknown', 'require']).default('allow-unknown'),
  /** Per-client rate and in-flight limits (src/server/rateLimit.ts); unset: on in production only. */
  RATE_LIMIT_ENABLED: bool.optional(),
  /** Sustained requests per second per client (API key name, or address without a key). */
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(50),
  /** Requests a client may send at once after a quiet spell (the token bucket's size). */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(100),
  /** Most requests one client may have in flight (the Neo4j pool holds 50 connections). */
  RATE_LIMIT_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(8),
  /** Estimated query cost (as MAX_QUERY_COST) one client may spend per second. */
  RATE_LIMIT_COST_PER_SECOND: z.coerce.number().int().min(1).default(20000),
  /** Estimated query cost one client's requests in flight may add up to (at least MAX_QUERY_COST). */
  RATE_LIMIT_IN_FLIGHT_COST: z.coerce.number().int().min(100).default(20000),
  /** Run the explorer's and the examples' queries once after start-up, in the background (src/server/warmUp.ts). */
  WARM_UP_ON_START: bool.default(true),
  /** Hub neighbour pages kept per instance (src/graph/cache.ts); 0 turns the cache off. */
  HUB_CACHE_PAGES: z.coerce.number().int().min(0).default(1000),
  /** Entities with at least this many neighbours count as hubs whose pages are kept. */
  HUB_CACHE_MIN_NEIGHBORS: z.coerce.number().int().min(1).default(1000),
  /** The longest a kept hub page is served, in ms: the staleness bound across instances (docs/scaling.md). */
  HUB_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** A running Stanford CoreNLP server (http://host:port); unset → `npm start` runs the bundled one. */
  NLP_URL: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL such as http://127.0.0.1:9000' }).optional(),
  NLP_LOCAL_PORT: port.default(9000),
  NLP_LOCAL_HEAP: z.string().regex(/^\d+[mg]$/, 'must look like 4g or 3072m').default('4g'),
  /** Annotation threads of the bundled server (each in-flight article uses one). */
  NLP_LOCAL_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  /** Seconds the bundled server gets to load its models (the first run also builds it with Maven). */
  NLP_LOCAL_START_TIMEOUT_S: z.coerce.number().int().positive().default(900),
  /** CoreNLP annotators, in pipeline order; docs/extraction.md explains the default. */
  NLP_ANNOTATORS: z
    .string()
    .regex(/^[a-z]+(,[a-z]+)*$/, 'must be a comma-separated list such as tokenize,ssplit,pos,lemma,ner,depparse')
    .default(DEFAULT_NLP_ANNOTATORS),
  /** Longest one annotation request may take before the ingest answers SERVICE_UNAVAILABLE. */
  NLP_TIMEOUT_MS: z.coerce.number().int().positive().default(60000),
  /** Longest article text accepted for extraction, in characters (UTF-16 code units). */
  NLP_MAX_TEXT_CHARS: z.coerce.number().int().min(1000).max(1_000_000).default(200_000),
});

/** reader: queries; editor: queries and mutations; metrics: GET /metrics only. */
export type ApiKeyRole = 'reader' | 'editor' | 'metrics';
export const API_KEY_ROLES: readonly ApiKeyRole[] = ['reader', 'editor', 'metrics'];

export interface ApiKey {
  name: string;
  role: ApiKeyRole;
  /** SHA-256 of the key, hex; the key itself is never configured or stored. */
  sha256: string;
}

function parseApiKeys(value: string, ctx: z.RefinementCtx): ApiKey[] {
  const keys: ApiKey[] = [];
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([\w.-]+):(reader|editor|metrics):([0-9a-f]{64})$/.exec(entry);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `entry "${entry.slice(0, 24)}…" must be name:reader|editor|metrics:<64 hex chars of SHA-256> (see npm run apikey)` });
      return [];
    }
    keys.push({ name: match[1]!, role: match[2] as ApiKeyRole, sha256: match[3]! });
  }
  return keys;
}

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof envSchema>) {
  const isProduction = env.NODE_ENV === 'production';
  return {
    nodeEnv: env.NODE_ENV,
    isProduction,
    logLevel: env.LOG_LEVEL,
    neo4j: {
      /** undefined → run the bundled local Neo4j (see src/embedded). */
      uri: env.NEO4J_URI,
      user: env.NEO4J_USER,
      password: env.NEO4J_PASSWORD,
      database: env.NEO4J_DATABASE,
      queryTimeoutMs: env.NEO4J_QUERY_TIMEOUT_MS,
      writeTimeoutMs: env.NEO4J_WRITE_TIMEOUT_MS,
    },
    localNeo4j: {
      port: env.NEO4J_LOCAL_PORT,
      dataDir: env.NEO4J_LOCAL_DATA_DIR,
      heap: env.NEO4J_LOCAL_HEAP,
      pageCache: env.NEO4J_LOCAL_PAGECACHE,
      startTimeoutMs: env.NEO4J_LOCAL_START_TIMEOUT_S * 1000,
    },
    seedOnEmpty: env.SEED_ON_EMPTY,
    graphiqlEnabled: env.GRAPHIQL_ENABLED ?? !isProduction,
    introspectionEnabled: env.INTROSPECTION_ENABLED ?? !isProduction,
    auth: {
      apiKeys: env.API_KEYS,
      readsRequireApiKey: env.READS_REQUIRE_API_KEY,
      /** GET /metrics needs a key with the metrics role (it tells query volumes and error rates). */
      metricsRequireApiKey: env.READS_REQUIRE_API_KEY || isProduction,
    },
    http: {
      port: env.PORT,
      host: env.HOST,
      corsOrigins: env.CORS_ORIGINS,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS ?? env.NEO4J_QUERY_TIMEOUT_MS + 1000,
    },
    nlp: {
      /** undefined → run the bundled local CoreNLP (see src/embedded). */
      url: env.NLP_URL,
      annotators: env.NLP_ANNOTATORS,
      timeoutMs: env.NLP_TIMEOUT_MS,
      maxTextChars: env.NLP_MAX_TEXT_CHARS,
    },
    localNlp: {
      port: env.NLP_LOCAL_PORT,
      heap: env.NLP_LOCAL_HEAP,
      threads: env.NLP_LOCAL_THREADS,
      startTimeoutMs: env.NLP_LOCAL_START_TIMEOUT_S * 1000,
      maxTextChars: env.NLP_MAX_TEXT_CHARS,
      annotators: env.NLP_ANNOTATORS,
      /** Pid and log files: .data/corenlp.pid, .data/corenlp.log. */
      stateFile: '.data/corenlp',
    },
    limits: {
      maxDepth: env.MAX_QUERY_DEPTH,
      maxAliases: env.MAX_QUERY_ALIASES,
      maxDirectives: env.MAX_QUERY_DIRECTIVES,
      maxTokens: env.MAX_QUERY_TOKENS,
      maxCost: env.MAX_QUERY_COST,
    },
    trustedDocuments: env.TRUSTED_DOCUMENTS,
    warmUpOnStart: env.WARM_UP_ON_START,
    hubCache: { maxPages: env.HUB_CACHE_PAGES, ttlMs: env.HUB_CACHE_TTL_MS, denseNeighbors: env.HUB_CACHE_MIN_NEIGHBORS },
    rateLimit: {
      enabled: env.RATE_LIMIT_ENABLED ?? isProduction,
      perSecond: env.RATE_LIMIT_PER_SECOND,
      burst: env.RATE_LIMIT_BURST,
      maxInFlight: env.RATE_LIMIT_MAX_IN_FLIGHT,
      inFlightCost: env.RATE_LIMIT_IN_FLIGHT_COST,
      costPerSecond: env.RATE_LIMIT_COST_PER_SECOND,
    },
  };
}

/** The environment variable names the service reads; the compose test checks against these. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as (keyof z.infer<typeof envSchema>)[];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** process.env, after loading a .env file from the working directory if there is one (set variables win). */
function processEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

/** Parses an environment (process.env and .env by default). Throws ConfigError naming each bad variable, on one line. */
export function loadConfig(env: Record<string, string | undefined> = processEnvironment()): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration — ${lines.join('; ')}`);
  }
  const { REQUEST_TIMEOUT_MS, NEO4J_QUERY_TIMEOUT_MS, RATE_LIMIT_IN_FLIGHT_COST, MAX_QUERY_COST } = parsed.data;
  if (RATE_LIMIT_IN_FLIGHT_COST < MAX_QUERY_COST) {
    throw new ConfigError(
      `Invalid configuration — RATE_LIMIT_IN_FLIGHT_COST: ${RATE_LIMIT_IN_FLIGHT_COST} is below MAX_QUERY_COST (${MAX_QUERY_COST}); raise it so a client can run the costliest allowed query`,
    );
  }
  if (REQUEST_TIMEOUT_MS !== undefined && REQUEST_TIMEOUT_MS < NEO4J_QUERY_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid configuration — REQUEST_TIMEOUT_MS: ${REQUEST_TIMEOUT_MS} is shorter than NEO4J_QUERY_TIMEOUT_MS (${NEO4J_QUERY_TIMEOUT_MS}); raise it or lower the query timeout`,
    );
  }
  const refusals = productionRefusals(parsed.data, env.NEO4J_PASSWORD);
  if (refusals.length > 0) throw new ConfigError(refusals.map((line) => `Refused in production — ${line}`).join('\n'));
  return toConfig(parsed.data);
}

/**
 * Settings production must not start with, one line each naming the setting. GraphiQL and
 * introspection may be switched on deliberately with ALLOW_UNSAFE_PRODUCTION; the password and
 * CORS refusals have no override.
 */
function productionRefusals(env: z.infer<typeof envSchema>, rawPassword: string | undefined): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const refusals: string[] = [];
  if (!rawPassword) refusals.push('NEO4J_PASSWORD: unset or empty; set a strong password');
  else if (rawPassword === DEVELOPMENT_NEO4J_PASSWORD) refusals.push(`NEO4J_PASSWORD: "${DEVELOPMENT_NEO4J_PASSWORD}" is the development password; set a strong one`);
  const allowed = new Set<string>(env.ALLOW_UNSAFE_PRODUCTION);
  if (env.GRAPHIQL_ENABLED && !allowed.has('graphiql')) refusals.push('GRAPHIQL_ENABLED: true needs ALLOW_UNSAFE_PRODUCTION=graphiql to confirm it');
  if (env.INTROSPECTION_ENABLED && !allowed.has('introspection')) refusals.push('INTROSPECTION_ENABLED: true needs ALLOW_UNSAFE_PRODUCTION=introspection to confirm it');
  if (env.CORS_ORIGINS.includes('*') && env.API_KEYS.length > 0) refusals.push('CORS_ORIGINS: * with API_KEYS would let any site send requests with a key; list the origins');
  return refusals;
}
