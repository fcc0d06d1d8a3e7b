/**
 * A temporary window onto a bus: a rule with the watcher's pattern whose target is a fresh SQS
 * queue, both deleted when the watcher closes. It uses only public APIs, so it behaves the same on
 * the emulator and on AWS (where the queue policy lets EventBridge send to the queue). `hydrant
 * events tail`, the demo and the end-to-end tests all watch the bus through it.
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

export interface WatchFilter {
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

const TARGET_ID = 'bus-watcher';

/** A rule pattern for sources and detail-types; with neither, `wildcard: "*"` matches every event. */
export function watchPattern(filter: WatchFilter = {}): Record<string, unknown> {
  const pattern: Record<string, unknown> = {};
  if (filter.sources?.length) pattern.source = [...filter.sources];
  if (filter.detailTypes?.length) pattern['detail-type'] = [...filter.detailTypes];
  if (Object.keys(pattern).length === 0) pattern.source = [{ wildcard: '*' }];
  return pattern;
}

export interface BusWatcherClients {
  readonly events: EventBridgeClient;
  readonly sqs: SQSClient;
}

export class BusWatcher {
  private queueUrl?: string;
  private ruleCreated = false;
  private targetAdded = false;
  /** The rule's and the queue's name: `<prefix>-<8 hex>`. */
  readonly name: string;
  private readonly events: EventBridgeClient;
  private readonly sqs: SQSClient;

  constructor(
    clients: BusWatcherClients,
    private readonly bus: string,
    namePrefix = 'hydrant-watch',
  ) {
    this.events = clients.events;
    this.sqs = clients.sqs;
    this.name = `${namePrefix}-${randomBytes(4).toString('hex')}`;
  }

  /** A watcher already open on `pattern`; closes what it created when opening fails half-way. */
  static async start(
    clients: BusWatcherClients,
    bus: string,
    pattern: object = watchPattern(),
    namePrefix?: string,
  ): Promise<BusWatcher> {
    const watcher = new BusWatcher(clients, bus, namePrefix);
    try {
      await watcher.open(pattern);
    } catch (error) {
      await watcher.close();
      throw error;
    }
    return watcher;
  }

  /** Creates the queue, the rule with `pattern` (an EventBridge event pattern) and its target. */
  async open(pattern: object): Promise<void> {
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
        EventPattern: JSON.stringify(pattern),
        Description:
          'Temporary rule of a bus watcher (hydrant events tail, demo, tests); deleted when it closes',
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

  /** Everything delivered so far: reads until one long poll of `waitSeconds` comes back empty. */
  async drain(waitSeconds = 1): Promise<BusEventRecord[]> {
    const all: BusEventRecord[] = [];
    for (let batch = await this.next(waitSeconds); batch.length > 0; batch = await this.next(waitSeconds)) {
      all.push(...batch);
    }
    return all;
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
