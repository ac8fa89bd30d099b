/**
 * A validation rule graphql-js 16 lacks (17 adds KnownOperationTypesRule): an operation whose type
 * the schema does not define — here any `subscription` — is refused during validation, so it gets
 * GRAPHQL_VALIDATION_FAILED and 400 instead of failing in execution as an internal error.
 */
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

export function knownOperationTypes(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[node.operation];
      if (!root) context.reportError(new GraphQLError(`This API has no ${node.operation} operations; send a query or a mutation.`, { nodes: node }));
    },
  };
}
