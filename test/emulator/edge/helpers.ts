/** Raw HTTP to the edge, with full control of Host, Origin and Content-Length (fetch forbids them). */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function raw(
  endpoint: string,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string | number>;
    body?: string | Buffer;
    /** Send the headers only, without the body they announce. */
    withholdBody?: boolean;
  } = {},
): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/',
        headers: {
          ...(options.body !== undefined && !options.headers?.['transfer-encoding']
            ? { 'content-length': Buffer.byteLength(options.body) }
            : {}),
          ...options.headers,
        },
        setHost: options.headers?.host === undefined,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.withholdBody) req.flushHeaders();
    else req.end(options.body);
  });
}
