/** The integration response and gateway response templates in vtl/, rendered by the emulator's renderer. */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../emulator/services/apigateway/vtl';
import { PROJECT_ROOT } from '../../lib/hydrant-function';

const template = (name: string) => readFileSync(path.join(PROJECT_ROOT, 'vtl', name), 'utf8');
const context = { requestId: 'req-1' };

describe('put-events.response.vtl (PutEvents answered HTTP 200)', () => {
  const vtl = template('put-events.response.vtl');

  it('answers 200 {"received": true, eventId} when the entry was accepted', () => {
    const result = renderTemplate(vtl, {
      body: JSON.stringify({
        FailedEntryCount: 0,
        Entries: [{ EventId: '11710aed-b79e-4468-a20b-bb3c0c3b4860' }],
      }),
      context,
    });
    expect(result.context.responseOverride.status).toBeUndefined();
    expect(JSON.parse(result.output)).toEqual({
      received: true,
      eventId: '11710aed-b79e-4468-a20b-bb3c0c3b4860',
    });
  });

  it('overrides the status to 500 with a JSON error when PutEvents rejected the entry', () => {
    const result = renderTemplate(vtl, {
      body: JSON.stringify({
        FailedEntryCount: 1,
        Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'Internal Service Failure' }],
      }),
      context,
    });
    expect(result.context.responseOverride.status).toBe(500);
    expect(JSON.parse(result.output)).toEqual({
      received: false,
      message: expect.stringContaining('InternalFailure'),
      requestId: 'req-1',
    });
  });

  it('never answers 200 unless FailedEntryCount is 0 and an EventId came back', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            FailedEntryCount: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null)),
            Entries: fc.array(
              fc.record(
                { EventId: fc.uuid(), ErrorCode: fc.string(), ErrorMessage: fc.string() },
                { requiredKeys: [] },
              ),
              { maxLength: 2 },
            ),
          },
          { requiredKeys: [] },
        ),
        (response) => {
          const result = renderTemplate(vtl, { body: JSON.stringify(response), context });
          const body = JSON.parse(result.output) as { received: boolean };
          const accepted = response.FailedEntryCount === 0 && response.Entries?.[0]?.EventId !== undefined;
          expect(body.received).toBe(accepted);
          expect(result.context.responseOverride.status).toBe(accepted ? undefined : 500);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('put-events-failed.response.vtl (PutEvents answered 4xx/5xx)', () => {
  it('renders a JSON error body with the request id', () => {
    const result = renderTemplate(template('put-events-failed.response.vtl'), {
      body: '{"__type":"ThrottlingException"}',
      context,
    });
    expect(JSON.parse(result.output)).toEqual({
      received: false,
      message: expect.any(String),
      requestId: 'req-1',
    });
  });
});

describe('gateway responses (simple substitution, no VTL engine in AWS)', () => {
  it.each(['gateway-error.response.vtl', 'gateway-not-found.response.vtl'])('%s renders JSON', (file) => {
    const result = renderTemplate(template(file), {
      body: '',
      context: {
        ...context,
        error: { messageString: '"Invalid request body"', responseType: 'BAD_REQUEST_BODY' },
      },
    });
    expect(JSON.parse(result.output)).toMatchObject({ message: expect.any(String), requestId: 'req-1' });
  });
});
