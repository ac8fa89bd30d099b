/**
 * Runs a benchmark CLI (`bench/<script>`) as its own process, as a user would: tests use the
 * benchmark only through its command line and never import bench/.
 */
import { spawn } from 'node:child_process';
import { CONFIG_VARIABLES } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/paths.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Stops the CLI (SIGTERM, then SIGKILL 10 s later) if it has not finished within `timeoutMs`. */
export function runBenchCli(script: string, args: string[], timeoutMs: number): Promise<CliRun> {
  // The service's own variables would override the CLI's options in the servers it starts.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', `bench/${script}`, ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      stderr += `\n(stopped after ${timeoutMs} ms)`;
      child.kill('SIGTERM');
      killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON of the first `TAG {…}` line a CLI printed; throws with its output when there is none. */
export function taggedJson<T>(run: CliRun, tag: string): T {
  const line = run.stdout.split('\n').find((l) => l.startsWith(`${tag} `));
  if (!line) throw new Error(`no ${tag} line (exit ${run.code}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  return JSON.parse(line.slice(tag.length + 1)) as T;
}
