/**
 * SQS queues as hydrant makes them: SQS-managed encryption and TLS-only access. A dead-letter
 * queue also keeps messages for the 14-day maximum and carries the cdk-nag acknowledgement that it
 * needs no DLQ of its own.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export function secureQueue(scope: Construct, id: string, props: QueueProps = {}): Queue {
  return new Queue(scope, id, { ...props, encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
}

/** @param deadLetterOf what fails into this queue, for the acknowledgement's reason. */
export function createDeadLetterQueue(scope: Construct, id: string, deadLetterOf: string): Queue {
  const queue = secureQueue(scope, id, { retentionPeriod: Duration.days(14) });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself a dead-letter queue (of ${deadLetterOf}).`,
  });
  return queue;
}
