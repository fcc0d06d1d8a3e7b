/**
 * The contract between the API's request templates and the verifier: what vtl/ puts in Detail is
 * exactly what the verifier reads, so a signed request verifies end to end (minus the HTTP hop).
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../emulator/services/apigateway/vtl';
import { PROJECT_ROOT } from '../../../lib/hydrant-function';
import {
  deliveryBody,
  deliverySignature,
  mockedAws,
  stripeEventBody,
  stripeSignature,
  verifierOver,
} from './factories';

let aws: ReturnType<typeof mockedAws>;

function throughTemplate(
  file: string,
  resourcePath: string,
  header: string,
  body: string,
  signature: string,
) {
  const receivedAt = Date.now();
  const { output } = renderTemplate(readFileSync(path.join(PROJECT_ROOT, 'vtl', file), 'utf8'), {
    body,
    headers: { [header]: signature },
    stageVariables: { busName: 'shop-events' },
    context: {
      requestId: 'f00d0000-0000-4000-8000-000000000002',
      requestTimeEpoch: receivedAt,
      identity: { sourceIp: '198.51.100.4' },
      resourcePath,
    },
  });
  const [entry] = (JSON.parse(output) as { Entries: { Source: string; Detail: string }[] }).Entries;
  return { id: 'bus-event-2', source: entry.Source, detail: JSON.parse(entry.Detail) as unknown };
}

describe('request template → verifier', () => {
  it('verifies a Stripe webhook with apostrophes, quotes and non-ASCII text as rendered by vtl/', async () => {
    aws = mockedAws();
    const body = stripeEventBody();
    const now = Math.floor(Date.now() / 1000);
    const event = throughTemplate(
      'webhook-stripe.request.vtl',
      '/webhooks/stripe',
      'Stripe-Signature',
      body,
      stripeSignature(body, 'whsec_current', now),
    );

    expect(await verifierOver().handle(event)).toMatchObject({
      status: 'verified',
      requestId: 'f00d0000-0000-4000-8000-000000000002',
    });
    const [call] = aws.eventBridge.commandCalls(PutEventsCommand);
    expect(JSON.parse(call.args[0].input.Entries![0].Detail!)).toEqual(JSON.parse(body));
  });

  it('verifies a delivery webhook, taking the provider from the resource path', async () => {
    aws = mockedAws();
    const body = deliveryBody({ trackingNumber: "O'Neil \\ 中" });
    const now = Math.floor(Date.now() / 1000);
    const event = throughTemplate(
      'webhook-delivery.request.vtl',
      '/webhooks/delivery/acme-post',
      'X-Hydrant-Signature',
      body,
      deliverySignature(body, 'acme-secret', now),
    );

    expect(await verifierOver().handle(event)).toMatchObject({ status: 'verified', provider: 'acme-post' });
    const [call] = aws.eventBridge.commandCalls(PutEventsCommand);
    expect(JSON.parse(call.args[0].input.Entries![0].Detail!)).toMatchObject({
      provider: 'acme-post',
      trackingNumber: "O'Neil \\ 中",
    });
  });
});
