/**
 * Buses, their rules (with compiled patterns) and rule targets for one account and region.
 */
import type { AwsContext } from '../../protocol/aws-context';
import { ResourceNotFoundException } from './errors';
import type { Target } from './operations';
import { compilePattern, type CompiledPattern } from './pattern/compile';

export type { Target } from './operations';

export interface Rule {
  name: string;
  busName: string;
  arn: string;
  eventPattern?: string;
  scheduleExpression?: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  roleArn?: string;
  targets: Target[];
  compiled?: CompiledPattern;
}

export interface Bus {
  name: string;
  arn: string;
  description?: string;
  createdAt: number;
  rules: Map<string, Rule>;
}

export type SavedRule = Omit<Rule, 'compiled'>;
export type SavedBus = Omit<Bus, 'rules'> & { rules: SavedRule[] };

export class BusRegistry {
  readonly buses = new Map<string, Bus>();

  constructor(private readonly context: AwsContext) {}

  busArn(name: string): string {
    return `arn:aws:events:${this.context.region}:${this.context.accountId}:event-bus/${name}`;
  }

  ruleArn(busName: string, ruleName: string): string {
    const path = busName === 'default' ? ruleName : `${busName}/${ruleName}`;
    return `arn:aws:events:${this.context.region}:${this.context.accountId}:rule/${path}`;
  }

  ensureDefault(now: number): void {
    if (!this.buses.has('default')) this.addBus('default', now);
  }

  addBus(name: string, now: number, description?: string): Bus {
    const bus: Bus = { name, arn: this.busArn(name), description, createdAt: now, rules: new Map() };
    this.buses.set(name, bus);
    return bus;
  }

  /** Accepts a bus name or ARN; `undefined` is the default bus. */
  busNameOf(nameOrArn: unknown): string {
    if (nameOrArn === undefined || nameOrArn === null || nameOrArn === '') return 'default';
    const text = String(nameOrArn);
    return text.startsWith('arn:') ? text.slice(text.indexOf('event-bus/') + 'event-bus/'.length) : text;
  }

  findBus(nameOrArn: unknown): Bus | undefined {
    return this.buses.get(this.busNameOf(nameOrArn));
  }

  bus(nameOrArn: unknown): Bus {
    const bus = this.findBus(nameOrArn);
    if (!bus) throw new ResourceNotFoundException(`Event bus ${this.busNameOf(nameOrArn)} does not exist.`);
    return bus;
  }

  rule(busNameOrArn: unknown, name: unknown): Rule {
    const bus = this.bus(busNameOrArn);
    const rule = bus.rules.get(String(name));
    if (!rule)
      throw new ResourceNotFoundException(`Rule ${String(name)} does not exist on EventBus ${bus.name}.`);
    return rule;
  }

  ruleByArn(arn: string): Rule | undefined {
    for (const bus of this.buses.values())
      for (const rule of bus.rules.values()) if (rule.arn === arn) return rule;
    return undefined;
  }

  snapshot(): SavedBus[] {
    return [...this.buses.values()].map((b) => ({
      ...b,
      rules: [...b.rules.values()].map(({ compiled: _c, ...r }) => r),
    }));
  }

  restore(saved: SavedBus[]): void {
    for (const b of saved) {
      const rules = new Map<string, Rule>();
      for (const r of b.rules)
        rules.set(r.name, { ...r, compiled: r.eventPattern ? compilePattern(r.eventPattern) : undefined });
      this.buses.set(b.name, { ...b, rules });
    }
  }
}
