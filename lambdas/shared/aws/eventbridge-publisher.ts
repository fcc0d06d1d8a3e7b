/** `EventPublisher` over EventBridge PutEvents, checking per-entry failures. */
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OperationalError, PublishError } from '../errors';
import type { BusEvent, EventPublisher } from '../ports';

/** PutEvents takes at most 10 entries per call. */
const MAX_ENTRIES = 10;

export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: readonly BusEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += MAX_ENTRIES) {
      await this.publishChunk(events.slice(i, i + MAX_ENTRIES));
    }
  }

  private async publishChunk(events: readonly BusEvent[]): Promise<void> {
    let result;
    try {
      result = await this.client.send(
        new PutEventsCommand({
          Entries: events.map((e) => ({
            EventBusName: this.busName,
            Source: e.source,
            DetailType: e.detailType,
            Detail: JSON.stringify(e.detail),
            Time: e.time,
            Resources: e.resources ? [...e.resources] : undefined,
          })),
        }),
      );
    } catch (cause) {
      throw new OperationalError(`PutEvents to ${this.busName} failed`, { cause });
    }
    // PutEvents reports rejected entries with HTTP 200 and FailedEntryCount:
    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
    if ((result.FailedEntryCount ?? 0) > 0) {
      const failures = (result.Entries ?? [])
        .filter((e) => e.ErrorCode)
        .map((e) => ({ errorCode: e.ErrorCode, errorMessage: e.ErrorMessage }));
      throw new PublishError(
        `PutEvents to ${this.busName} rejected ${result.FailedEntryCount} of ${events.length} entries: ` +
          failures.map((f) => `${f.errorCode}: ${f.errorMessage}`).join('; '),
        failures,
      );
    }
  }
}
