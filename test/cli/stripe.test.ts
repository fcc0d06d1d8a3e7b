import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHydrant, type LocalHydrant } from './helpers';
import { startStripeStandIn, STRIPE_TEST_KEY, type StripeStandIn } from './stripe-api-stand-in';

let local: LocalHydrant;
let stripe: StripeStandIn;
let env: Record<string, string>;
const TUNNEL = 'https://tunnel.example/webhooks/stripe';

async function storedSecrets(): Promise<string[]> {
  const out = await local.secrets.send(new GetSecretValueCommand({ SecretId: local.secretIds.stripe }));
  return (JSON.parse(out.SecretString!) as { signingSecrets: string[] }).signingSecrets;
}

beforeAll(async () => {
  [local, stripe] = await Promise.all([startLocalHydrant(), startStripeStandIn()]);
  local.writeEndpoints({ webhooks: { stripe: 'http://127.0.0.1:1/webhooks/stripe' } });
  env = { STRIPE_API_BASE: stripe.url, STRIPE_API_KEY: STRIPE_TEST_KEY };
});

afterAll(async () => {
  await Promise.all([local?.close(), stripe?.close()]);
});

describe('hydrant stripe', () => {
  it('stores a secret from stripe listen at the front', async () => {
    const run = await local.run(['stripe', 'use-secret', 'whsec_from_listen', '--json']);

    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ stored: true, generated: false, activeSecrets: 1 });
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

  it('rotates: a new endpoint and secret, the previous secret kept, the old endpoint deleted', async () => {
    const run = await local.run(['stripe', 'rotate', '--url', TUNNEL, '--json'], env);

    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({
      endpointId: 'we_2',
      previousEndpointId: 'we_1',
      url: TUNNEL,
      activeSecrets: 2,
    });
    expect([...stripe.endpoints.keys()]).toEqual(['we_2']);
    expect(stripe.endpoints.get('we_2')!.enabled_events).toEqual([
      'payment_intent.succeeded',
      'charge.refunded',
    ]);
    expect(await storedSecrets()).toEqual(['whsec_standin_2', 'whsec_standin_1']);
  });

  it('exits 4 when the endpoint to rotate does not exist', async () => {
    const byId = await local.run(['stripe', 'rotate', '--endpoint', 'we_404'], env);
    const byUrl = await local.run(['stripe', 'rotate', '--url', 'https://elsewhere.example/hook'], env);

    expect(byId.code).toBe(4);
    expect(byId.stderr).toContain('Stripe has no webhook endpoint we_404');
    expect(byUrl.code).toBe(4);
    expect(byUrl.stderr).toContain('register one with `hydrant stripe register`');
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
    const generated = await local.run(['stripe', 'use-secret', '--keep', '2', '--json']);
    const count = await local.run(['stripe', 'secrets', '--json']);
    const bad = await local.run(['stripe', 'use-secret', 'not-a-secret']);

    const [newest] = await storedSecrets();
    expect(generated.json()).toEqual({ stored: true, generated: true, activeSecrets: 2 });
    expect(newest).toMatch(/^whsec_/);
    expect(generated.stdout + count.stdout).not.toContain(newest);
    expect(count.json()).toMatchObject({ activeSecrets: 2 });
    expect(bad.code).toBe(2);
  });
});
