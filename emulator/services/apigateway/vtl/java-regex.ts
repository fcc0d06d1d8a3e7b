/**
 * Java regular expressions (java.util.regex.Pattern) on JavaScript RegExp. API Gateway runs VTL on
 * the JVM, so `replaceAll`, `replaceFirst`, `matches` and `split` in a template take Java patterns
 * and Java replacement strings: `"\\'"` is the Java regex "backslash, then apostrophe".
 * https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html
 *
 * Patterns are translated to a `u`-flag RegExp, keeping Java's meaning where the two differ
 * (`.`, `$`, `\s`, `\A`, `\z`, `\Q…\E`, POSIX `\p{…}` classes, identity escapes).
 */
import { UnsupportedJavaRegexError, VtlRenderError } from './errors';

const LINE_TERMINATORS = '\\n\\r\\u0085\\u2028\\u2029';
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const END_OF_INPUT = '(?![\\s\\S])';
/** Java `$` without MULTILINE: end of input, or before a final line terminator. */
const JAVA_DOLLAR = `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?${END_OF_INPUT})`;
/** Characters that must stay escaped in a JS `u` RegExp; `-` only inside a class. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

/** Java POSIX / java.lang.Character classes (US-ASCII unless noted). */
const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: JAVA_SPACE,
};

export interface TranslatedRegex {
  readonly source: string;
  readonly flags: string;
}

const cache = new Map<string, TranslatedRegex>();

/** Translates a Java pattern to a JavaScript RegExp source and flags (always `u`). */
export function translateJavaRegex(pattern: string): TranslatedRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const translated = new Translator(pattern).run();
  if (cache.size > 500) cache.clear();
  cache.set(pattern, translated);
  return translated;
}

