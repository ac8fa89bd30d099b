/** Write fields: the ingest and delete paths, behind the editor role. */
import { GraphQLError } from 'graphql';
import type { IngestDocumentInput, MutationResolvers } from '../generated/resolvers.js';
import { checkExtraction, formatPath, type Problem } from '../domain/validateExtraction.js';
import { ingestExtraction, IngestConflictError } from '../graph/ingest.js';
import { deleteDocument } from '../graph/deleteDocument.js';
import { requireEditor } from './authorization.js';
import { notFound } from './errors.js';

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

/**
 * Entity and document ids and entity names are range-indexed, and Neo4j refuses an index key over
 * ~8 KB: a longer value failed the write with a database error (INTERNAL_SERVER_ERROR) instead of
 * a problem report (test/server/badInput.test.ts). These bounds stay far below the limit in any
 * UTF-8. They belong in the extraction schema (src/domain/extraction.ts), so that the ingest CLI
 * reports them too; they are checked here until they move there.
 */
export const MAX_ID_LENGTH = 200;
export const MAX_NAME_LENGTH = 500;

function overlongValues(input: IngestDocumentInput): Problem[] {
  const problems: Problem[] = [];
  const check = (path: Problem['path'], value: string | null | undefined, max: number) => {
    if (value && value.length > max) problems.push({ path, message: `is ${value.length} characters long; at most ${max} are allowed` });
  };
  check(['document', 'id'], input.document.id, MAX_ID_LENGTH);
  input.entities.forEach((entity, index) => {
    check(['entities', index, 'id'], entity.id, MAX_ID_LENGTH);
    check(['entities', index, 'name'], entity.name, MAX_NAME_LENGTH);
  });
  input.relationships?.forEach((relationship, index) => {
    check(['relationships', index, 'source'], relationship.source, MAX_ID_LENGTH);
    check(['relationships', index, 'target'], relationship.target, MAX_ID_LENGTH);
  });
  return problems;
}

export const Mutation: MutationResolvers = {
  async ingestDocument(_root, { input }, context) {
    requireEditor(context);
    const checked = checkExtraction(withoutNulls(input));
    const overlong = overlongValues(input);
    if (!checked.ok || overlong.length) {
      const problems = [...overlong, ...(checked.ok ? [] : checked.problems)].map((problem) => ({ path: `input.${formatPath(problem.path)}`, message: problem.message }));
      throw new GraphQLError(
        `The extraction is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written. First: ${problems[0]!.path}: ${problems[0]!.message}`,
        { extensions: { code: 'BAD_USER_INPUT', problems } },
      );
    }
    try {
      const summary = await ingestExtraction(context.graph, checked.value);
      const document = await context.loaders.document.load(summary.documentId);
      if (!document) throw notFound(`document "${summary.documentId}" was deleted while it was being ingested`);
      return { ...summary, document };
    } catch (error) {
      if (error instanceof IngestConflictError) throw new GraphQLError(error.message, { extensions: { code: 'CONFLICT' } });
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
