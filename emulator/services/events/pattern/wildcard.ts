/**
 * The `wildcard` operator: `*` matches any run of characters (including none), `\*` is a literal
 * star and `\\` a literal backslash; consecutive `**` and other escapes are invalid.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-wildcard-matching
 *
 * Matching never backtracks: the pattern is split at its stars into literal segments; the first
 * must be a prefix, the last a suffix, and each middle segment is taken at its leftmost place
 * after the previous one (leftmost is always safe when `*` is the only metacharacter). The cost
 * is one forward scan of the value per segment, however many stars the pattern has.
 */
import { InvalidEventPatternException } from '../errors';

export type WildcardTest = (value: string) => boolean;

export function compileWildcard(pattern: string): WildcardTest {
  const segments = splitAtStars(pattern);
  if (segments.length === 1) {
    const exact = segments[0]!;
    return (value) => value === exact;
  }
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const middle = segments.slice(1, -1).filter((s) => s !== '');
  const fixed = first.length + last.length;
  return (value) => {
    if (value.length < fixed || !value.startsWith(first) || !value.endsWith(last)) return false;
    const end = value.length - last.length;
    let at = first.length;
    for (const segment of middle) {
      const found = value.indexOf(segment, at);
      if (found < 0 || found + segment.length > end) return false;
      at = found + segment.length;
    }
    return true;
  };
}

/** The literal text between unescaped stars, escapes resolved; validates the pattern. */
function splitAtStars(pattern: string): string[] {
  const segments: string[] = [];
  let current = '';
  let previousStar = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (previousStar)
        throw new InvalidEventPatternException(
          `Consecutive wildcard characters at pos ${i} in "${pattern}".`,
        );
      segments.push(current);
      current = '';
      previousStar = true;
      continue;
    }
    previousStar = false;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') {
        throw new InvalidEventPatternException(
          `Invalid escape character at pos ${i} in wildcard "${pattern}".`,
        );
      }
      current += next;
      i++;
      continue;
    }
    current += c;
  }
  segments.push(current);
  return segments;
}
