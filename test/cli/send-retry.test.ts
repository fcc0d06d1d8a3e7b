import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchWithRetry, type RetryNotice } from '../../bin/ops/send/retrying-fetch';
import { NO_FAULTS } from '../../lambdas/mock-partner-graphql/faults';
import { MemoryFaultStore } from '../../lambdas/mock-partner-graphql/fault-store';
import { createMockPartnerHandler } from '../../lambdas/mock-partner-graphql/handler';
import { serveProxyHandler, type ServedHandler } from '../../lambdas/mock-partner-graphql/server';
import { PARTNER_TOKEN, startLocalHydrant, type LocalHydrant } from './helpers';

/** An HTTP server answering by a script of statuses (then 200), counting requests. */
async function flakyServer(
  script: (n: number) => number,
): Promise<{ url: string; requests: () => number; server: Server }> {
  let requests = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests += 1;
      const status = script(requests);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          status === 200 ? { published: { 'detail-type': 'Order Placed' } } : { message: 'busy' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    server,
  };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
const noSleep = { sleep: async () => undefined };

describe('retrying fetch', () => {
  it('retries 429 and 5xx with full-jitter backoff capped like the AWS SDK, then answers', async () => {
    const flaky = await flakyServer((n) => [429, 503, 500, 502, 504][n - 1] ?? 200);
    const notices: RetryNotice[] = [];
    const response = await fetchWithRetry(
      flaky.url,
      { method: 'POST' },
      {
        ...noSleep,
        random: () => 0.999,
        maxDelayMs: 500,
        onRetry: (r) => notices.push(r),
      },
    );
    await close(flaky.server);
    expect(response.status).toBe(200);
    expect(notices.map((n) => n.reason)).toEqual([
      'HTTP 429',
      'HTTP 503',
      'HTTP 500',
      'HTTP 502',
      'HTTP 504',
    ]);
    // random() × min(cap, 100 ms × 2^(attempt-1))
    expect(notices.map((n) => n.delayMs)).toEqual([99, 199, 399, 499, 499]);
  });

  it('gives up after the last attempt with the last answer, and never retries a 4xx other than 429', async () => {
    const down = await flakyServer(() => 503);
    const last = await fetchWithRetry(down.url, { method: 'POST' }, { ...noSleep, maxAttempts: 3 });
    expect([last.status, down.requests()]).toEqual([503, 3]);
    await close(down.server);

    const bad = await flakyServer(() => 400);
    expect((await fetchWithRetry(bad.url, { method: 'POST' }, noSleep)).status).toBe(400);
    expect(bad.requests()).toBe(1);
    await close(bad.server);
  });

  it('waits at least what Retry-After asks', async () => {
    let first = true;
    const server = createServer((_req, res) => {
      res.writeHead(first ? 429 : 200, first ? { 'retry-after': '2' } : {});
      first = false;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const waits: number[] = [];
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetchWithRetry(url, {}, { sleep: async (ms) => void waits.push(ms), random: () => 0 });
    await close(server);
    expect(waits).toEqual([2000]);
  });
});

describe('hydrant send partner --count, partner use-credentials and partner faults', () => {
  let local: LocalHydrant;
  let flaky: Awaited<ReturnType<typeof flakyServer>>;
  let mock: ServedHandler;

  beforeAll(async () => {
    local = await startLocalHydrant();
    // Every 4th request throttled, every 7th a 503: a busy partner event API.
    flaky = await flakyServer((n) => (n % 4 === 0 ? 429 : n % 7 === 0 ? 503 : 200));
    mock = await serveProxyHandler(
      createMockPartnerHandler({
        faults: NO_FAULTS,
        faultStore: new MemoryFaultStore(),
        readSecret: async () => ({ type: 'static', token: PARTNER_TOKEN }),
      }),
    );
    local.writeEndpoints({ mockPartner: { events: flaky.url, graphql: `${mock.url}/graphql` } });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([flaky && close(flaky.server), mock?.close(), local?.close()]);
  });

  it('completes every event through 429 and 503 answers, with progress and a retry count', async () => {
    const run = await local.run(['--json', 'send', 'partner', 'order_placed', '--count', '40']);
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<{ sent: number; retried: number }>();
    expect(result.sent).toBe(40);
    expect(result.retried).toBe(flaky.requests() - 40);
    expect(result.retried).toBeGreaterThan(10);
    expect(run.stderr).toMatch(/sending order_placed: 40\/40 \(\d+ retried\)/);
  }, 120_000);

  it('sets, shows and clears mock partner faults', async () => {
    const set = await local.run([
      '--json',
      'partner',
      'faults',
      'set',
      '--error-5xx-rate',
      '0.2',
      '--id',
      'ord-1=fail:2',
      '--id',
      'ord-2=slow:500',
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.json()).toMatchObject({
      source: 'runtime',
      effective: {
        error5xxRate: 0.2,
        ids: { 'ord-1': { kind: 'fail', times: 2 }, 'ord-2': { kind: 'slow', ms: 500 } },
      },
    });
    const shown = await local.run(['partner', 'faults', 'get']);
    expect(shown.stdout).toContain('ord-1  fail × 2');
    expect((await local.run(['--json', 'partner', 'faults', 'clear'])).json()).toMatchObject({
      source: 'deployment',
    });

    const bad = await local.run(['partner', 'faults', 'set', '--id', 'ord-1=explode']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected <id>=<fail|throttle|html|slow>');
  });

  it('stores OAuth client credentials read from stdin, never printing the secret', async () => {
    const run = await local.run(
      [
        'partner',
        'use-credentials',
        '--client-id',
        'client-9',
        '--token-url',
        'https://partner.example/token',
        '--installation-id',
        'inst-42',
      ],
      {},
      { stdin: 'very-secret-value\n' },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('very-secret-value');
    const { SecretString } = await local.secrets.send(
      new GetSecretValueCommand({ SecretId: local.secretIds.partner }),
    );
    expect(JSON.parse(SecretString!)).toEqual({
      type: 'oauth',
      tokenUrl: 'https://partner.example/token',
      clientId: 'client-9',
      clientSecret: 'very-secret-value',
      installationId: 'inst-42',
    });

    const token = await local.run(
      ['partner', 'use-credentials', '--token', '--installation-id', 'inst-42'],
      {},
      { stdin: PARTNER_TOKEN },
    );
    expect(token.code, token.stderr).toBe(0);
    const stored = await local.secrets.send(new GetSecretValueCommand({ SecretId: local.secretIds.partner }));
    expect(JSON.parse(stored.SecretString!)).toEqual({
      type: 'static',
      token: PARTNER_TOKEN,
      installationId: 'inst-42',
    });

    const usage = await local.run(
      ['partner', 'use-credentials', '--token', '--client-id', 'x'],
      {},
      { stdin: 'x' },
    );
    expect(usage.code).toBe(2);
  });

  it('explains that a stack with a real partner cannot send partner events, exit 3', async () => {
    local.writeEndpoints({ mockPartner: {} });
    const run = await local.run(['send', 'partner', 'order_placed']);
    local.writeEndpoints({ mockPartner: { events: flaky.url, graphql: `${mock.url}/graphql` } });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/real partner[\s\S]*hydrant:mockPartner=true/);
  });
});
