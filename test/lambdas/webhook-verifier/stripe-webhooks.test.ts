import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  BUCKET,
  BUS,
  mockedAws,
  receivedEvent,
  stripeEventBody,
  stripeSignature,
  verifierOver,
} from './factories';

const NOW_S = Math.floor(Date.now() / 1000);
let aws: ReturnType<typeof mockedAws>;

function rejectedObject() {
  const calls = aws.s3.commandCalls(PutObjectCommand);
  expect(calls).toHaveLength(1);
  const input = calls[0].args[0].input;
  return { key: input.Key, bucket: input.Bucket, record: JSON.parse(String(input.Body)) };
}

describe('webhook verifier: Stripe', () => {
  it('publishes a validly signed event as source stripe with its type and the event unchanged', async () => {
    aws = mockedAws();
    const body = stripeEventBody();
    const event = receivedEvent({
      body,
      receivedAt: NOW_S * 1000,
      signature: stripeSignature(body, 'whsec_current', NOW_S),
    });

    const outcome = await verifierOver().handle(event);

    expect(outcome.status).toBe('verified');
    const [call] = aws.eventBridge.commandCalls(PutEventsCommand);
    expect(call.args[0].input.Entries).toEqual([
      expect.objectContaining({
        EventBusName: BUS,
        Source: 'stripe',
        DetailType: 'payment_intent.succeeded',
      }),
    ]);
    expect(JSON.parse(call.args[0].input.Entries![0].Detail!)).toEqual(JSON.parse(body));
    expect(aws.s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('verifies a webhook signed in time but processed hours later, against its receive time', async () => {
    aws = mockedAws();
    const receivedS = NOW_S - 3 * 3600;
    const body = stripeEventBody();
    const event = receivedEvent({
      body,
      receivedAt: receivedS * 1000 + 250,
      signature: stripeSignature(body, 'whsec_current', receivedS - 10),
    });

    expect((await verifierOver().handle(event)).status).toBe('verified');
    expect(aws.eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
  });

  it('accepts both the new and the old secret during a rotation', async () => {
    aws = mockedAws({ stripe: ['whsec_new', 'whsec_old'] });
    const verifier = verifierOver();
    for (const secret of ['whsec_new', 'whsec_old']) {
      const body = stripeEventBody({ id: `evt_${secret}` });
      const event = receivedEvent({
        body,
        receivedAt: NOW_S * 1000,
        signature: stripeSignature(body, secret, NOW_S),
      });
      expect((await verifier.handle(event)).status).toBe('verified');
    }
    expect(aws.eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
  });

  it.each([
    {
      name: 'a tampered body',
      reason: 'bad-signature',
      build: () => {
        const body = stripeEventBody();
        return { body: body.replace('1999', '1'), signature: stripeSignature(body, 'whsec_current', NOW_S) };
      },
    },
    {
      name: 'a wrong secret',
      reason: 'bad-signature',
      build: () => {
        const body = stripeEventBody();
        return { body, signature: stripeSignature(body, 'whsec_attacker', NOW_S) };
      },
    },
    {
      name: 'a signature made more than 300 s before the request arrived',
      reason: 'stale',
      build: () => {
        const body = stripeEventBody();
        return { body, signature: stripeSignature(body, 'whsec_current', NOW_S - 301) };
      },
    },
    {
      name: 'no signature header',
      reason: 'missing-signature',
      build: () => ({ body: stripeEventBody(), signature: '' }),
    },
    {
      name: 'a malformed header',
      reason: 'malformed-signature',
      build: () => ({ body: stripeEventBody(), signature: 'v1=abc,nonsense' }),
    },
    {
      name: 'a signed body that is not JSON',
      reason: 'invalid-json',
      build: () => ({ body: 'not json', signature: stripeSignature('not json', 'whsec_current', NOW_S) }),
    },
    {
      name: 'signed JSON that is not a Stripe event',
      reason: 'invalid-payload',
      build: () => ({
        body: '{"hello":1}',
        signature: stripeSignature('{"hello":1}', 'whsec_current', NOW_S),
      }),
    },
  ])('rejects $name ($reason): recorded under rejected/, nothing published', async ({ build, reason }) => {
    aws = mockedAws();
    const { body, signature } = build();
    const event = receivedEvent({ body, signature, receivedAt: NOW_S * 1000 });

    const outcome = await verifierOver().handle(event);

    expect(outcome).toMatchObject({ status: 'rejected', reason });
    expect(aws.eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
    const { key, bucket, record } = rejectedObject();
    const day = new Date(NOW_S * 1000).toISOString().slice(0, 10);
    expect(bucket).toBe(BUCKET);
    expect(key).toBe(`rejected/stripe/${day}/c0ffee00-0000-4000-8000-000000000001.json`);
    expect(record).toMatchObject({ reason, busEventId: 'bus-event-1', envelope: event.detail });
    expect(record.message).toEqual(expect.any(String));
  });
});
