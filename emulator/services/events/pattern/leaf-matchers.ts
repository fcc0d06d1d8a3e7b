/**
 * One matcher per element of a pattern's value list, validated as EventBridge validates them.
 * A matcher tests a single leaf value of the event (string, number, boolean or null).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
import { InvalidEventPatternException } from '../errors';
import { inCidr, parseCidr } from './cidr';
import { compileWildcard } from './wildcard';

export type Leaf = string | number | boolean | null;
export type LeafMatcher = (value: Leaf) => boolean;

/** `exists` is decided per field, not per leaf, so it is returned apart. */
export type ElementMatcher = { kind: 'leaf'; test: LeafMatcher } | { kind: 'exists'; exists: boolean };

// Numeric values EventBridge accepts in patterns.
const NUMERIC_LIMIT = 5e9;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function single(operator: string, value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw new InvalidEventPatternException(`${operator} expects an object.`);
  const keys = Object.keys(value);
  if (keys.length !== 1)
    throw new InvalidEventPatternException(`${operator} takes exactly one operator, got ${keys.length}.`);
  return value;
}

function stringOperand(operator: string, value: unknown): string {
  if (typeof value !== 'string')
    throw new InvalidEventPatternException(`${operator} match pattern must be a string.`);
  return value;
}

/**
 * An anything-but prefix or suffix operand: a non-empty string. A plain `prefix`/`suffix` may be
 * empty (it then matches every string: `{"source": [{"prefix": ""}]}` is the documented
 * "match all events" pattern), but AWS rejects an empty one under anything-but
 * ("Null prefix/suffix not allowed"). Recorded against AWS in LocalStack's
 * tests/aws/services/events/event_pattern_templates/content_prefix_empty.json5,
 * content_suffix_empty.json5 and content_anything_{prefix,suffix}_empty_EXC.json5.
 */
function affix(operator: string, value: unknown): string {
  const text = stringOperand(operator, value);
  if (text === '') throw new InvalidEventPatternException('Null prefix/suffix not allowed');
  return text;
}

function prefixLike(operator: 'prefix' | 'suffix', operand: unknown): (s: string) => boolean {
  const at =
    operator === 'prefix'
      ? (s: string, p: string) => s.startsWith(p)
      : (s: string, p: string) => s.endsWith(p);
  if (isObject(operand)) {
    const inner = single(operator, operand);
    if (!('equals-ignore-case' in inner)) {
      throw new InvalidEventPatternException(
        `Unsupported ${operator} operator ${Object.keys(inner)[0]}; only equals-ignore-case.`,
      );
    }
    const wanted = stringOperand('equals-ignore-case', inner['equals-ignore-case']).toLowerCase();
    return (s) => at(s.toLowerCase(), wanted);
  }
  const wanted = stringOperand(operator, operand);
  return (s) => at(s, wanted);
}

function stringList(operator: string, operand: unknown): string[] {
  const list = Array.isArray(operand) ? operand : [operand];
  if (list.length === 0) throw new InvalidEventPatternException(`${operator} list must not be empty.`);
  return list.map((v) => stringOperand(operator, v));
}

function numeric(operand: unknown): LeafMatcher {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    throw new InvalidEventPatternException(
      'numeric expects [op, number] or [lowerOp, number, upperOp, number].',
    );
  }
  const conditions: ((n: number) => boolean)[] = [];
  let lower: number | undefined;
  let upper: number | undefined;
  for (let i = 0; i < operand.length; i += 2) {
    const op = operand[i];
    const bound = operand[i + 1];
    if (typeof bound !== 'number' || bound < -NUMERIC_LIMIT || bound > NUMERIC_LIMIT) {
      throw new InvalidEventPatternException(
        `Value of numeric ${String(op)} must be a number from -5.0e9 to 5.0e9.`,
      );
    }
    switch (op) {
      case '=':
        if (operand.length !== 2)
          throw new InvalidEventPatternException('numeric "=" cannot be combined with a range.');
        conditions.push((n) => n === bound);
        break;
      case '>':
      case '>=':
        // A range names its lower bound first: ["<", 10, ">", 0] is rejected as AWS rejects it.
        if (i > 0) throw new InvalidEventPatternException('numeric range must give its lower bound first.');
        if (lower !== undefined)
          throw new InvalidEventPatternException('numeric range has two lower bounds.');
        lower = bound;
        conditions.push(op === '>' ? (n) => n > bound : (n) => n >= bound);
        break;
      case '<':
      case '<=':
        if (upper !== undefined)
          throw new InvalidEventPatternException('numeric range has two upper bounds.');
        upper = bound;
        conditions.push(op === '<' ? (n) => n < bound : (n) => n <= bound);
        break;
      default:
        throw new InvalidEventPatternException(`Unrecognized numeric range operator: ${JSON.stringify(op)}.`);
    }
  }
  if (lower !== undefined && upper !== undefined && lower >= upper) {
    throw new InvalidEventPatternException('Bottom must be less than top in a numeric range.');
  }
  return (v) => typeof v === 'number' && conditions.every((c) => c(v));
}

