/**
 * Queue state as a pure engine (no I/O, time passed in): send, receive(now) → messages plus the
 * messages that exceeded maxReceiveCount and move to the dead-letter queue, delete, visibility.
 */
import { randomUUID } from 'node:crypto';
import { md5Hex, md5OfAttributes, type MessageAttributes } from './md5';

export interface StoredMessage {
  id: string;
  body: string;
  md5OfBody: string;
  attributes: MessageAttributes;
  md5OfAttributes?: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** Current receipt handle while in flight. */
  receipt?: string;
  /** Set when a redrive moved the message here: the queue it came from. */
  deadLetterSourceArn?: string;
}

export interface NewMessage {
  body: string;
  attributes?: MessageAttributes;
  delaySeconds?: number;
  deadLetterSourceArn?: string;
  /** Keeps identity and counters when a message moves between queues. */
  moved?: StoredMessage;
}

export interface ReceiveOptions {
  max: number;
  visibilityTimeoutSeconds: number;
  /** From RedrivePolicy; undefined means no DLQ. */
  maxReceiveCount?: number;
  retentionSeconds: number;
}

export interface ReceiveResult {
  messages: StoredMessage[];
  toDeadLetter: StoredMessage[];
}

export class QueueState {
  private readonly messages = new Map<string, StoredMessage>();

  static restore(messages: StoredMessage[], now: number): QueueState {
    const state = new QueueState();
    for (const message of messages) {
      // In-flight messages become visible again after a restart.
      const visibleAt = message.receipt ? now : message.visibleAt;
      state.messages.set(message.id, { ...message, receipt: undefined, visibleAt });
    }
    return state;
  }

  /** Puts back a message from the state journal, as `restore` does for a snapshot. */
  put(message: StoredMessage, now: number): void {
    const visibleAt = message.receipt ? now : message.visibleAt;
    this.messages.set(message.id, { ...message, receipt: undefined, visibleAt });
  }

  /** Replays receive counts from the state journal. */
  setReceiveCounts(counts: [id: string, count: number, firstReceivedAt: number][]): void {
    for (const [id, count, firstReceivedAt] of counts) {
      const message = this.messages.get(id);
      if (!message) continue;
      message.receiveCount = count;
      message.firstReceivedAt = firstReceivedAt || undefined;
    }
  }

  snapshot(): StoredMessage[] {
    return [...this.messages.values()];
  }

  send(message: NewMessage, now: number): StoredMessage {
    const attributes = message.attributes ?? {};
    const stored: StoredMessage = message.moved
      ? { ...message.moved, receipt: undefined, visibleAt: now }
      : {
          id: randomUUID(),
          body: message.body,
          md5OfBody: md5Hex(message.body),
          attributes,
          md5OfAttributes: md5OfAttributes(attributes),
          sentAt: now,
          visibleAt: now + (message.delaySeconds ?? 0) * 1000,
          receiveCount: 0,
        };
    if (message.deadLetterSourceArn) stored.deadLetterSourceArn = message.deadLetterSourceArn;
    this.messages.set(stored.id, stored);
    return stored;
  }

  receive(now: number, options: ReceiveOptions): ReceiveResult {
    const messages: StoredMessage[] = [];
    const toDeadLetter: StoredMessage[] = [];
    const expiresBefore = now - options.retentionSeconds * 1000;
    for (const message of this.messages.values()) {
      if (messages.length >= options.max) break;
      if (message.sentAt < expiresBefore) {
        this.messages.delete(message.id);
        continue;
      }
      if (message.visibleAt > now) continue;
      if (options.maxReceiveCount !== undefined && message.receiveCount >= options.maxReceiveCount) {
        this.messages.delete(message.id);
        toDeadLetter.push(message);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + options.visibilityTimeoutSeconds * 1000;
      message.receipt = encodeReceipt(message.id);
      messages.push(message);
    }
    return { messages, toDeadLetter };
  }

  /** Deletes by receipt handle; false when the handle does not parse. */
  delete(receipt: string): boolean {
    const id = decodeReceipt(receipt);
    if (id === undefined) return false;
    this.messages.delete(id);
    return true;
  }

  /** 'invalid' handle, 'not-inflight', or 'ok'. */
  changeVisibility(receipt: string, timeoutSeconds: number, now: number): 'invalid' | 'not-inflight' | 'ok' {
    const id = decodeReceipt(receipt);
    if (id === undefined) return 'invalid';
    const message = this.messages.get(id);
    if (!message || message.receipt !== receipt || message.visibleAt <= now) return 'not-inflight';
    message.visibleAt = now + timeoutSeconds * 1000;
    if (timeoutSeconds === 0) message.receipt = undefined;
    return 'ok';
  }

  purge(): void {
    this.messages.clear();
  }

  /** Takes up to `max` visible messages out of the queue (message move tasks). */
  take(max: number, now: number): StoredMessage[] {
    const taken: StoredMessage[] = [];
    for (const message of this.messages.values()) {
      if (taken.length >= max) break;
      if (message.visibleAt > now) continue;
      this.messages.delete(message.id);
      taken.push(message);
    }
    return taken;
  }

  /** The earliest future time a message becomes visible, for long-poll wake-ups. */
  nextVisibleAt(now: number): number | undefined {
    let next: number | undefined;
    for (const message of this.messages.values()) {
      if (message.visibleAt > now && (next === undefined || message.visibleAt < next))
        next = message.visibleAt;
    }
    return next;
  }

  counts(now: number): { visible: number; inFlight: number; delayed: number } {
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) visible++;
      else if (message.receipt) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }
}

function encodeReceipt(id: string): string {
  return Buffer.from(`${id}#${randomUUID()}`).toString('base64url');
}

function decodeReceipt(receipt: string): string | undefined {
  const decoded = Buffer.from(receipt, 'base64url').toString('utf8');
  const hash = decoded.indexOf('#');
  if (hash !== 36) return undefined;
  return decoded.slice(0, hash);
}
