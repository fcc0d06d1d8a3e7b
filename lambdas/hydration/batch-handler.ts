/**
 * The SQS batch handler: Powertools' BatchProcessor reports failed records in
 * `batchItemFailures` (ReportBatchItemFailures), records run concurrently up to a bound, and a
 * batch where every record failed is still a normal partial response (each failure already has
 * its own backoff), not an invocation error.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { bounded } from './bounded';
import type { Hydrator } from './hydrator';

export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export function createBatchHandler(hydrator: Hydrator, concurrency: number): SqsBatchHandler {
  return async (event, context) => {
    // One processor per invocation: its state is per batch.
    const processor = new BatchProcessor(EventType.SQS);
    const limit = bounded(concurrency);
    return processPartialResponse(
      event,
      (record: SQSRecord) => limit(() => hydrator.handle(record)),
      processor,
      {
        context,
        processInParallel: true,
        throwOnFullBatchFailure: false,
      },
    );
  };
}
