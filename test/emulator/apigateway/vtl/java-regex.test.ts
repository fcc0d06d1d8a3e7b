import { describe, expect, it } from 'vitest';
import { javaMatches, javaReplace, javaSplit } from '../../../../emulator/services/apigateway/vtl/java-regex';
import {
  UnsupportedJavaRegexError,
  VtlRenderError,
} from '../../../../emulator/services/apigateway/vtl/errors';

describe('Java regex semantics', () => {
  it.each([
    // [input, regex, replacement, replaceAll result]
    ["it\\'s", "\\\\'", "'", "it's"],
    ['a.b.c', '.', '-', '-----'],
    ['a.b.c', '\\.', '-', 'a-b-c'],
    ['a.b.c', '\\Q.\\E', '-', 'a-b-c'],
    ['2024-01-31', '(\\d+)-(\\d+)-(\\d+)', '$3/$2/$1', '31/01/2024'],
    ['2024-01', '(?<y>\\d+)-(?<m>\\d+)', '${m}.${y}', '01.2024'],
    ['cost', 'cost', '\\$5', '$5'],
    ['a \u00a0b', '\\s', '_', 'a_\u00a0b'],
    ['Hello', '(?i)h', 'j', 'jello'],
    ['line1\nline2', '.+', 'x', 'x\nx'],
    ['line1\nline2', '(?s).+', 'x', 'x'],
    ['ab\n', '$', '!', 'ab!\n!'],
    ["x'y", "\\'", '_', 'x_y'],
    ['A1b2', '\\p{Alpha}', '-', '-1-2'],
    ['é1', '\\p{L}', 'L', 'L1'],
  ])('replaceAll on %j with %j and %j gives %j', (input, regex, replacement, expected) => {
    expect(javaReplace(input, regex, replacement, true)).toBe(expected);
  });

  it('replaceFirst replaces only the first match', () => {
    expect(javaReplace('/webhooks/delivery/acme-post', '^.*/', '', false)).toBe('acme-post');
    expect(javaReplace('aaa', 'a', 'b', false)).toBe('baa');
  });

  it('rejects replacement strings Java rejects', () => {
    expect(() => javaReplace('a', 'a', '$x', true)).toThrow(VtlRenderError);
    expect(() => javaReplace('a', 'a', 'trailing\\', true)).toThrow(VtlRenderError);
  });

  it.each([
    ['abc', 'abc', true],
    ['abc', 'ab', false],
    ['abc\n', 'abc$', false],
    ['abc', '[a-c]+', true],
    ['acme-post', '[a-z0-9][a-z0-9-]*', true],
  ])('%j.matches(%j) is %s (the whole string must match)', (input, regex, expected) => {
    expect(javaMatches(input, regex)).toBe(expected);
  });

  it.each([
    ['a,b,,c,,', ',', ['a', 'b', '', 'c']],
    ['abc', '', ['a', 'b', 'c']],
    [',a', ',', ['', 'a']],
    ['no-match', ',', ['no-match']],
    ['a1b22c', '\\d+', ['a', 'b', 'c']],
  ])('%j.split(%j) is %j, trailing empty strings dropped', (input, regex, expected) => {
    expect(javaSplit(input, regex)).toEqual(expected);
  });

  it.each([['a++'], ['(?>a)'], ['[a-z&&[^b]]'], ['a(?i)b']])(
    'names the unsupported construct in %j instead of guessing',
    (regex) => {
      expect(() => javaReplace('a', regex, '', true)).toThrow(UnsupportedJavaRegexError);
    },
  );

  it('reports an invalid pattern as a render error', () => {
    expect(() => javaMatches('a', '(unclosed')).toThrow(VtlRenderError);
  });
});
