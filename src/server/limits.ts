/**
 * Query limits (depth, cost, aliases, directives, tokens) from graphql-armor, configured from
 * config.limits. They reject hostile documents during validation, before any resolver or
 * database work; page sizes and path lengths are capped separately by the resolvers.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../config.js';

export function queryLimits(limits: Config['limits'], isProduction: boolean) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { n: limits.maxTokens },
    // Field suggestions help people typing in the IDE; in production they would map the schema for attackers.
    blockFieldSuggestion: { enabled: isProduction },
  }).protect();
}
