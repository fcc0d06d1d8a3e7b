import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../../lambdas/hydration/classify-failure';
import {
  InvalidEventError,
  PartnerCredentialsError,
  PartnerHttpError,
  PartnerNetworkError,
  PartnerNotFoundError,
  PartnerResponseError,
  PartnerTimeoutError,
} from '../../../lambdas/hydration/errors';
import { OperationalError, PublishError } from '../../../lambdas/shared/errors';

describe('classifyFailure', () => {
  it.each([
    [new PartnerNetworkError('refused'), 'retryable', 'Network'],
    [new PartnerTimeoutError(100), 'retryable', 'Timeout'],
    [new PartnerHttpError(429, 'slow down'), 'retryable', 'Throttled'],
    [new PartnerHttpError(503, 'down'), 'retryable', 'Http5xx'],
    [new PartnerHttpError(403, 'forbidden'), 'permanent', 'Http4xx'],
    [new PartnerHttpError(400, 'bad'), 'permanent', 'Http4xx'],
    [new PartnerNotFoundError('lagging'), 'retryable', 'NotFound'],
    [new InvalidEventError('bad'), 'permanent', 'InvalidEvent'],
    [new PartnerResponseError('drift'), 'permanent', 'SchemaMismatch'],
    [new PartnerCredentialsError('no token'), 'permanent', 'PartnerCredentialsInvalid'],
    [new PublishError('rejected', []), 'retryable', 'PublishFailed'],
    [new OperationalError('S3 down'), 'retryable', 'AwsDependency'],
    [new Error('bug'), 'retryable', 'Unexpected'],
  ])('%s is %s (%s)', (error, failureClass, errorType) => {
    const decision = classifyFailure(error, 1, 3);
    expect(decision).toMatchObject({ failureClass, errorType });
    expect(decision.action).toBe(failureClass === 'retryable' ? 'retry' : 'dead-letter');
  });

  it('dead-letters a retryable failure on the last attempt and says how many attempts failed', () => {
    const decision = classifyFailure(new PartnerNotFoundError('The partner does not know order o-1'), 3, 3);
    expect(decision).toEqual({
      action: 'dead-letter',
      failureClass: 'retryable',
      errorType: 'NotFound',
      errorMessage: 'The partner does not know order o-1 (still failing after 3 attempts)',
    });
  });
});
