/** Plain-text tables for the evaluation results, for a terminal or a closing note. */
import { ENTITY_KIND_NAMES } from '../../domain/vocabulary.js';
import type { EvaluationResult, Prf, ResolutionScores, SeedComparison } from './score.js';

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const fixed = (value: number) => value.toFixed(3);
const prfCells = (score: Prf) => [fixed(score.precision), fixed(score.recall), fixed(score.f1), String(score.truePositives), String(score.predicted), String(score.gold)];
const PRF_HEADER = ['P', 'R', 'F1', 'TP', 'pred', 'gold'];

export function formatEntityTable(result: EvaluationResult): string {
  const rows = ENTITY_KIND_NAMES.map((kind) => [kind, ...prfCells(result.entities.perKind[kind])]);
  rows.push(['micro Actor+Country+Unit+Location', ...prfCells(result.entities.target)]);
  rows.push(['micro all kinds', ...prfCells(result.entities.all)]);
  return formatTable(['Entities', ...PRF_HEADER], rows);
}

export function formatRelationTable(result: EvaluationResult): string {
  const rows = Object.entries(result.relations.perType)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, score]) => [type, ...prfCells(score)]);
  rows.push(['all typed relations', ...prfCells(result.relations.overall)]);
  return formatTable(['Relations', ...PRF_HEADER], rows);
}

export function formatResolutionTable(resolution: ResolutionScores): string {
  const summary = formatTable(['Cross-article resolution', 'accuracy', 'correct', 'considered'], [
    ['occurrences of recurring or seed entities', fixed(resolution.accuracy), String(resolution.correct), String(resolution.considered)],
  ]);
  if (resolution.errors.length === 0) return summary;
  const errors = formatTable(['Resolution errors (gold id)', 'canonical predicted id', 'predicted ids'], resolution.errors.map((error) => [error.goldId, error.canonicalId, error.predictedIds.join(', ')]));
  return `${summary}\n\n${errors}`;
}

export function formatSeedTable(seed: SeedComparison): string {
  const summary = formatTable(['Seed article vs curated extraction', 'share', 'found', 'curated'], [
    ['curated entities found (same kind)', fixed(seed.share), String(seed.found), String(seed.curated)],
    ['curated entities found (any kind)', fixed(seed.shareAnyKind), String(seed.foundAnyKind), String(seed.curated)],
  ]);
  if (seed.missed.length === 0) return summary;
  return `${summary}\n\n${formatTable(['Missed curated entity', 'kind', 'name'], seed.missed.map((entity) => [entity.id, entity.kind, entity.name]))}`;
}

/** Every table, in the order the issue lists them. */
export function formatEvaluation(result: EvaluationResult, seed?: SeedComparison): string {
  const parts = [`Evaluation over ${result.articles} articles`, formatEntityTable(result), formatRelationTable(result), formatResolutionTable(result.resolution)];
  if (seed) parts.push(formatSeedTable(seed));
  return parts.join('\n\n');
}
