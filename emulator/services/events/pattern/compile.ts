/**
 * The event-pattern engine: `compilePattern` validates a pattern as EventBridge does (throwing
 * InvalidEventPatternException) and returns a matcher; `matches(event)` is pure and allocation-light.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
import { InvalidEventPatternException } from '../errors';
import { compilePath, leafValues, type CompiledPath, type ValueMemo } from './event-values';
import { compileElement, type Leaf, type LeafMatcher } from './leaf-matchers';

interface FieldMatcher {
  path: CompiledPath;
  tests: LeafMatcher[];
  /** `exists: true` present in the list. */
  existsTrue: boolean;
  /** `exists: false` present in the list. */
  existsFalse: boolean;
}

interface Node {
  fields: FieldMatcher[];
  /** Each `$or`: at least one alternative must match. */
  ors: Node[][];
}

export interface CompiledPattern {
  readonly source: unknown;
  /**
   * Pass one `memo` (an empty Map) to every pattern tested against the same event, as a bus does
   * for its rules: each field path is then read from the event once, not once per pattern.
   */
  matches(event: unknown, memo?: ValueMemo): boolean;
}

const MAX_PATTERN_BYTES = 4096;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function compilePattern(pattern: unknown): CompiledPattern {
  let source = pattern;
  if (typeof pattern === 'string') {
    if (Buffer.byteLength(pattern) > MAX_PATTERN_BYTES) {
      throw new InvalidEventPatternException(`Event pattern is longer than ${MAX_PATTERN_BYTES} bytes.`);
    }
    try {
      source = JSON.parse(pattern);
    } catch {
      throw new InvalidEventPatternException('Filter is not an object');
    }
  }
  if (!isObject(source)) throw new InvalidEventPatternException('Filter is not an object');
  if (Object.keys(source).length === 0)
    throw new InvalidEventPatternException('Empty event pattern is not allowed.');
  const root = compileNode(source, []);
  return { source, matches: (event, memo) => matchNode(root, event, memo) };
}

function compileNode(pattern: Record<string, unknown>, prefix: string[]): Node {
  const node: Node = { fields: [], ors: [] };
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        throw new InvalidEventPatternException('$or must be an array of at least two objects.');
      }
      node.ors.push(value.map((alternative) => compileNode(alternative, prefix)));
      continue;
    }
    const path = [...prefix, ...key.split('.')];
    if (isObject(value)) {
      if (Object.keys(value).length === 0)
        throw new InvalidEventPatternException(`Empty object at ${path.join('.')}.`);
      const child = compileNode(value, path);
      node.fields.push(...child.fields);
      node.ors.push(...child.ors);
    } else if (Array.isArray(value)) {
      node.fields.push(compileField(path, value));
    } else {
      throw new InvalidEventPatternException(
        `Match value for "${path.join('.')}" must be an array or an object.`,
      );
    }
  }
  return node;
}

function compileField(path: string[], values: unknown[]): FieldMatcher {
  if (values.length === 0)
    throw new InvalidEventPatternException(`Empty array of match values for "${path.join('.')}".`);
  const field: FieldMatcher = { path: compilePath(path), tests: [], existsTrue: false, existsFalse: false };
  for (const element of values) {
    const matcher = compileElement(element);
    if (matcher.kind === 'leaf') field.tests.push(matcher.test);
    else if (matcher.exists) field.existsTrue = true;
    else field.existsFalse = true;
  }
  return field;
}

function matchField(field: FieldMatcher, event: unknown, memo: ValueMemo | undefined): boolean {
  const values: Leaf[] = leafValues(event, field.path, memo);
  if (values.length === 0) return field.existsFalse;
  if (field.existsTrue) return true;
  for (const value of values) {
    for (const test of field.tests) if (test(value)) return true;
  }
  return false;
}

function matchNode(node: Node, event: unknown, memo: ValueMemo | undefined): boolean {
  for (const field of node.fields) if (!matchField(field, event, memo)) return false;
  for (const alternatives of node.ors) {
    if (!alternatives.some((alternative) => matchNode(alternative, event, memo))) return false;
  }
  return true;
}
