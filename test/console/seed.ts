/** What the console pages show in the tests: an order with everything around it, in the emulator. */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { timelineKey, type TimelineEntry } from '../../lambdas/shop/timeline';
import { BUCKET, type LocalHydrant } from '../cli/helpers';

export const ORDER = 'ord-1001';
/** Text that must reach the page as text, never as markup. */
export const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;

export async function seed(local: LocalHydrant): Promise<void> {
  const put = (key: string, body: unknown) =>
    local.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: typeof body === 'string' ? body : JSON.stringify(body),
        ContentType: 'application/json',
      }),
    );
  const entry = (
    kind: TimelineEntry['kind'],
    occurredAt: string,
    eventId: string,
    source: TimelineEntry['source'],
    detailType: string,
  ): TimelineEntry => ({
    orderId: ORDER,
    kind,
    occurredAt,
    eventId,
    source,
    detailType,
    details: {},
    recordedAt: occurredAt,
  });
  for (const e of [
    entry('placed', '2026-11-22T03:47:40.000Z', 'e-placed', 'shop.hydration', 'Order Hydrated'),
    entry('paid', '2026-11-22T03:47:46.000Z', 'evt_paid', 'stripe', 'payment_intent.succeeded'),
    entry('shipped', '2026-11-22T03:47:50.000Z', 'dev_started', 'delivery', 'DeliveryStarted'),
    entry('partially_refunded', '2026-11-22T04:10:00.000Z', 'e-refund', 'shop.hydration', 'Order Hydrated'),
  ]) {
    await put(timelineKey(e), e);
  }
  await put(`hydrated/orders/${ORDER}/2026-11-22T03:47:40Z_ORDER_PLACED_e-placed.json`, {
    schemaVersion: 1,
    sourceEvent: { id: 'e-placed', 'detail-type': 'Order Placed' },
    query: { operationName: 'getOrder', variables: { orderId: ORDER } },
    response: { data: { order: { id: ORDER, note: HOSTILE } } },
    complete: true,
    hydratedAt: '2026-11-22T03:47:41.000Z',
  });
  await put(`invoices/${ORDER}.json`, {
    documentType: 'invoice',
    invoiceNumber: `INV-${ORDER}`,
    total: 4999,
  });
  await put(`invoices/${ORDER}/credit-rf_1.json`, {
    documentType: 'credit_note',
    creditNoteNumber: 'CN-rf_1',
  });
  await put('rejected/stripe/2026-11-22/req-forged.json', {
    reason: 'signature-mismatch',
    message: 'No active signing secret verifies the Stripe-Signature header',
    rejectedAt: '2026-11-22T03:50:00.000Z',
    busEventId: 'bus-1',
    envelope: {
      provider: 'stripe',
      body: JSON.stringify({ id: 'evt_forged', data: { object: { metadata: { orderId: ORDER } } } }),
    },
  });
  await local.sqs.send(
    new SendMessageCommand({
      QueueUrl: local.dlqs['order-hydration'],
      MessageBody: JSON.stringify({
        'detail-type': 'Order Placed',
        source: 'partner.buywithprime',
        detail: { eventType: 'ORDER_PLACED', orderIdentifier: { orderId: ORDER } },
      }),
      MessageAttributes: {
        errorType: { DataType: 'String', StringValue: 'Http5xx' },
        errorMessage: { DataType: 'String', StringValue: 'partner answered 503 five times' },
        attempts: { DataType: 'Number', StringValue: '5' },
      },
    }),
  );
}
