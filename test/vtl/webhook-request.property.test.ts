/**
 * The real request templates in vtl/, rendered by the emulator's renderer (Java semantics), over
 * bodies full of characters that break naive escaping. Each render must be a valid PutEvents request
 * whose Detail gives back the body byte-exact, the signature header and the receive time.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../emulator/services/apigateway/vtl';
import { PROJECT_ROOT } from '../../lib/hydrant-function';

const template = (name: string) => readFileSync(path.join(PROJECT_ROOT, 'vtl', name), 'utf8');

const TRICKY = [
  "'",
  '"',
  '\\',
  '/',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u2028',
  '\u2029',
  "\\'",
  '\\"',
  '\\u0041',
  '$',
  '$input.body',
  '#set($x = 1)',
  '##',
  'é',
  'ß',
  '中文',
  '😀',
  '👩‍👩‍👧',
  '\u{1D11E}',
  '\uFEFF',
];

const tricky = fc
  .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 8 })
  .map((parts) => parts.join(''));

const leaf = fc.oneof(
  tricky,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(tricky, tie('node'), { maxKeys: 3 }),
  ),
})).node;

const payload = fc.record(
  { id: fc.oneof(tricky, fc.integer()), type: tricky, data: value },
  { requiredKeys: [] },
);

/** The ways senders serialize JSON: compact, pretty, non-ASCII escaped, slashes escaped. */
const serialized = fc
  .tuple(payload, fc.constantFrom('compact', 'pretty', 'ascii', 'slashes'))
  .map(([body, style]) => {
    const text = style === 'pretty' ? JSON.stringify(body, null, 2) : JSON.stringify(body);
    if (style === 'ascii')
      return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (style === 'slashes') return text.replaceAll('/', '\\/');
    return text;
  });

const request = fc.record({
  body: serialized,
  signature: tricky,
  receivedAt: fc.integer({ min: 1_500_000_000_000, max: 2_500_000_000_000 }),
  requestId: fc.uuid(),
  sourceIp: fc.ipV4(),
});

function hintOf(body: string, key: 'id' | 'type'): string {
  const value = (JSON.parse(body) as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : value === undefined ? '' : String(value);
}

describe.each([
  {
    file: 'webhook-stripe.request.vtl',
    header: 'Stripe-Signature',
    source: 'webhook.stripe',
    resourcePath: '/webhooks/stripe',
    provider: 'stripe',
  },
  {
    file: 'webhook-delivery.request.vtl',
    header: 'X-Hydrant-Signature',
    source: 'webhook.delivery',
    resourcePath: '/webhooks/delivery/acme-post',
    provider: 'acme-post',
  },
])('$file', ({ file, header, source, resourcePath, provider }) => {
  const vtl = template(file);

  it('renders a PutEvents request whose Detail gives back the body byte-exact, the signature and receivedAt', () => {
    fc.assert(
      fc.property(request, (r) => {
        const { output } = renderTemplate(vtl, {
          body: r.body,
          headers: { [header]: r.signature },
          stageVariables: { busName: 'shop-events' },
          context: {
            requestId: r.requestId,
            requestTimeEpoch: r.receivedAt,
            identity: { sourceIp: r.sourceIp },
            resourcePath,
          },
        });
        const putEvents = JSON.parse(output) as { Entries: Record<string, string>[] };
        expect(putEvents.Entries).toHaveLength(1);
        const [entry] = putEvents.Entries;
        expect(entry).toMatchObject({
          EventBusName: 'shop-events',
          Source: source,
          DetailType: 'Webhook Received',
        });
        const detail = JSON.parse(entry.Detail) as Record<string, unknown>;
        expect(detail.body).toBe(r.body);
        expect(detail.signature).toBe(r.signature);
        expect(detail).toMatchObject({
          provider,
          requestId: r.requestId,
          receivedAt: r.receivedAt,
          sourceIp: r.sourceIp,
        });
        const hint = detail.hint as Record<string, string>;
        if (typeof (JSON.parse(r.body) as { id?: unknown }).id !== 'number')
          expect(hint.id).toBe(hintOf(r.body, 'id'));
        expect(hint.type).toBe(hintOf(r.body, 'type'));
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps a Stripe-style event with apostrophes and non-ASCII text exact', () => {
    const body = `{\n  "id": "evt_1",\n  "type": "charge.succeeded",\n  "data": {"note": "O'Brien's café — 😀 \\"quoted\\" C:\\\\path"}\n}`;
    const { output } = renderTemplate(vtl, {
      body,
      headers: { [header.toLowerCase()]: 't=1700000000,v1=abc' },
      stageVariables: { busName: 'b' },
      context: { requestId: 'r', requestTimeEpoch: 1, identity: { sourceIp: '1.1.1.1' }, resourcePath },
    });
    const detail = JSON.parse((JSON.parse(output) as { Entries: { Detail: string }[] }).Entries[0].Detail);
    expect(detail).toMatchObject({
      body,
      signature: 't=1700000000,v1=abc',
      hint: { id: 'evt_1', type: 'charge.succeeded' },
    });
  });
});
