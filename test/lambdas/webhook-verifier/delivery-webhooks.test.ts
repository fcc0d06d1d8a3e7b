import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { deliveryBody, deliverySignature, mockedAws, receivedEvent, verifierOver } from './factories';

const NOW_S = Math.floor(Date.now() / 1000);
let aws: ReturnType<typeof mockedAws>;

const signed = (body: string, secret = 'acme-secret', t = NOW_S) =>
  receivedEvent({
    provider: 'acme-post',
    body,
    receivedAt: NOW_S * 1000,
    signature: deliverySignature(body, secret, t),
  });

function published() {
  return aws.eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((c) => c.args[0].input.Entries ?? [])
    .map((e) => ({ source: e.Source, detailType: e.DetailType, detail: JSON.parse(e.Detail!) }));
}

describe('webhook verifier: delivery providers', () => {
  it.each([
    ['delivery.started', 'DeliveryStarted'],
    ['delivery.delivered', 'Delivered'],
    ['delivery.canceled', 'DeliveryCanceled'],
    ['delivery.failed', 'DeliveryFailed'],
  ])('publishes a signed %s as source delivery, detail-type %s', async (type, detailType) => {
    aws = mockedAws();
    expect((await verifierOver().handle(signed(deliveryBody({ type })))).status).toBe('verified');
    expect(published()).toEqual([
      {
        source: 'delivery',
        detailType,
        detail: {
          provider: 'acme-post',
          eventId: 'dlv_evt_1',
          orderId: 'order-42',
          customerId: 'cust-7',
          trackingNumber: 'TRK123',
          occurredAt: '2026-11-22T10:00:00Z',
        },
      },
    ]);
  });

  it('accepts a header with several v1 signatures when one matches (rotation on the sender side)', async () => {
    aws = mockedAws({ delivery: { 'acme-post': ['new-secret', 'acme-secret'] } });
    const body = deliveryBody();
    const header = `${deliverySignature(body, 'retired', NOW_S)},v1=${deliverySignature(body, 'acme-secret', NOW_S).split('v1=')[1]}`;
    const event = receivedEvent({ provider: 'acme-post', body, receivedAt: NOW_S * 1000, signature: header });
    expect((await verifierOver().handle(event)).status).toBe('verified');
  });

  it('verifies against the receive time, not the processing time', async () => {
    aws = mockedAws();
    const body = deliveryBody();
    const receivedS = NOW_S - 6 * 3600;
    const event = receivedEvent({
      provider: 'acme-post',
      body,
      receivedAt: receivedS * 1000,
      signature: deliverySignature(body, 'acme-secret', receivedS - 60),
    });
    expect((await verifierOver().handle(event)).status).toBe('verified');
  });

  it.each([
    {
      name: 'a tampered body',
      reason: 'bad-signature',
      event: () => ({
        ...signed(deliveryBody()),
        detail: { ...(signed(deliveryBody()).detail as object), body: deliveryBody({ orderId: 'other' }) },
      }),
    },
    { name: 'a wrong secret', reason: 'bad-signature', event: () => signed(deliveryBody(), 'guess') },
    {
      name: 'a stale signature',
      reason: 'stale',
      event: () => signed(deliveryBody(), 'acme-secret', NOW_S - 301),
    },
    {
      name: 'a signature from the future',
      reason: 'stale',
      event: () => signed(deliveryBody(), 'acme-secret', NOW_S + 301),
    },
    {
      name: 'no header',
      reason: 'missing-signature',
      event: () => receivedEvent({ provider: 'acme-post', body: deliveryBody(), receivedAt: NOW_S * 1000 }),
    },
    {
      name: 'a malformed header',
      reason: 'malformed-signature',
      event: () =>
        receivedEvent({
          provider: 'acme-post',
          body: deliveryBody(),
          receivedAt: NOW_S * 1000,
          signature: 't=abc,v1=xyz',
        }),
    },
    {
      name: 'a signed body that is not JSON',
      reason: 'invalid-json',
      event: () => signed('{"id": "dlv_1",'),
    },
    {
      name: 'an unknown type',
      reason: 'unknown-type',
      event: () => signed(deliveryBody({ type: 'delivery.lost' })),
    },
    {
      name: 'a prototype key as type',
      reason: 'unknown-type',
      event: () => signed(deliveryBody({ type: 'constructor' })),
    },
    {
      name: 'a missing field',
      reason: 'invalid-payload',
      event: () => signed(deliveryBody({ trackingNumber: undefined })),
    },
    {
      name: 'a bad occurredAt',
      reason: 'invalid-payload',
      event: () => signed(deliveryBody({ occurredAt: 'yesterday' })),
    },
  ])('rejects $name ($reason) into rejected/acme-post/, publishing nothing', async ({ event, reason }) => {
    aws = mockedAws();
    const outcome = await verifierOver().handle(event());
    expect(outcome).toMatchObject({ status: 'rejected', reason, provider: 'acme-post' });
    expect(published()).toEqual([]);
    const [put] = aws.s3.commandCalls(PutObjectCommand);
    expect(put.args[0].input.Key).toMatch(
      /^rejected\/acme-post\/\d{4}-\d{2}-\d{2}\/c0ffee00-0000-4000-8000-000000000001\.json$/,
    );
    expect(JSON.parse(String(put.args[0].input.Body))).toMatchObject({ reason });
  });

  it('rejects an unknown provider without reading any secret', async () => {
    aws = mockedAws();
    const body = deliveryBody();
    const event = receivedEvent({
      provider: 'rogue-post',
      body,
      receivedAt: NOW_S * 1000,
      signature: deliverySignature(body, 'x', NOW_S),
    });

    const outcome = await verifierOver().handle(event);

    expect(outcome).toMatchObject({ status: 'rejected', reason: 'unknown-provider' });
    expect(aws.secretsManager.calls()).toHaveLength(0);
    expect(aws.s3.commandCalls(PutObjectCommand)[0].args[0].input.Key).toMatch(/^rejected\/rogue-post\//);
  });
});
