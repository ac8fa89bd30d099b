/**
 * The one place that reads process.env. Everything is validated at start-up; a bad value stops
 * the process with one line naming the variable and what is wrong (see `loadConfig`).
 */
import { z } from 'zod';

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
  NEO4J_PASSWORD: z.string().min(8, 'must be at least 8 characters (Neo4j requires it)').default('newsgraph-dev'),
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
  SEED_ON_EMPTY: bool.default(true),
  GRAPHIQL_ENABLED: bool.optional(),
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof envSchema>) {
  const isProduction = env.NODE_ENV === 'production';
  return {
    nodeEnv: env.NODE_ENV,
    isProduction,
    logLevel: env.LOG_LEVEL,
    http: { port: env.PORT, host: env.HOST },
    neo4j: {
      /** undefined → run the bundled local Neo4j (see src/embedded). */
      uri: env.NEO4J_URI,
      user: env.NEO4J_USER,
      password: env.NEO4J_PASSWORD,
      database: env.NEO4J_DATABASE,
      queryTimeoutMs: env.NEO4J_QUERY_TIMEOUT_MS,
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
  };
}

/** The environment variable names the service reads; the compose test checks against these. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as (keyof z.infer<typeof envSchema>)[];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment (process.env by default). Throws ConfigError with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration — ${lines.join('; ')}`);
  }
  return toConfig(parsed.data);
}
