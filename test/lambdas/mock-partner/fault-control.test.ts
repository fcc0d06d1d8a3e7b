import { afterEach, describe, expect, it } from 'vitest';
import { MockPartnerFaultControl } from '../../../bin/ops/partner/fault-control';
import { SINGLE_ORDER } from '../../../lambdas/hydration/operations.generated';
import { MemoryFaultStore, ObjectFaultStore } from '../../../lambdas/mock-partner-graphql/fault-store';
import { NO_FAULTS, type FaultConfig } from '../../../lambdas/mock-partner-graphql/faults';
import { createMockPartnerHandler } from '../../../lambdas/mock-partner-graphql/handler';
import { idFaultByConvention } from '../../../lambdas/mock-partner-graphql/id-faults';
import { serveProxyHandler, type ServedHandler } from '../../../lambdas/mock-partner-graphql/server';
import { PreconditionFailedError } from '../../../lambdas/shared/errors';
import type { ObjectStore, PutObjectOptions, StoredObject } from '../../../lambdas/shared/ports';

const TOKEN = 'fault-test-token';
let served: ServedHandler | undefined;
const sleeps: number[] = [];
afterEach(async () => {
  await served?.close();
  served = undefined;
  sleeps.length = 0;
});

async function serve(deployed: Partial<FaultConfig> = {}) {
  served = await serveProxyHandler(
    createMockPartnerHandler({
      faults: { ...NO_FAULTS, ...deployed },
      faultStore: new MemoryFaultStore(),
      readSecret: async () => ({ type: 'static', token: TOKEN }),
      sleep: async (ms) => void sleeps.push(ms),
    }),
  );
  return { control: new MockPartnerFaultControl(`${served.url}/admin/faults`, TOKEN) };
}

async function order(orderId: string) {
  const response = await fetch(`${served!.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${TOKEN}`,
      'X-Omni-InstallationId': 'installation-test',
    },
    body: JSON.stringify({ query: SINGLE_ORDER, variables: { orderId } }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
  };
}

/** An ObjectStore in memory with S3's conditional writes, to check counting under concurrency. */
class ConditionalMemoryStore implements ObjectStore {
  readonly objects = new Map<string, StoredObject>();
  private version = 0;

  async put(key: string, body: string, options: PutObjectOptions = {}) {
    await new Promise((r) => setImmediate(r)); // let concurrent callers interleave
    const current = this.objects.get(key);
    if (options.ifNoneMatch === '*' && current) throw new PreconditionFailedError(key);
    if (options.ifMatch !== undefined && current?.etag !== options.ifMatch)
      throw new PreconditionFailedError(key);
    const etag = `"${++this.version}"`;
    this.objects.set(key, { body, etag, metadata: {} });
    return { etag };
  }

  async get(key: string) {
    await new Promise((r) => setImmediate(r));
    return this.objects.get(key);
  }
}

describe('mock partner fault control', () => {
  it('fails an id n times with 503, then serves it (fail-<n>- convention)', async () => {
    await serve();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await order('fail-2-ord-1')).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it('throttles with 429 and Retry-After, serves an HTML page with 200, and slows down, by id', async () => {
    await serve();
    expect(await order('throttle-1-ord-2')).toMatchObject({ status: 429, retryAfter: '1' });
    expect((await order('throttle-1-ord-2')).status).toBe(200);
    expect(await order('html-1-ord-3')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await order('html-1-ord-3')).toMatchObject({ status: 200, type: 'application/json' });
    expect((await order('slow-1500-ord-4')).status).toBe(200);
    expect(sleeps).toEqual([1500]);
  });

  it('takes faults at run time through the admin route, and clear restores the deployment faults', async () => {
    const { control } = await serve({ error429Rate: 1 });
    expect((await order('ord-5')).status).toBe(429);

    const set = await control.set({ ids: { 'ord-5': { kind: 'fail', times: 1 } } });
    expect(set).toMatchObject({
      source: 'runtime',
      effective: { error429Rate: 0, ids: { 'ord-5': { kind: 'fail' } } },
    });
    expect((await order('ord-5')).status).toBe(503);
    expect((await order('ord-5')).status).toBe(200);
    expect((await control.get()).source).toBe('runtime');

    expect(await control.clear()).toMatchObject({ source: 'deployment', effective: { error429Rate: 1 } });
    expect((await order('ord-5')).status).toBe(429);
  });

  it('restarts per-id counts when the faults are written again', async () => {
    const { control } = await serve();
    await control.set({ ids: { 'ord-6': { kind: 'fail', times: 1 } } });
    expect([(await order('ord-6')).status, (await order('ord-6')).status]).toEqual([503, 200]);
    await control.set({ ids: { 'ord-6': { kind: 'fail', times: 1 } } });
    expect((await order('ord-6')).status).toBe(503);
  });

  it('refuses callers without the partner token and bad documents, listing every problem', async () => {
    const { control } = await serve();
    const anonymous = await fetch(control.url, { method: 'PUT', body: '{}' });
    expect(anonymous.status).toBe(401);
    await expect(
      control.set({ error5xxRate: 2, ids: { x: { kind: 'explode' as 'fail', times: 0 } } }),
    ).rejects.toThrow(/400.*error5xxRate.*ids\["x"\]\.kind.*ids\["x"\]\.times/);
  });

  it('reads id conventions only from the prefix', () => {
    expect(idFaultByConvention('fail-3-ord-1')).toEqual({ kind: 'fail', times: 3 });
    expect(idFaultByConvention('fail-ord-1')).toEqual({ kind: 'fail' });
    expect(idFaultByConvention('slow-ord-1')).toEqual({ kind: 'slow', ms: 3000 });
    expect(idFaultByConvention('slow-99999-ord')).toEqual({ kind: 'slow', ms: 25_000 });
    expect(idFaultByConvention('ord-fail-3')).toBeUndefined();
    expect(idFaultByConvention('missing-1')).toBeUndefined();
  });
});

describe('fault store over S3 objects', () => {
  it('counts concurrent calls for an id exactly once each', async () => {
    const store = new ObjectFaultStore(new ConditionalMemoryStore());
    const counts = await Promise.all(Array.from({ length: 8 }, () => store.countCall('g1', 'ord-1')));
    expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await store.countCall('g2', 'ord-1')).toBe(1);
  });

  it('keeps the document with a new generation on every write, and clears it', async () => {
    const objects = new ConditionalMemoryStore();
    const store = new ObjectFaultStore(objects);
    expect(await store.read()).toBeUndefined();
    const first = await store.write({ error5xxRate: 0.5 });
    expect(await store.read()).toEqual(first);
    const cleared = await store.write(undefined);
    expect(cleared.faults).toBeUndefined();
    expect(cleared.generation).not.toBe(first.generation);
    expect([...objects.objects.keys()]).toEqual(['mock-partner/faults.json']);
  });
});
