/**
 * `npm run demo`: the whole pipeline, locally, in about a minute. Starts the local cloud on a free
 * port with a fresh state folder, sends signed and forged webhooks and mock partner events (one
 * the partner never finds, one during a 5xx burst that recovers), waits until the pipeline settles
 * and prints what happened. Exits non-zero when anything expected is missing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Message } from '@aws-sdk/client-sqs';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import Stripe from 'stripe';
import type { LocalCloud } from '../../emulator/local-cloud';
import { signDeliveryBody } from '../../lambdas/shared/delivery-signature';
import { createClients, type AwsClients } from '../ops/aws/clients';
import { peekMessages } from '../ops/dlq/peek';
import { BusWatcher, type BusEventRecord } from '../ops/events/bus-watcher';
import type { Endpoints } from '../ops/target/endpoints';
import { MockPartnerFaultControl } from '../ops/partner/fault-control';
import { startLocalHydrant } from './local-hydrant';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const ORDER = 'ord-demo-1001';
const ITEM = 'item-demo-42';
const MISSING = 'missing-demo-7';
const BURST = 'ord-demo-burst';
const SETTLE_TIMEOUT_MS = 120_000;
const verbose = process.argv.includes('--verbose');
const PAID_DESCRIPTION = `Crème brûlée "deluxe" for O'Brien – 5 × 🍮, Ünïcödé ✓`;

interface Demo {
  readonly cloud: LocalCloud;
  readonly endpoints: Endpoints;
  readonly clients: AwsClients;
}

const sent: { what: string; status: number }[] = [];

async function main(): Promise<number> {
  const started = Date.now();
  const stateDir = mkdtempSync(path.join(tmpdir(), 'hydrant-demo-'));
  console.log('Synthesizing the CDK app…');
  const logs = new PassThrough();
  logs.on('data', (c) => verbose && process.stdout.write(c));
  const { cloud, endpoints } = await startLocalHydrant({
    port: 0,
    stateDir,
    logs: { stdout: logs, stderr: logs },
  });
  console.log(`Local cloud on ${cloud.emulator.endpoint}, state in ${stateDir}\n`);
  const clients = createClients({
    awsEndpoint: cloud.emulator.endpoint,
    region: cloud.emulator.context.region,
  });
  const demo: Demo = { cloud, endpoints, clients };
  try {
    const busWatch = await BusWatcher.start(clients, endpoints.bus, undefined, 'demo-bus-watch');
    await sendEverything(demo);
    const missing = await settle(demo);
    missing.push(...(await report(demo, busWatch)));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (missing.length > 0) {
      console.log(
        `\nFAILED after ${seconds} s: expected but missing:\n${missing.map((m) => `  - ${m}`).join('\n')}`,
      );
      return 1;
    }
    console.log(`\nEverything expected arrived (${seconds} s).`);
    return 0;
  } finally {
    clients.destroy();
    await cloud.close();
  }
}

async function sendEverything(demo: Demo): Promise<void> {
  const { endpoints } = demo;
  const stripeSecret = `whsec_${randomBytes(24).toString('base64')}`;
  await putJsonSecret(demo, endpoints.secrets.stripe!, () => ({ signingSecrets: [stripeSecret] }));
  const deliverySecret = randomBytes(32).toString('hex');
  await putJsonSecret(demo, endpoints.secrets.delivery!, (current) => ({
    ...current,
    'acme-post': [deliverySecret],
  }));
  const token = (await readJsonSecret(demo, endpoints.secrets.partner!)).token as string;
  await injectPartnerBurst(endpoints.mockPartner.graphql!, token);

  const stripeEvent = JSON.stringify({
    id: 'evt_demo_paid',
    object: 'event',
    type: 'payment_intent.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: 'pi_demo',
        object: 'payment_intent',
        amount: 12_990,
        currency: 'eur',
        description: PAID_DESCRIPTION,
        metadata: { orderId: ORDER },
      },
    },
  });
  const sign = (body: string, secret: string) =>
    Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret,
      timestamp: Math.floor(Date.now() / 1000),
    });
  await send('Stripe payment_intent.succeeded, signed', endpoints.webhooks.stripe!, stripeEvent, {
    'Stripe-Signature': sign(stripeEvent, stripeSecret),
  });
  const forged = stripeEvent.replace('evt_demo_paid', 'evt_demo_forged').replace('12990', '1');
  await send('Stripe webhook, forged signature', endpoints.webhooks.stripe!, forged, {
    'Stripe-Signature': sign(forged, 'whsec_an_attackers_guess'),
  });
  const delivery = JSON.stringify({
    id: 'dev_demo_delivered',
    type: 'delivery.delivered',
    orderId: ORDER,
    customerId: 'cus_demo',
    trackingNumber: 'TRK-DEMO-1',
    occurredAt: new Date().toISOString(),
  });
  await send(
    'acme-post delivery.delivered, signed',
    endpoints.webhooks.delivery!.replace('{provider}', 'acme-post'),
    delivery,
    {
      'X-Hydrant-Signature': signDeliveryBody(delivery, deliverySecret, Math.floor(Date.now() / 1000)),
    },
  );
  const partner = (kind: string, query: string) =>
    send(`partner ${kind}`, `${endpoints.mockPartner.events}/${query}`, '', {
      authorization: `Bearer ${token}`,
    });
  await partner(`order_placed ${ORDER}`, `order?event-type=order_placed&orderId=${ORDER}`);
  await partner(`order_updated ${ORDER}`, `order?event-type=order_updated&orderId=${ORDER}`);
  await partner(`order_refund_success ${ORDER}`, `order?event-type=order_refund_success&orderId=${ORDER}`);
  await partner(`buyability ${ITEM}`, `buyability?event-type=buyability&itemId=${ITEM}`);
  await partner(
    `order_placed ${MISSING} (unknown to the partner)`,
    `order?event-type=order_placed&orderId=${MISSING}`,
  );
  await partner(
    `order_placed ${BURST} (during a 5xx burst)`,
    `order?event-type=order_placed&orderId=${BURST}`,
  );
}

async function send(what: string, url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  sent.push({ what, status: response.status });
  console.log(`  sent ${what.padEnd(66)} HTTP ${response.status}`);
}

/**
 * The partner's GraphQL endpoint answers 503 to the first two queries for BURST, then recovers:
 * set through the mock partner's fault control, as `hydrant partner faults set --id` does.
 */
