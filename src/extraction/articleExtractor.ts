/**
 * The automatic extractor: raw article in, MachineExtraction out. CoreNLP annotates; the rules of
 * this folder map, cluster and link; resolution matches the graph. Nothing is written here.
 */
import { contentHash } from '../domain/article.js';
import type { ArticleExtractor, MachineExtraction } from '../domain/machineExtraction.js';
import type { CoreNlpClient } from './coreNlpClient.js';
import type { CountryLookup } from './countries.js';
import { extractArticle } from './extractArticle.js';
import { buildRelationships, distinctEntities, resolveEntities, withoutUnnamed, type FindCandidates } from './resolve.js';
import { slugify } from '../domain/ids.js';

/** Bumped whenever a rule changes what is extracted; stored on every piece of evidence. */
export const EXTRACTOR = { name: 'newsgraph-corenlp', version: '1.0.0+corenlp-4.5.10' } as const;

export class CoreNlpArticleExtractor implements ArticleExtractor {
  constructor(
    private readonly nlp: CoreNlpClient,
    private readonly countries: CountryLookup,
    private readonly findCandidates: FindCandidates,
  ) {}

  async extract(article: Parameters<ArticleExtractor['extract']>[0]): Promise<MachineExtraction> {
    const annotation = await this.nlp.annotate(article.text);
    const local = extractArticle(annotation, article.text, this.countries);
    const entities = withoutUnnamed(await resolveEntities(local, this.findCandidates), article.text);
    const hash = contentHash(article.text);
    return {
      document: {
        id: documentIdFor(article.title, hash),
        title: article.title,
        source: article.source,
        url: article.url ?? null,
        publishedAt: article.publishedAt ?? null,
        text: article.text,
        contentHash: hash,
      },
      extractor: EXTRACTOR,
      entities: distinctEntities(entities),
      relationships: buildRelationships(local, entities, article.text),
    };
  }
}

/** `doc:<slug of the title>-<8 hex of the text's hash>`: readable, and the same text gets the same id. */
export function documentIdFor(title: string, contentHash: string): string {
  return `doc:${slugify(title).slice(0, 60).replace(/-+$/, '') || 'article'}-${contentHash.slice(0, 8)}`;
}