/**
 * `anything-but` negates the inner test. prefix, suffix, equals-ignore-case and wildcard only
 * ever match strings, so their anything-but matches every number, boolean and null: EventBridge
 * compares the quoted string text, which a non-string value never has.
 * PARITY: the docs show these forms with strings only; booleans and null follow the same rule.
 */
function anythingBut(operand: unknown): LeafMatcher {
  if (isObject(operand)) {
    const inner = single('anything-but', operand);
    const [operator] = Object.keys(inner) as [string];
    const value = inner[operator];
    switch (operator) {
      case 'prefix':
      case 'suffix': {
        const tests = stringList('prefix/suffix', value).map((s) => prefixLike(operator, affix(operator, s)));
        return (v) => typeof v !== 'string' || !tests.some((t) => t(v));
      }
      case 'equals-ignore-case': {
        const set = new Set(stringList('anything-but equals-ignore-case', value).map((s) => s.toLowerCase()));
        return (v) => typeof v !== 'string' || !set.has(v.toLowerCase());
      }
      case 'wildcard': {
        const tests = stringList('anything-but wildcard', value).map(compileWildcard);
        return (v) => typeof v !== 'string' || !tests.some((t) => t(v));
      }
      default:
        throw new InvalidEventPatternException(`Unsupported anything-but operator: ${operator}.`);
    }
  }
  const list = Array.isArray(operand) ? operand : [operand];
  if (list.length === 0) throw new InvalidEventPatternException('anything-but list must not be empty.');
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const v of list) {
    if (typeof v === 'string') strings.add(v);
    else if (typeof v === 'number') numbers.add(v);
    else
      throw new InvalidEventPatternException(
        'Inside anything-but list, start|null|boolean is not supported.',
      );
  }
  if (strings.size && numbers.size) {
    throw new InvalidEventPatternException('Inside anything-but list, mixed types are not supported.');
  }
  return (v) => !(typeof v === 'string' ? strings.has(v) : typeof v === 'number' ? numbers.has(v) : false);
}

export function compileElement(element: unknown): ElementMatcher {
  if (element === null) return { kind: 'leaf', test: (v) => v === null };
  switch (typeof element) {
    case 'string':
      return { kind: 'leaf', test: (v) => v === element };
    case 'number':
      return { kind: 'leaf', test: (v) => v === element };
    case 'boolean':
      return { kind: 'leaf', test: (v) => v === element };
    case 'object':
      break;
    default:
      throw new InvalidEventPatternException(`Unsupported match value ${String(element)}.`);
  }
  if (Array.isArray(element)) throw new InvalidEventPatternException('Match values cannot be nested arrays.');
  const object = single('A match expression', element);
  const [operator] = Object.keys(object) as [string];
  const operand = object[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      const test = prefixLike(operator, operand);
      return { kind: 'leaf', test: (v) => typeof v === 'string' && test(v) };
    }
    case 'equals-ignore-case': {
      const wanted = stringOperand('equals-ignore-case', operand).toLowerCase();
      return { kind: 'leaf', test: (v) => typeof v === 'string' && v.toLowerCase() === wanted };
    }
    case 'wildcard': {
      const test = compileWildcard(stringOperand('wildcard', operand));
      return { kind: 'leaf', test: (v) => typeof v === 'string' && test(v) };
    }
    case 'anything-but':
      return { kind: 'leaf', test: anythingBut(operand) };
    case 'numeric':
      return { kind: 'leaf', test: numeric(operand) };
    case 'exists':
      if (typeof operand !== 'boolean')
        throw new InvalidEventPatternException('exists match pattern must be true or false.');
      return { kind: 'exists', exists: operand };
    case 'cidr': {
      const range = parseCidr(stringOperand('cidr', operand));
      if (!range)
        throw new InvalidEventPatternException(`Malformed CIDR, one '/' required: ${String(operand)}.`);
      return { kind: 'leaf', test: (v) => typeof v === 'string' && inCidr(range, v) };
    }
    default:
      throw new InvalidEventPatternException(`Unrecognized match type ${operator}.`);
  }
}
