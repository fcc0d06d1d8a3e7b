import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  escapeJavaScript,
  parseJson,
  urlDecode,
  urlEncode,
} from '../../../../emulator/services/apigateway/vtl/util';
import { VtlInvalidJsonError, VtlRenderError } from '../../../../emulator/services/apigateway/vtl/errors';

describe('$util', () => {
  it.each([
    ["it's", "it\\'s"],
    ['say "hi"', 'say \\"hi\\"'],
    ['back\\slash', 'back\\\\slash'],
    ['a/b', 'a\\/b'],
    ['\b\t\n\f\r', '\\b\\t\\n\\f\\r'],
    ['\u0000\u0001\u001f', '\\u0000\\u0001\\u001F'],
    ['\u007f', '\u007f'],
    ['é', '\\u00E9'],
    ['€', '\\u20AC'],
    ['😀', '\\uD83D\\uDE00'],
    ['plain text 123', 'plain text 123'],
  ])('escapeJavaScript(%j) is %j, as Apache Commons escapes on the JVM', (input, expected) => {
    expect(escapeJavaScript(input)).toBe(expected);
  });

  it('escapeJavaScript of a null reference stays null', () => {
    expect(escapeJavaScript(undefined)).toBeUndefined();
  });

  it('parseJson gives a navigable object and rejects invalid JSON', () => {
    expect(parseJson('{"a":[1,{"b":"c"}]}')).toEqual({ a: [1, { b: 'c' }] });
    expect(() => parseJson('{nope')).toThrow(VtlInvalidJsonError);
  });

  it.each([
    ['a b&c=d/é', 'a+b%26c%3Dd%2F%C3%A9'],
    ['keep.-*_AZaz09', 'keep.-*_AZaz09'],
    ['~!', '%7E%21'],
    ['😀', '%F0%9F%98%80'],
  ])('urlEncode(%j) is form encoding %j', (input, expected) => {
    expect(urlEncode(input)).toBe(expected);
    expect(urlDecode(expected)).toBe(input);
  });

  it('urlDecode reads + as space and rejects a broken escape', () => {
    expect(urlDecode('a+b%20c')).toBe('a b c');
    expect(() => urlDecode('100%')).toThrow(VtlRenderError);
  });

  it('base64 works on UTF-8 bytes', () => {
    expect(base64Encode('héllo 😀')).toBe(Buffer.from('héllo 😀', 'utf8').toString('base64'));
    expect(base64Decode('aMOpbGxvIPCfmIA=')).toBe('héllo 😀');
    expect(() => base64Decode('not base64!')).toThrow(VtlRenderError);
  });
});
