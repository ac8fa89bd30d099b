/** Write fields: the ingest and delete paths, behind the editor role. */
import type { MutationResolvers } from '../generated/resolvers.js';
import { checkExtraction, formatPath } from '../domain/validateExtraction.js';
import { ingestExtraction, IngestConflictError } from '../graph/ingest.js';
import { deleteDocument } from '../graph/deleteDocument.js';
import { requireEditor } from './authorization.js';
import { conflict, invalidInput, notFound } from '../domain/errors.js';
import { reviewMutation } from './review.js';

/** GraphQL sends omitted optional input fields as null; the extraction shape omits them instead. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== null && inner !== undefined)
        .map(([key, inner]) => [key, withoutNulls(inner)]),
    );
  }
  return value;
}

export const Mutation: MutationResolvers = {
  ...reviewMutation,

  async ingestDocument(_root, { input }, context) {
    requireEditor(context);
    const checked = checkExtraction(withoutNulls(input));
    if (!checked.ok) {
      const problems = checked.problems.map((problem) => ({ path: `input.${formatPath(problem.path)}`, message: problem.message }));
      throw invalidInput(
        `The extraction is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written. First: ${problems[0]!.path}: ${problems[0]!.message}`,
        problems,
      );
    }
    try {
      const summary = await ingestExtraction(context.graph, checked.value);
      const document = await context.loaders.document.load(summary.documentId);
      if (!document) throw notFound(`document "${summary.documentId}" was deleted while it was being ingested`);
      return { ...summary, document };
    } catch (error) {
      if (error instanceof IngestConflictError) throw conflict(error.message);
      throw error;
    }
  },

  async deleteDocument(_root, { id }, context) {
    requireEditor(context);
    const summary = await deleteDocument(context.graph, id);
    if (!summary) throw notFound(`No document has the id "${id}"`);
    return summary;
  },
};
