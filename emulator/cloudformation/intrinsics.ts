/**
 * Resolves CloudFormation intrinsic functions (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select,
 * Fn::Split, Fn::If with Conditions, Fn::FindInMap, Fn::ImportValue, Fn::Base64, Fn::GetAZs) and
 * pseudo parameters. Pure: resources and exports are looked up through the functions it is given.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import { IntrinsicError } from './errors';
import type { Template } from './template';

export interface StackEnvironment {
  readonly accountId: string;
  readonly region: string;
  readonly stackName: string;
}

export interface ResourceLookup {
  /** What `Ref` returns for a created resource. */
  ref(logicalId: string): unknown;
  /** What `Fn::GetAtt` returns for a created resource. */
  getAtt(logicalId: string, attribute: string): unknown;
  /** The value of another stack's export. */
  importValue(exportName: string): unknown;
}

/** Marks a value removed by `AWS::NoValue`. */
const NO_VALUE = Symbol('AWS::NoValue');

export class IntrinsicResolver {
  private readonly conditionCache = new Map<string, boolean>();
  readonly pseudoParameters: Readonly<Record<string, unknown>>;

  constructor(
    private readonly template: Template,
    readonly env: StackEnvironment,
    private readonly lookup: ResourceLookup,
    private readonly parameterValues: Readonly<Record<string, unknown>> = {},
  ) {
    this.pseudoParameters = {
      'AWS::AccountId': env.accountId,
      'AWS::Region': env.region,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': env.stackName,
      'AWS::StackId': `arn:aws:cloudformation:${env.region}:${env.accountId}:stack/${env.stackName}/local`,
      'AWS::NotificationARNs': [],
    };
  }

