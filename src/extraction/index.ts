/** The extractor as the server and the CLI build it: a CoreNLP client, the country dataset, and the graph's name lookup. */
import type { ArticleExtractor } from '../domain/machineExtraction.js';
import { CoreNlpArticleExtractor } from './articleExtractor.js';
import { CoreNlpClient } from './coreNlpClient.js';
import { createCountryLookup } from './countries.js';
import type { FindCandidates } from './resolve.js';

export interface ExtractorSettings {
  /** The CoreNLP server, e.g. http://127.0.0.1:9000. */
  url: string;
  annotators: string;
  timeoutMs: number;
}

export function createArticleExtractor(settings: ExtractorSettings, findCandidates: FindCandidates): ArticleExtractor {
  return new CoreNlpArticleExtractor(new CoreNlpClient(settings), createCountryLookup(), findCandidates);
}

export { EXTRACTOR, documentIdFor } from './articleExtractor.js';
export type { FindCandidates, NameQuery } from './resolve.js';
