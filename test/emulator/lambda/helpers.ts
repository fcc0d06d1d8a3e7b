/** Factories for local Lambda tests: fixture functions and an output sink the tests can read. */
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FunctionConfig, RuntimeEnvironment } from '../../../emulator/services/lambda/function-config';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const runtime: RuntimeEnvironment = {
  awsEndpoint: 'http://127.0.0.1:4999',
  region: 'eu-west-1',
  accountId: '000000000000',
};

export function fixtureFunction(fixture: string, overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  const functionName = overrides.functionName ?? `hydrant-${fixture}`;
  return {
    functionName,
    functionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    handler: 'index.handler',
    codeDir: path.join(FIXTURES, fixture),
    environment: {},
    timeoutSeconds: 5,
    memoryMb: 128,
    ...overrides,
  };
}

/** Collects everything written to it, for asserting on function logs. */
export function captureLogs() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = '';
  stdout.on('data', (c) => (text += String(c)));
  stderr.on('data', (c) => (text += String(c)));
  return { sinks: { stdout, stderr }, text: () => text };
}

/**
 * Polls `probe` every 20 ms until it returns a value. The default deadline is generous: a cold
 * worker start takes seconds on a loaded 2-core CI machine, and a passing test never waits for it.
 */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