  /** Resolves every intrinsic inside `value`; properties set to `AWS::NoValue` disappear. */
  resolve(value: unknown): unknown {
    const resolved = this.walk(value);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** Evaluates a named condition of the template (cached). */
  condition(name: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const definition = this.template.Conditions?.[name];
    if (definition === undefined)
      throw new IntrinsicError(`Condition "${name}" is not defined in Conditions`);
    const result = this.walk(definition);
    if (typeof result !== 'boolean') {
      throw new IntrinsicError(
        `Condition "${name}" did not evaluate to true or false (got ${JSON.stringify(result)})`,
      );
    }
    this.conditionCache.set(name, result);
    return result;
  }

  private walk(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.walk(v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [key, arg] = entries[0];
      if (key === 'Ref') return this.ref(arg);
      if (key === 'Condition' && typeof arg === 'string') return this.condition(arg);
      if (key.startsWith('Fn::')) return this.fn(key, arg);
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of entries) {
      const resolved = this.walk(v);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  private ref(name: unknown): unknown {
    if (typeof name !== 'string') throw new IntrinsicError(`Ref takes a name, got ${JSON.stringify(name)}`);
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name in this.pseudoParameters) return this.pseudoParameters[name];
    if (this.template.Parameters?.[name] !== undefined) return this.parameter(name);
    if (this.template.Resources[name] !== undefined) return this.lookup.ref(name);
    throw new IntrinsicError(
      `Ref to "${name}", which is neither a parameter, a resource nor a pseudo parameter`,
    );
  }

  private parameter(name: string): unknown {
    if (name in this.parameterValues) return this.parameterValues[name];
    const definition = this.template.Parameters![name];
    if (definition.Default === undefined) {
      throw new IntrinsicError(`Parameter "${name}" has no Default; pass a value for it`);
    }
    return definition.Default;
  }

  private fn(name: string, arg: unknown): unknown {
    switch (name) {
      case 'Fn::GetAtt':
        return this.getAtt(arg);
      case 'Fn::Join':
        return this.join(arg);
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::Select':
        return this.select(arg);
      case 'Fn::Split':
        return this.split(arg);
      case 'Fn::If':
        return this.fnIf(arg);
      case 'Fn::Equals': {
        const [a, b] = this.args(name, arg, 2);
        return JSON.stringify(this.walk(a)) === JSON.stringify(this.walk(b));
      }
      case 'Fn::And':
        return this.args(name, arg).every((c) => this.bool(name, this.walk(c)));
      case 'Fn::Or':
        return this.args(name, arg).some((c) => this.bool(name, this.walk(c)));
      case 'Fn::Not':
        return !this.bool(name, this.walk(this.args(name, arg, 1)[0]));
      case 'Fn::FindInMap':
        return this.findInMap(arg);
      case 'Fn::ImportValue':
        return this.lookup.importValue(this.string(name, this.walk(arg)));
      case 'Fn::Base64':
        return Buffer.from(this.string(name, this.walk(arg)), 'utf8').toString('base64');
      case 'Fn::GetAZs': {
        const region = this.walk(arg) || this.env.region;
        return ['a', 'b', 'c'].map((zone) => `${String(region)}${zone}`);
      }
      default:
        throw new IntrinsicError(`${name} is not supported by the local deployer`);
    }
  }

  private getAtt(arg: unknown): unknown {
    const parts = typeof arg === 'string' ? splitOnce(arg, '.') : (this.walk(arg) as unknown[]);
    if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'string') {
      throw new IntrinsicError(`Fn::GetAtt takes [logicalId, attribute], got ${JSON.stringify(arg)}`);
    }
    const [logicalId, attribute] = parts as [string, string];
    if (this.template.Resources[logicalId] === undefined) {
      throw new IntrinsicError(
        `Fn::GetAtt refers to "${logicalId}", which is not a resource of the template`,
      );
    }
    return this.lookup.getAtt(logicalId, attribute);
  }

  private join(arg: unknown): string {
    const [delimiter, list] = this.args('Fn::Join', arg, 2);
    const items = this.walk(list);
    if (!Array.isArray(items))
      throw new IntrinsicError(`Fn::Join takes a list, got ${JSON.stringify(items)}`);
    return items.map((item) => this.string('Fn::Join', item)).join(this.string('Fn::Join', delimiter));
  }

  private sub(arg: unknown): string {
    const [text, variables] = typeof arg === 'string' ? [arg, {}] : this.args('Fn::Sub', arg, 2);
    const resolvedVariables = this.walk(variables) as Record<string, unknown>;
    return this.string('Fn::Sub', text).replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      // `${!Literal}` stands for the literal text `${Literal}`.
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in resolvedVariables) return this.string('Fn::Sub', resolvedVariables[name]);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) {
        return this.string('Fn::Sub', this.getAtt([name.slice(0, dot), name.slice(dot + 1)]));
      }
      const value = this.ref(name);
      if (value === NO_VALUE) throw new IntrinsicError(`Fn::Sub cannot substitute ${whole}`);
      return this.string('Fn::Sub', value);
    });
  }

  private select(arg: unknown): unknown {
    const [index, list] = this.args('Fn::Select', arg, 2);
    const i = Number(this.walk(index));
    const items = this.walk(list);
    if (!Array.isArray(items) || !Number.isInteger(i) || i < 0 || i >= items.length) {
      throw new IntrinsicError(`Fn::Select index ${i} is out of range for ${JSON.stringify(items)}`);
    }
    return items[i];
  }

  private split(arg: unknown): string[] {
    const [delimiter, source] = this.args('Fn::Split', arg, 2);
    return this.string('Fn::Split', this.walk(source)).split(this.string('Fn::Split', delimiter));
  }

  private fnIf(arg: unknown): unknown {
    const [conditionName, whenTrue, whenFalse] = this.args('Fn::If', arg, 3);
    return this.condition(this.string('Fn::If', conditionName)) ? this.walk(whenTrue) : this.walk(whenFalse);
  }

  private findInMap(arg: unknown): unknown {
    const [map, top, second] = this.args('Fn::FindInMap', arg, 3).map((a) =>
      this.string('Fn::FindInMap', this.walk(a)),
    );
    const value = this.template.Mappings?.[map]?.[top]?.[second];
    if (value === undefined)
      throw new IntrinsicError(`Fn::FindInMap: no ${map}.${top}.${second} in Mappings`);
    return value;
  }

  private args(name: string, arg: unknown, count?: number): unknown[] {
    if (!Array.isArray(arg) || (count !== undefined && arg.length !== count)) {
      const expected = count === undefined ? 'a list' : `a list of ${count}`;
      throw new IntrinsicError(`${name} takes ${expected}, got ${JSON.stringify(arg)}`);
    }
    return arg;
  }

  private string(name: string, value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new IntrinsicError(`${name} needs a string, got ${JSON.stringify(value)}`);
  }

  private bool(name: string, value: unknown): boolean {
    if (typeof value !== 'boolean')
      throw new IntrinsicError(`${name} needs conditions, got ${JSON.stringify(value)}`);
    return value;
  }
}

function splitOnce(text: string, separator: string): [string, string] | string[] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

/** Logical ids a value refers to through Ref, Fn::GetAtt and Fn::Sub (pseudo parameters excluded). */
export function referencedLogicalIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) referencedLogicalIds(v, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, arg] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'Ref' && typeof arg === 'string' && !arg.startsWith('AWS::')) into.add(arg);
      else if (key === 'Fn::GetAtt') {
        const target = typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : undefined;
        if (typeof target === 'string') into.add(target);
        else referencedLogicalIds(arg, into);
      } else if (key === 'Fn::Sub') {
        const text = typeof arg === 'string' ? arg : Array.isArray(arg) ? arg[0] : '';
        const variables = Array.isArray(arg) && arg[1] && typeof arg[1] === 'object' ? arg[1] : {};
        for (const match of String(text).matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const name = match[1].split('.')[0];
          if (!name.startsWith('AWS::') && !(name in variables)) into.add(name);
        }
        referencedLogicalIds(variables, into);
      } else referencedLogicalIds(arg, into);
    }
  }
  return into;
}
