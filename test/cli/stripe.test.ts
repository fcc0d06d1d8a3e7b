import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET, startLocalHydrant, type LocalHydrant } from './helpers';
import { startStripeStandIn, STRIPE_TEST_KEY, type StripeStandIn } from './stripe-api-stand-in';

let local: LocalHydrant;
let stripe: StripeStandIn;
let env: Record<string, string>;
const TUNNEL = 'https://tunnel.example/webhooks/stripe';

async function storedSecrets(): Promise<string[]> {
  const out = await local.secrets.send(new GetSecretValueCommand({ SecretId: local.secretIds.stripe }));
  return (JSON.parse(out.SecretString!) as { signingSecrets: string[] }).signingSecrets;
}

const secondsAgo = (s: number) => Math.floor(Date.now() / 1000) - s;

beforeAll(async () => {
  [local, stripe] = await Promise.all([startLocalHydrant(), startStripeStandIn()]);
  local.writeEndpoints({ webhooks: { stripe: 'http://127.0.0.1:1/webhooks/stripe' } });
  env = { STRIPE_API_BASE: stripe.url, STRIPE_API_KEY: STRIPE_TEST_KEY };
});

afterAll(async () => {
  await Promise.all([local?.close(), stripe?.close()]);
});

describe('hydrant stripe', () => {
  it('stores a secret from stdin at the front, and never takes one as an argument', async () => {
    const run = await local.run(['stripe', 'use-secret', '--stdin', '--json'], {}, 'whsec_from_listen\n');
    const argv = await local.run(['stripe', 'use-secret', 'whsec_on_the_command_line']);

    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({ stored: true, generated: false, activeSecrets: 1 });
    expect(argv.code).toBe(2);
    expect(argv.stderr).toContain('--stdin');
    expect(await storedSecrets()).toEqual(['whsec_from_listen']);
  });

  it('registers the endpoint, prints its id and keeps the previous secret active', async () => {
    const run = await local.run(
      ['stripe', 'register', '--url', TUNNEL, '--events', 'payment_intent.succeeded', 'charge.refunded'],
      env,
    );

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('we_1');
    expect(stripe.endpoints.get('we_1')).toMatchObject({
      url: TUNNEL,
      enabled_events: ['payment_intent.succeeded', 'charge.refunded'],
    });
    expect(await storedSecrets()).toEqual(['whsec_standin_1', 'whsec_from_listen']);
  });

  it('register again updates the endpoint for the URL instead of adding a second one', async () => {
    const run = await local.run(
      [
        'stripe',
        'register',
        '--url',
        TUNNEL,
        '--events',
        'payment_intent.succeeded',
        'charge.refunded',
        'charge.failed',
        '--json',
      ],
      env,
    );

    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({
      endpointId: 'we_1',
      url: TUNNEL,
      enabledEvents: ['payment_intent.succeeded', 'charge.refunded', 'charge.failed'],
      created: false,
    });
    expect([...stripe.endpoints.keys()]).toEqual(['we_1']);
    expect(await storedSecrets()).toEqual(['whsec_standin_1', 'whsec_from_listen']);
  });

  it('rotates in two steps: the old endpoint stays enabled until the new secret has verified', async () => {
    const started = await local.run(['stripe', 'rotate', '--url', TUNNEL, '--json'], env);
    const again = await local.run(['stripe', 'rotate', '--url', TUNNEL], env);
    // A delivery after the rotation, not yet settled: the verifier may not have run.
    stripe.events.push({ id: 'evt_fresh', type: 'charge.refunded', created: secondsAgo(5), delivered: true });
    const early = await local.run(['stripe', 'rotate', '--finish', '--json'], env);

    expect(started.code, started.stderr).toBe(0);
    expect(started.json()).toMatchObject({
      endpointId: 'we_2',
      previousEndpointId: 'we_1',
      url: TUNNEL,
      activeSecrets: 2,
    });
    expect(stripe.endpoints.get('we_1')!.status).toBe('enabled');
    expect(stripe.endpoints.get('we_2')).toMatchObject({
      status: 'enabled',
      enabled_events: ['payment_intent.succeeded', 'charge.refunded', 'charge.failed'],
      metadata: { hydrant_replaces: 'we_1' },
    });
    // The secret list keeps two by default: the new one and the one before it.
    expect(await storedSecrets()).toEqual(['whsec_standin_2', 'whsec_standin_1']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('rotate --finish');
    expect(early.code, early.stderr).toBe(0);
    expect(early.json()).toMatchObject({ finished: false, reason: 'waiting', endpointId: 'we_2' });
    expect(stripe.endpoints.get('we_1')!.status).toBe('enabled');
  });

  it('does not count a delivery the verifier quarantined, then finishes on one that verified', async () => {
    // The rotation started ten minutes ago, as Stripe's endpoint metadata records it.
    stripe.endpoints.get('we_2')!.metadata.hydrant_rotated_at = new Date(Date.now() - 600_000).toISOString();
    stripe.events.push({
      id: 'evt_before',
      type: 'charge.refunded',
      created: secondsAgo(900),
      delivered: true,
    });
    stripe.events.push({
      id: 'evt_rejected',
      type: 'charge.refunded',
      created: secondsAgo(300),
      delivered: true,
    });
    stripe.events.push({
      id: 'evt_failing',
      type: 'charge.refunded',
      created: secondsAgo(200),
      delivered: false,
    });
    await local.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'rejected/stripe/2026-01-01/req-1.json',
        Body: JSON.stringify({
          reason: 'signature-mismatch',
          message: 'no active secret verifies the signature',
          rejectedAt: new Date().toISOString(),
          busEventId: 'b-1',
          envelope: { body: '{"id":"evt_rejected"}' },
        }),
      }),
    );
    const notYet = await local.run(['stripe', 'rotate', '--finish', '--json'], env);
    stripe.events.push({ id: 'evt_ok', type: 'charge.refunded', created: secondsAgo(120), delivered: true });
    const finished = await local.run(['stripe', 'rotate', '--finish', '--json'], env);

    expect(notYet.json()).toMatchObject({ finished: false, reason: 'waiting' });
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.json()).toMatchObject({ finished: true, reason: 'verified', verifiedEventId: 'evt_ok' });
    expect(stripe.endpoints.get('we_2')!.metadata).toEqual({});
    expect(stripe.endpoints.get('we_1')!.status).toBe('disabled');
  });

  it('lists the endpoints and unregisters one with --yes', async () => {
    const list = await local.run(['stripe', 'endpoints', '--json'], env);
    const unconfirmed = await local.run(['stripe', 'unregister', 'we_1'], env);
    const removed = await local.run(['stripe', 'unregister', 'we_1', '--yes', '--json'], env);
    const missing = await local.run(['stripe', 'unregister', 'we_404', '--yes'], env);

    expect(list.json()).toEqual({
      endpoints: [
        expect.objectContaining({ id: 'we_1', status: 'disabled', url: TUNNEL }),
        expect.objectContaining({ id: 'we_2', status: 'enabled', url: TUNNEL }),
      ],
    });
    expect(unconfirmed.code).toBe(2);
    expect(removed.json()).toMatchObject({ deleted: true, id: 'we_1' });
    expect([...stripe.endpoints.keys()]).toEqual(['we_2']);
    expect(missing.code).toBe(4);
  });

  it('finishes after the grace period even with no verified delivery', async () => {
    const started = await local.run(['stripe', 'rotate', '--url', TUNNEL, '--json'], env);
    const waiting = await local.run(['stripe', 'rotate', '--finish', '--json'], env);
    const graceOver = await local.run(['stripe', 'rotate', '--finish', '--grace', '0', '--json'], env);

    expect(started.json()).toMatchObject({ endpointId: 'we_3', previousEndpointId: 'we_2' });
    expect(waiting.json()).toMatchObject({ finished: false });
    expect(graceOver.json()).toMatchObject({ finished: true, reason: 'grace-period-ended' });
    expect(stripe.endpoints.get('we_2')!.status).toBe('disabled');
  });

  it('exits 4 when the endpoint to rotate does not exist', async () => {
    const byId = await local.run(['stripe', 'rotate', '--endpoint', 'we_404'], env);
    const byUrl = await local.run(['stripe', 'rotate', '--url', 'https://elsewhere.example/hook'], env);
    const noRotation = await local.run(['stripe', 'rotate', '--finish'], env);

    expect(byId.code).toBe(4);
    expect(byId.stderr).toContain('Stripe has no webhook endpoint we_404');
    expect(byUrl.code).toBe(4);
    expect(byUrl.stderr).toContain('register one with `hydrant stripe register`');
    expect(noRotation.code).toBe(4);
  });

  it('refuses without an API key, or without a URL Stripe can reach', async () => {
    const noKey = await local.run(['stripe', 'register', '--url', TUNNEL], { STRIPE_API_BASE: stripe.url });
    const noUrl = await local.run(['stripe', 'register'], env);

    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('set STRIPE_API_KEY or pass --api-key');
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('stripe listen --forward-to http://127.0.0.1:1/webhooks/stripe');
  });

  it('reports a Stripe API error as a failure', async () => {
    const run = await local.run(['stripe', 'register', '--url', TUNNEL, '--api-key', 'sk_test_wrong'], env);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid API Key provided');
  });

  it('generates a secret without printing it, and counts secrets without showing them', async () => {
    const generated = await local.run(['stripe', 'use-secret', '--keep', '3', '--json']);
    const count = await local.run(['stripe', 'secrets', '--json']);
    const bad = await local.run(['stripe', 'use-secret', '--stdin'], {}, 'not-a-secret');

    const [newest] = await storedSecrets();
    expect(generated.json()).toEqual({ stored: true, generated: true, activeSecrets: 3 });
    expect(newest).toMatch(/^whsec_/);
    expect(generated.stdout + count.stdout).not.toContain(newest);
    expect(count.json()).toMatchObject({ activeSecrets: 3 });
    expect(bad.code).toBe(2);
  });
});
