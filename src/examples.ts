/**
 * The example operations of schema/examples: one named operation per `*.graphql` file, with the
 * variables it runs with. GraphiQL opens them as tabs; the example test and the bench run them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import type { DocumentNode } from 'graphql';

export interface ExampleOperation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const VARIABLES_LINE = /^#\s*variables\s*:(.*)$/i;

/**
 * Reads every `*.graphql` file in `dir` (sorted by file name). Each file holds exactly one named
 * operation (fragment definitions it uses may accompany it) and optionally, in its leading comment
 * block, one line `# variables: {"id": "x"}` with the operation's variables as JSON.
 */
export function loadExampleOperations(dir: string): ExampleOperation[] {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => entry.name)
    .sort();

  const examples: ExampleOperation[] = [];
  const seen = new Map<string, string>();
  for (const fileName of files) {
    const file = path.join(dir, fileName);
    const fail = (message: string): never => {
      throw new Error(`Example operation file ${file}: ${message}`);
    };
    const source = readFileSync(file, 'utf8');
    const lines = source.split(/\r?\n/);

    // Leading comment block: '#' lines and blank lines before the first GraphQL token.
    let variables: Record<string, unknown> | undefined;
    let variablesLine = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = (lines[i] ?? '').trim();
      if (line === '') continue;
      if (!line.startsWith('#')) break;
      const match = VARIABLES_LINE.exec(line);
      if (!match) continue;
      if (variablesLine >= 0) fail(`more than one "# variables:" line (lines ${variablesLine + 1} and ${i + 1})`);
      variablesLine = i;
      let parsed: unknown;
      try {
        parsed = JSON.parse(match[1] ?? '');
      } catch (err) {
        fail(`line ${i + 1}: "# variables:" is not valid JSON (${(err as Error).message})`);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        fail(`line ${i + 1}: "# variables:" must be a JSON object`);
      }
      variables = parsed as Record<string, unknown>;
    }

    let document: DocumentNode;
    try {
      document = parse(source);
    } catch (err) {
      return fail(`not a valid GraphQL document: ${(err as Error).message}`);
    }
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const others = document.definitions.filter(
      (d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION,
    );
    if (others.length > 0) fail(`only an operation (and fragments) may be defined, found ${others[0]?.kind}`);
    if (operations.length !== 1) fail(`expected exactly one operation, found ${operations.length}`);
    const operation = operations[0];
    const name = operation?.name?.value;
    if (!name) return fail('the operation must be named (e.g. "query ArticleById { ... }")');
    const previous = seen.get(name);
    if (previous) fail(`operation name "${name}" is already used by ${previous}`);
    seen.set(name, file);

    const query = (variablesLine >= 0 ? lines.filter((_, i) => i !== variablesLine) : lines).join('\n').trim();
    examples.push(variables === undefined ? { name, query } : { name, query, variables });
  }
  return examples;
}
