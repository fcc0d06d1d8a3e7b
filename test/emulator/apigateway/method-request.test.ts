import { describe, expect, it } from 'vitest';
import { validateMethodRequest } from '../../../emulator/services/apigateway/chain/method-request';
import type { Method } from '../../../emulator/services/apigateway/rest-api';
import { routed, webhookApi } from './helpers';

const validated: Method = {
  httpMethod: 'POST',
  requestValidatorId: 'all',
  requestParameters: {
    'method.request.header.Stripe-Signature': true,
    'method.request.querystring.mode': true,
    'method.request.header.X-Optional': false,
  },
  requestModels: { 'application/json': 'WebhookBody' },
};

function api() {
  const a = webhookApi({ stripe: validated });
  a.validators.set('all', { validateRequestBody: true, validateRequestParameters: true });
  // Draft 4: exclusiveMinimum is a boolean modifier of minimum.
  a.models.set('WebhookBody', {
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string' }, amount: { type: 'number', minimum: 0, exclusiveMinimum: true } },
  });
  return a;
}

function attempt(overrides: Parameters<typeof routed>[1]) {
  try {
    validateMethodRequest(routed(api(), overrides));
    return undefined;
  } catch (error) {
    return error as { statusCode: number; message: string; responseType: string };
  }
}

const signed = { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=ab' };

describe('API Gateway method request step', () => {
  it('accepts a request with its required parameters and a body that fits the draft-4 model', () => {
    expect(
      attempt({ headers: signed, query: { mode: 'live' }, body: Buffer.from('{"id":"evt_1","amount":5}') }),
    ).toBe(undefined);
  });

  it('names the missing required header and query string', () => {
    expect(attempt({ headers: { 'Content-Type': 'application/json' } })).toMatchObject({
      statusCode: 400,
      responseType: 'BAD_REQUEST_PARAMETERS',
      message: 'Missing required request parameters: [Stripe-Signature, mode]',
    });
  });

  it('answers 400 "Invalid request body" for non-JSON and for a body the model rejects', () => {
    const common = { headers: signed, query: { mode: 'live' } };
    for (const body of ['not json', '[1,2]', '{"amount":1}', '{"id":"evt","amount":0}']) {
      expect(attempt({ ...common, body: Buffer.from(body) })).toMatchObject({
        statusCode: 400,
        responseType: 'BAD_REQUEST_BODY',
        message: 'Invalid request body',
      });
    }
  });

  it('skips validation when the method has no validator', () => {
    const a = webhookApi({ stripe: { ...validated, requestValidatorId: undefined } });
    expect(() => validateMethodRequest(routed(a, { body: Buffer.from('nope') }))).not.toThrow();
  });
});
