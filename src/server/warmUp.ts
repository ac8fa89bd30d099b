/**
 * The start-up warm-up. After a restart the first users pay for cold caches: Neo4j plans each
 * statement and pages in the hubs, Node compiles the execution path, Apollo parses and validates
 * each document. So once the service is ready, in the background (readiness never waits for it),
 * this runs in-process what first users send: every trusted query document — the explorer's, with
 * the most connected entities as their subjects, and the example operations with their own
 * variables. docs/decisions/014-look-ahead-and-warm-start.md has the numbers.
 */
import { Kind, parse, type OperationDefinitionNode, type TypeNode } from 'graphql';

/** Runs an operation in this process, as the service would answer it (App.execute). */
export type Execute = (query: string, variables?: Record<string, unknown>) => Promise<{ errors?: readonly { message: string }[] | undefined }>;

export interface WarmUpDocument {
  /** The manifest's name: `explorer/ExplorerEntity`, `examples/ColonelAndHisLinks`, … */
  name: string;
  /** The exact text clients send, so Apollo's document cache holds it afterwards. */
  body: string;
  /** The variables it runs with, when known (the examples', `{}` for none); otherwise filled in from the hubs. */
  variables?: Record<string, unknown>;
}

export interface WarmUpResult {
  /** Operations run. */
  operations: number;
  /** Names of operations that answered with errors (the warm-up carries on). */
  failed: string[];
  /** Documents skipped: mutations, or a required variable no hub can fill. */
  skipped: string[];
  ms: number;
}

export interface WarmUpOptions {
  /** How many of the most connected entities to open (default 3). */
  hubs?: number;
  /** Operations run at once (default 2: planning is CPU-bound, and requests may already arrive). */
  concurrency?: number;
  /** True once the service is shutting down: the warm-up stops between operations. */
  stopping?: () => boolean;
  now?: () => number;
}

interface Hub {
  id: string;
  name: string;
}

const HUBS_QUERY = 'query WarmUpHubs($first: Int!) { stats { mostConnected(first: $first) { entity { id name } } } }';

/** A value for a variable of the explorer's documents, by its name, for `hub` (the others: `hubs`). */
function valueFor(name: string, hub: Hub, hubs: readonly Hub[]): unknown {
  switch (name) {
    case 'id':
    case 'from':
      return hub.id;
    case 'to':
      return (hubs.find((other) => other.id !== hub.id) ?? hub).id;
    case 'ids':
      return hubs.map((h) => h.id);
    case 'text':
      return hub.name;
    case 'first':
      return 20;
    case 'maxHops':
      return 4;
    case 'coMentions':
      return false;
    default:
      return undefined;
  }
}

const isRequired = (type: TypeNode) => type.kind === Kind.NON_NULL_TYPE;

/** The query operation of `body`, or undefined when it holds a mutation or subscription. */
export function queryOf(body: string): OperationDefinitionNode | undefined {
  const operation = parse(body).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operation?.operation === 'query' ? operation : undefined;
}

/**
 * The variables for `operation` about `hub`, or null when a required variable cannot be filled
 * in. Optional variables nobody fills are left out (their defaults apply).
 */
export function variablesFor(operation: OperationDefinitionNode, hub: Hub, hubs: readonly Hub[]): Record<string, unknown> | null {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = valueFor(name, hub, hubs);
    if (value !== undefined) variables[name] = value;
    else if (isRequired(definition.type) && !definition.defaultValue) return null;
  }
  return variables;
}

/** Runs the warm-up; never throws (a failure is a line in the result, and the service carries on). */
export async function warmUp(execute: Execute, documents: readonly WarmUpDocument[], options: WarmUpOptions = {}): Promise<WarmUpResult> {
  const now = options.now ?? (() => performance.now());
  const stopping = options.stopping ?? (() => false);
  const started = now();
  const result: WarmUpResult = { operations: 0, failed: [], skipped: [], ms: 0 };
  const run = async (name: string, query: string, variables?: Record<string, unknown>) => {
    result.operations += 1;
    try {
      const answer = await execute(query, variables);
      if (answer.errors?.length) result.failed.push(name);
      return answer;
    } catch {
      result.failed.push(name);
      return {};
    }
  };

  const top = (await run('WarmUpHubs', HUBS_QUERY, { first: options.hubs ?? 3 })) as { data?: { stats?: { mostConnected?: { entity: Hub }[] } } };
  const hubs = top.data?.stats?.mostConnected?.map((entry) => entry.entity) ?? [];
  type Task = { name: string; body: string; variables: Record<string, unknown> };
  const tasks: Task[] = [];
  for (const document of documents) {
    const operation = queryOf(document.body);
    if (!operation) {
      result.skipped.push(document.name);
      continue;
    }
    // The explorer opens any entity; the biggest are the slowest to open cold. An empty graph has none.
    const runs = document.variables
      ? [document.variables]
      : hubs.map((hub) => variablesFor(operation, hub, hubs)).filter((v): v is Record<string, unknown> => v !== null);
    if (!runs.length) result.skipped.push(document.name);
    for (const variables of runs) tasks.push({ name: document.name, body: document.body, variables });
  }
  // In that order, a few at a time.
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && !stopping()) {
      const task = tasks[next++]!;
      await run(task.name, task.body, task.variables);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  result.ms = Math.round(now() - started);
  return result;
}
