import { describe, expect, it } from 'vitest';
import { requestContext } from '../../../emulator/services/apigateway/chain/api-request';
import { buildIntegrationRequest } from '../../../emulator/services/apigateway/chain/integration-request';
import type { Integration, PassthroughBehavior } from '../../../emulator/services/apigateway/rest-api';
import { routed, webhookApi } from './helpers';

const template =
  '{"provider":"$input.params(\'provider\')","sig":"$input.params(\'X-Hydrant-Signature\')",' +
  '"at":$context.requestTimeEpoch,"env":"$stageVariables.env","body":"$util.escapeJavaScript($input.body)"}';

function build(integration: Integration, overrides: Parameters<typeof routed>[1] = {}) {
  const r = routed(webhookApi(), { path: '/webhooks/delivery/acme-post', ...overrides });
  return buildIntegrationRequest(r, integration, requestContext(r));
}

function outcome(behavior: PassthroughBehavior, templates: Record<string, string>, contentType: string) {
  try {
    const result = build(
      { type: 'AWS', passthroughBehavior: behavior, requestTemplates: templates },
      { headers: { 'Content-Type': contentType }, body: Buffer.from('raw') },
    );
    return result.body === 'raw' ? 'passthrough' : 'template';
  } catch (error) {
    return (error as { statusCode: number }).statusCode;
  }
}

describe('API Gateway integration request step', () => {
  it('renders the template for the content type with params, context and stage variables', () => {
    const result = build(
      { type: 'AWS', requestTemplates: { 'application/json': template } },
      {
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-hydrant-signature': 't=1,v1=aa' },
        body: Buffer.from('{"a":"it\'s"}'),
      },
    );
    expect(JSON.parse(result.body.replace("\\'", "'"))).toEqual({
      provider: 'acme-post',
      sig: 't=1,v1=aa',
      at: 1_700_000_000_000,
      env: 'local',
      body: '{"a":"it\'s"}',
    });
  });

  it('treats a request without Content-Type as application/json', () => {
    const result = build(
      { type: 'AWS', requestTemplates: { 'application/json': '{"ok":true}' } },
      { headers: {} },
    );
    expect(result.body).toBe('{"ok":true}');
  });

  it('applies the passthrough behaviours as API Gateway does, 415 included', () => {
    const json = { 'application/json': '{}' };
    expect(outcome('WHEN_NO_MATCH', json, 'application/json')).toBe('template');
    expect(outcome('WHEN_NO_MATCH', json, 'text/plain')).toBe('passthrough');
    expect(outcome('WHEN_NO_TEMPLATES', json, 'text/plain')).toBe(415);
    expect(outcome('WHEN_NO_TEMPLATES', {}, 'text/plain')).toBe('passthrough');
    expect(outcome('NEVER', json, 'text/plain')).toBe(415);
    expect(outcome('NEVER', {}, 'application/json')).toBe(415);
    expect(outcome('NEVER', json, 'application/json')).toBe('template');
  });

  it('maps request parameters from literals, method request values and the context', () => {
    const result = build(
      {
        type: 'AWS',
        requestParameters: {
          'integration.request.header.X-Amz-Target': "'AWSEvents.PutEvents'",
          'integration.request.header.Content-Type': "'application/x-amz-json-1.1'",
          'integration.request.header.X-Provider': 'method.request.path.provider',
          'integration.request.querystring.sig': 'method.request.header.X-Hydrant-Signature',
          'integration.request.header.X-Request': 'context.requestId',
        },
      },
      { headers: { 'X-Hydrant-Signature': 'v1' } },
    );
    expect(result.headers).toEqual({
      'X-Amz-Target': 'AWSEvents.PutEvents',
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Provider': 'acme-post',
      'X-Request': 'req-1',
    });
    expect(result.query).toEqual({ sig: 'v1' });
  });

  it('answers 500 when the template does not render', () => {
    expect(() => build({ type: 'AWS', requestTemplates: { 'application/json': '#if(' } })).toThrow(
      expect.objectContaining({ statusCode: 500 }),
    );
  });
});
