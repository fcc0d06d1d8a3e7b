import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeliveryEvent, deliverySignature } from '../../bin/ops/send/delivery-webhook';
import { hydrant } from '../cli/helpers';
import { eventually, listKeys, peek, queueUrl, startE2eCloud, type E2eCloud } from './harness';

const PROVIDER = 'acme-post';
const SECRET = 'acme-post-e2e-shared-secret';
let e2e: E2eCloud;

beforeAll(async () => {
  // Lambda's 1- and 2-minute retry delays, shortened. The second stays longer than the verifier's
  // 30-second secret re-read interval, as on AWS: a redrive right after `use-secret` may meet a
  // verifier that re-read the secrets moments ago, and Lambda's last retry is the one that sees it.
  e2e = await startE2eCloud({ lambdaRetryDelaysMs: [1_000, 31_000] });
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

const cli = (argv: string[], stdin?: string) =>
  hydrant(argv, { env: { HYDRANT_STATE: e2e.cloud.emulator.stateDir }, stdin });

describe('a webhook that failed for good comes back with dlq redrive', () => {
  it('webhook before its secret → Lambda failure record in the verifier DLQ → use-secret → redrive → timeline', async () => {
    const event = buildDeliveryEvent({ status: 'delivered', orderId: 'ord-e2e-redrive-webhook' });
    const body = JSON.stringify(event);
    const url = e2e.endpoints.webhooks.delivery!.replace('{provider}', PROVIDER);

    // The provider signs with a secret the stack does not have yet (the README's setup order).
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hydrant-signature': deliverySignature(body, SECRET) },
      body,
    });
    expect(response.status).toBe(200);

    // Lambda retries twice, then its on-failure destination writes AWS's record to the verifier DLQ.
    const dlq = queueUrl(e2e.endpoints.dlqs, 'webhook-verifier');
    const [message] = await eventually(
      async () => {
        const messages = await peek(e2e, dlq);
        return messages.length > 0 ? messages : undefined;
      },
      60_000,
      'the failure record in the verifier DLQ',
    );
    const record = JSON.parse(message!.Body!);
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: {
        functionArn: expect.stringMatching(/:function:.*:\$LATEST$/),
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { 'detail-type': expect.any(String) },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: expect.any(String), errorMessage: expect.stringContaining(PROVIDER) },
    });
    expect(message!.MessageAttributes ?? {}).toEqual({});

    const shown = await cli(['dlq', 'show', 'webhook-verifier', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(
      shown.json<{ messages: { reason: { origin: string; attempts: number } }[] }>().messages[0]!.reason,
    ).toMatchObject({
      origin: 'lambda-destination',
      attempts: 3,
    });

    const secret = await cli(['delivery', 'use-secret', PROVIDER, '--stdin'], SECRET);
    expect(secret.code, secret.stderr).toBe(0);
    const redrive = await cli(['dlq', 'redrive', 'webhook-verifier', '--json']);
    expect(redrive.code, redrive.stderr).toBe(0);
    expect(redrive.json()).toMatchObject({ mode: 'by-origin', moved: 1, failed: 0 });

    const keys = await eventually(
      async () => {
        const found = await listKeys(e2e, 'orders/ord-e2e-redrive-webhook/timeline/');
        return found.length > 0 ? found : undefined;
      },
      60_000,
      'the redriven delivery in the orders timeline',
    );
    expect(keys[0]).toContain(event.id);
    expect(await peek(e2e, dlq)).toEqual([]);
  }, 180_000);
});
