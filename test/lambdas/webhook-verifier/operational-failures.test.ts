import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { OperationalError, PublishError } from '../../../lambdas/shared/errors';
import {
  SecretRefreshPendingError,
  SigningSecretMissingError,
} from '../../../lambdas/webhook-verifier/errors';
import {
  DELIVERY_SECRET_ID,
  STRIPE_SECRET_ID,
  deliveryBody,
  deliverySignature,
  mockedAws,
  receivedEvent,
  stripeEventBody,
  stripeSignature,
  verifierOver,
} from './factories';

const NOW_S = Math.floor(Date.now() / 1000);
let aws: ReturnType<typeof mockedAws>;

const stripeEvent = (secret = 'whsec_current') => {
  const body = stripeEventBody();
  return receivedEvent({ body, receivedAt: NOW_S * 1000, signature: stripeSignature(body, secret, NOW_S) });
};

describe('webhook verifier: operational failures are thrown for a retry, never recorded as rejections', () => {
  it('throws when Stripe has no signing secret yet, after re-reading it once', async () => {
    aws = mockedAws({ stripe: [] });
    await expect(verifierOver().handle(stripeEvent())).rejects.toThrow(SigningSecretMissingError);
    expect(
      aws.secretsManager.commandCalls(GetSecretValueCommand, { SecretId: STRIPE_SECRET_ID }),
    ).toHaveLength(2);
    expect(aws.s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(aws.eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('throws when a configured delivery provider has no secret yet', async () => {
    aws = mockedAws({ delivery: { 'acme-post': [] } });
    const body = deliveryBody();
    const event = receivedEvent({
      provider: 'acme-post',
      body,
      receivedAt: NOW_S * 1000,
      signature: deliverySignature(body, 's', NOW_S),
    });
    await expect(verifierOver().handle(event)).rejects.toThrow(/acme-post has no signing secret/);
    expect(aws.s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('re-reads the secrets once when none matched, so a just-added secret verifies', async () => {
    aws = mockedAws();
    aws.secretsManager
      .on(GetSecretValueCommand, { SecretId: STRIPE_SECRET_ID })
      .resolvesOnce({ SecretString: JSON.stringify({ signingSecrets: ['whsec_old'] }) })
      .resolves({ SecretString: JSON.stringify({ signingSecrets: ['whsec_new', 'whsec_old'] }) });
    const verifier = verifierOver();
    await verifier.handle(stripeEvent('whsec_old'));

    expect((await verifier.handle(stripeEvent('whsec_new'))).status).toBe('verified');
    expect(aws.secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('does not re-read secrets for every forged webhook: inside the interval it defers the verdict', async () => {
    aws = mockedAws();
    const verifier = verifierOver();
    expect((await verifier.handle(stripeEvent('whsec_forged'))).status).toBe('rejected');
    for (let i = 0; i < 4; i++)
      await expect(verifier.handle(stripeEvent('whsec_forged'))).rejects.toThrow(SecretRefreshPendingError);
    expect(aws.secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(aws.s3.commandCalls(PutObjectCommand)).toHaveLength(1);
  });

  it('never rejects a genuine webhook whose new secret arrived just after a forged one spent the re-read', async () => {
    aws = mockedAws();
    aws.secretsManager
      .on(GetSecretValueCommand, { SecretId: STRIPE_SECRET_ID })
      .resolvesOnce({ SecretString: JSON.stringify({ signingSecrets: ['whsec_old'] }) })
      .resolvesOnce({ SecretString: JSON.stringify({ signingSecrets: ['whsec_old'] }) })
      .resolves({ SecretString: JSON.stringify({ signingSecrets: ['whsec_new', 'whsec_old'] }) });
    let clock = 1_000_000;
    const verifier = verifierOver(undefined, { now: () => clock });
    // A forger spends the re-read; then the operator adds whsec_new and Stripe signs with it.
    expect((await verifier.handle(stripeEvent('whsec_forged'))).status).toBe('rejected');
    clock += 5_000;
    const genuine = stripeEvent('whsec_new');

    await expect(verifier.handle(genuine)).rejects.toThrow(SecretRefreshPendingError);
    expect(aws.s3.commandCalls(PutObjectCommand)).toHaveLength(1);

    // Lambda's retry comes after the refresh interval and re-reads the secrets.
    clock += 60_000;
    expect((await verifier.handle(genuine)).status).toBe('verified');
    expect(aws.eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
  });

  it('keeps the re-read interval per provider, so forged Stripe traffic does not hold back a carrier', async () => {
    aws = mockedAws();
    const verifier = verifierOver();
    expect((await verifier.handle(stripeEvent('whsec_forged'))).status).toBe('rejected');
    const body = deliveryBody();
    const delivery = receivedEvent({
      provider: 'acme-post',
      body,
      receivedAt: NOW_S * 1000,
      signature: deliverySignature(body, 'not-the-secret', NOW_S),
    });
    expect((await verifier.handle(delivery)).status).toBe('rejected');
    expect(
      aws.secretsManager.commandCalls(GetSecretValueCommand, { SecretId: DELIVERY_SECRET_ID }),
    ).toHaveLength(2);
  });

  it('throws PublishError when PutEvents reports a failed entry', async () => {
    aws = mockedAws();
    aws.eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });
    await expect(verifierOver().handle(stripeEvent())).rejects.toThrow(PublishError);
  });

  it('throws when the rejection cannot be written to S3', async () => {
    aws = mockedAws();
    aws.s3.on(PutObjectCommand).rejects(new Error('SlowDown'));
    await expect(verifierOver().handle(stripeEvent('whsec_forged'))).rejects.toThrow(OperationalError);
  });

  it('throws when Secrets Manager fails', async () => {
    aws = mockedAws();
    aws.secretsManager
      .on(GetSecretValueCommand, { SecretId: DELIVERY_SECRET_ID })
      .rejects(new Error('throttled'));
    const body = deliveryBody();
    const event = receivedEvent({
      provider: 'acme-post',
      body,
      receivedAt: NOW_S * 1000,
      signature: deliverySignature(body, 's', NOW_S),
    });
    await expect(verifierOver().handle(event)).rejects.toThrow(OperationalError);
  });

  it('records a malformed envelope under rejected/unknown/ with the bus event id', async () => {
    aws = mockedAws();
    const outcome = await verifierOver().handle({
      id: 'bus-9',
      source: 'webhook.delivery',
      detail: { body: 1 },
    });
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'malformed-envelope' });
    expect(aws.s3.commandCalls(PutObjectCommand)[0].args[0].input.Key).toMatch(
      /^rejected\/unknown\/\d{4}-\d{2}-\d{2}\/bus-9\.json$/,
    );
  });
});
