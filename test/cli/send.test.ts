import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHydrant, type LocalHydrant } from './helpers';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

let local: LocalHydrant;
let receiver: WebhookReceiver;

beforeAll(async () => {
  local = await startLocalHydrant();
  receiver = await startWebhookReceiver(local.secrets, local.secretIds);
  local.writeEndpoints({
    webhooks: {
      stripe: `${receiver.url}/webhooks/stripe`,
      delivery: `${receiver.url}/webhooks/delivery/{provider}`,
    },
    mockPartner: { events: `${receiver.url}/prod` },
  });
});

afterAll(async () => {
  await receiver?.close();
  await local?.close();
});

describe('hydrant send stripe', () => {
  it('says how to store a secret when none is stored', async () => {
    const run = await local.run(['send', 'stripe', 'payment_intent.succeeded']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('run `hydrant stripe use-secret`');
    expect(receiver.requests).toHaveLength(0);
  });

  it('sends an event linked to the order that verifies with the stored secret', async () => {
    await local.run(['stripe', 'use-secret', 'whsec_first_secret']);

    const run = await local.run(['send', 'stripe', 'payment_intent.succeeded', '--order', 'ord-1', '--json']);

    expect(run.code, run.stderr).toBe(0);
    const out = run.json<{ eventId: string; status: number; response: { eventId: string } }>();
    expect(out).toMatchObject({ status: 200, response: { received: true, eventId: out.eventId } });
    const last = receiver.verified.at(-1)!;
    expect(last.secret).toBe('whsec_first_secret');
    expect(JSON.parse(last.body)).toMatchObject({
      id: out.eventId,
      type: 'payment_intent.succeeded',
      data: { object: { object: 'payment_intent', metadata: { orderId: 'ord-1' } } },
    });
  });

  it('signs a payload file byte-exact with the newest secret after a rotation', async () => {
    await local.run(['stripe', 'use-secret', 'whsec_second_secret']);
    const dir = mkdtempSync(join(tmpdir(), 'hydrant-send-'));
    writeFileSync(
      join(dir, 'refund.json'),
      JSON.stringify({ id: 'ch_1', description: `Zoë's "größte" order ✓` }),
    );

    const run = await local.run(['send', 'stripe', 'charge.refunded', '--file', join(dir, 'refund.json')]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^sent evt_\S+ charge\.refunded → http:\/\/127\.0\.0\.1:\d+\/webhooks\/stripe HTTP 200\n$/,
    );
    const last = receiver.verified.at(-1)!;
    expect(last.secret).toBe('whsec_second_secret');
    expect(JSON.parse(last.body).data.object).toMatchObject({
      id: 'ch_1',
      description: `Zoë's "größte" order ✓`,
    });
  });

  it('fails with the answer when the webhook API rejects the signature', async () => {
    // The CLI signs with a secret the receiver's list does not hold: a forged webhook.
    const forged = await local.secrets.send(
      new CreateSecretCommand({ Name: 'forged-stripe', SecretString: '{"signingSecrets":["whsec_forged"]}' }),
    );
    local.writeEndpoints({
      webhooks: { stripe: `${receiver.url}/webhooks/stripe` },
      secrets: { stripe: forged.ARN, delivery: local.secretIds.delivery },
    });
    const requests = receiver.requests.length;

    const run = await local.run(['send', 'stripe', 'payment_intent.succeeded']);

    expect(receiver.requests.length).toBe(requests + 1);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/answered HTTP 400: \{"message":"signature does not verify"\}/);
    local.writeEndpoints({
      webhooks: {
        stripe: `${receiver.url}/webhooks/stripe`,
        delivery: `${receiver.url}/webhooks/delivery/{provider}`,
      },
      mockPartner: { events: `${receiver.url}/prod` },
    });
  });
});

