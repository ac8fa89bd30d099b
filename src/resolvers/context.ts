/** What every resolver receives: the data layer, this request's deadline and DataLoaders, and the caller. */
import type { GraphClient } from '../graph/client.js';
import type { Deadline } from '../graph/deadline.js';
import type { ApiKeyRole } from '../config.js';
import type { ArticleExtractor } from '../domain/machineExtraction.js';
import { Loaders } from './loaders.js';
import { LookAheadPlans } from './lookAhead.js';

/** Who is calling: the holder of a valid API key. */
export interface Principal {
  /** The key's name from configuration (logged instead of the key). */
  name: string;
  role: ApiKeyRole;
}

export interface GraphContext {
  graph: GraphClient;
  /** When this request's reads must be done; every read resolver passes it to src/graph. */
  deadline: Deadline;
  loaders: Loaders;
  /** The API key's holder, or null for anonymous requests. */
  principal: Principal | null;
  /** Turns raw articles into machine extractions (src/extraction, made in main.ts); null: ingestArticle is unavailable. */
  extractor: ArticleExtractor | null;
  /** Longest article text ingestArticle accepts (config.nlp.maxTextChars). */
  maxArticleChars: number;
  /** The `entity` field's look-ahead plans, shared by every request of the app. */
  lookAheadPlans: LookAheadPlans;
}

/** What ingestArticle needs, created once in main.ts. */
export interface ArticleServices {
  extractor: ArticleExtractor;
  maxTextChars: number;
}

/** Used when no article services are configured (tests of other fields). */
export const DEFAULT_MAX_ARTICLE_CHARS = 200_000;

/** A fresh context per request: loaders cache only within one request. */
export function createContext(
  graph: GraphClient,
  deadline: Deadline,
  principal: Principal | null = null,
  articles: ArticleServices | null = null,
  lookAheadPlans = new LookAheadPlans(),
): GraphContext {
  return {
    graph,
    deadline,
    loaders: new Loaders(graph, deadline),
    principal,
    extractor: articles?.extractor ?? null,
    maxArticleChars: articles?.maxTextChars ?? DEFAULT_MAX_ARTICLE_CHARS,
    lookAheadPlans,
  };
}
