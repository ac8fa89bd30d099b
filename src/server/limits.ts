/**
 * Query limits (depth, cost, aliases, directives, tokens) from graphql-armor, configured from
 * config.limits. They reject hostile documents during validation, before any resolver or
 * database work; page sizes and path lengths are capped separately by the resolvers.
 *
 * The token limit is graphql-js's own parser option, not armor's: armor's Apollo plugin parses in
 * `parsingDidStart`, where Apollo treats any throw as an unexpected error, so every syntax error
 * (and every document over the limit) was answered with HTTP 500. graphql-js aborts the one parse
 * Apollo does and Apollo answers 400 GRAPHQL_PARSE_FAILED (test/server/badInput.test.ts).
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions } from 'graphql';
import type { Config } from '../config.js';

export function queryLimits(limits: Config['limits'], isProduction: boolean) {
  const parseOptions: ParseOptions = { maxLexicalTokens: limits.maxTokens };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    // Field suggestions help people typing in the IDE; in production they would map the schema for attackers.
    blockFieldSuggestion: { enabled: isProduction },
  }).protect();
  return { ...armor, parseOptions };
}