async function injectPartnerBurst(graphqlUrl: string, token: string): Promise<void> {
  await MockPartnerFaultControl.forGraphqlUrl(graphqlUrl, token).set({
    ids: { [BURST]: { kind: 'fail', times: 2 } },
  });
}

/** Everything the demo expects, each as a check against the local cloud. */
function expectations(demo: Demo): [string, () => Promise<boolean>][] {
  const has =
    (prefix: string, count = 1, filter = (_: string) => true) =>
    async () =>
      (await keys(demo, prefix)).filter(filter).length >= count;
  const dlq = demo.endpoints.dlqs['order-hydration'];
  return [
    [
      `verified payment on the ${ORDER} timeline`,
      has(`orders/${ORDER}/timeline/`, 1, (k) => k.includes('_paid_evt_demo_paid')),
    ],
    [
      `delivery on the ${ORDER} timeline`,
      has(`orders/${ORDER}/timeline/`, 1, (k) => k.includes('_delivered_')),
    ],
    ['the forged webhook under rejected/stripe/', has('rejected/stripe/')],
    [`3 hydrated objects for ${ORDER}`, has(`hydrated/orders/${ORDER}/`, 3)],
    [`a hydrated object for ${ITEM}`, has(`hydrated/items/${ITEM}/`)],
    [`a hydrated object for ${BURST} after the 5xx burst`, has(`hydrated/orders/${BURST}/`)],
    [`the invoice for ${ORDER}`, has(`invoices/${ORDER}.json`)],
    [`a credit note for ${ORDER}`, has(`invoices/${ORDER}/credit-`)],
    [`inventory for ${ITEM}`, has(`inventory/${ITEM}.json`)],
    [`a forecast record for ${ORDER}`, has('forecast/', 1, (k) => k.endsWith(`/${ORDER}.json`))],
    [
      `${MISSING} in the order DLQ with its reason`,
      async () => !!dlq && (await peek(demo, dlq)).some((m) => m.Body?.includes(MISSING)),
    ],
    [
      'nothing downstream of the forged webhook',
      async () => !(await keys(demo, 'orders/')).some((k) => k.includes('forged')),
    ],
  ];
}

