/**
 * The hydrator against partner answers the mock partner does not give: what a proxy, CDN or a
 * drifting partner puts on the wire (served by a small stand-in HTTP server), and the
 * installation id on every request.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import orderFound from '../../../query_response/order_found.json';
import {
  deadLetters,
  INSTALLATION_ID,
  orderEvent,
  sqsEvent,
  sqsRecord,
  startHarness,
  STATIC_SECRET,
  type Harness,
} from './helpers';

interface StandIn {
  readonly url: string;
  readonly headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}

let harness: Harness | undefined;
let standIn: StandIn | undefined;
afterEach(async () => {
  await harness?.close();
  await standIn?.close();
  harness = standIn = undefined;
});

async function serve(status: number, contentType: string, body: string): Promise<StandIn> {
  const headers: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    headers.push(req.headers);
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': contentType });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  standIn = {
    url: `http://127.0.0.1:${port}/graphql`,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standIn;
}

const orderWith = (patch: Record<string, unknown>) =>
  JSON.stringify({ data: { order: { ...orderFound.data.order, id: 'ord-S1', ...patch } } });

describe('order hydrator against what sits in front of the partner', () => {
  it.each([
    ['HTTP 408', 408, 'application/json', '{"message":"Request Timeout"}', 'Http408'],
    ['HTTP 425', 425, 'application/json', '{"message":"Too Early"}', 'Http425'],
    ['HTTP 502 with an HTML page', 502, 'text/html', '<html><body>Bad Gateway</body></html>', 'Http5xx'],
    [
      'HTTP 200 with an HTML maintenance page',
      200,
      'text/html; charset=utf-8',
      '<!DOCTYPE html><html><body>Down for maintenance</body></html>',
      'UpstreamPage',
    ],
  ])('retries %s', async (_name, status, contentType, body, errorType) => {
    const server = await serve(status, contentType, body);
    harness = await startHarness({ endpoint: server.url });
    const record = sqsRecord(orderEvent('ord-S1'));

    const result = await harness.handler(sqsEvent(record));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(harness.telemetry.failures.map((f) => f.decision)).toEqual([
      expect.objectContaining({ action: 'retry', failureClass: 'retryable', errorType }),
    ]);
  });

  it('treats HTTP 400 as permanent', async () => {
    const server = await serve(400, 'application/json', '{"errors":[{"errorType":"BadRequestException"}]}');
    harness = await startHarness({ endpoint: server.url });

    await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-S1'))));

    expect(deadLetters(harness)[0].attributes).toMatchObject({ errorType: 'Http4xx', attempts: '1' });
  });

  it('dead-letters money it cannot represent exactly, with the field that is wrong', async () => {
    const server = await serve(
      200,
      'application/json',
      orderWith({ summary: { totalPrice: { amount: 70.97, currencyCode: 'XYZ' }, rollupCharges: [] } }),
    );
    harness = await startHarness({ endpoint: server.url });

    await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-S1'))));

    expect(deadLetters(harness)[0].attributes).toMatchObject({
      errorType: 'PartnerDataInvalid',
      errorMessage: expect.stringContaining(
        'order.summary.totalPrice.amount: unknown ISO 4217 currency code "XYZ"',
      ),
    });
    expect(harness.objects.size).toBe(0);
  });
});

describe('partner installation id', () => {
  it('sends X-Omni-InstallationId and the bearer token on every request', async () => {
    const server = await serve(200, 'application/json', orderWith({}));
    harness = await startHarness({ endpoint: server.url });

    const result = await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-S1'))));

    expect(result.batchItemFailures).toEqual([]);
    expect(server.headers).toEqual([
      expect.objectContaining({
        'x-omni-installationid': INSTALLATION_ID,
        authorization: `Bearer ${STATIC_SECRET.token}`,
        'content-type': 'application/json',
      }),
    ]);
  });

  it("uses the secret's installationId when the deployment names none", async () => {
    const server = await serve(200, 'application/json', orderWith({}));
    harness = await startHarness({
      endpoint: server.url,
      installationId: null,
      secret: { ...STATIC_SECRET, installationId: 'inst-from-secret' },
    });

    await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-S1'))));

    expect(server.headers[0]['x-omni-installationid']).toBe('inst-from-secret');
  });

  it('dead-letters with a fix-it message when no installation id is configured anywhere', async () => {
    harness = await startHarness({ installationId: null, secret: { type: 'static', token: 't' } });

    await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-S1'))));

    expect(deadLetters(harness)[0].attributes).toMatchObject({
      errorType: 'PartnerCredentialsInvalid',
      errorMessage: expect.stringContaining('hydrant:partnerInstallationId'),
    });
    expect(harness.partner.requests.get('/graphql')).toBeUndefined();
  });
});
