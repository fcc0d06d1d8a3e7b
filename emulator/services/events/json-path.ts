/**
 * The JSONPath subset EventBridge accepts in InputPath and InputPathsMap: `$`, `.name`,
 * `['name']`, `[index]` and the `*` / `[*]` wildcards (which collect an array). Returns undefined
 * for a path that is not in the event.
 */
import { ValidationException } from '../../protocol/errors';

export type PathStep = string | number | typeof WILDCARD;

const WILDCARD = Symbol('*');

export function parseJsonPath(path: string): PathStep[] {
  if (!path.startsWith('$')) throw new ValidationException(`JSONPath ${path} must start with $.`);
  const steps: PathStep[] = [];
  const re = /\.([^.[\]]+)|\['([^']*)'\]|\[(\d+|\*)\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) throw new ValidationException(`JSONPath ${path} is not valid: use $.a.b, $['a.b'] or $.a[0].`);
    const name = m[3] ?? m[1] ?? m[2]!;
    steps.push(name === '*' && m[2] === undefined ? WILDCARD : m[3] !== undefined ? Number(m[3]) : name);
  }
  return steps;
}

export function readJsonPath(value: unknown, steps: PathStep[]): unknown {
  let current = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (current === null || typeof current !== 'object') return undefined;
    if (step === WILDCARD) {
      const rest = steps.slice(i + 1);
      return Object.values(current)
        .map((item) => readJsonPath(item, rest))
        .filter((item) => item !== undefined);
    }
    current = (current as Record<string | number, unknown>)[step];
    if (current === undefined) return undefined;
  }
  return current;
}
