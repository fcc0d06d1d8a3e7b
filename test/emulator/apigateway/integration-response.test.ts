import { describe, expect, it } from 'vitest';
import { requestContext } from '../../../emulator/services/apigateway/chain/api-request';
import {
  buildIntegrationResponse,
  selectResponse,
} from '../../../emulator/services/apigateway/chain/integration-response';
import type { Integration } from '../../../emulator/services/apigateway/rest-api';
import { routed, webhookApi } from './helpers';

const putEventsResponses: Integration = {
  type: 'AWS',
  integrationResponses: [
    {
      statusCode: '200',
      responseTemplates: {
        'application/json':
          "#set($r = $input.path('$'))#if($r.FailedEntryCount > 0)#set($context.responseOverride.status = 502)" +
          '#set($context.responseOverride.header.Retry-After = "1"){"received":false}#else' +
          '{"received":true,"eventId":"$r.Entries[0].EventId"}#end',
      },
      responseParameters: { 'method.response.header.X-Kind': "'webhook'" },
    },
    {
      statusCode: '500',
      selectionPattern: '5\\d{2}',
      responseTemplates: { 'application/json': '{"error":"retry"}' },
    },
    { statusCode: '400', selectionPattern: '4\\d{2}' },
  ],
};

function respond(statusCode: number, body: string, integration = putEventsResponses) {
  const r = routed(webhookApi());
  return buildIntegrationResponse(r, integration, { statusCode, headers: {}, body }, requestContext(r));
}

describe('API Gateway integration response step', () => {
  it('selects by a whole-string status pattern, else the default response', () => {
    const responses = putEventsResponses.integrationResponses!;
    expect(selectResponse(responses, '200')?.statusCode).toBe('200');
    expect(selectResponse(responses, '503')?.statusCode).toBe('500');
    expect(selectResponse(responses, '429')?.statusCode).toBe('400');
    expect(selectResponse(responses, '3000')?.statusCode).toBe('200');
    expect(selectResponse([{ statusCode: '500', selectionPattern: '5\\d{2}' }], '200')).toBeUndefined();
  });

  it('renders the response template and maps response parameters', () => {
    const response = respond(200, '{"FailedEntryCount":0,"Entries":[{"EventId":"e-1"}]}');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(String(response.body))).toEqual({ received: true, eventId: 'e-1' });
    expect(response.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-Kind': 'webhook' });
  });

  it('lets $context.responseOverride set the status and headers', () => {
    const response = respond(200, '{"FailedEntryCount":1,"Entries":[{"ErrorCode":"InternalFailure"}]}');
    expect(response.statusCode).toBe(502);
    expect(response.headers['Retry-After']).toBe('1');
    expect(JSON.parse(String(response.body))).toEqual({ received: false });
  });

  it('passes the integration body through when the response has no template', () => {
    const response = respond(400, '{"__type":"ValidationException"}');
    expect(response).toMatchObject({ statusCode: 400, body: '{"__type":"ValidationException"}' });
    expect(respond(503, 'x')).toMatchObject({ statusCode: 500, body: '{"error":"retry"}' });
  });

  it('answers 500 when no response matches and there is no default', () => {
    const strict: Integration = {
      type: 'AWS',
      integrationResponses: [{ statusCode: '200', selectionPattern: '200' }],
    };
    expect(() => respond(400, '{}', strict)).toThrow(expect.objectContaining({ statusCode: 500 }));
  });
});
