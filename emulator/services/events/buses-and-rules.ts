/**
 * The EventBridge operations on buses, rules and targets: checked as AWS checks them, kept in the
 * BusRegistry. PutEvents, delivery and archives live in the provider.
 */
import type { InputOf, OutputOf } from '../../protocol/json-provider';
import type { AwsContext } from '../../protocol/aws-context';
import type { Bus, BusRegistry, Rule, Target } from './bus-registry';
import { LimitExceededException, ResourceAlreadyExistsException, ValidationException } from './errors';
import { validateTargetInput } from './input-transformer';
import type { EventsOperations } from './operations';
import { compilePattern } from './pattern/compile';

type In<K extends keyof EventsOperations> = InputOf<EventsOperations, K>;
type Out<K extends keyof EventsOperations> = OutputOf<EventsOperations, K>;

const MAX_TARGETS_PER_RULE = 5;

export class BusesAndRules {
  constructor(
    private readonly registry: BusRegistry,
    private readonly context: AwsContext,
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  createEventBus(input: In<'CreateEventBus'>): Out<'CreateEventBus'> {
    const name = String(input.Name ?? '');
    if (!/^[/.\-_A-Za-z0-9]{1,256}$/.test(name) || name === 'default') {
      throw new ValidationException(
        `Event bus name ${name} is not valid; use letters, digits and ._-/ (not "default").`,
      );
    }
    if (this.registry.buses.has(name))
      throw new ResourceAlreadyExistsException(`Event bus ${name} already exists.`);
    const bus = this.registry.addBus(name, this.now(), input.Description);
    this.changed();
    return { EventBusArn: bus.arn };
  }

  describeEventBus(bus: Bus): Out<'DescribeEventBus'> {
    return { Name: bus.name, Arn: bus.arn, Description: bus.description, CreationTime: bus.createdAt / 1000 };
  }

  listEventBuses(input: In<'ListEventBuses'>): Out<'ListEventBuses'> {
    const prefix = String(input.NamePrefix ?? '');
    const buses = [...this.registry.buses.values()].filter((b) => b.name.startsWith(prefix));
    return { EventBuses: buses.map((b) => this.describeEventBus(b)) };
  }

  deleteEventBus(input: In<'DeleteEventBus'>): Out<'DeleteEventBus'> {
    const name = this.registry.busNameOf(input.Name);
    if (name === 'default') throw new ValidationException('Cannot delete event bus default.');
    this.registry.buses.delete(name);
    this.changed();
    return {};
  }

  putRule(input: In<'PutRule'>): Out<'PutRule'> {
    const bus = this.registry.bus(input.EventBusName);
    const name = String(input.Name ?? '');
    if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name))
      throw new ValidationException(`Rule name ${name} is not valid.`);
    const eventPattern = input.EventPattern;
    const scheduleExpression = input.ScheduleExpression;
    if (eventPattern === undefined && scheduleExpression === undefined) {
      throw new ValidationException('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    }
    const compiled = eventPattern === undefined ? undefined : compilePattern(eventPattern);
    const existing = bus.rules.get(name);
    const rule: Rule = {
      name,
      busName: bus.name,
      arn: this.registry.ruleArn(bus.name, name),
      eventPattern,
      // PARITY: scheduled rules are stored but never fire locally.
      scheduleExpression,
      state: input.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      description: input.Description,
      roleArn: input.RoleArn,
      targets: existing?.targets ?? [],
      compiled,
    };
    bus.rules.set(name, rule);
    this.changed();
    return { RuleArn: rule.arn };
  }

  describeRule(rule: Rule): Out<'DescribeRule'> {
    return {
      Name: rule.name,
      Arn: rule.arn,
      EventPattern: rule.eventPattern,
      ScheduleExpression: rule.scheduleExpression,
      State: rule.state,
      Description: rule.description,
      RoleArn: rule.roleArn,
      EventBusName: rule.busName,
      CreatedBy: this.context.accountId,
    };
  }

  listRules(input: In<'ListRules'>): Out<'ListRules'> {
    const prefix = String(input.NamePrefix ?? '');
    const rules = [...this.registry.bus(input.EventBusName).rules.values()]
      .filter((r) => r.name.startsWith(prefix))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const { items, NextToken } = page(rules, input);
    return { Rules: items.map((r) => this.describeRule(r)), NextToken };
  }

  /** The rules of one bus with a target of this ARN, by name. */
  listRuleNamesByTarget(input: In<'ListRuleNamesByTarget'>): Out<'ListRuleNamesByTarget'> {
    const arn = String(input.TargetArn ?? '');
    if (!arn) throw new ValidationException('ListRuleNamesByTarget needs TargetArn.');
    const names = [...this.registry.bus(input.EventBusName).rules.values()]
      .filter((r) => r.targets.some((t) => t.Arn === arn))
      .map((r) => r.name)
      .sort();
    const { items, NextToken } = page(names, input);
    return { RuleNames: items, NextToken };
  }

  deleteRule(input: In<'DeleteRule'>): Out<'DeleteRule'> {
    const bus = this.registry.bus(input.EventBusName);
    const rule = bus.rules.get(String(input.Name));
    if (!rule) return {};
    if (rule.targets.length && input.Force !== true) {
      throw new ValidationException(
        "Rule can't be deleted since it has targets; remove them first (RemoveTargets).",
      );
    }
    bus.rules.delete(rule.name);
    this.changed();
    return {};
  }

  setRuleState(input: In<'EnableRule'>, state: Rule['state']): Out<'EnableRule'> {
    this.registry.rule(input.EventBusName, input.Name).state = state;
    this.changed();
    return {};
  }

  putTargets(input: In<'PutTargets'>): Out<'PutTargets'> {
    const rule = this.registry.rule(input.EventBusName, input.Rule);
    const given: unknown = input.Targets;
    if (!Array.isArray(given) || given.length === 0 || given.length > 10) {
      throw new ValidationException('PutTargets takes 1 to 10 Targets.');
    }
    const targets: Target[] = [];
    for (const target of given as NonNullable<In<'PutTargets'>['Targets']>) {
      if (typeof target !== 'object' || target === null || Array.isArray(target))
        throw new ValidationException('Each of Targets must be an object with an Id and an Arn.');
      if (typeof target.Id !== 'string' || !/^[.\-_A-Za-z0-9]{1,64}$/.test(target.Id)) {
        throw new ValidationException(`Target Id ${String(target.Id)} is not valid.`);
      }
      if (typeof target.Arn !== 'string' || !target.Arn.startsWith('arn:')) {
        throw new ValidationException(`Target ${target.Id} needs an Arn.`);
      }
      validateTargetInput(target);
      targets.push({ ...target, Id: target.Id, Arn: target.Arn });
    }
    const merged = new Map(rule.targets.map((t) => [t.Id, t]));
    for (const target of targets) merged.set(target.Id, target);
    if (merged.size > MAX_TARGETS_PER_RULE) {
      throw new LimitExceededException(
        `The requested resource exceeds the maximum number allowed (${MAX_TARGETS_PER_RULE} targets per rule).`,
      );
    }
    rule.targets = [...merged.values()];
    this.changed();
    return { FailedEntryCount: 0, FailedEntries: [] };
  }

  removeTargets(input: In<'RemoveTargets'>): Out<'RemoveTargets'> {
    const rule = this.registry.rule(input.EventBusName, input.Rule);
    const ids = new Set(Array.isArray(input.Ids) ? input.Ids : []);
    rule.targets = rule.targets.filter((t) => !ids.has(t.Id));
    this.changed();
    return { FailedEntryCount: 0, FailedEntries: [] };
  }
}

/** One page of a sorted listing: NextToken is the offset of the next page, Limit 1–100. */
function page<T>(
  all: T[],
  input: { NextToken?: string; Limit?: number },
): { items: T[]; NextToken?: string } {
  const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
  if (!Number.isInteger(start) || start < 0 || start > all.length)
    throw new ValidationException(`NextToken ${String(input.NextToken)} is not valid.`);
  const limit = input.Limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new ValidationException(`Limit ${String(limit)} is not valid; use 1 to 100.`);
  const end = start + limit;
  return { items: all.slice(start, end), NextToken: end < all.length ? String(end) : undefined };
}
