/**
 * Target deliveries that outlive their PutEvents (a Lambda target, a retry waiting out its
 * backoff) are written to the state store's pending work before PutEvents is acknowledged, and
 * finished ones are crossed off. After a crash or a shutdown the next start resumes what is left:
 * SQS and bus targets at once, Lambda targets when the Lambda runtime attaches.
 * PARITY: a resumed delivery starts its retry count again (MaximumEventAgeInSeconds still counts
 * from the original ingestion); AWS keeps counting. Delivery is at least once, as on AWS.
 */
import { randomUUID } from 'node:crypto';
import type { PendingWork } from '../../state/pending-work';
import type { Rule, Target } from './bus-registry';
import type { EventEnvelope } from './put-events';

export interface PendingDelivery {
  ruleArn: string;
  targetArn: string;
  busName: string;
  ruleName: string;
  targetId: string;
  event: EventEnvelope;
  ingestedAt: number;
}

export type StartDelivery = (
  rule: Rule,
  target: Target,
  event: EventEnvelope,
  ingestedAt: number,
) => Promise<void> | undefined;

export class PendingDeliveries {
  private waiting: [string, PendingDelivery][];

  constructor(
    private readonly work: PendingWork<PendingDelivery> | undefined,
    /** True once the provider is closing: unfinished deliveries stay pending for the next start. */
    private readonly stopped: () => boolean,
    private readonly log: (message: string) => void,
  ) {
    this.waiting = work?.entries() ?? [];
  }

  /** Keeps `delivery` pending until it settles (unless the emulator stops first). */
  track(delivery: Promise<void>, item: PendingDelivery, id: string = randomUUID()): Promise<void> {
    if (!this.work) return delivery;
    this.work.add(id, item);
    return delivery.finally(() => {
      if (!this.stopped()) this.work!.done(id);
    });
  }

  /**
   * Restarts the deliveries left by the previous run that `ready` accepts (`lambda: false` before
   * the Lambda runtime is attached), through `start`; returns the started promises.
   */
  resume(
    ready: (item: PendingDelivery) => boolean,
    find: (item: PendingDelivery) => { rule: Rule; target: Target } | undefined,
    start: StartDelivery,
  ): Promise<void>[] {
    const started: Promise<void>[] = [];
    const later: [string, PendingDelivery][] = [];
    for (const [id, item] of this.waiting) {
      if (!ready(item)) {
        later.push([id, item]);
        continue;
      }
      const found = find(item);
      if (!found) {
        this.log(
          `[events] dropped pending delivery of ${item.event.id}: rule ${item.ruleArn} or target ${item.targetId} is gone`,
        );
        this.work?.done(id);
        continue;
      }
      const delivery = start(found.rule, found.target, item.event, item.ingestedAt);
      if (!delivery) this.work?.done(id);
      else started.push(delivery.finally(() => !this.stopped() && this.work?.done(id)));
    }
    this.waiting = later;
    return started;
  }
}
