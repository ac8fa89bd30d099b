/**
 * Debian's Chromium driven by playwright-core, as this machine needs it, and the Vite build of the
 * explorer page: shared by the explorer's browser test (test/explorer) and its benchmark
 * (bench/explorer.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths.js';

export const CHROMIUM = '/usr/bin/chromium';
/** The flags this machine needs: no sandbox as root, and no background traffic to Google. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const VIEWPORT = { width: 1440, height: 900 };

const VITE = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const execFileAsync = promisify(execFile);

/** Throws a message naming the install command when Chromium is missing. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}; this drives a real browser. Install it with: apt-get install -y chromium`);
  }
}

/** Builds the explorer page into dist/explorer with Vite (always, so a page is never used stale); returns the milliseconds it took. */
export async function buildExplorer(): Promise<number> {
  const started = performance.now();
  await execFileAsync(process.execPath, [VITE, 'build', '--config', 'src/explorer/vite.config.ts'], { cwd: PROJECT_ROOT, timeout: 240_000 });
  return Math.round(performance.now() - started);
}