/** A RegExp with Java semantics; `extraFlags` such as `g` are added. */
export function javaRegExp(pattern: string, extraFlags = '', wrap?: (source: string) => string): RegExp {
  const { source, flags } = translateJavaRegex(pattern);
  try {
    return new RegExp(wrap ? wrap(source) : source, flags + extraFlags);
  } catch (cause) {
    throw new VtlRenderError(`Invalid Java regex ${JSON.stringify(pattern)}: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** `String.matches`: the whole string must match. */
export function javaMatches(input: string, pattern: string): boolean {
  return javaRegExp(pattern, '', (s) => `(?<![\\s\\S])(?:${s})${END_OF_INPUT}`).test(input);
}

/** `String.replaceAll` / `replaceFirst` with a Java replacement string (`$1`, `${name}`, `\$`). */
export function javaReplace(input: string, pattern: string, replacement: string, all: boolean): string {
  const regex = javaRegExp(pattern, all ? 'g' : '');
  const parts = parseReplacement(replacement);
  return input.replace(regex, (...args: unknown[]) => {
    const hasNamed = typeof args[args.length - 1] === 'object' && args[args.length - 1] !== undefined;
    const groups = (hasNamed ? args[args.length - 1] : undefined) as Record<string, string> | undefined;
    const numbered = args.slice(0, hasNamed ? -3 : -2) as (string | undefined)[];
    return parts
      .map((part) => {
        if (typeof part === 'string') return part;
        if ('name' in part) {
          if (!groups || !(part.name in groups))
            throw new VtlRenderError(`No group with name {${part.name}}`);
          return groups[part.name] ?? '';
        }
        if (part.group >= numbered.length) throw new VtlRenderError(`No group ${part.group}`);
        return numbered[part.group] ?? '';
      })
      .join('');
  });
}

/** `String.split(regex)`: Java drops trailing empty strings and a leading one from a zero-width match. */
export function javaSplit(input: string, pattern: string): string[] {
  const out: string[] = [];
  let index = 0;
  for (const match of input.matchAll(javaRegExp(pattern, 'g'))) {
    if (match.index === 0 && match[0].length === 0) continue;
    if (match[0].length === 0 && match.index >= input.length) break;
    out.push(input.slice(index, match.index));
    index = match.index + match[0].length;
  }
  if (out.length === 0) return [input];
  out.push(input.slice(index));
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

type ReplacementPart = string | { group: number } | { name: string };

function parseReplacement(replacement: string): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let literal = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '\\') {
      if (i + 1 >= replacement.length) throw new VtlRenderError('character to be escaped is missing');
      literal += replacement[++i];
    } else if (c === '$') {
      if (literal) parts.push(literal);
      literal = '';
      const named = /^\{([A-Za-z][A-Za-z0-9]*)\}/.exec(replacement.slice(i + 1));
      const digits = /^\d+/.exec(replacement.slice(i + 1));
      if (named) {
        parts.push({ name: named[1] });
        i += named[0].length;
      } else if (digits) {
        // PARITY: Java takes as many digits as still name an existing group; we take them all.
        parts.push({ group: Number(digits[0]) });
        i += digits[0].length;
      } else {
        throw new VtlRenderError(`Illegal group reference in replacement ${JSON.stringify(replacement)}`);
      }
    } else {
      literal += c;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

class Translator {
  private i = 0;
  private out = '';
  private flags = new Set<string>(['u']);
  private inClass = 0;

  constructor(private readonly pattern: string) {}

  run(): TranslatedRegex {
    this.leadingFlags();
    const p = this.pattern;
    while (this.i < p.length) {
      const c = p[this.i];
      if (c === '\\') this.escape();
      else if (this.inClass) this.classChar(c);
      else this.plainChar(c);
    }
    return { source: this.out, flags: [...this.flags].sort().join('') };
  }

  private unsupported(construct: string): never {
    throw new UnsupportedJavaRegexError(this.pattern, construct);
  }

  private leadingFlags(): void {
    const m = /^\(\?([a-zA-Z]+)\)/.exec(this.pattern);
    if (!m) return;
    for (const f of m[1]) {
      if (f === 'i' || f === 'm' || f === 's') this.flags.add(f);
      else if (f !== 'u' && f !== 'd') this.unsupported(`the inline flag (?${f})`);
    }
    this.i = m[0].length;
  }

  private plainChar(c: string): void {
    const p = this.pattern;
    this.i++;
    if (c === '[') {
      this.inClass = 1;
      this.out += '[';
      if (p[this.i] === '^') {
        this.out += '^';
        this.i++;
      }
      return;
    }
    if (c === '.') {
      this.out += this.flags.has('s') ? '[\\s\\S]' : `[^${LINE_TERMINATORS}]`;
      return;
    }
    if (c === '$') {
      this.out += this.flags.has('m') ? '$' : JAVA_DOLLAR;
      return;
    }
    if (c === '(' && p[this.i] === '?') {
      const rest = p.slice(this.i + 1);
      if (/^(?::|=|!|<=|<!|<[A-Za-z])/.test(rest)) {
        this.out += '(?';
        this.i++;
        return;
      }
      this.unsupported(rest.startsWith('>') ? 'an atomic group (?>…)' : 'an inline flag group');
    }
    if ('*+?}'.includes(c) && p[this.i] === '+') this.unsupported('a possessive quantifier');
    this.out += c;
  }

  private classChar(c: string): void {
    this.i++;
    if (c === '[') this.unsupported('a nested character class');
    if (c === '&' && this.pattern[this.i] === '&') this.unsupported('a character class intersection (&&)');
    if (c === ']') this.inClass = 0;
    this.out += c;
  }

  private escape(): void {
    const p = this.pattern;
    const c = p[this.i + 1];
    if (c === undefined) throw new VtlRenderError(`Unexpected internal error: pattern ends with \\ in ${p}`);
    this.i += 2;
    const inClass = this.inClass > 0;
    switch (c) {
      case 'Q': {
        const end = p.indexOf('\\E', this.i);
        const text = p.slice(this.i, end === -1 ? p.length : end);
        this.i = end === -1 ? p.length : end + 2;
        for (const ch of text) this.out += this.literal(ch);
        return;
      }
      case 's':
        this.out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
        return;
      case 'S':
        // PARITY: inside a class JS `\S` (Unicode whitespace) stands in for Java's ASCII one.
        this.out += inClass ? '\\S' : `[^${JAVA_SPACE}]`;
        return;
      case 'h':
      case 'H': {
        const set = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
        this.classEscape(c === 'h' ? set : null, `[^${set}]`, set);
        return;
      }
      case 'v':
      case 'V': {
        const set = '\\n\\x0B\\f\\r\\u0085\\u2028\\u2029';
        this.classEscape(c === 'v' ? set : null, `[^${set}]`, set);
        return;
      }
      case 'R':
        if (inClass) this.unsupported('\\R inside a class');
        this.out += '(?:\\r\\n|[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029])';
        return;
      case 'a':
        this.out += '\\x07';
        return;
      case 'e':
        this.out += '\\x1B';
        return;
      case 'A':
        this.out += '(?<![\\s\\S])';
        return;
      case 'z':
        this.out += END_OF_INPUT;
        return;
      case 'Z':
        this.out += JAVA_DOLLAR;
        return;
      case 'G':
        this.unsupported('\\G');
        return;
      case 'x':
        if (p[this.i] === '{') {
          const end = p.indexOf('}', this.i);
          this.out += `\\u{${p.slice(this.i + 1, end)}}`;
          this.i = end + 1;
        } else {
          this.out += `\\x${p.slice(this.i, this.i + 2)}`;
          this.i += 2;
        }
        return;
      case '0': {
        const oct = /^[0-3]?[0-7]{1,2}/.exec(p.slice(this.i))?.[0] ?? '';
        this.i += oct.length;
        this.out += `\\u{${parseInt(oct || '0', 8).toString(16)}}`;
        return;
      }
      case 'p':
      case 'P':
        this.property(c === 'P');
        return;
      default:
        break;
    }
    if (/[0-9]/.test(c) || 'dDwWbBtnrfuck'.includes(c)) {
      this.out += `\\${c}`;
      return;
    }
    if (/[A-Za-z]/.test(c)) this.unsupported(`the escape \\${c}`);
    // Java allows a backslash before any non-alphabetic character; JS `u` mode only before syntax ones.
    this.out += this.literal(c);
  }

  private literal(ch: string): string {
    return SYNTAX.has(ch) || (ch === '-' && this.inClass) ? `\\${ch}` : ch;
  }

  /** Emits a set-based escape: its members inside a class, a class (or negated class) outside. */
  private classEscape(positive: string | null, negated: string, members: string): void {
    if (this.inClass) {
      if (positive === null) this.unsupported('a negated escape inside a class');
      this.out += members;
    } else {
      this.out += positive === null ? negated : `[${positive}]`;
    }
  }

  private property(negated: boolean): void {
    const p = this.pattern;
    let name: string;
    if (p[this.i] === '{') {
      const end = p.indexOf('}', this.i);
      name = p.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      name = p[this.i++];
    }
    const posix = POSIX[name.replace(/^Is/, '')];
    if (posix !== undefined) {
      if (negated && this.inClass) this.unsupported(`\\P{${name}} inside a class`);
      this.out += this.inClass ? posix : `[${negated ? '^' : ''}${posix}]`;
      return;
    }
    const category = name
      .replace(/^Is/, '')
      .replace(/^javaLowerCase$/, 'Ll')
      .replace(/^javaUpperCase$/, 'Lu');
    if (/^(?:[LMNPSZC][a-z]?|Alphabetic|Latin|Greek|Cyrillic|Han)$/.test(category)) {
      const jsName =
        /^[A-Z][a-z]+$/.test(category) && category !== 'Alphabetic' ? `Script=${category}` : category;
      this.out += `\\${negated ? 'P' : 'p'}{${jsName}}`;
      return;
    }
    this.unsupported(`the property \\p{${name}}`);
  }
}
