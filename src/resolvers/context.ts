/** What every resolver receives: the data layer, this request's DataLoaders and the caller. */
import type { GraphClient } from '../graph/client.js';
import type { ApiKeyRole } from '../config.js';
import { createLoaders, type Loaders } from './loaders.js';

/** Who is calling: the holder of a valid API key. */
export interface Principal {
  /** The key's name from configuration (logged instead of the key). */
  name: string;
  role: ApiKeyRole;
}

export interface GraphContext {
  graph: GraphClient;
  loaders: Loaders;
  /** The API key's holder, or null for anonymous requests. */
  principal: Principal | null;
}

/** A fresh context per request: loaders cache only within one request. */
export function createContext(graph: GraphClient, principal: Principal | null = null): GraphContext {
  return { graph, loaders: createLoaders(graph), principal };
}
