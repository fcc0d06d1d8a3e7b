import { describe, expect, it } from 'vitest';
import { checkResponse } from '../../../lambdas/hydration/check-response';
import { HydrationError } from '../../../lambdas/hydration/errors';
import type { PartnerResponse } from '../../../lambdas/hydration/ports';
import orderNotFound from '../../../query_response/order_not_found.json';
import orderPartial from '../../../query_response/order_partial.json';
import orderFound from '../../../query_response/order_found.json';

const ID = 'ord-4Q8ZT2MX7K';

function failure(response: PartnerResponse): { retryable: boolean; errorType: string } {
  try {
    checkResponse(response, 'order', ID);
  } catch (error) {
    if (error instanceof HydrationError) return { retryable: error.retryable, errorType: error.errorType };
    throw error;
  }
  throw new Error('expected checkResponse to throw');
}

describe('checkResponse', () => {
  it('accepts a found order as complete', () => {
    const checked = checkResponse({ status: 200, data: orderFound.data }, 'order', ID);
    expect(checked).toEqual({ root: orderFound.data.order, complete: true });
  });

  it('accepts data with errors as incomplete', () => {
    const checked = checkResponse(
      { status: 200, data: orderPartial.data, errors: orderPartial.errors },
      'order',
      ID,
    );
    expect(checked.complete).toBe(false);
  });

  it.each<[string, PartnerResponse, { retryable: boolean; errorType: string }]>([
    [
      'null with a MappingTemplate error (not found)',
      { status: 200, data: orderNotFound.data, errors: orderNotFound.errors },
      { retryable: true, errorType: 'NotFound' },
    ],
    [
      'null without errors (not found)',
      { status: 200, data: { order: null } },
      { retryable: true, errorType: 'NotFound' },
    ],
    [
      'a throttling error type in a 200 answer',
      {
        status: 200,
        data: { order: null },
        errors: [{ message: 'Rate exceeded', errorType: 'ThrottlingException' }],
      },
      { retryable: true, errorType: 'PartnerTransient' },
    ],
    [
      'an internal failure in a 200 answer',
      { status: 200, data: null, errors: [{ message: 'boom', errorType: 'InternalFailure' }] },
      { retryable: true, errorType: 'PartnerTransient' },
    ],
    [
      'a validation error',
      { status: 200, data: null, errors: [{ message: 'Cannot query field', errorType: 'ValidationError' }] },
      { retryable: false, errorType: 'PartnerGraphQL' },
    ],
    [
      'an order with another id',
      { status: 200, data: { order: { id: 'other' } } },
      { retryable: false, errorType: 'SchemaMismatch' },
    ],
    [
      'a list where an object belongs',
      { status: 200, data: { order: [] } },
      { retryable: false, errorType: 'SchemaMismatch' },
    ],
    [
      'neither data nor errors',
      { status: 200, data: undefined },
      { retryable: false, errorType: 'SchemaMismatch' },
    ],
  ])('classifies %s', (_name, response, expected) => {
    expect(failure(response)).toEqual(expected);
  });
});
