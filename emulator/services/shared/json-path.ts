/**
 * The one JSONPath engine of the emulator: the subset that both EventBridge (InputPath,
 * InputPathsMap) and API Gateway mapping templates (`$input.path`, `$input.json`) use.
 * `$`, `.name`, `['name']` / `["name"]`, `[index]`, `[-index]`, `.*` and `[*]`; a wildcard
 * collects its matches into a list. Names are looked up only as own keys of plain objects, so
 * `$.a.length` or `$.a.constructor` find nothing, as in the Java JSONPath both services run.
 * - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 * - https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#input-variable-reference
 *
 * The services differ only around the engine, and each says so in its adapter: how a syntax
 * error is reported (EventBridge: ValidationException at PutTargets; API Gateway: a render
 * failure) and how a missing value is written out.
 */
export type JsonPathStep =
  { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export interface CompiledJsonPath {
  readonly source: string;
  readonly steps: readonly JsonPathStep[];
  /** True when a wildcard makes the result a list. */
  readonly collects: boolean;
}

export class JsonPathSyntaxError extends Error {
  constructor(
    readonly path: string,
    readonly at: string,
  ) {
    super(
      at === path
        ? `JSONPath ${JSON.stringify(path)} must start with $.`
        : `JSONPath ${JSON.stringify(path)} is not valid at "${at}": use $.a.b, $['a.b'], $.a[0] or $.a[*].`,
    );
    this.name = 'JsonPathSyntaxError';
  }
}

const STEP =
  /\.\*|\[\s*\*\s*\]|\.([^.[\]]+)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(-?\d+)\s*\]/y;

const cache = new Map<string, CompiledJsonPath>();
const CACHE_LIMIT = 500;

export function compileJsonPath(path: string): CompiledJsonPath {
  const hit = cache.get(path);
  if (hit) return hit;
  const text = path.trim();
  if (!text.startsWith('$')) throw new JsonPathSyntaxError(path, path);
  const steps: JsonPathStep[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < text.length) {
    const at = STEP.lastIndex;
    const m = STEP.exec(text);
    if (!m) throw new JsonPathSyntaxError(path, text.slice(at));
    if (m[1] !== undefined) steps.push({ kind: 'name', name: m[1] });
    else if (m[2] !== undefined) steps.push({ kind: 'name', name: unescape(m[2]) });
    else if (m[3] !== undefined) steps.push({ kind: 'name', name: unescape(m[3]) });
    else if (m[4] !== undefined) steps.push({ kind: 'index', index: Number(m[4]) });
    else steps.push({ kind: 'wildcard' });
  }
  const compiled = { source: path, steps, collects: steps.some((s) => s.kind === 'wildcard') };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(path, compiled);
  return compiled;
}

/** The value at `path`, a list when the path has a wildcard, or `undefined` when it is absent. */
export function readJsonPath(root: unknown, path: string | CompiledJsonPath): unknown {
  const compiled = typeof path === 'string' ? compileJsonPath(path) : path;
  if (!compiled.collects) return readSingle(root, compiled.steps);
  let current: unknown[] = [root];
  for (const step of compiled.steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'wildcard') {
        if (Array.isArray(value)) next.push(...value);
        else if (isObject(value)) next.push(...Object.values(value));
      } else {
        const found = stepInto(value, step);
        if (found !== undefined) next.push(found);
      }
    }
    current = next;
  }
  return current;
}

function readSingle(root: unknown, steps: readonly JsonPathStep[]): unknown {
  let current = root;
  for (const step of steps) {
    current = stepInto(current, step);
    if (current === undefined) return undefined;
  }
  return current;
}

function stepInto(value: unknown, step: JsonPathStep): unknown {
  if (step.kind === 'index') {
    if (!Array.isArray(value)) return undefined;
    const at = step.index < 0 ? value.length + step.index : step.index;
    return at >= 0 && at < value.length ? value[at] : undefined;
  }
  if (step.kind === 'name' && isObject(value) && Object.hasOwn(value, step.name)) return value[step.name];
  return undefined;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
