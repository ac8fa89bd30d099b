/** What every resolver receives: the data layer, this request's deadline and DataLoaders, and the caller. */
import type { GraphClient } from '../graph/client.js';
import type { Deadline } from '../graph/deadline.js';
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
  /** When this request's reads must be done; every read resolver passes it to src/graph. */
  deadline: Deadline;
  loaders: Loaders;
  /** The API key's holder, or null for anonymous requests. */
  principal: Principal | null;
}

/** A fresh context per request: loaders cache only within one request. */
export function createContext(graph: GraphClient, deadline: Deadline, principal: Principal | null = null): GraphContext {
  return { graph, deadline, loaders: createLoaders(graph, deadline), principal };
}
