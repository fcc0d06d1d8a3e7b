import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it } from 'vitest';
import { orderEvent, sqsEvent, sqsRecord, startHarness, type Harness } from './helpers';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const oauthSecret = (partnerUrl: string) => ({
  type: 'oauth',
  tokenUrl: `${partnerUrl}/oauth/token`,
  clientId: 'hydrant-client',
  clientSecret: 'client-secret-0123456789',
  scope: 'orders:read',
});

describe('partner OAuth client credentials', () => {
  it('fetches one token and reads the secret once for a whole batch', async () => {
    harness = await startHarness({ secret: oauthSecret });
    const records = Array.from({ length: 10 }, (_, i) => sqsRecord(orderEvent(`ord-T${i}`)));

    const result = await harness.handler(sqsEvent(...records));
    await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-T10'))));

    expect(result.batchItemFailures).toEqual([]);
    expect(harness.partner.requests.get('/oauth/token')).toBe(1);
    expect(harness.secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('refreshes the token once when the partner answers 401, then succeeds', async () => {
    let partnerTime = Date.now();
    harness = await startHarness({ secret: oauthSecret, partnerNow: () => partnerTime });
    await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-R1'))));
    // The partner's clock passes the token's expiry while the hydrator still holds the token.
    partnerTime += 2 * 3600 * 1000;

    const result = await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-R2'))));

    expect(result.batchItemFailures).toEqual([]);
    expect(harness.partner.requests.get('/oauth/token')).toBe(2);
    expect(harness.partner.requests.get('/graphql')).toBe(3);
    expect(harness.objects.size).toBe(2);
  });

  it('dead-letters with a fix-it message when the client credentials are wrong', async () => {
    harness = await startHarness({
      secret: (url) => ({ ...oauthSecret(url), clientSecret: 'wrong' }),
      partnerSecret: oauthSecret,
    });
    const result = await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-W1'))));

    expect(result.batchItemFailures).toEqual([]);
    expect(harness.telemetry.failures[0].decision).toMatchObject({
      action: 'dead-letter',
      errorType: 'Http4xx',
      errorMessage: expect.stringContaining('check clientId/clientSecret'),
    });
  });
});

describe('partner static token', () => {
  it('re-reads the secret past its cache after a 401, picking up a rotated token', async () => {
    harness = await startHarness({ partnerSecret: () => ({ type: 'static', token: 'rotated-token' }) });
    harness.secretsManager
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: JSON.stringify({ type: 'static', token: 'old-token' }) })
      .resolves({ SecretString: JSON.stringify({ type: 'static', token: 'rotated-token' }) });

    const result = await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-ROT'))));

    expect(result.batchItemFailures).toEqual([]);
    expect(harness.secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(harness.partner.requests.get('/graphql')).toBe(2);
  });
});
