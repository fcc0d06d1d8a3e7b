/**
 * Runs scripts/awscli-smoke.ts (everyday AWS CLI commands) against a test emulator when the AWS
 * CLI is installed, and says why it is skipped when it is not.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { runAwsCliSmoke } from '../../../scripts/awscli-smoke';
import { startTestEmulator } from '../helpers/emulator';

const cliVersion = await new Promise<string | undefined>((resolve) => {
  execFile('aws', ['--version'], { timeout: 60_000 }, (error, stdout) =>
    resolve(error ? undefined : stdout.trim()),
  );
});

const title = cliVersion
  ? `everyday AWS CLI commands work against the emulator (${cliVersion})`
  : "everyday AWS CLI commands (skipped: no `aws` on PATH; install Debian's awscli to run it)";

describe('AWS CLI smoke', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    if (cliVersion) emulator = await startTestEmulator();
  });
  afterAll(() => emulator?.close());

  // One python process per command: slow on a busy machine, hence the generous timeout.
  it.skipIf(!cliVersion)(
    title,
    async () => {
      const steps = await runAwsCliSmoke({ endpoint: emulator.endpoint, log: () => {} });
      expect(steps.filter((s) => s.outcome === 'failed')).toEqual([]);
      expect(steps.filter((s) => s.outcome === 'passed').length).toBeGreaterThanOrEqual(10);
    },
    900_000,
  );
});
