/**
 * EventBridge provider (JSON 1.1): the operation table (buses, rules and targets in
 * buses-and-rules.ts), PutEvents with pattern matching and target delivery, TestEventPattern,
 * archives and replays. No HTTP; the edge calls `dispatch`.
 */
import type { AwsContext } from '../../protocol/aws-context';
import {
  dispatchTo,
  type InputOf,
  type JsonProvider,
  type Operations,
  type OutputOf,
} from '../../protocol/json-provider';
import type { StateStore } from '../../state/state-store';
import type { ArchivedEvent } from './archive-events';
import { Archives, type SavedArchives } from './archives';
import { BusesAndRules } from './buses-and-rules';
import { BusRegistry, type Bus, type SavedBus } from './bus-registry';
import { InvalidEventPatternException, TargetDeliveryError } from './errors';
import type { EventsOperations } from './operations';
import { compilePattern } from './pattern/compile';
import type { ValueMemo } from './pattern/event-values';
import { PendingDeliveries, type PendingDelivery } from './pending-deliveries';
import { buildEvent, checkEntries, type EventEnvelope } from './put-events';
import { TargetDelivery, type LambdaInvoker, type QueueSender } from './target-delivery';

export interface EventsProviderOptions {
  queues: QueueSender;
  store?: StateStore;
  now?: () => number;
  /** Backoff wait between target retries; tests inject a fast or virtual one. */
  sleep?: (ms: number) => Promise<void>;
  /** @default 1000 */
  retryBaseDelayMs?: number;
  /** @default 60000 */
  retryMaxDelayMs?: number;
  log?: (message: string) => void;
}

type In<K extends keyof EventsOperations> = InputOf<EventsOperations, K>;
type Out<K extends keyof EventsOperations> = OutputOf<EventsOperations, K>;

const STATE_NAME = 'events';
const MAX_BUS_HOPS = 8;

export class EventsProvider implements JsonProvider<EventsOperations> {
  readonly serviceName = 'EventBridge';
  readonly registry: BusRegistry;
  private readonly resources: BusesAndRules;
  private readonly archives: Archives;
  private readonly delivery: TargetDelivery;
  private readonly pendingDeliveries: PendingDeliveries;
  private readonly pending = new Set<Promise<void>>();
  private lambdaInvoker: LambdaInvoker | undefined;
  private closed = false;
  private forwardDepth = 0;
  private readonly sleepers = new Set<() => void>();
  private readonly now: () => number;
  private readonly operations: Operations<EventsOperations>;

  constructor(
    private readonly context: AwsContext,
    private readonly options: EventsProviderOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.registry = new BusRegistry(context);
    this.resources = new BusesAndRules(this.registry, context, this.now, () => this.changed());
    const store = options.store;
    this.archives = new Archives(
      context,
      this.now,
      () => this.changed(),
      store && ((name) => store.journal<ArchivedEvent>(`archive-${name}`)),
    );
    const saved = options.store?.load<{ buses: SavedBus[]; archives: SavedArchives }>(STATE_NAME);
    if (saved) {
      this.registry.restore(saved.buses);
      this.archives.restore(saved.archives);
    }
    this.registry.ensureDefault(this.now());
    const log = options.log ?? ((m: string) => console.error(m));
    this.delivery = new TargetDelivery({
      queues: options.queues,
      putToBus: (arn, event) => this.forward(arn, event),
      lambda: () => this.lambdaInvoker,
      timing: {
        now: this.now,
        sleep: options.sleep ?? ((ms) => this.sleep(ms)),
        stopped: () => this.closed,
        baseDelayMs: options.retryBaseDelayMs ?? 1000,
        maxDelayMs: options.retryMaxDelayMs ?? 60_000,
      },
      log,
    });
    this.operations = {
      CreateEventBus: (i) => this.resources.createEventBus(i),
      DescribeEventBus: (i) => this.resources.describeEventBus(this.registry.bus(i.Name)),
      ListEventBuses: (i) => this.resources.listEventBuses(i),
      DeleteEventBus: (i) => this.resources.deleteEventBus(i),
      PutRule: (i) => this.resources.putRule(i),
      DescribeRule: (i) => this.resources.describeRule(this.registry.rule(i.EventBusName, i.Name)),
      ListRules: (i) => this.resources.listRules(i),
      DeleteRule: (i) => this.resources.deleteRule(i),
      EnableRule: (i) => this.resources.setRuleState(i, 'ENABLED'),
      DisableRule: (i) => this.resources.setRuleState(i, 'DISABLED'),
      PutTargets: (i) => this.resources.putTargets(i),
      ListTargetsByRule: (i) => ({ Targets: this.registry.rule(i.EventBusName, i.Rule).targets }),
      ListRuleNamesByTarget: (i) => this.resources.listRuleNamesByTarget(i),
      RemoveTargets: (i) => this.resources.removeTargets(i),
      PutEvents: (i) => this.putEvents(i),
      TestEventPattern: (i) => this.testEventPattern(i),
      // archives.ts still answers untyped JSON: its results are typed at this seam until it is typed.
      CreateArchive: (i) =>
        this.archives.create(i, (arn) => this.registry.findBus(arn)?.arn === arn) as Out<'CreateArchive'>,
      DescribeArchive: (i) => this.archives.describe(i) as Out<'DescribeArchive'>,
      ListArchives: (i) => this.archives.list(i) as Out<'ListArchives'>,
      DeleteArchive: (i) => this.archives.delete(i) as Out<'DeleteArchive'>,
      StartReplay: (i) =>
        this.archives.startReplay(i, (bus, event, rules) =>
          this.replay(bus, event, rules),
        ) as Out<'StartReplay'>,
      DescribeReplay: (i) => this.archives.describeReplay(i) as Out<'DescribeReplay'>,
      ListReplays: (i) => this.archives.listReplays(i) as Out<'ListReplays'>,
    };
    this.pendingDeliveries = new PendingDeliveries(
      options.store?.pendingWork<PendingDelivery>('events-deliveries'),
      () => this.closed,
      log,
    );
    this.resumePendingDeliveries();
  }

