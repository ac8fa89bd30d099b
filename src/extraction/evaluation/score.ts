/**
 * Scores an extractor's output against the gold corpus: entity alignment by kind and shared surface
 * forms, precision/recall/F1 per kind, typed-relation precision/recall through the alignment,
 * cross-article resolution accuracy, and coverage of the curated seed extraction.
 */
import { ENTITY_KIND_NAMES, type EntityKind, type RelationshipType } from '../../domain/vocabulary.js';
import type { CorpusArticle, GoldEntity } from './gold.js';
import { normalisedSet } from './normalise.js';

export interface PredictedEntity {
  id: string;
  kind: EntityKind;
  name: string;
  surfaceForms: string[];
}

export interface PredictedRelationship {
  type: RelationshipType;
  source: string;
  target: string;
}

export interface PredictedArticle {
  articleId: string;
  entities: PredictedEntity[];
  relationships: PredictedRelationship[];
}

/** The kinds the entity F1 target is about. */
export const TARGET_KINDS: readonly EntityKind[] = ['Actor', 'Country', 'Unit', 'Location'];

/** Types whose direction carries no meaning. */
export const SYMMETRIC_TYPES: ReadonlySet<RelationshipType> = new Set<RelationshipType>(['NEGOTIATES_WITH', 'IN_TENSION_WITH', 'SECURITY_PARTNER_OF']);

export interface Counts {
  truePositives: number;
  predicted: number;
  gold: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface AlignmentPair {
  goldId: string;
  predictedId: string;
  kind: EntityKind;
  overlap: number;
}

/** Kind-aware (or, with `ignoreKind`, kind-agnostic) surface-form alignment between two entity lists. */
export interface AlignableEntity {
  id: string;
  kind: EntityKind;
  forms: readonly string[];
}

export function alignEntities(gold: readonly AlignableEntity[], predicted: readonly AlignableEntity[], options: { ignoreKind?: boolean } = {}): AlignmentPair[] {
  const goldForms = gold.map((entity) => normalisedSet(entity.forms));
  const predictedForms = predicted.map((entity) => normalisedSet(entity.forms));
  const candidates: { g: number; p: number; overlap: number }[] = [];
  gold.forEach((goldEntity, g) => {
    predicted.forEach((predictedEntity, p) => {
      if (!options.ignoreKind && goldEntity.kind !== predictedEntity.kind) return;
      let overlap = 0;
      for (const form of predictedForms[p]!) if (goldForms[g]!.has(form)) overlap++;
      if (overlap > 0) candidates.push({ g, p, overlap });
    });
  });
  // Greedy one-to-one by overlap size; ties keep list order, so results are deterministic.
  candidates.sort((a, b) => b.overlap - a.overlap || a.g - b.g || a.p - b.p);
  const usedGold = new Set<number>();
  const usedPredicted = new Set<number>();
  const pairs: AlignmentPair[] = [];
  for (const { g, p, overlap } of candidates) {
    if (usedGold.has(g) || usedPredicted.has(p)) continue;
    usedGold.add(g);
    usedPredicted.add(p);
    pairs.push({ goldId: gold[g]!.id, predictedId: predicted[p]!.id, kind: gold[g]!.kind, overlap });
  }
  return pairs;
}

export function prf({ truePositives, predicted, gold }: Counts): Prf {
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : truePositives / predicted;
  const recall = gold === 0 ? (predicted === 0 ? 1 : 0) : truePositives / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, predicted, gold, precision, recall, f1 };
}

function addCounts(a: Counts, b: Counts): Counts {
  return { truePositives: a.truePositives + b.truePositives, predicted: a.predicted + b.predicted, gold: a.gold + b.gold };
}

const ZERO: Counts = { truePositives: 0, predicted: 0, gold: 0 };

export interface ArticleAlignment {
  articleId: string;
  pairs: AlignmentPair[];
  /** predicted id → gold id */
  toGold: Map<string, string>;
}

export interface EntityScores {
  perKind: Record<EntityKind, Prf>;
  /** Micro-average over TARGET_KINDS (Actor, Country, Unit, Location). */
  target: Prf;
  /** Micro-average over all seven kinds. */
  all: Prf;
}

export interface RelationScores {
  overall: Prf;
  perType: Partial<Record<RelationshipType, Prf>>;
}

export interface ResolutionScores {
  /** Occurrences (article, gold entity) considered: aligned, and the gold entity recurs or is a seed entity. */
  considered: number;
  correct: number;
  accuracy: number;
  /** Gold ids whose occurrences were not all correct, with the predicted ids they got. */
  errors: { goldId: string; predictedIds: string[]; canonicalId: string }[];
}

