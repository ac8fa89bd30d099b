/**
 * Query limits (depth, cost, aliases, directives, tokens) from graphql-armor, configured from
 * config.limits. They reject hostile documents during validation, before any resolver or
 * database work; page sizes and path lengths are capped separately by the resolvers.
 *
 * The token limit is graphql-js's own parser option, not armor's: armor's Apollo plugin parses in
 * `parsingDidStart`, where Apollo treats any throw as an unexpected error, so every syntax error
 * (and every document over the limit) was answered with HTTP 500. graphql-js aborts the one parse
 * Apollo does and Apollo answers 400, which formatError files under QUERY_TOO_COMPLEX.
 *
 * Armor's own rejections say "Syntax Error: Query Cost limit of 20000 exceeded" under Apollo's
 * GRAPHQL_VALIDATION_FAILED; `onReject` reports the error model's QUERY_TOO_COMPLEX instead, naming
 * the limit and what to narrow (formatError keeps that code).
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { DocumentNode, GraphQLError, ParseOptions, ValidationContext } from 'graphql';
import type { Config } from '../config.js';
import { queryTooComplex, type QueryLimit } from '../domain/errors.js';

/** Armor's `onReject` callback (graphql-armor-types). */
type RejectCallback = (context: ValidationContext | null, error: GraphQLError) => void;

/** Armor words every rejection "… limit of N exceeded, found M." while it exposes its limits (the default). */
const FOUND = /found (\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i;

/** Reports a rejection as QUERY_TOO_COMPLEX to the validation context, so Apollo answers 400. */
function rejectAs(limit: QueryLimit, maximum: number): { propagateOnRejection: false; onReject: RejectCallback[] } {
  const report: RejectCallback = (context, error) => {
    const found = FOUND.exec(error.message)?.[1];
    context?.reportError(queryTooComplex(limit, maximum, found === undefined ? undefined : Number(found)));
  };
  return { propagateOnRejection: false, onReject: [report] };
}

export function queryLimits(limits: Config['limits'], isProduction: boolean) {
  const parseOptions: ParseOptions = { maxLexicalTokens: limits.maxTokens };
  // Armor's cost estimate of each accepted document, for the in-flight cap (rateLimit.ts). Keyed
  // by the parsed document, which Apollo's document cache reuses when it skips validation.
  const costs = new WeakMap<DocumentNode, number>();
  const recordCost = (context: ValidationContext | null, details: { n?: unknown }) => {
    if (context && typeof details?.n === 'number') costs.set(context.getDocument(), details.n);
  };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...rejectAs('depth', limits.maxDepth) },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...rejectAs('cost', limits.maxCost), onAccept: [recordCost] },
    maxAliases: { n: limits.maxAliases, allowList: [], ...rejectAs('aliases', limits.maxAliases) },
    maxDirectives: { n: limits.maxDirectives, ...rejectAs('directives', limits.maxDirectives) },
    maxTokens: { enabled: false },
    // Field suggestions help people typing in the IDE; in production they would map the schema for attackers.
    blockFieldSuggestion: { enabled: isProduction },
  }).protect();
  /** The estimated cost of a document that passed validation (0 when unknown). */
  const costOf = (document: DocumentNode | undefined) => (document ? (costs.get(document) ?? 0) : 0);
  return { ...armor, parseOptions, costOf };
}
