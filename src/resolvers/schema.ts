/** The executable schema: the SDL in schema/ (the contract) with the resolvers attached. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './index.js';
import { SCHEMA_DIR } from '../paths.js';


/** Every .graphql file under schema/ except the example operations. */
export function readTypeDefs(): string[] {
  const files = (readdirSync(SCHEMA_DIR, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.graphql') && !file.startsWith('examples'))
    .sort();
  return files.map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'));
}

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers, inheritResolversFromInterfaces: false });
}
