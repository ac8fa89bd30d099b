/**
 * Runs the extractor over the seed text and the evaluation corpus, in order, and scores it. Each
 * article is resolved against the seed's curated entities and the entities of the articles before
 * it — what the graph holds after ingesting them in that order — kept here as name keys.
 */
import { nameKeys } from '../../domain/nameKeys.js';
import type { EntityKind } from '../../domain/vocabulary.js';
import type { ArticleExtractor, MachineExtraction } from '../../domain/machineExtraction.js';
import { CO_MENTION } from '../../domain/machineExtraction.js';
import type { FindCandidates } from '../resolve.js';
import type { CorpusArticle } from './gold.js';
import { compareWithSeed, evaluate, type CuratedEntity, type EvaluationResult, type PredictedArticle, type SeedComparison } from './score.js';

export interface SeedArticle {
  text: string;
  title: string;
  entities: CuratedEntity[];
}

export interface CorpusRun {
  result: EvaluationResult;
  seed: SeedComparison;
  /** Milliseconds per article, seed first. */
  timings: number[];
}

/** The entities "ingested" so far, by kind and name key. */
export class KnownEntities {
  private readonly entries: { id: string; kind: EntityKind; keys: Set<string> }[] = [];

  add(id: string, kind: EntityKind, name: string, aliases: readonly string[]): void {
    const existing = this.entries.find((entry) => entry.id === id);
    const keys = nameKeys(name, aliases);
    if (existing) keys.forEach((key) => existing.keys.add(key));
    else this.entries.push({ id, kind, keys: new Set(keys) });
  }

  readonly find: FindCandidates = async (queries) =>
    queries.map((query) => this.entries.filter((entry) => entry.kind === query.kind && query.keys.some((key) => entry.keys.has(key))).map((entry) => entry.id));
}

export function predictedArticle(articleId: string, extraction: MachineExtraction): PredictedArticle {
  return {
    articleId,
    entities: extraction.entities.map(({ entity }) => ({ id: entity.id, kind: entity.kind, name: entity.name, surfaceForms: [entity.name, ...entity.aliases] })),
    relationships: extraction.relationships.flatMap((r) => (r.type === CO_MENTION ? [] : [{ type: r.type, source: r.source, target: r.target }])),
  };
}

export async function runCorpus(
  makeExtractor: (find: FindCandidates) => ArticleExtractor,
  seed: SeedArticle,
  corpus: readonly CorpusArticle[],
  onArticle: (id: string) => void = () => {},
): Promise<CorpusRun> {
  const known = new KnownEntities();
  for (const entity of seed.entities) known.add(entity.id, entity.kind, entity.name, entity.aliases ?? []);
  const extractor = makeExtractor(known.find);
  const timings: number[] = [];
  const timed = async (article: { text: string; title: string }) => {
    const started = performance.now();
    const extraction = await extractor.extract({ ...article, source: 'newsgraph evaluation' });
    timings.push(performance.now() - started);
    return extraction;
  };

  const seedPrediction = predictedArticle('seed', await timed(seed));
  onArticle('seed');
  const predictions: PredictedArticle[] = [];
  for (const article of corpus) {
    const extraction = await timed(article);
    for (const { entity } of extraction.entities) known.add(entity.id, entity.kind, entity.name, entity.aliases);
    predictions.push(predictedArticle(article.id, extraction));
    onArticle(article.id);
  }
  const seedIds = new Set(seed.entities.map((entity) => entity.id));
  return { result: evaluate(corpus, predictions, seedIds), seed: compareWithSeed(seed.entities, seedPrediction), timings };
}
