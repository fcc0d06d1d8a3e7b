/**
 * A temporary window onto the bus: a rule with the tail's pattern whose target is a fresh SQS
 * queue, both deleted when the tail ends. It uses only public APIs, so it behaves the same on the
 * emulator and on AWS (where the queue policy lets EventBridge send to the queue).
 */
import {
  DeleteRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';

export interface TailFilter {
  readonly sources?: readonly string[];
  readonly detailTypes?: readonly string[];
}

export interface BusEventRecord {
  readonly id?: string;
  readonly time?: string;
  readonly source?: string;
  readonly 'detail-type'?: string;
  readonly detail?: unknown;
  readonly [key: string]: unknown;
}

const TARGET_ID = 'hydrant-tail';

/** The rule's pattern; with no filter, `prefix: ""` matches every event. */
export function tailPattern(filter: TailFilter): Record<string, unknown> {
  const pattern: Record<string, unknown> = {};
  if (filter.sources?.length) pattern.source = [...filter.sources];
  if (filter.detailTypes?.length) pattern['detail-type'] = [...filter.detailTypes];
  if (Object.keys(pattern).length === 0) pattern.source = [{ prefix: '' }];
  return pattern;
}

export class TailSession {
  private queueUrl?: string;
  private ruleCreated = false;
  private targetAdded = false;
  readonly name = `hydrant-tail-${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly events: EventBridgeClient,
    private readonly sqs: SQSClient,
    private readonly bus: string,
  ) {}

  async open(filter: TailFilter): Promise<void> {
    const queue = await this.sqs.send(
      new CreateQueueCommand({ QueueName: this.name, Attributes: { MessageRetentionPeriod: '3600' } }),
    );
    this.queueUrl = queue.QueueUrl!;
    const attrs = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queueArn = attrs.Attributes!.QueueArn!;
    const rule = await this.events.send(
      new PutRuleCommand({
        Name: this.name,
        EventBusName: this.bus,
        EventPattern: JSON.stringify(tailPattern(filter)),
        Description: 'Temporary rule of `hydrant events tail`; deleted when the tail ends',
      }),
    );
    this.ruleCreated = true;
    await this.sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: this.queueUrl,
        Attributes: {
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'events.amazonaws.com' },
                Action: 'sqs:SendMessage',
                Resource: queueArn,
                Condition: { ArnEquals: { 'aws:SourceArn': rule.RuleArn } },
              },
            ],
          }),
        },
      }),
    );
    const targets = await this.events.send(
      new PutTargetsCommand({
        Rule: this.name,
        EventBusName: this.bus,
        Targets: [{ Id: TARGET_ID, Arn: queueArn }],
      }),
    );
    if (targets.FailedEntryCount) {
      throw new Error(`PutTargets failed: ${targets.FailedEntries?.[0]?.ErrorMessage ?? 'unknown error'}`);
    }
    this.targetAdded = true;
  }

  /** The next events, waiting up to `waitSeconds`; empty when none came or `signal` aborted. */
  async next(waitSeconds: number, signal?: AbortSignal): Promise<BusEventRecord[]> {
    let out;
    try {
      out = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: waitSeconds,
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      if (signal?.aborted) return [];
      throw error;
    }
    const messages = out.Messages ?? [];
    if (messages.length === 0) return [];
    await this.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: this.queueUrl,
        Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    return messages
      .map((m) => {
        try {
          return JSON.parse(m.Body ?? '') as BusEventRecord;
        } catch {
          return { detail: m.Body } as BusEventRecord;
        }
      })
      .sort((a, b) => String(a.time).localeCompare(String(b.time)));
  }

  /** Deletes the target, rule and queue; tries each even when one fails, and reports the failures. */
  async close(): Promise<string[]> {
    const problems: string[] = [];
    const attempt = async (what: string, run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    if (this.targetAdded) {
      await attempt(`remove target of rule ${this.name}`, () =>
        this.events.send(
          new RemoveTargetsCommand({ Rule: this.name, EventBusName: this.bus, Ids: [TARGET_ID] }),
        ),
      );
    }
    if (this.ruleCreated) {
      await attempt(`delete rule ${this.name}`, () =>
        this.events.send(new DeleteRuleCommand({ Name: this.name, EventBusName: this.bus })),
      );
    }
    if (this.queueUrl) {
      const url = this.queueUrl;
      await attempt(`delete queue ${url}`, () => this.sqs.send(new DeleteQueueCommand({ QueueUrl: url })));
    }
    return problems;
  }
}