  dispatch<K extends keyof EventsOperations & string>(operation: K, input: In<K>): Promise<Out<K>> {
    return dispatchTo<EventsOperations, K>(this.serviceName, this.operations, operation, input);
  }

  /** Stops retries in progress (pending deliveries end at their next backoff). */
  close(): void {
    this.closed = true;
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
  }

  /** The Lambda runtime plugs in here; Lambda targets fail with RESOURCE_NOT_FOUND until it does. */
  setLambdaInvoker(invoker: LambdaInvoker | undefined): void {
    this.lambdaInvoker = invoker;
    if (invoker) this.resumePendingDeliveries();
  }

  /**
   * Resolves once every delivery started so far (including retries) has finished. Deliveries
   * still in progress at a crash or shutdown resume on the next start (pending-deliveries.ts).
   */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  snapshot(): { buses: SavedBus[]; archives: SavedArchives } {
    return { buses: this.registry.snapshot(), archives: this.archives.snapshot() };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private changed(): void {
    this.options.store?.markDirty(STATE_NAME, this);
  }

  private putEvents(input: In<'PutEvents'>): Out<'PutEvents'> {
    const entries = checkEntries(input.Entries);
    const now = this.now();
    let failed = 0;
    const results = entries.map((entry) => {
      const bus = this.registry.findBus(entry.EventBusName);
      if (!bus) {
        failed++;
        return {
          ErrorCode: 'ResourceNotFoundException',
          ErrorMessage: `Event bus ${this.registry.busNameOf(entry.EventBusName)} does not exist.`,
        };
      }
      const built = buildEvent(entry, this.context.region, this.context.accountId, now);
      if (!('event' in built)) {
        failed++;
        return built;
      }
      this.archives.record(bus.arn, built.event, now);
      this.route(bus, built.event, now, undefined);
      return { EventId: built.event.id };
    });
    return { FailedEntryCount: failed, Entries: results };
  }

  /** Bus targets deliver synchronously; a cycle of buses is cut after MAX_BUS_HOPS. */
  private forward(busArn: string, event: EventEnvelope): void {
    const bus = this.registry.findBus(busArn);
    if (!bus)
      throw new TargetDeliveryError(
        'RESOURCE_NOT_FOUND',
        `Event bus ${busArn} does not exist.`,
        undefined,
        false,
      );
    if (this.forwardDepth >= MAX_BUS_HOPS) {
      // PARITY: AWS keeps forwarding around a cycle of buses (and bills it); the emulator stops.
      throw new TargetDeliveryError(
        'LOOP_DETECTED',
        `Event ${event.id} crossed ${MAX_BUS_HOPS} buses; check for a rule cycle.`,
        undefined,
        false,
      );
    }
    this.forwardDepth++;
    try {
      this.route(bus, event, this.now(), undefined);
    } finally {
      this.forwardDepth--;
    }
  }

  private replay(busArn: string, event: EventEnvelope, ruleArns: string[] | undefined): void {
    const bus = this.registry.findBus(busArn);
    if (bus) this.route(bus, event, this.now(), ruleArns ? new Set(ruleArns) : undefined);
  }

  private route(
    bus: Bus,
    event: EventEnvelope,
    ingestedAt: number,
    onlyRules: Set<string> | undefined,
  ): void {
    // Each field path is read from the event once for all the bus's rules.
    const memo: ValueMemo = new Map();
    for (const rule of bus.rules.values()) {
      if (rule.state !== 'ENABLED' || !rule.compiled || rule.targets.length === 0) continue;
      if (onlyRules && !onlyRules.has(rule.arn)) continue;
      if (!rule.compiled.matches(event, memo)) continue;
      for (const target of rule.targets) {
        const delivery = this.delivery.deliver(rule, target, event, ingestedAt);
        if (!delivery) continue;
        const item = { ruleArn: rule.arn, targetArn: target.Arn, busName: bus.name, ruleName: rule.name };
        this.watch(
          this.pendingDeliveries.track(delivery, { ...item, targetId: target.Id, event, ingestedAt }),
        );
      }
    }
  }

  private watch(delivery: Promise<void>): void {
    const watched = delivery.catch((error: unknown) => {
      (this.options.log ?? console.error)(`[events] delivery crashed: ${String(error)}`);
    });
    this.pending.add(watched);
    void watched.finally(() => this.pending.delete(watched));
  }

  /** Deliveries the previous run left unfinished; Lambda ones once the runtime is attached. */
  private resumePendingDeliveries(): void {
    const lambdaReady = this.lambdaInvoker !== undefined;
    const started = this.pendingDeliveries.resume(
      (item) => lambdaReady || item.targetArn.split(':')[2] !== 'lambda',
      (item) => {
        const rule = this.registry.findBus(item.busName)?.rules.get(item.ruleName);
        const target = rule?.targets.find((t) => t.Id === item.targetId);
        return rule && target ? { rule, target } : undefined;
      },
      (rule, target, event, ingestedAt) => this.delivery.deliver(rule, target, event, ingestedAt),
    );
    for (const delivery of started) this.watch(delivery);
  }

  private testEventPattern(input: In<'TestEventPattern'>): Out<'TestEventPattern'> {
    const pattern = compilePattern(input.EventPattern);
    let event: unknown;
    try {
      event = JSON.parse(String(input.Event));
    } catch {
      throw new InvalidEventPatternException('Event is not valid JSON.');
    }
    return { Result: pattern.matches(event) };
  }
}
