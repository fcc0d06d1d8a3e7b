import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function start(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'bin/local/start.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('npm start options', () => {
  it('explains its options with --help and starts nothing', () => {
    const result = start('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--port <n>/);
    expect(result.stdout).toMatch(/--state <dir>.*HYDRANT_STATE/);
    expect(result.stdout).toMatch(/--reset/);
    expect(result.stdout).not.toMatch(/Synthesizing/);
  });

  it('refuses a bad port or an unknown option before synthesizing, saying what is wrong', () => {
    const badPort = start('--port', '70000');
    expect(badPort.status).toBe(1);
    expect(badPort.stderr).toMatch(/--port must be a whole number from 0 to 65535 \(got 70000\)/);
    const unknown = start('--prot', '1');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/--prot/);
    expect(badPort.stdout + unknown.stdout).not.toMatch(/Synthesizing/);
  });
});
