/**
 * Compiles the servers under comparison to JavaScript before they start, so each runs as the
 * service runs in production (`node dist/src/server/main.js`), not under tsx: tsx's esbuild
 * transform wraps every named function in a `__name` helper that redefines its `name` on each
 * creation, a per-request cost production does not pay (docs/decisions/021-benchmark-the-build.md).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

const TSC = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * Builds `root` into `root/dist` with `config` (relative to `root`), incrementally: the first
 * build takes ~10 s, a build with nothing changed about 2 s. Throws tsc's output if it fails.
 */
export function compile(root: string, config: string): void {
  const project = join(root, config);
  if (!existsSync(project)) throw new Error(`cannot build the benchmark servers: ${project} does not exist`);
  const buildInfo = join(root, 'dist', `.${config.replace(/[/\\]/g, '_')}.tsbuildinfo`);
  try {
    execFileSync(process.execPath, [TSC, '-p', project, '--incremental', '--tsBuildInfoFile', buildInfo], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    throw new Error(`tsc failed building ${project}:\n${output.slice(-3000)}`);
  }
}

/** The compiled entry point of a TypeScript file under `root` (`src/server/main.ts` → `dist/src/server/main.js`). */
export const compiledEntry = (root: string, source: string): string => join(root, 'dist', source.replace(/\.ts$/, '.js'));
