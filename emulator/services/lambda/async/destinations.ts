/**
 * Sends an invocation record to an on-success / on-failure destination: an SQS queue (the record
 * as the message body, no attributes), an EventBridge bus (source `lambda`, the record as detail)
 * or another function (invoked asynchronously with the record).
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
import { destinationDetailType, type InvocationRecord } from './invocation-record';

export interface DestinationPorts {
  readonly queues?: { sendToArn(arn: string, body: string): string };
  readonly events?: { dispatch(operation: string, input: Record<string, unknown>): Promise<unknown> };
  invokeAsync(functionArn: string, payloadJson: string): string;
}

/** Resolves once the destination has the record; rejects with why it could not be sent. */
export async function sendToDestination(
  ports: DestinationPorts,
  destinationArn: string,
  record: InvocationRecord,
): Promise<void> {
  const body = JSON.stringify(record);
  switch (destinationArn.split(':')[2]) {
    case 'sqs':
      if (!ports.queues) throw new Error('no SQS service is attached');
      ports.queues.sendToArn(destinationArn, body);
      return;
    case 'events': {
      if (!ports.events) throw new Error('no EventBridge service is attached');
      const out = (await ports.events.dispatch('PutEvents', {
        Entries: [
          {
            Source: 'lambda',
            DetailType: destinationDetailType(record.requestContext.condition),
            Detail: body,
            Resources: [record.requestContext.functionArn],
            EventBusName: destinationArn,
          },
        ],
      })) as { FailedEntryCount?: number; Entries?: { ErrorMessage?: string }[] };
      if (out.FailedEntryCount) throw new Error(out.Entries?.[0]?.ErrorMessage ?? 'PutEvents failed');
      return;
    }
    case 'lambda':
      ports.invokeAsync(destinationArn, body);
      return;
    default:
      throw new Error(`unsupported destination ${destinationArn}`);
  }
}
