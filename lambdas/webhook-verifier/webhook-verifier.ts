/**
 * Verifies one `Webhook Received` event: valid → the verified event on the bus; invalid → a record
 * under `rejected/` and nothing published. Operational failures (S3, EventBridge, Secrets Manager, a
 * provider with no secret yet) are thrown for the platform to retry.
 */
import type { BusEvent, EventPublisher, ObjectStore } from '../shared/ports';
import { checkDeliveryHeader, verifyDelivery } from './delivery-verification';
import { readEnvelope, WEBHOOK_SOURCES, type WebhookEnvelope } from './envelope';
import {
  RejectedWebhookError,
  SecretRefreshPendingError,
  SigningSecretMissingError,
  type RejectionReason,
} from './errors';
import { keptEnvelope, rejectedObjectKey, type RejectionRecord } from './rejection';
import type { SigningSecrets } from './signing-secrets';
import { verifyStripe } from './stripe-verification';

export interface WebhookVerifierDeps {
  readonly publisher: EventPublisher;
  readonly store: ObjectStore;
  readonly secrets: SigningSecrets;
  /** Providers accepted on `/webhooks/delivery/{provider}`. */
  readonly deliveryProviders: readonly string[];
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** The EventBridge event fields the verifier reads. */
export interface ReceivedEvent {
  readonly id: string;
  readonly source: string;
  readonly detail: unknown;
}

export type VerificationOutcome =
  | {
      readonly status: 'verified';
      readonly provider: string;
      readonly requestId: string;
      readonly event: BusEvent;
    }
  | {
      readonly status: 'rejected';
      readonly provider: string;
      readonly requestId: string;
      readonly reason: RejectionReason;
      readonly message: string;
      readonly key: string;
    };

export class WebhookVerifier {
  constructor(private readonly deps: WebhookVerifierDeps) {}

  async handle(received: ReceivedEvent): Promise<VerificationOutcome> {
    let envelope: WebhookEnvelope | undefined;
    try {
      envelope = readEnvelope(received.source, received.detail);
      const event = await this.verify(envelope);
      await this.deps.publisher.publish([event]);
      return { status: 'verified', provider: envelope.provider, requestId: envelope.requestId, event };
    } catch (error) {
      if (!(error instanceof RejectedWebhookError)) throw error;
      return this.reject(received, error);
    }
  }

  private async verify(envelope: WebhookEnvelope): Promise<BusEvent> {
    if (envelope.source === WEBHOOK_SOURCES.stripe) {
      return this.withSecrets(
        envelope.provider,
        (force) => this.deps.secrets.stripe(force),
        (secrets) => verifyStripe(envelope, secrets),
      );
    }
    if (!this.deps.deliveryProviders.includes(envelope.provider)) {
      throw new RejectedWebhookError(
        'unknown-provider',
        `Delivery provider ${JSON.stringify(envelope.provider)} is not configured (hydrant:deliveryProviders)`,
      );
    }
    // A webhook without a usable header is rejected even while the provider has no secret yet.
    checkDeliveryHeader(envelope);
    return this.withSecrets(
      envelope.provider,
      (force) => this.deps.secrets.delivery(envelope.provider, force),
      (secrets) => verifyDelivery(envelope, secrets),
    );
  }

  /**
   * Verifies with the cached secrets; when none is configured or none matched, re-reads them (a
   * secret may have just been added) before the verdict stands. When a re-read is not allowed yet,
   * a bad signature gets no verdict: the invocation fails and its retry re-reads the secrets.
   */
  private async withSecrets(
    provider: string,
    load: (forceFetch: boolean) => Promise<readonly string[]>,
    verify: (secrets: readonly string[]) => BusEvent,
  ): Promise<BusEvent> {
    try {
      return verify(await load(false));
    } catch (error) {
      const badSignature = error instanceof RejectedWebhookError && error.reason === 'bad-signature';
      if (!badSignature && !(error instanceof SigningSecretMissingError)) throw error;
      if (!this.deps.secrets.claimRefresh(provider)) {
        if (badSignature)
          throw new SecretRefreshPendingError(provider, this.deps.secrets.minRefreshIntervalMs);
        throw error;
      }
      return verify(await load(true));
    }
  }

  private async reject(received: ReceivedEvent, error: RejectedWebhookError): Promise<VerificationOutcome> {
    const now = (this.deps.now ?? (() => new Date()))();
    const detail = (
      typeof received.detail === 'object' && received.detail !== null ? received.detail : {}
    ) as Record<string, unknown>;
    const key = rejectedObjectKey(detail.provider, detail.receivedAt, detail.requestId, received.id, now);
    const record: RejectionRecord = {
      reason: error.reason,
      message: error.message,
      rejectedAt: now.toISOString(),
      busEventId: received.id,
      ...keptEnvelope(received.detail),
    };
    await this.deps.store.put(key, JSON.stringify(record, null, 2), {
      metadata: { reason: error.reason },
    });
    return {
      status: 'rejected',
      provider: typeof detail.provider === 'string' ? detail.provider : 'unknown',
      requestId: typeof detail.requestId === 'string' ? detail.requestId : received.id,
      reason: error.reason,
      message: error.message,
      key,
    };
  }
}
