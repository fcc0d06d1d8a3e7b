/**
 * The JSONPath subset API Gateway templates use with `$input.json` / `$input.path`: `$`, `.name`,
 * `['name']`, `[index]`, `[-index]`, `.*` and `[*]`. A wildcard collects its matches into a list.
 */
import { VtlRenderError } from './errors';

type Step = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

const cache = new Map<string, Step[]>();

export function parseJsonPath(path: string): Step[] {
  const hit = cache.get(path);
  if (hit) return hit;
  const trimmed = path.trim();
  if (!trimmed.startsWith('$'))
    throw new VtlRenderError(`JSONPath ${JSON.stringify(path)} must start with $`);
  const steps: Step[] = [];
  let i = 1;
  while (i < trimmed.length) {
    const rest = trimmed.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^\.\*/.exec(rest)) || (m = /^\[\*\]/.exec(rest))) {
      steps.push({ kind: 'wildcard' });
    } else if ((m = /^\.([^.[\]]+)/.exec(rest))) {
      steps.push({ kind: 'name', name: m[1] });
    } else if (
      (m = /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/.exec(rest)) ||
      (m = /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest))
    ) {
      steps.push({ kind: 'name', name: m[1].replace(/\\(.)/g, '$1') });
    } else if ((m = /^\[\s*(-?\d+)\s*\]/.exec(rest))) {
      steps.push({ kind: 'index', index: Number(m[1]) });
    } else {
      throw new VtlRenderError(`Unsupported JSONPath ${JSON.stringify(path)} at "${rest}"`);
    }
    i += m[0].length;
  }
  if (cache.size > 500) cache.clear();
  cache.set(path, steps);
  return steps;
}

/** The value at `path`, or `undefined` when the path does not exist. */
export function evaluateJsonPath(root: unknown, path: string): unknown {
  let current: unknown[] = [root];
  let collected = false;
  for (const step of parseJsonPath(path)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'wildcard') {
        if (Array.isArray(value)) next.push(...value);
        else if (isObject(value)) next.push(...Object.values(value));
        collected = true;
      } else if (step.kind === 'index') {
        if (Array.isArray(value)) {
          const at = step.index < 0 ? value.length + step.index : step.index;
          if (at >= 0 && at < value.length) next.push(value[at]);
        }
      } else if (isObject(value) && Object.prototype.hasOwnProperty.call(value, step.name)) {
        next.push(value[step.name]);
      }
    }
    current = next;
  }
  if (collected) return current;
  return current.length === 0 ? undefined : current[0];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
