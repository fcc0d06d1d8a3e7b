/**
 * java.lang.String methods for velocityjs, which would otherwise call the JavaScript ones
 * (`"a.b".replaceAll(".", "-")` must be `---` as on the JVM, not `a-b`). Registered as velocityjs
 * custom method handlers, consulted before its built-in ones.
 */
import { VtlRenderError } from './errors';
import { javaMatches, javaReplace, javaSplit } from './java-regex';

type Handler = (self: string, args: unknown[]) => unknown;

const str = (value: unknown): string => (value === undefined || value === null ? 'null' : String(value));

function index(self: string, at: unknown, allowEnd: boolean): number {
  const n = Number(at);
  if (!Number.isInteger(n) || n < 0 || n > self.length || (!allowEnd && n === self.length)) {
    throw new VtlRenderError(`String index out of range: ${String(at)} (length ${self.length})`);
  }
  return n;
}

/** Java `trim()` strips every character up to U+0020, control characters included. */
function javaTrim(self: string): string {
  let start = 0;
  let end = self.length;
  while (start < end && self.charCodeAt(start) <= 0x20) start++;
  while (end > start && self.charCodeAt(end - 1) <= 0x20) end--;
  return self.slice(start, end);
}

const STRING_METHODS: Record<string, Handler> = {
  length: (s) => s.length,
  isEmpty: (s) => s.length === 0,
  contains: (s, [x]) => s.includes(str(x)),
  equals: (s, [x]) => typeof x === 'string' && s === x,
  equalsIgnoreCase: (s, [x]) =>
    typeof x === 'string' && s.toUpperCase().toLowerCase() === x.toUpperCase().toLowerCase(),
  startsWith: (s, [x, offset]) => s.startsWith(str(x), offset === undefined ? 0 : Number(offset)),
  endsWith: (s, [x]) => s.endsWith(str(x)),
  indexOf: (s, [x, from]) => s.indexOf(str(x), from === undefined ? 0 : Number(from)),
  lastIndexOf: (s, [x, from]) =>
    from === undefined ? s.lastIndexOf(str(x)) : s.lastIndexOf(str(x), Number(from)),
  charAt: (s, [at]) => s[index(s, at, false)],
  substring: (s, [begin, end]) => {
    const b = index(s, begin, true);
    const e = end === undefined ? s.length : index(s, end, true);
    if (b > e) throw new VtlRenderError(`String index out of range: begin ${b}, end ${e}`);
    return s.slice(b, e);
  },
  concat: (s, [x]) => s + str(x),
  trim: (s) => javaTrim(s),
  toLowerCase: (s) => s.toLowerCase(),
  toUpperCase: (s) => s.toUpperCase(),
  toString: (s: string) => s,
  /** `replace(CharSequence, CharSequence)`: every literal occurrence, no regex. */
  replace: (s, [target, replacement]) => s.split(str(target)).join(str(replacement)),
  replaceAll: (s, [regex, replacement]) => javaReplace(s, str(regex), str(replacement), true),
  replaceFirst: (s, [regex, replacement]) => javaReplace(s, str(regex), str(replacement), false),
  matches: (s, [regex]) => javaMatches(s, str(regex)),
  split: (s, [regex]) => javaSplit(s, str(regex)),
};

export const javaStringMethodHandlers = [
  {
    uid: 'emulator: java.lang.String',
    match: ({ property, context }: { property: string; context: unknown }) =>
      typeof context === 'string' && Object.prototype.hasOwnProperty.call(STRING_METHODS, property),
    resolve: ({ property, context, params }: { property: string; context: unknown; params: unknown[] }) =>
      STRING_METHODS[property](context as string, params),
  },
  {
    // Object.equals / toString on numbers and booleans (`$input.path('$.count').equals(0)`).
    uid: 'emulator: java.lang.Object',
    match: ({ property, context }: { property: string; context: unknown }) =>
      (typeof context === 'number' || typeof context === 'boolean') &&
      (property === 'equals' || property === 'toString'),
    resolve: ({ property, context, params }: { property: string; context: unknown; params: unknown[] }) =>
      property === 'equals' ? context === params[0] : String(context),
  },
];
