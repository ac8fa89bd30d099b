/** What every resolver receives: the data layer and this request's DataLoaders. */
import type { GraphClient } from '../graph/client.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface GraphContext {
  graph: GraphClient;
  loaders: Loaders;
}

/** A fresh context per request: loaders cache only within one request. */
export function createContext(graph: GraphClient): GraphContext {
  return { graph, loaders: createLoaders(graph) };
}