describe('hydrant send delivery', () => {
  it('says how to set a provider secret when none is set', async () => {
    const run = await local.run([
      'send',
      'delivery',
      'started',
      '--order',
      'ord-1',
      '--provider',
      'swiftship',
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('run `hydrant delivery use-secret swiftship`');
  });

  it("sends a webhook signed with the provider's newest secret", async () => {
    const set = await local.run(['delivery', 'use-secret', 'swiftship', '--json']);
    const { secret } = set.json<{ secret: string }>();

    const run = await local.run([
      'send',
      'delivery',
      'delivered',
      '--order',
      'ord-1',
      '--provider',
      'swiftship',
      '--json',
    ]);

    expect(run.code, run.stderr).toBe(0);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const last = receiver.verified.at(-1)!;
    expect(last).toMatchObject({ kind: 'delivery', provider: 'swiftship', secret });
    expect(JSON.parse(last.body)).toMatchObject({
      id: run.json<{ eventId: string }>().eventId,
      type: 'delivery.delivered',
      orderId: 'ord-1',
      customerId: 'cus_local',
      trackingNumber: expect.any(String),
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('defaults to the first provider and rejects unknown ones and statuses', async () => {
    await local.run(['delivery', 'use-secret', 'acme-post', 'a-shared-secret-of-acme']);

    const byDefault = await local.run(['send', 'delivery', 'started', '--order', 'ord-2']);
    const unknown = await local.run(['delivery', 'use-secret', 'nowhere-post', 'a-shared-secret-of-acme']);
    const badStatus = await local.run(['send', 'delivery', 'lost', '--order', 'ord-2']);
    const noOrder = await local.run(['send', 'delivery', 'started']);

    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(receiver.verified.at(-1)).toMatchObject({
      provider: 'acme-post',
      secret: 'a-shared-secret-of-acme',
    });
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('the stack accepts acme-post, swiftship');
    expect(badStatus.code).toBe(2);
    expect(noOrder.code).toBe(2);
    expect(noOrder.stderr).toContain("required option '--order <id>' not specified");
  });
});

describe('hydrant send partner', () => {
  it('posts to the mock event API as many times as asked, with progress', async () => {
    const before = receiver.requests.length;

    const run = await local.run([
      'send',
      'partner',
      'order_placed',
      '--order',
      'ord-9',
      '--count',
      '3',
      '--json',
    ]);

    expect(run.code, run.stderr).toBe(0);
    const sent = receiver.requests.slice(before);
    expect(sent.map((r) => r.url)).toEqual(
      Array(3).fill('/prod/put-event/order?event-type=order_placed&orderId=ord-9'),
    );
    expect(run.json()).toMatchObject({
      type: 'order_placed',
      sent: 3,
      responses: [{ eventId: expect.any(String) }, {}, {}],
    });
    expect(run.stderr).toContain('sending order_placed: 3/3');
  });

  it('sends buyability events for an item', async () => {
    const run = await local.run(['send', 'partner', 'buyability', '--item', 'item-7']);

    expect(run.code, run.stderr).toBe(0);
    expect(receiver.requests.at(-1)!.url).toBe(
      '/prod/put-event/buyability?event-type=buyability&itemId=item-7',
    );
  });

  it('exits 3 when the target has no mock partner', async () => {
    local.writeEndpoints({ webhooks: {}, mockPartner: {} });
    const partner = await local.run(['send', 'partner', 'order_updated']);
    const stripe = await local.run(['send', 'stripe', 'charge.refunded']);
    local.writeEndpoints({
      webhooks: {
        stripe: `${receiver.url}/webhooks/stripe`,
        delivery: `${receiver.url}/webhooks/delivery/{provider}`,
      },
      mockPartner: { events: `${receiver.url}/prod` },
    });

    expect(partner.code).toBe(3);
    expect(partner.stderr).toContain('has no mockPartner.events');
    expect(stripe.code).toBe(3);
    expect(stripe.stderr).toContain('has no webhooks.stripe');
  });
});
