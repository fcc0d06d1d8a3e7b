import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hydrant } from './helpers';

const run = promisify(execFile);
const LAUNCHER = join(import.meta.dirname, '../../bin/hydrant.js');

async function spawnHydrant(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [LAUNCHER, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const COMMANDS = [
  ['stripe', 'register'],
  ['stripe', 'rotate'],
  ['stripe', 'use-secret'],
  ['stripe', 'secrets'],
  ['stripe', 'endpoints'],
  ['stripe', 'unregister'],
  ['rejected'],
  ['console'],
  ['delivery', 'use-secret'],
  ['send', 'stripe'],
  ['send', 'delivery'],
  ['send', 'partner'],
  ['objects', 'ls'],
  ['objects', 'get'],
  ['order'],
  ['dlq', 'ls'],
  ['dlq', 'show'],
  ['dlq', 'redrive'],
  ['dlq', 'purge'],
  ['events', 'tail'],
];

describe('the hydrant binary', () => {
  it('runs through the launcher: help with the exit codes, and exit 3 without a target', async () => {
    const [help, noTarget] = await Promise.all([
      spawnHydrant(['--help']),
      spawnHydrant(['objects', 'ls'], { HYDRANT_STATE: mkdtempSync(join(tmpdir(), 'hydrant-bin-')) }),
    ]);

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: hydrant \[options\] \[command\]/);
    expect(help.stdout).toContain('3  no target');
    expect(noTarget.code).toBe(3);
    expect(noTarget.stderr).toMatch(/^error: No local hydrant found/);
    expect(noTarget.stderr).not.toContain('\u001b[');
  });

  it.each(COMMANDS)('has --help for %s %s', async (...command) => {
    const out = await hydrant([...command.filter(Boolean), '--help']);

    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Usage: hydrant ${command.filter(Boolean).join(' ')}`);
  });

  it('exits 2 on usage errors and shows where to get help', async () => {
    const unknown = await hydrant(['dlq', 'frobnicate']);
    const missing = await hydrant(['objects', 'get']);

    expect(unknown.code).toBe(2);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'key'");
    expect(missing.stderr).toContain('(run with --help for usage)');
  });

  it('colours errors only on a terminal without NO_COLOR', async () => {
    const tty = await hydrant(['objects', 'ls'], { env: { HYDRANT_STATE: '/nonexistent' }, tty: true });
    const noColor = await hydrant(['objects', 'ls'], {
      env: { HYDRANT_STATE: '/nonexistent', NO_COLOR: '1' },
      tty: true,
    });

    expect(tty.stderr).toContain('\u001b[31merror:\u001b[39m');
    expect(noColor.stderr).not.toContain('\u001b[');
  });
});
