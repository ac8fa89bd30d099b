/** The extractor as the server and the CLI build it: a CoreNLP client, the country dataset, and the graph's name lookup. */
import type { ArticleExtractor } from '../domain/machineExtraction.js';
import { NlpUnavailableError } from '../domain/machineExtraction.js';
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

export interface StartingServer {
  /** Settles when the server has loaded its models (or failed to start). */
  ready: Promise<unknown>;
  /** Told once, when a request has to wait for it. */
  onWait: () => void;
}

export function createArticleExtractor(settings: ExtractorSettings, findCandidates: FindCandidates, starting?: StartingServer): ArticleExtractor {
  const extractor = new CoreNlpArticleExtractor(new CoreNlpClient(settings), createCountryLookup(), findCandidates);
  return starting ? waitingFor(starting, extractor) : extractor;
}

/** `npm start` loads CoreNLP in the background: the first ingests wait for it, saying so. */
function waitingFor(starting: StartingServer, extractor: ArticleExtractor): ArticleExtractor {
  let state: 'starting' | 'ready' | Error = 'starting';
  starting.ready.then(
    () => (state = 'ready'),
    (error: unknown) => (state = error instanceof Error ? error : new Error(String(error))),
  );
  let told = false;
  return {
    async extract(article) {
      if (state === 'starting') {
        if (!told) starting.onWait();
        told = true;
        await starting.ready.catch(() => {});
      }
      if (state instanceof Error) throw new NlpUnavailableError(`The NLP server did not start: ${state.message}`);
      return extractor.extract(article);
    },
  };
}

export { EXTRACTOR, documentIdFor } from './articleExtractor.js';
export type { FindCandidates, NameQuery } from './resolve.js';
