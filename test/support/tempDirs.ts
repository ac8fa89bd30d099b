/**
 * Folders in the system temp folder that a test file writes to. Each file that makes one registers
 * `afterAll(removeTempDirs)`, so a run leaves nothing behind. (Modules are fresh per test file, so
 * the list holds only this file's folders.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/** A new empty folder named `<prefix>XXXXXX` in the system temp folder. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Deletes every folder makeTempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
