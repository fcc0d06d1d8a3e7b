import { afterEach, describe, expect, it } from 'vitest';
import {
  FunctionError,
  FunctionInitError,
  FunctionTimeoutError,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '../../../emulator/services/lambda/errors';
import { LambdaService } from '../../../emulator/services/lambda/lambda-service';
import { captureLogs, fixtureFunction, runtime, waitFor } from './helpers';

let service: LambdaService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

function start(logs = captureLogs()) {
  service = new LambdaService(runtime, logs.sinks);
  return { service, logs };
}

describe('local Lambda runtime', () => {
  it('runs the bundle with its own environment, the emulator endpoint and dummy credentials', async () => {
    const { service, logs } = start();
    service.createFunction(fixtureFunction('echo', { environment: { GREETING: 'hej' } }));

    const result = JSON.parse((await service.invokeSync('hydrant-echo', '{"n":1}')) ?? 'null');

    expect(result).toMatchObject({
      event: { n: 1 },
      greeting: 'hej',
      endpoint: 'http://127.0.0.1:4999',
      region: 'eu-west-1',
      accessKey: 'test',
      functionName: 'hydrant-echo',
    });
    expect(result.remaining).toBeGreaterThan(4000);
    expect(result.remaining).toBeLessThanOrEqual(5000);
    await waitFor(() => logs.text().includes('[hydrant-echo] hello from hydrant-echo'));
  });

  it('keeps each function environment apart and reuses warm workers', async () => {
    const { service } = start();
    service.createFunction(fixtureFunction('echo', { functionName: 'one', environment: { GREETING: 'a' } }));
    service.createFunction(fixtureFunction('echo', { functionName: 'two', environment: { GREETING: 'b' } }));

    const first = JSON.parse((await service.invokeSync('one', '{}'))!);
    const second = JSON.parse((await service.invokeSync('two', '{}'))!);
    const again = JSON.parse(
      (await service.invokeSync('arn:aws:lambda:eu-west-1:000000000000:function:one', '{}'))!,
    );

    expect([first.greeting, second.greeting]).toEqual(['a', 'b']);
    expect([first.mutatedBy, second.mutatedBy]).toEqual(['one', 'two']);
    expect(again.invocations).toBe(2);
    expect(process.env.MUTATED_BY).toBeUndefined();
  });

  it('reports handler errors with their type, and a crashed worker without taking the runtime down', async () => {
    const { service } = start();
    service.createFunction(fixtureFunction('broken'));

    const failure = await service.invokeSync('hydrant-broken', '{"id":"o-1"}').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FunctionError);
    expect(failure).toMatchObject({
      errorType: 'PartnerUnavailableError',
      errorMessage: 'partner said no to o-1',
    });

    const crash = await service.invokeSync('hydrant-broken', '{"crash":true}').catch((e: unknown) => e);
    expect(crash).toMatchObject({ errorType: 'Runtime.ExitError' });
    await expect(
      service.invokeSync('arn:aws:lambda:eu-west-1:000000000000:function:hydrant-broken', '{}'),
    ).rejects.toThrow(/partner said no/);
  });

  it('replaces a worker that died while idle instead of sending it the next invocation', async () => {
    const { service } = start();
    // A dead worker sent the invocation would answer only at the timeout, 10 s; a new worker answers
    // after its cold start, which takes up to a few seconds on a loaded CI machine.
    service.createFunction(fixtureFunction('broken', { timeoutSeconds: 10 }));

    expect(await service.invokeSync('hydrant-broken', '{"lateCrash":true}')).toBe('"answered"');
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await expect(service.invokeSync('hydrant-broken', '{"id":"o-2"}')).rejects.toThrow(
      /partner said no to o-2/,
    );
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('enforces the timeout and discards the timed-out worker', async () => {
    const { service } = start();
    service.createFunction(fixtureFunction('slow', { timeoutSeconds: 0.3 }));

    const started = Date.now();
    await expect(service.invokeSync('hydrant-slow', '{"ms":8000}')).rejects.toThrow(FunctionTimeoutError);
    // Well before the handler's 8 s, even with a cold start on a loaded machine.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(JSON.parse((await service.invokeSync('hydrant-slow', '{"ms":10}'))!)).toMatchObject({
      waited: 10,
    });
  });

  it('honours reserved concurrency by queueing invocations beyond it', async () => {
    const { service } = start();
    const fn = service.createFunction(fixtureFunction('slow', { reservedConcurrency: 2 }));

    let peak = 0;
    const watcher = setInterval(() => (peak = Math.max(peak, fn.inFlight)), 5);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => service.invokeSync('hydrant-slow', '{"ms":150}')),
    );
    clearInterval(watcher);

    expect(results).toHaveLength(5);
    expect(peak).toBe(2);
    service.createFunction(fixtureFunction('slow', { functionName: 'off', reservedConcurrency: 0 }));
    await expect(service.invokeSync('off', '{}')).rejects.toThrow(TooManyRequestsException);
  });

  it('names what is missing: an unknown function, a bundle without the handler', async () => {
    const { service } = start();
    await expect(service.invokeSync('nope', '{}')).rejects.toThrow(ResourceNotFoundException);
    service.createFunction(fixtureFunction('echo', { functionName: 'misnamed', handler: 'index.missing' }));
    const failure = await service.invokeSync('misnamed', '{}').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FunctionInitError);
    expect(failure).toMatchObject({ errorType: 'Runtime.HandlerNotFound' });
  });
});
