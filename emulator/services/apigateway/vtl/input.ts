/**
 * `$input` of API Gateway mapping templates: the payload (request body, or the integration's
 * response body in a response template) and the method request parameters.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#input-variable-reference
 */
import { VtlInvalidJsonError } from './errors';
import { evaluateJsonPath } from './json-path';
import { toVelocityValue } from './values';

export interface InputSource {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly queryString: Readonly<Record<string, string>>;
  readonly pathParams: Readonly<Record<string, string>>;
}

export function createInput(source: InputSource) {
  let parsed: { value: unknown } | undefined;
  const payload = (): unknown => {
    if (!parsed) {
      // An empty payload reads as `{}`: the usual `$input.json('$')` pass-through yields `{}`.
      if (source.body.trim() === '') {
        parsed = { value: {} };
      } else {
        try {
          parsed = { value: JSON.parse(source.body) };
        } catch (cause) {
          throw new VtlInvalidJsonError('$input: the payload is not valid JSON', { cause });
        }
      }
    }
    return parsed.value;
  };

  return {
    body: source.body,
    /** The JSON text at a JSONPath. */
    json(path: string): string {
      const value = evaluateJsonPath(payload(), path);
      // PARITY: AWS does not document the result for a path that matches nothing; we render nothing.
      return value === undefined ? '' : JSON.stringify(value);
    },
    /** The object at a JSONPath, navigable with `.field`, `.get()`, `.size()`. */
    path(path: string): unknown {
      return toVelocityValue(evaluateJsonPath(payload(), path));
    },
    /**
     * With a name: that parameter from the path, then the query string, then the headers (header
     * names compare case-insensitively, as HTTP has them); `""` when absent.
     * Without: `{path, querystring, header}`.
     */
    params(name?: string): unknown {
      if (name === undefined) {
        return {
          path: { ...source.pathParams },
          querystring: { ...source.queryString },
          header: { ...source.headers },
        };
      }
      if (Object.prototype.hasOwnProperty.call(source.pathParams, name)) return source.pathParams[name];
      if (Object.prototype.hasOwnProperty.call(source.queryString, name)) return source.queryString[name];
      const wanted = String(name).toLowerCase();
      const header = Object.keys(source.headers).find((h) => h.toLowerCase() === wanted);
      return header === undefined ? '' : source.headers[header];
    },
  };
}
