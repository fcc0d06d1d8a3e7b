/**
 * Hydrates one SQS record: partner event → GraphQL query → response checks → S3 object → hydrated
 * event. A failure is retried later (visibility backoff, then rethrown so the batch reports the
 * record) or dead-lettered with its reason and acknowledged: every event ends as a hydrated object
 * or a DLQ message that says why.
 */
import { PartnerMappingError } from '../shared/partner-mapping';
import type { EventPublisher, ObjectStore } from '../shared/ports';
import { backoffSeconds, type BackoffOptions } from './backoff';
import { checkResponse } from './check-response';
import { classifyFailure } from './classify-failure';
import { PartnerDataError } from './errors';
import { buildHydratedEvent, buildHydratedObject } from './hydrated-object';
import type { HydrationSpec, HydrationTarget } from './hydration-spec';
import type { FailureQueue, PartnerClient } from './ports';
import type { HydrationTelemetry } from './telemetry';

/** The SQS record fields the hydrator needs (a subset of `SQSRecord`). */
export interface QueueRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly eventSourceARN: string;
  readonly attributes: {
    readonly ApproximateReceiveCount: string;
    readonly ApproximateFirstReceiveTimestamp: string;
  };
}

export interface HydratorOptions {
  readonly spec: HydrationSpec;
  readonly partnerSource: string;
  /** `shop.hydration` */
  readonly hydrationSource: string;
  readonly bucket: string;
  readonly maxAttempts: number;
  readonly partner: PartnerClient;
  readonly store: ObjectStore;
  readonly publisher: EventPublisher;
  readonly failures: FailureQueue;
  readonly telemetry: HydrationTelemetry;
  readonly backoff?: BackoffOptions;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

export class Hydrator {
  private readonly clock: () => Date;

  constructor(private readonly options: HydratorOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Resolves when the record is done (hydrated, skipped or dead-lettered); rejects to retry it. */
  async handle(record: QueueRecord): Promise<void> {
    try {
      await this.hydrate(record.body);
    } catch (error) {
      await this.fail(record, error);
    }
  }

  private async hydrate(body: string): Promise<void> {
    const { spec, partnerSource } = this.options;
    const parsed = spec.parse(body, partnerSource);
    if (parsed.kind === 'skip') {
      this.options.telemetry.skipped({ eventId: parsed.event.id, reason: parsed.reason });
      return;
    }
    await this.hydrateTarget(parsed.target);
  }

  private async hydrateTarget(target: HydrationTarget): Promise<void> {
    const { spec, bucket } = this.options;
    const response = await this.options.partner.query(spec.operation, target.variables);
    const { complete } = checkResponse(response, spec.rootField, target.id);
    const normalized = this.normalize(target, response.data as Record<string, unknown>);
    const object = buildHydratedObject(spec, target, response, complete, this.clock());
    await this.options.store.put(object.key, object.body, {
      contentType: 'application/json',
      metadata: { 'event-id': target.event.id, sha256: object.sha256 },
    });
    const event = buildHydratedEvent(
      spec,
      target,
      object,
      bucket,
      this.options.hydrationSource,
      normalized,
      complete,
    );
    await this.options.publisher.publish([event]);
    this.options.telemetry.succeeded({
      eventId: target.event.id,
      id: target.id,
      key: object.key,
      complete,
      truncated: 'truncated' in (event.detail as object),
    });
  }

  /** Before anything is stored: an answer hydrant cannot represent exactly is dead-lettered whole. */
  private normalize(target: HydrationTarget, data: Record<string, unknown>): unknown {
    try {
      return this.options.spec.normalize(data);
    } catch (error) {
      if (!(error instanceof PartnerMappingError)) throw error;
      throw new PartnerDataError(
        `The partner's ${this.options.spec.rootField} ${target.id} cannot be normalized: ${error.message}`,
        { cause: error },
      );
    }
  }

  private async fail(record: QueueRecord, error: unknown): Promise<void> {
    const attempt = Math.max(1, Number(record.attributes.ApproximateReceiveCount) || 1);
    const decision = classifyFailure(error, attempt, this.options.maxAttempts);
    const eventId = eventIdOf(record.body) ?? record.messageId;
    this.options.telemetry.failed({ eventId, attempt, decision });
    if (decision.action === 'retry') {
      const seconds = backoffSeconds(attempt, this.options.backoff);
      // If the visibility change fails the message still comes back, after the queue's own timeout.
      await this.options.failures
        .delayRetry(record.receiptHandle, seconds)
        .catch((delayError: unknown) =>
          this.options.telemetry.retryDelayFailed({ eventId, error: delayError }),
        );
      throw error;
    }
    const now = this.clock().toISOString();
    const firstReceived = Number(record.attributes.ApproximateFirstReceiveTimestamp);
    await this.options.failures.deadLetter(record.body, {
      errorType: decision.errorType,
      errorMessage: decision.errorMessage,
      attempts: attempt,
      // The first attempt is the first receive; earlier attempts of this record all failed.
      firstFailedAt: attempt > 1 && firstReceived > 0 ? new Date(firstReceived).toISOString() : now,
      lastFailedAt: now,
      sourceQueue: record.eventSourceARN,
    });
  }
}

function eventIdOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
