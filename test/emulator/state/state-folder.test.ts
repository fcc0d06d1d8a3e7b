import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { LOCK_FILE, MARKER_FILE } from '../../../emulator/state/state-folder';
import { hydrant } from '../../cli/helpers';
import { tempStateDir } from '../helpers/emulator';

const root = join(import.meta.dirname, '../../..');

describe('state folder safety', () => {
  const running: Emulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.close()));
  });
  const start = async (stateDir: string, reset = false) => {
    const emulator = await startEmulator({ port: 0, stateDir, reset });
    running.push(emulator);
    return emulator;
  };

  it('marks a new folder, 0700, with 0600 files', async () => {
    const stateDir = join(tempStateDir(), 'state');
    const emulator = await start(stateDir);
    await emulator.services.sqs.dispatch('CreateQueue', { QueueName: 'q' });
    await emulator.close();
    expect(existsSync(join(stateDir, MARKER_FILE))).toBe(true);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(stateDir, 'sqs.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(stateDir, MARKER_FILE)).mode & 0o777).toBe(0o600);
  });

  it('--reset refuses a non-empty folder that is not a state folder, and deletes nothing', async () => {
    const dir = tempStateDir();
    writeFileSync(join(dir, 'thesis.tex'), 'precious');
    await expect(start(dir, true)).rejects.toThrow(/Refusing to --reset .*no \.emulator-state marker/);
    expect(readFileSync(join(dir, 'thesis.tex'), 'utf8')).toBe('precious');
  });

  it('will not use a non-empty foreign folder as state either', async () => {
    const dir = tempStateDir();
    mkdirSync(join(dir, 'src'));
    await expect(start(dir)).rejects.toThrow(/Refusing to use .* as the state folder/);
  });

  it('adopts a state folder written before markers existed', async () => {
    const dir = tempStateDir();
    writeFileSync(join(dir, 'sqs.json'), '[]');
    await start(dir);
    expect(existsSync(join(dir, MARKER_FILE))).toBe(true);
  });

  it('--reset clears its own folder', async () => {
    const dir = tempStateDir();
    const first = await start(dir);
    await first.services.sqs.dispatch('CreateQueue', { QueueName: 'gone' });
    await first.close();
    const second = await start(dir, true);
    expect((await second.services.sqs.dispatch('ListQueues', {})).QueueUrls ?? []).toEqual([]);
  });

  it('stops a second emulator on the same folder with a clear message', async () => {
    const dir = tempStateDir();
    await start(dir);
    await expect(start(dir)).rejects.toThrow(
      new RegExp(`in use by another emulator \\(pid ${process.pid}\\).*--state`),
    );
    await expect(start(dir, true)).rejects.toThrow(/in use by another emulator/);
  });

  it('takes over the lock of an emulator that died (SIGKILL)', async () => {
    const dir = tempStateDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--state', dir],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('listening on') && resolve());
      child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toContain(String(child.pid));
    await expect(start(dir)).rejects.toThrow(`pid ${child.pid}`);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await start(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toContain(String(process.pid));
  });

  it('treats an empty HYDRANT_STATE= as unset in the operator CLI', async () => {
    const cwd = tempStateDir();
    const run = await hydrant(['dlq', 'ls'], { env: { HYDRANT_STATE: '' }, cwd });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(join(cwd, '.hydrant', 'endpoints.json'));
  });
});
