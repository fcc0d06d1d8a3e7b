/**
 * `$util` of API Gateway mapping templates, with the JVM behaviour AWS has:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
 */
import { VtlInvalidJsonError, VtlRenderError } from './errors';
import { toVelocityValue } from './values';

/**
 * Apache Commons `escapeJavaScript`: `'` → `\'`, `"` → `\"`, `\` → `\\`, `/` → `\/`, `\b \t \n \f \r`,
 * other control characters and everything above U+007F as `\uXXXX` (upper-case hex, UTF-16 units).
 * `\'` is not valid JSON: templates building JSON must undo it (`.replaceAll("\\'", "'")`).
 */
export function escapeJavaScript(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const input = String(value);
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    const ch = input[i];
    if (code > 0x7f || (code < 0x20 && !NAMED_CONTROL[ch])) {
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    } else if (code < 0x20) {
      out += NAMED_CONTROL[ch];
    } else if (ch === "'" || ch === '"' || ch === '\\' || ch === '/') {
      out += `\\${ch}`;
    } else {
      out += ch;
    }
  }
  return out;
}

const NAMED_CONTROL: Record<string, string> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
};

/** `$util.parseJson`: a JSON string to an object the template can navigate. */
export function parseJson(value: unknown): unknown {
  try {
    return toVelocityValue(JSON.parse(String(value)));
  } catch (cause) {
    throw new VtlInvalidJsonError(`$util.parseJson: not valid JSON`, { cause });
  }
}

/** java.net.URLEncoder.encode(s, "UTF-8"): form encoding, space → `+`, keeps `A-Z a-z 0-9 . - * _`. */
export function urlEncode(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let out = '';
  for (const byte of Buffer.from(String(value), 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** java.net.URLDecoder.decode(s, "UTF-8"): `+` → space, `%XX` bytes decoded as UTF-8. */
export function urlDecode(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const input = String(value);
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes).toString('utf8');
    bytes.length = 0;
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === '%') {
      const hex = input.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new VtlRenderError(`$util.urlDecode: illegal hex characters in escape (%) pattern "%${hex}"`);
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      flush();
      out += ch === '+' ? ' ' : ch;
    }
  }
  flush();
  return out;
}

/** Base64 of the UTF-8 bytes. */
export function base64Encode(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Buffer.from(String(value), 'utf8').toString('base64');
}

/** Base64 (standard alphabet) to a UTF-8 string. */
export function base64Decode(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const input = String(value);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input) || input.replace(/=+$/, '').length % 4 === 1) {
    throw new VtlRenderError('$util.base64Decode: the input is not valid base64');
  }
  return Buffer.from(input, 'base64').toString('utf8');
}

export function createUtil() {
  return { escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode, base64Decode };
}
