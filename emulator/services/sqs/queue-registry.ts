/**
 * The queues of one account and region: lookup by URL, name or ARN, and long-poll wake-ups.
 */
import type { AwsContext } from '../../protocol/aws-context';
import { PurgeQueueInProgress, QueueDoesNotExist } from './errors';
import { DEFAULT_ATTRIBUTES, parseRedrivePolicy, type RedrivePolicy } from './queue-attributes';
import { QueueState, type StoredMessage } from './queue-state';

export interface Queue {
  name: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  state: QueueState;
  redrive?: RedrivePolicy;
  waiters: Set<() => void>;
}

export interface QueueSnapshot {
  name: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  messages: StoredMessage[];
}

/** AWS allows one PurgeQueue per queue every 60 seconds. */
const PURGE_SPACING_MS = 60_000;

export class QueueRegistry {
  readonly queues = new Map<string, Queue>();
  // PARITY: the last purge is kept in memory, so a restart forgets it.
  private readonly lastPurges = new WeakMap<Queue, number>();

  constructor(private readonly context: AwsContext) {}

  arnOf(name: string): string {
    return `arn:aws:sqs:${this.context.region}:${this.context.accountId}:${name}`;
  }

  urlOf(name: string): string {
    return `${this.context.endpoint}/${this.context.accountId}/${name}`;
  }

  create(name: string, attributes: Record<string, string>, tags: Record<string, string>, now: number): Queue {
    const queue: Queue = {
      name,
      attributes: { ...DEFAULT_ATTRIBUTES, ...attributes },
      tags,
      createdAt: now,
      modifiedAt: now,
      state: new QueueState(),
      waiters: new Set(),
    };
    queue.redrive = storedRedrivePolicy(queue.attributes.RedrivePolicy);
    this.queues.set(name, queue);
    return queue;
  }

  setAttributes(queue: Queue, attributes: Record<string, string>, now: number): void {
    Object.assign(queue.attributes, attributes);
    queue.redrive = storedRedrivePolicy(queue.attributes.RedrivePolicy);
    queue.modifiedAt = now;
  }

  /** Accepts any endpoint's URL (`.../<account>/<name>`) so URLs survive port changes. */
  byUrl(url: unknown): Queue {
    if (typeof url !== 'string' || url === '') throw new QueueDoesNotExist('(no QueueUrl given)');
    const name = url.replace(/\/+$/, '').split('/').pop()!;
    const queue = this.queues.get(name);
    if (!queue) throw new QueueDoesNotExist(url);
    return queue;
  }

  byArn(arn: string): Queue {
    const name = arn.split(':').pop()!;
    const queue = this.queues.get(name);
    if (!queue || this.arnOf(name) !== arn) throw new QueueDoesNotExist(arn);
    return queue;
  }

  hasArn(arn: string): boolean {
    const name = arn.split(':').pop()!;
    return this.queues.has(name) && this.arnOf(name) === arn;
  }

  /** Deletes every message, at most once a minute per queue (PurgeQueueInProgress otherwise). */
  purge(queue: Queue, now: number): void {
    const since = now - (this.lastPurges.get(queue) ?? -Infinity);
    if (since < PURGE_SPACING_MS)
      throw new PurgeQueueInProgress(queue.name, Math.ceil((PURGE_SPACING_MS - since) / 1000));
    this.lastPurges.set(queue, now);
    queue.state.purge();
  }

  wake(queue: Queue): void {
    for (const waiter of queue.waiters) waiter();
    queue.waiters.clear();
  }

  wakeAll(): void {
    for (const queue of this.queues.values()) this.wake(queue);
  }

  snapshot(): QueueSnapshot[] {
    return [...this.queues.values()].map((q) => ({
      name: q.name,
      attributes: q.attributes,
      tags: q.tags,
      createdAt: q.createdAt,
      modifiedAt: q.modifiedAt,
      messages: q.state.snapshot(),
    }));
  }

  restore(snapshots: QueueSnapshot[], now: number): void {
    for (const s of snapshots) {
      const queue = this.create(s.name, s.attributes, s.tags, s.createdAt);
      queue.modifiedAt = s.modifiedAt;
      queue.state = QueueState.restore(s.messages, now);
    }
  }
}

/** Policies are checked when set; one an older version let through still loads (without redrive). */
function storedRedrivePolicy(value: string | undefined): RedrivePolicy | undefined {
  try {
    return parseRedrivePolicy(value);
  } catch {
    return undefined;
  }
}
