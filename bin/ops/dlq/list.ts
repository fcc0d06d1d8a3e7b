/** `listDlqs`: every DLQ with its depth, its oldest message's age and its newest message's reason. */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describeMessage } from './describe';
import { reasonSummary, type FailureReason } from './explain';
import { peekMessages, queueDepth, sentAt } from './peek';

export interface DlqSummary {
  readonly name: string;
  readonly url: string;
  readonly depth: number;
  readonly inFlight: number;
  readonly oldestSentAt?: string;
  readonly oldestAgeSeconds?: number;
  /** Why the newest message (of those sampled) is there. */
  readonly newestReason?: FailureReason;
  readonly newestReasonSummary?: string;
}

/** How many messages a summary samples for the oldest age and the newest reason. */
const SAMPLE = 10;

export async function listDlqs(
  sqs: SQSClient,
  dlqs: Readonly<Record<string, string>>,
  now = Date.now(),
): Promise<DlqSummary[]> {
  return Promise.all(
    Object.entries(dlqs).map(async ([name, url]): Promise<DlqSummary> => {
      const depth = await queueDepth(sqs, url);
      // PARITY: CloudWatch's ApproximateAgeOfOldestMessage is not emulated; the oldest and newest
      // of a peek of up to 10 messages are exact for the emulator and a sample on AWS.
      const sample = depth.visible > 0 ? await peekMessages(sqs, url, SAMPLE, depth.visible) : [];
      const oldest = sample[0];
      const newest = sample.at(-1);
      const sent = oldest ? sentAt(oldest) : 0;
      const reason = newest ? describeMessage(newest).reason : undefined;
      return {
        name,
        url,
        depth: depth.visible,
        inFlight: depth.inFlight,
        ...(sent
          ? { oldestSentAt: new Date(sent).toISOString(), oldestAgeSeconds: Math.round((now - sent) / 1000) }
          : {}),
        ...(reason ? { newestReason: reason, newestReasonSummary: reasonSummary(reason) } : {}),
      };
    }),
  );
}
