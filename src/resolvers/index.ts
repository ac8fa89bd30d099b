/** The resolver map: thin mappers from GraphQL arguments to src/graph functions. */
import { LocalDateResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers.js';
import { Entity, entityTypeResolvers, Node } from './entity.js';
import { linkResolvers } from './links.js';
import { Query, Stats } from './query.js';
import { Mutation } from './mutation.js';

export const resolvers: Resolvers = {
  LocalDate: LocalDateResolver,
  Node,
  Entity,
  ...entityTypeResolvers,
  ...linkResolvers,
  Query,
  Stats,
  Mutation,
};
