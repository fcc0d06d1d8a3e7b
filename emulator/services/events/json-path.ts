/**
 * The JSONPath subset EventBridge accepts in InputPath and InputPathsMap: `$`, `.name`,
 * `['name']` and `[index]`. Returns undefined for a path that is not in the event.
 */
import { ValidationException } from '../../protocol/errors';

export type PathStep = string | number;

export function parseJsonPath(path: string): PathStep[] {
  if (!path.startsWith('$')) throw new ValidationException(`JSONPath ${path} must start with $.`);
  const steps: PathStep[] = [];
  const re = /\.([^.[\]]+)|\['([^']*)'\]|\[(\d+)\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) throw new ValidationException(`JSONPath ${path} is not valid: use $.a.b, $['a.b'] or $.a[0].`);
    steps.push(m[3] !== undefined ? Number(m[3]) : (m[1] ?? m[2])!);
  }
  return steps;
}

export function readJsonPath(value: unknown, steps: PathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
    if (current === undefined) return undefined;
  }
  return current;
}