async function settle(demo: Demo): Promise<string[]> {
  console.log('\nWaiting for the pipeline to settle (the unknown order needs all its retries, ~30 s)…');
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  const checks = expectations(demo);
  for (;;) {
    const missing: string[] = [];
    for (const [name, check] of checks) if (!(await check())) missing.push(name);
    if (missing.length === 0 || Date.now() > deadline) return missing;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Prints the report; returns what it found missing (the payment's text must arrive byte-exact). */
async function report(demo: Demo, busWatch: BusWatcher): Promise<string[]> {
  const busEvents = (await busWatch.drain()) as (BusEventRecord & {
    source: string;
    'detail-type': string;
    detail: Record<string, unknown>;
  })[];
  const problems = await busWatch.close();
  for (const p of problems) console.log(`  (cleanup: ${p})`);
  const section = (title: string) => console.log(`\n== ${title}`);
  section('Sent');
  for (const s of sent) console.log(`  HTTP ${s.status}  ${s.what}`);
  section('Reached the bus (source / detail-type × count)');
  const counts = new Map<string, number>();
  for (const e of busEvents)
    counts.set(
      `${e.source} / ${e['detail-type']}`,
      (counts.get(`${e.source} / ${e['detail-type']}`) ?? 0) + 1,
    );
  for (const [k, n] of [...counts].sort()) console.log(`  ${k} × ${n}`);
  section('Verified (published by the verifier)');
  for (const e of busEvents.filter((e) => e.source === 'stripe' || e.source === 'delivery')) {
    console.log(`  ${e.source} ${e['detail-type']} ${String(e.detail.id ?? e.detail.eventId)}`);
  }
  section('Rejected');
  for (const key of await keys(demo, 'rejected/')) {
    const body = await getJson(demo, key);
    console.log(`  ${key}\n    reason: ${JSON.stringify(body.reason ?? body.error ?? '(see object)')}`);
  }
  section('Hydrated objects');
  for (const key of await keys(demo, 'hydrated/')) console.log(`  ${key}`);
  section('Enriched events (shop.hydration)');
  for (const e of busEvents.filter((e) => e.source === 'shop.hydration')) {
    const object = e.detail.object as { key?: string } | undefined;
    console.log(
      `  ${e['detail-type']} ${String(e.detail.orderId ?? e.detail.itemId)} complete=${String(e.detail.complete)} → ${object?.key}`,
    );
  }
  section('Shop-service outputs');
  for (const prefix of ['orders/', 'invoices/', 'inventory/', 'forecast/']) {
    for (const key of await keys(demo, prefix)) console.log(`  ${key}`);
  }
  section('Dead-letter queues');
  for (const [name, url] of Object.entries(demo.endpoints.dlqs)) {
    for (const m of await peek(demo, url)) {
      const attributes = Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => `${k}=${v.StringValue}`);
      console.log(`  ${name}\n    ${m.Body?.slice(0, 120)}…\n    ${attributes.join('\n    ')}`);
    }
  }
  const paid = busEvents.find((e) => e.source === 'stripe' && e.detail.id === 'evt_demo_paid');
  const description = (paid?.detail.data as { object?: { description?: string } } | undefined)?.object
    ?.description;
  console.log(
    `\nVerified payment text, byte-exact through VTL and both JSON levels: ${description === PAID_DESCRIPTION}`,
  );
  return description === PAID_DESCRIPTION ? [] : ['the verified payment with its text byte-exact'];
}

async function keys(demo: Demo, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await demo.clients.s3.send(
      new ListObjectsV2Command({
        Bucket: demo.endpoints.bucket,
        Prefix: prefix,
        ContinuationToken: token,
      }),
    );
    out.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return out;
}

async function getJson(demo: Demo, key: string): Promise<Record<string, unknown>> {
  const object = await demo.clients.s3.send(
    new GetObjectCommand({ Bucket: demo.endpoints.bucket, Key: key }),
  );
  return JSON.parse(await object.Body!.transformToString()) as Record<string, unknown>;
}

/** A DLQ's messages with their attributes, left on the queue (as `hydrant dlq peek`). */
function peek(demo: Demo, url: string): Promise<Message[]> {
  return peekMessages(demo.clients.sqs, url, 100);
}

async function readJsonSecret(demo: Demo, id: string): Promise<Record<string, unknown>> {
  const { SecretString } = await demo.clients.secrets.send(new GetSecretValueCommand({ SecretId: id }));
  return JSON.parse(SecretString ?? '{}') as Record<string, unknown>;
}

async function putJsonSecret(
  demo: Demo,
  id: string,
  update: (current: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const value = update(await readJsonSecret(demo, id));
  await demo.clients.secrets.send(
    new PutSecretValueCommand({ SecretId: id, SecretString: JSON.stringify(value) }),
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
