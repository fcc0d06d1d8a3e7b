/** The `Webhook Received` envelope the API's mapping templates put on the bus (DESIGN §3). */
import { WEBHOOK_SOURCES, type WebhookSource } from '../shared/contracts';
import { RejectedWebhookError } from './errors';

export { WEBHOOK_SOURCES };

export interface WebhookEnvelope {
  readonly source: WebhookSource;
  readonly provider: string;
  readonly requestId: string;
  /** Epoch milliseconds at which API Gateway received the request. */
  readonly receivedAt: number;
  readonly sourceIp: string;
  /** The signature header, `""` when the request had none. */
  readonly signature: string;
  /** The raw request body, byte-exact. */
  readonly body: string;
}

/** Reads the envelope from an EventBridge event's source and detail, or rejects it as malformed. */
export function readEnvelope(source: string, detail: unknown): WebhookEnvelope {
  const d = (typeof detail === 'object' && detail !== null ? detail : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (source !== WEBHOOK_SOURCES.stripe && source !== WEBHOOK_SOURCES.delivery)
    problems.push(`source ${source}`);
  for (const key of ['provider', 'requestId', 'body'] as const) {
    if (typeof d[key] !== 'string' || (key !== 'body' && d[key] === ''))
      problems.push(`${key} is not a string`);
  }
  if (typeof d.receivedAt !== 'number' || !Number.isFinite(d.receivedAt))
    problems.push('receivedAt is not a number');
  if (source === WEBHOOK_SOURCES.stripe && d.provider !== 'stripe')
    problems.push('provider of a Stripe webhook');
  if (problems.length > 0) {
    throw new RejectedWebhookError(
      'malformed-envelope',
      `The Webhook Received event is malformed: ${problems.join(', ')}`,
    );
  }
  return {
    source: source as WebhookEnvelope['source'],
    provider: d.provider as string,
    requestId: d.requestId as string,
    receivedAt: d.receivedAt as number,
    sourceIp: typeof d.sourceIp === 'string' ? d.sourceIp : '',
    signature: typeof d.signature === 'string' ? d.signature : '',
    body: d.body as string,
  };
}
