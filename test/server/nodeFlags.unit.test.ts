/** The service's Node flags (src/server/nodeFlags.ts) are ones this Node accepts: a misspelt V8 flag stops `node` at start. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS } from '../../src/server/nodeFlags.js';

describe('SERVICE_NODE_FLAGS', () => {
  it('starts node', () => {
    const run = spawnSync(process.execPath, [...SERVICE_NODE_FLAGS, '-e', 'process.stdout.write("started")'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('started');
    expect(run.status).toBe(0);
  });

  it('are spelled as command-line flags, each once', () => {
    expect(SERVICE_NODE_FLAGS.every((flag) => /^--[a-z][a-z0-9-]*(=\S+)?$/.test(flag))).toBe(true);
    expect(new Set(SERVICE_NODE_FLAGS.map((flag) => flag.split('=')[0])).size).toBe(SERVICE_NODE_FLAGS.length);
  });
});
