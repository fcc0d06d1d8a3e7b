/**
 * AWS REST-JSON (restJson1) wire format, as Lambda speaks it: the operation comes from the method
 * and a path template (`/2015-03-31/functions/{FunctionName}/invocations`), inputs from path
 * labels, query and headers, outputs as JSON bodies; errors carry `x-amzn-errortype`.
 * https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 */
import type { AwsError } from './errors';

export interface RestRoute<Op extends string> {
  readonly method: string;
  /** Path template with `{Label}` segments; `{Label}` matches one URL-encoded segment. A trailing slash is optional. */
  readonly path: string;
  readonly operation: Op;
}

export interface RestMatch<Op extends string> {
  readonly operation: Op;
  /** Decoded path labels. */
  readonly labels: Record<string, string>;
  readonly query: URLSearchParams;
}

/** The route a request addresses, or undefined. */
export function matchRestRoute<Op extends string>(
  routes: readonly RestRoute<Op>[],
  method: string,
  url: string,
): RestMatch<Op> | undefined {
  const parsed = new URL(url, 'http://localhost');
  // SDKs differ on a trailing slash (`/functions/` vs `/functions?MaxItems=2`); both mean one route.
  const trim = (p: string) => (p.length > 1 ? p.replace(/\/$/, '') : p);
  const segments = trim(parsed.pathname).split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const template = trim(route.path).split('/');
    if (template.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    const matches = template.every((part, i) => {
      const segment = segments[i]!;
      if (part.startsWith('{') && part.endsWith('}')) {
        if (segment === '') return false;
        labels[part.slice(1, -1)] = decodeURIComponent(segment);
        return true;
      }
      return part === segment;
    });
    if (matches) return { operation: route.operation, labels, query: parsed.searchParams };
  }
  return undefined;
}

export interface RestResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** JSON-serialized by the caller, or raw bytes (Lambda's Invoke payload). */
  readonly body?: string | Buffer;
}

export function serializeRestJsonError(error: AwsError): RestResponse {
  return {
    status: error.statusCode,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
    body: JSON.stringify({ Type: error.fault === 'Sender' ? 'User' : 'Service', message: error.message }),
  };
}