export interface EvaluationResult {
  articles: number;
  alignments: ArticleAlignment[];
  entities: EntityScores;
  relations: RelationScores;
  resolution: ResolutionScores;
}

function goldAlignable(entity: GoldEntity): AlignableEntity {
  return { id: entity.id, kind: entity.kind, forms: entity.mentions };
}

function predictedAlignable(entity: PredictedEntity): AlignableEntity {
  return { id: entity.id, kind: entity.kind, forms: [entity.name, ...entity.surfaceForms] };
}

/** Scores predictions for a corpus. An article with no prediction counts as predicting nothing. */
export function evaluate(corpus: readonly CorpusArticle[], predictions: readonly PredictedArticle[], seedIds: ReadonlySet<string> = new Set()): EvaluationResult {
  const byArticle = new Map(predictions.map((prediction) => [prediction.articleId, prediction]));
  const unknown = predictions.filter((prediction) => !corpus.some((article) => article.id === prediction.articleId));
  if (unknown.length) throw new Error(`predictions for articles not in the corpus: ${unknown.map((p) => p.articleId).join(', ')}`);

  const perKindCounts = Object.fromEntries(ENTITY_KIND_NAMES.map((kind) => [kind, { ...ZERO }])) as Record<EntityKind, Counts>;
  const perTypeCounts = new Map<RelationshipType, Counts>();
  const alignments: ArticleAlignment[] = [];

  for (const article of corpus) {
    const prediction = byArticle.get(article.id) ?? { articleId: article.id, entities: [], relationships: [] };
    const pairs = alignEntities(article.gold.entities.map(goldAlignable), prediction.entities.map(predictedAlignable));
    const toGold = new Map(pairs.map((pair) => [pair.predictedId, pair.goldId]));
    alignments.push({ articleId: article.id, pairs, toGold });

    for (const kind of ENTITY_KIND_NAMES) {
      perKindCounts[kind] = addCounts(perKindCounts[kind], {
        truePositives: pairs.filter((pair) => pair.kind === kind).length,
        predicted: prediction.entities.filter((entity) => entity.kind === kind).length,
        gold: article.gold.entities.filter((entity) => entity.kind === kind).length,
      });
    }

    const goldKeys = new Set(article.gold.relationships.map(relationKey));
    const predictedKeys = new Map<string, RelationshipType>();
    for (const rel of prediction.relationships) {
      // An endpoint the alignment does not know stays a predicted id, so the link cannot match gold.
      const mapped = { type: rel.type, source: toGold.get(rel.source) ?? `predicted ${rel.source}`, target: toGold.get(rel.target) ?? `predicted ${rel.target}` };
      predictedKeys.set(relationKey(mapped), rel.type);
    }
    const types = new Set<RelationshipType>([...article.gold.relationships.map((rel) => rel.type), ...predictedKeys.values()]);
    for (const type of types) {
      const goldOfType = [...goldKeys].filter((key) => key.startsWith(`${type} `));
      const predictedOfType = [...predictedKeys].filter(([, t]) => t === type).map(([key]) => key);
      const counts = { truePositives: predictedOfType.filter((key) => goldKeys.has(key)).length, predicted: predictedOfType.length, gold: goldOfType.length };
      perTypeCounts.set(type, addCounts(perTypeCounts.get(type) ?? ZERO, counts));
    }
  }

  const sum = (kinds: readonly EntityKind[]) => prf(kinds.reduce((acc, kind) => addCounts(acc, perKindCounts[kind]), ZERO));
  const perType = Object.fromEntries([...perTypeCounts].map(([type, counts]) => [type, prf(counts)])) as Partial<Record<RelationshipType, Prf>>;
  return {
    articles: corpus.length,
    alignments,
    entities: {
      perKind: Object.fromEntries(ENTITY_KIND_NAMES.map((kind) => [kind, prf(perKindCounts[kind])])) as Record<EntityKind, Prf>,
      target: sum(TARGET_KINDS),
      all: sum(ENTITY_KIND_NAMES),
    },
    relations: { overall: prf([...perTypeCounts.values()].reduce(addCounts, ZERO)), perType },
    resolution: resolutionAccuracy(corpus, alignments, seedIds),
  };
}

