/**
 * The HTTP client of a Stanford CoreNLP server: one POST per article with the annotators as
 * request properties. Every way the server can fail (refused, reset, timed out, 5xx, a body that is
 * not CoreNLP JSON) becomes an NlpUnavailableError, so the caller can answer SERVICE_UNAVAILABLE
 * before anything is written.
 */
import { NlpUnavailableError } from '../domain/machineExtraction.js';
import type { CoreNlpDocument } from './coreNlpDocument.js';

export interface CoreNlpClientOptions {
  url: string;
  annotators: string;
  timeoutMs: number;
}

export class CoreNlpClient {
  constructor(private readonly options: CoreNlpClientOptions) {}

  async annotate(text: string): Promise<CoreNlpDocument> {
    const properties = {
      annotators: this.options.annotators,
      outputFormat: 'json',
      'ner.applyFineGrained': 'true',
      // Dates stay plain DATE mentions; SUTime's resolution is not used and costs time.
      'ner.useSUTime': 'false',
      // Coreference, when configured, works from dependency parses (the constituency parser is too slow).
      'coref.md.type': 'dep',
      'coref.algorithm': 'statistical',
    };
    const url = `${this.options.url.replace(/\/$/, '')}/?properties=${encodeURIComponent(JSON.stringify(properties))}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `did not answer within ${this.options.timeoutMs} ms` : 'could not be reached';
      throw new NlpUnavailableError(`The NLP server at ${this.options.url} ${reason}`, { cause: error });
    }
    const body = await response.text().catch(() => '');
    if (!response.ok) {
      throw new NlpUnavailableError(`The NLP server at ${this.options.url} answered HTTP ${response.status}: ${body.slice(0, 200)}`);
    }
    try {
      const document = JSON.parse(body) as CoreNlpDocument;
      if (!Array.isArray(document.sentences)) throw new Error('no sentences');
      return document;
    } catch (error) {
      throw new NlpUnavailableError(`The NLP server at ${this.options.url} sent something other than CoreNLP JSON`, { cause: error });
    }
  }
}
