import { describe, expect, it } from 'vitest';
import { failureReason, reasonSummary } from '../../bin/ops/dlq/explain';
import { redriveRoute } from '../../bin/ops/dlq/route';

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:verifier';

/** An on-failure destination record as Lambda writes it. */
function record(overrides: Record<string, unknown> = {}) {
  return {
    version: '1.0',
    timestamp: '2026-11-30T12:00:00.000Z',
    requestContext: {
      requestId: 'r-1',
      functionArn: `${FN}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload: { id: 'evt-1', source: 'delivery', 'detail-type': 'Delivery Webhook Received' },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: {
      errorType: 'UnknownProviderError',
      errorMessage: 'no secret for acme-post',
      trace: [],
    },
    ...overrides,
  };
}

describe('DLQ failure reasons', () => {
  it('reads the hydrators’ attributes', () => {
    const attributes = {
      errorType: 'PartnerNotFound',
      errorMessage: 'order o1 not found',
      attempts: '5',
      sourceQueue: 'q',
    };
    expect(failureReason(attributes)).toEqual({
      origin: 'hydrator',
      errorType: 'PartnerNotFound',
      message: 'order o1 not found',
      attempts: 5,
      firstFailedAt: undefined,
      lastFailedAt: undefined,
      source: 'q',
    });
    expect(redriveRoute(failureReason(attributes), attributes, {}, '{}')).toEqual({ kind: 'source-queue' });
  });

  it('reads EventBridge target DLQ attributes, counting the first try as an attempt, and routes to TARGET_ARN', () => {
    const attributes = {
      ERROR_CODE: 'RESOURCE_NOT_FOUND',
      ERROR_MESSAGE: 'Function not found',
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
      RETRY_ATTEMPTS: '3',
      RULE_ARN: 'arn:rule',
      TARGET_ARN: FN,
    };
    const reason = failureReason(attributes);
    expect(reason).toMatchObject({
      origin: 'eventbridge-target',
      errorType: 'RESOURCE_NOT_FOUND',
      message: 'Function not found; retries exhausted: MaximumRetryAttempts',
      attempts: 4,
      source: `arn:rule → ${FN}`,
    });
    expect(redriveRoute(reason, attributes, {}, '{"id":"e"}')).toEqual({
      kind: 'lambda',
      functionArn: FN,
      payload: '{"id":"e"}',
    });
    const toQueue = { ...attributes, TARGET_ARN: 'arn:aws:sqs:us-east-1:000000000000:q' };
    expect(redriveRoute(failureReason(toQueue), toQueue, {}, 'raw')).toEqual({
      kind: 'sqs',
      queueArn: toQueue.TARGET_ARN,
      body: 'raw',
    });
    const toBus = { ...attributes, TARGET_ARN: 'arn:aws:events:us-east-1:000000000000:event-bus/b' };
    const event = { source: 's', 'detail-type': 'd', detail: { n: 1 }, resources: [] };
    expect(redriveRoute(failureReason(toBus), toBus, event, JSON.stringify(event))).toEqual({
      kind: 'bus',
      busArn: toBus.TARGET_ARN,
      event: { source: 's', detailType: 'd', detail: '{"n":1}', resources: [], time: undefined },
    });
  });

  it('explains a Lambda on-failure record from its body: error, condition, attempts, function', () => {
    const reason = failureReason({}, record());
    expect(reason).toEqual({
      origin: 'lambda-destination',
      errorType: 'UnknownProviderError',
      message: 'no secret for acme-post; RetriesExhausted',
      attempts: 3,
      lastFailedAt: '2026-11-30T12:00:00.000Z',
      source: FN,
      condition: 'RetriesExhausted',
      functionArn: FN,
    });
    expect(reasonSummary(reason)).toBe(
      'UnknownProviderError: no secret for acme-post; RetriesExhausted (3 attempts)',
    );
    expect(redriveRoute(reason, {}, record(), '')).toEqual({
      kind: 'lambda',
      functionArn: FN,
      payload: JSON.stringify(record().requestPayload),
    });
  });

  it('explains an expired record that never ran', () => {
    const expired = record({
      requestContext: {
        requestId: 'r',
        functionArn: FN,
        condition: 'EventAgeExceeded',
        approximateInvokeCount: 0,
      },
      responseContext: undefined,
      responsePayload: undefined,
    });
    expect(failureReason({}, expired)).toMatchObject({
      errorType: 'EventAgeExceeded',
      message:
        'the event expired in the asynchronous queue before the function could run it; EventAgeExceeded',
      attempts: 0,
    });
  });

  it('says a message with no attributes and no record was moved by a redrive policy', () => {
    expect(failureReason({}, { id: 'evt-2' })).toMatchObject({
      origin: 'redrive-policy',
      errorType: 'MaxReceiveCountExceeded',
    });
  });
});
