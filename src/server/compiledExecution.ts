/**
 * Executes operations with graphql-jit: each (document, operation name) is compiled once into a
 * JavaScript function and run from then on, instead of graphql-js walking the document for every
 * response (4× less CPU on a 2 000-field subgraph; docs/decisions/015-compiled-execution.md).
 *
 * Apollo Server's documented slot for a custom executor is its gateway interface, so this is a
 * "gateway" that serves our own schema. Everything before execution (parsing, validation, the
 * query limits, plugins, error formatting) stays Apollo's.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Runs so far through graphql-js, or the compiled function, or graphql-js for good. */
type Entry = number | CompiledQuery | 'graphql-js';

export interface CompiledExecution {
  /** Pass as Apollo's `gateway` option. */
  gateway: GatewayInterface;
  /** How many (document, operation) pairs are compiled so far. */
  compiledCount(): number;
}

/**
 * Compiling costs 3–30 ms, several times one execution: a document is compiled on this run, so a
 * query typed once in the IDE never pays for it.
 */
export const COMPILE_ON_RUN = 2;

const COMPILE_AT_ONCE = Symbol('compile at once');

/**
 * Marks an operation's context so that its document is compiled on this first run: the start-up
 * warm-up runs what users will send, so their first request finds it compiled. A symbol-keyed
 * property, as Apollo hands the executor a shallow copy of the context.
 */
export function compileAtOnce<T extends object>(context: T): T {
  return Object.assign(context, { [COMPILE_AT_ONCE]: true });
}

/**
 * The compiled functions live as long as Apollo's document cache keeps the parsed document: they
 * are keyed by the document object Apollo reuses for every request with the same text.
 */
export function compiledExecution(schema: GraphQLSchema): CompiledExecution {
  const entries = new WeakMap<DocumentNode, Map<string, Entry>>();
  let compiled = 0;

  const entryFor = (document: DocumentNode, operationName: string | undefined, atOnce: boolean): Entry => {
    let byOperation = entries.get(document);
    if (!byOperation) entries.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    const runs = byOperation.get(key) ?? 0;
    if (typeof runs !== 'number') return runs;
    if (!atOnce && runs + 1 < COMPILE_ON_RUN) {
      byOperation.set(key, runs + 1);
      return runs + 1;
    }
    const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
    // A document the compiler declines is still valid GraphQL (Apollo validated it): graphql-js runs it.
    const entry = isCompiledQuery(result) ? result : 'graphql-js';
    byOperation.set(key, entry);
    compiled++;
    return entry;
  };

  const gateway = schemaGateway(schema, async ({ document, request, context }): Promise<ExecutionResult> => {
    const operationName = request.operationName ?? undefined;
    const variableValues = request.variables ?? {};
    const withGraphqlJs = () => execute({ schema, document, contextValue: context, variableValues, operationName });
    const entry = entryFor(document, operationName, typeof context === 'object' && context !== null && COMPILE_AT_ONCE in context);
    if (typeof entry === 'number' || entry === 'graphql-js') return withGraphqlJs();
    const result = await entry.query(undefined, context, variableValues);
    // No `data`: graphql-jit refused the variables before running anything. graphql-js refuses
    // them again with the variable's node and wording, which Apollo answers as BAD_USER_INPUT (400).
    if (!('data' in result)) return withGraphqlJs();
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  });
  return { gateway, compiledCount: () => compiled };
}

/** A "gateway" that serves one fixed schema through `executor`: Apollo's slot for a custom executor. */
export function schemaGateway(schema: GraphQLSchema, executor: GatewayExecutor): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors are frozen look-alikes of graphql-js's: read-only `message` (which
 * graphql-armor rewrites to hide field suggestions) and no `extensions` unless their cause had
 * some, which Apollo cannot format. They become the graphql-js error graphql-js would have made.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions ?? undefined });
  // graphql-js derives locations from AST nodes, which graphql-jit does not keep; it keeps the locations.
  Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true, writable: true, configurable: true });
  return rebuilt;
}
