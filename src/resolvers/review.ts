/** The review queue, the editor's review mutations and ingestArticle: each checks the role, then one data-layer call. */
import type { MutationIngestArticleArgs, MutationResolvers, QueryResolvers } from '../generated/resolvers.js';
import type { GraphContext } from './context.js';
import { NlpUnavailableError } from '../domain/machineExtraction.js';
import { MAX_NAME_LENGTH } from '../domain/extraction.js';
import { acceptEntity, acceptRelationship, changeEntityKind, getProposedOfDocument, getReviewQueue, rejectEntity, rejectRelationship, renameEntity } from '../graph/review.js';
import { mergeEntities, MergeConflictError, MergeInputError, MergeNotFoundError, unmergeEntity } from '../graph/merge.js';
import { writeMachineExtraction } from '../graph/ingestArticle.js';
import { IngestConflictError } from '../graph/ingest.js';
import { requireEditor } from './authorization.js';
import { badUserInput, conflict, invalidInput, notFound, serviceUnavailable } from '../domain/errors.js';
import { articleProblems } from '../domain/article.js';
import { boundedCount, MAX_PAGE_SIZE } from './pagination.js';

const MAX_MERGE_IDS = 50;

/** The editor's key name, recorded on reviews and merges. */
function editor(context: GraphContext): string {
  requireEditor(context);
  return context.principal!.name;
}

async function loadEntity(context: GraphContext, id: string) {
  context.loaders.entity.clear(id);
  const entity = await context.loaders.entity.load(id);
  if (!entity) throw notFound(`No entity has the id "${id}"`);
  return entity;
}

async function loadRelationship(context: GraphContext, id: string) {
  context.loaders.relationship.clear(id);
  const relationship = await context.loaders.relationship.load(id);
  if (!relationship) throw notFound(`No relationship has the id "${id}"`);
  return relationship;
}

/** Merge errors as coded GraphQL errors. */
async function merging<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MergeNotFoundError) throw notFound(error.message);
    if (error instanceof MergeInputError) throw badUserInput(error.message);
    if (error instanceof MergeConflictError) throw conflict(error.message);
    throw error;
  }
}

export const reviewQuery: Pick<QueryResolvers, 'reviewQueue'> = {
  reviewQueue(_root, { first }, context) {
    const count = boundedCount('first', first, 20, 1, MAX_PAGE_SIZE);
    requireEditor(context);
    return getReviewQueue(context.graph, context.deadline, count);
  },
};

/** Checks the article before the NLP server sees it (src/domain/article.ts, shared with the CLI): BAD_USER_INPUT saying what to fix. */
function checkArticle(input: MutationIngestArticleArgs['input'], maxChars: number): void {
  const problems = articleProblems(input, maxChars).map(({ field, message }) => ({ path: `input.${field}`, message }));
  if (problems.length) throw invalidInput(`The article is invalid; nothing was written. "${problems[0]!.path}" ${problems[0]!.message}`, problems);
}

export const reviewMutation: Pick<
  MutationResolvers,
  'ingestArticle' | 'acceptRelationship' | 'rejectRelationship' | 'acceptEntity' | 'rejectEntity' | 'mergeEntities' | 'unmergeEntity' | 'renameEntity' | 'changeEntityKind'
> = {
  async ingestArticle(_root, { input }, context) {
    requireEditor(context);
    checkArticle(input, context.maxArticleChars);
    if (!context.extractor) throw serviceUnavailable('Article extraction is not configured on this server');
    let extraction;
    try {
      extraction = await context.extractor.extract(input);
    } catch (error) {
      if (error instanceof NlpUnavailableError) throw serviceUnavailable(`The NLP server is unavailable; nothing was written: ${error.message}`);
      throw error;
    }
    let summary;
    try {
      summary = await writeMachineExtraction(context.graph, extraction);
    } catch (error) {
      if (error instanceof IngestConflictError) throw conflict(error.message);
      throw error;
    }
    const document = await context.loaders.document.load(summary.documentId);
    if (!document) throw notFound(`document "${summary.documentId}" was deleted while it was being ingested`);
    const proposed = await getProposedOfDocument(context.graph, context.deadline, summary.documentId);
    return { ...summary, document, proposedEntities: proposed.entities, proposedRelationships: proposed.relationships };
  },

  async acceptRelationship(_root, { id }, context) {
    if (!(await acceptRelationship(context.graph, id, editor(context)))) throw notFound(`No relationship has the id "${id}"`);
    return loadRelationship(context, id);
  },

  async rejectRelationship(_root, { id }, context) {
    if (!(await rejectRelationship(context.graph, id, editor(context)))) throw notFound(`No relationship has the id "${id}"`);
    return loadRelationship(context, id);
  },

  async acceptEntity(_root, { id }, context) {
    if (!(await acceptEntity(context.graph, id, editor(context)))) throw notFound(`No entity has the id "${id}"`);
    return loadEntity(context, id);
  },

  async rejectEntity(_root, { id }, context) {
    if (!(await rejectEntity(context.graph, id, editor(context)))) throw notFound(`No entity has the id "${id}"`);
    return loadEntity(context, id);
  },

  async mergeEntities(_root, { survivorId, ids }, context) {
    const by = editor(context);
    if (ids.length === 0 || ids.length > MAX_MERGE_IDS) throw badUserInput(`"ids" must hold 1–${MAX_MERGE_IDS} ids`, 'ids');
    await merging(() => mergeEntities(context.graph, survivorId, ids, by));
    for (const id of ids) context.loaders.entity.clear(id);
    return loadEntity(context, survivorId);
  },

  async unmergeEntity(_root, { id }, context) {
    const by = editor(context);
    await merging(() => unmergeEntity(context.graph, id, by));
    return loadEntity(context, id);
  },

  async renameEntity(_root, { id, name, keepOldNameAsAlias }, context) {
    requireEditor(context);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > MAX_NAME_LENGTH) throw badUserInput(`"name" must be 1–${MAX_NAME_LENGTH} characters`, 'name');
    if (!(await renameEntity(context.graph, id, trimmed, keepOldNameAsAlias ?? true))) throw notFound(`No entity has the id "${id}"`);
    return loadEntity(context, id);
  },

  async changeEntityKind(_root, { id, kind }, context) {
    requireEditor(context);
    if (!(await changeEntityKind(context.graph, id, kind))) throw notFound(`No entity has the id "${id}"`);
    return loadEntity(context, id);
  },
};