/** `TYPE source target`, with the endpoints of a symmetric type in a fixed order. */
export function relationKey(rel: { type: RelationshipType; source: string; target: string }): string {
  const [a, b] = SYMMETRIC_TYPES.has(rel.type) && rel.target < rel.source ? [rel.target, rel.source] : [rel.source, rel.target];
  return `${rel.type} ${a} ${b}`;
}

/**
 * An occurrence is correct when it got its gold entity's canonical predicted id (the seed id for a
 * seed entity, else the most common one) and no other gold entity was given that id anywhere.
 */
export function resolutionAccuracy(corpus: readonly CorpusArticle[], alignments: readonly ArticleAlignment[], seedIds: ReadonlySet<string>): ResolutionScores {
  const articlesPerGold = new Map<string, number>();
  for (const article of corpus) for (const entity of article.gold.entities) articlesPerGold.set(entity.id, (articlesPerGold.get(entity.id) ?? 0) + 1);

  const occurrences = new Map<string, string[]>(); // gold id → predicted id per aligned occurrence
  const goldPerPredicted = new Map<string, Set<string>>(); // predicted id → gold ids it was aligned to
  for (const { pairs } of alignments) {
    for (const { goldId, predictedId } of pairs) {
      occurrences.set(goldId, [...(occurrences.get(goldId) ?? []), predictedId]);
      goldPerPredicted.set(predictedId, (goldPerPredicted.get(predictedId) ?? new Set()).add(goldId));
    }
  }

  const canonical = new Map<string, string>();
  for (const [goldId, predictedIds] of occurrences) canonical.set(goldId, seedIds.has(goldId) ? goldId : mostCommon(predictedIds));
  const claimedBy = new Map<string, Set<string>>(); // canonical predicted id → gold ids claiming it
  for (const [goldId, predictedId] of canonical) claimedBy.set(predictedId, (claimedBy.get(predictedId) ?? new Set()).add(goldId));

  let considered = 0;
  let correct = 0;
  const errors: ResolutionScores['errors'] = [];
  for (const [goldId, predictedIds] of [...occurrences].sort(([a], [b]) => a.localeCompare(b))) {
    if ((articlesPerGold.get(goldId) ?? 0) < 2 && !seedIds.has(goldId)) continue;
    const canonicalId = canonical.get(goldId)!;
    const shared = [...(goldPerPredicted.get(canonicalId) ?? []), ...(claimedBy.get(canonicalId) ?? [])].some((other) => other !== goldId);
    const right = shared ? 0 : predictedIds.filter((id) => id === canonicalId).length;
    considered += predictedIds.length;
    correct += right;
    if (right < predictedIds.length) errors.push({ goldId, predictedIds: [...new Set(predictedIds)].sort(), canonicalId });
  }
  return { considered, correct, accuracy: considered === 0 ? 1 : correct / considered, errors };
}

function mostCommon(ids: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]![0];
}

export interface CuratedEntity {
  id: string;
  kind: EntityKind;
  name: string;
  aliases?: readonly string[];
}

export interface SeedComparison {
  curated: number;
  /** Curated entities aligned to a prediction of the same kind. */
  found: number;
  share: number;
  /** Curated entities aligned to a prediction of any kind. */
  foundAnyKind: number;
  shareAnyKind: number;
  /** Curated entities with no same-kind match. */
  missed: { id: string; kind: EntityKind; name: string }[];
  /** Curated entities with no match of any kind. */
  missedAnyKind: { id: string; kind: EntityKind; name: string }[];
}

/** How much of the curated seed extraction an extractor finds on its own from the seed text. */
export function compareWithSeed(curated: readonly CuratedEntity[], prediction: PredictedArticle): SeedComparison {
  const gold = curated.map((entity) => ({ id: entity.id, kind: entity.kind, forms: [entity.name, ...(entity.aliases ?? [])] }));
  const predicted = prediction.entities.map(predictedAlignable);
  const kindAware = new Set(alignEntities(gold, predicted).map((pair) => pair.goldId));
  const anyKind = new Set(alignEntities(gold, predicted, { ignoreKind: true }).map((pair) => pair.goldId));
  const describe = ({ id, kind, name }: CuratedEntity) => ({ id, kind, name });
  const share = (n: number) => (curated.length === 0 ? 1 : n / curated.length);
  return {
    curated: curated.length,
    found: kindAware.size,
    share: share(kindAware.size),
    foundAnyKind: anyKind.size,
    shareAnyKind: share(anyKind.size),
    missed: curated.filter((entity) => !kindAware.has(entity.id)).map(describe),
    missedAnyKind: curated.filter((entity) => !anyKind.has(entity.id)).map(describe),
  };
}
