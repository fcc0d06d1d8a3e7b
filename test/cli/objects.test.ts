import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineKey, type TimelineEntry } from '../../lambdas/shop/timeline';
import { BUCKET, startLocalHydrant, type LocalHydrant } from './helpers';

let local: LocalHydrant;

beforeAll(async () => {
  local = await startLocalHydrant();
  const put = (key: string, body: string) =>
    local.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'application/json' }),
    );
  await put(
    'hydrated/orders/o-1/2026-01-01T00:00:00Z_ORDER_PLACED_e1.json',
    JSON.stringify({ complete: true, note: "it's ✓" }),
  );
  await put('hydrated/items/i-1/2026-01-01T00:00:00Z_e2.json', '{"complete":false}');
  await put('rejected/stripe/2026-01-01/r1.json', 'not json at all');
  await put(
    'rejected/acme-post/2026-01-02/r2.json',
    JSON.stringify({
      reason: 'signature-mismatch',
      message: 'no active secret verifies the signature',
      rejectedAt: '2026-01-02T08:00:00.000Z',
      busEventId: 'b-2',
      envelope: { body: '{"orderId":"o-1"}' },
    }),
  );
  const entry = (kind: TimelineEntry['kind'], occurredAt: string, eventId: string): TimelineEntry => ({
    orderId: 'o-1',
    kind,
    occurredAt,
    eventId,
    source: kind === 'paid' ? 'stripe' : kind === 'placed' ? 'shop.hydration' : 'delivery',
    detailType: kind,
    details: {},
    recordedAt: occurredAt,
  });
  // Written out of order on purpose: the status must not depend on arrival.
  for (const e of [
    entry('delivered', '2026-01-03T10:00:00.000Z', 'dev_2'),
    entry('placed', '2026-01-01T10:00:00.000Z', 'evt-placed'),
    entry('paid', '2026-01-01T10:05:00.000Z', 'evt_paid'),
    entry('shipped', '2026-01-02T09:00:00.000Z', 'dev_1'),
  ]) {
    await put(timelineKey(e), JSON.stringify(e));
  }
});

afterAll(() => local?.close());

describe('hydrant objects', () => {
  it('lists keys under a prefix as JSON', async () => {
    const run = await local.run(['objects', 'ls', 'hydrated/', '--json']);

    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({
      bucket: BUCKET,
      prefix: 'hydrated/',
      objects: [
        { key: 'hydrated/items/i-1/2026-01-01T00:00:00Z_e2.json', size: 18 },
        { key: 'hydrated/orders/o-1/2026-01-01T00:00:00Z_ORDER_PLACED_e1.json' },
      ],
    });
  });

  it('says when --limit cut the listing short', async () => {
    const run = await local.run(['objects', 'ls', '--limit', '2', '--json']);

    expect(run.json<{ objects: unknown[] }>().objects).toHaveLength(2);
    expect(run.stderr).toContain('showing the first 2 keys; raise --limit for more');
  });

  it('lists as a table without colour when stdout is not a terminal', async () => {
    const run = await local.run(['objects', 'ls', 'rejected/stripe/']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^KEY\s+SIZE\s+LAST MODIFIED\nrejected\/stripe\/2026-01-01\/r1\.json\s+15\s+20\d\d-/,
    );
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('pretty-prints a JSON object and prints other objects as they are', async () => {
    const json = await local.run([
      'objects',
      'get',
      'hydrated/orders/o-1/2026-01-01T00:00:00Z_ORDER_PLACED_e1.json',
    ]);
    const text = await local.run(['objects', 'get', 'rejected/stripe/2026-01-01/r1.json', '--json']);

    expect(json.stdout).toBe(`${JSON.stringify({ complete: true, note: "it's ✓" }, null, 2)}\n`);
    expect(text.json()).toEqual({
      key: 'rejected/stripe/2026-01-01/r1.json',
      contentType: 'application/json',
      text: 'not json at all',
    });
  });

  it('exits 4 for a missing key, with what to do', async () => {
    const run = await local.run(['objects', 'get', 'hydrated/nope.json', '--json']);

    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/No object hydrated\/nope\.json .*hydrant objects ls/);
    expect(run.json()).toMatchObject({ error: { name: 'NotFoundError', exitCode: 4 } });
  });
});

describe('hydrant order', () => {
  it('shows the timeline in time order with the status deriveOrderStatus gives', async () => {
    const run = await local.run(['order', 'o-1', '--json']);

    expect(run.code).toBe(0);
    const view = run.json<{
      status: string;
      decidedBy: string;
      timeline: { kind: string; eventId: string }[];
    }>();
    expect(view.status).toBe('delivered');
    expect(view.decidedBy).toBe('dev_2');
    expect(view.timeline.map((e) => e.kind)).toEqual(['placed', 'paid', 'shipped', 'delivered']);
  });

  it('prints the status and timeline as text', async () => {
    const run = await local.run(['order', 'o-1']);

    expect(run.stdout.split('\n')[0]).toBe('order o-1  delivered since 2026-01-03T10:00:00.000Z');
    expect(run.stdout).toMatch(/2026-01-02T09:00:00\.000Z\s+shipped\s+delivery \/ shipped\s+dev_1/);
  });

  it('exits 4 for an order with no timeline', async () => {
    const run = await local.run(['order', 'o-404']);

    expect(run.code).toBe(4);
    expect(run.stderr).toContain('Order o-404 has no timeline');
  });
});

describe('hydrant rejected', () => {
  it('lists quarantined webhooks newest first with their reasons, an unreadable record included', async () => {
    const all = await local.run(['rejected', '--json']);
    const forOrder = await local.run(['rejected', '--order', 'o-1', '--json']);
    const text = await local.run(['rejected', '--provider', 'acme-post']);

    expect(all.code, all.stderr).toBe(0);
    expect(all.json()).toMatchObject({
      rejected: [
        { key: 'rejected/acme-post/2026-01-02/r2.json', provider: 'acme-post', reason: 'signature-mismatch' },
        { key: 'rejected/stripe/2026-01-01/r1.json', provider: 'stripe', reason: 'unreadable' },
      ],
    });
    expect(forOrder.json<{ rejected: unknown[] }>().rejected).toHaveLength(1);
    expect(text.stdout).toMatch(/2026-01-02T08:00:00\.000Z\s+acme-post\s+signature-mismatch/);
  });
});
