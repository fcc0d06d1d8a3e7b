import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUS, PARTNER_SOURCE, startLocalHydrant, type LocalHydrant } from './helpers';
import { serveMockPartnerEvents, startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

let local: LocalHydrant;
let receiver: WebhookReceiver;
let partner: Awaited<ReturnType<typeof serveMockPartnerEvents>>;
/** A queue subscribed to partner events on the bus. */
let partnerEventsQueue: string;

const endpoints = () => ({
  webhooks: {
    stripe: `${receiver.url}/webhooks/stripe`,
    delivery: `${receiver.url}/webhooks/delivery/{provider}`,
  },
  mockPartner: { events: `${partner.url}/prod` },
});

beforeAll(async () => {
  local = await startLocalHydrant();
  receiver = await startWebhookReceiver(local.secrets, local.secretIds);
  partner = await serveMockPartnerEvents(local.emulator.endpoint, local.secrets, local.secretIds.partner);
  local.writeEndpoints(endpoints());
  partnerEventsQueue = (await local.sqs.send(new CreateQueueCommand({ QueueName: 'partner-events' })))
    .QueueUrl!;
  const arn = (
    await local.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: partnerEventsQueue, AttributeNames: ['QueueArn'] }),
    )
  ).Attributes!.QueueArn!;
  await local.events.send(
    new PutRuleCommand({
      Name: 'partner-events',
      EventBusName: BUS,
      EventPattern: JSON.stringify({ source: [PARTNER_SOURCE] }),
    }),
  );
  await local.events.send(
    new PutTargetsCommand({ Rule: 'partner-events', EventBusName: BUS, Targets: [{ Id: 'q', Arn: arn }] }),
  );
});

afterAll(async () => {
  partner?.destroy();
  await Promise.all([receiver?.close(), partner?.close()]);
  await local?.close();
});

/** Partner events that reached the bus, waiting until `count` have. */
async function partnerEventsOnBus(
  count: number,
): Promise<{ 'detail-type': string; detail: Record<string, unknown> }[]> {
  const events = [];
  while (events.length < count) {
    const out = await local.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: partnerEventsQueue,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 5,
      }),
    );
    if (!out.Messages?.length) break;
    events.push(...out.Messages.map((m) => JSON.parse(m.Body!)));
  }
  return events;
}

describe('hydrant send stripe', () => {
  it('says how to store a secret when none is stored', async () => {
    const run = await local.run(['send', 'stripe', 'payment_intent.succeeded']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('run `hydrant stripe use-secret`');
    expect(receiver.requests).toHaveLength(0);
  });

  it('sends an event linked to the order that verifies with the stored secret', async () => {
    await local.run(['stripe', 'use-secret', '--stdin'], {}, 'whsec_first_secret\n');

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
    await local.run(['stripe', 'use-secret', '--stdin'], {}, 'whsec_second_secret\n');
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
    local.writeEndpoints({ ...endpoints(), secrets: { ...local.secretIds, stripe: forged.ARN } });
    const requests = receiver.requests.length;

    const run = await local.run(['send', 'stripe', 'payment_intent.succeeded']);

    expect(receiver.requests.length).toBe(requests + 1);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /answered HTTP 400: \{"message":"The Stripe signature matches none of the 2 active secrets"\}/,
    );
    local.writeEndpoints(endpoints());
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
    const set = await local.run(['delivery', 'use-secret', 'swiftship']);
    const secret = set.stdout.split('\n')[0]!;

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
    expect(last).toMatchObject({
      provider: 'swiftship',
      secret,
      event: { source: 'delivery', detailType: 'Delivered' },
    });
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
    await local.run(['delivery', 'use-secret', 'acme-post', '--stdin'], {}, 'a-shared-secret-of-acme');

    const byDefault = await local.run(['send', 'delivery', 'started', '--order', 'ord-2']);
    const unknown = await local.run(
      ['delivery', 'use-secret', 'nowhere-post', '--stdin'],
      {},
      'a-shared-secret-of-acme',
    );
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
  it('publishes through the mock event API as many times as asked, with progress', async () => {
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
    expect(run.json()).toMatchObject({
      type: 'order_placed',
      url: `${partner.url}/prod/put-event/order?event-type=order_placed&orderId=ord-9`,
      sent: 3,
      responses: Array(3).fill({
        published: { source: PARTNER_SOURCE, detail: { eventType: 'ORDER_PLACED' } },
      }),
    });
    expect(run.stderr).toContain('sending order_placed: 3/3');
    const onBus = await partnerEventsOnBus(3);
    expect(onBus.map((e) => (e.detail.orderIdentifier as { orderId: string }).orderId)).toEqual([
      'ord-9',
      'ord-9',
      'ord-9',
    ]);
  });

  it('sends buyability events for an item', async () => {
    const run = await local.run(['send', 'partner', 'buyability', '--item', 'item-7']);

    expect(run.code, run.stderr).toBe(0);
    const [event] = await partnerEventsOnBus(1);
    expect(event).toMatchObject({
      'detail-type': 'santos.buyability.status.change',
      detail: { item: { identifierType: 'itemId', identifierValue: 'item-7' } },
    });
  });

  it('fails with the answer when the partner token is wrong', async () => {
    const wrong = await local.secrets.send(
      new CreateSecretCommand({ Name: 'wrong-partner', SecretString: '{"type":"static","token":"nope"}' }),
    );
    local.writeEndpoints({ ...endpoints(), secrets: { ...local.secretIds, partner: wrong.ARN } });
    const run = await local.run(['send', 'partner', 'order_updated']);
    local.writeEndpoints(endpoints());

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('answered HTTP 401');
  });

  it('exits 3 when the target has no mock partner or webhook API', async () => {
    local.writeEndpoints({ webhooks: {}, mockPartner: {} });
    const partnerRun = await local.run(['send', 'partner', 'order_updated']);
    const stripe = await local.run(['send', 'stripe', 'charge.refunded']);
    local.writeEndpoints(endpoints());

    expect(partnerRun.code).toBe(3);
    expect(partnerRun.stderr).toContain('has no mockPartner.events');
    expect(stripe.code).toBe(3);
    expect(stripe.stderr).toContain('has no webhooks.stripe');
  });
});

describe('secrets stay off the command line and out of --json', () => {
  it('refuses a delivery secret given as an argument, and a generated one under --json without a file', async () => {
    const argv = await local.run(['delivery', 'use-secret', 'acme-post', 'a-shared-secret-of-acme']);
    const json = await local.run(['delivery', 'use-secret', 'acme-post', '--json']);

    expect(argv.code).toBe(2);
    expect(argv.stderr).toContain('--stdin');
    expect(json.code).toBe(2);
    expect(json.stdout).not.toMatch(/[0-9a-f]{64}/);
  });

  it('writes a generated secret to --secret-file (mode 600), never to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hydrant-secret-'));
    const file = join(dir, 'swiftship.secret');

    const run = await local.run(['delivery', 'use-secret', 'swiftship', '--secret-file', file, '--json']);

    expect(run.code, run.stderr).toBe(0);
    const secret = readFileSync(file, 'utf8').trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run.stdout).not.toContain(secret);
    expect(run.json()).toMatchObject({
      provider: 'swiftship',
      stored: true,
      generated: true,
      secretFile: file,
    });
  });
});
