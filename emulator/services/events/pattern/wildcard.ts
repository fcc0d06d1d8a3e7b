/**
 * The `wildcard` operator: `*` matches any run of characters (including none), `\*` is a literal
 * star and `\\` a literal backslash; consecutive `**` and other escapes are invalid.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-wildcard-matching
 */
import { InvalidEventPatternException } from '../errors';

export function compileWildcard(pattern: string): RegExp {
  let source = '';
  let previousStar = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (previousStar)
        throw new InvalidEventPatternException(
          `Consecutive wildcard characters at pos ${i} in "${pattern}".`,
        );
      source += '.*';
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
      source += `\\${next}`;
      i++;
      continue;
    }
    source += c.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
